/* open.c: list a server's sessions; create a project's sessions, and undo
 * that on failure (see open.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "open.h"
#include "project.h"
#include "tmux.h"

#define LIST_FORMAT "#{pid} #{session_id} #{session_windows} " \
	"#{session_attached} #{session_name}"
#define NEW_FORMAT "#{pid} #{session_id} #{window_id} #{pane_id}"
#define WRAPPER "trap : INT QUIT; set -m; \"${SHELL:-/bin/sh}\" -c \"$1\"; " \
	"exec \"${SHELL:-/bin/sh}\""

static int
nomem(struct buf *msg)
{
	buf_reset(msg);
	buf_adds(msg, "out of memory");
	errno = ENOMEM;
	return -1;
}

/* A number at *s followed by a space; advances *s past the space. */
static int
field_long(char **s, long *v)
{
	char *end;

	errno = 0;
	*v = strtol(*s, &end, 10);
	if (errno || end == *s || *end != ' ' || *v < 0)
		return -1;
	*s = end + 1;
	return 0;
}

/* A tmux id ("$3", "@12", "%7") at *s followed by c (' ', '\n' or '\0');
 * copied to out. */
static int
field_id(char **s, int sigil, int c, char *out, size_t len)
{
	char *p = *s;
	size_t n;

	if (*p != sigil)
		return -1;
	n = 1 + strspn(p + 1, "0123456789");
	if (n == 1 || n >= len || p[n] != c)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	*s = p + n + (c != '\0');
	return 0;
}

int
live_list(struct tmux *t, struct livelist *l, struct buf *msg)
{
	struct targv a = TARGV_INIT;
	struct buf out = BUF_INIT, err = BUF_INIT;
	struct live *nv, *lv;
	char *s, *nl, id[32];
	int dry = t->dry_run, code, r = -1;
	long pid, w, c;

	memset(l, 0, sizeof *l);
	if (targv_arg(&a, "list-sessions") < 0 || targv_arg(&a, "-F") < 0 ||
	    targv_arg(&a, LIST_FORMAT) < 0) {
		nomem(msg);
		goto out;
	}
	t->dry_run = 0;
	code = tmux_run(t, &a, &out, &err);
	t->dry_run = dry;
	if (code < 0) {
		buf_reset(msg);
		buf_printf(msg, "unable to run tmux: %s", strerror(errno));
		goto out;
	}
	if (code != 0) {
		if (code == 1 && tmux_no_server(tmux_msg(&err))) {
			r = 0;
			goto out;
		}
		buf_reset(msg);
		buf_printf(msg, "tmux list-sessions: %s", tmux_msg(&err));
		errno = EPROTO;
		goto out;
	}
	for (s = out.p; s && *s; s = nl + 1) {
		nl = strchr(s, '\n');
		if (nl == NULL)
			break;
		*nl = '\0';
		if (field_long(&s, &pid) < 0 || field_id(&s, '$', ' ', id,
		    sizeof id) < 0 || field_long(&s, &w) < 0 ||
		    field_long(&s, &c) < 0) {
			buf_reset(msg);
			buf_printf(msg, "unexpected output from tmux "
			    "list-sessions: '%s'", s);
			errno = EPROTO;
			goto out;
		}
		nv = realloc(l->v, (l->n + 1) * sizeof *nv);
		if (nv == NULL) {
			nomem(msg);
			goto out;
		}
		l->v = nv;
		lv = &l->v[l->n];
		lv->name = strdup(s);
		lv->id = strdup(id);
		if (lv->name == NULL || lv->id == NULL) {
			free(lv->name);
			free(lv->id);
			nomem(msg);
			goto out;
		}
		lv->windows = w;
		lv->clients = c;
		l->n++;
		l->pid = pid;
	}
	r = 0;
out:
	if (r < 0)
		live_free(l);
	targv_free(&a);
	buf_free(&out);
	buf_free(&err);
	return r;
}

const struct live *
live_find(const struct livelist *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return &l->v[i];
	return NULL;
}

