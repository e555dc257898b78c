/* pstat.c: the portable part of process figures, and the fallback where
 * there is no /proc to read (see pstat_linux.c). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hc.h"

void
pstat_free(struct pstat *s)
{
	free(s->procs);
	memset(s, 0, sizeof *s);
}

uint64_t
pstat_cpu_delta(const struct pstat *a, const struct pstat *b)
{
	uint64_t sum = 0;
	size_t i, k;

	/* A process in both readings counts what it used in between; one
	 * that is new in b started during the sample and counts it all. */
	for (k = 0; k < b->n; k++) {
		for (i = 0; i < a->n; i++)
			if (a->procs[i].pid == b->procs[k].pid &&
			    a->procs[i].start == b->procs[k].start)
				break;
		if (i < a->n) {
			if (b->procs[k].ticks > a->procs[i].ticks)
				sum += b->procs[k].ticks - a->procs[i].ticks;
		} else {
			sum += b->procs[k].ticks;
		}
	}
	return sum;
}

#ifndef __linux__
void
hc_subreaper(void)
{
}

long
pstat_hz(void)
{
	return 100;
}

int
pstat_alive(pid_t pid)
{
	if (kill(pid, 0) == 0 || errno == EPERM)
		return 1;
	return errno == ESRCH ? 0 : -1;
}

int
pstat_read(pid_t pid, int tree, struct pstat *s, const char **why)
{
	(void)pid;
	(void)tree;
	memset(s, 0, sizeof *s);
	*why = "CPU and memory checks are not supported on this platform";
	errno = ENOTSUP;
	return -1;
}
#endif
