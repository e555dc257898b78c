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

pid_t
app_main_pid(pid_t top)
{
	struct ptab_proc p, *kids[2];
	struct ptab t;
	pid_t found = 0, cand;
	int level;

	for (level = 0; level < 2 && top > 0; level++) {
		found = 0;
		/* The kernel's list of children, when it keeps one. */
		if ((cand = ptab_first_child(top)) > 0 &&
		    ptab_stat(cand, &p) == 0 && p.ppid == top && p.state != 'Z')
			found = cand;
		for (cand = top + 1; cand <= top + 8 && found == 0; cand++)
			if (ptab_stat(cand, &p) == 0 && p.ppid == top &&
			    p.state != 'Z')
				found = cand;
		if (found == 0 && batch) {
			/* Many apps: the table is read once for all. */
			if (!scanned && ptab_read(&scan) == 0)
				scanned = 1;
			if (scanned && ptab_children(&scan, top, kids, 2) >= 1) {
				found = kids[0]->pid;
				p = *kids[0];
				p.cmdline = NULL;
			}
		} else if (found == 0) {
			if (ptab_read(&t) < 0)
				return 0;
			if (ptab_children(&t, top, kids, 2) >= 1) {
				found = kids[0]->pid;
				p = *kids[0];
				p.cmdline = NULL;
			}
			ptab_free(&t);
		}
		if (found == 0 || strcmp(p.comm, "daemonrun") != 0)
			break;
		top = found;
	}
	return found;
}

static void
health_load(const struct app *a, struct astate *s)
{
	char *path = app_runfile(a, "health"), *text, *line, *save, *eq;
	size_t len;

	if (io_readfile(path, 65536, &text, &len) < 0) {
		free(path);
		return;
	}
	free(path);
	s->have_health = 1;
	for (line = strtok_r(text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((eq = strchr(line, '=')) == NULL)
			continue;
		*eq++ = '\0';
		if (strcmp(line, "health") == 0)
			snprintf(s->health, sizeof s->health, "%s", eq);
		else if (strcmp(line, "summary") == 0)
			snprintf(s->health_summary, sizeof s->health_summary,
			    "%s", eq);
		else if (strcmp(line, "unhealthy") == 0)
			snprintf(s->unhealthy, sizeof s->unhealthy, "%s", eq);
		else if (strcmp(line, "since") == 0)
			s->health_since = (int64_t)(strtod(eq, NULL) * 1000);
		else if (strcmp(line, "restarts") == 0)
			s->health_restarts = strtoul(eq, NULL, 10);
		else if (strcmp(line, "failures") == 0)
			s->failures = strtol(eq, NULL, 10);
		else if (strcmp(line, "successes") == 0)
			s->successes = strtol(eq, NULL, 10);
	}
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
	const char *why;
	int running = 0, r;

	memset(s, 0, sizeof *s);
	svstatus_init(&s->st);
	s->exists = app_exists(a);
	if (!s->exists) {
		s->lsb = LSB_UNKNOWN;
		s->word = "unknown";
		return;
	}
	r = svstatus_load(a->run, &s->st, &running, &why);
	s->have_status = r == 0;
	s->sv_running = running;
	s->run_pid = pid_of(a, "run.pid", &s->stale);
	/* start's daemonrun matters only when daemonctl run is not there
	 * (status reads this for every app: a lock test saved). */
	if (s->run_pid == 0)
		s->outer_pid = pid_of(a, "daemonctl.pid", &s->stale);
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
		if (s->st.pid > 0)
			s->app_pid = app_main_pid(s->st.pid);
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
	if (s->sv_running || s->run_pid)
		health_load(a, s);
}
