/* daemon.c: plotq daemon: start-up, the poll loop, clients, shutdown. */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

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

#include "afile.h"
#include "daemon.h"
#include "err.h"
#include "frame.h"
#include "io.h"
#include "jobjson.h"
#include "joblog.h"
#include "lock.h"
#include "monitor.h"
#include "net.h"
#include "opt.h"
#include "setup.h"
#include "proc.h"
#include "run.h"
#include "sig.h"
#include "store.h"
#include "tstamp.h"

#define ADOPT_POLL_MS 100	/* how often an adopted job's lock is looked at */
#define STALL_RETRY_MS 1000	/* retry of a log that could not be written */
#define READ_CHUNK 65536
#define WAIT_BYTES 262144	/* a wait reply's jobs, per message, about */

static const char usage_line[] =
    "plotq daemon [-w DIR] [-c FILE] [-l LEVEL] [--log-file FILE] "
    "[--store sqlite|spool] [--socket PATH] [--utc] [--pid-file FILE] [-d] "
    "[-u USER] [-g GROUP] [-h HOST] [-p PORT]";

void
d_log(struct daemon *d, int level, const char *event, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	evlogv(&d->ev, level, event, fmt, ap);
	va_end(ap);
}

/* A fatal error at start-up: on stderr, and in the event log when that
 * is a file. */
void
d_fatal(struct daemon *d, const char *fmt, ...)
{
	char m[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m, sizeof m, fmt, ap);
	va_end(ap);
	if (d->ev.fd > 2) {
		char q[2100];
		d_log(d, EV_ERROR, "fatal", "error=%s", evlog_q(q, sizeof q, m));
	}
	err_die(EX_SYS, "%s", m);
}

/* --- runs -------------------------------------------------------------- */

int
d_run_add(struct daemon *d, struct run *r)
{
	struct run **nr;
	size_t cap;

	if (d->nruns == d->runs_cap) {
		cap = d->runs_cap ? d->runs_cap * 2 : 16;
		if ((nr = realloc(d->runs, cap * sizeof *nr)) == NULL)
			return -1;
		d->runs = nr;
		d->runs_cap = cap;
	}
	d->runs[d->nruns++] = r;
	return 0;
}

struct run *
d_run_find(struct daemon *d, int64_t id)
{
	size_t i;

	for (i = 0; i < d->nruns; i++)
		if (d->runs[i]->job->id == id && !d->runs[i]->ended &&
		    !d->runs[i]->gone)
			return d->runs[i];
	return NULL;
}

/* Whether slot s of q still reads a FIFO a job left open for writing
 * (a background process of it): the next job gets new FIFOs. */
int
d_slot_draining(struct daemon *d, const struct queue *q, int s)
{
	struct run *r;
	size_t i;

	for (i = 0; i < d->nruns; i++) {
		r = d->runs[i];
		if (!r->gone && r->job->slot == s &&
		    strcmp(r->job->queue, q->name) == 0 &&
		    (r->fd[0] >= 0 || r->fd[1] >= 0))
			return 1;
	}
	return 0;
}

/* Forget a run whose job has ended and whose FIFOs are closed. It is
 * freed by runs_reap() at the top of the loop, so that pointers to it
 * gathered for the current poll stay valid. */
void
d_run_end(struct daemon *d, struct run *r)
{
	(void)d;
	if (r->job->run == r)
		r->job->run = NULL;
	r->gone = 1;
}

static void
runs_reap(struct daemon *d)
{
	size_t i;

	for (i = 0; i < d->nruns;) {
		if (d->runs[i]->gone) {
			run_free(d->runs[i]);
			d->runs[i] = d->runs[--d->nruns];
		} else {
			i++;
		}
	}
}

/* The runner let r go: take in the rest of the output, read the
 * outcome, and settle the job. */
