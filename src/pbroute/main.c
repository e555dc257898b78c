/* main.c: pbroute: route Pushbullet pushes into tmux sessions. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "envfile.h"
#include "err.h"
#include "opt.h"
#include "parse.h"
#include "path.h"
#include "pbroute.h"
#include "tstamp.h"

#define USAGE "pbroute [--device NAME | --all-devices | --auto-route] " \
	"[--session S] [-L NAME | -S PATH] [options] " \
	"[devices | register NAME | send [--device NAME] TEXT | daemon [options]]"

struct evlog pb_ev;
static const char *secret;

void pb_daemon_exec(int argc, char **argv, const struct pb_listen *l,
    const char *env_file, const char *log_level, int64_t reload_ms,
    char **watch, size_t nwatch) __attribute__((noreturn));
const char *pb_tls_describe(char *buf, size_t len);

void
pb_set_secret(const char *token)
{
	secret = token && *token ? token : NULL;
}

const char *
pb_mask(const char *s, char *buf, size_t len)
{
	size_t o = 0, tl = secret ? strlen(secret) : 0;

	if (len == 0)
		return buf;
	while (*s && o + 1 < len) {
		if (tl && strncmp(s, secret, tl) == 0) {
			const char *m = "***";
			while (*m && o + 1 < len)
				buf[o++] = *m++;
			s += tl;
		} else
			buf[o++] = *s++;
	}
	buf[o] = '\0';
	return buf;
}

void
pb_log(int level, const char *event, const char *fmt, ...)
{
	char raw[4096], masked[4096];
	va_list ap;

	if (level < pb_ev.level)
		return;
	raw[0] = '\0';
	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(raw, sizeof raw, fmt, ap);
		va_end(ap);
	}
	pb_mask(raw, masked, sizeof masked);
	if (masked[0])
		evlog(&pb_ev, level, event, "%s", masked);
	else
		evlog(&pb_ev, level, event, NULL);
}

static void
usage_ok(void)
{
	printf("usage: %s\n"
	    "  listen (the default):\n"
	    "    --device NAME      only pushes to that device, into session NAME\n"
	    "    --all-devices      pushes to any device (and to all devices)\n"
	    "    --auto-route       each push into its device's session (default)\n"
	    "    --session S        the session to type into (--device, --all-devices)\n"
	    "    -L NAME, -S PATH   the tmux server's socket name or path\n"
	    "    -c, --config FILE  default $XDG_CONFIG_HOME/pbroute/config.toml\n"
	    "    --env-file FILE    read PUSHBULLET_TOKEN from FILE\n"
	    "    --state FILE       default $XDG_STATE_HOME/pbroute/state\n"
	    "    --stdin            read pushes as JSON lines on stdin\n"
	    "    --api-url BASE, --stream-url PREFIX, --cacert FILE\n"
	    "    --nop-timeout D, --backoff D, --backoff-max D, --http-timeout D\n"
	    "    --debug, --log-level LEVEL\n"
	    "  devices               list the account's devices\n"
	    "  register NAME         create a device called NAME\n"
	    "  send [--device NAME] TEXT   push a note\n"
	    "  daemon [listen options] [--reload-interval D] [--watch-files F]...\n", USAGE);
	exit(0);
}

enum {
	O_DEVICE = 256, O_ALL, O_AUTO, O_SESSION, O_ENVFILE, O_STATE, O_API,
	O_STREAM, O_CACERT, O_STDIN, O_DEBUG, O_LOGLEVEL, O_NOP, O_BACKOFF,
	O_BACKOFF_MAX, O_HTTP_TIMEOUT, O_RELOAD, O_WATCH
};

static const struct option longopts[] = {
	{ "device", required_argument, NULL, O_DEVICE },
	{ "all-devices", no_argument, NULL, O_ALL },
	{ "auto-route", no_argument, NULL, O_AUTO },
	{ "session", required_argument, NULL, O_SESSION },
	{ "config", required_argument, NULL, 'c' },
	{ "env-file", required_argument, NULL, O_ENVFILE },
	{ "state", required_argument, NULL, O_STATE },
	{ "api-url", required_argument, NULL, O_API },
	{ "stream-url", required_argument, NULL, O_STREAM },
	{ "cacert", required_argument, NULL, O_CACERT },
	{ "stdin", no_argument, NULL, O_STDIN },
	{ "debug", no_argument, NULL, O_DEBUG },
	{ "log-level", required_argument, NULL, O_LOGLEVEL },
	{ "nop-timeout", required_argument, NULL, O_NOP },
	{ "backoff", required_argument, NULL, O_BACKOFF },
	{ "backoff-max", required_argument, NULL, O_BACKOFF_MAX },
	{ "http-timeout", required_argument, NULL, O_HTTP_TIMEOUT },
	{ "reload-interval", required_argument, NULL, O_RELOAD },
	{ "watch-files", required_argument, NULL, O_WATCH },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static int64_t
duration_opt(const char *name, const char *arg, int64_t min, int64_t max)
{
	int64_t ms;
	const char *why;

	if (parse_duration(arg, &ms, &why) < 0)
		err_die(EX_USAGE, "bad %s '%s': %s", name, arg, why);
	if (ms < min || ms > max)
		err_die(EX_USAGE, "bad %s '%s': out of range", name, arg);
	return ms;
}

static int
name_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (*p == '\0' || strlen(s) > 255)
		return 0;
	for (; *p; p++)
		if (*p < ' ' || *p == 0x7f)
			return 0;
	return 1;
}

/* --- the token ----------------------------------------------------------- */

