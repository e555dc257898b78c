/* monitor.c: the HTTP and WebSocket monitor (see monitor.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "daemon.h"
#include "err.h"
#include "http.h"
#include "io.h"
#include "json.h"
#include "monitor.h"
#include "net.h"
#include "tstamp.h"
#include "ws.h"

#define HEAD_MS 10000		/* a request head must come within this */
#define IDLE_MS 30000		/* a kept-alive HTTP connection may idle */
#define SAMPLE_MS 500		/* CPU and memory are sampled this often */
#define MSG_MAX 65536		/* largest message a client may send */
#define RECENT 100		/* finished jobs in the snapshot */
#define SLACK 64		/* HTTP connections beyond max_connections */
#define BAD_MAX 10		/* messages not understood in a row: close 1008 */
#define SNAPSHOT_MAX (MONITOR_OUT_MAX / 4)	/* bytes of jobs in a snapshot */

enum { SUB_SYSTEM = 1, SUB_JOBS = 2 };

struct mconn {
	int fd;
	int ws;			/* upgraded */
	int subs;		/* SUB_* */
	int bad;		/* messages not understood, in a row */
	int closing;		/* close once out is written */
	int dead;
	int64_t deadline;	/* HTTP: mono ms to drop it at; 0 for ws */
	struct http_parser hp;
	struct ws_decoder wd;
	struct buf in, out;
	struct mconn *next;
};

struct monitor {
	int lfd;
	int port;
	struct mconn *conns;
	size_t nconns, nws;
	const char *key;	/* NULL: no authentication */
	long max_ws;
	/* The last sample of the machine's CPU and memory. */
	int64_t sampled;
	unsigned long long cpu_total, cpu_idle;
	double cpu, mem;
	int have_cpu, have_mem;
};

extern const char monitor_page[];	/* monitor_page.c */

/* --- the system status -------------------------------------------------- */

static int
read_small(const char *path, char *b, size_t len)
{
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = io_readfull(fd, b, len - 1);
	io_close(fd);
	if (n < 0)
		return -1;
	b[n] = '\0';
	return 0;
}

/* The machine's CPU use since the last sample, its memory in use. */
static void
sample(struct monitor *m)
{
	unsigned long long v[10] = { 0 }, total = 0, idle, tot = 0, avail = 0;
	char b[4096], *p;
	int64_t now = tstamp_mono_ms();
	int i;

	if (m->sampled && now - m->sampled < SAMPLE_MS)
		return;
	m->sampled = now;
	if (read_small("/proc/stat", b, sizeof b) == 0 &&
	    sscanf(b, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
	    &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) == 8) {
		for (i = 0; i < 8; i++)
			total += v[i];
		idle = v[3] + v[4];
		/* Since the last sample; the first: since boot. */
		if (total > m->cpu_total && idle >= m->cpu_idle) {
			m->cpu = 1.0 - (double)(idle - m->cpu_idle) /
			    (double)(total - m->cpu_total);
			if (m->cpu < 0)
				m->cpu = 0;
			m->have_cpu = 1;
		}
		m->cpu_total = total;
		m->cpu_idle = idle;
	}
	if (read_small("/proc/meminfo", b, sizeof b) == 0) {
		if ((p = strstr(b, "MemTotal:")) != NULL)
			tot = strtoull(p + 9, NULL, 10);
		if ((p = strstr(b, "MemAvailable:")) != NULL)
			avail = strtoull(p + 13, NULL, 10);
		if (tot > 0 && avail <= tot) {
			m->mem = (double)(tot - avail) / (double)tot;
			m->have_mem = 1;
		}
	}
}

static long long
self_rss(void)
{
	char b[256];
	unsigned long long size, res;

	if (read_small("/proc/self/statm", b, sizeof b) < 0 ||
	    sscanf(b, "%llu %llu", &size, &res) != 2)
		return -1;
	return (long long)res * sysconf(_SC_PAGESIZE);
}

static double
round3(double v)
{
	return (double)(long long)(v * 1000 + 0.5) / 1000;
}

