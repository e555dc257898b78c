/* healthcheck: answer "is it healthy?" once (Nagios codes) or keep answering. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "err.h"
#include "hc.h"
#include "io.h"
#include "opt.h"
#include "parse.h"
#include "sig.h"
#include "tstamp.h"

#define USAGE "healthcheck [--watch] [options] check ... [--exec-argv -- command [arg ...]]"

struct opts O;
volatile int hc_stop;
pid_t hc_child;

enum {
	OPT_EXEC = 256, OPT_EXEC_ARGV, OPT_TCP, OPT_UNIX, OPT_HTTP, OPT_WS, OPT_PID,
	OPT_PIDFILE, OPT_EXPECT_STATUS, OPT_EXPECT_BODY, OPT_HEADER, OPT_FOLLOW,
	OPT_CPU_MAX, OPT_CPU_WARN, OPT_RSS_MAX, OPT_RSS_WARN, OPT_TREE, OPT_SAMPLE,
	OPT_TIMEOUT, OPT_INTERVAL, OPT_STARTUP_DELAY, OPT_START_PERIOD,
	OPT_FAILURE_THRESHOLD, OPT_SUCCESS_THRESHOLD, OPT_STATE, OPT_JSON, OPT_WATCH,
	OPT_ON_UNHEALTHY, OPT_ON_HEALTHY, OPT_NOTIFY_FD, OPT_SD_NOTIFY, OPT_PING,
	OPT_CACERT, OPT_INSECURE, OPT_UTC, OPT_HELP, OPT_VERSION
};

static const struct option longopts[] = {
	{ "exec", required_argument, NULL, OPT_EXEC },
	{ "exec-argv", no_argument, NULL, OPT_EXEC_ARGV },
	{ "tcp", required_argument, NULL, OPT_TCP },
	{ "unix", required_argument, NULL, OPT_UNIX },
	{ "http", required_argument, NULL, OPT_HTTP },
	{ "ws", required_argument, NULL, OPT_WS },
	{ "pid", required_argument, NULL, OPT_PID },
	{ "pid-file", required_argument, NULL, OPT_PIDFILE },
	{ "expect-status", required_argument, NULL, OPT_EXPECT_STATUS },
	{ "expect-body", required_argument, NULL, OPT_EXPECT_BODY },
	{ "header", required_argument, NULL, OPT_HEADER },
	{ "follow", no_argument, NULL, OPT_FOLLOW },
	{ "cpu-max", required_argument, NULL, OPT_CPU_MAX },
	{ "cpu-warn", required_argument, NULL, OPT_CPU_WARN },
	{ "rss-max", required_argument, NULL, OPT_RSS_MAX },
	{ "rss-warn", required_argument, NULL, OPT_RSS_WARN },
	{ "tree", no_argument, NULL, OPT_TREE },
	{ "sample", required_argument, NULL, OPT_SAMPLE },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "interval", required_argument, NULL, OPT_INTERVAL },
	{ "startup-delay", required_argument, NULL, OPT_STARTUP_DELAY },
	{ "start-period", required_argument, NULL, OPT_START_PERIOD },
	{ "failure-threshold", required_argument, NULL, OPT_FAILURE_THRESHOLD },
	{ "success-threshold", required_argument, NULL, OPT_SUCCESS_THRESHOLD },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "watch", no_argument, NULL, OPT_WATCH },
	{ "on-unhealthy", required_argument, NULL, OPT_ON_UNHEALTHY },
	{ "on-healthy", required_argument, NULL, OPT_ON_HEALTHY },
	{ "notify-fd", required_argument, NULL, OPT_NOTIFY_FD },
	{ "sd-notify", no_argument, NULL, OPT_SD_NOTIFY },
	{ "ping", required_argument, NULL, OPT_PING },
	{ "cacert", required_argument, NULL, OPT_CACERT },
	{ "insecure", no_argument, NULL, OPT_INSECURE },
	{ "utc", no_argument, NULL, OPT_UTC },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static const char help_text[] =
"usage: " USAGE "\n"
"\n"
"Checks (all must pass):\n"
"  --exec CMD              run CMD with /bin/sh: exit 0 OK, 1 WARNING, else CRITICAL\n"
"  --exec-argv -- CMD ARG  the same without a shell\n"
"  --tcp HOST:PORT         a TCP connect\n"
"  --unix PATH             a Unix socket connect ('@NAME': abstract)\n"
"  --http URL              a GET; --expect-status LIST (200-399), --expect-body STR,\n"
"                          --header 'K: V', --follow (redirects)\n"
"  --ws URL                a WebSocket handshake\n"
"  --pid N, --pid-file F   the process is alive (a pid file must be locked)\n"
"    --cpu-max/--cpu-warn PERCENT, --rss-max/--rss-warn SIZE, --tree, --sample DUR\n"
"Timing: --timeout DUR (10s), --interval DUR (30s), --startup-delay DUR,\n"
"  --start-period DUR, --failure-threshold N (3), --success-threshold N (1)\n"
"Modes: --watch (one line per transition), --state FILE (thresholds across runs)\n"
"Output: --json, --utc; --on-unhealthy CMD, --on-healthy CMD, --notify-fd N,\n"
"  --sd-notify, --ping URL; TLS: --cacert FILE, --insecure\n"
"Exit: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (and usage errors).\n";

static void
bad(const char *opt, const char *arg, const char *why)
{
	err_die(NAG_UNKNOWN, "bad %s '%s': %s", opt, arg, why);
}

static int64_t
duration(const char *opt, const char *arg, int zero_ok)
{
	int64_t ms;
	const char *why;

	if (parse_duration(arg, &ms, &why) < 0)
		bad(opt, arg, why);
	if (ms == 0 && !zero_ok)
		bad(opt, arg, "must be more than zero");
	return ms;
}

static double
percent(const char *opt, const char *arg)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (end != arg && *end == '%')
		end++;
	if (end == arg || *end != '\0' || errno || v < 0 || v > 100000 || v != v)
		bad(opt, arg, "want a percentage, 100 being one CPU (80, 80%, 150.5)");
	return v;
}

static double
size(const char *opt, const char *arg)
{
	uint64_t v;
	const char *why;

	if (parse_size(arg, &v, &why) < 0)
		bad(opt, arg, why);
	return (double)v;
}

static void
status_list(const char *arg)
{
	const char *p = arg;
	char *end;
	long lo, hi;

	O.nranges = 0;
	for (;;) {
		if (*p < '0' || *p > '9')
			goto fail;
		lo = strtol(p, &end, 10);
		hi = lo;
		p = end;
		if (*p == '-') {
			p++;
			if (*p < '0' || *p > '9')
				goto fail;
			hi = strtol(p, &end, 10);
			p = end;
		}
		if (lo < 100 || hi > 999 || lo > hi || O.nranges == 32)
			goto fail;
		O.status_ranges[O.nranges].lo = (int)lo;
		O.status_ranges[O.nranges].hi = (int)hi;
		O.nranges++;
		if (*p == '\0')
			return;
		if (*p++ != ',')
			goto fail;
	}
fail:
	bad("--expect-status", arg, "want codes and ranges such as 200,204,300-399");
}

static struct check *
add_check(int kind, const char *arg)
{
	struct check *c;
	int i, same = 0;

	c = realloc(O.checks, (size_t)(O.nchecks + 1) * sizeof *c);
	if (c == NULL)
		err_diesys(NAG_UNKNOWN, "unable to allocate");
	O.checks = c;
	c = &O.checks[O.nchecks++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->arg = arg;
	for (i = 0; i < O.nchecks; i++)
		if (strcmp(out_kind(O.checks[i].kind), out_kind(kind)) == 0)
			same++;
	if (same > 1)
		snprintf(c->label, sizeof c->label, "%s%d", out_kind(kind), same);
	else
		snprintf(c->label, sizeof c->label, "%s", out_kind(kind));
	return c;
}

static void
add_header(const char *h)
{
	const char **nh = realloc(O.headers, (size_t)(O.nheaders + 2) * sizeof *nh);

	if (nh == NULL)
		err_diesys(NAG_UNKNOWN, "unable to allocate");
	O.headers = nh;
	O.headers[O.nheaders++] = h;
	O.headers[O.nheaders] = NULL;
}

static void
url_check(int kind, const char *opt, const char *arg)
{
	struct check *c = add_check(kind, arg);
	const char *why;

	if (http_url_parse(arg, &c->url, &why) < 0)
		bad(opt, arg, why);
	if (kind == CK_HTTP && c->url.scheme[0] == 'w')
		bad(opt, arg, "a ws:// URL: use --ws");
	if (kind == CK_WS && c->url.scheme[0] == 'h')
		bad(opt, arg, "want a ws:// or wss:// URL");
	if (c->url.tls && !http_tls_available())
		err_die(NAG_UNKNOWN, "%s %s: built without libcurl (no TLS)", opt, arg);
}

static void
parse_args(int argc, char **argv)
{
	char ebuf[128];
	const char *why;
	struct check *c;
	struct http_url u;
	int ch, exec_argv = 0, ok_fd, have_pid = 0, have_http = 0, have_ws = 0;
	int given_interval = 0, given_start = 0, given_sample = 0, given_tree = 0;
	int given_expect = 0, given_follow = 0, given_header = 0, given_tls = 0;
	int64_t v;

	O.timeout = 10000;
	O.interval = 30000;
	O.sample = 1000;
	O.failure_threshold = 3;
	O.success_threshold = 1;
	O.notify_fd = -1;
	O.cpu_max = O.cpu_warn = O.rss_max = O.rss_warn = -1;
	O.status_ranges[0].lo = 200;
	O.status_ranges[0].hi = 399;
	O.nranges = 1;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:", longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_EXEC:
			if (*optarg == '\0')
				bad("--exec", optarg, "empty command");
			add_check(CK_EXEC, optarg);
			break;
		case OPT_EXEC_ARGV:
			if (exec_argv)
				err_die(NAG_UNKNOWN, "--exec-argv given twice");
			exec_argv = 1;
			break;
		case OPT_TCP:
			c = add_check(CK_TCP, optarg);
			if (net_hostport(optarg, c->host, &c->port, NULL, 0, &why) < 0)
				bad("--tcp", optarg, why);
			break;
		case OPT_UNIX: {
			struct sockaddr_un sa;
			socklen_t len;
			if (net_unix_addr(optarg, &sa, &len) < 0)
				bad("--unix", optarg, errno == EINVAL ? "empty path" :
				    "path too long for a Unix socket");
			add_check(CK_UNIX, optarg);
			break;
		}
		case OPT_HTTP:
			url_check(CK_HTTP, "--http", optarg);
			have_http = 1;
			break;
		case OPT_WS:
			url_check(CK_WS, "--ws", optarg);
			have_ws = 1;
			break;
		case OPT_PID:
			if (parse_int(optarg, 1, INT_MAX, &v, &why) < 0)
				bad("--pid", optarg, why);
			add_check(CK_PID, optarg)->pid = (pid_t)v;
			have_pid = 1;
			break;
		case OPT_PIDFILE:
			if (*optarg == '\0')
				bad("--pid-file", optarg, "empty path");
			add_check(CK_PIDFILE, optarg);
			have_pid = 1;
			break;
		case OPT_EXPECT_STATUS:
			status_list(optarg);
			given_expect = 1;
			break;
		case OPT_EXPECT_BODY:
			if (*optarg == '\0')
				bad("--expect-body", optarg, "empty string");
			O.expect_body = optarg;
			given_expect = 1;
			break;
		case OPT_HEADER:
			if (!http_header_line_ok(optarg))
				bad("--header", optarg, "want 'Name: value' on one line");
			add_header(optarg);
			given_header = 1;
			break;
		case OPT_FOLLOW:
			O.follow = 1;
			given_follow = 1;
			break;
		case OPT_CPU_MAX:
			O.cpu_max = percent("--cpu-max", optarg);
			break;
		case OPT_CPU_WARN:
			O.cpu_warn = percent("--cpu-warn", optarg);
			break;
		case OPT_RSS_MAX:
			O.rss_max = size("--rss-max", optarg);
			break;
		case OPT_RSS_WARN:
			O.rss_warn = size("--rss-warn", optarg);
			break;
		case OPT_TREE:
			O.tree = 1;
			given_tree = 1;
			break;
		case OPT_SAMPLE:
			O.sample = duration("--sample", optarg, 0);
			given_sample = 1;
			break;
		case OPT_TIMEOUT:
			O.timeout = duration("--timeout", optarg, 0);
			break;
		case OPT_INTERVAL:
			O.interval = duration("--interval", optarg, 0);
			given_interval = 1;
			break;
		case OPT_STARTUP_DELAY:
			O.startup_delay = duration("--startup-delay", optarg, 1);
			break;
		case OPT_START_PERIOD:
			O.start_period = duration("--start-period", optarg, 1);
			given_start = 1;
			break;
		case OPT_FAILURE_THRESHOLD:
		case OPT_SUCCESS_THRESHOLD:
			if (parse_int(optarg, 1, 1000000, &v, &why) < 0)
				bad(ch == OPT_FAILURE_THRESHOLD ? "--failure-threshold" :
				    "--success-threshold", optarg, why);
			if (ch == OPT_FAILURE_THRESHOLD)
				O.failure_threshold = v;
			else
				O.success_threshold = v;
			O.given_thresholds = 1;
			break;
		case OPT_STATE:
			if (*optarg == '\0')
				bad("--state", optarg, "empty path");
			O.state = optarg;
			break;
		case OPT_JSON:
			O.json = 1;
			break;
		case OPT_WATCH:
			O.watch = 1;
			break;
		case OPT_ON_UNHEALTHY:
			O.on_unhealthy = optarg;
			break;
		case OPT_ON_HEALTHY:
			O.on_healthy = optarg;
			break;
		case OPT_NOTIFY_FD:
			if (parse_int(optarg, 0, INT_MAX, &v, &why) < 0)
				bad("--notify-fd", optarg, why);
			if (v <= 2)
				bad("--notify-fd", optarg, "0, 1 and 2 are stdin, stdout and stderr");
			ok_fd = fcntl((int)v, F_GETFD) >= 0;
			if (!ok_fd)
				bad("--notify-fd", optarg, "not an open file descriptor");
			O.notify_fd = (int)v;
			(void)io_cloexec(O.notify_fd, 1);
			break;
		case OPT_SD_NOTIFY:
			O.sd_notify = 1;
			break;
		case OPT_PING:
			if (http_url_parse(optarg, &u, &why) < 0)
				bad("--ping", optarg, why);
			if (u.scheme[0] == 'w')
				bad("--ping", optarg, "want an http:// or https:// URL");
			if (u.tls && !http_tls_available())
				err_die(NAG_UNKNOWN, "--ping %s: built without libcurl (no TLS)", optarg);
			http_url_free(&u);
			O.ping = optarg;
			break;
		case OPT_CACERT:
			if (access(optarg, R_OK) < 0)
				err_die(NAG_UNKNOWN, "bad --cacert '%s': %s", optarg, strerror(errno));
			O.tls.cacert = optarg;
			given_tls = 1;
			break;
		case OPT_INSECURE:
			O.tls.insecure = 1;
			given_tls = 1;
			break;
		case OPT_UTC:
			O.utc = 1;
			break;
		case OPT_HELP:
			fputs(help_text, stdout);
			exit(0);
		case OPT_VERSION:
			err_version();
		default:
			err_die(NAG_UNKNOWN, "%s", opt_error(ch, argv, optind, optopt,
			    ebuf, sizeof ebuf));
		}
	}
	if (have_http || have_ws) {
		for (v = 0; v < O.nheaders; v++)
			if (strncasecmp(O.headers[v], "User-Agent:", 11) == 0)
				break;
		if (v == O.nheaders)
			add_header("User-Agent: healthcheck/" TK_VERSION);
	}
	if (exec_argv) {
		if (optind >= argc)
			err_usage("%s (--exec-argv needs a command after --)", USAGE);
		c = add_check(CK_ARGV, argv[optind]);
		c->argv = argv + optind;
	} else if (optind < argc) {
		err_die(NAG_UNKNOWN, "unexpected argument '%s' (a command to run needs "
		    "--exec or --exec-argv)", argv[optind]);
	}
	if (O.nchecks == 0)
		err_usage("%s (no check given: --exec, --exec-argv, --tcp, --unix, --http, "
		    "--ws, --pid or --pid-file)", USAGE);
	if ((O.cpu_max >= 0 || O.cpu_warn >= 0 || O.rss_max >= 0 || O.rss_warn >= 0) && !have_pid)
		err_die(NAG_UNKNOWN, "--cpu-max, --cpu-warn, --rss-max and --rss-warn need "
		    "--pid or --pid-file");
	if ((given_tree || given_sample) && O.cpu_max < 0 && O.cpu_warn < 0 &&
	    O.rss_max < 0 && O.rss_warn < 0)
		err_die(NAG_UNKNOWN, "--tree and --sample need --cpu-max, --cpu-warn, "
		    "--rss-max or --rss-warn");
	if (given_sample && O.cpu_max < 0 && O.cpu_warn < 0)
		err_die(NAG_UNKNOWN, "--sample needs --cpu-max or --cpu-warn");
	if (O.cpu_max >= 0 && O.cpu_warn >= 0 && O.cpu_warn >= O.cpu_max)
		err_die(NAG_UNKNOWN, "--cpu-warn must be below --cpu-max");
	if (O.rss_max >= 0 && O.rss_warn >= 0 && O.rss_warn >= O.rss_max)
		err_die(NAG_UNKNOWN, "--rss-warn must be below --rss-max");
	if ((given_expect || given_follow) && !have_http)
		err_die(NAG_UNKNOWN, "--expect-status, --expect-body and --follow need --http");
	if (given_header && !have_http && !have_ws)
		err_die(NAG_UNKNOWN, "--header needs --http or --ws");
	if (given_tls && !http_tls_available())
		err_die(NAG_UNKNOWN, "--cacert and --insecure: built without libcurl (no TLS)");
	if (O.watch && O.state)
		err_die(NAG_UNKNOWN, "--state is for one-shot runs; --watch keeps its state "
		    "in memory");
	if (given_interval && !O.watch)
		err_die(NAG_UNKNOWN, "--interval needs --watch");
	if (!O.watch && !O.state && (O.given_thresholds || given_start || O.on_healthy ||
	    O.on_unhealthy))
		err_die(NAG_UNKNOWN, "--failure-threshold, --success-threshold, "
		    "--start-period, --on-healthy and --on-unhealthy need --watch or --state");
}

/* --- waiting -------------------------------------------------------------- */

