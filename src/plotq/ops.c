/* ops.c: the daemon's answers to requests (plotq(1), PROTOCOL). */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "daemon.h"
#include "io.h"
#include "joblog.h"
#include "jobjson.h"
#include "monitor.h"
#include "run.h"
#include "store.h"
#include "tstamp.h"

#define LIST_CHUNK 256		/* jobs per list message */
#define LIST_BYTES 262144	/* and bytes, about (FRAME_MAX is the limit) */
#define LIST_RECENT 20		/* finished jobs `list` shows without --all */
#define DEFAULT_GRACE 10000	/* ms between TERM and KILL */

#ifndef TK_VERSION
#define TK_VERSION "0"
#endif

void
ops_job_json(struct daemon *d, struct json_w *w, const struct job *j)
{
	job_json(w, j, d->ws, d->utc);
}

/* Start a reply {"ok":true, ...}; the caller adds members and ends it. */
static void
reply_begin(struct json_w *w, struct buf *b)
{
	json_w_init(w, b, 0);
	json_w_obj_begin(w);
	json_w_key(w, "ok");
	json_w_bool(w, 1);
}

static void
reply_end(struct daemon *d, struct conn *c, struct json_w *w, struct buf *b)
{
	json_w_obj_end(w);
	if (json_w_finish(w) == 0)
		d_send(d, c, b);
	else
		d_send_error(d, c, 111, "unable to build the reply: %s",
		    strerror(errno));
	buf_free(b);
}

static void
reply_job(struct daemon *d, struct conn *c, const struct job *j)
{
	struct buf b = BUF_INIT;
	struct json_w w;

	reply_begin(&w, &b);
	json_w_key(&w, "job");
	ops_job_json(d, &w, j);
	reply_end(d, c, &w, &b);
}

/* The job a request names with "id", or NULL after an error reply. */
static struct job *
req_job(struct daemon *d, struct conn *c, const struct json *req)
{
	const struct json *v = json_get(req, "id");
	struct job *j;

	if (!json_isint(v)) {
		d_send_error(d, c, 100, "bad request: \"id\" must be an integer");
		return NULL;
	}
	if ((j = sched_job(d, json_int(v, 0))) == NULL)
		d_send_error(d, c, 100, "no job %lld", (long long)json_int(v, 0));
	return j;
}

static int
ms_member(const struct json *req, const char *key, int64_t def, int64_t *v)
{
	const struct json *m = json_get(req, key);

	if (m == NULL) {
		*v = def;
		return 0;
	}
	if (!json_isint(m) || json_int(m, -1) < 0)
		return -1;
	*v = json_int(m, 0);
	return 0;
}

