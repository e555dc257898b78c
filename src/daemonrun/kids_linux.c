/* kids_linux.c: the processes around CMD, from /proc and prctl (Linux);
 * a portable fallback below knows less but is never wrong. */
#include <errno.h>
#include <stdio.h>
#include <sys/types.h>

#include "daemonrun.h"

#ifdef __linux__

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "io.h"

int
kids_subreaper(void)
{
	return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

/* Fields of /proc/PID/stat after the command name: state (3), ppid (4),
 * pgrp (5), utime (14) + stime (15) in *cpu, starttime (22). */
static int
stat_fields(pid_t pid, char *state, pid_t *ppid, pid_t *pgrp,
    unsigned long long *cpu, unsigned long long *start)
{
	char path[64], buf[1024], *p;
	int fd, i;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = io_readfull(fd, buf, sizeof buf - 1);
	io_close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	/* The name may hold spaces and parentheses: skip to the last ')'. */
	if ((p = strrchr(buf, ')')) == NULL || p[1] != ' ')
		return -1;
	p += 2;
	if (state)
		*state = *p;
	for (i = 3; i < 22 && p; i++) {
		if (i == 4 && ppid)
			*ppid = (pid_t)strtol(p, NULL, 10);
		if (i == 5 && pgrp)
			*pgrp = (pid_t)strtol(p, NULL, 10);
		if (i == 14 && cpu)
			*cpu = strtoull(p, NULL, 10);
		if (i == 15 && cpu)
			*cpu += strtoull(p, NULL, 10);
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	if (p == NULL)
		return -1;
	if (start)
		*start = strtoull(p, NULL, 10);
	return 0;
}

size_t
kids_list(pid_t parent, pid_t except, pid_t *out, size_t max)
{
	DIR *d;
	struct dirent *de;
	size_t n = 0;
	pid_t pid, ppid;
	char st;
	char *end;

	if ((d = opendir("/proc")) == NULL)
		return 0;
	while (n < max && (de = readdir(d)) != NULL) {
		pid = (pid_t)strtol(de->d_name, &end, 10);
		if (*end != '\0' || pid <= 0 || pid == except)
			continue;
		if (stat_fields(pid, &st, &ppid, NULL, NULL, NULL) == 0 &&
		    ppid == parent && st != 'Z')
			out[n++] = pid;
	}
	closedir(d);
	return n;
}

unsigned long long
kids_starttime(pid_t pid)
{
	unsigned long long start;

	return stat_fields(pid, NULL, NULL, NULL, NULL, &start) == 0 ? start : 0;
}

int
kids_is_leader(pid_t pid, pid_t pgid, unsigned long long start)
{
	unsigned long long s;
	pid_t pg;
	char st;

	if (stat_fields(pid, &st, NULL, &pg, NULL, &s) < 0)
		return errno == ENOENT ? 0 : -1;
	return st != 'Z' && pg == pgid && (start == 0 || s == start);
}

int64_t
kids_cputime(pid_t pgid)
{
	DIR *d;
	struct dirent *de;
	unsigned long long cpu, sum = 0;
	long hz = sysconf(_SC_CLK_TCK);
	pid_t pid, pg;
	char st, *end;

	if (hz <= 0 || (d = opendir("/proc")) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		pid = (pid_t)strtol(de->d_name, &end, 10);
		if (*end != '\0' || pid <= 0)
			continue;
		if (stat_fields(pid, &st, NULL, &pg, &cpu, NULL) == 0 &&
		    pg == pgid && st != 'Z')
			sum += cpu;
	}
	closedir(d);
	return (int64_t)(sum * 1000 / (unsigned long long)hz);
}

#else	/* !__linux__ */

#include <signal.h>
#include <unistd.h>

int
kids_subreaper(void)
{
	errno = ENOSYS;
	return -1;
}

size_t
kids_list(pid_t parent, pid_t except, pid_t *out, size_t max)
{
	(void)parent;
	(void)except;
	(void)out;
	(void)max;
	return 0;
}

unsigned long long
kids_starttime(pid_t pid)
{
	(void)pid;
	return 0;
}

int
kids_is_leader(pid_t pid, pid_t pgid, unsigned long long start)
{
	(void)start;
	if (kill(pid, 0) < 0)
		return errno == ESRCH ? 0 : -1;
	return getpgid(pid) == pgid ? -1 : 0;
}

int64_t
kids_cputime(pid_t pgid)
{
	(void)pgid;
	return -1;
}

#endif
