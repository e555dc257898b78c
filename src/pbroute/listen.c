/* listen.c: pbroute's event loop: the stream, the REST calls, routing.
 *
 * One thread, poll(2) on the stream socket, the signal pipe and (with
 * --stdin) standard input. Work the stream asks for (a push tickle: fetch
 * new pushes; a device tickle: refresh the device list) is recorded as
 * pending and done by do_rest() as soon as the REST side may talk:
 * after a failure it waits out an exponential backoff, after a 429 the
 * X-Ratelimit-Reset time, all the while still reading the stream, so
 * the nop watchdog never fires because of REST trouble.
 *
 * Delivery is at most once: the state file records a push (its
 * `modified`, its iden) before its body is typed, without fsync (the
 * page cache survives a crash of this process), and is fsynced after
 * the batch, outside the tickle-to-pane path. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "err.h"
#include "io.h"
#include "lock.h"
#include "pbroute.h"
#include "sig.h"
#include "tstamp.h"

#define MAX_LINE (1 << 20)	/* --stdin: longest line */
#define MAX_PAGES 100		/* pages of 100 pushes in one catch-up */
#define RATE_WAIT_MAX (24LL * 3600 * 1000)
#define SYNC_IDLE 50		/* ms: fsync the state after this much quiet */
#define SYNC_MAX 1000		/* ms: but no later than this */

struct loop {
	struct pb_listen *l;
	struct pb_config *cfg;
	struct pb_state state;
	struct pb_devices devs;
	struct pb_owner owner;
	struct pb_api api;
	struct pb_router router;
	struct pb_stream st;
	struct buf url;		/* the stream URL (holds the token) */
	int lockfd;
	int need_devices, need_owner, need_pushes;
	int64_t rest_at;
	int rest_fails;
	int64_t connect_at;
	int stream_fails;
	int64_t last_msg;
	int got_msg;
	int announce;		/* log "listening" once caught up */
	int unsynced;		/* the state was written without fsync */
	int64_t unsynced_since;	/* since when */
	int64_t sync_at;	/* when to fsync it */
	int exit_code;		/* set: leave the loop with it */
	struct buf line;	/* --stdin */
	int line_skip;		/* dropping the rest of a too long line */
};

static void
sleep_ms(int64_t ms)
{
	struct timespec ts, rem;

	if (ms <= 0)
		return;
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &rem) < 0 && errno == EINTR)
		ts = rem;
}

/* The delay before retry n (0-based): min << n, capped, plus up to a
 * quarter of it at random. */
static int64_t
backoff(const struct pb_listen *l, int n)
{
	int64_t d = l->backoff_min_ms;
	unsigned r = 0;

	while (n-- > 0 && d < l->backoff_max_ms)
		d *= 2;
	if (d > l->backoff_max_ms)
		d = l->backoff_max_ms;
	(void)ws_random(&r, sizeof r);
	return d + (d >= 4 ? (int64_t)(r % (unsigned)(d / 4 + 1)) : 0);
}

static const char *
secs(int64_t ms, char *buf, size_t len)
{
	snprintf(buf, len, "%lld.%03llds", (long long)(ms / 1000),
	    (long long)(ms % 1000));
	return buf;
}

/* --- state file ---------------------------------------------------------- */

static void
state_path_lock(const char *path, char *buf, size_t len)
{
	snprintf(buf, len, "%s.lock", path);
}

static int
state_open(struct loop *L)
{
	char lp[PATH_MAX + 8], dir[PATH_MAX];
	char *text = NULL;
	const char *why, *slash;
	size_t len;
	pid_t holder = 0;

	slash = strrchr(L->l->state_path, '/');
	if (slash && slash != L->l->state_path) {
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - L->l->state_path),
		    L->l->state_path);
		if (afile_mkdirs(dir, 0700) < 0) {
			pb_log(EV_ERROR, "fatal", "unable to create %s: %s", dir,
			    strerror(errno));
			return EX_SYS;
		}
	}
	state_path_lock(L->l->state_path, lp, sizeof lp);
	L->lockfd = lock_open(lp, 0, &holder);
	if (L->lockfd < 0) {
		if (errno == EWOULDBLOCK)
			pb_log(EV_ERROR, "fatal", "state file %s is in use by another "
			    "pbroute (pid %ld): give each its own --state",
			    L->l->state_path, (long)holder);
		else
			pb_log(EV_ERROR, "fatal", "unable to lock %s: %s", lp,
			    strerror(errno));
		return EX_SYS;
	}
	if (io_readfile(L->l->state_path, 1 << 20, &text, &len) < 0) {
		if (errno != ENOENT) {
			pb_log(EV_ERROR, "fatal", "unable to read %s: %s",
			    L->l->state_path, strerror(errno));
			return EX_SYS;
		}
		pb_log(EV_INFO, "state", "file=%s first start: the newest push will "
		    "be the starting point", L->l->state_path);
		return 0;
	}
	if (pb_state_parse(&L->state, text, len, &why) < 0)
		pb_log(EV_WARN, "state", "file=%s unusable (%s): starting afresh "
		    "from the newest push", L->l->state_path, why);
	else
		pb_log(EV_DEBUG, "state", "file=%s modified=%s routed=%zu",
		    L->l->state_path, L->state.have ? L->state.modified : "-",
		    L->state.ring_len);
	free(text);
	return 0;
}

