/* conf.c: the configuration keys (each one an option of a composed tool),
 * their layering (defaults, global file, app file, DAEMONCTL_{APP}_{KEY},
 * command-line overrides) and their validation. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemonctl.h"
#include "err.h"
#include "io.h"
#include "parse.h"

extern char **environ;

/* The one table: every key, its type and default, and the option of the
 * composed tool it becomes. doc/daemonctl.1 has the same table. */
const struct ckey ckeys[] = {
	{ "process.user", KT_STR, NULL, NULL, TO_INNER, "-u",
	    "run the app as this user (a name or a uid)" },
	{ "process.group", KT_STR, NULL, NULL, TO_INNER, "-G",
	    "run the app with this group" },
	{ "process.chdir", KT_STR, NULL, NULL, TO_INNER, "-C",
	    "the app's directory (default: the app directory)" },
	{ "process.umask", KT_UMASK, NULL, NULL, TO_INNER, "--umask",
	    "file creation mask, octal (\"022\" or 0o022)" },
	{ "process.nice", KT_NICE, NULL, NULL, TO_INNER, "--nice",
	    "niceness, -20 to 19" },
	{ "process.notify_fd", KT_FD, NULL, NULL, TO_SUPER, "--notify-fd",
	    "the app writes a newline on this fd when it is ready" },
	{ "process.ready_timeout", KT_DUR, NULL, NULL, TO_SUPER,
	    "--ready-timeout", "a run not ready after this long fails" },
	{ "signals.forward_all", KT_BOOL, "true", NULL, TO_SUPER,
	    "-A / --no-signal-forward", "forward the usual signals to the app" },
	{ "signals.forward", KT_SIGS, NULL, NULL, TO_SUPER, "-S",
	    "forward only these signals" },
	{ "signals.preserve", KT_SIGS, NULL, NULL, TO_SUPER,
	    "--preserve-signals", "never forward these signals" },
	{ "signals.stop_signal", KT_SIG, "\"TERM\"", NULL, TO_SUPER,
	    "--stop-signal", "what stops the app" },
	{ "signals.reload_signal", KT_SIG, "\"HUP\"", NULL, TO_SUPER,
	    "--reload-signal", "what daemonctl reload sends" },
	{ "signals.kill_timeout", KT_DUR, "\"30s\"", NULL, TO_SUPER, "-k",
	    "SIGKILL what is left this long after the stop signal" },
	{ "logging.file", KT_STR, NULL, NULL, TO_CTL, "-l",
	    "the event log (default LOGS/events.log)" },
	{ "logging.level", KT_ENUM, "\"info\"", "debug|info|warn|error",
	    TO_SUPER, "--log-level", "the least level of events logged" },
	{ "logging.syslog", KT_BOOL, "false", NULL, TO_CTL, "--syslog",
	    "send the events to syslog too" },
	{ "logging.utc", KT_BOOL, "false", NULL, TO_SUPER, "--utc",
	    "event timestamps in UTC" },
	{ "logging.stdout", KT_STR, NULL, NULL, TO_TEELOG, "OUT.log",
	    "the app's standard output (default LOGS/out.log)" },
	{ "logging.stderr", KT_STR, NULL, NULL, TO_TEELOG, "ERR.log",
	    "the app's standard error (default LOGS/err.log)" },
	{ "logging.max_size", KT_SIZE, "\"10M\"", NULL, TO_TEELOG, "-s",
	    "rotate a log before it grows past this size" },
	{ "logging.max_age", KT_DUR, NULL, NULL, TO_TEELOG, "-a",
	    "rotate a log once its first line is this old" },
	{ "logging.max_count", KT_INT, "10", NULL, TO_TEELOG, "-n",
	    "keep this many rotated files per log" },
	{ "logging.timestamps", KT_TSFMT, "true", NULL, TO_TEELOG,
	    "--timestamps", "timestamp each line: true, false, or "
	    "rfc3339, utc, unix, tai64n" },
	{ "logging.compress", KT_COMPRESS, "false", NULL, TO_TEELOG, "-z",
	    "compress rotated logs: true (gzip) or a command" },
	{ "limits.memory_limit", KT_SIZE, NULL, NULL, TO_INNER,
	    "--memory-limit", "memory limit (512M, 1G)" },
	{ "limits.cpu_limit", KT_PCT, NULL, NULL, TO_INNER, "--cpu-limit",
	    "CPU limit, percent of one CPU (1-100)" },
	{ "limits.file_limit", KT_INT, NULL, NULL, TO_INNER, "--file-limit",
	    "most open files" },
	{ "limits.process_limit", KT_INT, NULL, NULL, TO_INNER, "--proc-limit",
	    "most processes and threads" },
	{ "limits.core_limit", KT_SIZE, NULL, NULL, TO_INNER, "--core-limit",
	    "largest core dump" },
	{ "limits.stack_limit", KT_SIZE, NULL, NULL, TO_INNER,
	    "--stack-limit", "largest stack" },
	{ "limits.timeout", KT_DUR, NULL, NULL, TO_SUPER, "--timeout",
	    "stop each run after this long" },
	{ "sandbox.type", KT_ENUM, NULL, "none|unshare|firejail", TO_INNER,
	    "--sandbox", "none, unshare or firejail" },
	{ "sandbox.profile", KT_STR, NULL, NULL, TO_INNER, "--sandbox-profile",
	    "firejail profile" },
	{ "sandbox.private_tmp", KT_BOOL, NULL, NULL, TO_INNER,
	    "--private-tmp", "a private /tmp" },
	{ "sandbox.private_dev", KT_BOOL, NULL, NULL, TO_INNER,
	    "--private-dev", "a private /dev" },
	{ "sandbox.readonly_paths", KT_LIST, NULL, ":", TO_INNER,
	    "--readonly-paths", "paths mounted read-only" },
	{ "sandbox.no_network", KT_BOOL, NULL, NULL, TO_INNER, "--no-network",
	    "no network but loopback" },
	{ "sandbox.seccomp", KT_BOOL, NULL, NULL, TO_INNER, "--seccomp",
	    "deny dangerous system calls" },
	{ "sandbox.seccomp_profile", KT_STR, NULL, NULL, TO_INNER,
	    "--seccomp-profile", "a seccomp profile file" },
	{ "security.user", KT_STR, NULL, NULL, TO_INNER, "-u",
	    "the same as process.user" },
	{ "security.group", KT_STR, NULL, NULL, TO_INNER, "-G",
	    "the same as process.group" },
	{ "security.capabilities_drop", KT_LIST, NULL, ",", TO_INNER,
	    "--caps-drop", "capabilities to drop" },
	{ "security.capabilities_keep", KT_LIST, NULL, ",", TO_INNER,
	    "--caps-keep", "keep only these capabilities" },
	{ "monitoring.enabled", KT_BOOL, NULL, NULL, TO_HEALTH, "--watch",
	    "run health checks (default: when there is one to run)" },
	{ "monitoring.check_interval", KT_DUR, "30", NULL, TO_HEALTH,
	    "--interval", "time between checks" },
	{ "monitoring.check_command", KT_STR, NULL, NULL, TO_HEALTH, "--exec",
	    "a check command, run by /bin/sh (Nagios exit codes)" },
	{ "monitoring.check_timeout", KT_DUR, "10", NULL, TO_HEALTH,
	    "--timeout", "time a check may take" },
	{ "monitoring.failure_threshold", KT_INT, "3", NULL, TO_HEALTH,
	    "--failure-threshold", "failures in a row that restart the app" },
	{ "monitoring.success_threshold", KT_INT, "1", NULL, TO_HEALTH,
	    "--success-threshold", "successes in a row that mark it healthy" },
	{ "monitoring.startup_delay", KT_DUR, "60", NULL, TO_HEALTH,
	    "--startup-delay", "no check this long after each start" },
	{ "monitoring.cpu_threshold", KT_NUM, NULL, NULL, TO_HEALTH,
	    "--cpu-max", "CPU percent above which a check fails" },
	{ "monitoring.memory_threshold", KT_MB, NULL, NULL, TO_HEALTH,
	    "--rss-max", "resident memory (a number: MB) above which a check "
	    "fails" },
	{ "restart.policy", KT_ENUM, "\"always\"", "no|on-failure|always",
	    TO_SUPER, "--restart", "when to restart the app" },
	{ "restart.delay", KT_DUR, "\"1s\"", NULL, TO_SUPER, "--restart-delay",
	    "the first restart delay, doubled at each quick exit" },
	{ "restart.max_delay", KT_DUR, "\"60s\"", NULL, TO_SUPER,
	    "--restart-max-delay", "the longest restart delay" },
	{ "restart.reset", KT_DUR, "\"60s\"", NULL, TO_SUPER,
	    "--restart-reset", "up this long resets the delay" },
	{ "restart.max_restarts", KT_INT, "0", NULL, TO_SUPER,
	    "--max-restarts", "give up after this many restarts in the "
	    "window (0: never)" },
	{ "restart.window", KT_DUR, "\"60s\"", NULL, TO_SUPER,
	    "--restart-window", "the window of max_restarts" },
	{ "watch.files", KT_LIST, NULL, NULL, TO_SUPER, "--watch",
	    "restart the app when these files change" },
	{ "watch.ignore_patterns", KT_LIST, NULL, NULL, TO_SUPER,
	    "--watch-ignore", "changes to ignore (globs)" },
	{ "watch.reload_interval", KT_DUR, "\"1s\"", NULL, TO_SUPER,
	    "--reload-interval", "quiet time before a watch restart" },
	{ "env", KT_TABLE, NULL, NULL, TO_INNER, "--env",
	    "environment variables: KEY = \"value\"" },
	{ "env_file", KT_LIST, NULL, NULL, TO_INNER, "--env-file",
	    "files of KEY=VALUE lines" },
	{ "clear_env", KT_BOOL, "false", NULL, TO_INNER, "--clear-env",
	    "start the app from an empty environment" },
	{ NULL, 0, NULL, NULL, 0, NULL, NULL }
};

