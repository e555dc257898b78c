/* pstat_linux.c: process liveness, CPU time and RSS from /proc (Linux),
 * read through lib/ptab. */
#ifdef __linux__
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "hc.h"
#include "ptab.h"

void
hc_subreaper(void)
{
	(void)prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

long
pstat_hz(void)
{
	return ptab_hz();
}

int
pstat_alive(pid_t pid)
{
	struct ptab_proc p;

	if (kill(pid, 0) < 0 && errno != EPERM)
		return errno == ESRCH ? 0 : -1;
	if (ptab_stat(pid, &p) < 0)
		return errno == ENOENT || errno == ESRCH ? 0 : 1;
	return p.state != 'Z' && p.state != 'X';
}

static int
add_proc(struct pstat *s, const struct ptab_proc *p)
{
	struct pstat_proc *np;

	if ((s->n & (s->n - 1)) == 0) {		/* 0, 1, 2, 4...: grow */
		np = realloc(s->procs, (s->n ? s->n * 2 : 1) * sizeof *np);
		if (np == NULL)
			return -1;
		s->procs = np;
	}
	s->procs[s->n].pid = p->pid;
	s->procs[s->n].start = p->start;
	s->procs[s->n].ticks = p->ticks;
	s->n++;
	s->rss += p->rss;
	return 0;
}

int
pstat_read(pid_t pid, int tree, struct pstat *s, const char **why)
{
	struct ptab t;
	struct ptab_proc me, **kids;
	size_t i, k, n;

	memset(s, 0, sizeof *s);
	if (ptab_stat(pid, &me) < 0 || me.state == 'Z') {
		*why = "no such process";
		errno = ESRCH;
		return -1;
	}
	if (add_proc(s, &me) < 0)
		goto nomem;
	if (!tree)
		return 0;
	if (ptab_read(&t) < 0) {
		*why = "unable to read /proc";
		return -1;
	}
	if ((kids = malloc((t.n ? t.n : 1) * sizeof *kids)) == NULL) {
		ptab_free(&t);
		goto nomem;
	}
	/* Breadth first: s->procs grows as the descendants are found. */
	for (i = 0; i < s->n; i++) {
		n = ptab_children(&t, s->procs[i].pid, kids, t.n);
		for (k = 0; k < n && k < t.n; k++) {
			if (kids[k]->state == 'Z' || kids[k]->pid == pid)
				continue;
			if (add_proc(s, kids[k]) < 0) {
				free(kids);
				ptab_free(&t);
				goto nomem;
			}
		}
	}
	free(kids);
	ptab_free(&t);
	return 0;
nomem:
	*why = strerror(errno);
	pstat_free(s);
	return -1;
}

#endif /* __linux__ */
