/* state.c: an app's state, read from the files of its runtime directory:
 * daemonrun's status file and lock, the locked pid files of daemonctl
 * run (run.pid) and of start's daemonrun (daemonctl.pid), and the health
 * file daemonctl run keeps. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemonctl.h"
#include "err.h"
#include "io.h"
#include "lock.h"
#include "ptab.h"

/* The app's own process: the child of the supervised command (teelog),
 * or the child of that child when it is a daemonrun that stayed to
 * supervise (cgroup limits, CPU duty-cycling). Its pid is almost always
 * one of the next few: try those, then scan. */
static struct ptab scan;	/* the process table, for astate_batch */
static int batch, scanned;

void
astate_batch(int on)
{
	if (scanned)
		ptab_free(&scan);
	scanned = 0;
	batch = on;
}

/* A live child of top from the kernel's list of children, its stat in
 * *p; 0 when the list has none (or the kernel keeps no list). */
static pid_t
listed_child(pid_t top, struct ptab_proc *p)
{
	pid_t c = ptab_first_child(top);

	return c > 0 && ptab_stat(c, p) == 0 && p->ppid == top &&
	    p->state != 'Z' ? c : 0;
}

/* A child of top from the whole process table (read once for all apps
 * between astate_batch(1) and astate_batch(0)), its stat in *p; or 0. */
static pid_t
scanned_child(pid_t top, struct ptab_proc *p)
{
	struct ptab_proc *kids[2];
	struct ptab t, *tab = &t;
	pid_t found = 0;

	if (batch) {
		if (!scanned && ptab_read(&scan) == 0)
			scanned = 1;
		if (!scanned)
			return 0;
		tab = &scan;
	} else if (ptab_read(&t) < 0)
		return 0;
	if (ptab_children(tab, top, kids, 2) >= 1) {
		found = kids[0]->pid;
		*p = *kids[0];
		p->cmdline = NULL;
	}
	if (tab == &t)
		ptab_free(&t);
	return found;
}

pid_t
app_main_pid(pid_t top, int inner)
{
	struct ptab_proc p;
	pid_t found = 0, cand;
	int level;

	/* No daemonrun below teelog: its one child is the app. */
	if (inner == 0 && (found = ptab_first_child(top)) > 0)
		return found;
	for (level = 0; level < 2 && top > 0; level++) {
		found = listed_child(top, &p);
		for (cand = top + 1; cand <= top + 8 && found == 0; cand++)
			if (ptab_stat(cand, &p) == 0 && p.ppid == top &&
			    p.state != 'Z')
				found = cand;
		if (found == 0)
			found = scanned_child(top, &p);
		if (found == 0 || strcmp(p.comm, "daemonrun") != 0)
			break;
		top = found;
	}
	return found;
}

/* A bounded copy (the fields of RUN/health, for every app). */
static void
copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

pid_t
app_settled_pid(pid_t top, int onstart, int inner)
{
	struct ptab_proc p;
	pid_t c, k;

	if ((c = listed_child(top, &p)) == 0)
		return 0;
	/* Forked by teelog but not yet exec'd, or the hook still runs. */
	if (strcmp(p.comm, "teelog") == 0 ||
	    (onstart && strcmp(p.comm, "sh") == 0))
		return 0;
	if (!inner || strcmp(p.comm, "daemonrun") != 0)
		return c;
	/* The inner daemonrun: about to exec the app (look again), or
	 * staying as its parent (the app is its child). */
	if ((k = ptab_first_child(c)) <= 0)
		return 0;
	return k;
}