static const char *const sections[] = {
	"process", "signals", "logging", "limits", "sandbox", "security",
	"monitoring", "restart", "watch", NULL
};

const struct ckey *
ckey_find(const char *key)
{
	const struct ckey *k;

	for (k = ckeys; k->key; k++)
		if (strcmp(k->key, key) == 0)
			return k;
	return NULL;
}

static int
is_section(const char *name)
{
	const char *const *s;

	for (s = sections; *s; s++)
		if (strcmp(*s, name) == 0)
			return 1;
	return 0;
}

/* --- values -------------------------------------------------------- */

static int
scalar(const struct toml *v)
{
	enum toml_type t = toml_type(v);

	return t != TOML_NONE && t != TOML_TABLE && t != TOML_ARRAY;
}

/* The kinds of value one parser of parse.h checks: the message of a bad
 * one is "bad NOUN 'TEXT': WHY", with the range after it for the integer
 * kinds whose range is not the plain one of a count. */
enum { P_INT, P_DUR, P_SIZE, P_SIG, P_MODE };

static const struct kind {
	int type;		/* KT_* */
	int parser;		/* P_* */
	const char *noun;
	int64_t lo, hi;		/* P_INT; P_MODE: hi */
	int say_range;
} kinds[] = {
	{ KT_INT, P_INT, "number", 0, INT32_MAX, 0 },
	{ KT_FD, P_INT, "descriptor", 3, 1023, 1 },
	{ KT_PCT, P_INT, "percentage", 1, 100, 1 },
	{ KT_NICE, P_INT, "niceness", -20, 19, 1 },
	{ KT_DUR, P_DUR, "duration", 0, 0, 0 },
	{ KT_SIZE, P_SIZE, "size", 0, 0, 0 },
	{ KT_SIG, P_SIG, "signal", 0, 0, 0 },
	{ KT_UMASK, P_MODE, "umask", 0, 0777, 0 },
	{ 0, 0, NULL, 0, 0, 0 }
};