int
hc_poll(struct pollfd *fds, int n, int64_t deadline)
{
	struct pollfd p[8];
	int i, r, s, chld;

	if (n > 7) {
		errno = EINVAL;
		return -1;
	}
	for (;;) {
		if (hc_stop) {
			errno = EINTR;
			return -1;
		}
		for (i = 0; i < n; i++) {
			p[i] = fds[i];
			p[i].revents = 0;
		}
		p[n].fd = sig_fd();
		p[n].events = POLLIN;
		p[n].revents = 0;
		r = poll(p, (nfds_t)(n + 1), net_timeout(deadline));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			return 0;
		chld = 0;
		if (p[n].revents) {
			while ((s = sig_next(NULL)) != 0) {
				if (s == SIGCHLD)
					chld = 1;
				else
					hc_stop = s;
			}
		}
		if (chld && hc_child == 0) {
			/* Orphans that came to us, between commands. */
			while (proc_wait(-1, &s, WNOHANG) > 0)
				;
			chld = 0;
		}
		if (hc_stop) {
			errno = EINTR;
			return -1;
		}
		r = chld;
		for (i = 0; i < n; i++) {
			fds[i].revents = p[i].revents;
			if (p[i].revents)
				r = 1;
		}
		if (r)
			return 1;
	}
}