static void
run_ended(struct daemon *d, struct run *r, int status_known, int status)
{
	struct job *j = r->job;
	struct outcome o;
	int state, i;
	const char *reason = "";
	char sb[64];

	for (i = 0; i < 2; i++)
		while (run_pump(r, i) > 0)
			;
	if (r->st_have)
		o = r->st_out;
	else
		run_outcome(d->ws, j, &o);
	r->ended = 1;
	if (r->stfd >= 0) {
		close(r->stfd);
		r->stfd = -1;
	}
	if (o.known) {
		j->code = o.code;
		j->sig = o.sig;
		if (o.ended)
			j->ended = o.ended;
		if (o.pid)
			j->pid = o.pid;
		if (r->stop) {
			state = JOB_STOPPED;
			reason = r->stop == SIGKILL ? "kill" : "stop";
		} else if (o.code == 0 && o.sig == 0) {
			state = JOB_DONE;
		} else {
			state = JOB_FAILED;
			reason = o.sig ? "signal" : "exit";
		}
	} else if (run_never_started(d->ws, j)) {
		/* The runner went away with the job still in its hands. */
		sched_requeue(d, j, "never_started");
		d_run_end(d, r);
		return;
	} else {
		state = JOB_LOST;
		reason = "lost";
		if (status_known)
			d_log(d, EV_ERROR, "supervisor_died", "id=%lld status=%s",
			    (long long)j->id, proc_status_str(status, sb,
			    sizeof sb));
	}
	sched_finish(d, j, state, reason);
	if (r->fd[0] < 0 && r->fd[1] < 0)
		d_run_end(d, r);
}

/* The runner died (it should not): the jobs it ran are watched through
 * their slots' locks from now on, as after a daemon restart, and a new
 * runner takes over. */
static void
runner_died(struct daemon *d, int status)
{
	char sb[64];
	size_t i;

	d_log(d, EV_ERROR, "runner_died", "pid=%ld status=%s",
	    (long)d->runner.pid, proc_status_str(status, sb, sizeof sb));
	runner_close(&d->runner);
	d->runner.pid = 0;
	for (i = 0; i < d->nruns; i++)
		if (!d->runs[i]->ended && !d->runs[i]->gone) {
			d->runs[i]->adopted = 1;
			d->runs[i]->poll_at = tstamp_mono_ms();
		}
	if (runner_start(&d->runner, d->ws, d->wslock_path,
	    d->cfg.sync_full) < 0)
		d_log(d, EV_ERROR, "runner", "error=\"%s\"", strerror(errno));
}

/* The runner says the command of job id is pid. */
static void
runner_msg(void *arg, int64_t id, long pid)
{
	struct daemon *d = arg;
	struct run *r = d_run_find(d, id);

	if (r == NULL || r->adopted)
		return;
	r->cmd = (pid_t)pid;
	r->job->pid = pid;
}

static void
reap(struct daemon *d)
{
	pid_t pid;
	int st;

	while ((pid = proc_wait(-1, &st, WNOHANG)) > 0)
		if (pid == d->runner.pid)
			runner_died(d, st);
}

/* --- clients ----------------------------------------------------------- */

static void
conn_free(struct conn *c)
{
	io_close(c->fd);
	buf_free(&c->in);
	buf_free(&c->out);
	free(c->wait_ids);
	free(c->listing);
	free(c);
}

/* Write what is pending without blocking. */
static void
conn_flush(struct conn *c)
{
	if (!c->dead && io_send_buf(c->fd, &c->out) < 0)
		c->dead = 1;
	if (c->out.len == 0 && c->closing)
		c->dead = 1;
}

void
d_send(struct daemon *d, struct conn *c, struct buf *msg)
{
	if (c->dead)
		return;
	if (c->out.len + msg->len > CONN_OUT_MAX) {
		d_log(d, EV_WARN, "client_dropped", "pid=%ld reason=not_reading",
		    (long)c->pid);
		c->dead = 1;
		return;
	}
	if (frame_put(&c->out, msg->p ? msg->p : "", msg->len) < 0) {
		c->dead = 1;
		return;
	}
	conn_flush(c);
}