void
monitor_status_json(struct daemon *d, struct json_w *w, int queues)
{
	struct monitor *m = d->mon;
	char ts[TSTAMP_MAX];
	struct timespec now;
	struct queue *q;
	long long rss;
	size_t i;
	int s;

	if (m)
		sample(m);
	tstamp_now(&now);
	tstamp_rfc3339(ts, &now, 1);
	json_w_obj_begin(w);
	json_w_key(w, "type");
	json_w_str(w, "system_status");
	json_w_key(w, "timestamp");
	json_w_str(w, ts);
	json_w_key(w, "status");
	json_w_str(w, d->stopping ? "stopping" : "healthy");
	json_w_key(w, "uptime");
	json_w_int(w, (tstamp_mono_ms() - d->started_mono) / 1000);
	json_w_key(w, "active_jobs");
	json_w_uint(w, d->count[JOB_RUNNING]);
	json_w_key(w, "queue_length");
	json_w_uint(w, d->count[JOB_QUEUED]);
	json_w_key(w, "memory_usage");
	if (m && m->have_mem)
		json_w_num(w, round3(m->mem));
	else
		json_w_null(w);
	json_w_key(w, "cpu_usage");
	if (m && m->have_cpu)
		json_w_num(w, round3(m->cpu));
	else
		json_w_null(w);
	json_w_key(w, "pid");
	json_w_int(w, getpid());
	json_w_key(w, "rss_bytes");
	if ((rss = self_rss()) >= 0)
		json_w_int(w, rss);
	else
		json_w_null(w);
	json_w_key(w, "clients");
	json_w_uint(w, m ? m->nws : 0);
	json_w_key(w, "jobs");
	json_w_obj_begin(w);
	for (s = 0; s < JOB_NSTATES; s++) {
		json_w_key(w, job_state_name(s));
		json_w_uint(w, d->count[s]);
	}
	json_w_obj_end(w);
	if (queues) {
		json_w_key(w, "queues");
		json_w_arr_begin(w);
		for (i = 0; i < d->nqueues; i++) {
			q = &d->queues[i];
			json_w_obj_begin(w);
			json_w_key(w, "name");
			json_w_str(w, q->name);
			json_w_key(w, "slots");
			json_w_int(w, q->slots);
			json_w_key(w, "paused");
			json_w_bool(w, q->paused);
			json_w_key(w, "running");
			json_w_int(w, q->running);
			json_w_key(w, "queued");
			json_w_uint(w, sched_queued(d, q));
			json_w_obj_end(w);
		}
		json_w_arr_end(w);
	}
	json_w_obj_end(w);
}

/* --- connections ---------------------------------------------------------- */

static void
mc_free(struct mconn *c)
{
	io_close(c->fd);
	http_parser_free(&c->hp);
	ws_decoder_free(&c->wd);
	buf_free(&c->in);
	buf_free(&c->out);
	free(c);
}

static void
mc_flush(struct mconn *c)
{
	if (!c->dead && io_send_buf(c->fd, &c->out) < 0)
		c->dead = 1;
	if (c->out.len == 0 && c->closing)
		c->dead = 1;
}

/* Queue bytes for c; a client this far behind is dropped. */
static void
mc_put(struct daemon *d, struct mconn *c, const void *p, size_t n)
{
	if (c->dead)
		return;
	if (c->out.len + n > MONITOR_OUT_MAX) {
		d_log(d, EV_WARN, "monitor_dropped", "fd=%d reason=not_reading "
		    "pending=%zu", c->fd, c->out.len);
		c->dead = 1;
		return;
	}
	if (buf_add(&c->out, p, n) < 0) {
		c->dead = 1;
		return;
	}
	mc_flush(c);
}

/* A text frame of the JSON in b. */
static void
ws_send(struct daemon *d, struct mconn *c, const struct buf *b)
{
	struct buf f = BUF_INIT;

	if (ws_encode(&f, WS_TEXT, 1, b->p ? b->p : "", b->len, 0) == 0)
		mc_put(d, c, f.p, f.len);
	buf_free(&f);
}

static void
ws_close(struct daemon *d, struct mconn *c, int code, const char *reason)
{
	struct buf f = BUF_INIT;

	if (c->closing || c->dead)
		return;
	if (ws_encode_close(&f, code, reason, 0) == 0)
		mc_put(d, c, f.p, f.len);
	buf_free(&f);
	c->closing = 1;
	mc_flush(c);
}

