/* config.c: reading config.toml (see config.h). */
#include <errno.h>
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

static int
sect_daemon(struct config *c, struct ctx *x, const struct toml *t)
{
	const struct toml *v;
	const char *k;
	char *s = NULL;
	size_t i;

	for (i = 0; i < toml_len(t); i++) {
		v = toml_index(t, i);
		k = toml_key(v, NULL);
		if (strcmp(k, "workspace") == 0) {
			if (get_str(x, v, &c->workspace) < 0)
				return -1;
		} else if (strcmp(k, "pid_file") == 0) {
			if (get_str(x, v, &c->pid_file) < 0)
				return -1;
		} else if (strcmp(k, "store") == 0) {
			if (get_str(x, v, &c->store) < 0)
				return -1;
			if (strcmp(c->store, "sqlite") != 0 &&
			    strcmp(c->store, "spool") != 0)
				return bad(x, v, "unknown store '%s' (sqlite "
				    "or spool)", c->store);
		} else if (strcmp(k, "sync") == 0) {
			if (get_str(x, v, &s) < 0)
				return -1;
			if (strcmp(s, "normal") != 0 && strcmp(s, "full") != 0) {
				bad(x, v, "bad sync '%s' (normal or full)", s);
				free(s);
				return -1;
			}
			c->sync_full = strcmp(s, "full") == 0;
			free(s);
			s = NULL;
		} else {
			unknown(x, v);
		}
	}
	return 0;
}

static int
sect_logging(struct config *c, struct ctx *x, const struct toml *t)
{
	const struct toml *v;
	const char *k;
	char *s = NULL;
	size_t i;

	for (i = 0; i < toml_len(t); i++) {
		v = toml_index(t, i);
		k = toml_key(v, NULL);
		if (strcmp(k, "level") == 0) {
			if (get_str(x, v, &s) < 0)
				return -1;
			c->log_level = strcmp(s, "critical") == 0 ? EV_ERROR :
			    evlog_level(s);
			if (c->log_level < 0) {
				bad(x, v, "unknown level '%s' (debug, info, "
				    "warning, error, critical)", s);
				free(s);
				return -1;
			}
			free(s);
			s = NULL;
		} else if (strcmp(k, "file") == 0) {
			if (get_str(x, v, &c->log_file) < 0)
				return -1;
		} else {
			unknown(x, v);
		}
	}
	return 0;
}

static int
cfg_int(struct ctx *x, const struct toml *v, long lo, long hi, long *dst)
{
	int64_t n;

	if (toml_type(v) != TOML_INTEGER)
		return bad(x, v, "expected an integer, not %s",
		    toml_type_name(toml_type(v)));
	n = toml_int(v, 0);
	if (n < lo || n > hi)
		return bad(x, v, "%s out of range", toml_text(v));
	*dst = (long)n;
	return 0;
}

static int
cfg_bool(struct ctx *x, const struct toml *v, int *dst)
{
	if (toml_type(v) != TOML_BOOL)
		return bad(x, v, "expected true or false, not %s",
		    toml_type_name(toml_type(v)));
	*dst = toml_bool(v, 0);
	return 0;
}

static int
sect_websocket(struct config *c, struct ctx *x, const struct toml *t)
{
	struct wsconf *w = &c->ws;
	const struct toml *v, *e;
	const char *k;
	double sec;
	size_t i, j;

	for (i = 0; i < toml_len(t); i++) {
		v = toml_index(t, i);
		k = toml_key(v, NULL);
		if (strcmp(k, "enabled") == 0) {
			if (cfg_bool(x, v, &w->enabled) < 0)
				return -1;
		} else if (strcmp(k, "authenticate") == 0) {
			if (cfg_bool(x, v, &w->authenticate) < 0)
				return -1;
		} else if (strcmp(k, "host") == 0) {
			if (get_str(x, v, &w->host) < 0)
				return -1;
		} else if (strcmp(k, "api_key") == 0) {
			if (get_str(x, v, &w->api_key) < 0)
				return -1;
		} else if (strcmp(k, "port") == 0) {
			if (cfg_int(x, v, 0, 65535, &w->port) < 0)
				return -1;
		} else if (strcmp(k, "max_connections") == 0) {
			if (cfg_int(x, v, 1, 100000, &w->max_connections) < 0)
				return -1;
		} else if (strcmp(k, "heartbeat_interval") == 0) {
			if (toml_type(v) == TOML_INTEGER)
				sec = (double)toml_int(v, 0);
			else if (toml_type(v) == TOML_FLOAT)
				sec = toml_float(v, 0);
			else
				return bad(x, v, "expected seconds, not %s",
				    toml_type_name(toml_type(v)));
			if (!(sec >= 0.05 && sec <= 86400))
				return bad(x, v, "%s out of range (0.05 to "
				    "86400 seconds)", toml_text(v));
			w->heartbeat_ms = (int64_t)(sec * 1000 + 0.5);
		} else if (strcmp(k, "allowed_origins") == 0) {
			if (toml_type(v) != TOML_ARRAY)
				return bad(x, v, "expected a list of strings, "
				    "not %s", toml_type_name(toml_type(v)));
			for (j = 0; j < toml_len(v); j++) {
				char **no;

				e = toml_index(v, j);
				if ((no = realloc(w->origins, (w->norigins + 1) *
				    sizeof *no)) == NULL)
					return bad(x, v, "%s", strerror(ENOMEM));
				w->origins = no;
				w->origins[w->norigins] = NULL;
				if (get_str(x, e, &w->origins[w->norigins]) < 0)
					return -1;
				w->norigins++;
			}
		} else {
			unknown(x, v);
		}
	}
	return 0;
}

static int
sect_queue(struct config *c, struct ctx *x, const struct toml *q)
{
	const struct toml *v;
	struct qconf *qc, *nq;
	const char *name, *k;
	size_t i;
	int64_t n;

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
	for (i = 0; i < toml_len(q); i++) {
		v = toml_index(q, i);
		k = toml_key(v, NULL);
		if (strcmp(k, "slots") == 0) {
			if (toml_type(v) != TOML_INTEGER)
				return bad(x, v, "expected an integer, not %s",
				    toml_type_name(toml_type(v)));
			n = toml_int(v, 0);
			if (n < 1 || n > 1024)
				return bad(x, v, "slots %s out of range "
				    "(1-1024)", toml_text(v));
			qc->slots = (int)n;
		} else if (strcmp(k, "device") == 0) {
			if (get_str(x, v, &qc->device) < 0)
				return -1;
		} else {
			unknown(x, v);
		}
	}
	return 0;
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
			r = sect_daemon(c, &x, t);
		} else if (strcmp(k, "logging") == 0) {
			r = sect_logging(c, &x, t);
		} else if (strcmp(k, "websocket") == 0) {
			r = sect_websocket(c, &x, t);
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
	free(c->workspace);
	free(c->pid_file);
	free(c->store);
	free(c->log_file);
	for (i = 0; i < c->nqueues; i++) {
		free(c->queues[i].name);
		free(c->queues[i].device);
	}
	free(c->queues);
	for (i = 0; i < c->ws.norigins; i++)
		free(c->ws.origins[i]);
	free(c->ws.origins);
	free(c->ws.host);
	free(c->ws.api_key);
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
