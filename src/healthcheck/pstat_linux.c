/* pstat_linux.c: process liveness, CPU time and RSS from /proc (Linux). */
#ifdef __linux__
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "hc.h"
#include "io.h"

void
hc_subreaper(void)
{
	(void)prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

long
pstat_hz(void)
{
	static long hz;

	if (hz == 0) {
		hz = sysconf(_SC_CLK_TCK);
		if (hz <= 0)
			hz = 100;
	}
	return hz;
}

/* Fields of /proc/PID/stat after the command name: state, ppid, ...,
 * utime (14), stime (15), ..., starttime (22). */
struct stat_line {
	char state;
	pid_t ppid;
	uint64_t ticks, start;
};

static int
read_stat(pid_t pid, struct stat_line *sl)
{
	char path[64], buf[1024], *p;
	unsigned long long ut, st, start;
	int fd, ppid;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = io_readfull(fd, buf, sizeof buf - 1);
	io_close(fd);
	if (n <= 0) {
		errno = ESRCH;
		return -1;
	}
	buf[n] = '\0';
	/* The name may hold spaces and parentheses: skip to the last ')'. */
	p = strrchr(buf, ')');
	if (p == NULL || sscanf(p + 1, " %c %d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu"
	    " %*d %*d %*d %*d %*d %*d %llu", &sl->state, &ppid, &ut, &st, &start) != 5) {
		errno = EINVAL;
		return -1;
	}
	sl->ppid = (pid_t)ppid;
	sl->ticks = ut + st;
	sl->start = start;
	return 0;
}

int
pstat_alive(pid_t pid)
{
	struct stat_line sl;

	if (kill(pid, 0) < 0 && errno != EPERM)
		return errno == ESRCH ? 0 : -1;
	if (read_stat(pid, &sl) < 0)
		return errno == ENOENT || errno == ESRCH ? 0 : 1;
	return sl.state != 'Z' && sl.state != 'X';
}

static uint64_t
read_rss(pid_t pid)
{
	char path[64], buf[128];
	unsigned long long size, res;
	int fd;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%ld/statm", (long)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = io_readfull(fd, buf, sizeof buf - 1);
	io_close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	if (sscanf(buf, "%llu %llu", &size, &res) != 2)
		return 0;
	return (uint64_t)res * (uint64_t)sysconf(_SC_PAGESIZE);
}

static int
add_proc(struct pstat *s, pid_t pid, const struct stat_line *sl)
{
	struct pstat_proc *np;

	if ((s->n & (s->n - 1)) == 0) {		/* 0, 1, 2, 4...: grow */
		np = realloc(s->procs, (s->n ? s->n * 2 : 1) * sizeof *np);
		if (np == NULL)
			return -1;
		s->procs = np;
	}
	s->procs[s->n].pid = pid;
	s->procs[s->n].start = sl->start;
	s->procs[s->n].ticks = sl->ticks;
	s->n++;
	s->rss += read_rss(pid);
	return 0;
}

int
pstat_read(pid_t pid, int tree, struct pstat *s, const char **why)
{
	struct stat_line sl;
	struct { pid_t pid, ppid; struct stat_line sl; } *all = NULL, *na;
	size_t nall = 0, cap = 0, i, k;
	struct dirent *de;
	DIR *d;
	char *end;
	long v;
	int grew;

	memset(s, 0, sizeof *s);
	if (read_stat(pid, &sl) < 0 || sl.state == 'Z') {
		*why = "no such process";
		errno = ESRCH;
		return -1;
	}
	if (add_proc(s, pid, &sl) < 0)
		goto nomem;
	if (!tree)
		return 0;
	/* Every process and its parent, then the descendants of pid. */
	d = opendir("/proc");
	if (d == NULL) {
		*why = "unable to read /proc";
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		v = strtol(de->d_name, &end, 10);
		if (*end != '\0' || v <= 0 || v == pid)
			continue;
		if (read_stat((pid_t)v, &sl) < 0 || sl.state == 'Z')
			continue;
		if (nall == cap) {
			cap = cap ? cap * 2 : 256;
			na = realloc(all, cap * sizeof *all);
			if (na == NULL) {
				closedir(d);
				free(all);
				goto nomem;
			}
			all = na;
		}
		all[nall].pid = (pid_t)v;
		all[nall].ppid = sl.ppid;
		all[nall].sl = sl;
		nall++;
	}
	closedir(d);
	do {
		grew = 0;
		for (i = 0; i < nall; i++) {
			if (all[i].pid == 0)
				continue;
			for (k = 0; k < s->n; k++)
				if (s->procs[k].pid == all[i].ppid)
					break;
			if (k == s->n)
				continue;
			if (add_proc(s, all[i].pid, &all[i].sl) < 0) {
				free(all);
				goto nomem;
			}
			all[i].pid = 0;
			grew = 1;
		}
	} while (grew);
	free(all);
	return 0;
nomem:
	*why = strerror(errno);
	pstat_free(s);
	return -1;
}

#endif /* __linux__ */