void
d_send_error(struct daemon *d, struct conn *c, int code, const char *fmt, ...)
{
	struct buf b = BUF_INIT, m = BUF_INIT;
	struct json_w w;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	json_w_init(&w, &b, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "ok");
	json_w_bool(&w, 0);
	json_w_key(&w, "error");
	json_w_str(&w, m.p ? m.p : "");
	json_w_key(&w, "code");
	json_w_int(&w, code);
	json_w_obj_end(&w);
	if (json_w_finish(&w) == 0)
		d_send(d, c, &b);
	buf_free(&b);
	buf_free(&m);
}

static void
accept_clients(struct daemon *d)
{
	struct conn *c;
	uid_t uid;
	pid_t pid;
	int fd, k;

	for (k = 0; k < 64; k++) {
		fd = net_accept(d->lfd);
		if (fd < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED)
				d_log(d, EV_ERROR, "accept", "error=\"%s\"",
				    strerror(errno));
			return;
		}
		if ((c = calloc(1, sizeof *c)) == NULL) {
			close(fd);
			continue;
		}
		c->fd = fd;
		if (sock_peer(fd, &uid, &pid) < 0) {
			uid = (uid_t)-1;
			pid = -1;
		}
		c->uid = uid;
		c->pid = pid;
		c->next = d->conns;
		d->conns = c;
		d->nconns++;
		if (uid != geteuid() && uid != 0) {
			d_log(d, EV_WARN, "refused", "uid=%ld pid=%ld "
			    "reason=\"another user\"", (long)uid, (long)pid);
			d_send_error(d, c, 111, "permission denied: this daemon "
			    "belongs to uid %lu; uid %lu may not use it",
			    (unsigned long)geteuid(), (unsigned long)uid);
			c->closing = 1;
			conn_flush(c);
		}
	}
}

/* Requests in c->in, one frame at a time. */
static void
conn_requests(struct daemon *d, struct conn *c)
{
	const char *body;
	size_t len, used;
	struct json *req;
	struct json_err je;
	int r;

	while (!c->closing && !c->dead) {
		r = frame_get(c->in.p, c->in.len, FRAME_MAX, &body, &len, &used);
		if (r == 0)
			break;
		if (r < 0) {
			d_log(d, EV_WARN, "bad_request", "pid=%ld "
			    "reason=too_large size=%zu", (long)c->pid, len);
			d_send_error(d, c, 100, "message of %zu bytes is larger "
			    "than the limit of %d", len, FRAME_MAX);
			c->closing = 1;
			break;
		}
		req = json_parse(body, len, &je);
		if (req == NULL || json_type(req) != JSON_OBJ) {
			d_log(d, EV_WARN, "bad_request", "pid=%ld "
			    "reason=malformed", (long)c->pid);
			if (req == NULL)
				d_send_error(d, c, 100, "malformed request: "
				    "%d:%d: %s", je.line, je.col, je.msg);
			else
				d_send_error(d, c, 100, "malformed request: "
				    "not a JSON object");
			c->closing = 1;
		} else {
			ops_request(d, c, req);
		}
		json_free(req);
		buf_consume(&c->in, used);
	}
	conn_flush(c);
}

static void
conn_read(struct daemon *d, struct conn *c)
{
	ssize_t n;

	/* At the end, the client went away (or half-closed: it reads
	 * nothing more that it did not ask for already). */
	if ((n = io_recv_buf(c->fd, &c->in, READ_CHUNK)) < 0) {
		c->dead = 1;
		return;
	}
	if (n > 0)
		conn_requests(d, c);
}

static void
conns_reap(struct daemon *d)
{
	struct conn **pp = &d->conns, *c;

	while ((c = *pp) != NULL) {
		if (c->dead) {
			*pp = c->next;
			d->nconns--;
			conn_free(c);
		} else {
			pp = &c->next;
		}
	}
}

/* --- events to clients -------------------------------------------------- */

static uint64_t
log_size(struct daemon *d, struct job *j, int err)
{
	char p[PATH_MAX];
	struct stat st;

	if (j->run && j->run->log[err])
		return joblog_size(j->run->log[err]);
	snprintf(p, sizeof p, "%s/jobs/%lld/%s", d->ws, (long long)j->id,
	    err ? "err.log" : "out.log");
	return stat(p, &st) == 0 ? (uint64_t)st.st_size : 0;
}

