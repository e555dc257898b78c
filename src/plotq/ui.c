/* ui.c: plotq ui: the jobs table, a log pane, keys, all on one connection's events. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"
#include "err.h"
#include "job.h"
#include "jobjson.h"
#include "opt.h"
#include "parse.h"
#include "sig.h"
#include "tstamp.h"
#include "ui.h"
#include "ui_conn.h"
#include "ui_term.h"

extern char **environ;

#define LOG_LINES 2000		/* lines the log pane keeps */
#define LOG_TAIL 65536		/* bytes of a log read when following starts */
#define LINE_MAX_BYTES 4096	/* a longer line is cut into pieces */
#define MAXREQ 64		/* requests waiting for their reply */
#define LIST_GAP_MS 250		/* at most one list request per this */
#define LIST_GAP_MAX 5000	/* ... or four times its round trip, to this */
#define POLL_MS 500		/* list interval when the daemon has no events */
#define MSG_MS 10000		/* how long a message stays */
#define ESC_MS 40		/* a lone ESC is Escape after this */
#define FIELD_MAX 4096		/* bytes in a dialog field */

enum { C_SPAWN, C_UP, C_DOWN };
enum { M_NORMAL, M_RUN, M_CONFIRM };
enum {
	REQ_EVENTS, REQ_LIST, REQ_RUN, REQ_STOP, REQ_KILL, REQ_CANCEL,
	REQ_SHUTDOWN, REQ_STATUS, REQ_PAUSE, REQ_RESUME
};
enum { F_CMD, F_QUEUE, F_NAME, NFIELDS };

struct ujob {
	int64_t id;
	char state[16];
	char reason[16];
	char queue[72];
	char exit[16];
	char *name;		/* "" when none */
	char *cmd;
	int64_t started, ended;	/* ms since the epoch, 0: not yet */
};

struct jobs {
	struct ujob *v;
	size_t n, cap;
};

struct req {
	int kind;
	int64_t id;
	char queue[72];		/* pause, resume */
};

struct logline {
	char *s;
	int err;		/* from standard error */
};

struct follow {
	struct uconn c;
	int fd;			/* the log file, -1 until open */
	char *path;
	uint64_t off;		/* read up to here */
	struct buf part;	/* a line not ended yet */
	int skip;		/* drop up to the first newline (mid-file start) */
	int done;		/* nothing more will come */
};

struct app {
	const char *argv0, *sockarg;
	struct sockpaths sp;
	struct term t;
	int conn;
	struct uspawn spawn;
	struct uconn ctl;
	struct req q[MAXREQ];
	size_t nq;
	int events;		/* the daemon streams events */
	struct jobs jobs, next;	/* shown; being listed */
	int listing, dirty;
	int64_t list_sent;
	int64_t list_gap;	/* the least time between two lists */
	int64_t sel;		/* the selected job's id, 0: none */
	int top;		/* first row shown */
	int show_log;
	int64_t fid;		/* job followed, 0: none */
	char fstate[40];	/* how it ended */
	struct follow f[2];	/* out, err */
	struct logline *lines;	/* ring */
	size_t nlines, head;
	int scroll;		/* log lines scrolled back */
	int logh;		/* log rows shown last time */
	int listh;		/* job rows shown last time */
	int mode;
	struct buf field[NFIELDS];
	int fi;
	char msg[512];
	int msg_err;
	int64_t msg_until;
	char down[512];		/* why there is no connection */
	int shutting;		/* a shutdown was asked for */
	struct buf paused;	/* the paused queues, "\nNAME\n" each */
	unsigned char kb[256];
	size_t kn;
	int64_t kb_at;
};

static const char usage_ui[] = "plotq ui [--socket path]";

/* --- messages ----------------------------------------------------------- */

static void __attribute__((format(printf, 3, 4)))
say(struct app *a, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_err = err;
	a->msg_until = tstamp_mono_ms() + MSG_MS;
}

/* --- jobs --------------------------------------------------------------- */

static void
ujob_free(struct ujob *j)
{
	free(j->name);
	free(j->cmd);
}

static void
jobs_clear(struct jobs *js)
{
	size_t i;

	for (i = 0; i < js->n; i++)
		ujob_free(&js->v[i]);
	js->n = 0;
}

static int64_t
when(const struct json *v)
{
	const char *why;
	int64_t ms;

	if (json_type(v) != JSON_STR ||
	    parse_time(json_str(v, ""), 0, &ms, &why) < 0)
		return 0;
	return ms;
}

/* A job record of the protocol, as the table needs it. */
static int
ujob_parse(struct ujob *u, const struct json *j)
{
	const struct json *sig = json_get(j, "signal");
	struct job tmp;
	const char *why;
	char **v;

	memset(u, 0, sizeof *u);
	u->id = json_int(json_get(j, "id"), 0);
	if (u->id <= 0)
		return -1;
	snprintf(u->state, sizeof u->state, "%s",
	    json_str(json_get(j, "state"), "?"));
	snprintf(u->reason, sizeof u->reason, "%s",
	    json_str(json_get(j, "reason"), ""));
	snprintf(u->queue, sizeof u->queue, "%s",
	    json_str(json_get(j, "queue"), "?"));
	if (json_type(sig) == JSON_STR)
		snprintf(u->exit, sizeof u->exit, "%s", json_str(sig, "?"));
	else if (json_isint(json_get(j, "exit")))
		snprintf(u->exit, sizeof u->exit, "%lld",
		    (long long)json_int(json_get(j, "exit"), 0));
	else
		snprintf(u->exit, sizeof u->exit, "-");
	u->started = when(json_get(j, "started"));
	u->ended = when(json_get(j, "ended"));
	if (json_type(json_get(j, "name")) == JSON_NULL ||
	    (u->name = jb_get(json_get(j, "name"), &why)) == NULL)
		u->name = strdup("");
	v = jb_getv(json_get(j, "cmd"), 1, &why);
	/* What the run dialog ran through the shell shows as typed. */
	if (v && strv_len(v) == 3 && strcmp(v[0], "/bin/sh") == 0 &&
	    strcmp(v[1], "-c") == 0) {
		u->cmd = strdup(v[2]);
	} else {
		memset(&tmp, 0, sizeof tmp);
		tmp.argv = v;
		u->cmd = v ? job_cmdline(&tmp) : strdup("?");
	}
	strv_free(v);
	if (u->name == NULL || u->cmd == NULL) {
		ujob_free(u);
		return -1;
	}
	return 0;
}

static int
jobs_add(struct jobs *js, const struct ujob *u)
{
	struct ujob *nv;

	if (js->n == js->cap) {
		nv = realloc(js->v, (js->cap ? js->cap * 2 : 64) * sizeof *nv);
		if (nv == NULL)
			return -1;
		js->v = nv;
		js->cap = js->cap ? js->cap * 2 : 64;
	}
	js->v[js->n++] = *u;
	return 0;
}