static char *file_token;

static int
env_cb(const char *key, const char *value, void *arg)
{
	(void)arg;
	if (strcmp(key, "PUSHBULLET_TOKEN") == 0) {
		free(file_token);
		if ((file_token = strdup(value)) == NULL)
			return -2;
	}
	return 0;
}

/* The token from --env-file (which wins) or the environment, removed
 * from the environment so no child (tmux) ever sees it. NULL if none. */
static char *
load_token(const char *env_file, int keep_env)
{
	struct envfile_err e;
	const char *v;
	char *t;
	size_t i;
	int r;

	if (env_file) {
		r = envfile_load(env_file, env_cb, NULL, &e);
		if (r == -2)
			err_die(EX_SYS, "out of memory");
		if (r < 0 && e.line == 0)
			err_diesys(EX_USAGE, "unable to read %s", env_file);
		if (r < 0)
			err_die(EX_USAGE, "%s:%zu: %s", env_file, e.line,
			    e.why ? e.why : "bad line");
	}
	v = getenv("PUSHBULLET_TOKEN");
	t = file_token ? file_token : v && *v ? strdup(v) : NULL;
	/* pbroute daemon: the listener it starts reads the token again
	 * (from the file, which it watches, or from the environment). */
	if (!keep_env)
		unsetenv("PUSHBULLET_TOKEN");
	if (t == NULL)
		return NULL;
	if (*t == '\0' || strlen(t) > 512)
		err_die(EX_USAGE, "PUSHBULLET_TOKEN is empty or too long");
	for (i = 0; t[i]; i++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-._~", t[i]))
			err_die(EX_USAGE, "PUSHBULLET_TOKEN holds a character no "
			    "token has (it is not printed)");
	return t;
}

/* --- one-shot commands --------------------------------------------------- */

static void
api_die(const struct pb_api *a, int r, const char *what)
{
	char m[600];

	pb_mask(a->why, m, sizeof m);
	if (r == PB_API_AUTH)
		err_die(EX_USAGE, "unable to %s: the server refused the token (%s)",
		    what, m);
	if (r == PB_API_RATE && a->reset_at > 0) {
		char ts[TSTAMP_MAX];
		struct timespec t = { (time_t)a->reset_at, 0 };
		tstamp_rfc3339(ts, &t, 0);
		err_die(EX_SYS, "unable to %s: rate limited until %s", what, ts);
	}
	err_die(EX_SYS, "unable to %s: %s", what, m);
}

/* A name fit for one output field: control characters become '?'. */
static void
field(const char *s)
{
	for (; *s; s++)
		putchar((unsigned char)*s < ' ' || *s == 0x7f ? '?' : *s);
}

static int
cmd_devices(struct pb_api *a)
{
	struct json *j;
	const struct json *arr, *d;
	size_t i;
	int r = pb_api_call(a, "GET", "/v2/devices?active=true", NULL, &j);

	if (r != PB_API_OK)
		api_die(a, r, "list devices");
	arr = json_get(j, "devices");
	for (i = 0; i < json_len(arr); i++) {
		d = json_index(arr, i);
		if (!json_bool(json_get(d, "active"), 1))
			continue;
		field(json_str(json_get(d, "nickname"), "-"));
		putchar('\t');
		field(json_str(json_get(d, "iden"), "-"));
		putchar('\t');
		field(json_str(json_get(d, "manufacturer"), "-"));
		putchar('\t');
		field(json_str(json_get(d, "model"), "-"));
		putchar('\n');
	}
	json_free(j);
	if (fflush(stdout) == EOF || ferror(stdout))
		err_diesys(EX_SYS, "unable to write the list");
	return 0;
}

static int
cmd_register(struct pb_api *a, const char *name)
{
	struct pb_devices d = { 0, NULL, 0 };
	struct json *j;
	struct buf body = BUF_INIT;
	struct json_w w;
	const char *iden;
	size_t i;
	int r;

	if (!name_ok(name))
		err_die(EX_USAGE, "bad device name: empty, too long or with a "
		    "control character");
	r = pb_api_devices(a, &d);
	if (r != PB_API_OK)
		api_die(a, r, "list devices");
	for (i = 0; i < d.n; i++)
		if (d.v[i].nickname && strcmp(d.v[i].nickname, name) == 0) {
			err_info("device '%s' exists already", name);
			printf("%s\n", d.v[i].iden);
			pb_devices_free(&d);
			return 0;
		}
	pb_devices_free(&d);
	json_w_init(&w, &body, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "nickname");
	json_w_str(&w, name);
	json_w_key(&w, "manufacturer");
	json_w_str(&w, "pbroute");
	json_w_key(&w, "model");
	json_w_str(&w, "pbroute");
	json_w_key(&w, "icon");
	json_w_str(&w, "system");
	json_w_obj_end(&w);
	if (json_w_finish(&w) < 0)
		err_die(EX_SYS, "out of memory");
	r = pb_api_call(a, "POST", "/v2/devices", body.p, &j);
	buf_free(&body);
	if (r != PB_API_OK)
		api_die(a, r, "register the device");
	iden = json_str(json_get(j, "iden"), NULL);
	if (iden == NULL)
		err_die(EX_SYS, "unable to register the device: no iden in the answer");
	printf("%s\n", iden);
	json_free(j);
	if (fflush(stdout) == EOF)
		err_diesys(EX_SYS, "unable to write");
	return 0;
}

static int
cmd_send(struct pb_api *a, const char *device, const char *text)
{
	struct pb_devices d = { 0, NULL, 0 };
	struct json *j;
	struct buf body = BUF_INIT;
	struct json_w w;
	const char *iden = NULL;
	int r;

	if (device) {
		r = pb_api_devices(a, &d);
		if (r != PB_API_OK)
			api_die(a, r, "list devices");
		iden = pb_device_find(&d, device);
		if (iden == NULL)
			err_die(EX_USAGE, "no device '%s' on this account", device);
	}
	json_w_init(&w, &body, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "type");
	json_w_str(&w, "note");
	json_w_key(&w, "body");
	json_w_str(&w, text);
	if (iden) {
		json_w_key(&w, "device_iden");
		json_w_str(&w, iden);
	}
	json_w_obj_end(&w);
	pb_devices_free(&d);
	if (json_w_finish(&w) < 0)
		err_die(EX_SYS, "out of memory");
	r = pb_api_call(a, "POST", "/v2/pushes", body.p, &j);
	buf_free(&body);
	if (r != PB_API_OK)
		api_die(a, r, "send the push");
	printf("%s\n", json_str(json_get(j, "iden"), "-"));
	json_free(j);
	if (fflush(stdout) == EOF)
		err_diesys(EX_SYS, "unable to write");
	return 0;
}

/* --- main ---------------------------------------------------------------- */

static void
cfg_warn(const char *msg)
{
	err_warn("%s", msg);
}

/*
 * base without trailing slashes, checked to be one of the schemes. The
 * copy is freed before a fatal error so that LeakSanitizer has nothing to
 * say about an exit with usage.
 */
static char *
check_url(const char *opt, const char *base, const char *s1, const char *s2)
{
	struct http_url u;
	const char *why = NULL;
	char *b = strdup(base);
	size_t n;
	int bad = 0;

	if (b == NULL)
		err_die(EX_SYS, "out of memory");
	n = strlen(b);
	while (n > 0 && b[n - 1] == '/')
		b[--n] = '\0';
	if (http_url_parse(b, &u, &why) < 0) {
		free(b);
		err_die(EX_USAGE, "bad %s '%s': %s", opt, base, why);
	}
	if (strcmp(u.scheme, s1) != 0 && strcmp(u.scheme, s2) != 0)
		bad = 1;
	else if (strchr(u.target, '?'))
		bad = 2;
	else if (u.tls && !http_tls_available())
		bad = 3;
	http_url_free(&u);
	if (bad)
		free(b);
	if (bad == 1)
		err_die(EX_USAGE, "bad %s '%s': not %s:// or %s://", opt, base, s1, s2);
	if (bad == 2)
		err_die(EX_USAGE, "bad %s '%s': no query allowed", opt, base);
	if (bad == 3)
		err_die(EX_USAGE, "%s %s needs TLS: built without libcurl", opt, base);
	return b;
}

static void
default_state(char *buf, size_t len)
{
	if (path_xdg("XDG_STATE_HOME", ".local/state", "pbroute/state", buf,
	    len) < 0)
		err_diesys(EX_USAGE, "no default state file (HOME, XDG_STATE_HOME): "
		    "give --state FILE");
}

int
main(int argc, char **argv)
{
	struct pb_listen l;
	struct pb_api api;
	char ebuf[256], statebuf[PATH_MAX], msg[1024], tlsinfo[256];
	const char *env_file = NULL, *log_level = NULL, *cmd = NULL;
	const char *api_arg = PB_DEFAULT_API, *stream_arg = PB_DEFAULT_STREAM;
	char **watch = NULL;
	size_t nwatch = 0;
	int64_t reload_ms = -1;
	int c, mode_set = 0, level, daemon_opts = 0;
	char *token;

	err_init(argv[0]);
	memset(&l, 0, sizeof l);
	l.mode = PB_MODE_AUTO;
	l.nop_timeout_ms = 90000;
	l.backoff_min_ms = 1000;
	l.backoff_max_ms = 300000;
	l.http_timeout_ms = 30000;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:L:S:hV", longopts, NULL)) != -1) {
		switch (c) {
		case O_DEVICE:
			if (!name_ok(optarg))
				err_die(EX_USAGE, "bad --device: empty, too long or "
				    "with a control character");
			l.device = optarg;
			if (mode_set && l.mode != PB_MODE_DEVICE)
				goto modes;
			l.mode = PB_MODE_DEVICE;
			mode_set = 1;
			break;
		case O_ALL:
			if (mode_set && l.mode != PB_MODE_ALL)
				goto modes;
			l.mode = PB_MODE_ALL;
			mode_set = 1;
			break;
		case O_AUTO:
			if (mode_set && l.mode != PB_MODE_AUTO)
				goto modes;
			l.mode = PB_MODE_AUTO;
			mode_set = 1;
			break;
		case O_SESSION:
			if (!name_ok(optarg))
				err_die(EX_USAGE, "bad --session: empty, too long or "
				    "with a control character");
			l.session = optarg;
			break;
		case 'c':
			l.config_path = optarg;
			l.config_explicit = 1;
			break;
		case 'L':
			l.tmux.socket_name = optarg;
			l.tmux.socket_path = NULL;
			break;
		case 'S':
			l.tmux.socket_path = optarg;
			l.tmux.socket_name = NULL;
			break;
		case O_ENVFILE:
			env_file = optarg;
			break;
		case O_STATE:
			if (*optarg == '\0')
				err_die(EX_USAGE, "bad --state: empty");
			l.state_path = optarg;
			break;
		case O_API:
			api_arg = optarg;
			break;
		case O_STREAM:
			stream_arg = optarg;
			break;
		case O_CACERT:
			if (access(optarg, R_OK) < 0)
				err_diesys(EX_USAGE, "unable to read --cacert %s", optarg);
			l.tls.cacert = optarg;
			break;
		case O_STDIN:
			l.use_stdin = 1;
			break;
		case O_DEBUG:
			log_level = "debug";
			break;
		case O_LOGLEVEL:
			if (evlog_level(optarg) < 0)
				err_die(EX_USAGE, "bad --log-level '%s': not debug, "
				    "info, warn or error", optarg);
			log_level = optarg;
			break;
		case O_NOP:
			l.nop_timeout_ms = duration_opt("--nop-timeout", optarg, 10,
			    86400000);
			break;
		case O_BACKOFF:
			l.backoff_min_ms = duration_opt("--backoff", optarg, 1, 3600000);
			break;
		case O_BACKOFF_MAX:
			l.backoff_max_ms = duration_opt("--backoff-max", optarg, 1,
			    86400000);
			break;
		case O_HTTP_TIMEOUT:
			l.http_timeout_ms = duration_opt("--http-timeout", optarg, 10,
			    3600000);
			break;
		case O_RELOAD:
			reload_ms = duration_opt("--reload-interval", optarg, 1, 86400000);
			daemon_opts = 1;
			break;
		case O_WATCH:
			watch = realloc(watch, (nwatch + 1) * sizeof *watch);
			if (watch == NULL)
				err_die(EX_SYS, "out of memory");
			watch[nwatch++] = optarg;
			daemon_opts = 1;
			break;
		case 'h':
			usage_ok();
			break;
		case 'V':
			err_version();
			break;
		default:
			err_die(EX_USAGE, "%s", opt_error(c, argv, optind, optopt,
			    ebuf, sizeof ebuf));
		}
	}
	if (l.backoff_max_ms < l.backoff_min_ms)
		err_die(EX_USAGE, "--backoff-max is shorter than --backoff");

	/* The command and its operands. */
	if (optind < argc)
		cmd = argv[optind++];
	if (cmd == NULL || strcmp(cmd, "daemon") == 0) {
		if (optind < argc)
			err_usage("%s", USAGE);
	} else if (strcmp(cmd, "devices") == 0) {
		if (optind < argc)
			err_usage("%s", USAGE);
	} else if (strcmp(cmd, "register") == 0 || strcmp(cmd, "send") == 0) {
		if (argc - optind != 1)
			err_usage("%s", USAGE);
	} else {
		err_die(EX_USAGE, "unknown command '%s' (devices, register, send, "
		    "daemon)", cmd);
	}
	if (daemon_opts && (cmd == NULL || strcmp(cmd, "daemon") != 0))
		err_die(EX_USAGE, "--reload-interval and --watch-files are "
		    "options of 'pbroute daemon'");
	if (cmd && strcmp(cmd, "daemon") != 0) {
		if (l.use_stdin)
			err_die(EX_USAGE, "--stdin is for listening, not '%s'", cmd);
		if (strcmp(cmd, "send") != 0 && l.device)
			err_die(EX_USAGE, "--device is for listening and 'send', "
			    "not '%s'", cmd);
		if (mode_set && l.mode != PB_MODE_DEVICE)
			err_die(EX_USAGE, "--all-devices and --auto-route are for "
			    "listening, not '%s'", cmd);
		if (l.session)
			err_die(EX_USAGE, "--session is for listening, not '%s'", cmd);
	}
	if (l.session && l.mode == PB_MODE_AUTO)
		err_die(EX_USAGE, "--session goes with --device or --all-devices "
		    "(--auto-route chooses the session from the device)");
	if (l.use_stdin && cmd)
		err_die(EX_USAGE, "--stdin does not go with 'pbroute daemon'");

	level = evlog_level(log_level ? log_level : "info");
	evlog_init(&pb_ev, "pbroute", 2, level);

	l.api_base = check_url("--api-url", api_arg, "http", "https");
	l.stream_prefix = check_url("--stream-url", stream_arg, "ws", "wss");

	if (pb_config_load(&l.cfg, l.config_path, l.config_explicit, cfg_warn,
	    msg, sizeof msg) < 0)
		err_die(EX_USAGE, "%s", msg);
	if (log_level == NULL && l.cfg.log_level && cmd == NULL) {
		/* [daemon.logging] log_level applies to the listener too. */
		pb_ev.level = evlog_level(l.cfg.log_level);
	}

	token = load_token(env_file, cmd && strcmp(cmd, "daemon") == 0);
	pb_set_secret(token);
	if (token == NULL && !l.use_stdin)
		err_die(EX_USAGE, "PUSHBULLET_TOKEN is not set (environment or "
		    "--env-file)");

	if (cmd && strcmp(cmd, "daemon") == 0) {
		pb_daemon_exec(argc, argv, &l, env_file, log_level, reload_ms,
		    watch, nwatch);
	}

	memset(&api, 0, sizeof api);
	api.base = l.api_base;
	api.token = token;
	api.tls = &l.tls;
	api.timeout_ms = l.http_timeout_ms;
	if (cmd && strcmp(cmd, "devices") == 0)
		c = cmd_devices(&api);
	else if (cmd && strcmp(cmd, "register") == 0)
		c = cmd_register(&api, argv[optind]);
	else if (cmd && strcmp(cmd, "send") == 0)
		c = cmd_send(&api, l.device, argv[optind]);
	else {
		if (l.state_path == NULL) {
			default_state(statebuf, sizeof statebuf);
			l.state_path = statebuf;
		}
		l.token = token;
		pb_log(EV_INFO, "start", "mode=%s%s%s api=%s stream=%s/*** state=%s "
		    "tls=\"%s\"", l.use_stdin ? "stdin/" : "",
		    l.mode == PB_MODE_DEVICE ? "device:" : l.mode == PB_MODE_ALL ?
		    "all-devices" : "auto-route", l.mode == PB_MODE_DEVICE ? l.device : "",
		    l.api_base, l.stream_prefix, l.use_stdin ? "-" : l.state_path,
		    pb_tls_describe(tlsinfo, sizeof tlsinfo));
		c = pb_listen_run(&l);
	}
	pb_config_free(&l.cfg);
	free(token);
	free(watch);
	free((char *)l.api_base);
	free((char *)l.stream_prefix);
	return c;
modes:
	err_die(EX_USAGE, "--device, --all-devices and --auto-route exclude "
	    "one another");
}