static void
send_job_msg(struct daemon *d, struct conn *c, const char *type,
    struct job *j, int64_t size)
{
	struct buf b = BUF_INIT;
	struct json_w w;

	json_w_init(&w, &b, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "type");
	json_w_str(&w, type);
	if (size >= 0) {
		json_w_key(&w, "size");
		json_w_int(&w, size);
	}
	if (j) {
		json_w_key(&w, "job");
		ops_job_json(d, &w, j);
	}
	json_w_obj_end(&w);
	if (json_w_finish(&w) == 0)
		d_send(d, c, &b);
	buf_free(&b);
}

/* Followers of a log learn its new size when they have read the last. */
static void
followers(struct daemon *d)
{
	struct conn *c;
	struct job *j;
	uint64_t size;

	for (c = d->conns; c; c = c->next) {
		if (c->listing && !c->dead)
			ops_list_continue(d, c);
		if (c->follow == 0 || c->dead)
			continue;
		j = sched_job(d, c->follow);
		if (j == NULL)
			continue;
		if (j->state == JOB_QUEUED)
			continue;
		size = log_size(d, j, c->follow_err);
		if (size > c->follow_sent && c->out.len < 65536) {
			send_job_msg(d, c, "log", NULL, (int64_t)size);
			c->follow_sent = size;
		}
		if (job_final(j->state) && size <= c->follow_sent) {
			send_job_msg(d, c, "end", j, (int64_t)size);
			c->follow = 0;
		}
	}
}

void
d_job_event(struct daemon *d, struct job *j, const char *event)
{
	struct conn *c;
	struct buf b = BUF_INIT;
	struct json_w w;
	struct job *k;
	size_t i;
	int all;

	if (strncmp(event, "job_", 4) == 0)
		monitor_job_event(d, j, event);
	for (c = d->conns; c; c = c->next) {
		if (c->dead)
			continue;
		if ((c->events & EVENTS_JOBS) && strncmp(event, "job_", 4) == 0)
			send_job_msg(d, c, event, j, -1);
		if (!c->waiting || !job_final(j->state))
			continue;
		for (i = 0, all = 1; i < c->nwait && all; i++) {
			k = sched_job(d, c->wait_ids[i]);
			all = k && job_final(k->state);
		}
		if (!all)
			continue;
		/* In messages of about WAIT_BYTES, "more" on all but the
		 * last: the records of many jobs would pass FRAME_MAX. */
		for (i = 0; i < c->nwait && !c->dead; ) {
			buf_reset(&b);
			json_w_init(&w, &b, 0);
			json_w_obj_begin(&w);
			json_w_key(&w, "ok");
			json_w_bool(&w, 1);
			json_w_key(&w, "jobs");
			json_w_arr_begin(&w);
			do
				ops_job_json(d, &w, sched_job(d, c->wait_ids[i++]));
			while (i < c->nwait && b.len < WAIT_BYTES);
			json_w_arr_end(&w);
			json_w_key(&w, "more");
			json_w_bool(&w, i < c->nwait);
			json_w_obj_end(&w);
			if (json_w_finish(&w) == 0)
				d_send(d, c, &b);
		}
		c->waiting = 0;
		free(c->wait_ids);
		c->wait_ids = NULL;
		c->nwait = 0;
	}
	buf_free(&b);
}

void
d_heartbeat(struct daemon *d)
{
	struct buf b = BUF_INIT;
	struct json_w w;
	struct conn *c;

	json_w_init(&w, &b, 0);
	monitor_status_json(d, &w, 0);
	if (json_w_finish(&w) == 0) {
		monitor_heartbeat(d, &b);
		for (c = d->conns; c; c = c->next)
			if (!c->dead && (c->events & EVENTS_SYSTEM))
				d_send(d, c, &b);
	}
	buf_free(&b);
}

/* --- shutdown ----------------------------------------------------------- */