void
live_free(struct livelist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].id);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The pane's command as tmux's last arguments (none for a shell). */
static int
add_command(struct targv *a, const struct pane *pn)
{
	if (pn->command == NULL)
		return 0;
	if (pn->on_exit == ON_EXIT_CLOSE)
		return targv_arg(a, pn->command);
	if (targv_arg(a, "/bin/sh") < 0 || targv_arg(a, "-c") < 0 ||
	    targv_arg(a, WRAPPER) < 0 || targv_arg(a, "sh") < 0)
		return -1;
	return targv_arg(a, pn->command);
}

/* The ids a new-session or new-window printed. */
struct ids {
	long pid;
	char s[32], w[32], p[32];
};

static int
parse_ids(struct buf *out, struct ids *id)
{
	char *s = out->p;

	if (s == NULL || field_long(&s, &id->pid) < 0 ||
	    field_id(&s, '$', ' ', id->s, sizeof id->s) < 0 ||
	    field_id(&s, '@', ' ', id->w, sizeof id->w) < 0 ||
	    field_id(&s, '%', '\n', id->p, sizeof id->p) < 0 || *s != '\0')
		return -1;
	return 0;
}

/* Record a session this run created, for open_undo(). */
static int
remember(struct opener *o, const struct ids *id, const char *name)
{
	struct made *nv;

	nv = realloc(o->made, (o->nmade + 1) * sizeof *nv);
	if (nv == NULL)
		return -1;
	o->made = nv;
	nv[o->nmade].pid = id->pid;
	snprintf(nv[o->nmade].id, sizeof nv[o->nmade].id, "%s", id->s);
	nv[o->nmade].name = name;
	o->nmade++;
	return 0;
}

/* Run a creating command and read the ids it printed (placeholders in a
 * dry run). A new session is remembered as soon as it exists. Returns 0,
 * 1 for "duplicate session", -1 with msg. */
static int
run_new(struct opener *o, const struct targv *a, const char *what,
    const char *sname, int is_session, struct ids *id, struct buf *msg)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	int code, r = -1, bad;

	buf_reset(msg);
	code = tmux_run(o->t, a, &out, &err);
	if (code < 0) {
		buf_printf(msg, "unable to run tmux: %s", strerror(errno));
		goto out;
	}
	if (o->t->dry_run) {
		id->pid = 0;
		if (is_session)
			snprintf(id->s, sizeof id->s, "$S%u", ++o->ns);
		snprintf(id->w, sizeof id->w, "@W%u", ++o->nw);
		snprintf(id->p, sizeof id->p, "%%P%u", ++o->np);
		r = 0;
		goto out;
	}
	if (code != 0) {
		const char *e = tmux_msg(&err);
		if (is_session && code == 1 &&
		    strncmp(e, "duplicate session", 17) == 0) {
			r = 1;
			goto out;
		}
		buf_printf(msg, "session %s: tmux %s: %s", sname, what, e);
		errno = EPROTO;
		goto out;
	}
	bad = parse_ids(&out, id) < 0;
	if (is_session) {
		if (bad) {
			/* It was made, but its id is unknown: its exact
			 * name still names it for the undo. */
			id->pid = o->pid;
			snprintf(id->s, sizeof id->s, "=%s", sname);
		}
		if (remember(o, id, sname) < 0) {
			nomem(msg);
			goto out;
		}
	}
	if (bad) {
		buf_printf(msg, "session %s: unexpected output from tmux "
		    "%s: '%s'", sname, what, out.p ? out.p : "");
		errno = EPROTO;
		goto out;
	}
	if (o->pid && id->pid != o->pid) {
		buf_printf(msg, "session %s: the tmux server changed during "
		    "the run (pid %ld, then %ld)", sname, o->pid, id->pid);
		o->pid = id->pid;
		errno = EPROTO;
		goto out;
	}
	o->pid = id->pid;
	r = 0;
out:
	buf_free(&out);
	buf_free(&err);
	return r;
}

/* Append what follows a window's creation: its tags, its extra panes,
 * its layout, the focus on its first pane. */