static const struct kind *
kind_find(int type)
{
	const struct kind *k;

	for (k = kinds; k->noun; k++)
		if (k->type == type)
			return k;
	return NULL;
}

/* NULL when s is a good value of kind k, else why (filled). */
static const char *
kind_check(const struct kind *k, const char *s, struct buf *why)
{
	const char *w;
	int64_t i;
	uint64_t sz;
	unsigned mode;
	int r, sig;

	switch (k->parser) {
	case P_INT:
		r = parse_int(s, k->lo, k->hi, &i, &w);
		break;
	case P_DUR:
		r = parse_duration(s, &i, &w);
		break;
	case P_SIZE:
		r = parse_size(s, &sz, &w);
		break;
	case P_SIG:
		r = parse_signal(s, &sig, &w);
		break;
	default:
		r = parse_mode(s, (unsigned)k->hi, &mode, &w);
		break;
	}
	if (r == 0)
		return NULL;
	buf_printf(why, "bad %s '%s': %s", k->noun, s, w);
	if (k->say_range)
		buf_printf(why, " (%lld to %lld)", (long long)k->lo,
		    (long long)k->hi);
	return why->p;
}

/* Whether s is one of choices ("a|b|c"). */
static int
is_choice(const char *choices, const char *s)
{
	size_t n = strlen(s), l;
	const char *c, *e;

	for (c = choices; c && *c; c = e ? e + 1 : NULL) {
		e = strchr(c, '|');
		l = e ? (size_t)(e - c) : strlen(c);
		if (l == n && strncmp(c, s, n) == 0)
			return 1;
	}
	return 0;
}

