/* ptab.c: the process table from /proc (Linux); elsewhere ENOTSUP. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ptab.h"

#ifdef __linux__

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>

#include "buf.h"
#include "io.h"

long
ptab_hz(void)
{
	static long hz;

	if (hz == 0) {
		hz = sysconf(_SC_CLK_TCK);
		if (hz <= 0)
			hz = 100;
	}
	return hz;
}

static long
pagesize(void)
{
	static long ps;

	if (ps == 0) {
		ps = sysconf(_SC_PAGESIZE);
		if (ps <= 0)
			ps = 4096;
	}
	return ps;
}

uint64_t
ptab_uptime(void)
{
	struct timespec ts;

	/* The clock /proc/PID/stat's start time counts (boot time, sleep
	 * included), in whole ticks like it: now is never before a start.
	 * (/proc/uptime went through a double: 12345.67 * 100 can come out
	 * one tick short.) */
	if (clock_gettime(CLOCK_BOOTTIME, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * (uint64_t)ptab_hz() +
	    (uint64_t)ts.tv_nsec / (1000000000UL / (uint64_t)ptab_hz());
}

double
ptab_cpu_percent(const struct ptab_proc *p, uint64_t uptime)
{
	if (uptime <= p->start)
		return 0;
	return 100.0 * (double)p->ticks / (double)(uptime - p->start);
}

/* Parse /proc/PID/stat: "pid (comm) state ppid pgrp session tty tpgid
 * flags minflt cminflt majflt cmajflt utime stime cutime cstime priority
 * nice num_threads itrealvalue starttime vsize rss ...". The name may
 * hold spaces and parentheses: it ends at the last ')'. */
static int
parse_stat(char *buf, struct ptab_proc *p)
{
	char *open_, *close_, *s, *f[24];
	size_t len;
	int i;

	if ((open_ = strchr(buf, '(')) == NULL ||
	    (close_ = strrchr(buf, ')')) == NULL || close_ < open_)
		return -1;
	len = (size_t)(close_ - open_ - 1);
	if (len >= sizeof p->comm)
		len = sizeof p->comm - 1;
	memcpy(p->comm, open_ + 1, len);
	p->comm[len] = '\0';
	s = close_ + 1;
	/* f[0] is field 3 (state) */
	for (i = 0; i < 22; i++) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			return -1;
		f[i] = s;
		while (*s && *s != ' ')
			s++;
	}
	p->state = f[0][0];
	p->ppid = (pid_t)strtol(f[1], NULL, 10);
	p->pgid = (pid_t)strtol(f[2], NULL, 10);
	p->sid = (pid_t)strtol(f[3], NULL, 10);
	p->ticks = strtoull(f[11], NULL, 10) + strtoull(f[12], NULL, 10);
	p->threads = (int)strtol(f[17], NULL, 10);
	p->start = strtoull(f[19], NULL, 10);
	p->rss = strtoull(f[21], NULL, 10) * (uint64_t)pagesize();
	return 0;
}

int
ptab_stat(pid_t pid, struct ptab_proc *p)
{
	char path[64], buf[1024];
	int fd;
	ssize_t n;

	memset(p, 0, sizeof *p);
	p->pid = pid;
	p->fds = -1;
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			errno = ESRCH;
		return -1;
	}
	n = io_readfull(fd, buf, sizeof buf - 1);
	io_close(fd);
	if (n <= 0) {
		errno = ESRCH;
		return -1;
	}
	buf[n] = '\0';
	if (parse_stat(buf, p) < 0) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

pid_t
ptab_first_child(pid_t pid)
{
	char path[80], buf[64];
	ssize_t n;
	long c;

	snprintf(path, sizeof path, "/proc/%ld/task/%ld/children", (long)pid,
	    (long)pid);
	/* A longer list fills buf: its first pid is still whole. */
	if ((n = io_readsmall(path, buf, sizeof buf)) < 0 && errno != EFBIG)
		return -1;
	if (n < 0)
		buf[sizeof buf - 1] = '\0';
	c = strtol(buf, NULL, 10);
	return c > 0 ? (pid_t)c : 0;
}