static int
add_followup(struct targv *a, const struct opener *o, const struct session *s,
    const struct window *w, const struct ids *id)
{
	size_t j;

	if ((a->n && targv_sep(a) < 0) ||
	    targv_arg(a, "set-option") < 0 || targv_arg(a, "-w") < 0 ||
	    targv_arg(a, "-t") < 0 || targv_arg(a, id->w) < 0 ||
	    targv_arg(a, "@project") < 0 || targv_arg(a, o->p->name) < 0 ||
	    targv_sep(a) < 0 ||
	    targv_arg(a, "set-option") < 0 || targv_arg(a, "-w") < 0 ||
	    targv_arg(a, "-t") < 0 || targv_arg(a, id->w) < 0 ||
	    targv_arg(a, "@tmux_session") < 0 || targv_arg(a, s->name) < 0)
		return -1;
	/* Without -d the new pane becomes the window's active one, so the
	 * next split, aimed at the window, splits it: the panes come in
	 * the order given. */
	for (j = 1; j < w->npanes; j++)
		if (targv_sep(a) < 0 || targv_arg(a, "split-window") < 0 ||
		    targv_arg(a, "-t") < 0 || targv_arg(a, id->w) < 0 ||
		    targv_arg(a, "-c") < 0 ||
		    targv_fmt(a, w->panes[j].dir) < 0 ||
		    add_command(a, &w->panes[j]) < 0)
			return -1;
	if (w->layout && (targv_sep(a) < 0 ||
	    targv_arg(a, "select-layout") < 0 || targv_arg(a, "-t") < 0 ||
	    targv_arg(a, id->w) < 0 || targv_arg(a, w->layout) < 0))
		return -1;
	if (w->npanes > 1 && (targv_sep(a) < 0 ||
	    targv_arg(a, "select-pane") < 0 || targv_arg(a, "-t") < 0 ||
	    targv_arg(a, id->p) < 0))
		return -1;
	return 0;
}

/* Whether tmux's message says that window or pane of id is gone. */
static int
vanished(const char *m, const struct ids *id)
{
	const char *c = strrchr(m, ' ');

	if (c == NULL || (strncmp(m, "no such window", 14) != 0 &&
	    strncmp(m, "can't find window", 17) != 0 &&
	    strncmp(m, "can't find pane", 15) != 0))
		return 0;
	return strcmp(c + 1, id->w) == 0 || strcmp(c + 1, id->p) == 0;
}

/* Run follow-up commands; gone, when not NULL, is a window that may have
 * closed by itself. */
static int
run_followup(struct opener *o, const struct targv *a, const struct session *s,
    const struct ids *gone, struct buf *msg)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	int code, r = -1;

	code = tmux_run(o->t, a, &out, &err);
	if (code < 0) {
		buf_printf(msg, "unable to run tmux: %s", strerror(errno));
	} else if (code != 0 && !(gone && code == 1 &&
	    vanished(tmux_msg(&err), gone))) {
		buf_printf(msg, "session %s: tmux: %s", s->name, tmux_msg(&err));
		errno = EPROTO;
	} else {
		r = 0;
	}
	buf_free(&out);
	buf_free(&err);
	return r;
}