static const char *
check_one(int type, const char *choices, const struct toml *v,
    struct buf *why)
{
	const char *s = toml_text(v), *w;
	enum toml_type t = toml_type(v);
	const struct kind *k;
	char *end, *tok, *dup, *save;
	int64_t i;
	uint64_t sz;
	int b;
	double d;

	if (!scalar(v))
		return "not a single value";
	switch (type) {
	case KT_BOOL:
		if (t == TOML_BOOL || parse_bool(s, &b, &w) == 0)
			return NULL;
		return "not a boolean (true or false)";
	case KT_SIGS:
		k = kind_find(KT_SIG);
		dup = xstrdup(s);
		w = NULL;
		for (tok = strtok_r(dup, ", \t", &save); tok && w == NULL;
		    tok = strtok_r(NULL, ", \t", &save))
			w = kind_check(k, tok, why);
		free(dup);
		return w;
	case KT_UMASK:
		if (t != TOML_INTEGER)
			break;
		i = toml_int(v, -1);
		if (i < 0 || i > 0777)
			return "out of range (0 to 0o777)";
		return NULL;
	case KT_ENUM:
		if (t == TOML_STRING && is_choice(choices, s))
			return NULL;
		buf_printf(why, "bad value '%s': one of ", s);
		for (w = choices; *w; w++)
			if (*w == '|')
				buf_adds(why, ", ");
			else
				buf_addc(why, *w);
		return why->p;
	case KT_NUM:
	case KT_MB:
		d = strtod(s, &end);
		if (end != s && *end == '\0' && d > 0 && (t == TOML_INTEGER ||
		    t == TOML_FLOAT || type == KT_NUM))
			return NULL;
		if (type == KT_MB && parse_size(s, &sz, &w) == 0)
			return NULL;
		buf_printf(why, "bad value '%s': %s", s, type == KT_MB ?
		    "a number of megabytes or a size (\"512M\")" :
		    "a positive number");
		return why->p;
	case KT_TSFMT:
		if (t == TOML_BOOL || is_choice("rfc3339|utc|unix|tai64n", s) ||
		    parse_bool(s, &b, &w) == 0)
			return NULL;
		buf_printf(why, "bad value '%s': true, false, rfc3339, utc, "
		    "unix or tai64n", s);
		return why->p;
	case KT_COMPRESS:
		if (t == TOML_BOOL || *s)
			return NULL;
		return "empty (true, false, or a command)";
	}
	/* KT_INT, KT_FD, KT_DUR, KT_SIZE, KT_SIG, KT_PCT, a string umask;
	 * KT_STR and KT_LIST take anything. */
	return (k = kind_find(type)) != NULL ? kind_check(k, s, why) : NULL;
}