static int
cmp_pid(const void *a, const void *b)
{
	pid_t x = ((const struct ptab_proc *)a)->pid;
	pid_t y = ((const struct ptab_proc *)b)->pid;

	return (x > y) - (x < y);
}

int
ptab_read(struct ptab *t)
{
	struct ptab_proc *np;
	struct dirent *de;
	size_t cap = 0;
	DIR *d;
	char *end;
	long v;

	t->p = NULL;
	t->n = 0;
	if ((d = opendir("/proc")) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		v = strtol(de->d_name, &end, 10);
		if (*end != '\0' || v <= 0)
			continue;
		if (t->n == cap) {
			cap = cap ? cap * 2 : 256;
			np = realloc(t->p, cap * sizeof *np);
			if (np == NULL) {
				closedir(d);
				ptab_free(t);
				errno = ENOMEM;
				return -1;
			}
			t->p = np;
		}
		if (ptab_stat((pid_t)v, &t->p[t->n]) == 0)
			t->n++;
	}
	closedir(d);
	if (t->n > 1)
		qsort(t->p, t->n, sizeof *t->p, cmp_pid);
	return 0;
}

static int
count_fds(pid_t pid)
{
	char path[64];
	struct dirent *de;
	DIR *d;
	int n = 0;

	snprintf(path, sizeof path, "/proc/%ld/fd", (long)pid);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

int
ptab_detail(struct ptab_proc *p)
{
	struct buf b = BUF_INIT;
	char path[64], chunk[4096];
	ssize_t n, i;
	int fd;

	p->fds = count_fds(p->pid);
	free(p->cmdline);
	p->cmdline = NULL;
	snprintf(path, sizeof path, "/proc/%ld/cmdline", (long)p->pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		while (b.len < 65536 &&
		    (n = io_read(fd, chunk, sizeof chunk)) > 0) {
			for (i = 0; i < n; i++)
				if (chunk[i] == '\0')
					chunk[i] = ' ';
			if (buf_add(&b, chunk, (size_t)n) < 0) {
				io_close(fd);
				buf_free(&b);
				return -1;
			}
		}
		io_close(fd);
		while (b.len && b.p[b.len - 1] == ' ')
			b.p[--b.len] = '\0';
	}
	if (b.len == 0 && buf_printf(&b, "[%s]", p->comm) < 0)
		return -1;
	p->cmdline = buf_detach(&b);
	return 0;
}

#else /* !__linux__ */

long
ptab_hz(void)
{
	long hz = sysconf(_SC_CLK_TCK);

	return hz > 0 ? hz : 100;
}

uint64_t
ptab_uptime(void)
{
	return 0;
}

double
ptab_cpu_percent(const struct ptab_proc *p, uint64_t uptime)
{
	(void)p;
	(void)uptime;
	return 0;
}

int
ptab_stat(pid_t pid, struct ptab_proc *p)
{
	memset(p, 0, sizeof *p);
	p->pid = pid;
	p->fds = -1;
	errno = ENOTSUP;
	return -1;
}

pid_t
ptab_first_child(pid_t pid)
{
	(void)pid;
	errno = ENOTSUP;
	return -1;
}

int
ptab_read(struct ptab *t)
{
	t->p = NULL;
	t->n = 0;
	errno = ENOTSUP;
	return -1;
}

int
ptab_detail(struct ptab_proc *p)
{
	(void)p;
	errno = ENOTSUP;
	return -1;
}

#endif /* __linux__ */

void
ptab_proc_free(struct ptab_proc *p)
{
	free(p->cmdline);
	p->cmdline = NULL;
}

void
ptab_free(struct ptab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->p[i].cmdline);
	free(t->p);
	t->p = NULL;
	t->n = 0;
}

struct ptab_proc *
ptab_find(const struct ptab *t, pid_t pid)
{
	size_t lo = 0, hi = t->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->p[mid].pid == pid)
			return &t->p[mid];
		if (t->p[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t
ptab_children(const struct ptab *t, pid_t pid, struct ptab_proc **out,
    size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < t->n; i++)
		if (t->p[i].ppid == pid && t->p[i].pid != pid) {
			if (n < max)
				out[n] = &t->p[i];
			n++;
		}
	return n;
}