int
hc_sleep_until(int64_t deadline)
{
	int r;

	while ((r = hc_poll(NULL, 0, deadline)) > 0)
		;
	return r < 0 ? -1 : 0;
}

/* --- rounds --------------------------------------------------------------- */

static int
worst(const struct result *res, int n)
{
	static const int rank[] = { 0, 1, 3, 2 };	/* OK, WARNING, UNKNOWN, CRITICAL */
	int i, w = NAG_OK;

	for (i = 0; i < n; i++)
		if (rank[res[i].status] > rank[w])
			w = res[i].status;
	return w;
}

/* Run every check, one after the other. Returns 0, or -1 when a stop
 * signal came (results freed). */
static int
run_checks(struct result *res)
{
	int i;

	for (i = 0; i < O.nchecks; i++) {
		check_run(&O.checks[i], &res[i]);
		if (hc_stop) {
			while (i >= 0)
				result_free(&res[i--]);
			return -1;
		}
	}
	return 0;
}

static void
free_results(struct result *res)
{
	int i;

	for (i = 0; i < O.nchecks; i++)
		result_free(&res[i]);
}

static void
stamp_now(char *buf)
{
	struct timespec ts;

	tstamp_now(&ts);
	tstamp_rfc3339(buf, &ts, O.utc);
}