const char *
conf_check(const struct ckey *k, const struct toml *v, struct buf *why)
{
	const char *w;
	size_t i;

	switch (k->type) {
	case KT_TABLE:
		if (toml_type(v) != TOML_TABLE)
			return "not a table (KEY = \"value\" lines)";
		for (i = 0; i < toml_len(v); i++)
			if (!scalar(toml_index(v, i))) {
				buf_printf(why, "%s is not a single value",
				    toml_key(toml_index(v, i), NULL));
				return why->p;
			}
		return NULL;
	case KT_LIST:
	case KT_SIGS:
		if (toml_type(v) != TOML_ARRAY)
			return check_one(k->type, k->choices, v, why);
		for (i = 0; i < toml_len(v); i++) {
			if (toml_type(toml_index(v, i)) != TOML_STRING &&
			    k->type == KT_LIST)
				return "not a list of strings";
			if ((w = check_one(k->type, k->choices,
			    toml_index(v, i), why)) != NULL)
				return w;
		}
		return NULL;
	default:
		return check_one(k->type, k->choices, v, why);
	}
}

/* --- accessors ------------------------------------------------------ */

const char *
cv(const struct toml *cfg, const char *key)
{
	const char *s = toml_text(toml_path(cfg, key));

	return s && *s ? s : NULL;
}

int
cv_bool(const struct toml *cfg, const char *key, int def)
{
	const struct toml *v = toml_path(cfg, key);
	const char *why;
	int b;

	if (toml_type(v) == TOML_BOOL)
		return toml_bool(v, def);
	if (v && parse_bool(toml_text(v), &b, &why) == 0)
		return b;
	return def;
}

const char *
cv_id(const struct toml *cfg, const char *name)
{
	char key[64];
	const char *s;

	snprintf(key, sizeof key, "process.%s", name);
	if ((s = cv(cfg, key)) != NULL)
		return s;
	snprintf(key, sizeof key, "security.%s", name);
	return cv(cfg, key);
}

/* A duration (ms) or an integer, def when missing or bad. */
static int64_t
cv_num(const struct toml *cfg, const char *key, int dur, int64_t def)
{
	const char *s = cv(cfg, key), *why;
	int64_t v;

	if (s && (dur ? parse_duration(s, &v, &why) :
	    parse_int(s, INT32_MIN, INT32_MAX, &v, &why)) == 0)
		return v;
	return def;
}

int64_t
cv_ms(const struct toml *cfg, const char *key, int64_t def)
{
	return cv_num(cfg, key, 1, def);
}

int64_t
cv_int(const struct toml *cfg, const char *key, int64_t def)
{
	return cv_num(cfg, key, 0, def);
}

/* --- layering ------------------------------------------------------- */

struct toml *
conf_file(const char *path, char **text, size_t *len)
{
	struct toml_err e;
	struct toml *t;
	char *p;
	size_t n;

	if (io_readfile(path, 16 << 20, &p, &n) < 0) {
		if (errno == ENOENT)
			return NULL;
		err_diesys(EX_SYS, "unable to read %s", path);
	}
	t = toml_parse(p, n, path, &e);
	if (t == NULL) {
		if (errno == ENOMEM)
			nomem();
		err_die(EX_USAGE, "%s", e.msg);
	}
	if (text) {
		*text = p;
		*len = n;
	} else {
		free(p);
	}
	return t;
}

/* "[limits] memory_limit", or "env_file" for a top-level key. */
static const char *
keyname(const char *key, char *buf, size_t len)
{
	const char *dot = strchr(key, '.');

	if (dot == NULL)
		snprintf(buf, len, "%s", key);
	else
		snprintf(buf, len, "[%.*s] %s", (int)(dot - key), key, dot + 1);
	return buf;
}

