/* check.c: the checks: exec, tcp, unix, http, ws, pid and pid file with CPU and RSS. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "hc.h"
#include "io.h"
#include "lock.h"
#include "parse.h"
#include "tstamp.h"
#include "ws.h"

#define MAX_REDIRECTS 10
#define PLUGIN_OUTPUT_MAX 8192

static int64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void
result_init(struct result *r)
{
	memset(r, 0, sizeof *r);
	r->status = NAG_OK;
	r->seconds = -1;
	r->cpu = -1;
	r->rss = -1;
}

void
result_free(struct result *r)
{
	buf_free(&r->detail);
	buf_free(&r->plugin_perf);
}

void
result_perf(struct result *r, const char *name, double v, const char *uom,
    int prec, double warn, double crit)
{
	struct perf *p;

	if (r->nperf == HC_MAXPERF)
		return;
	p = &r->perf[r->nperf++];
	p->name = name;
	p->value = v;
	p->uom = uom;
	p->prec = prec;
	p->warn = warn;
	p->crit = crit;
}

static void __attribute__((format(printf, 3, 4)))
say(struct result *r, int status, const char *fmt, ...)
{
	va_list ap;

	r->status = status;
	buf_reset(&r->detail);
	va_start(ap, fmt);
	buf_vprintf(&r->detail, fmt, ap);
	va_end(ap);
}

/* "12ms", "1.50s" */
static const char *
fmt_ms(double seconds, char *buf, size_t len)
{
	if (seconds < 0.01)
		snprintf(buf, len, "%.1fms", seconds * 1000);
	else if (seconds < 1)
		snprintf(buf, len, "%.0fms", seconds * 1000);
	else
		snprintf(buf, len, "%.2fs", seconds);
	return buf;
}

static void
timed(struct result *r, int64_t t0)
{
	r->seconds = (double)(now_us() - t0) / 1e6;
	result_perf(r, "time", r->seconds, "s", 6, -1, -1);
}

static const char *
timeout_text(char *buf, size_t len)
{
	char t[32];

	snprintf(buf, len, "timed out after %s", fmt_ms((double)O.timeout / 1000, t, sizeof t));
	return buf;
}

/* --- exec ----------------------------------------------------------------- */

/* Keep printable ASCII and tabs; trim blanks at both ends. */
static void
clean_text(struct buf *dst, const char *s, size_t n)
{
	size_t i;

	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	for (i = 0; i < n; i++)
		buf_addc(dst, (unsigned char)s[i] < 0x20 || (unsigned char)s[i] == 0x7f ?
		    ' ' : s[i]);
}

static void
check_exec(struct check *c, struct result *r)
{
	char *shargv[] = { "/bin/sh", "-c", (char *)c->arg, NULL };
	char *const *argv = c->kind == CK_EXEC ? shargv : c->argv;
	struct buf out = BUF_INIT, text = BUF_INIT;
	struct proc_err pe;
	char tb[64], sb[32];
	const char *bar;
	size_t n;
	int st, to, code;
	int64_t t0 = now_us();

	if (run_cmd(argv, NULL, -1, &out, PLUGIN_OUTPUT_MAX, tstamp_mono_ms() + O.timeout,
	    &st, &to, &pe) < 0) {
		if (errno == EINTR)
			say(r, NAG_UNKNOWN, "interrupted");
		else
			say(r, NAG_CRITICAL, "unable to run %s: %s", argv[0], strerror(errno));
		buf_free(&out);
		return;
	}
	timed(r, t0);
	/* Nagios plugin output: "TEXT | PERFDATA" on the first line. */
	n = out.p ? strcspn(out.p, "\n") : 0;
	bar = n ? memchr(out.p, '|', n) : NULL;
	clean_text(&text, out.p ? out.p : "", bar ? (size_t)(bar - out.p) : n);
	if (bar)
		clean_text(&r->plugin_perf, bar + 1, n - (size_t)(bar + 1 - out.p));
	if (to) {
		say(r, NAG_CRITICAL, "%s%s%s", timeout_text(tb, sizeof tb),
		    text.len ? ": " : "", text.len ? text.p : "");
	} else if (WIFEXITED(st) && (code = WEXITSTATUS(st)) <= NAG_CRITICAL) {
		if (text.len)
			say(r, code, "%s", text.p);
		else
			say(r, code, "'%.60s' exit %d", c->arg, code);
	} else {
		proc_status_str(st, sb, sizeof sb);
		if (text.len)
			say(r, NAG_CRITICAL, "%s (%s)", text.p, sb);
		else
			say(r, NAG_CRITICAL, "'%.60s' %s", c->arg, sb);
	}
	buf_free(&out);
	buf_free(&text);
}

