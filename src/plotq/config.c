/* config.c: reading config.toml (see config.h). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "evlog.h"
#include "io.h"
#include "toml.h"

#define CONFIG_MAX (1024 * 1024)

int
config_queue_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 64)
		return 0;
	return strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_.-") == n;
}

struct ctx {
	void (*warn)(void *, const char *);
	void *arg;
	char *why;
	size_t len;
};

static int
bad(struct ctx *x, const struct toml *v, const char *fmt, const char *s)
{
	struct buf k = BUF_INIT;

	toml_fullkey(v, &k);
	snprintf(x->why, x->len, "%s:%d:%d: %s: ", toml_file(v), toml_line(v),
	    toml_col(v), k.p ? k.p : "?");
	buf_free(&k);
	snprintf(x->why + strlen(x->why), x->len - strlen(x->why), fmt, s);
	return -1;
}

static void
unknown(struct ctx *x, const struct toml *v)
{
	struct buf k = BUF_INIT, m = BUF_INIT;

	toml_fullkey(v, &k);
	buf_printf(&m, "%s:%d:%d: unknown key %s (ignored)", toml_file(v),
	    toml_line(v), toml_col(v), k.p ? k.p : "?");
	if (x->warn && m.p)
		x->warn(x->arg, m.p);
	buf_free(&k);
	buf_free(&m);
}

/* A string value, copied into *dst. */
static int
get_str(struct ctx *x, const struct toml *v, char **dst)
{
	if (toml_type(v) != TOML_STRING)
		return bad(x, v, "expected a string, not %s",
		    toml_type_name(toml_type(v)));
	if (memchr(toml_str(v, ""), '\0', toml_strlen(v)))
		return bad(x, v, "%s", "string holds a NUL byte");
	free(*dst);
	if ((*dst = strdup(toml_str(v, ""))) == NULL)
		return bad(x, v, "%s", strerror(ENOMEM));
	return 0;
}

/* The keys of a section, each with the getter that checks and stores its
 * value in the field at off (of struct config, struct wsconf or struct
 * qconf). */
struct key {
	const char *name;
	int (*get)(struct ctx *, const struct toml *, void *,
	    const struct key *);
	size_t off;
	long lo, hi;			/* integers: the range */
	const char *const *words;	/* strings: the values allowed */
	const char *badfmt;		/* the message for a value out of those */
};

#define FIELD(base, k, type) ((type *)(void *)((char *)(base) + (k)->off))

static int
in_words(const char *s, const struct key *k)
{
	int i;

	for (i = 0; k->words[i]; i++)
		if (strcmp(s, k->words[i]) == 0)
			return i;
	return -1;
}

/* A string; with words, one of them. */
static int
key_str(struct ctx *x, const struct toml *v, void *base, const struct key *k)
{
	char **dst = FIELD(base, k, char *);

	if (get_str(x, v, dst) < 0)
		return -1;
	if (k->words && in_words(*dst, k) < 0)
		return bad(x, v, k->badfmt, *dst);
	return 0;
}

/* One of words, stored as its index. */
static int
key_word(struct ctx *x, const struct toml *v, void *base, const struct key *k)
{
	char *s = NULL;
	int i;

	if (get_str(x, v, &s) < 0)
		return -1;
	if ((i = in_words(s, k)) < 0)
		bad(x, v, k->badfmt, s);
	else
		*FIELD(base, k, int) = i;
	free(s);
	return i < 0 ? -1 : 0;
}

/* An evlog level name, or "critical" (which is "error"). */
static int
key_level(struct ctx *x, const struct toml *v, void *base, const struct key *k)
{
	int *dst = FIELD(base, k, int);
	char *s = NULL;

	if (get_str(x, v, &s) < 0)
		return -1;
	*dst = strcmp(s, "critical") == 0 ? EV_ERROR : evlog_level(s);
	if (*dst < 0)
		bad(x, v, "unknown level '%s' (debug, info, warning, error, "
		    "critical)", s);
	free(s);
	return *dst < 0 ? -1 : 0;
}

/* An integer from lo to hi; badfmt names the range. */
static int
key_int(struct ctx *x, const struct toml *v, void *base, const struct key *k)
{
	int64_t n;

	if (toml_type(v) != TOML_INTEGER)
		return bad(x, v, "expected an integer, not %s",
		    toml_type_name(toml_type(v)));
	n = toml_int(v, 0);
	if (n < k->lo || n > k->hi)
		return bad(x, v, k->badfmt, toml_text(v));
	*FIELD(base, k, int) = (int)n;
	return 0;
}