static void
op_run(struct daemon *d, struct conn *c, const struct json *req)
{
	const struct json *v;
	struct queue *q;
	struct job *j;
	struct buf b = BUF_INIT;
	struct json_w w;
	const char *why = NULL, *qn;
	char err[1024];
	size_t i, n;

	if (d->stopping) {
		d_send_error(d, c, 111, "the daemon is shutting down: no new "
		    "jobs are accepted");
		return;
	}
	if ((j = job_new()) == NULL)
		goto nomem;
	if ((j->argv = jb_getv(json_get(req, "cmd"), 0, &why)) == NULL) {
		d_send_error(d, c, 100, "bad request: \"cmd\": %s", why);
		goto out;
	}
	if (j->argv[0] == NULL || j->argv[0][0] == '\0') {
		d_send_error(d, c, 100, "bad request: empty command");
		goto out;
	}
	if ((j->env = jb_getv(json_get(req, "env"), 1, &why)) == NULL) {
		d_send_error(d, c, 100, "bad request: \"env\": %s", why);
		goto out;
	}
	if ((j->cwd = jb_get(json_get(req, "cwd"), &why)) == NULL ||
	    j->cwd[0] != '/') {
		d_send_error(d, c, 100, "bad request: \"cwd\": %s",
		    j->cwd ? "not an absolute path" : why);
		goto out;
	}
	v = json_get(req, "name");
	j->name = v ? jb_get(v, &why) : strdup("");
	if (j->name == NULL) {
		d_send_error(d, c, 100, "bad request: \"name\": %s",
		    why ? why : "out of memory");
		goto out;
	}
	qn = json_str(json_get(req, "queue"), "default");
	if ((q = sched_queue(d, qn)) == NULL || !q->configured) {
		struct buf names = BUF_INIT;
		for (i = 0; i < d->nqueues; i++)
			if (d->queues[i].configured)
				buf_printf(&names, "%s%s", names.len ? ", " : "",
				    d->queues[i].name);
		d_send_error(d, c, 100, "unknown queue '%s' (queues: %s)", qn,
		    names.p ? names.p : "");
		buf_free(&names);
		goto out;
	}
	if ((j->queue = strdup(q->name)) == NULL)
		goto nomem;
	v = json_get(req, "priority");
	if (v && (!json_isint(v) || json_int(v, 0) < -1000000 ||
	    json_int(v, 0) > 1000000)) {
		d_send_error(d, c, 100, "bad request: \"priority\" must be an "
		    "integer from -1000000 to 1000000");
		goto out;
	}
	j->priority = (int)json_int(v, 0);
	v = json_get(req, "after");
	if (v && json_type(v) != JSON_ARR) {
		d_send_error(d, c, 100, "bad request: \"after\" must be an array");
		goto out;
	}
	n = json_len(v);
	if (n && (j->after = calloc(n, sizeof *j->after)) == NULL)
		goto nomem;
	for (i = 0; i < n; i++) {
		int64_t id = json_int(json_index(v, i), 0);
		if (!json_isint(json_index(v, i)) || sched_job(d, id) == NULL) {
			d_send_error(d, c, 100, "no job %s (in --after)",
			    json_text(json_index(v, i)) ?
			    json_text(json_index(v, i)) : "?");
			goto out;
		}
		j->after[j->nafter++] = id;
	}
	j->state = JOB_QUEUED;
	j->submitted = tstamp_now_ms();
	if ((j->reason = strdup("")) == NULL)
		goto nomem;
	if (store_add(d->store, j, err, sizeof err) < 0) {
		d_log(d, EV_ERROR, "store", "error=\"%s\"", err);
		d_send_error(d, c, 111, "job not accepted: %s", err);
		goto out;
	}
	/* From here on the job is accepted: it is in the store. */
	if (sched_add_job(d, j) < 0 || sched_enqueue(d, j) < 0) {
		d_log(d, EV_ERROR, "nomem", "id=%lld", (long long)j->id);
		d_send_error(d, c, 111, "out of memory");
		return;
	}
	d_log(d, EV_DEBUG, "job_queued", "id=%lld queue=%s", (long long)j->id,
	    j->queue);
	d_job_event(d, j, "job_queued");
	reply_begin(&w, &b);
	json_w_key(&w, "id");
	json_w_int(&w, j->id);
	reply_end(d, c, &w, &b);
	sched_check_deps(d, j);
	return;
nomem:
	d_send_error(d, c, 111, "out of memory");
out:
	job_free(j);
}

/* --- list, in chunks as the client reads them --------------------------- */

static int
listed(struct daemon *d, struct listing *l, struct job *j)
{
	(void)d;
	if (l->state >= 0 && j->state != l->state)
		return 0;
	if (l->queue[0] && strcmp(j->queue, l->queue) != 0)
		return 0;
	if (l->state < 0 && job_final(j->state) && j->id < l->recent)
		return 0;
	return 1;
}