static void
http_reply(struct daemon *d, struct mconn *c, int status, const char *ctype,
    const char *body, size_t blen, const char *extra)
{
	struct buf b = BUF_INIT;
	char len[32];

	snprintf(len, sizeof len, "%zu", blen);
	http_response_head(&b, status, NULL);
	http_add_header(&b, "Server", "plotq");
	http_add_header(&b, "Content-Type", ctype);
	http_add_header(&b, "Content-Length", len);
	http_add_header(&b, "Cache-Control", "no-store");
	if (extra)
		http_add_header_line(&b, extra);
	if (status >= 400 || !c->hp.keep_alive) {
		http_add_header(&b, "Connection", "close");
		c->closing = 1;
	}
	http_end_head(&b);
	if (strcmp(c->hp.method ? c->hp.method : "", "HEAD") != 0)
		buf_add(&b, body, blen);
	mc_put(d, c, b.p, b.len);
	buf_free(&b);
}

static void
http_error(struct daemon *d, struct mconn *c, int status, const char *why,
    const char *extra)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%d %s: %s\n", status, http_reason(status), why);
	http_reply(d, c, status, "text/plain; charset=utf-8", b.p, b.len, extra);
	buf_free(&b);
}

/* Compare without telling how much matched. */
static int
key_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i;
	unsigned char x = la != lb;

	for (i = 0; i < la; i++)
		x |= (unsigned char)(a[i] ^ b[i % (lb ? lb : 1)]);
	return x == 0;
}

static int
authorized(struct monitor *m, struct mconn *c)
{
	struct buf q = BUF_INIT;
	const char *h;
	int ok = 0;

	if (m->key == NULL)
		return 1;
	h = http_header(&c->hp, "Authorization");
	if (h && strncasecmp(h, "Bearer ", 7) == 0 && key_equal(h + 7, m->key))
		ok = 1;
	if (!ok && http_query_param(c->hp.target, "api_key", &q) == 1 && q.p &&
	    key_equal(q.p, m->key))
		ok = 1;
	buf_free(&q);
	return ok;
}

static int
origin_ok(struct daemon *d, struct mconn *c)
{
	const char *o = http_header(&c->hp, "Origin"), *h, *p;
	size_t i;

	if (o == NULL)
		return 1;
	if (d->cfg.ws.norigins > 0) {
		for (i = 0; i < d->cfg.ws.norigins; i++)
			if (strcmp(d->cfg.ws.origins[i], "*") == 0 ||
			    strcasecmp(d->cfg.ws.origins[i], o) == 0)
				return 1;
		return 0;
	}
	/* Same origin: the page this daemon served. */
	h = http_header(&c->hp, "Host");
	if (h == NULL || strncasecmp(o, "http://", 7) != 0)
		return 0;
	p = o + 7;
	return strcasecmp(p, h) == 0;
}

static void
send_status(struct daemon *d, struct mconn *c)
{
	struct buf b = BUF_INIT;
	struct json_w w;

	json_w_init(&w, &b, 0);
	monitor_status_json(d, &w, 1);
	if (json_w_finish(&w) == 0) {
		buf_addc(&b, '\n');
		http_reply(d, c, 200, "application/json", b.p, b.len, NULL);
	}
	buf_free(&b);
}

static void
upgrade(struct daemon *d, struct mconn *c)
{
	struct monitor *m = d->mon;
	char accept[WS_ACCEPT_LEN + 1];
	const char *why;
	struct buf b = BUF_INIT;
	int st;

	if (!origin_ok(d, c)) {
		d_log(d, EV_WARN, "monitor_refused", "reason=origin "
		    "origin=\"%s\"", http_header(&c->hp, "Origin"));
		http_error(d, c, 403, "origin not allowed", NULL);
		return;
	}
	if ((long)m->nws >= m->max_ws) {
		d_log(d, EV_WARN, "monitor_refused", "reason=max_connections "
		    "max=%ld", m->max_ws);
		http_error(d, c, 503, "too many WebSocket clients",
		    "Retry-After: 5");
		return;
	}
	st = ws_server_verify(&c->hp, accept, &why);
	if (st != 0) {
		http_error(d, c, st, why, st == 426 ?
		    "Sec-WebSocket-Version: 13" : NULL);
		return;
	}
	ws_server_response(&b, accept, NULL);
	mc_put(d, c, b.p, b.len);
	buf_free(&b);
	c->ws = 1;
	c->deadline = 0;
	m->nws++;
	ws_decoder_init(&c->wd, WS_SERVER);
	c->wd.max_message = MSG_MAX;
	d_log(d, EV_DEBUG, "monitor_client", "fd=%d clients=%zu", c->fd, m->nws);
}