static int
key_bool(struct ctx *x, const struct toml *v, void *base, const struct key *k)
{
	if (toml_type(v) != TOML_BOOL)
		return bad(x, v, "expected true or false, not %s",
		    toml_type_name(toml_type(v)));
	*FIELD(base, k, int) = toml_bool(v, 0);
	return 0;
}

/* Seconds (an integer or a float, 0.05 to 86400) as milliseconds. */
static int
key_seconds(struct ctx *x, const struct toml *v, void *base,
    const struct key *k)
{
	double sec;

	if (toml_type(v) == TOML_INTEGER)
		sec = (double)toml_int(v, 0);
	else if (toml_type(v) == TOML_FLOAT)
		sec = toml_float(v, 0);
	else
		return bad(x, v, "expected seconds, not %s",
		    toml_type_name(toml_type(v)));
	if (!(sec >= 0.05 && sec <= 86400))
		return bad(x, v, "%s out of range (0.05 to 86400 seconds)",
		    toml_text(v));
	*FIELD(base, k, int64_t) = (int64_t)(sec * 1000 + 0.5);
	return 0;
}

/* [websocket] allowed_origins: a list of strings, added to the list. */
static int
key_origins(struct ctx *x, const struct toml *v, void *base,
    const struct key *k)
{
	struct wsconf *w = base;
	char **no;
	size_t j;

	(void)k;
	if (toml_type(v) != TOML_ARRAY)
		return bad(x, v, "expected a list of strings, not %s",
		    toml_type_name(toml_type(v)));
	for (j = 0; j < toml_len(v); j++) {
		if ((no = realloc(w->origins, (w->norigins + 1) *
		    sizeof *no)) == NULL)
			return bad(x, v, "%s", strerror(ENOMEM));
		w->origins = no;
		w->origins[w->norigins] = NULL;
		if (get_str(x, toml_index(v, j), &w->origins[w->norigins]) < 0)
			return -1;
		w->norigins++;
	}
	return 0;
}

static const char *const stores[] = { "sqlite", "spool", NULL };
static const char *const syncs[] = { "normal", "full", NULL };

#define CF(f) offsetof(struct config, f)
#define WS(f) offsetof(struct wsconf, f)

static const struct key daemon_keys[] = {
	{ "workspace", key_str, CF(workspace), 0, 0, NULL, NULL },
	{ "pid_file", key_str, CF(pid_file), 0, 0, NULL, NULL },
	{ "store", key_str, CF(store), 0, 0, stores,
	    "unknown store '%s' (sqlite or spool)" },
	{ "sync", key_word, CF(sync_full), 0, 0, syncs,
	    "bad sync '%s' (normal or full)" },
	{ NULL, NULL, 0, 0, 0, NULL, NULL }
};

static const struct key logging_keys[] = {
	{ "level", key_level, CF(log_level), 0, 0, NULL, NULL },
	{ "file", key_str, CF(log_file), 0, 0, NULL, NULL },
	{ NULL, NULL, 0, 0, 0, NULL, NULL }
};

static const struct key websocket_keys[] = {
	{ "enabled", key_bool, WS(enabled), 0, 0, NULL, NULL },
	{ "authenticate", key_bool, WS(authenticate), 0, 0, NULL, NULL },
	{ "host", key_str, WS(host), 0, 0, NULL, NULL },
	{ "api_key", key_str, WS(api_key), 0, 0, NULL, NULL },
	{ "port", key_int, WS(port), 0, 65535, NULL, "%s out of range" },
	{ "max_connections", key_int, WS(max_connections), 1, 100000, NULL,
	    "%s out of range" },
	{ "heartbeat_interval", key_seconds, WS(heartbeat_ms), 0, 0, NULL,
	    NULL },
	{ "allowed_origins", key_origins, 0, 0, 0, NULL, NULL },
	{ NULL, NULL, 0, 0, 0, NULL, NULL }
};

static const struct key queue_keys[] = {
	{ "slots", key_int, offsetof(struct qconf, slots), 1, 1024, NULL,
	    "slots %s out of range (1-1024)" },
	{ "device", key_str, offsetof(struct qconf, device), 0, 0, NULL,
	    NULL },
	{ NULL, NULL, 0, 0, 0, NULL, NULL }
};

/* Each member of table t by keys into base; unknown keys are warned
 * about. */
static int
sect(struct ctx *x, const struct toml *t, const struct key *keys,
    void *base)
{
	const struct toml *v;
	const struct key *k;
	const char *name;
	size_t i;

	for (i = 0; i < toml_len(t); i++) {
		v = toml_index(t, i);
		name = toml_key(v, NULL);
		for (k = keys; k->name && strcmp(k->name, name) != 0; k++)
			;
		if (k->name == NULL)
			unknown(x, v);
		else if (k->get(x, v, base, k) < 0)
			return -1;
	}
	return 0;
}