void
ops_list_continue(struct daemon *d, struct conn *c)
{
	struct listing *l = c->listing;
	struct buf b = BUF_INIT;
	struct json_w w;
	struct job *j;
	int n;

	while (l && !c->dead && c->out.len < 262144) {
		reply_begin(&w, &b);
		json_w_key(&w, "jobs");
		json_w_arr_begin(&w);
		/* Bounded in jobs and in bytes: a job's command may be long,
		 * and a message may not pass FRAME_MAX. */
		for (n = 0; n < LIST_CHUNK && b.len < LIST_BYTES &&
		    l->next <= d->maxid; l->next++) {
			j = d->jobs[l->next];
			if (j && listed(d, l, j)) {
				ops_job_json(d, &w, j);
				n++;
			}
		}
		json_w_arr_end(&w);
		json_w_key(&w, "more");
		json_w_bool(&w, l->next <= d->maxid);
		if (l->next > d->maxid) {
			free(c->listing);
			c->listing = NULL;
			l = NULL;
		}
		reply_end(d, c, &w, &b);
	}
}

static void
op_list(struct daemon *d, struct conn *c, const struct json *req)
{
	struct listing *l;
	const char *s;
	int64_t id;
	int k;

	if (c->listing) {
		d_send_error(d, c, 100, "a list is already being sent");
		return;
	}
	if ((l = calloc(1, sizeof *l)) == NULL) {
		d_send_error(d, c, 111, "out of memory");
		return;
	}
	l->next = 1;
	l->state = -1;
	s = json_str(json_get(req, "state"), NULL);
	if (s && (l->state = job_state_parse(s)) < 0) {
		free(l);
		d_send_error(d, c, 100, "unknown state '%s' (queued, running, "
		    "done, failed, stopped, lost, cancelled)", s);
		return;
	}
	s = json_str(json_get(req, "queue"), NULL);
	if (s) {
		if (sched_queue(d, s) == NULL) {
			free(l);
			d_send_error(d, c, 100, "unknown queue '%s'", s);
			return;
		}
		snprintf(l->queue, sizeof l->queue, "%s", s);
	}
	if (!json_bool(json_get(req, "all"), 0)) {
		/* The LIST_RECENT most recent finished jobs, by id. */
		for (id = d->maxid, k = 0; id > 0 && k < LIST_RECENT; id--)
			if (d->jobs[id] && job_final(d->jobs[id]->state))
				k++;
		l->recent = id + 1;
	}
	c->listing = l;
	ops_list_continue(d, c);
}

static void
op_show(struct daemon *d, struct conn *c, const struct json *req)
{
	struct job *j = req_job(d, c, req);

	if (j)
		reply_job(d, c, j);
}

static void
op_wait(struct daemon *d, struct conn *c, const struct json *req)
{
	const struct json *v = json_get(req, "ids");
	size_t i, n = json_len(v);
	int64_t *ids;

	if (c->waiting) {
		d_send_error(d, c, 100, "a wait is already pending");
		return;
	}
	if (json_type(v) != JSON_ARR || n == 0) {
		d_send_error(d, c, 100, "bad request: \"ids\" must be a "
		    "non-empty array");
		return;
	}
	if ((ids = calloc(n, sizeof *ids)) == NULL) {
		d_send_error(d, c, 111, "out of memory");
		return;
	}
	for (i = 0; i < n; i++) {
		ids[i] = json_int(json_index(v, i), 0);
		if (!json_isint(json_index(v, i)) || sched_job(d, ids[i]) == NULL) {
			d_send_error(d, c, 100, "no job %s",
			    json_text(json_index(v, i)) ?
			    json_text(json_index(v, i)) : "?");
			free(ids);
			return;
		}
	}
	c->waiting = 1;
	c->wait_ids = ids;
	c->nwait = n;
	/* Answered now when all have ended already. */
	d_job_event(d, sched_job(d, ids[0]), "wait");
}