/* --- sockets -------------------------------------------------------------- */

static void
check_connect(struct check *c, struct result *r)
{
	char tb[64], mb[32];
	const char *why = NULL, *kind = c->kind == CK_TCP ? "tcp" : "unix";
	int64_t t0 = now_us(), dl = tstamp_mono_ms() + O.timeout;
	int fd;

	if (c->kind == CK_TCP)
		fd = net_connect_tcp(c->host, c->port, dl, &why);
	else
		fd = net_connect_unix(c->arg, dl, &why);
	if (fd < 0) {
		say(r, NAG_CRITICAL, "%s %s: %s", kind, c->arg,
		    errno == ETIMEDOUT ? timeout_text(tb, sizeof tb) : why);
		return;
	}
	close(fd);
	timed(r, t0);
	say(r, NAG_OK, "%s %s connected in %s", kind, c->arg, fmt_ms(r->seconds, mb, sizeof mb));
}

/* --- http ----------------------------------------------------------------- */

struct body_search {
	const char *needle;
	size_t nl;
	struct buf win;
	int found;
};

/* Look for the needle across pieces: keep the last nl - 1 bytes. */
static int
search_body(void *arg, const char *data, size_t n)
{
	struct body_search *s = arg;

	if (buf_add(&s->win, data, n) < 0)
		return -1;
	if (memmem(s->win.p, s->win.len, s->needle, s->nl)) {
		s->found = 1;
		return 1;
	}
	if (s->win.len >= s->nl)
		buf_consume(&s->win, s->win.len - (s->nl - 1));
	return 0;
}

static int
status_wanted(int st)
{
	int i;

	for (i = 0; i < O.nranges; i++)
		if (st >= O.status_ranges[i].lo && st <= O.status_ranges[i].hi)
			return 1;
	return 0;
}

static void
ranges_text(struct buf *b)
{
	int i;

	for (i = 0; i < O.nranges; i++) {
		if (i)
			buf_addc(b, ',');
		if (O.status_ranges[i].lo == O.status_ranges[i].hi)
			buf_printf(b, "%d", O.status_ranges[i].lo);
		else
			buf_printf(b, "%d-%d", O.status_ranges[i].lo, O.status_ranges[i].hi);
	}
}

static void
check_http(struct check *c, struct result *r)
{
	struct http_exchange x;
	struct http_url cur, next;
	struct body_search bs;
	struct buf ub = BUF_INIT, want = BUF_INIT;
	const char *loc, *why;
	char tb[64], mb[32];
	int hops = 0, rc;
	int64_t t0 = now_us(), dl = tstamp_mono_ms() + O.timeout;

	memset(&cur, 0, sizeof cur);
	memset(&bs, 0, sizeof bs);
	for (;;) {
		memset(&x, 0, sizeof x);
		x.url = hops ? &cur : &c->url;
		x.headers = O.headers;
		x.tls = &O.tls;
		x.deadline = dl;
		if (O.expect_body) {
			bs.needle = O.expect_body;
			bs.nl = strlen(O.expect_body);
			buf_reset(&bs.win);
			bs.found = 0;
			x.on_body = search_body;
			x.arg = &bs;
		} else {
			x.head_only = 1;
		}
		rc = http_exchange(&x);
		buf_reset(&ub);
		http_url_format(x.url, &ub);
		if (rc < 0) {
			say(r, NAG_CRITICAL, "http %s: %s", ub.p,
			    errno == ETIMEDOUT ? timeout_text(tb, sizeof tb) : x.why);
			goto out;
		}
		r->http_status = x.resp.status;
		loc = http_header(&x.resp, "Location");
		if (!O.follow || loc == NULL || (x.resp.status != 301 && x.resp.status != 302 &&
		    x.resp.status != 303 && x.resp.status != 307 && x.resp.status != 308))
			break;
		if (++hops > MAX_REDIRECTS) {
			say(r, NAG_CRITICAL, "http %s: more than %d redirects", ub.p, MAX_REDIRECTS);
			goto out;
		}
		if (http_url_resolve(x.url, loc, &next, &why) < 0) {
			say(r, NAG_CRITICAL, "http %s: bad redirect to '%.200s': %s", ub.p, loc, why);
			goto out;
		}
		http_url_free(&cur);
		cur = next;
		http_exchange_free(&x);
	}
	timed(r, t0);
	if (!status_wanted(x.resp.status)) {
		ranges_text(&want);
		say(r, NAG_CRITICAL, "http %s: %d %.80s in %s (want %s)", ub.p, x.resp.status,
		    x.resp.reason, fmt_ms(r->seconds, mb, sizeof mb), want.p);
	} else if (O.expect_body && !bs.found) {
		say(r, NAG_CRITICAL, "http %s: %d but the body lacks '%.80s'", ub.p,
		    x.resp.status, O.expect_body);
	} else {
		say(r, NAG_OK, "http %d in %s", x.resp.status, fmt_ms(r->seconds, mb, sizeof mb));
	}
out:
	http_exchange_free(&x);
	http_url_free(&cur);
	buf_free(&bs.win);
	buf_free(&ub);
	buf_free(&want);
}