void
d_shutdown(struct daemon *d, int now, int64_t grace)
{
	size_t i;

	if (!d->stopping)
		d_log(d, EV_INFO, "shutdown", "running=%zu queued=%zu now=%d",
		    d->count[JOB_RUNNING], d->count[JOB_QUEUED], now);
	d->stopping = 1;
	if (!now || d->stop_now)
		return;
	d->stop_now = 1;
	d->stop_grace = grace;
	for (i = 0; i < d->nruns; i++)
		if (!d->runs[i]->ended)
			ops_stop(d, d->runs[i]->job, SIGTERM, grace);
}

/* --- the loop ----------------------------------------------------------- */

enum { PK_SIG, PK_LISTEN, PK_CONN, PK_RUN, PK_RUNNER, PK_STATUS, PK_MON };

struct pollref {
	int kind;
	void *p;
	int i;
};

static int
handle_signals(struct daemon *d)
{
	int s;

	while ((s = sig_next(NULL)) > 0) {
		switch (s) {
		case SIGCHLD:
			reap(d);
			break;
		case SIGTERM:
		case SIGINT:
			/* A second one stops the running jobs too. */
			d_shutdown(d, d->stopping, 10000);
			break;
		case SIGHUP:
			setup_reopen_log(d);
			break;
		}
	}
	return 0;
}

/* Timers: stop grace periods, adopted jobs, stalled logs. Returns the
 * poll timeout. */
static int
timers(struct daemon *d)
{
	int64_t now = tstamp_mono_ms(), next = -1, t;
	struct run *r;
	size_t i;
	int k;

	if (now >= d->beat_at) {
		d_heartbeat(d);
		d->beat_at = now + d->beat_ms;
	}
	next = d->beat_at;
	if (d->pump_at && now >= d->pump_at) {
		d->pump_at = 0;
		d->pump = 1;
	}
	if (d->pump_at && d->pump_at < next)
		next = d->pump_at;
	if ((k = monitor_timers(d)) >= 0)
		next = now + k < next ? now + k : next;

	for (i = 0; i < d->nruns; i++) {
		r = d->runs[i];
		if (r->ended || r->gone)
			continue;
		if (r->kill_at && now >= r->kill_at) {
			d_log(d, EV_INFO, "job_kill", "id=%lld reason=grace",
			    (long long)r->job->id);
			run_signal(&d->runner, d->ws, r, SIGKILL);
			r->kill_at = 0;
		}
		if (r->adopted && now >= r->poll_at) {
			if (!run_alive(d->ws, r)) {
				run_ended(d, r, 0, 0);
				continue;
			}
			r->poll_at = now + ADOPT_POLL_MS;
		}
		for (k = 0; k < 2; k++)
			if (r->stalled[k] && now >= r->retry_at) {
				if (run_pump(r, k) < 0)
					r->retry_at = now + STALL_RETRY_MS;
			}
	}
	for (i = 0; i < d->nruns; i++) {
		r = d->runs[i];
		t = -1;
		if (r->kill_at)
			t = r->kill_at;
		if (r->adopted && !r->ended && (t < 0 || r->poll_at < t))
			t = r->poll_at;
		if ((r->stalled[0] || r->stalled[1]) &&
		    (t < 0 || r->retry_at < t))
			t = r->retry_at;
		if (t >= 0 && (next < 0 || t < next))
			next = t;
	}
	if (next < 0)
		return -1;
	return next <= now ? 0 : (int)(next - now > 60000 ? 60000 : next - now);
}