static void
op_log(struct daemon *d, struct conn *c, const struct json *req)
{
	struct job *j = req_job(d, c, req);
	const char *s = json_str(json_get(req, "stream"), "out");
	struct buf b = BUF_INIT;
	struct json_w w;
	char p[PATH_MAX];
	struct stat st;
	uint64_t size = 0;
	int err;

	if (j == NULL)
		return;
	if (strcmp(s, "out") != 0 && strcmp(s, "err") != 0) {
		d_send_error(d, c, 100, "bad request: \"stream\" must be "
		    "\"out\" or \"err\"");
		return;
	}
	err = strcmp(s, "err") == 0;
	snprintf(p, sizeof p, "%s/jobs/%lld/%s.log", d->ws, (long long)j->id, s);
	if (j->run && j->run->log[err])
		size = joblog_size(j->run->log[err]);
	else if (stat(p, &st) == 0)
		size = (uint64_t)st.st_size;
	reply_begin(&w, &b);
	json_w_key(&w, "path");
	jb_put(&w, p, strlen(p));
	json_w_key(&w, "size");
	json_w_uint(&w, size);
	json_w_key(&w, "job");
	ops_job_json(d, &w, j);
	reply_end(d, c, &w, &b);
	if (json_bool(json_get(req, "follow"), 0) && !job_final(j->state)) {
		c->follow = j->id;
		c->follow_err = err;
		c->follow_sent = size;
	}
}

int
ops_stop(struct daemon *d, struct job *j, int sig, int64_t grace)
{
	struct run *r = j->run;

	if (r == NULL || r->ended || j->state != JOB_RUNNING) {
		errno = ESRCH;
		return -1;
	}
	if (run_signal(&d->runner, d->ws, r, sig) < 0 && errno != ESRCH)
		return -1;
	d_log(d, EV_INFO, sig == SIGKILL ? "job_kill" : "job_stop",
	    "id=%lld grace=%lld", (long long)j->id, (long long)grace);
	if (r->stop != SIGKILL)
		r->stop = sig;
	if (sig == SIGKILL)
		r->kill_at = 0;
	else if (r->kill_at == 0 || tstamp_mono_ms() + grace < r->kill_at)
		r->kill_at = tstamp_mono_ms() + (grace > 0 ? grace : 1);
	return 0;
}

static void
op_stop(struct daemon *d, struct conn *c, const struct json *req, int sig)
{
	struct job *j = req_job(d, c, req);
	int64_t grace;

	if (j == NULL)
		return;
	if (ms_member(req, "grace", DEFAULT_GRACE, &grace) < 0) {
		d_send_error(d, c, 100, "bad request: \"grace\" must be a "
		    "number of milliseconds");
		return;
	}
	if (j->state != JOB_RUNNING) {
		d_send_error(d, c, 1, "job %lld is not running (%s)%s",
		    (long long)j->id, job_state_name(j->state),
		    j->state == JOB_QUEUED ? ": use cancel" : "");
		return;
	}
	if (ops_stop(d, j, sig, grace) < 0) {
		d_send_error(d, c, 111, "unable to signal job %lld: %s",
		    (long long)j->id, strerror(errno));
		return;
	}
	reply_job(d, c, j);
}

static void
op_cancel(struct daemon *d, struct conn *c, const struct json *req)
{
	struct job *j = req_job(d, c, req);

	if (j == NULL)
		return;
	if (j->state != JOB_QUEUED) {
		d_send_error(d, c, 1, "job %lld is not queued (%s)%s",
		    (long long)j->id, job_state_name(j->state),
		    j->state == JOB_RUNNING ? ": use stop or kill" : "");
		return;
	}
	sched_finish(d, j, JOB_CANCELLED, "cancel");
	reply_job(d, c, j);
}

/* WORKSPACE/paused: the paused queues, one per line, so that a pause
 * outlives the daemon. */
static int
save_paused(struct daemon *d)
{
	struct buf b = BUF_INIT;
	char p[PATH_MAX];
	size_t i;
	int r;

	for (i = 0; i < d->nqueues; i++)
		if (d->queues[i].paused)
			buf_printf(&b, "%s\n", d->queues[i].name);
	snprintf(p, sizeof p, "%s/paused", d->ws);
	if (b.len == 0)
		r = unlink(p) < 0 && errno != ENOENT ? -1 : 0;
	else
		r = afile_write(p, b.p, b.len, 0600, 0);
	buf_free(&b);
	return r;
}