static int
state_save(struct loop *L)
{
	struct buf b = BUF_INIT;
	int64_t now;

	if (L->l->use_stdin)
		return 0;
	if (pb_state_format(&L->state, &b) < 0 ||
	    afile_write(L->l->state_path, b.p, b.len, 0600, 0) < 0) {
		pb_log(EV_ERROR, "fatal", "unable to write %s: %s",
		    L->l->state_path, strerror(errno));
		buf_free(&b);
		L->exit_code = EX_SYS;
		return -1;
	}
	buf_free(&b);
	/* fsync when the loop has been idle SYNC_IDLE ms, or SYNC_MAX ms
	 * after the first unsynced write, whichever comes first: never
	 * between a tickle and the pane. */
	now = tstamp_mono_ms();
	if (!L->unsynced)
		L->unsynced_since = now;
	L->unsynced = 1;
	L->sync_at = now + SYNC_IDLE < L->unsynced_since + SYNC_MAX ?
	    now + SYNC_IDLE : L->unsynced_since + SYNC_MAX;
	return 0;
}

static void
state_sync(struct loop *L)
{
	int fd;

	if (!L->unsynced)
		return;
	L->unsynced = 0;
	fd = open(L->l->state_path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (fsync(fd) < 0)
			pb_log(EV_WARN, "state", "fsync %s: %s", L->l->state_path,
			    strerror(errno));
		close(fd);
	}
	(void)afile_sync_dir(L->l->state_path);
}

/* Advance the newest `modified` seen to m (if newer). Returns 1 if it
 * changed. */
static int
advance(struct loop *L, const char *m)
{
	if (m == NULL || !pb_modified_ok(m))
		return 0;
	if (L->state.have && pb_modified_cmp(m, L->state.modified) <= 0)
		return 0;
	snprintf(L->state.modified, sizeof L->state.modified, "%s", m);
	L->state.have = 1;
	return 1;
}

/* --- routing ------------------------------------------------------------- */

/* Type body into target, and Enter too when there is no delay between
 * them (one tmux client, two commands: half the cost). */
static int
type_body(struct loop *L, const char *target, const char *body, int enter,
    char *err, size_t errlen)
{
	const char *send[] = { "send-keys", "-l", "-t", target, "--", body,
	    pb_tmux_sep, "send-keys", "-t", target, "Enter", NULL };

	if (!enter)
		send[6] = NULL;
	return pb_tmux(&L->l->tmux, send, err, errlen);
}

/* Route one push. Returns 1 when the state changed and is not yet saved
 * (a skipped push from the REST history), 0 otherwise. */