static void
put(struct buf *b)
{
	if (io_writeall(1, b->p, b->len) < 0)
		err_diesys(NAG_UNKNOWN, "unable to write to stdout");
	buf_reset(b);
}

static const int word_code[] = { NAG_UNKNOWN, NAG_OK, NAG_WARNING, NAG_CRITICAL };

/* Hooks and notifications when the base state changes. */
static void
base_changed(int before, const struct health *h, const char *summary, int *was_ready)
{
	if (h->base == before)
		return;
	if (h->base == H_HEALTHY) {
		if (!*was_ready) {
			*was_ready = 1;
			notify_fd_ready();
			if (O.sd_notify)
				notify_sd("READY=1");
		}
		if (O.on_healthy)
			notify_hook(O.on_healthy, "healthy", health_word(before), summary);
	} else if (h->base == H_UNHEALTHY && O.on_unhealthy) {
		notify_hook(O.on_unhealthy, "unhealthy", health_word(before), summary);
	}
}

/* Sleep until the next round. Lines come only on transitions, so a
 * reader that went away (the supervisor died) would never be noticed by
 * a write: watch standard output for the error its closed pipe raises.
 * Returns 0, or -1 when a stop signal came. */
static int
wait_round(int64_t next)
{
	struct pollfd p;
	int r;

	for (;;) {
		p.fd = 1;
		p.events = 0;
		r = hc_poll(&p, 1, next);
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		if (p.revents & (POLLERR | POLLHUP | POLLNVAL))
			err_die(NAG_UNKNOWN, "standard output is gone; stopping");
		if (p.revents == 0)
			continue;	/* a child changed state */
	}
}