void
setup_paused_load(struct daemon *d)
{
	char p[PATH_MAX], *data, *line, *save = NULL;
	struct queue *q;
	size_t n;

	snprintf(p, sizeof p, "%s/paused", d->ws);
	if (io_readfile(p, 65536, &data, &n) < 0)
		return;
	for (line = strtok_r(data, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save))
		if ((q = sched_queue(d, line)) != NULL)
			q->paused = 1;
	free(data);
}

static void
op_pause(struct daemon *d, struct conn *c, const struct json *req, int pause)
{
	const char *qn = json_str(json_get(req, "queue"), NULL);
	struct buf b = BUF_INIT;
	struct json_w w;
	struct queue *q = NULL;
	size_t i;

	if (qn && (q = sched_queue(d, qn)) == NULL) {
		d_send_error(d, c, 100, "unknown queue '%s'", qn);
		return;
	}
	for (i = 0; i < d->nqueues; i++)
		if (q == NULL || q == &d->queues[i])
			d->queues[i].paused = pause;
	if (save_paused(d) < 0)
		d_log(d, EV_ERROR, "paused_write", "error=\"%s\"",
		    strerror(errno));
	d_log(d, EV_INFO, pause ? "pause" : "resume", "queue=%s",
	    qn ? qn : "*");
	d->pump = 1;
	reply_begin(&w, &b);
	json_w_key(&w, "paused");
	json_w_arr_begin(&w);
	for (i = 0; i < d->nqueues; i++)
		if (d->queues[i].paused)
			json_w_str(&w, d->queues[i].name);
	json_w_arr_end(&w);
	reply_end(d, c, &w, &b);
}

static void
op_status(struct daemon *d, struct conn *c)
{
	struct buf b = BUF_INIT;
	struct json_w w;
	struct queue *q;
	size_t i;
	int s;

	reply_begin(&w, &b);
	json_w_key(&w, "version");
	json_w_str(&w, TK_VERSION);
	json_w_key(&w, "protocol");
	json_w_int(&w, 1);
	json_w_key(&w, "pid");
	json_w_int(&w, getpid());
	json_w_key(&w, "uptime");
	json_w_num(&w, (double)(tstamp_mono_ms() - d->started_mono) / 1000);
	json_w_key(&w, "workspace");
	jb_put(&w, d->ws, strlen(d->ws));
	json_w_key(&w, "socket");
	jb_put(&w, d->sp.sock, strlen(d->sp.sock));
	json_w_key(&w, "store");
	json_w_str(&w, d->store->ops->kind);
	json_w_key(&w, "monitor");
	if (d->mon) {
		json_w_obj_begin(&w);
		json_w_key(&w, "port");
		json_w_int(&w, monitor_port(d->mon));
		json_w_obj_end(&w);
	} else {
		json_w_null(&w);
	}
	json_w_key(&w, "state");
	json_w_str(&w, d->stopping ? "stopping" : "running");
	json_w_key(&w, "jobs");
	json_w_obj_begin(&w);
	for (s = 0; s < JOB_NSTATES; s++) {
		json_w_key(&w, job_state_name(s));
		json_w_uint(&w, d->count[s]);
	}
	json_w_obj_end(&w);
	json_w_key(&w, "queues");
	json_w_arr_begin(&w);
	for (i = 0; i < d->nqueues; i++) {
		q = &d->queues[i];
		json_w_obj_begin(&w);
		json_w_key(&w, "name");
		json_w_str(&w, q->name);
		json_w_key(&w, "slots");
		json_w_int(&w, q->slots);
		json_w_key(&w, "device");
		json_w_str(&w, q->device);
		json_w_key(&w, "paused");
		json_w_bool(&w, q->paused);
		json_w_key(&w, "running");
		json_w_int(&w, q->running);
		json_w_key(&w, "queued");
		json_w_uint(&w, q->nwait);
		json_w_obj_end(&w);
	}
	json_w_arr_end(&w);
	reply_end(d, c, &w, &b);
}

