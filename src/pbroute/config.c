/* config.c: pbroute's config file (TOML) into struct pb_config.
 *
 *	[tmux]            default_session, target_window, target_pane, enter_delay
 *	[device_mapping]  DEVICE = "session" | { session, window, pane }
 *	[security]        allow_senders, allow_devices, max_body
 *	[daemon]          reload_interval, watch_files, ignore_patterns
 *	[daemon.logging]  enable_reload_logs, log_file, log_level
 *
 * (seed 000's keys). [daemon.monitoring] is healthcheck's business: its
 * keys are accepted with a warning saying so. Any other key is a warning.
 * Relative paths in watch_files and log_file are taken from the config
 * file's directory. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "parse.h"
#include "path.h"
#include "pbroute.h"
#include "toml.h"

/* tmux keeps an argument below 128 KiB (Linux MAX_ARG_STRLEN). */
#define PB_MAX_BODY_LIMIT (128 * 1024 - 1)

struct ctx {
	struct pb_config *c;
	void (*warn)(const char *msg);
	char *msg;
	size_t msglen;
	const char *dir;	/* the config file's directory, with '/' */
};

static int
fail(struct ctx *x, const struct toml *v, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct ctx *x, const struct toml *v, const char *fmt, ...)
{
	struct buf k = BUF_INIT;
	va_list ap;
	int n;

	toml_fullkey(v, &k);
	n = snprintf(x->msg, x->msglen, "%s:%d:%d: %s: ", toml_file(v),
	    toml_line(v), toml_col(v), k.p ? k.p : "?");
	buf_free(&k);
	if (n < 0 || (size_t)n >= x->msglen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(x->msg + n, x->msglen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static void
warn(struct ctx *x, const struct toml *v, const char *what)
{
	struct buf k = BUF_INIT;
	char line[1024];

	toml_fullkey(v, &k);
	snprintf(line, sizeof line, "%s:%d: %s: %s", toml_file(v), toml_line(v),
	    k.p ? k.p : "?", what);
	buf_free(&k);
	if (x->warn)
		x->warn(line);
}

/* A string without control characters, or (for window and pane) an
 * integer, copied to *out. */
static int
get_name(struct ctx *x, const struct toml *v, int int_ok, char **out)
{
	const char *s;
	size_t i, n;

	if (toml_type(v) == TOML_INTEGER && int_ok) {
		if (toml_int(v, -1) < 0)
			return fail(x, v, "must not be negative");
		s = toml_text(v);
	} else if (toml_type(v) == TOML_STRING) {
		s = toml_str(v, "");
		n = toml_strlen(v);
		if (n == 0)
			return fail(x, v, "must not be empty");
		if (strlen(s) != n)
			return fail(x, v, "holds a NUL byte");
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] < ' ' || s[i] == 0x7f)
				return fail(x, v, "holds a control character");
	} else {
		return fail(x, v, "expected a string%s, not %s",
		    int_ok ? " or an integer" : "", toml_type_name(toml_type(v)));
	}
	free(*out);
	if ((*out = strdup(s)) == NULL)
		return fail(x, v, "out of memory");
	return 0;
}

static int
get_strings(struct ctx *x, const struct toml *v, char ***out, size_t *n)
{
	size_t i;

	if (toml_type(v) != TOML_ARRAY)
		return fail(x, v, "expected an array of strings, not %s",
		    toml_type_name(toml_type(v)));
	*out = calloc(toml_len(v) + 1, sizeof **out);
	if (*out == NULL)
		return fail(x, v, "out of memory");
	for (i = 0; i < toml_len(v); i++) {
		if (get_name(x, toml_index(v, i), 0, &(*out)[i]) < 0)
			return -1;
		(*n)++;
	}
	return 0;
}

static int
get_duration(struct ctx *x, const struct toml *v, int64_t max, int64_t *ms)
{
	const char *s = toml_text(v), *why;
	enum toml_type t = toml_type(v);

	if (t != TOML_INTEGER && t != TOML_FLOAT && t != TOML_STRING)
		return fail(x, v, "expected a duration, not %s", toml_type_name(t));
	if (s == NULL || *s == '-' || parse_duration(s, ms, &why) < 0)
		return fail(x, v, "bad duration '%s': %s", s ? s : "",
		    s && *s == '-' ? "negative" : why);
	if (*ms > max)
		return fail(x, v, "bad duration '%s': too long", s);
	return 0;
}

/* A path relative to the config file's directory. */
static int
get_path(struct ctx *x, const struct toml *v, char **out)
{
	char *p = NULL;

	if (get_name(x, v, 0, &p) < 0)
		return -1;
	if (p[0] != '/' && x->dir[0]) {
		size_t n = strlen(x->dir) + strlen(p) + 1;
		char *q = malloc(n);
		if (q == NULL) {
			free(p);
			return fail(x, v, "out of memory");
		}
		snprintf(q, n, "%s%s", x->dir, p);
		free(p);
		p = q;
	}
	free(*out);
	*out = p;
	return 0;
}

/* The keys of a section: each with the getter that checks and stores its
 * value at off (and the count at noff) in the section's struct. */
struct key {
	const char *name;
	int (*get)(struct ctx *, const struct toml *, void *,
	    const struct key *);
	size_t off, noff;
	int64_t max;		/* durations: the longest (ms); names: int_ok */
};

#define FIELD(base, off, type) ((type *)(void *)((char *)(base) + (off)))

/* Each member of table t by keys into base; unknown keys are warned
 * about. */
static int
sect(struct ctx *x, const struct toml *t, const struct key *keys, void *base)
{
	const struct key *k;
	const char *name;
	size_t i;

	for (i = 0; i < toml_len(t); i++) {
		const struct toml *v = toml_index(t, i);

		name = toml_key(v, NULL);
		for (k = keys; k->name && strcmp(k->name, name) != 0; k++)
			;
		if (k->name == NULL)
			warn(x, v, "unknown key (ignored)");
		else if (k->get(x, v, base, k) < 0)
			return -1;
	}
	return 0;
}

static int
key_name(struct ctx *x, const struct toml *v, void *base, const struct key *k)
{
	return get_name(x, v, k->max != 0, FIELD(base, k->off, char *));
}

static int
key_strings(struct ctx *x, const struct toml *v, void *base,
    const struct key *k)
{
	return get_strings(x, v, FIELD(base, k->off, char **),
	    FIELD(base, k->noff, size_t));
}

static int
key_duration(struct ctx *x, const struct toml *v, void *base,
    const struct key *k)
{
	return get_duration(x, v, k->max, FIELD(base, k->off, int64_t));
}

/* [security] max_body: a size, 1 byte to what tmux takes. */
static int
key_size(struct ctx *x, const struct toml *v, void *base, const struct key *k)
{
	uint64_t *dst = FIELD(base, k->off, uint64_t);
	const char *s = toml_text(v), *why;

	if ((toml_type(v) != TOML_INTEGER && toml_type(v) != TOML_STRING) ||
	    s == NULL || *s == '-' || parse_size(s, dst, &why) < 0)
		return fail(x, v, "bad size '%s'", s ? s : "");
	if (*dst == 0 || *dst > PB_MAX_BODY_LIMIT)
		return fail(x, v, "must be 1 to %d bytes", PB_MAX_BODY_LIMIT);
	return 0;
}

/* [daemon] watch_files: strings, relative ones taken from the config
 * file's directory. */
static int
key_paths(struct ctx *x, const struct toml *v, void *base,
    const struct key *k)
{
	char **p;
	size_t j, n;

	if (key_strings(x, v, base, k) < 0)
		return -1;
	p = *FIELD(base, k->off, char **);
	for (j = 0; j < *FIELD(base, k->noff, size_t); j++) {
		if (p[j][0] != '/' && x->dir[0]) {
			char *q;

			n = strlen(x->dir) + strlen(p[j]) + 1;
			if ((q = malloc(n)) == NULL)
				return fail(x, v, "out of memory");
			snprintf(q, n, "%s%s", x->dir, p[j]);
			free(p[j]);
			p[j] = q;
		}
	}
	return 0;
}

/* [daemon.logging] log_file: a path; "" is stdout only. */
static int
key_log_file(struct ctx *x, const struct toml *v, void *base,
    const struct key *k)
{
	if (toml_type(v) == TOML_STRING && toml_strlen(v) == 0)
		return 0;
	return get_path(x, v, FIELD(base, k->off, char *));
}

static int
key_log_level(struct ctx *x, const struct toml *v, void *base,
    const struct key *k)
{
	char **dst = FIELD(base, k->off, char *);

	if (get_name(x, v, 0, dst) < 0)
		return -1;
	if (evlog_level(*dst) < 0)
		return fail(x, v, "unknown level '%s' (DEBUG, INFO, WARNING, "
		    "ERROR)", *dst);
	return 0;
}

/* Checked, not used: daemonrun's business. */
static int
key_bool(struct ctx *x, const struct toml *v, void *base, const struct key *k)
{
	(void)base;
	(void)k;
	if (toml_type(v) != TOML_BOOL)
		return fail(x, v, "expected a boolean");
	return 0;
}

#define CF(f) offsetof(struct pb_config, f)
#define END { NULL, NULL, 0, 0, 0 }

static const struct key logging_keys[] = {
	{ "log_file", key_log_file, CF(log_file), 0, 0 },
	{ "log_level", key_log_level, CF(log_level), 0, 0 },
	{ "enable_reload_logs", key_bool, 0, 0, 0 },
	END
};

/* [daemon] logging and monitoring: known as tables only. */
static int
key_logging(struct ctx *x, const struct toml *v, void *base,
    const struct key *k)
{
	(void)k;
	if (toml_type(v) != TOML_TABLE) {
		warn(x, v, "unknown key (ignored)");
		return 0;
	}
	return sect(x, v, logging_keys, base);
}

static int
key_monitoring(struct ctx *x, const struct toml *v, void *base,
    const struct key *k)
{
	(void)base;
	(void)k;
	warn(x, v, toml_type(v) == TOML_TABLE ? "ignored: monitoring is "
	    "healthcheck's job (see pbroute(1))" : "unknown key (ignored)");
	return 0;
}

static const struct key tmux_keys[] = {
	{ "default_session", key_name, CF(default_session), 0, 0 },
	{ "target_window", key_name, CF(target_window), 0, 1 },
	{ "target_pane", key_name, CF(target_pane), 0, 1 },
	{ "enter_delay", key_duration, CF(enter_delay_ms), 0, 60000 },
	END
};

static const struct key target_keys[] = {
	{ "session", key_name, offsetof(struct pb_target, session), 0, 0 },
	{ "window", key_name, offsetof(struct pb_target, window), 0, 1 },
	{ "pane", key_name, offsetof(struct pb_target, pane), 0, 1 },
	END
};

static const struct key security_keys[] = {
	{ "allow_senders", key_strings, CF(allow_senders), CF(nsenders), 0 },
	{ "allow_devices", key_strings, CF(allow_devices),
	    CF(nallow_devices), 0 },
	{ "max_body", key_size, CF(max_body), 0, 0 },
	END
};

static const struct key daemon_keys[] = {
	{ "reload_interval", key_duration, CF(reload_interval_ms), 0,
	    86400000 },
	{ "watch_files", key_paths, CF(watch_files), CF(nwatch), 0 },
	{ "ignore_patterns", key_strings, CF(ignore_patterns), CF(nignore),
	    0 },
	{ "logging", key_logging, 0, 0, 0 },
	{ "monitoring", key_monitoring, 0, 0, 0 },
	END
};

static int
load_mapping(struct ctx *x, const struct toml *t)
{
	size_t i;

	x->c->maps = calloc(toml_len(t) + 1, sizeof *x->c->maps);
	if (x->c->maps == NULL)
		return fail(x, t, "out of memory");
	for (i = 0; i < toml_len(t); i++) {
		const struct toml *v = toml_index(t, i);
		struct pb_map *m = &x->c->maps[x->c->nmaps];

		if ((m->device = strdup(toml_key(v, NULL))) == NULL)
			return fail(x, v, "out of memory");
		x->c->nmaps++;
		if (toml_type(v) == TOML_STRING) {
			if (get_name(x, v, 0, &m->t.session) < 0)
				return -1;
			continue;
		}
		if (toml_type(v) != TOML_TABLE)
			return fail(x, v, "expected a session name or a table "
			    "{ session, window, pane }, not %s",
			    toml_type_name(toml_type(v)));
		if (sect(x, v, target_keys, &m->t) < 0)
			return -1;
		if (m->t.session == NULL)
			return fail(x, v, "missing session");
	}
	return 0;
}

int
pb_config_default_path(char *buf, size_t len)
{
	return path_xdg("XDG_CONFIG_HOME", ".config", "pbroute/config.toml",
	    buf, len);
}

static void
defaults(struct pb_config *c)
{
	memset(c, 0, sizeof *c);
	c->enter_delay_ms = PB_ENTER_DELAY_DEFAULT;
	c->max_body = PB_MAX_BODY_DEFAULT;
	c->reload_interval_ms = -1;
}

int
pb_config_parse(struct pb_config *c, const char *text, size_t len,
    const char *path, void (*warnf)(const char *msg), char *msg, size_t msglen)
{
	char dir[4096];
	size_t i;
	struct toml_err terr;
	struct toml *root;
	struct ctx x;
	const char *slash;
	int r = 0;

	defaults(c);
	root = toml_parse(text, len, path, &terr);
	if (root == NULL) {
		snprintf(msg, msglen, "%s", terr.msg);
		return -1;
	}
	if ((c->path = strdup(path)) == NULL) {
		toml_free(root);
		snprintf(msg, msglen, "out of memory");
		return -1;
	}
	slash = strrchr(path, '/');
	if (slash)
		snprintf(dir, sizeof dir, "%.*s/", (int)(slash - path), path);
	else
		dir[0] = '\0';
	x.c = c;
	x.warn = warnf;
	x.msg = msg;
	x.msglen = msglen;
	x.dir = dir;
	for (i = 0; r == 0 && i < toml_len(root); i++) {
		const struct toml *v = toml_index(root, i);
		const char *k = toml_key(v, NULL);
		int table = toml_type(v) == TOML_TABLE;

		if (strcmp(k, "tmux") == 0 && table)
			r = sect(&x, v, tmux_keys, c);
		else if (strcmp(k, "device_mapping") == 0 && table)
			r = load_mapping(&x, v);
		else if (strcmp(k, "security") == 0 && table)
			r = sect(&x, v, security_keys, c);
		else if (strcmp(k, "daemon") == 0 && table)
			r = sect(&x, v, daemon_keys, c);
		else if (strcmp(k, "tmux") == 0 || strcmp(k, "device_mapping") == 0 ||
		    strcmp(k, "security") == 0 || strcmp(k, "daemon") == 0)
			r = fail(&x, v, "expected a table, not %s",
			    toml_type_name(toml_type(v)));
		else
			warn(&x, v, "unknown key (ignored)");
	}
	toml_free(root);
	if (r < 0) {
		pb_config_free(c);
		defaults(c);
	}
	return r;
}

int
pb_config_load(struct pb_config *c, const char *path, int explicit,
    void (*warnf)(const char *msg), char *msg, size_t msglen)
{
	char def[4096];
	char *text = NULL;
	size_t len;
	int r;

	defaults(c);
	if (path == NULL) {
		if (pb_config_default_path(def, sizeof def) < 0)
			return 0;
		path = def;
	}
	if (io_readfile(path, 4 << 20, &text, &len) < 0) {
		if (errno == ENOENT && !explicit)
			return 0;
		snprintf(msg, msglen, "unable to read %s: %s", path, strerror(errno));
		return -1;
	}
	r = pb_config_parse(c, text, len, path, warnf, msg, msglen);
	free(text);
	return r;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* What the getters of keys stored in base: strings and lists. */
static void
free_keys(const struct key *keys, void *base)
{
	const struct key *k;

	for (k = keys; k->name; k++) {
		if (k->get == key_name || k->get == key_log_file ||
		    k->get == key_log_level)
			free(*FIELD(base, k->off, char *));
		else if (k->get == key_strings || k->get == key_paths)
			free_list(*FIELD(base, k->off, char **),
			    *FIELD(base, k->noff, size_t));
	}
}

void
pb_config_free(struct pb_config *c)
{
	size_t i;

	free(c->path);
	free_keys(tmux_keys, c);
	for (i = 0; i < c->nmaps; i++) {
		free(c->maps[i].device);
		free_keys(target_keys, &c->maps[i].t);
	}
	free(c->maps);
	free_keys(security_keys, c);
	free_keys(daemon_keys, c);
	free_keys(logging_keys, c);
	memset(c, 0, sizeof *c);
}