static void
check_ws(struct check *c, struct result *r)
{
	struct http_conn conn;
	struct http_parser resp;
	struct buf rest = BUF_INIT, ub = BUF_INIT, bye = BUF_INIT;
	const char *why = NULL;
	char tb[64], mb[32];
	int64_t t0 = now_us(), dl = tstamp_mono_ms() + O.timeout;

	http_url_format(&c->url, &ub);
	if (ws_connect(&conn, &c->url, NULL, O.headers, &O.tls, dl, &resp, &rest, &why) < 0) {
		r->http_status = resp.status;
		say(r, NAG_CRITICAL, "ws %s: %s", ub.p,
		    errno == ETIMEDOUT ? timeout_text(tb, sizeof tb) : why);
	} else {
		timed(r, t0);
		r->http_status = resp.status;
		/* Say goodbye properly; do not wait for the answer. */
		if (ws_encode_close(&bye, WS_CLOSE_GOING_AWAY, NULL, 1) == 0)
			(void)http_conn_send(&conn, bye.p, bye.len);
		http_conn_close(&conn);
		say(r, NAG_OK, "ws %d in %s", resp.status, fmt_ms(r->seconds, mb, sizeof mb));
	}
	http_parser_free(&resp);
	buf_free(&rest);
	buf_free(&ub);
	buf_free(&bye);
}

/* --- processes ------------------------------------------------------------ */