static int
handle_push(struct loop *L, const struct json *push, int from_history)
{
	struct pb_decision d;
	char q1[300], q2[300], q3[600], err[256];
	const char *m = from_history ? json_text(json_get(push, "modified")) : NULL;
	const char *sender;
	int changed, r, together;

	pb_decide(&L->router, push, &d);
	sender = json_str(json_get(push, "sender_email_normalized"),
	    json_str(json_get(push, "sender_email"), "-"));
	pb_log(EV_INFO, "received", "iden=%s type=%s device=%s sender=%s len=%zu",
	    evlog_q(q1, sizeof q1, *d.iden ? d.iden : "-"),
	    evlog_q(q2, sizeof q2, json_str(json_get(push, "type"), "-")),
	    evlog_q(q3, sizeof q3, d.device), evlog_q(err, sizeof err, sender),
	    json_strlen(json_get(push, "body")));
	changed = from_history ? advance(L, m) : 0;
	if (!d.route) {
		pb_log(EV_INFO, "skipped", "iden=%s reason=%s",
		    evlog_q(q1, sizeof q1, *d.iden ? d.iden : "-"), d.reason);
		return changed;
	}
	/* At most once: record it before typing. */
	pb_state_add(&L->state, d.iden);
	if (state_save(L) < 0)
		return 0;
	together = L->cfg->enter_delay_ms == 0;
	r = type_body(L, d.target, d.body, together, err, sizeof err);
	if (r != 0 && strcmp(d.via, "device-name") == 0 &&
	    !pb_tmux_has_session(&L->l->tmux, d.session)) {
		if (d.fallback[0] == '\0') {
			pb_log(EV_INFO, "skipped", "iden=%s reason=no-session",
			    evlog_q(q1, sizeof q1, d.iden));
			return 0;
		}
		memcpy(d.target, d.fallback, sizeof d.target);
		memcpy(d.session, d.fallback_session, sizeof d.session);
		d.via = "default";
		r = type_body(L, d.target, d.body, together, err, sizeof err);
	}
	if (r != 0) {
		int gone = !pb_tmux_has_session(&L->l->tmux, d.session);
		pb_log(EV_WARN, "skipped", "iden=%s reason=%s target=%s error=%s",
		    evlog_q(q1, sizeof q1, d.iden),
		    gone ? "no-session" : "tmux-failed",
		    evlog_q(q2, sizeof q2, d.target),
		    evlog_q(q3, sizeof q3, *err ? err : "tmux failed"));
		return 0;
	}
	if (!together) {
		const char *enter[] = { "send-keys", "-t", d.target, "Enter", NULL };
		sleep_ms(L->cfg->enter_delay_ms);
		r = pb_tmux(&L->l->tmux, enter, err, sizeof err);
	}
	if (r != 0) {
		pb_log(EV_WARN, "enter-failed", "iden=%s target=%s error=%s",
		    evlog_q(q1, sizeof q1, d.iden), evlog_q(q2, sizeof q2, d.target),
		    evlog_q(q3, sizeof q3, *err ? err : "tmux failed"));
		return 0;
	}
	pb_log(EV_INFO, "routed", "iden=%s target=%s via=%s len=%zu",
	    evlog_q(q1, sizeof q1, d.iden), evlog_q(q2, sizeof q2, d.target),
	    d.via, d.len);
	return 0;
}

/* --- REST ---------------------------------------------------------------- */

static void
rest_failed(struct loop *L, int r, const char *what)
{
	int64_t now = tstamp_mono_ms(), wait, nowms;
	char s[32];

	if (r == PB_API_AUTH) {
		pb_log(EV_ERROR, "fatal", "%s: the server refused the token (%s)",
		    what, L->api.why);
		L->exit_code = EX_USAGE;
		return;
	}
	if (r == PB_API_RATE && L->api.reset_at > 0) {
		nowms = tstamp_now_ms();
		wait = L->api.reset_at * 1000 - nowms;
		if (wait < L->l->backoff_min_ms)
			wait = L->l->backoff_min_ms;
		if (wait > RATE_WAIT_MAX)
			wait = RATE_WAIT_MAX;
		L->rest_at = now + wait;
		pb_log(EV_WARN, "ratelimit", "request=%s reset=%lld wait=%s", what,
		    (long long)L->api.reset_at, secs(wait, s, sizeof s));
		return;
	}
	wait = backoff(L->l, L->rest_fails);
	L->rest_fails++;
	L->rest_at = now + wait;
	pb_log(EV_WARN, "api-error", "request=%s error=\"%s\" retry=%s", what,
	    L->api.why, secs(wait, s, sizeof s));
}

struct item {
	const struct json *push;
	size_t order;
};

static int
item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int c = pb_modified_cmp(json_text(json_get(x->push, "modified")),
	    json_text(json_get(y->push, "modified")));

	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* A `modified` value in a query: '+' (of "1e+9") would read as a space. */
static int
add_query_value(struct buf *b, const char *v)
{
	for (; *v; v++)
		if ((*v == '+' ? buf_adds(b, "%2B") : buf_addc(b, *v)) < 0)
			return -1;
	return 0;
}