static int
loop(struct daemon *d)
{
	struct pollfd *pfd = NULL;
	struct pollref *ref = NULL;
	size_t cap = 0, n, i, m;
	struct conn *c;
	void **mref = NULL;
	struct run *r;
	int timeout, k, rv;

	for (;;) {
		if (d->pump) {
			d->pump = 0;
			sched_run(d);
		}
		followers(d);
		conns_reap(d);
		runs_reap(d);
		if (d->stopping && d->count[JOB_RUNNING] == 0)
			break;
		timeout = timers(d);
		if (d->pump)
			continue;
		n = 3 + d->nconns + 3 * d->nruns + monitor_nfds(d->mon);
		if (n > cap) {
			struct pollfd *np;
			struct pollref *nr;
			void **nm;

			cap = n * 2;
			np = realloc(pfd, cap * sizeof *pfd);
			if (np == NULL)
				err_die(EX_SYS, "unable to allocate: %s",
				    strerror(ENOMEM));
			pfd = np;
			nr = realloc(ref, cap * sizeof *ref);
			if (nr == NULL)
				err_die(EX_SYS, "unable to allocate: %s",
				    strerror(ENOMEM));
			ref = nr;
			nm = realloc(mref, cap * sizeof *mref);
			if (nm == NULL)
				err_die(EX_SYS, "unable to allocate: %s",
				    strerror(ENOMEM));
			mref = nm;
		}
		n = 0;
		pfd[n].fd = sig_fd();
		pfd[n].events = POLLIN;
		ref[n++].kind = PK_SIG;
		pfd[n].fd = d->lfd;
		pfd[n].events = POLLIN;
		ref[n++].kind = PK_LISTEN;
		if (d->runner.fd >= 0) {
			pfd[n].fd = d->runner.fd;
			pfd[n].events = POLLIN;
			ref[n++].kind = PK_RUNNER;
		}
		for (c = d->conns; c; c = c->next) {
			pfd[n].fd = c->fd;
			pfd[n].events = 0;
			if (!c->closing && c->in.len <= FRAME_MAX + FRAME_HDR)
				pfd[n].events |= POLLIN;
			if (c->out.len)
				pfd[n].events |= POLLOUT;
			ref[n].kind = PK_CONN;
			ref[n++].p = c;
		}
		for (i = 0; i < d->nruns; i++) {
			r = d->runs[i];
			if (r->gone)
				continue;
			if (r->stfd >= 0 && !r->ended) {
				pfd[n].fd = r->stfd;
				pfd[n].events = POLLIN;
				ref[n].kind = PK_STATUS;
				ref[n++].p = r;
			}
			for (k = 0; k < 2; k++) {
				if (r->fd[k] < 0 || r->stalled[k])
					continue;
				pfd[n].fd = r->fd[k];
				pfd[n].events = POLLIN;
				ref[n].kind = PK_RUN;
				ref[n].p = r;
				ref[n++].i = k;
			}
		}
		m = monitor_poll(d->mon, pfd + n, mref, cap - n);
		for (i = 0; i < m; i++) {
			ref[n + i].kind = PK_MON;
			ref[n + i].p = mref[i];
		}
		n += m;
		rv = poll(pfd, n, timeout);
		if (rv < 0) {
			if (errno == EINTR)
				continue;
			err_diesys(EX_SYS, "unable to poll");
		}
		for (i = 0; i < n && rv > 0; i++) {
			if (pfd[i].revents == 0)
				continue;
			switch (ref[i].kind) {
			case PK_SIG:
				handle_signals(d);
				break;
			case PK_LISTEN:
				accept_clients(d);
				break;
			case PK_RUNNER:
				if (d->runner.fd >= 0 &&
				    runner_read(&d->runner, runner_msg, d) < 0) {
					/* Gone: reaped (and replaced) on SIGCHLD. */
					runner_close(&d->runner);
				}
				break;
			case PK_CONN:
				c = ref[i].p;
				if (pfd[i].revents & POLLOUT)
					conn_flush(c);
				if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
					conn_read(d, c);
				break;
			case PK_MON:
				monitor_io(d, ref[i].p, pfd[i].revents);
				break;
			case PK_STATUS:
				r = ref[i].p;
				if (!r->gone && !r->ended && run_status(r))
					run_ended(d, r, 0, 0);
				break;
			case PK_RUN:
				r = ref[i].p;
				if (r->gone)
					break;
				if (run_pump(r, ref[i].i) < 0) {
					d_log(d, EV_ERROR, "log_write", "id=%lld "
					    "error=\"%s\"", (long long)r->job->id,
					    strerror(errno));
					r->retry_at = tstamp_mono_ms() +
					    STALL_RETRY_MS;
				}
				if (r->ended && r->fd[0] < 0 && r->fd[1] < 0)
					d_run_end(d, r);
				break;
			}
		}
	}
	free(pfd);
	free(ref);
	free(mref);
	return 0;
}