static int
by_id_desc(const void *x, const void *y)
{
	const struct ujob *a = x, *b = y;

	return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

static void
jobs_sort(struct jobs *js)
{
	if (js->n > 1)
		qsort(js->v, js->n, sizeof *js->v, by_id_desc);
}

static struct ujob *
jobs_find(struct jobs *js, int64_t id)
{
	size_t i;

	for (i = 0; i < js->n; i++)
		if (js->v[i].id == id)
			return &js->v[i];
	return NULL;
}

/* An event's job record: replace the row, or add it. */
static void
jobs_apply(struct app *a, const struct json *j)
{
	struct ujob u, *old;

	if (ujob_parse(&u, j) < 0)
		return;
	if ((old = jobs_find(&a->jobs, u.id)) != NULL) {
		ujob_free(old);
		*old = u;
		return;
	}
	if (jobs_add(&a->jobs, &u) < 0) {
		ujob_free(&u);
		return;
	}
	jobs_sort(&a->jobs);
	if (a->sel == 0)
		a->sel = u.id;
}

static int
sel_index(const struct app *a)
{
	size_t i;

	for (i = 0; i < a->jobs.n; i++)
		if (a->jobs.v[i].id == a->sel)
			return (int)i;
	return -1;
}

static struct ujob *
selected(struct app *a)
{
	int i = sel_index(a);

	return i < 0 ? NULL : &a->jobs.v[i];
}

static void
move_sel(struct app *a, int delta)
{
	int i = sel_index(a), n = (int)a->jobs.n;

	if (n == 0)
		return;
	if (i < 0)
		i = 0;
	else
		i += delta;
	if (i < 0)
		i = 0;
	if (i >= n)
		i = n - 1;
	a->sel = a->jobs.v[i].id;
}

/* --- requests ----------------------------------------------------------- */

static void disconnect(struct app *, const char *);

static void
request(struct app *a, int kind, int64_t id, const char *queue, struct buf *b)
{
	char why[256];

	if (a->conn != C_UP) {
		say(a, 1, "not connected to the daemon: r reconnects");
		return;
	}
	if (a->nq == MAXREQ) {
		say(a, 1, "the daemon is not answering: %zu requests waiting",
		    a->nq);
		return;
	}
	if (uconn_send(&a->ctl, b, why, sizeof why) < 0) {
		disconnect(a, why);
		return;
	}
	a->q[a->nq].kind = kind;
	a->q[a->nq].id = id;
	snprintf(a->q[a->nq].queue, sizeof a->q[a->nq].queue, "%s",
	    queue ? queue : "");
	a->nq++;
}

static void
simple_request(struct app *a, int kind, const char *op, int64_t id)
{
	struct buf b = BUF_INIT;
	struct json_w w;

	req_begin(&w, &b, op);
	if (id > 0) {
		json_w_key(&w, "id");
		json_w_int(&w, id);
	}
	if (kind == REQ_SHUTDOWN) {
		json_w_key(&w, "now");
		json_w_bool(&w, 0);
	}
	req_end(&w);
	request(a, kind, id, NULL, &b);
	buf_free(&b);
}

static int
is_paused(const struct app *a, const char *queue)
{
	char key[80];

	snprintf(key, sizeof key, "\n%s\n", queue);
	return a->paused.p && strstr(a->paused.p, key) != NULL;
}

/* The paused queues from a list of names (pause, resume) or of queue
 * records (status). */
static void
set_paused(struct app *a, const struct json *v)
{
	const struct json *e;
	size_t i;

	buf_reset(&a->paused);
	for (i = 0; i < json_len(v); i++) {
		e = json_index(v, i);
		if (json_type(e) == JSON_OBJ) {
			if (!json_bool(json_get(e, "paused"), 0))
				continue;
			e = json_get(e, "name");
		}
		if (json_type(e) == JSON_STR)
			buf_printf(&a->paused, "\n%s\n", json_str(e, ""));
	}
}

/* p: pause the selected job's queue, or resume it. */
static void
pause_toggle(struct app *a, const struct ujob *j)
{
	struct buf b = BUF_INIT;
	struct json_w w;
	int resume = is_paused(a, j->queue);

	req_begin(&w, &b, resume ? "resume" : "pause");
	json_w_key(&w, "queue");
	json_w_str(&w, j->queue);
	req_end(&w);
	request(a, resume ? REQ_RESUME : REQ_PAUSE, 0, j->queue, &b);
	buf_free(&b);
}

static void
list_now(struct app *a)
{
	a->dirty = 0;
	a->listing = 1;
	a->list_sent = tstamp_mono_ms();
	jobs_clear(&a->next);
	simple_request(a, REQ_LIST, "list", 0);
}

/* The run dialog's job, as `plotq run` would submit it from here. */
static void
submit(struct app *a)
{
	struct buf b = BUF_INIT;
	struct json_w w;
	const char *why, *queue = a->field[F_QUEUE].p, *name = a->field[F_NAME].p;
	char cwd[PATH_MAX], **v;
	size_t i;

	if ((v = ui_split(a->field[F_CMD].p ? a->field[F_CMD].p : "",
	    &why)) == NULL) {
		say(a, 1, "cannot run that: %s", why);
		return;
	}
	if (getcwd(cwd, sizeof cwd) == NULL)
		snprintf(cwd, sizeof cwd, "/");
	req_begin(&w, &b, "run");
	json_w_key(&w, "cmd");
	json_w_arr_begin(&w);
	for (i = 0; v[i]; i++)
		jb_put(&w, v[i], strlen(v[i]));
	json_w_arr_end(&w);
	json_w_key(&w, "env");
	json_w_arr_begin(&w);
	for (i = 0; environ[i]; i++)
		jb_put(&w, environ[i], strlen(environ[i]));
	json_w_arr_end(&w);
	json_w_key(&w, "cwd");
	jb_put(&w, cwd, strlen(cwd));
	if (queue && queue[0]) {
		json_w_key(&w, "queue");
		json_w_str(&w, queue);
	}
	if (name && name[0]) {
		json_w_key(&w, "name");
		jb_put(&w, name, strlen(name));
	}
	req_end(&w);
	strv_free(v);
	request(a, REQ_RUN, 0, NULL, &b);
	buf_free(&b);
	a->mode = M_NORMAL;
	/* The next job starts afresh, in the same queue. */
	buf_reset(&a->field[F_CMD]);
	buf_reset(&a->field[F_NAME]);
}

/* --- the log pane ------------------------------------------------------- */

static void
log_push(struct app *a, const char *s, size_t n, int err)
{
	struct buf b = BUF_INIT;
	struct logline *l;

	if (ui_log_clean(s, n, &b) < 0 || (b.p == NULL && buf_adds(&b, "") < 0)) {
		buf_free(&b);
		return;
	}
	if (a->nlines < LOG_LINES) {
		l = &a->lines[(a->head + a->nlines++) % LOG_LINES];
	} else {
		l = &a->lines[a->head];
		free(l->s);
		a->head = (a->head + 1) % LOG_LINES;
	}
	l->s = buf_detach(&b);
	l->err = err;
	if (a->scroll > 0 && a->scroll < LOG_LINES)
		a->scroll++;	/* keep the same lines in view */
}

static void
log_clear(struct app *a)
{
	size_t i;

	for (i = 0; i < a->nlines; i++)
		free(a->lines[(a->head + i) % LOG_LINES].s);
	a->nlines = a->head = 0;
	a->scroll = 0;
}

/* Split what was read into lines. */
static void
log_take(struct app *a, int s, const char *p, size_t n)
{
	struct follow *f = &a->f[s];
	const char *nl;

	while (n > 0) {
		nl = memchr(p, '\n', n);
		if (f->skip) {
			if (nl == NULL)
				return;
			f->skip = 0;
		} else if (nl == NULL) {
			buf_add(&f->part, p, n);
			if (f->part.len >= LINE_MAX_BYTES) {
				log_push(a, f->part.p, f->part.len, s);
				buf_reset(&f->part);
			}
			return;
		} else {
			buf_add(&f->part, p, (size_t)(nl - p));
			log_push(a, f->part.p ? f->part.p : "", f->part.len, s);
			buf_reset(&f->part);
		}
		n -= (size_t)(nl - p) + 1;
		p = nl + 1;
	}
}

/* Read the log file of stream s up to size (to its end when size < 0). */
static void
log_read(struct app *a, int s, int64_t size)
{
	struct follow *f = &a->f[s];
	char buf[65536];
	size_t want;
	ssize_t r;

	if (f->path == NULL)
		return;
	if (f->fd < 0 && (f->fd = open(f->path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno != ENOENT)
			say(a, 1, "unable to open %s: %s", f->path,
			    strerror(errno));
		return;
	}
	for (;;) {
		want = sizeof buf;
		if (size >= 0) {
			if (f->off >= (uint64_t)size)
				break;
			if ((uint64_t)size - f->off < want)
				want = (size_t)((uint64_t)size - f->off);
		}
		r = pread(f->fd, buf, want, (off_t)f->off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			say(a, 1, "unable to read %s: %s", f->path,
			    strerror(errno));
			break;
		}
		if (r == 0)
			break;
		f->off += (uint64_t)r;
		log_take(a, s, buf, (size_t)r);
	}
}

static void
follow_end(struct app *a, int s)
{
	struct follow *f = &a->f[s];

	f->done = 1;
	uconn_close(&f->c);
	if (f->part.len) {
		log_push(a, f->part.p, f->part.len, s);
		buf_reset(&f->part);
	}
}

static void
follow_stop(struct app *a)
{
	int s;

	for (s = 0; s < 2; s++) {
		uconn_close(&a->f[s].c);
		if (a->f[s].fd >= 0)
			close(a->f[s].fd);
		a->f[s].fd = -1;
		free(a->f[s].path);
		a->f[s].path = NULL;
		a->f[s].off = 0;
		a->f[s].skip = 0;
		a->f[s].done = 1;
		buf_reset(&a->f[s].part);
	}
	a->fid = 0;
}

/* Stop following, keeping what the pane shows. */
static void
follow_pause(struct app *a)
{
	int s;

	for (s = 0; s < 2; s++)
		if (!a->f[s].done)
			follow_end(a, s);
	snprintf(a->fstate, sizeof a->fstate, "not following");
}

static void
follow_start(struct app *a, int64_t id)
{
	struct buf b = BUF_INIT;
	struct json_w w;
	char why[256];
	int s;

	follow_stop(a);
	log_clear(a);
	a->fid = id;
	a->fstate[0] = '\0';
	a->show_log = 1;
	for (s = 0; s < 2; s++) {
		a->f[s].done = 0;
		buf_reset(&b);
		req_begin(&w, &b, "log");
		json_w_key(&w, "id");
		json_w_int(&w, id);
		json_w_key(&w, "stream");
		json_w_str(&w, s ? "err" : "out");
		json_w_key(&w, "follow");
		json_w_bool(&w, 1);
		req_end(&w);
		if (uconn_open(&a->f[s].c, &a->sp, why, sizeof why) < 0 ||
		    uconn_send(&a->f[s].c, &b, why, sizeof why) < 0) {
			say(a, 1, "%s", why);
			follow_end(a, s);
		}
	}
	buf_free(&b);
}

static void
follow_msg(struct app *a, int s, const struct json *m)
{
	struct follow *f = &a->f[s];
	const char *type = json_str(json_get(m, "type"), NULL), *why, *st;
	const struct json *job;
	int64_t size = json_int(json_get(m, "size"), 0);

	if (type == NULL) {		/* the reply */
		if (!json_bool(json_get(m, "ok"), 0)) {
			say(a, 1, "%s", json_str(json_get(m, "error"),
			    "the daemon refused the request"));
			snprintf(a->fstate, sizeof a->fstate, "no log");
			follow_end(a, s);
			return;
		}
		if ((f->path = jb_get(json_get(m, "path"), &why)) == NULL) {
			say(a, 1, "malformed message from the daemon: %s", why);
			follow_end(a, s);
			return;
		}
		if (size > LOG_TAIL) {
			f->off = (uint64_t)(size - LOG_TAIL);
			f->skip = 1;
		}
		job = json_get(m, "job");
		st = json_str(json_get(job, "state"), "");
		if (strcmp(st, "queued") != 0 && strcmp(st, "running") != 0) {
			log_read(a, s, -1);
			snprintf(a->fstate, sizeof a->fstate, "%s", st);
			follow_end(a, s);
			return;
		}
		log_read(a, s, size);
		return;
	}
	if (strcmp(type, "log") == 0) {
		log_read(a, s, size);
	} else if (strcmp(type, "end") == 0) {
		log_read(a, s, size);
		snprintf(a->fstate, sizeof a->fstate, "%s",
		    json_str(json_get(json_get(m, "job"), "state"), "ended"));
		follow_end(a, s);
	}
}

/* --- the connection ----------------------------------------------------- */

static void
disconnect(struct app *a, const char *why)
{
	int s;

	uconn_close(&a->ctl);
	for (s = 0; s < 2; s++)
		if (!a->f[s].done) {
			follow_end(a, s);
			snprintf(a->fstate, sizeof a->fstate, "daemon gone");
		}
	a->nq = 0;
	a->listing = 0;
	a->conn = C_DOWN;
	if (a->shutting)
		snprintf(a->down, sizeof a->down, "The daemon has shut down.");
	else
		snprintf(a->down, sizeof a->down, "The daemon went away: %s.",
		    why);
	a->shutting = 0;
	say(a, 1, "%s  r reconnects (starting a daemon), q quits", a->down);
}

static void
reconnect(struct app *a)
{
	char why[512];

	a->conn = C_SPAWN;
	a->down[0] = '\0';
	if (uspawn_start(&a->spawn, a->argv0, a->sockarg, why, sizeof why) < 0)
		disconnect(a, why);
	else
		say(a, 0, "connecting to the daemon on %s", a->sp.sock);
}

/* The daemon is there: subscribe to the events, list the jobs. */
static void
connected(struct app *a)
{
	char why[512];

	if (uconn_open(&a->ctl, &a->sp, why, sizeof why) < 0) {
		disconnect(a, why);
		return;
	}
	a->conn = C_UP;
	a->events = 0;
	a->nq = 0;
	say(a, 0, "connected to the daemon on %s", a->sp.sock);
	simple_request(a, REQ_EVENTS, "events", 0);
	simple_request(a, REQ_STATUS, "status", 0);
	list_now(a);
	if (a->fid > 0 && a->conn == C_UP)
		follow_start(a, a->fid);
}

static void
reply(struct app *a, const struct json *m)
{
	struct req *r;
	const struct json *js;
	const char *err;
	struct ujob u;
	size_t i;
	int ok = json_bool(json_get(m, "ok"), 0), more, si;

	if (a->nq == 0)
		return;
	r = &a->q[0];
	err = json_str(json_get(m, "error"), "the daemon refused the request");
	more = 0;
	switch (r->kind) {
	case REQ_EVENTS:
		a->events = ok;	/* without events, poll */
		break;
	case REQ_LIST:
		if (!ok) {
			say(a, 1, "%s", err);
			a->listing = 0;
			break;
		}
		js = json_get(m, "jobs");
		for (i = 0; i < json_len(js); i++)
			if (ujob_parse(&u, json_index(js, i)) == 0 &&
			    jobs_add(&a->next, &u) < 0)
				ujob_free(&u);
		more = json_bool(json_get(m, "more"), 0);
		if (!more) {
			si = sel_index(a);
			jobs_clear(&a->jobs);
			free(a->jobs.v);
			a->jobs = a->next;
			memset(&a->next, 0, sizeof a->next);
			jobs_sort(&a->jobs);
			a->listing = 0;
			a->list_gap = 4 * (tstamp_mono_ms() - a->list_sent);
			if (a->list_gap > LIST_GAP_MAX)
				a->list_gap = LIST_GAP_MAX;
			/* A selected job no longer listed: its place. */
			if (sel_index(a) < 0 && a->jobs.n > 0)
				a->sel = a->jobs.v[si < 0 ? 0 : (size_t)si <
				    a->jobs.n ? (size_t)si : a->jobs.n - 1].id;
			else if (a->jobs.n == 0)
				a->sel = 0;
		}
		break;
	case REQ_RUN:
		if (!ok) {
			say(a, 1, "run: %s", err);
			break;
		}
		a->sel = json_int(json_get(m, "id"), 0);
		say(a, 0, "job %lld submitted", (long long)a->sel);
		a->dirty = 1;
		break;
	case REQ_STOP:
	case REQ_KILL:
	case REQ_CANCEL:
		if (!ok)
			say(a, 1, "%s", err);
		else
			say(a, 0, "job %lld: %s", (long long)r->id,
			    r->kind == REQ_STOP ? "stopping (TERM, then KILL "
			    "after the grace)" : r->kind == REQ_KILL ? "killed" :
			    "cancelled");
		a->dirty = 1;
		break;
	case REQ_STATUS:
		if (ok)
			set_paused(a, json_get(m, "queues"));
		break;
	case REQ_PAUSE:
	case REQ_RESUME:
		if (!ok) {
			say(a, 1, "%s", err);
			break;
		}
		set_paused(a, json_get(m, "paused"));
		say(a, 0, "queue %s %s", r->queue, r->kind == REQ_PAUSE ?
		    "paused: its queued jobs wait" : "resumed");
		break;
	case REQ_SHUTDOWN:
		if (!ok) {
			say(a, 1, "shutdown: %s", err);
			break;
		}
		a->shutting = 1;
		say(a, 0, "the daemon is shutting down: %lld running job%s "
		    "finish%s first", (long long)json_int(json_get(m, "running"),
		    0), json_int(json_get(m, "running"), 0) == 1 ? "" : "s",
		    json_int(json_get(m, "running"), 0) == 1 ? "es" : "");
		break;
	}
	if (!more) {
		memmove(a->q, a->q + 1, (a->nq - 1) * sizeof *a->q);
		a->nq--;
	}
}

static void
ctl_msg(struct app *a, const struct json *m)
{
	const char *type = json_str(json_get(m, "type"), NULL);

	if (type == NULL) {
		reply(a, m);
		return;
	}
	if (strncmp(type, "job_", 4) == 0) {
		jobs_apply(a, json_get(m, "job"));
		a->dirty = 1;
	} else if (strcmp(type, "exit") == 0) {
		a->shutting = 1;
	}
}

/* Read and handle whatever a connection has; -1 when it is gone. */
static int
drain(struct app *a, struct uconn *c, int s)
{
	char why[512];
	struct json *m;
	int bad, rc;

	rc = uconn_read(c, why, sizeof why);
	while (c->fd >= 0 && (m = uconn_next(c, &bad, why, sizeof why)) != NULL) {
		if (s < 0)
			ctl_msg(a, m);
		else
			follow_msg(a, s, m);
		json_free(m);
	}
	if (c->fd >= 0 && (rc < 0 || bad)) {
		if (s < 0)
			disconnect(a, why);
		else
			follow_end(a, s);
		return -1;
	}
	return 0;
}

/* --- drawing ------------------------------------------------------------ */

static const char *const box_utf8[] = { "\u250c", "\u2500", "\u2510",
    "\u2502", "\u2514", "\u2518" };
static const char *const box_ascii[] = { "+", "-", "+", "|", "+", "+" };
enum { B_TL, B_H, B_TR, B_V, B_BL, B_BR };

static const char *
box(const struct app *a, int part)
{
	return (a->t.utf8 ? box_utf8 : box_ascii)[part];
}

/* A horizontal border from column x, w wide, with a title. */
static void
border(struct app *a, struct tline *l, int x, int w, int top, const char *title)
{
	int end = x + w;

	tl_pad(l, x);
	tl_str(l, box(a, top ? B_TL : B_BL));
	if (title && title[0]) {
		tl_str(l, box(a, B_H));
		tl_esc(l, "\033[1m");
		l->max = end - 1;
		tl_printf(l, " %s ", title);
		l->max = a->t.cols;
		tl_esc(l, "\033[22m");
	}
	while (l->w < end - 1)
		tl_str(l, box(a, B_H));
	tl_str(l, box(a, top ? B_TR : B_BR));
}

/* Text in a cell ending before column end. */
static void
cell(struct tline *l, const char *s, int end)
{
	int max = l->max;

	if (end < max)
		l->max = end;
	tl_str(l, s);
	l->max = max;
	tl_pad(l, end);
}

static const char *
state_color(const char *st)
{
	if (strcmp(st, "running") == 0)
		return "\033[32m";
	if (strcmp(st, "queued") == 0)
		return "\033[33m";
	if (strcmp(st, "failed") == 0 || strcmp(st, "lost") == 0)
		return "\033[31m";
	if (strcmp(st, "stopped") == 0)
		return "\033[35m";
	return "";
}

static void
start_time(int64_t ms, char *out, size_t len)
{
	struct tm tm;
	time_t t = (time_t)(ms / 1000);

	if (ms == 0 || localtime_r(&t, &tm) == NULL)
		snprintf(out, len, "-");
	else
		strftime(out, len, "%m-%d %H:%M:%S", &tm);
}

/* Column layout of the table, for an inside width of w. */
struct cols {
	int id, state, queue, cmd, started, time, exit;	/* start columns */
	int end;
	int show_queue, show_started;
};

static void
layout(struct cols *c, int x, int w)
{
	int fixed;

	c->show_queue = c->show_started = 1;
	for (;;) {
		fixed = 7 + 11 + (c->show_queue ? 11 : 0) +
		    (c->show_started ? 15 : 0) + 8 + 6;
		if (w - fixed >= 16 || (!c->show_queue && !c->show_started))
			break;
		if (c->show_started)
			c->show_started = 0;
		else
			c->show_queue = 0;
	}
	c->id = x;
	c->state = c->id + 7;
	c->queue = c->state + 11;
	c->cmd = c->queue + (c->show_queue ? 11 : 0);
	c->end = x + w;
	c->exit = c->end - 6;
	c->time = c->exit - 8;
	c->started = c->time - (c->show_started ? 15 : 0);
	if (c->started < c->cmd + 4)
		c->started = c->time = c->exit = c->end;
}

static void
job_row(struct tline *l, const struct cols *c,
    const struct ujob *j, int sel, int64_t now)
{
	char tmp[64];
	const char *col;

	/* The selection in reverse video, and marked for any terminal. */
	if (sel) {
		tl_esc(l, "\033[7m");
		tl_str(l, ">");
	}
	tl_pad(l, c->id);
	snprintf(tmp, sizeof tmp, "%lld", (long long)j->id);
	cell(l, tmp, c->state - 1);
	tl_pad(l, c->state);
	col = state_color(j->state);
	if (col[0])
		tl_esc(l, col);
	snprintf(tmp, sizeof tmp, "%s%s", j->state,
	    strcmp(j->reason, "dependency") == 0 ? "(dep)" : "");
	cell(l, tmp, c->state + 10);
	if (col[0])
		tl_esc(l, "\033[39m");
	tl_pad(l, c->queue);
	if (c->show_queue)
		cell(l, j->queue, c->cmd - 1);
	tl_pad(l, c->cmd);
	if (j->name[0]) {
		int max = l->max;

		l->max = c->started - 1;
		tl_esc(l, "\033[1m");
		tl_str(l, j->name);
		tl_esc(l, "\033[22m");
		tl_str(l, ": ");
		l->max = max;
	}
	cell(l, j->cmd, c->started - 1);
	tl_pad(l, c->started);
	if (c->show_started) {
		start_time(j->started, tmp, sizeof tmp);
		cell(l, tmp, c->time - 1);
	}
	tl_pad(l, c->time);
	if (j->started == 0)
		snprintf(tmp, sizeof tmp, "-");
	else
		(void)tstamp_age(tmp, sizeof tmp,
		    (j->ended ? j->ended : now) - j->started);
	cell(l, tmp, c->exit - 1);
	tl_pad(l, c->exit);
	cell(l, j->exit, c->end);
	if (sel)
		tl_esc(l, "\033[27m");
}

static void
draw_table(struct app *a, int y, int h)
{
	struct tline *l;
	struct cols c;
	char title[64];
	int rows = h - 3, i, si, x = 1, w = a->t.cols - 2;
	int64_t now = tstamp_now_ms();
	size_t k;

	snprintf(title, sizeof title, "Tasks (%zu)", a->jobs.n);
	border(a, &a->t.line[y], 0, a->t.cols, 1, title);
	layout(&c, x + 1, w - 2);
	l = &a->t.line[y + 1];
	tl_str(l, box(a, B_V));
	tl_esc(l, "\033[1m");
	tl_pad(l, c.id);
	cell(l, "ID", c.state);
	cell(l, "STATE", c.queue);
	if (c.show_queue)
		cell(l, "QUEUE", c.cmd);
	cell(l, "NAME/COMMAND", c.started);
	if (c.show_started)
		cell(l, "STARTED", c.time);
	cell(l, "TIME", c.exit);
	cell(l, "EXIT", c.end);
	tl_esc(l, "\033[22m");
	tl_pad(l, a->t.cols - 1);
	tl_str(l, box(a, B_V));
	a->listh = rows;
	si = sel_index(a);
	if (si >= 0 && si < a->top)
		a->top = si;
	if (si >= 0 && rows > 0 && si >= a->top + rows)
		a->top = si - rows + 1;
	if (a->top > 0 && a->top > (int)a->jobs.n - rows)
		a->top = (int)a->jobs.n - rows < 0 ? 0 : (int)a->jobs.n - rows;
	for (i = 0; i < rows; i++) {
		l = &a->t.line[y + 2 + i];
		tl_str(l, box(a, B_V));
		k = (size_t)(a->top + i);
		if (k < a->jobs.n)
			job_row(l, &c, &a->jobs.v[k], (int)k == si, now);
		else if (i == 0 && a->jobs.n == 0 && a->conn == C_UP)
			cell(l, "  no jobs: r runs one", a->t.cols - 1);
		tl_pad(l, a->t.cols - 1);
		tl_str(l, box(a, B_V));
	}
	border(a, &a->t.line[y + h - 1], 0, a->t.cols, 0, NULL);
}

static void
draw_log(struct app *a, int y, int h)
{
	struct tline *l;
	struct logline *ll;
	struct ujob *j;
	char title[256];
	int rows = h - 2, i, live = 0, s, maxscroll;
	size_t n, first;

	if (a->fid == 0) {
		snprintf(title, sizeof title, "Log");
	} else {
		for (s = 0; s < 2; s++)
			live |= !a->f[s].done;
		j = jobs_find(&a->jobs, a->fid);
		snprintf(title, sizeof title, "Log: job %lld%s%s (%s)%s",
		    (long long)a->fid, j ? " " : "", j ? (j->name[0] ? j->name :
		    j->cmd) : "", live ? "follow" : a->fstate[0] ? a->fstate :
		    "ended", a->scroll ? " scrolled" : "");
	}
	border(a, &a->t.line[y], 0, a->t.cols, 1, title);
	/* The lines held, then the partial ones, last at the bottom. */
	n = a->nlines + (a->f[0].part.len > 0) + (a->f[1].part.len > 0);
	a->logh = rows;
	maxscroll = (int)n > rows ? (int)n - rows : 0;
	if (a->scroll > maxscroll)
		a->scroll = maxscroll;
	first = n > (size_t)rows ? n - (size_t)rows - (size_t)a->scroll : 0;
	for (i = 0; i < rows; i++) {
		size_t k = first + (size_t)i;
		const char *text = NULL;
		int err = 0;

		l = &a->t.line[y + 1 + i];
		tl_str(l, box(a, B_V));
		if (k < a->nlines) {
			ll = &a->lines[(a->head + k) % LOG_LINES];
			text = ll->s;
			err = ll->err;
		} else if (k < n) {
			s = (k == a->nlines && a->f[0].part.len > 0) ? 0 : 1;
			text = a->f[s].part.p;
			err = s;
		}
		if (text) {
			tl_str(l, " ");
			if (err)
				tl_esc(l, "\033[31m");
			tl_str(l, err ? "[stderr] " : "[stdout] ");
			if (err)
				tl_esc(l, "\033[39m");
			l->max = a->t.cols - 1;
			tl_str(l, text);
			l->max = a->t.cols;
		} else if (i == 0 && a->fid == 0) {
			cell(l, " Enter follows the selected job's log",
			    a->t.cols - 1);
		}
		tl_pad(l, a->t.cols - 1);
		tl_str(l, box(a, B_V));
	}
	border(a, &a->t.line[y + h - 1], 0, a->t.cols, 0, NULL);
}

/* A box of lines in the middle of the screen; the row of its first line. */
static int
draw_box(struct app *a, const char *title, const char *const *text, int n)
{
	int w = a->t.cols - 8, x, y, i;
	struct tline *l;

	if (w > 72)
		w = 72;
	if (w < 20)
		w = a->t.cols;
	x = (a->t.cols - w) / 2;
	y = (a->t.rows - n - 2) / 2;
	if (y < 0)
		y = 0;
	l = &a->t.line[y];
	tl_reset(l, a->t.cols, a->t.utf8);
	border(a, l, x, w, 1, title);
	for (i = 0; i < n && y + 1 + i < a->t.rows; i++) {
		l = &a->t.line[y + 1 + i];
		tl_reset(l, a->t.cols, a->t.utf8);
		tl_pad(l, x);
		tl_str(l, box(a, B_V));
		tl_str(l, " ");
		cell(l, text[i], x + w - 1);
		tl_str(l, box(a, B_V));
	}
	if (y + 1 + n < a->t.rows) {
		l = &a->t.line[y + 1 + n];
		tl_reset(l, a->t.cols, a->t.utf8);
		border(a, l, x, w, 0, NULL);
	}
	return y + 1;
}

/* The tail of a field that fits in w columns. */
static const char *
field_tail(struct app *a, int f, int w)
{
	const char *s = a->field[f].p ? a->field[f].p : "";
	size_t n = strlen(s);

	while (n > 0 && ui_width(s, n, a->t.utf8, w + 1) > w) {
		s++;
		n--;
		while (n > 0 && ((unsigned char)*s & 0xc0) == 0x80) {
			s++;
			n--;
		}
	}
	return s;
}

static void
status_line(struct app *a, struct tline *l)
{
	static const char hints[] = "Enter follow  r run  s stop  k kill  "
	    "c cancel  p pause  d shutdown  l log  q quit";

	if (a->msg[0] && tstamp_mono_ms() < a->msg_until) {
		if (a->msg_err)
			tl_esc(l, "\033[1;31m");
		tl_str(l, a->msg);
		return;
	}
	if (a->conn == C_DOWN)
		tl_printf(l, "%s  r reconnects, q quits", a->down);
	else if (a->conn == C_SPAWN)
		tl_printf(l, "connecting to the daemon on %s", a->sp.sock);
	else
		tl_str(l, hints);
}

static int
render(struct app *a)
{
	struct tline *l;
	struct ujob *j;
	char f[3][FIELD_MAX + 16], title[128];
	const char *text[6], *p, *e;
	int avail, th, lh, y, crow = -1, ccol = 0, running = 0, queued = 0, w;
	size_t i;

	term_clear(&a->t);
	if (a->t.rows < 8 || a->t.cols < 30) {
		tl_str(&a->t.line[0], "terminal too small");
		return term_flush(&a->t, -1, 0);
	}
	for (i = 0; i < a->jobs.n; i++) {
		running += strcmp(a->jobs.v[i].state, "running") == 0;
		queued += strcmp(a->jobs.v[i].state, "queued") == 0;
	}
	l = &a->t.line[0];
	tl_esc(l, "\033[7m");
	tl_printf(l, " plotq ui  %s  %d running, %d queued  ",
	    a->conn == C_UP ? "(connected)" : a->conn == C_SPAWN ?
	    "(connecting)" : "(disconnected)", running, queued);
	if (a->conn == C_UP && a->paused.len > 0) {
		/* "\na\n\nb\n": "paused: a, b" */
		tl_str(l, "paused:");
		for (p = a->paused.p; (p = strchr(p, '\n')) != NULL; p = e + 1) {
			e = strchr(++p, '\n');
			tl_printf(l, "%s%.*s", p == a->paused.p + 1 ? " " : ", ",
			    (int)(e - p), p);
		}
		tl_str(l, "  ");
	}
	tl_str(l, a->sp.sock);
	tl_pad(l, a->t.cols);
	tl_esc(l, "\033[27m");
	avail = a->t.rows - 2;
	lh = a->show_log ? avail * 2 / 5 : 0;
	if (a->show_log && lh < 4)
		lh = 4;
	th = avail - lh;
	draw_table(a, 1, th);
	if (a->show_log)
		draw_log(a, 1 + th, lh);
	status_line(a, &a->t.line[a->t.rows - 1]);
	if (a->mode == M_RUN) {
		w = (a->t.cols - 8 > 72 ? 72 : a->t.cols - 8) - 14;
		snprintf(f[0], sizeof f[0], "Command: %s", field_tail(a, F_CMD, w));
		snprintf(f[1], sizeof f[1], "Queue:   %s", a->field[F_QUEUE].p &&
		    a->field[F_QUEUE].p[0] ? field_tail(a, F_QUEUE, w) :
		    a->fi == F_QUEUE ? "" : "default");
		snprintf(f[2], sizeof f[2], "Name:    %s", field_tail(a, F_NAME, w));
		text[0] = f[0];
		text[1] = f[1];
		text[2] = f[2];
		text[3] = "";
		text[4] = "Enter runs it  Tab next field  Esc cancels";
		y = draw_box(a, "Run a job", text, 5);
		crow = y + a->fi;
		ccol = a->t.cols - 8 > 72 ? (a->t.cols - 72) / 2 : 4;
		ccol += 2 + ui_width(f[a->fi], strlen(f[a->fi]), a->t.utf8,
		    a->t.cols);
		if (ccol >= a->t.cols)
			ccol = a->t.cols - 1;
	} else if (a->mode == M_CONFIRM) {
		text[0] = "Running jobs finish first; queued jobs stay queued";
		text[1] = "for the next daemon.";
		text[2] = "";
		text[3] = "y shuts it down   n or Esc cancels";
		draw_box(a, "Shut the daemon down?", text, 4);
	} else if (a->conn != C_UP) {
		if (a->conn == C_SPAWN) {
			snprintf(title, sizeof title, "Connecting");
			snprintf(f[0], sizeof f[0], "Connecting to the daemon "
			    "(starting one if need be)...");
		} else {
			snprintf(title, sizeof title, "Disconnected");
			snprintf(f[0], sizeof f[0], "%s", a->down);
		}
		text[0] = f[0];
		text[1] = "";
		text[2] = a->conn == C_SPAWN ? "q quits" :
		    "r reconnects (starting a daemon)   q quits";
		draw_box(a, title, text, 3);
	}
	(void)j;
	return term_flush(&a->t, crow, ccol);
}

/* --- keys --------------------------------------------------------------- */

/* Leave the screen for a ^Z or SIGTSTP, and come back when continued. */
static void
suspend(struct app *a)
{
	term_stop();
	sig_default(SIGTSTP);
	raise(SIGTSTP);
	sig_catch(SIGTSTP);
	if (term_resume(&a->t) < 0)
		err_diesys(EX_SYS, "unable to take the terminal back");
}

static void
field_key(struct app *a, int key)
{
	struct buf *b = &a->field[a->fi];

	if (key == K_BS) {
		while (b->len > 0 && ((unsigned char)b->p[b->len - 1] & 0xc0) ==
		    0x80)
			b->len--;
		if (b->len > 0)
			b->len--;
	} else if (key == 0x15) {		/* ^U */
		b->len = 0;
	} else if (key == 0x17) {		/* ^W */
		while (b->len > 0 && b->p[b->len - 1] == ' ')
			b->len--;
		while (b->len > 0 && b->p[b->len - 1] != ' ')
			b->len--;
	} else if (key >= 0x20 && key < 0x100 && key != 0x7f &&
	    b->len < FIELD_MAX) {
		buf_addc(b, (char)key);
	}
	if (b->p)
		b->p[b->len] = '\0';
}

/* One key; 1 to quit. */
static int
key(struct app *a, int k)
{
	struct ujob *j;

	if (k == 0x03)				/* ^C */
		return 1;
	if (k == 0x1a) {			/* ^Z */
		suspend(a);
		return 0;
	}
	if (k == 0x0c) {			/* ^L */
		term_redraw(&a->t);
		return 0;
	}
	if (a->mode == M_RUN) {
		if (k == K_ESC)
			a->mode = M_NORMAL;
		else if (k == K_ENTER)
			submit(a);
		else if (k == K_TAB || k == K_DOWN)
			a->fi = (a->fi + 1) % NFIELDS;
		else if (k == K_BTAB || k == K_UP)
			a->fi = (a->fi + NFIELDS - 1) % NFIELDS;
		else
			field_key(a, k);
		return 0;
	}
	if (a->mode == M_CONFIRM) {
		a->mode = M_NORMAL;
		if (k == 'y' || k == 'Y')
			simple_request(a, REQ_SHUTDOWN, "shutdown", 0);
		else
			say(a, 0, "shutdown cancelled");
		return 0;
	}
	if (k != K_UNKNOWN)
		a->msg[0] = '\0';
	j = selected(a);
	switch (k) {
	case 'q':
		return 1;
	case K_UP: case 0x10:			/* ^P */
		move_sel(a, -1);
		break;
	case K_DOWN: case 'j': case 0x0e:	/* ^N */
		move_sel(a, 1);
		break;
	case K_HOME:
		move_sel(a, -(int)a->jobs.n);
		break;
	case K_END:
		move_sel(a, (int)a->jobs.n);
		break;
	case K_PGUP:
		if (a->show_log)
			a->scroll += a->logh > 1 ? a->logh - 1 : 1;
		else
			move_sel(a, -(a->listh > 1 ? a->listh - 1 : 1));
		break;
	case K_PGDN:
		if (a->show_log) {
			a->scroll -= a->logh > 1 ? a->logh - 1 : 1;
			if (a->scroll < 0)
				a->scroll = 0;
		} else {
			move_sel(a, a->listh > 1 ? a->listh - 1 : 1);
		}
		break;
	case K_ENTER:
		if (j == NULL)
			say(a, 1, "no job selected");
		else if (a->fid == j->id && (!a->f[0].done || !a->f[1].done))
			follow_pause(a);	/* Enter again: stop following */
		else if (a->conn != C_UP)
			say(a, 1, "not connected to the daemon: r reconnects");
		else
			follow_start(a, j->id);
		break;
	case 'l':
		a->show_log = !a->show_log;
		break;
	case 'r':
		if (a->conn == C_DOWN) {
			reconnect(a);
		} else if (a->conn == C_UP) {
			a->mode = M_RUN;
			a->fi = F_CMD;
		}
		break;
	case 's':
	case 'k':
	case 'c':
		if (j == NULL) {
			say(a, 1, "no job selected");
			break;
		}
		simple_request(a, k == 's' ? REQ_STOP : k == 'k' ? REQ_KILL :
		    REQ_CANCEL, k == 's' ? "stop" : k == 'k' ? "kill" : "cancel",
		    j->id);
		break;
	case 'p':
		if (j == NULL)
			say(a, 1, "no job selected");
		else if (a->conn != C_UP)
			say(a, 1, "not connected to the daemon: r reconnects");
		else
			pause_toggle(a, j);
		break;
	case 'd':
		if (a->conn != C_UP)
			say(a, 1, "not connected to the daemon: r reconnects");
		else
			a->mode = M_CONFIRM;
		break;
	}
	return 0;
}

/* Decode the keys read; with final, a lone ESC is Escape. 1 to quit. */
static int
keys(struct app *a, int final)
{
	size_t used, off = 0;
	int k;

	while (off < a->kn) {
		used = ui_key(a->kb + off, a->kn - off, final, &k);
		if (used == 0)
			break;
		off += used;
		if (key(a, k))
			return 1;
	}
	memmove(a->kb, a->kb + off, a->kn - off);
	a->kn -= off;
	a->kb_at = tstamp_mono_ms();
	return 0;
}

/* --- the loop ----------------------------------------------------------- */

static void
app_free(struct app *a)
{
	int i;

	follow_stop(a);
	log_clear(a);
	free(a->lines);
	for (i = 0; i < 2; i++) {
		buf_free(&a->f[i].part);
		buf_free(&a->f[i].c.in);
		buf_free(&a->f[i].c.out);
	}
	uconn_close(&a->ctl);
	buf_free(&a->ctl.in);
	buf_free(&a->ctl.out);
	uspawn_cancel(&a->spawn);
	jobs_clear(&a->jobs);
	jobs_clear(&a->next);
	free(a->jobs.v);
	free(a->next.v);
	for (i = 0; i < NFIELDS; i++)
		buf_free(&a->field[i]);
	buf_free(&a->paused);
	term_free(&a->t);
}

/* The least time between two list requests: a long list (thousands of
 * jobs) is asked for less often, so that neither the UI nor the daemon
 * spends more than about a quarter of its time on it. */
static int64_t
list_gap(const struct app *a)
{
	int64_t gap = a->events ? LIST_GAP_MS : POLL_MS;

	return a->list_gap > gap ? a->list_gap : gap;
}

/* How long poll may sleep. */
static int
timeout(struct app *a, int64_t now)
{
	int64_t t = 1000 - tstamp_now_ms() % 1000, d;	/* the TIME column */
	size_t i;
	int running = 0;

	for (i = 0; i < a->jobs.n && !running; i++)
		running = strcmp(a->jobs.v[i].state, "running") == 0;
	if (!running)
		t = 60000;
	if (a->msg[0] && (d = a->msg_until - now) < t)
		t = d < 0 ? 0 : d;
	if (a->conn == C_UP && !a->listing && (a->dirty || !a->events)) {
		d = a->list_sent + list_gap(a) - now;
		if (d < t)
			t = d < 0 ? 0 : d;
	}
	if (a->kn > 0 && ESC_MS < t)
		t = ESC_MS;
	return (int)t;
}

static int
loop(struct app *a)
{
	struct pollfd p[6];
	char why[512];
	int n, i, s, r, k_in, k_sig, k_sp, k_ctl, k_f[2];
	int64_t now;
	ssize_t rd;

	for (;;) {
		now = tstamp_mono_ms();
		if (a->msg[0] && now >= a->msg_until)
			a->msg[0] = '\0';
		if (a->conn == C_UP && !a->listing && (a->dirty || !a->events) &&
		    now - a->list_sent >= list_gap(a))
			list_now(a);
		if (render(a) < 0)
			return EX_SYS;
		n = 0;
		p[n].fd = STDIN_FILENO;
		p[n++].events = POLLIN;
		k_in = 0;
		p[n].fd = sig_fd();
		p[n++].events = POLLIN;
		k_sig = 1;
		k_sp = k_ctl = k_f[0] = k_f[1] = -1;
		if (a->spawn.fd >= 0) {
			k_sp = n;
			p[n].fd = a->spawn.fd;
			p[n++].events = POLLIN;
		}
		if (a->ctl.fd >= 0) {
			k_ctl = n;
			p[n].fd = a->ctl.fd;
			p[n++].events = POLLIN | (uconn_pending(&a->ctl) ?
			    POLLOUT : 0);
		}
		for (s = 0; s < 2; s++)
			if (a->f[s].c.fd >= 0) {
				k_f[s] = n;
				p[n].fd = a->f[s].c.fd;
				p[n++].events = POLLIN |
				    (uconn_pending(&a->f[s].c) ? POLLOUT : 0);
			}
		r = poll(p, (nfds_t)n, timeout(a, now));
		if (r < 0 && errno != EINTR)
			err_diesys(EX_SYS, "unable to poll");
		if (r <= 0) {
			if (a->kn > 0 && keys(a, 1))
				return 0;
			continue;
		}
		if (p[k_sig].revents) {
			while ((s = sig_next(NULL)) > 0) {
				switch (s) {
				case SIGWINCH:
					if (term_resize(&a->t) < 0)
						err_die(EX_SYS, "out of memory");
					break;
				case SIGCONT:
					if (term_resume(&a->t) < 0)
						err_diesys(EX_SYS, "unable to take "
						    "the terminal back");
					break;
				case SIGTSTP:
					suspend(a);
					break;
				default:	/* INT, TERM, HUP: die of it */
					app_free(a);
					term_stop();
					sig_default(s);
					raise(s);
					return 128 + s;
				}
			}
		}
		if (p[k_in].revents) {
			rd = read(STDIN_FILENO, a->kb + a->kn, sizeof a->kb - a->kn);
			if (rd == 0 || (rd < 0 && errno != EINTR && errno !=
			    EAGAIN))
				return 0;	/* the terminal is gone */
			if (rd > 0) {
				a->kn += (size_t)rd;
				if (keys(a, a->kn == sizeof a->kb))
					return 0;
			}
		}
		if (k_sp >= 0 && p[k_sp].revents) {
			r = uspawn_read(&a->spawn, why, sizeof why);
			if (r > 0)
				connected(a);
			else if (r < 0)
				disconnect(a, why);
		}
		if (k_ctl >= 0 && a->ctl.fd >= 0 && p[k_ctl].revents) {
			if (p[k_ctl].revents & POLLOUT &&
			    uconn_flush(&a->ctl, why, sizeof why) < 0)
				disconnect(a, why);
			else
				drain(a, &a->ctl, -1);
		}
		for (s = 0; s < 2; s++) {
			i = k_f[s];
			if (i < 0 || a->f[s].c.fd < 0 || p[i].revents == 0)
				continue;
			if (p[i].revents & POLLOUT &&
			    uconn_flush(&a->f[s].c, why, sizeof why) < 0)
				follow_end(a, s);
			else
				drain(a, &a->f[s].c, s);
		}
	}
}

int
cmd_ui(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "socket", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 }
	};
	struct app a;
	const char *why;
	char eb[256];
	int c, rc, i;

	memset(&a, 0, sizeof a);
	a.argv0 = argv[0];
	while ((c = getopt_long(argc, argv, ":", lo, NULL)) != -1) {
		switch (c) {
		case 'S':
			a.sockarg = optarg;
			break;
		case 'H':
			printf("usage: %s\n", usage_ui);
			return 0;
		default:
			err_die(EX_USAGE, "%s", opt_error(c, argv, optind, optopt,
			    eb, sizeof eb));
		}
	}
	if (optind < argc)
		err_usage("%s", usage_ui);
	if (sock_paths(&a.sp, a.sockarg, &why) < 0)
		err_die(EX_USAGE, "%s", why);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		err_die(EX_USAGE, "ui needs a terminal on standard input and "
		    "output");
	if ((a.lines = calloc(LOG_LINES, sizeof *a.lines)) == NULL)
		err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	if (sig_init() < 0 || sig_catch(SIGWINCH) < 0 || sig_catch(SIGINT) < 0 ||
	    sig_catch(SIGTERM) < 0 || sig_catch(SIGHUP) < 0 ||
	    sig_catch(SIGCONT) < 0 || sig_catch(SIGTSTP) < 0 ||
	    sig_ignore(SIGPIPE) < 0)
		err_diesys(EX_SYS, "unable to set up signals");
	for (i = 0; i < 2; i++) {
		a.f[i].fd = -1;
		a.f[i].c.fd = -1;
		a.f[i].done = 1;
	}
	a.ctl.fd = -1;
	a.spawn.fd = -1;
	a.spawn.pid = -1;
	a.show_log = 1;
	if (term_start(&a.t) < 0)
		err_diesys(EX_SYS, "unable to set up the terminal");
	reconnect(&a);
	rc = loop(&a);
	app_free(&a);
	term_stop();
	if (rc == EX_SYS)
		err_die(EX_SYS, "unable to write to the terminal: %s",
		    strerror(errno));
	return rc;
}