/* The first start: only the newest push, as the starting point. */
static int
fetch_start_point(struct loop *L)
{
	struct json *j;
	const char *m;
	int r;

	r = pb_api_call(&L->api, "GET", "/v2/pushes?limit=1", NULL, &j);
	if (r != PB_API_OK)
		return r;
	m = json_text(json_get(json_index(json_get(j, "pushes"), 0), "modified"));
	if (m == NULL || !pb_modified_ok(m))
		m = "0";
	advance(L, m);
	json_free(j);
	pb_log(EV_INFO, "start-point", "modified=%s", L->state.modified);
	if (state_save(L) == 0)
		state_sync(L);
	return PB_API_OK;
}

static int
fetch_pushes(struct loop *L)
{
	struct json *roots[MAX_PAGES];
	struct item *items = NULL, *ni;
	size_t nitems = 0, i, k, nroots = 0;
	struct buf path = BUF_INIT, cur = BUF_INIT;
	const struct json *arr;
	const char *c;
	int r = PB_API_OK, changed = 0;

	if (!L->state.have)
		return fetch_start_point(L);
	while (nroots < MAX_PAGES) {
		buf_reset(&path);
		if (buf_adds(&path, "/v2/pushes?modified_after=") < 0 ||
		    add_query_value(&path, L->state.modified) < 0 ||
		    buf_adds(&path, "&active=true&limit=100") < 0 ||
		    (cur.len && buf_printf(&path, "&cursor=%s", cur.p) < 0)) {
			snprintf(L->api.why, sizeof L->api.why, "out of memory");
			r = PB_API_NET;
			break;
		}
		r = pb_api_call(&L->api, "GET", path.p, NULL, &roots[nroots]);
		if (r != PB_API_OK)
			break;
		arr = json_get(roots[nroots], "pushes");
		nroots++;
		if (json_type(arr) != JSON_ARR) {
			snprintf(L->api.why, sizeof L->api.why, "no pushes array in the answer");
			r = PB_API_JSON;
			break;
		}
		ni = realloc(items, (nitems + json_len(arr) + 1) * sizeof *items);
		if (ni == NULL) {
			snprintf(L->api.why, sizeof L->api.why, "out of memory");
			r = PB_API_NET;
			break;
		}
		items = ni;
		for (k = 0; k < json_len(arr); k++) {
			const struct json *p = json_index(arr, k);
			const char *m = json_text(json_get(p, "modified"));
			if (json_type(p) != JSON_OBJ || m == NULL || !pb_modified_ok(m))
				continue;
			items[nitems].push = p;
			items[nitems].order = nitems;
			nitems++;
		}
		c = json_str(json_get(roots[nroots - 1], "cursor"), NULL);
		buf_reset(&cur);
		if (c && *c && strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_.") == strlen(c))
			buf_adds(&cur, c);
		if (cur.len == 0)
			break;
	}
	if (r == PB_API_OK && cur.len)
		pb_log(EV_WARN, "backlog", "more than %d pages of pushes: the oldest "
		    "are skipped", MAX_PAGES);
	if (r == PB_API_OK) {
		qsort(items, nitems, sizeof *items, item_cmp);
		/* The pages are newest first and a push may move between
		 * pages while we read them: route each iden once. */
		for (i = 0; i < nitems && !L->exit_code; i++) {
			if (i > 0 && strcmp(json_str(json_get(items[i].push, "iden"), ""),
			    json_str(json_get(items[i - 1].push, "iden"), "")) == 0 &&
			    pb_modified_cmp(json_text(json_get(items[i].push, "modified")),
			    json_text(json_get(items[i - 1].push, "modified"))) == 0)
				continue;
			changed |= handle_push(L, items[i].push, 1);
		}
		if (changed && !L->exit_code)
			state_save(L);
	}
	for (i = 0; i < nroots; i++)
		json_free(roots[i]);
	free(items);
	buf_free(&path);
	buf_free(&cur);
	return r;
}

static int
owner_needed(const struct loop *L)
{
	return L->cfg->nsenders == 0 && L->cfg->nallow_devices == 0;
}

static void
do_rest(struct loop *L)
{
	int r;

	if (!L->need_devices && !L->need_owner && !L->need_pushes)
		return;
	if (tstamp_mono_ms() < L->rest_at)
		return;
	if (L->need_devices) {
		r = pb_api_devices(&L->api, &L->devs);
		if (r != PB_API_OK) {
			rest_failed(L, r, "devices");
			return;
		}
		L->need_devices = 0;
		pb_log(EV_INFO, "devices", "count=%zu", L->devs.n);
		if (L->l->mode == PB_MODE_DEVICE &&
		    pb_device_find(&L->devs, L->l->device) == NULL) {
			char q[300];
			pb_log(EV_ERROR, "fatal", "no device %s on this account "
			    "(pbroute register NAME creates one)",
			    evlog_q(q, sizeof q, L->l->device));
			L->exit_code = EX_USAGE;
			return;
		}
	}
	if (L->need_owner) {
		r = pb_api_owner(&L->api, &L->owner);
		if (r != PB_API_OK) {
			rest_failed(L, r, "owner");
			return;
		}
		L->need_owner = 0;
		pb_log(EV_INFO, "owner", "iden=%s", L->owner.iden);
	}
	if (L->need_pushes) {
		r = fetch_pushes(L);
		if (L->exit_code)
			return;
		if (r != PB_API_OK) {
			rest_failed(L, r, "pushes");
			return;
		}
		L->need_pushes = 0;
	}
	L->rest_fails = 0;
	if (L->announce) {
		L->announce = 0;
		pb_log(EV_INFO, "listening", "devices=%zu modified=%s", L->devs.n,
		    L->state.have ? L->state.modified : "-");
	}
}

/* --- the stream ---------------------------------------------------------- */

static void
stream_down(struct loop *L, int64_t delay, const char *why)
{
	char s[32];

	pb_stream_close(&L->st);
	L->connect_at = tstamp_mono_ms() + delay;
	pb_log(EV_WARN, "disconnected", "reason=\"%s\" reconnect=%s", why,
	    secs(delay, s, sizeof s));
}

static void
stream_send(struct loop *L, int opcode, const void *data, size_t len, int code)
{
	struct buf b = BUF_INIT;

	if (opcode == WS_CLOSE)
		ws_encode_close(&b, code, NULL, 1);
	else
		ws_encode(&b, opcode, 1, data, len, 1);
	if (b.len)
		(void)http_conn_write(&L->st.conn, b.p, b.len,
		    tstamp_mono_ms() + 5000);
	buf_free(&b);
}

static void
stream_connect(struct loop *L)
{
	char why[300], masked[600], s[32];
	struct buf rest = BUF_INIT;
	int status;
	int64_t delay;

	if (pb_stream_open(&L->st, L->url.p, &L->l->tls,
	    tstamp_mono_ms() + L->l->http_timeout_ms, &status, why, sizeof why,
	    &rest) < 0) {
		buf_free(&rest);
		pb_mask(why, masked, sizeof masked);
		if (status == 401) {
			pb_log(EV_ERROR, "fatal", "the stream refused the token (%s)", masked);
			L->exit_code = EX_USAGE;
			return;
		}
		delay = backoff(L->l, L->stream_fails);
		L->stream_fails++;
		L->connect_at = tstamp_mono_ms() + delay;
		pb_log(EV_WARN, "connect-failed", "error=\"%s\" retry=%s", masked,
		    secs(delay, s, sizeof s));
		return;
	}
	pb_log(EV_INFO, "connected", "stream=%s/***", L->l->stream_prefix);
	L->last_msg = tstamp_mono_ms();
	L->got_msg = 0;
	L->announce = 1;
	/* Catch up with what happened while we were not listening. */
	L->need_devices = 1;
	L->need_pushes = 1;
	if (owner_needed(L) && !L->owner.known)
		L->need_owner = 1;
	L->rest_at = 0;
	if (rest.len) {
		/* Frames that came with the handshake answer: put them back
		 * through the decoder on the next read. */
		buf_add(&L->st.early, rest.p, rest.len);
	}
	buf_free(&rest);
}

static void
handle_message(struct loop *L, const char *text, size_t len)
{
	struct json_err jerr;
	struct json *j = json_parse(text, len, &jerr);
	const char *type, *sub;

	if (j == NULL || json_type(j) != JSON_OBJ) {
		pb_log(EV_WARN, "bad-message", "error=\"%d:%d: %s\" len=%zu",
		    jerr.line, jerr.col, j ? "not a JSON object" : jerr.msg, len);
		json_free(j);
		return;
	}
	type = json_str(json_get(j, "type"), "");
	if (strcmp(type, "nop") == 0) {
		pb_log(EV_DEBUG, "nop", NULL);
	} else if (strcmp(type, "tickle") == 0) {
		sub = json_str(json_get(j, "subtype"), "");
		pb_log(EV_DEBUG, "tickle", "subtype=%s",
		    strcmp(sub, "push") == 0 ? "push" : strcmp(sub, "device") == 0 ?
		    "device" : "other");
		if (strcmp(sub, "push") == 0)
			L->need_pushes = 1;
		else if (strcmp(sub, "device") == 0)
			L->need_devices = 1;
	} else if (strcmp(type, "push") == 0 &&
	    json_type(json_get(j, "push")) == JSON_OBJ) {
		handle_push(L, json_get(j, "push"), 0);
	} else {
		pb_log(EV_DEBUG, "ignored", "type=%s",
		    json_strlen(json_get(j, "type")) < 40 &&
		    strspn(type, "abcdefghijklmnopqrstuvwxyz_") == strlen(type) ?
		    type : "?");
	}
	json_free(j);
}

/* Decode n bytes from the stream. Returns -1 when the connection was
 * closed here. */
static int
stream_feed(struct loop *L, const char *data, size_t n)
{
	struct ws_event ev;
	size_t off, used;
	int r;
	char why[200];

	for (off = 0; L->st.open; off += used) {
		r = ws_decode(&L->st.dec, data + off, n - off, &used, &ev);
		if (r == WS_NEED)
			return 0;
		L->last_msg = tstamp_mono_ms();
		switch (r) {
		case WS_MESSAGE:
			if (!L->got_msg) {
				L->got_msg = 1;
				L->stream_fails = 0;
			}
			if (ev.opcode == WS_TEXT)
				handle_message(L, ev.data, ev.len);
			else
				pb_log(EV_WARN, "bad-message", "error=\"binary message\" len=%zu",
				    ev.len);
			if (L->exit_code)
				return -1;
			break;
		case WS_PING:
			stream_send(L, WS_PONG, ev.data, ev.len, 0);
			break;
		case WS_PONG:
			break;
		case WS_CLOSE:
			stream_send(L, WS_CLOSE, NULL, 0, ev.code == WS_CLOSE_NO_STATUS ?
			    0 : WS_CLOSE_NORMAL);
			snprintf(why, sizeof why, "closed by the server (%d)", ev.code);
			stream_down(L, backoff(L->l, L->stream_fails), why);
			return -1;
		case WS_ERROR:
			stream_send(L, WS_CLOSE, NULL, 0, L->st.dec.close_code);
			snprintf(why, sizeof why, "protocol error: %s", L->st.dec.why);
			stream_down(L, backoff(L->l, L->stream_fails), why);
			return -1;
		}
	}
	return -1;
}

static void
stream_read(struct loop *L)
{
	char buf[16384];
	ssize_t n;

	if (L->st.early.len) {
		/* Bytes that came with the handshake. */
		struct buf early = L->st.early;
		memset(&L->st.early, 0, sizeof L->st.early);
		n = stream_feed(L, early.p, early.len);
		buf_free(&early);
		if (n < 0)
			return;
	}
	while (L->st.open) {
		n = http_conn_recv(&L->st.conn, buf, sizeof buf);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
				return;
			stream_down(L, backoff(L->l, L->stream_fails), strerror(errno));
			return;
		}
		if (n == 0) {
			stream_down(L, backoff(L->l, L->stream_fails),
			    "connection closed by the server");
			return;
		}
		if (stream_feed(L, buf, (size_t)n) < 0)
			return;
	}
}