/* The strings that keys store in base. */
static void
free_strs(const struct key *keys, void *base)
{
	const struct key *k;

	for (k = keys; k->name; k++)
		if (k->get == key_str)
			free(*FIELD(base, k, char *));
}

static int
sect_queue(struct config *c, struct ctx *x, const struct toml *q)
{
	struct qconf *qc, *nq;
	const char *name;

	name = toml_key(q, NULL);
	if (toml_type(q) != TOML_TABLE)
		return bad(x, q, "expected a table [queue.%s]", name);
	if (!config_queue_name_ok(name))
		return bad(x, q, "bad queue name '%s' (1-64 of A-Z a-z 0-9 "
		    "_ . -)", name);
	nq = realloc(c->queues, (c->nqueues + 1) * sizeof *nq);
	if (nq == NULL)
		return bad(x, q, "%s", strerror(ENOMEM));
	c->queues = nq;
	qc = &c->queues[c->nqueues];
	memset(qc, 0, sizeof *qc);
	qc->slots = 1;
	if ((qc->name = strdup(name)) == NULL)
		return bad(x, q, "%s", strerror(ENOMEM));
	c->nqueues++;
	return sect(x, q, queue_keys, qc);
}

int
config_load(struct config *c, const char *path, int missing_ok,
    void (*warn)(void *, const char *), void *arg, char *why, size_t len)
{
	char *data;
	size_t n;
	int r;

	if (io_readfile(path, CONFIG_MAX, &data, &n) < 0) {
		if (errno == ENOENT && missing_ok)
			return 0;
		snprintf(why, len, "unable to read %s: %s", path,
		    strerror(errno));
		return -1;
	}
	r = config_parse(c, data, n, path, warn, arg, why, len);
	free(data);
	return r;
}

int
config_parse(struct config *c, const char *data, size_t n, const char *path,
    void (*warn)(void *, const char *), void *arg, char *why, size_t len)
{
	struct toml_err te;
	struct toml *root;
	const struct toml *t, *q;
	struct ctx x = { warn, arg, why, len };
	const char *k;
	size_t i, j;
	int r = 0;

	root = toml_parse(data, n, path, &te);
	if (root == NULL) {
		snprintf(why, len, "%s", te.msg);
		return -1;
	}
	if ((c->path = strdup(path)) == NULL) {
		toml_free(root);
		snprintf(why, len, "%s", strerror(ENOMEM));
		return -1;
	}
	for (i = 0; i < toml_len(root) && r == 0; i++) {
		t = toml_index(root, i);
		k = toml_key(t, NULL);
		if (toml_type(t) != TOML_TABLE &&
		    (strcmp(k, "daemon") == 0 || strcmp(k, "logging") == 0 ||
		    strcmp(k, "queue") == 0 || strcmp(k, "websocket") == 0)) {
			r = bad(&x, t, "expected a table, not %s",
			    toml_type_name(toml_type(t)));
		} else if (strcmp(k, "daemon") == 0) {
			r = sect(&x, t, daemon_keys, c);
		} else if (strcmp(k, "logging") == 0) {
			r = sect(&x, t, logging_keys, c);
		} else if (strcmp(k, "websocket") == 0) {
			r = sect(&x, t, websocket_keys, &c->ws);
		} else if (strcmp(k, "queue") == 0) {
			for (j = 0; j < toml_len(t) && r == 0; j++) {
				q = toml_index(t, j);
				r = sect_queue(c, &x, q);
			}
		} else {
			unknown(&x, t);
		}
	}
	toml_free(root);
	return r;
}

void
config_free(struct config *c)
{
	size_t i;

	free(c->path);
	free_strs(daemon_keys, c);
	free_strs(logging_keys, c);
	free_strs(websocket_keys, &c->ws);
	for (i = 0; i < c->nqueues; i++) {
		free(c->queues[i].name);
		free_strs(queue_keys, &c->queues[i]);
	}
	free(c->queues);
	for (i = 0; i < c->ws.norigins; i++)
		free(c->ws.origins[i]);
	free(c->ws.origins);
	config_init(c);
}

void
config_init(struct config *c)
{
	memset(c, 0, sizeof *c);
	c->log_level = -1;
	c->ws.enabled = -1;
	c->ws.port = -1;
	c->ws.authenticate = -1;
	c->ws.max_connections = -1;
	c->ws.heartbeat_ms = -1;
}