/* --- start-up ------------------------------------------------------------ */

struct load_ctx {
	struct daemon *d;
	struct job **running;
	size_t nrunning, cap;
};

static int
load_job(void *arg, struct job *j)
{
	struct load_ctx *x = arg;
	struct daemon *d = x->d;
	struct job **nr;

	if (sched_add_job(d, j) < 0) {
		job_free(j);
		return -1;
	}
	if (job_final(j->state))
		return 0;
	if (sched_queue(d, j->queue) == NULL) {
		d_log(d, EV_WARN, "queue_unknown", "queue=%s id=%lld "
		    "action=\"made with 1 slot\"", j->queue, (long long)j->id);
		if (sched_queue_add(d, j->queue, 1, NULL, 0) == NULL)
			return -1;
	}
	if (j->state == JOB_QUEUED)
		return sched_enqueue(d, j);
	if (x->nrunning == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 16;
		if ((nr = realloc(x->running, x->cap * sizeof *nr)) == NULL)
			return -1;
		x->running = nr;
	}
	x->running[x->nrunning++] = j;
	return 0;
}

/* Jobs recorded as running by an earlier daemon. */
static void
recover(struct daemon *d, struct job **running, size_t n)
{
	struct outcome o;
	struct queue *q;
	struct run *r;
	struct job *j;
	char why[512];
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		j = running[i];
		q = sched_queue(d, j->queue);
		q->running++;
		if (j->slot >= 0 && j->slot < q->slots && q->slot[j->slot] == NULL)
			q->slot[j->slot] = j;
		why[0] = '\0';
		rc = run_recover(d->ws, j, &r, &o, why, sizeof why);
		if (rc == 2) {
			sched_requeue(d, j, "never_started");
			continue;
		}
		if (rc == 1 && d_run_add(d, r) == 0) {
			j->run = r;
			r->poll_at = tstamp_mono_ms();
			d_log(d, EV_INFO, "job_adopted", "id=%lld pid=%lld",
			    (long long)j->id, (long long)j->pid);
			continue;
		}
		if (rc == 1) {
			run_free(r);
			o.known = 0;
		}
		if (o.known) {
			j->code = o.code;
			j->sig = o.sig;
			j->ended = o.ended;
			if (o.pid)
				j->pid = o.pid;
			d_log(d, EV_INFO, "job_settled", "id=%lld", (long long)j->id);
			sched_finish(d, j, o.code == 0 && o.sig == 0 ? JOB_DONE :
			    JOB_FAILED, o.code == 0 && o.sig == 0 ? "" :
			    o.sig ? "signal" : "exit");
		} else {
			if (why[0])
				d_log(d, EV_WARN, "job_lost", "id=%lld why=\"%s\"",
				    (long long)j->id, why);
			sched_finish(d, j, JOB_LOST, "lost");
		}
	}
}

/* Everything the daemon holds, at its end (valgrind and LeakSanitizer
 * see no leak). */
static void
d_free(struct daemon *d)
{
	struct conn *c;
	size_t i;
	int64_t id;

	while ((c = d->conns) != NULL) {
		d->conns = c->next;
		conn_free(c);
	}
	for (i = 0; i < d->nruns; i++)
		run_free(d->runs[i]);
	free(d->runs);
	for (id = 1; id <= d->maxid; id++)
		job_free(d->jobs[id]);
	free(d->jobs);
	for (i = 0; i < d->nqueues; i++) {
		free(d->queues[i].name);
		free(d->queues[i].device);
		free(d->queues[i].slot);
		free(d->queues[i].wait);
	}
	free(d->queues);
	runner_close(&d->runner);
	monitor_free(d->mon);
	config_free(&d->cfg);
	free(d->wslock_path);
	free(d->ws);
}

static long
parse_port(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 65535)
		return -1;
	return v;
}

static void
usage_exit(void)
{
	printf("usage: %s\n", usage_line);
	exit(0);
}