/* --- --stdin ------------------------------------------------------------- */

static void
stdin_line(struct loop *L, char *s, size_t n)
{
	struct json_err jerr;
	struct json *j;
	const struct json *push;
	const char *type;

	if (n && s[n - 1] == '\r')
		n--;
	if (n == 0 || strspn(s, " \t") == n)
		return;
	j = json_parse(s, n, &jerr);
	if (j == NULL || json_type(j) != JSON_OBJ) {
		pb_log(EV_WARN, "bad-message", "error=\"%d:%d: %s\" len=%zu",
		    jerr.line, jerr.col, j ? "not a JSON object" : jerr.msg, n);
		json_free(j);
		return;
	}
	type = json_str(json_get(j, "type"), "");
	push = j;
	if (strcmp(type, "push") == 0 && json_type(json_get(j, "push")) == JSON_OBJ)
		push = json_get(j, "push");
	else if (strcmp(type, "nop") == 0 || strcmp(type, "tickle") == 0) {
		json_free(j);
		return;
	}
	handle_push(L, push, 0);
	json_free(j);
}

/* Read what stdin has. Returns 1 at end of file. */
static int
stdin_read(struct loop *L)
{
	char buf[65536], *nl;
	ssize_t n = io_read(0, buf, sizeof buf);
	size_t off = 0;

	if (n < 0) {
		if (errno == EAGAIN)
			return 0;
		pb_log(EV_ERROR, "fatal", "unable to read stdin: %s", strerror(errno));
		L->exit_code = EX_SYS;
		return 1;
	}
	if (n == 0) {
		if (L->line.len && !L->line_skip)
			stdin_line(L, L->line.p, L->line.len);
		buf_reset(&L->line);
		return 1;
	}
	while (off < (size_t)n && !L->exit_code) {
		nl = memchr(buf + off, '\n', (size_t)n - off);
		size_t k = nl ? (size_t)(nl - (buf + off)) : (size_t)n - off;
		if (!L->line_skip) {
			if (L->line.len + k > MAX_LINE) {
				pb_log(EV_WARN, "bad-message", "error=\"line longer than %d "
				    "bytes\"", MAX_LINE);
				L->line_skip = 1;
				buf_reset(&L->line);
			} else if (buf_add(&L->line, buf + off, k) < 0) {
				pb_log(EV_ERROR, "fatal", "out of memory");
				L->exit_code = EX_SYS;
				return 1;
			}
		}
		off += k;
		if (nl) {
			off++;
			if (!L->line_skip)
				stdin_line(L, L->line.p ? L->line.p : (char *)"", L->line.len);
			L->line_skip = 0;
			buf_reset(&L->line);
		}
	}
	return 0;
}