static void
op_shutdown(struct daemon *d, struct conn *c, const struct json *req)
{
	struct buf b = BUF_INIT;
	struct json_w w;
	int64_t grace;

	if (ms_member(req, "grace", DEFAULT_GRACE, &grace) < 0) {
		d_send_error(d, c, 100, "bad request: \"grace\" must be a "
		    "number of milliseconds");
		return;
	}
	d_log(d, EV_INFO, "shutdown_request", "pid=%ld", (long)c->pid);
	c->shutdown = 1;
	reply_begin(&w, &b);
	json_w_key(&w, "running");
	json_w_uint(&w, d->count[JOB_RUNNING]);
	reply_end(d, c, &w, &b);
	d_shutdown(d, json_bool(json_get(req, "now"), 0), grace);
}

/* {"op":"events","channels":["jobs","system"]}: the connection stays
 * open and gets job events (jobs, the default) and system_status every
 * heartbeat (system). */
static void
op_events(struct daemon *d, struct conn *c, const struct json *req)
{
	const struct json *ch = json_get(req, "channels");
	struct buf b = BUF_INIT;
	struct json_w w;
	const char *s;
	size_t i;
	int bits = 0;

	if (ch == NULL) {
		bits = EVENTS_JOBS;
	} else if (json_type(ch) != JSON_ARR) {
		d_send_error(d, c, 100, "channels: want a list of \"jobs\" "
		    "and \"system\"");
		return;
	}
	for (i = 0; i < json_len(ch); i++) {
		s = json_str(json_index(ch, i), "");
		if (strcmp(s, "jobs") == 0)
			bits |= EVENTS_JOBS;
		else if (strcmp(s, "system") == 0)
			bits |= EVENTS_SYSTEM;
		else {
			d_send_error(d, c, 100, "unknown channel '%s': want "
			    "jobs or system", s);
			return;
		}
	}
	c->events = bits;
	reply_begin(&w, &b);
	json_w_key(&w, "heartbeat");
	json_w_num(&w, (double)d->beat_ms / 1000);
	reply_end(d, c, &w, &b);
	if (bits & EVENTS_SYSTEM) {
		buf_reset(&b);
		json_w_init(&w, &b, 0);
		monitor_status_json(d, &w, 0);
		if (json_w_finish(&w) == 0)
			d_send(d, c, &b);
		buf_free(&b);
	}
}

void
ops_request(struct daemon *d, struct conn *c, const struct json *req)
{
	const struct json *v = json_get(req, "v");
	const char *op = json_str(json_get(req, "op"), NULL);

	if (!json_isint(v) || json_int(v, 0) != 1) {
		d_send_error(d, c, 100, "unsupported protocol version %s "
		    "(this daemon speaks 1)", json_text(v) ? json_text(v) :
		    "(none)");
		c->closing = 1;
		return;
	}
	if (op == NULL)
		d_send_error(d, c, 100, "bad request: no \"op\"");
	else if (strcmp(op, "run") == 0)
		op_run(d, c, req);
	else if (strcmp(op, "list") == 0)
		op_list(d, c, req);
	else if (strcmp(op, "show") == 0)
		op_show(d, c, req);
	else if (strcmp(op, "wait") == 0)
		op_wait(d, c, req);
	else if (strcmp(op, "log") == 0)
		op_log(d, c, req);
	else if (strcmp(op, "stop") == 0)
		op_stop(d, c, req, SIGTERM);
	else if (strcmp(op, "kill") == 0)
		op_stop(d, c, req, SIGKILL);
	else if (strcmp(op, "cancel") == 0)
		op_cancel(d, c, req);
	else if (strcmp(op, "pause") == 0)
		op_pause(d, c, req, 1);
	else if (strcmp(op, "resume") == 0)
		op_pause(d, c, req, 0);
	else if (strcmp(op, "status") == 0)
		op_status(d, c);
	else if (strcmp(op, "shutdown") == 0)
		op_shutdown(d, c, req);
	else if (strcmp(op, "events") == 0)
		op_events(d, c, req);
	else
		d_send_error(d, c, 100, "unknown op '%s'", op);
}