int
daemon_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "workspace", required_argument, NULL, 'w' },
		{ "config", required_argument, NULL, 'c' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "log-file", required_argument, NULL, 'L' },
		{ "store", required_argument, NULL, 'S' },
		{ "socket", required_argument, NULL, 's' },
		{ "pid-file", required_argument, NULL, 'P' },
		{ "daemonize", no_argument, NULL, 'd' },
		{ "user", required_argument, NULL, 'u' },
		{ "group", required_argument, NULL, 'g' },
		{ "utc", no_argument, NULL, 'U' },
		{ "host", required_argument, NULL, 'h' },
		{ "port", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'H' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct daemon dd, *d = &dd;
	struct dopts o;
	struct load_ctx lx;
	char why[1024], eb[256];
	int c;

	memset(d, 0, sizeof *d);
	memset(&o, 0, sizeof o);
	o.log_level = -1;
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":w:c:l:du:g:h:p:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'w': o.workspace = optarg; break;
		case 'c': o.config = optarg; break;
		case 'l':
			o.log_level = strcmp(optarg, "critical") == 0 ?
			    EV_ERROR : evlog_level(optarg);
			if (o.log_level < 0)
				err_die(EX_USAGE, "bad --log-level '%s': want "
				    "debug, info, warning, error or critical",
				    optarg);
			o.log_level_arg = optarg;
			break;
		case 'L': o.log_file = optarg; break;
		case 'S':
			if (strcmp(optarg, "sqlite") != 0 &&
			    strcmp(optarg, "spool") != 0)
				err_die(EX_USAGE, "bad --store '%s': want "
				    "sqlite or spool", optarg);
			o.store = optarg;
			break;
		case 's': o.socket = optarg; break;
		case 'P': o.pid_file = optarg; break;
		case 'd': o.daemonize = 1; break;
		case 'u': o.user = optarg; break;
		case 'g': o.group = optarg; break;
		case 'U': o.utc = 1; break;
		case 'h': o.host = optarg; break;
		case 'p':
			if (parse_port(optarg) < 0)
				err_die(EX_USAGE, "bad --port '%s': want 0 to "
				    "65535", optarg);
			o.port = optarg;
			break;
		case 'H': usage_exit(); break;
		case 'V': err_version(); break;
		default:
			err_die(EX_USAGE, "%s", opt_error(c, argv, optind,
			    optopt, eb, sizeof eb));
		}
	}
	if (optind < argc)
		err_usage("%s", usage_line);
	d->started_ms = tstamp_now_ms();
	d->started_mono = tstamp_mono_ms();
	d->sock_override = o.socket;
	setup_init(d, &o);
	if (o.daemonize || o.pid_file || o.user || o.group)
		setup_daemonrun(d, &o, argv[0]);
	/* While the daemon is small (see runner.h), and before it takes
	 * its locks, so that the runner never holds a copy of them. */
	if (asprintf(&d->wslock_path, "%s/plotq.pid", d->ws) < 0)
		err_die(EX_SYS, "unable to allocate");
	if (runner_start(&d->runner, d->ws, d->wslock_path,
	    d->cfg.sync_full) < 0)
		err_diesys(EX_SYS, "unable to start the runner");
	setup_lock(d);
	setup_store(d, &o);
	memset(&lx, 0, sizeof lx);
	lx.d = d;
	if (store_load(d->store, load_job, &lx, why, sizeof why) < 0)
		d_fatal(d, "%s; refusing to start", why);
	recover(d, lx.running, lx.nrunning);
	free(lx.running);
	setup_listen(d);
	setup_monitor(d, &o);
	d_log(d, EV_INFO, "start", "pid=%ld workspace=%s store=%s sync=%s "
	    "socket=%s jobs=%lld queued=%zu running=%zu", (long)getpid(), d->ws,
	    d->store->ops->kind, d->cfg.sync_full ? "full" : "normal",
	    d->sp.sock, (long long)d->maxid,
	    d->count[JOB_QUEUED], d->count[JOB_RUNNING]);
	d->pump = 1;
	loop(d);
	setup_teardown(d);
	d_free(d);
	return 0;
}