/* --- signals ------------------------------------------------------------- */

static void
cfg_warn(const char *msg)
{
	pb_log(EV_WARN, "config", "%s", msg);
}

static void
reload(struct loop *L)
{
	struct pb_config nc;
	char msg[1024];

	if (pb_config_load(&nc, L->l->config_path, L->l->config_explicit,
	    cfg_warn, msg, sizeof msg) < 0) {
		pb_log(EV_ERROR, "reload", "error=\"%s\" (keeping the old config)", msg);
		return;
	}
	pb_config_free(L->cfg);
	*L->cfg = nc;
	pb_log(EV_INFO, "reload", "config=%s", nc.path ? nc.path : "(none)");
	if (owner_needed(L) && !L->owner.known && L->l->token)
		L->need_owner = 1;
}

/* Handle pending signals. Returns 1 when told to stop. */
static int
signals(struct loop *L)
{
	int s, stop = 0;

	while ((s = sig_next(NULL)) > 0) {
		if (s == SIGHUP)
			reload(L);
		else if (s == SIGTERM || s == SIGINT) {
			pb_log(EV_INFO, "stop", "signal=%s", s == SIGTERM ? "TERM" : "INT");
			stop = 1;
		}
	}
	return stop;
}

/* --- the loop ------------------------------------------------------------ */