/* A complete request. */
static void
request(struct daemon *d, struct mconn *c)
{
	const char *t = c->hp.target ? c->hp.target : "/";
	size_t plen = strcspn(t, "?");
	int get = strcmp(c->hp.method, "GET") == 0,
	    head = strcmp(c->hp.method, "HEAD") == 0;

	c->deadline = tstamp_mono_ms() + IDLE_MS;
	if (plen == 3 && strncmp(t, "/ws", 3) == 0 && get) {
		if (!authorized(d->mon, c)) {
			d_log(d, EV_WARN, "monitor_refused", "reason=api_key");
			http_error(d, c, 401, "a valid API key is needed",
			    "WWW-Authenticate: Bearer realm=\"plotq\"");
			return;
		}
		upgrade(d, c);
	} else if (!get && !head) {
		http_error(d, c, 405, "only GET", "Allow: GET, HEAD");
	} else if (plen == 7 && strncmp(t, "/status", 7) == 0) {
		if (!authorized(d->mon, c)) {
			http_error(d, c, 401, "a valid API key is needed",
			    "WWW-Authenticate: Bearer realm=\"plotq\"");
			return;
		}
		send_status(d, c);
	} else if ((plen == 1 && t[0] == '/') ||
	    (plen == 11 && strncmp(t, "/index.html", 11) == 0)) {
		http_reply(d, c, 200, "text/html; charset=utf-8", monitor_page,
		    strlen(monitor_page), "Content-Security-Policy: "
		    "default-src 'self' 'unsafe-inline'; connect-src 'self' "
		    "ws: wss:");
	} else if (plen == 3 && strncmp(t, "/ws", 3) == 0) {
		http_error(d, c, 405, "only GET", "Allow: GET");
	} else {
		http_error(d, c, 404, "no such page", NULL);
	}
}

/* --- WebSocket messages ---------------------------------------------------- */

static void
send_subscribed(struct daemon *d, struct mconn *c)
{
	struct buf b = BUF_INIT;
	struct json_w w;

	json_w_init(&w, &b, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "type");
	json_w_str(&w, "subscribed");
	json_w_key(&w, "channels");
	json_w_arr_begin(&w);
	if (c->subs & SUB_SYSTEM)
		json_w_str(&w, "system");
	if (c->subs & SUB_JOBS)
		json_w_str(&w, "jobs");
	json_w_arr_end(&w);
	json_w_obj_end(&w);
	if (json_w_finish(&w) == 0)
		ws_send(d, c, &b);
	buf_free(&b);
}

/* Tell the client what was wrong; after BAD_MAX such messages in a row,
 * close with 1008 (policy violation). */
static void
send_ws_error(struct daemon *d, struct mconn *c, const char *msg)
{
	struct buf b = BUF_INIT;
	struct json_w w;

	if (++c->bad > BAD_MAX) {
		d_log(d, EV_INFO, "monitor_protocol", "fd=%d code=1008 "
		    "why=\"%d messages not understood\"", c->fd, BAD_MAX + 1);
		ws_close(d, c, WS_CLOSE_POLICY, "too many bad messages");
		return;
	}

	json_w_init(&w, &b, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "type");
	json_w_str(&w, "error");
	json_w_key(&w, "message");
	json_w_str(&w, msg);
	json_w_obj_end(&w);
	if (json_w_finish(&w) == 0)
		ws_send(d, c, &b);
	buf_free(&b);
}

static void
send_system(struct daemon *d, struct mconn *c)
{
	struct buf b = BUF_INIT;
	struct json_w w;

	json_w_init(&w, &b, 0);
	monitor_status_json(d, &w, 0);
	if (json_w_finish(&w) == 0)
		ws_send(d, c, &b);
	buf_free(&b);
}

/* The jobs now, newest first: the unfinished ones and the last RECENT,
 * in at most SNAPSHOT_MAX bytes ("more": true when some were left out). */