static int
watch(void)
{
	struct result *res = calloc((size_t)O.nchecks, sizeof *res);
	struct health h;
	struct buf line = BUF_INIT, sum = BUF_INIT;
	char stamp[TSTAMP_MAX], note[64];
	int word, raw, before, ready = 0;
	int64_t next = tstamp_mono_ms(), start;

	if (res == NULL)
		err_diesys(NAG_UNKNOWN, "unable to allocate");
	memset(&h, 0, sizeof h);
	h.first_ms = tstamp_now_ms();
	for (;;) {
		if (wait_round(next) < 0)
			break;
		start = tstamp_mono_ms();
		if (run_checks(res) < 0)
			break;
		raw = worst(res, O.nchecks);
		before = h.base;
		word = health_update(&h, raw, tstamp_now_ms(), note, sizeof note);
		buf_reset(&sum);
		out_summary(&sum, note, res, O.nchecks);
		if (word != h.word) {
			stamp_now(stamp);
			if (O.json)
				out_json(&line, stamp, word_code[word], word, h.word, note, res,
				    O.nchecks, &h);
			else
				buf_printf(&line, "%s %s %s\n", stamp, health_word(word), sum.p);
			put(&line);
			if (O.sd_notify) {
				buf_printf(&line, "STATUS=%s: %s", health_word(word), sum.p);
				notify_sd(line.p);
				buf_reset(&line);
			}
			h.word = word;
			h.since_ms = tstamp_now_ms();
		}
		base_changed(before, &h, sum.p, &ready);
		if (O.sd_notify && h.base == H_HEALTHY)
			notify_sd("WATCHDOG=1");
		notify_ping(word == H_UNHEALTHY ? "/fail" : "");
		free_results(res);
		next = start + O.interval;
	}
	free(res);
	buf_free(&line);
	buf_free(&sum);
	return 0;
}