static int
setup(struct loop *L, struct pb_listen *l)
{
	memset(L, 0, sizeof *L);
	L->l = l;
	L->cfg = &l->cfg;
	L->lockfd = -1;
	L->st.conn.fd = -1;
	L->api.base = l->api_base;
	L->api.token = l->token;
	L->api.tls = &l->tls;
	L->api.timeout_ms = l->http_timeout_ms;
	L->router.cfg = L->cfg;
	L->router.devs = &L->devs;
	L->router.owner = &L->owner;
	L->router.state = &L->state;
	L->router.mode = l->mode;
	L->router.device = l->device;
	L->router.session = l->session;
	if (sig_init() < 0 || sig_catch(SIGTERM) < 0 || sig_catch(SIGINT) < 0 ||
	    sig_catch(SIGHUP) < 0 || sig_ignore(SIGPIPE) < 0) {
		pb_log(EV_ERROR, "fatal", "unable to set up signals: %s", strerror(errno));
		return EX_SYS;
	}
	return 0;
}

static void
teardown(struct loop *L)
{
	if (L->st.open) {
		stream_send(L, WS_CLOSE, NULL, 0, WS_CLOSE_GOING_AWAY);
		pb_stream_close(&L->st);
	}
	buf_free(&L->st.early);
	state_sync(L);
	pb_devices_free(&L->devs);
	free(L->owner.iden);
	free(L->owner.email);
	buf_free(&L->url);
	buf_free(&L->line);
	if (L->lockfd >= 0)
		close(L->lockfd);
}