static void
send_snapshot(struct daemon *d, struct mconn *c)
{
	struct buf b = BUF_INIT;
	struct json_w w;
	struct job *j;
	int64_t id, low = d->maxid - RECENT;
	int more = 0;

	json_w_init(&w, &b, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "type");
	json_w_str(&w, "jobs");
	json_w_key(&w, "jobs");
	json_w_arr_begin(&w);
	for (id = d->maxid; id >= 1; id--) {
		j = d->jobs[id];
		if (j == NULL || (id <= low && job_final(j->state)))
			continue;
		if (b.len > SNAPSHOT_MAX) {
			more = 1;
			break;
		}
		ops_job_json(d, &w, j);
	}
	json_w_arr_end(&w);
	json_w_key(&w, "more");
	json_w_bool(&w, more);
	json_w_obj_end(&w);
	if (json_w_finish(&w) == 0)
		ws_send(d, c, &b);
	buf_free(&b);
}

static int
channel_bits(const struct json *chans, int *bits)
{
	const char *s;
	size_t i;

	*bits = 0;
	if (json_type(chans) != JSON_ARR)
		return -1;
	for (i = 0; i < json_len(chans); i++) {
		s = json_str(json_index(chans, i), "");
		if (strcmp(s, "system") == 0)
			*bits |= SUB_SYSTEM;
		else if (strcmp(s, "jobs") == 0)
			*bits |= SUB_JOBS;
		else
			return -1;
	}
	return 0;
}

static void
ws_message(struct daemon *d, struct mconn *c, const char *data, size_t len)
{
	struct json_err je;
	struct json *msg;
	const char *type;
	int bits, was;

	msg = json_parse(data, len, &je);
	if (msg == NULL || json_type(msg) != JSON_OBJ) {
		send_ws_error(d, c, "not a JSON object");
		json_free(msg);
		return;
	}
	type = json_str(json_get(msg, "type"), "");
	if (strcasecmp(type, "SUBSCRIBE") == 0 ||
	    strcasecmp(type, "UNSUBSCRIBE") == 0) {
		if (channel_bits(json_get(msg, "channels"), &bits) < 0) {
			send_ws_error(d, c, "channels: a list of \"system\" "
			    "and \"jobs\"");
		} else if (strcasecmp(type, "SUBSCRIBE") == 0) {
			c->bad = 0;
			was = c->subs;
			c->subs |= bits;
			send_subscribed(d, c);
			if ((bits & SUB_SYSTEM) && !(was & SUB_SYSTEM))
				send_system(d, c);
			if ((bits & SUB_JOBS) && !(was & SUB_JOBS))
				send_snapshot(d, c);
		} else {
			c->bad = 0;
			c->subs &= ~bits;
			send_subscribed(d, c);
		}
	} else if (strcasecmp(type, "PING") == 0) {
		struct buf b = BUF_INIT;

		c->bad = 0;
		buf_adds(&b, "{\"type\":\"pong\"}");
		ws_send(d, c, &b);
		buf_free(&b);
	} else {
		send_ws_error(d, c, "unknown type: want SUBSCRIBE, "
		    "UNSUBSCRIBE or PING");
	}
	json_free(msg);
}

static void
ws_input(struct daemon *d, struct mconn *c)
{
	struct ws_event ev;
	struct buf f = BUF_INIT;
	size_t off = 0, used;
	int r;

	while (!c->closing && !c->dead) {
		r = ws_decode(&c->wd, c->in.p + off, c->in.len - off, &used, &ev);
		off += used;
		if (r == WS_NEED)
			break;
		if (r == WS_ERROR) {
			d_log(d, EV_INFO, "monitor_protocol", "fd=%d code=%d "
			    "why=\"%s\"", c->fd, c->wd.close_code, c->wd.why);
			ws_close(d, c, c->wd.close_code, c->wd.why);
			break;
		}
		if (r == WS_MESSAGE) {
			if (ev.opcode == WS_TEXT)
				ws_message(d, c, ev.data, ev.len);
			else
				ws_close(d, c, WS_CLOSE_UNSUPPORTED,
				    "binary messages are not understood");
		} else if (r == WS_PING) {
			buf_reset(&f);
			if (ws_encode(&f, WS_PONG, 1, ev.data, ev.len, 0) == 0)
				mc_put(d, c, f.p, f.len);
		} else if (r == WS_CLOSE) {
			ws_close(d, c, ev.code == WS_CLOSE_NO_STATUS ?
			    WS_CLOSE_NORMAL : ev.code, NULL);
		}
	}
	buf_free(&f);
	buf_consume(&c->in, off < c->in.len ? off : c->in.len);
}