static int
once(void)
{
	struct result *res = calloc((size_t)O.nchecks, sizeof *res);
	struct health h, *hp = NULL;
	struct buf out = BUF_INIT, sum = BUF_INIT;
	char stamp[TSTAMP_MAX], note[64] = "";
	const char *why;
	int raw, code, word = -1, prev = -1, before = H_UNKNOWN, fd, ready = 0;

	if (res == NULL)
		err_diesys(NAG_UNKNOWN, "unable to allocate");
	notify_ping("/start");
	if (run_checks(res) < 0) {
		out_text(&out, NAG_UNKNOWN, "interrupted");
		put(&out);
		buf_free(&out);
		free(res);
		return NAG_UNKNOWN;
	}
	raw = code = worst(res, O.nchecks);
	if (O.state) {
		/* Read, update and write under the lock: parallel runs add up. */
		fd = health_load(O.state, &h, &why);
		if (fd < 0) {
			out_text(&out, NAG_UNKNOWN, "unable to lock state file %s: %s", O.state, why);
			put(&out);
			err_die(NAG_UNKNOWN, "unable to lock state file %s: %s", O.state, why);
		}
		if (h.first_ms == 0)
			h.first_ms = tstamp_now_ms();
		prev = h.word;
		before = h.base;
		word = health_update(&h, raw, tstamp_now_ms(), note, sizeof note);
		if (word != prev)
			h.since_ms = tstamp_now_ms();
		h.word = word;
		if (health_save(O.state, fd, &h, &why) < 0) {
			out_text(&out, NAG_UNKNOWN, "unable to write state file %s: %s", O.state, why);
			put(&out);
			err_die(NAG_UNKNOWN, "unable to write state file %s: %s", O.state, why);
		}
		code = word_code[word];
		hp = &h;
	}
	stamp_now(stamp);
	if (O.json)
		out_json(&out, stamp, code, word, prev, note, res, O.nchecks, hp);
	else
		out_nagios(&out, code, note, res, O.nchecks, hp);
	put(&out);
	out_summary(&sum, note, res, O.nchecks);
	if (O.sd_notify) {
		buf_printf(&out, "STATUS=%s: %s", out_code_name(code), sum.p);
		notify_sd(out.p);
		buf_reset(&out);
	}
	if (code == NAG_OK) {
		notify_fd_ready();
		if (O.sd_notify)
			notify_sd("READY=1");
	}
	if (hp) {
		ready = 1;
		base_changed(before, hp, sum.p, &ready);
	}
	notify_ping(code == NAG_CRITICAL || code == NAG_UNKNOWN ? "/fail" : "");
	free_results(res);
	free(res);
	buf_free(&out);
	buf_free(&sum);
	return code;
}

int
main(int argc, char **argv)
{
	struct buf out = BUF_INIT;
	int code, i;

	err_init(argv[0]);
	err_set_usage_code(NAG_UNKNOWN);
	parse_args(argc, argv);
	if (sig_init() < 0 || sig_catch(SIGTERM) < 0 || sig_catch(SIGINT) < 0 ||
	    sig_catch(SIGHUP) < 0 || sig_catch(SIGCHLD) < 0 || sig_ignore(SIGPIPE) < 0)
		err_diesys(NAG_UNKNOWN, "unable to set up signals");
	hc_subreaper();
	if (O.startup_delay > 0 && hc_sleep_until(tstamp_mono_ms() + O.startup_delay) < 0) {
		if (O.watch)
			return 0;
		out_text(&out, NAG_UNKNOWN, "interrupted");
		put(&out);
		buf_free(&out);
		return NAG_UNKNOWN;
	}
	code = O.watch ? watch() : once();
	for (i = 0; i < O.nchecks; i++)
		http_url_free(&O.checks[i].url);
	free(O.checks);
	free(O.headers);
	return code;
}