int
open_session(struct opener *o, const struct session *s, struct buf *msg)
{
	struct targv a = TARGV_INIT;
	struct ids sid, *wid = NULL;
	const struct window *w;
	size_t i;
	int r = -1;

	wid = calloc(s->nwindows, sizeof *wid);
	if (wid == NULL)
		return nomem(msg);
	/* The session, with its first window. */
	w = &s->windows[0];
	if (targv_arg(&a, "new-session") < 0 || targv_arg(&a, "-d") < 0 ||
	    targv_arg(&a, "-s") < 0 || targv_fmt(&a, s->name) < 0 ||
	    (w->name && (targv_arg(&a, "-n") < 0 ||
	    targv_fmt(&a, w->name) < 0)) ||
	    targv_arg(&a, "-c") < 0 || targv_fmt(&a, w->panes[0].dir) < 0 ||
	    targv_arg(&a, "-P") < 0 || targv_arg(&a, "-F") < 0 ||
	    targv_arg(&a, NEW_FORMAT) < 0 || add_command(&a, &w->panes[0]) < 0) {
		nomem(msg);
		goto out;
	}
	r = run_new(o, &a, "new-session", s->name, 1, &sid, msg);
	if (r != 0)
		goto out;
	r = -1;
	wid[0] = sid;
	/* The other windows, behind the first (-d: the first stays the
	 * session's current window). */
	for (i = 1; i < s->nwindows && !o->t->signo; i++) {
		w = &s->windows[i];
		targv_reset(&a);
		if (targv_arg(&a, "new-window") < 0 ||
		    targv_arg(&a, "-d") < 0 || targv_arg(&a, "-t") < 0 ||
		    targv_arg(&a, sid.s) < 0 ||
		    (w->name && (targv_arg(&a, "-n") < 0 ||
		    targv_fmt(&a, w->name) < 0)) ||
		    targv_arg(&a, "-c") < 0 ||
		    targv_fmt(&a, w->panes[0].dir) < 0 ||
		    targv_arg(&a, "-P") < 0 || targv_arg(&a, "-F") < 0 ||
		    targv_arg(&a, NEW_FORMAT) < 0 ||
		    add_command(&a, &w->panes[0]) < 0) {
			nomem(msg);
			goto out;
		}
		if (run_new(o, &a, "new-window", s->name, 0, &wid[i], msg) < 0)
			goto out;
		if (!o->t->dry_run && strcmp(wid[i].s, sid.s) != 0) {
			buf_printf(msg, "session %s: tmux new-window made a "
			    "window in session %s, not %s", s->name, wid[i].s,
			    sid.s);
			errno = EPROTO;
			goto out;
		}
	}
	if (o->t->signo) {
		/* Interrupted: the caller undoes what was made. */
		r = 0;
		goto out;
	}
	/* Tags, extra panes, layouts and focus: one call, by id, for the
	 * windows that stay; a window whose first pane closes when its
	 * command ends may be gone already: one call each, where "no such
	 * window" is no error. */
	targv_reset(&a);
	for (i = 0; i < s->nwindows; i++)
		if (s->windows[i].panes[0].on_exit != ON_EXIT_CLOSE &&
		    add_followup(&a, o, s, &s->windows[i], &wid[i]) < 0) {
			nomem(msg);
			goto out;
		}
	if (a.n && run_followup(o, &a, s, NULL, msg) < 0)
		goto out;
	for (i = 0; i < s->nwindows; i++) {
		if (s->windows[i].panes[0].on_exit != ON_EXIT_CLOSE)
			continue;
		targv_reset(&a);
		if (add_followup(&a, o, s, &s->windows[i], &wid[i]) < 0) {
			nomem(msg);
			goto out;
		}
		if (run_followup(o, &a, s, &wid[i], msg) < 0)
			goto out;
	}
	r = 0;
out:
	free(wid);
	targv_free(&a);
	return r;
}

int
open_undo(struct opener *o, struct buf *removed, struct buf *msg)
{
	struct livelist l;
	struct targv a = TARGV_INIT;
	struct buf out = BUF_INIT, err = BUF_INIT;
	const struct live *lv;
	size_t i;
	int code, r = -1, dry = o->t->dry_run;

	buf_reset(removed);
	if (o->nmade == 0 || dry)
		return 0;
	if (live_list(o->t, &l, msg) < 0)
		return -1;
	for (i = o->nmade; i-- > 0;) {
		const struct made *m = &o->made[i];
		lv = live_find(&l, m->name);
		/* Only what this run made: same server, same id (or, when
		 * tmux did not say the id, the exact name). */
		if (lv == NULL || l.pid != m->pid ||
		    (m->id[0] == '$' && strcmp(lv->id, m->id) != 0))
			continue;
		if ((a.n && targv_sep(&a) < 0) ||
		    targv_arg(&a, "kill-session") < 0 ||
		    targv_arg(&a, "-t") < 0 || targv_arg(&a, lv->id) < 0 ||
		    (removed->len && buf_addc(removed, ' ') < 0) ||
		    buf_adds(removed, m->name) < 0) {
			nomem(msg);
			goto out;
		}
	}
	r = 0;
	if (a.n == 0)
		goto out;
	code = tmux_run(o->t, &a, &out, &err);
	if (code != 0) {
		buf_reset(msg);
		if (code < 0)
			buf_printf(msg, "unable to run tmux: %s",
			    strerror(errno));
		else
			buf_printf(msg, "tmux kill-session: %s",
			    tmux_msg(&err));
		r = -1;
	}
out:
	live_free(&l);
	targv_free(&a);
	buf_free(&out);
	buf_free(&err);
	return r;
}

void
open_free(struct opener *o)
{
	free(o->made);
	o->made = NULL;
	o->nmade = 0;
}