static int
run_stdin(struct loop *L)
{
	struct pollfd pf[2];
	int r;

	if (L->l->token) {
		r = pb_api_devices(&L->api, &L->devs);
		if (r == PB_API_OK)
			pb_log(EV_INFO, "devices", "count=%zu", L->devs.n);
		else
			pb_log(EV_WARN, "api-error", "request=devices error=\"%s\"",
			    L->api.why);
		if (owner_needed(L)) {
			r = pb_api_owner(&L->api, &L->owner);
			if (r == PB_API_OK)
				pb_log(EV_INFO, "owner", "iden=%s", L->owner.iden);
			else
				pb_log(EV_WARN, "api-error", "request=owner error=\"%s\"",
				    L->api.why);
		}
	}
	if (owner_needed(L) && !L->owner.known)
		pb_log(EV_WARN, "owner-unknown", "no allow_senders or allow_devices "
		    "and the account owner is not known: every push is refused");
	for (;;) {
		pf[0].fd = sig_fd();
		pf[0].events = POLLIN;
		pf[1].fd = 0;
		pf[1].events = POLLIN;
		if (poll(pf, 2, -1) < 0 && errno != EINTR) {
			pb_log(EV_ERROR, "fatal", "poll: %s", strerror(errno));
			return EX_SYS;
		}
		if (signals(L))
			return 0;
		if (pf[1].revents && stdin_read(L))
			break;
		if (L->exit_code)
			break;
	}
	if (!L->exit_code)
		pb_log(EV_INFO, "stop", "reason=eof");
	return L->exit_code;
}

static int
run_stream(struct loop *L)
{
	struct pollfd pf[2];
	int64_t now, wake;
	int n, timeout;
	char s[32];

	L->connect_at = 0;
	for (;;) {
		now = tstamp_mono_ms();
		if (!L->st.open && now >= L->connect_at) {
			stream_connect(L);
			if (L->exit_code)
				return L->exit_code;
			if (L->st.open && L->st.early.len)
				stream_read(L);
		}
		do_rest(L);
		if (L->exit_code)
			return L->exit_code;
		now = tstamp_mono_ms();
		if (L->st.open && now - L->last_msg >= L->l->nop_timeout_ms) {
			char why[100];
			snprintf(why, sizeof why, "no message for %s",
			    secs(now - L->last_msg, s, sizeof s));
			stream_down(L, 0, why);
			continue;
		}
		if (L->unsynced && now >= L->sync_at) {
			state_sync(L);
			continue;
		}
		wake = L->st.open ? L->last_msg + L->l->nop_timeout_ms : L->connect_at;
		if ((L->need_devices || L->need_owner || L->need_pushes) &&
		    L->rest_at < wake)
			wake = L->rest_at;
		if (L->unsynced && L->sync_at < wake)
			wake = L->sync_at;
		timeout = wake <= now ? 0 : wake - now > INT_MAX ? INT_MAX :
		    (int)(wake - now);
		pf[0].fd = sig_fd();
		pf[0].events = POLLIN;
		pf[1].fd = L->st.open ? L->st.conn.fd : -1;
		pf[1].events = POLLIN;
		pf[1].revents = 0;
		n = poll(pf, 2, timeout);
		if (n < 0 && errno != EINTR) {
			pb_log(EV_ERROR, "fatal", "poll: %s", strerror(errno));
			return EX_SYS;
		}
		if (signals(L))
			return 0;
		if (L->st.open && pf[1].revents)
			stream_read(L);
		if (L->exit_code)
			return L->exit_code;
	}
}

int
pb_listen_run(struct pb_listen *l)
{
	struct loop L;
	int r;

	if ((r = setup(&L, l)) != 0)
		return r;
	if (!l->use_stdin) {
		if (buf_printf(&L.url, "%s/%s", l->stream_prefix, l->token) < 0) {
			pb_log(EV_ERROR, "fatal", "out of memory");
			return EX_SYS;
		}
		if ((r = state_open(&L)) != 0) {
			teardown(&L);
			return r;
		}
		r = run_stream(&L);
	} else {
		r = run_stdin(&L);
	}
	teardown(&L);
	pb_log(r ? EV_ERROR : EV_INFO, "exit", "code=%d", r);
	return r;
}