/* Where a value came from: "FILE:LINE" or the variable or option. */
static const char *
origin(const struct toml *v, char *buf, size_t len)
{
	const char *f = toml_file(v);

	if (f == NULL)
		f = "(default)";
	/* Files are absolute paths; values set from a variable or an
	 * option have a line of their own text, not worth saying. */
	if (toml_line(v) > 0 && f[0] == '/')
		snprintf(buf, len, "%s:%d", f, toml_line(v));
	else
		snprintf(buf, len, "%s", f);
	return buf;
}

/* Warn about what a layer holds that no key describes. */
static void
unknown_keys(const struct toml *root)
{
	const struct toml *m, *k;
	char o[600], full[256];
	const char *name;
	size_t i, j;

	for (i = 0; i < toml_len(root); i++) {
		m = toml_index(root, i);
		name = toml_key(m, NULL);
		if (strcmp(name, "env") == 0 || ckey_find(name))
			continue;
		if (!is_section(name)) {
			err_warn("%s: unknown %s %s", origin(m, o, sizeof o),
			    toml_type(m) == TOML_TABLE ? "section" : "key",
			    name);
			continue;
		}
		if (toml_type(m) != TOML_TABLE)
			err_die(EX_USAGE, "%s: %s: not a table",
			    origin(m, o, sizeof o), name);
		for (j = 0; j < toml_len(m); j++) {
			k = toml_index(m, j);
			snprintf(full, sizeof full, "%s.%s", name,
			    toml_key(k, NULL));
			if (ckey_find(full) == NULL)
				err_warn("%s: unknown key [%s] %s",
				    origin(k, o, sizeof o), name,
				    toml_key(k, NULL));
		}
	}
}

static void
merge(struct toml *dst, const struct toml *src)
{
	struct toml_err e;

	if (toml_merge(dst, src, &e) < 0) {
		if (errno == ENOMEM)
			nomem();
		err_die(EX_USAGE, "%s", e.msg);
	}
}

static void
set(struct toml *root, const char *key, const char *value_toml,
    const char *from)
{
	struct toml_err e;

	if (toml_set(root, key, value_toml, from, &e) < 0) {
		if (errno == ENOMEM)
			nomem();
		err_die(EX_USAGE, "%s: %s", from, e.why);
	}
}

/* DAEMONCTL_WEB_LIMITS_MEMORY_LIMIT=512M for app "web": the app name
 * upper-cased with '-' and '.' as '_', then the key the same way;
 * DAEMONCTL_WEB_ENV_NAME sets env.NAME. */
static void
env_layer(struct toml *root, const char *app)
{
	struct buf prefix = BUF_INIT, kb = BUF_INIT, val = BUF_INIT;
	char up[128], *var, *eq;
	const struct ckey *k;
	const char *rest, *p;
	size_t i, n;
	char **e;

	if (buf_adds(&prefix, "DAEMONCTL_") < 0)
		nomem();
	for (p = app; *p; p++)
		if (buf_addc(&prefix, *p == '-' || *p == '.' ? '_' :
		    (char)toupper((unsigned char)*p)) < 0)
			nomem();
	if (buf_addc(&prefix, '_') < 0)
		nomem();
	for (e = environ; e && *e; e++) {
		if (strncmp(*e, prefix.p, prefix.len) != 0 ||
		    (eq = strchr(*e, '=')) == NULL)
			continue;
		var = xstrdup(*e);
		var[eq - *e] = '\0';
		rest = var + prefix.len;
		buf_reset(&val);
		for (k = ckeys; k->key; k++) {
			n = strlen(k->key);
			if (n >= sizeof up || n != strlen(rest))
				continue;
			for (i = 0; i < n; i++)
				up[i] = k->key[i] == '.' ? '_' :
				    (char)toupper((unsigned char)k->key[i]);
			up[n] = '\0';
			if (strcmp(up, rest) == 0 && k->type != KT_TABLE)
				break;
		}
		if (k->key) {
			if (toml_value_text(eq + 1, &val) < 0)
				nomem();
			set(root, k->key, val.p, var);
		} else if (strncmp(rest, "ENV_", 4) == 0 && rest[4]) {
			buf_reset(&kb);
			if (buf_adds(&kb, "env.") < 0 ||
			    toml_add_key(&kb, rest + 4, strlen(rest + 4)) < 0 ||
			    toml_add_str(&val, eq + 1, strlen(eq + 1)) < 0)
				nomem();
			set(root, kb.p, val.p, var);
		} else {
			err_warn("%s: unknown key %s for app %s", var, rest,
			    app);
		}
		free(var);
	}
	buf_free(&prefix);
	buf_free(&kb);
	buf_free(&val);
}