static const char *
fmt_size(double bytes, char *buf, size_t len)
{
	static const char *const u[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	int i = 0;

	while (bytes >= 1024 && i < 4) {
		bytes /= 1024;
		i++;
	}
	snprintf(buf, len, i ? "%.1f%s" : "%.0f%s", bytes, u[i]);
	return buf;
}

/* Compare v with the warn and max thresholds; append "name V" and what
 * was crossed to d; return the status. */
static int
judge(struct buf *d, const char *name, double v, double warn, double max, int size)
{
	char a[32], b[32];
	int st = NAG_OK;

	if (size)
		fmt_size(v, a, sizeof a);
	else
		snprintf(a, sizeof a, "%.1f%%", v);
	buf_printf(d, ", %s %s", name, a);
	if (max >= 0 && v > max)
		st = NAG_CRITICAL;
	else if (warn >= 0 && v > warn)
		st = NAG_WARNING;
	if (st != NAG_OK) {
		double t = st == NAG_CRITICAL ? max : warn;
		if (size)
			fmt_size(t, b, sizeof b);
		else
			snprintf(b, sizeof b, "%g%%", t);
		buf_printf(d, " over %s%s", st == NAG_CRITICAL ? "" : "warning ", b);
	}
	return st;
}

static void
check_pid(struct check *c, struct result *r)
{
	struct pstat a, b;
	struct buf d = BUF_INIT;
	const char *why = NULL;
	pid_t pid = c->pid;
	int alive, st, want_cpu = O.cpu_max >= 0 || O.cpu_warn >= 0;
	int want_rss = O.rss_max >= 0 || O.rss_warn >= 0;
	int64_t m0, m1;

	if (c->kind == CK_PIDFILE) {
		alive = pidfile_read(c->arg, &pid);
		if (alive < 0) {
			say(r, NAG_CRITICAL, "pid file %s: %s", c->arg,
			    errno == ENOENT ? "no such file" : strerror(errno));
			return;
		}
		if (alive == 0) {
			if (pid > 0)
				say(r, NAG_CRITICAL, "pid file %s is stale: no process holds its "
				    "lock (it names pid %ld)", c->arg, (long)pid);
			else
				say(r, NAG_CRITICAL, "pid file %s is stale: no process holds its lock",
				    c->arg);
			return;
		}
		if (pid <= 0) {
			if (want_cpu || want_rss)
				say(r, NAG_UNKNOWN, "pid file %s is locked but names no pid", c->arg);
			else
				say(r, NAG_OK, "pid file %s is locked", c->arg);
			return;
		}
		r->pid = pid;
		buf_printf(&d, "pid %ld (%s) alive", (long)pid, c->arg);
	} else {
		r->pid = pid;
		alive = pstat_alive(pid);
		if (alive <= 0) {
			say(r, NAG_CRITICAL, "pid %ld %s", (long)pid,
			    alive == 0 ? "is not running" : strerror(errno));
			return;
		}
		buf_printf(&d, "pid %ld alive", (long)pid);
	}
	if (!want_cpu && !want_rss) {
		say(r, NAG_OK, "%s", d.p);
		buf_free(&d);
		return;
	}
	if (pstat_read(pid, O.tree, &a, &why) < 0) {
		say(r, NAG_CRITICAL, "pid %ld: %s", (long)pid, why);
		buf_free(&d);
		return;
	}
	m0 = now_us();
	if (want_cpu) {
		if (hc_sleep_until(tstamp_mono_ms() + O.sample) < 0) {
			say(r, NAG_UNKNOWN, "interrupted");
			goto out;
		}
		m1 = now_us();
		if (pstat_read(pid, O.tree, &b, &why) < 0) {
			say(r, NAG_CRITICAL, "pid %ld exited during the CPU sample", (long)pid);
			goto out;
		}
		r->cpu = (double)pstat_cpu_delta(&a, &b) / (double)pstat_hz() /
		    ((double)(m1 - m0) / 1e6) * 100;
		r->rss = (double)b.rss;
		if (O.tree)
			buf_printf(&d, " with %zu process%s", b.n, b.n == 1 ? "" : "es");
		pstat_free(&b);
	} else {
		r->rss = (double)a.rss;
		if (O.tree)
			buf_printf(&d, " with %zu process%s", a.n, a.n == 1 ? "" : "es");
	}
	st = NAG_OK;
	if (want_cpu) {
		int s = judge(&d, "cpu", r->cpu, O.cpu_warn, O.cpu_max, 0);
		st = s > st ? s : st;
		result_perf(r, "cpu", r->cpu, "%", 1, O.cpu_warn, O.cpu_max);
	}
	if (want_rss) {
		int s = judge(&d, "rss", r->rss, O.rss_warn, O.rss_max, 1);
		st = s > st ? s : st;
		result_perf(r, "rss", r->rss, "B", 0, O.rss_warn, O.rss_max);
	}
	say(r, st, "%s", d.p);
out:
	pstat_free(&a);
	buf_free(&d);
}

void
check_run(struct check *c, struct result *r)
{
	result_init(r);
	switch (c->kind) {
	case CK_EXEC:
	case CK_ARGV:
		check_exec(c, r);
		break;
	case CK_TCP:
	case CK_UNIX:
		check_connect(c, r);
		break;
	case CK_HTTP:
		check_http(c, r);
		break;
	case CK_WS:
		check_ws(c, r);
		break;
	default:
		check_pid(c, r);
		break;
	}
	if (hc_stop && r->status != NAG_UNKNOWN)
		say(r, NAG_UNKNOWN, "interrupted");
}