static void
http_input(struct daemon *d, struct mconn *c)
{
	const char *body;
	size_t off = 0, used, blen;
	int r;

	while (!c->ws && !c->closing && !c->dead) {
		r = http_parse(&c->hp, c->in.p + off, c->in.len - off, &used,
		    &body, &blen);
		off += used;
		if (r == HTTP_NEED)
			break;
		if (r == HTTP_ERROR) {
			http_error(d, c, c->hp.error_status ?
			    c->hp.error_status : 400, c->hp.why, NULL);
			break;
		}
		if (r == HTTP_DONE) {
			request(d, c);
			if (!c->ws && !c->closing)
				http_parser_reset(&c->hp);
		}
	}
	buf_consume(&c->in, off < c->in.len ? off : c->in.len);
	if (c->ws && c->in.len)
		ws_input(d, c);
}

static void
mc_read(struct daemon *d, struct mconn *c)
{
	ssize_t n;

	if ((n = io_recv_buf(c->fd, &c->in, 16384)) < 0) {
		c->dead = 1;
		return;
	}
	if (n == 0)
		return;
	if (c->closing) {
		buf_reset(&c->in);	/* after a close: read and drop */
		return;
	}
	if (c->ws)
		ws_input(d, c);
	else
		http_input(d, c);
}

static void
accept_all(struct daemon *d)
{
	struct monitor *m = d->mon;
	struct mconn *c;
	int fd, k;

	for (k = 0; k < 64; k++) {
		if ((fd = net_accept(m->lfd)) < 0)
			return;
		if ((long)(m->nconns - m->nws) >= m->max_ws + SLACK ||
		    (c = calloc(1, sizeof *c)) == NULL) {
			close(fd);
			continue;
		}
		c->fd = fd;
		c->deadline = tstamp_mono_ms() + HEAD_MS;
		http_parser_init(&c->hp, HTTP_REQUEST);
		c->hp.max_head = 16384;
		c->hp.max_body = MSG_MAX;
		c->next = m->conns;
		m->conns = c;
		m->nconns++;
	}
}

static void
reap(struct monitor *m)
{
	struct mconn **pp = &m->conns, *c;

	while ((c = *pp) != NULL) {
		if (c->dead) {
			*pp = c->next;
			m->nconns--;
			if (c->ws)
				m->nws--;
			mc_free(c);
		} else {
			pp = &c->next;
		}
	}
}

/* --- the daemon's side ------------------------------------------------------ */

struct monitor *
monitor_start(struct daemon *d, const char *host, long port, char *why,
    size_t len)
{
	struct monitor *m;
	const char *w;
	const char *env = getenv("PLOTQ_API_KEY");

	if ((m = calloc(1, sizeof *m)) == NULL) {
		snprintf(why, len, "%s", strerror(ENOMEM));
		return NULL;
	}
	m->lfd = net_listen_tcp(host, (unsigned)port, 128, &w);
	if (m->lfd < 0) {
		snprintf(why, len, "unable to listen on %s port %ld: %s", host,
		    port, w);
		free(m);
		return NULL;
	}
	m->port = net_local_port(m->lfd);
	m->key = env && *env ? env : d->cfg.ws.api_key;
	if (m->key && *m->key == '\0')
		m->key = NULL;
	if (d->cfg.ws.authenticate == 0)
		m->key = NULL;
	else if (d->cfg.ws.authenticate == 1 && m->key == NULL) {
		snprintf(why, len, "[websocket] authenticate = true, but no "
		    "api_key (or PLOTQ_API_KEY) is set");
		io_close(m->lfd);
		free(m);
		return NULL;
	}
	m->max_ws = d->cfg.ws.max_connections > 0 ?
	    d->cfg.ws.max_connections : 100;
	return m;
}

int
monitor_port(const struct monitor *m)
{
	return m->port;
}