void
conf_override_kv(struct conf_opts *co, const char *key, const char *value,
    const char *from)
{
	struct override *nv;

	nv = realloc(co->ov, (co->nov + 1) * sizeof *nv);
	if (nv == NULL)
		nomem();
	co->ov = nv;
	co->ov[co->nov].key = xstrdup(key);
	co->ov[co->nov].value = xstrdup(value);
	co->ov[co->nov].origin = from;
	co->nov++;
}

void
conf_override(struct conf_opts *co, const char *kv, const char *from)
{
	struct buf v = BUF_INIT;
	const char *eq = strchr(kv, '=');
	char *key;

	if (eq == NULL || eq == kv)
		err_die(EX_USAGE, "bad %s '%s': not KEY=VALUE", from, kv);
	key = xstrdup(kv);
	key[eq - kv] = '\0';
	if (ckey_find(key) == NULL && strncmp(key, "env.", 4) != 0)
		err_die(EX_USAGE, "bad %s '%s': unknown key %s", from, kv, key);
	if (toml_value_text(eq + 1, &v) < 0)
		nomem();
	conf_override_kv(co, key, v.p, from);
	free(key);
	buf_free(&v);
}

static void
validate(const struct toml *root)
{
	static const char *const both[] = { "user", "group", NULL };
	struct buf why = BUF_INIT;
	const struct ckey *k;
	const struct toml *v, *u1, *u2;
	const char *w, *const *same;
	char o[600], kn[128];

	for (k = ckeys; k->key; k++) {
		if ((v = toml_path(root, k->key)) == NULL)
			continue;
		buf_reset(&why);
		if ((w = conf_check(k, v, &why)) != NULL)
			err_die(EX_USAGE, "%s: %s: %s", origin(v, o, sizeof o),
			    keyname(k->key, kn, sizeof kn), w);
	}
	buf_free(&why);
	/* [process] and [security] name the same options. */
	for (same = both; *same; same++) {
		snprintf(kn, sizeof kn, "process.%s", *same);
		u1 = toml_path(root, kn);
		snprintf(kn, sizeof kn, "security.%s", *same);
		u2 = toml_path(root, kn);
		if (u1 && u2 && strcmp(toml_text(u1), toml_text(u2)) != 0)
			err_die(EX_USAGE, "%s: [security] %s: '%s' is not "
			    "[process] %s '%s'", origin(u2, o, sizeof o), *same,
			    toml_text(u2), *same, toml_text(u1));
	}
}

/* Add a configuration file to root, when it exists. */
static void
layer_file(struct toml *root, const char *path)
{
	struct toml *t;

	if ((t = conf_file(path, NULL, NULL)) != NULL) {
		unknown_keys(t);
		merge(root, t);
		toml_free(t);
	}
}

struct toml *
conf_resolve(const struct paths *p, const struct app *a,
    const struct conf_opts *co, int with_defaults)
{
	struct toml *root;
	const struct ckey *k;
	char *path;
	size_t i;

	if ((root = toml_new()) == NULL)
		nomem();
	if (with_defaults)
		for (k = ckeys; k->key; k++)
			if (k->def)
				set(root, k->key, k->def, "(default)");
	if (!co || !co->no_config) {
		layer_file(root, p->cfg);
		if (a) {
			path = app_file(a, "config.toml");
			layer_file(root, path);
			free(path);
		}
	}
	if (a)
		env_layer(root, a->name);
	for (i = 0; co && i < co->nov; i++)
		set(root, co->ov[i].key, co->ov[i].value, co->ov[i].origin);
	validate(root);
	return root;
}