static void
health_load(const struct app *a, struct astate *s)
{
	char *path = app_runfile(a, "health"), small[2048], *text, *line;
	char *save, *eq;
	size_t len;

	/* One read: the file is a few hundred bytes (see io_readsmall). */
	text = io_readsmall_or_file(path, small, sizeof small, 65536, &len);
	free(path);
	if (text == NULL)
		return;
	s->have_health = 1;
	for (line = strtok_r(text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((eq = strchr(line, '=')) == NULL)
			continue;
		*eq++ = '\0';
		if (strcmp(line, "health") == 0)
			copy(s->health, sizeof s->health, eq);
		else if (strcmp(line, "summary") == 0)
			copy(s->health_summary, sizeof s->health_summary, eq);
		else if (strcmp(line, "unhealthy") == 0)
			copy(s->unhealthy, sizeof s->unhealthy, eq);
		else if (strcmp(line, "since") == 0)
			s->health_since = (int64_t)(strtod(eq, NULL) * 1000);
		else if (strcmp(line, "restarts") == 0)
			s->health_restarts = strtoul(eq, NULL, 10);
		else if (strcmp(line, "failures") == 0)
			s->failures = strtol(eq, NULL, 10);
		else if (strcmp(line, "successes") == 0)
			s->successes = strtol(eq, NULL, 10);
		else if (strcmp(line, "inner_daemonrun") == 0)
			s->inner = (int)strtol(eq, NULL, 10);
		else if (strcmp(line, "app_pid") == 0)
			s->rec_app = (pid_t)strtol(eq, NULL, 10);
		else if (strcmp(line, "supervised_pid") == 0)
			s->rec_below = (pid_t)strtol(eq, NULL, 10);
	}
	if (text != small)
		free(text);
}

/* A locked pid file: its pid when alive, 0; *stale set when the file is
 * there but no one holds it. */
static pid_t
pid_of(const struct app *a, const char *file, int *stale)
{
	char *path = app_runfile(a, file);
	pid_t pid = 0;
	int r;

	r = pidfile_read(path, &pid);
	free(path);
	if (r == 0)
		*stale = 1;
	return r == 1 ? pid : 0;
}

void
astate_load(const struct app *a, struct astate *s)
{
	astate_read(a, s, 0);
}

void
astate_read(const struct app *a, struct astate *s, int flags)
{
	const char *why;
	int running = 0, r;

	memset(s, 0, sizeof *s);
	svstatus_init(&s->st);
	s->inner = -1;
	s->exists = (flags & ASTATE_LISTED) || app_exists(a);
	if (!s->exists) {
		s->lsb = LSB_UNKNOWN;
		s->word = "unknown";
		return;
	}
	r = svstatus_load(a->run, &s->st, &running, &why);
	s->have_status = r == 0;
	s->sv_running = running;
	/* daemonctl run's pid: the brief view needs it only when the
	 * supervisor below it does not tell the state. */
	if (!(flags & ASTATE_BRIEF) || !running || !s->have_status)
		s->run_pid = pid_of(a, "run.pid", &s->stale);
	/* start's daemonrun matters only when daemonctl run is not there
	 * (status reads this for every app: a lock test saved). */
	if (s->run_pid == 0 && (!(flags & ASTATE_BRIEF) || !running))
		s->outer_pid = pid_of(a, "daemonctl.pid", &s->stale);
	if (s->sv_running || s->run_pid)
		health_load(a, s);
	if (running && s->have_status) {
		s->word = svstatus_state_name(s->st.state);
		switch (s->st.state) {
		case SV_UP:
		case SV_STARTING:
		case SV_STOPPING:
			s->lsb = LSB_RUNNING;
			break;
		default:
			s->lsb = LSB_NOT_RUNNING;
			break;
		}
		/* As daemonctl run recorded it for this start, or from
		 * /proc (it has not yet, or is gone). */
		if (s->st.pid > 0 && s->rec_app > 0 &&
		    s->rec_below == s->st.pid)
			s->app_pid = s->rec_app;
		else if (s->st.pid > 0)
			s->app_pid = app_main_pid(s->st.pid, s->inner);
	} else if (running || s->run_pid || s->outer_pid) {
		/* Between daemonctl run starting and daemonrun writing its
		 * first status. */
		s->word = "starting";
		s->lsb = LSB_NOT_RUNNING;
	} else if (s->have_status && s->st.state == SV_FAILED) {
		s->word = "failed";
		s->lsb = LSB_DEAD_PIDFILE;
	} else if (s->stale || (s->have_status && s->st.state != SV_DOWN)) {
		s->word = "dead";
		s->lsb = LSB_DEAD_PIDFILE;
	} else {
		s->word = "down";
		s->lsb = LSB_NOT_RUNNING;
	}
}