size_t
monitor_nfds(const struct monitor *m)
{
	return m ? 1 + m->nconns : 0;
}

size_t
monitor_poll(struct monitor *m, struct pollfd *pfd, void **refs, size_t max)
{
	struct mconn *c;
	size_t n = 0;

	if (m == NULL || max == 0)
		return 0;
	pfd[n].fd = m->lfd;
	pfd[n].events = POLLIN;
	refs[n++] = NULL;
	for (c = m->conns; c && n < max; c = c->next) {
		if (c->dead)
			continue;
		pfd[n].fd = c->fd;
		pfd[n].events = 0;
		/* A client that does not take its replies is not read. */
		if (c->out.len < MONITOR_OUT_MAX / 4 || c->closing)
			pfd[n].events |= POLLIN;
		if (c->out.len)
			pfd[n].events |= POLLOUT;
		refs[n++] = c;
	}
	return n;
}

void
monitor_io(struct daemon *d, void *ref, short revents)
{
	struct mconn *c = ref;

	if (c == NULL) {
		accept_all(d);
		return;
	}
	if (c->dead)
		return;
	if (revents & POLLOUT)
		mc_flush(c);
	if (revents & (POLLIN | POLLHUP | POLLERR))
		mc_read(d, c);
}

int
monitor_timers(struct daemon *d)
{
	struct monitor *m = d->mon;
	struct mconn *c;
	int64_t now = tstamp_mono_ms(), next = -1;

	if (m == NULL)
		return -1;
	for (c = m->conns; c; c = c->next) {
		if (c->dead || c->deadline == 0)
			continue;
		if (now >= c->deadline) {
			c->dead = 1;
			continue;
		}
		if (next < 0 || c->deadline < next)
			next = c->deadline;
	}
	reap(m);
	if (next < 0)
		return -1;
	return next - now > 60000 ? 60000 : (int)(next - now);
}

/* One frame, appended to every subscriber of bit. */
static void
broadcast(struct daemon *d, int bit, const struct buf *msg)
{
	struct monitor *m = d->mon;
	struct buf f = BUF_INIT;
	struct mconn *c;

	if (ws_encode(&f, WS_TEXT, 1, msg->p, msg->len, 0) == 0)
		for (c = m->conns; c; c = c->next)
			if (c->ws && (c->subs & bit) && !c->closing && !c->dead)
				mc_put(d, c, f.p, f.len);
	buf_free(&f);
}

void
monitor_job_event(struct daemon *d, const struct job *j, const char *event)
{
	struct monitor *m = d->mon;
	struct buf b = BUF_INIT;
	struct json_w w;
	char ts[TSTAMP_MAX];
	struct timespec now;
	struct mconn *c;

	if (m == NULL)
		return;
	for (c = m->conns; c; c = c->next)
		if (c->ws && (c->subs & SUB_JOBS))
			break;
	if (c == NULL)
		return;
	tstamp_now(&now);
	tstamp_rfc3339(ts, &now, 1);
	json_w_init(&w, &b, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "type");
	json_w_str(&w, event);
	json_w_key(&w, "timestamp");
	json_w_str(&w, ts);
	json_w_key(&w, "job");
	ops_job_json(d, &w, j);
	json_w_obj_end(&w);
	if (json_w_finish(&w) == 0)
		broadcast(d, SUB_JOBS, &b);
	buf_free(&b);
}

void
monitor_heartbeat(struct daemon *d, const struct buf *status)
{
	if (d->mon)
		broadcast(d, SUB_SYSTEM, status);
}

void
monitor_stop(struct daemon *d)
{
	struct monitor *m = d->mon;
	struct mconn *c;

	if (m == NULL)
		return;
	for (c = m->conns; c; c = c->next) {
		if (c->dead)
			continue;
		if (c->ws)
			ws_close(d, c, WS_CLOSE_GOING_AWAY, "shutdown");
		mc_flush(c);
		c->dead = 1;
	}
	reap(m);
	io_close(m->lfd);
	m->lfd = -1;
}

void
monitor_free(struct monitor *m)
{
	struct mconn *c;

	if (m == NULL)
		return;
	while ((c = m->conns) != NULL) {
		m->conns = c->next;
		mc_free(c);
	}
	io_close(m->lfd);
	free(m);
}
