/* jobjson.c: jobs and byte strings in JSON (see jobjson.h). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "jobjson.h"
#include "parse.h"
#include "tstamp.h"
#include "utf8.h"

int
jb_put(struct json_w *w, const char *s, size_t n)
{
	char *enc;
	int r;

	if (utf8_valid(s, n) == n)
		return json_w_strn(w, s, n);
	if (n > ((size_t)-1 - 8) / 4 * 3 - 8 ||
	    (enc = malloc(BASE64_ENCLEN(n) + 1)) == NULL) {
		w->err = ENOMEM;
		return -1;
	}
	base64_encode(s, n, enc);
	json_w_obj_begin(w);
	json_w_key(w, "base64");
	json_w_str(w, enc);
	r = json_w_obj_end(w);
	free(enc);
	return r;
}

char *
jb_get(const struct json *v, const char **why)
{
	const struct json *b;
	const char *s;
	size_t n;
	long m;
	char *out;

	if (json_type(v) == JSON_STR) {
		s = json_str(v, "");
		n = json_strlen(v);
		if (memchr(s, '\0', n)) {
			*why = "string holds a NUL byte";
			return NULL;
		}
		if ((out = strdup(s)) == NULL)
			*why = "out of memory";
		return out;
	}
	b = json_get(v, "base64");
	if (json_type(v) != JSON_OBJ || json_type(b) != JSON_STR) {
		*why = "expected a string or {\"base64\": ...}";
		return NULL;
	}
	n = json_strlen(b);
	if ((out = malloc(n / 4 * 3 + 1)) == NULL) {
		*why = "out of memory";
		return NULL;
	}
	m = base64_decode(json_str(b, ""), n, out);
	if (m < 0 || memchr(out, '\0', (size_t)m)) {
		free(out);
		*why = m < 0 ? "bad base64" : "string holds a NUL byte";
		return NULL;
	}
	out[m] = '\0';
	return out;
}

char **
jb_getv(const struct json *v, int allow_missing, const char **why)
{
	char **r;
	size_t i, n;

	if (v == NULL && allow_missing)
		return calloc(1, sizeof(char *));
	if (json_type(v) != JSON_ARR) {
		*why = "expected an array of strings";
		return NULL;
	}
	n = json_len(v);
	if ((r = calloc(n + 1, sizeof *r)) == NULL) {
		*why = "out of memory";
		return NULL;
	}
	for (i = 0; i < n; i++)
		if ((r[i] = jb_get(json_index(v, i), why)) == NULL) {
			strv_free(r);
			return NULL;
		}
	return r;
}

static void
put_time(struct json_w *w, const char *key, int64_t ms, int utc)
{
	struct timespec ts;
	char t[TSTAMP_MAX];

	json_w_key(w, key);
	if (ms <= 0) {
		json_w_null(w);
		return;
	}
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000;
	tstamp_rfc3339(t, &ts, utc);
	json_w_str(w, t);
}

static void
put_strv(struct json_w *w, const char *key, char *const *v)
{
	size_t i;

	json_w_key(w, key);
	json_w_arr_begin(w);
	for (i = 0; v && v[i]; i++)
		jb_put(w, v[i], strlen(v[i]));
	json_w_arr_end(w);
}

static void
put_after(struct json_w *w, const struct job *j)
{
	size_t i;

	json_w_key(w, "after");
	json_w_arr_begin(w);
	for (i = 0; i < j->nafter; i++)
		json_w_int(w, j->after[i]);
	json_w_arr_end(w);
}

static void
put_signal(struct json_w *w, int sig)
{
	const char *n;

	json_w_key(w, "signal");
	if (sig <= 0) {
		json_w_null(w);
		return;
	}
	n = parse_signame(sig);
	if (n)
		json_w_str(w, n);
	else
		json_w_int(w, sig);
}

int
job_json(struct json_w *w, const struct job *j, const char *ws, int utc)
{
	char p[4096];

	json_w_obj_begin(w);
	json_w_key(w, "id");
	json_w_int(w, j->id);
	json_w_key(w, "name");
	jb_put(w, j->name, strlen(j->name));
	json_w_key(w, "queue");
	json_w_str(w, j->queue);
	json_w_key(w, "state");
	json_w_str(w, job_state_name(j->state));
	json_w_key(w, "reason");
	json_w_str(w, j->reason && *j->reason ? j->reason : NULL);
	put_strv(w, "cmd", j->argv);
	json_w_key(w, "cwd");
	jb_put(w, j->cwd, strlen(j->cwd));
	json_w_key(w, "priority");
	json_w_int(w, j->priority);
	put_after(w, j);
	put_time(w, "submitted", j->submitted, utc);
	put_time(w, "started", j->started, utc);
	put_time(w, "ended", j->ended, utc);
	json_w_key(w, "pid");
	if (j->pid > 0)
		json_w_int(w, j->pid);
	else
		json_w_null(w);
	json_w_key(w, "exit");
	if (j->code >= 0)
		json_w_int(w, j->code);
	else
		json_w_null(w);
	put_signal(w, j->sig);
	json_w_key(w, "slot");
	if (j->slot >= 0)
		json_w_int(w, j->slot);
	else
		json_w_null(w);
	snprintf(p, sizeof p, "%s/jobs/%lld/out.log", ws, (long long)j->id);
	json_w_key(w, "out");
	jb_put(w, p, strlen(p));
	snprintf(p, sizeof p, "%s/jobs/%lld/err.log", ws, (long long)j->id);
	json_w_key(w, "err");
	jb_put(w, p, strlen(p));
	return json_w_obj_end(w);
}

int
job_spec_json(struct buf *b, const struct job *j)
{
	struct json_w w;

	json_w_init(&w, b, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "id");
	json_w_int(&w, j->id);
	json_w_key(&w, "name");
	jb_put(&w, j->name, strlen(j->name));
	json_w_key(&w, "queue");
	jb_put(&w, j->queue, strlen(j->queue));
	put_strv(&w, "cmd", j->argv);
	put_strv(&w, "env", j->env);
	json_w_key(&w, "cwd");
	jb_put(&w, j->cwd, strlen(j->cwd));
	json_w_key(&w, "priority");
	json_w_int(&w, j->priority);
	put_after(&w, j);
	json_w_key(&w, "submitted");
	json_w_int(&w, j->submitted);
	json_w_obj_end(&w);
	if (json_w_finish(&w) < 0)
		return -1;
	return buf_addc(b, '\n');
}

int
job_state_json(struct buf *b, const struct job *j)
{
	struct json_w w;

	json_w_init(&w, b, 0);
	json_w_obj_begin(&w);
	json_w_key(&w, "state");
	json_w_str(&w, job_state_name(j->state));
	json_w_key(&w, "reason");
	json_w_str(&w, j->reason ? j->reason : "");
	json_w_key(&w, "started");
	json_w_int(&w, j->started);
	json_w_key(&w, "ended");
	json_w_int(&w, j->ended);
	json_w_key(&w, "pid");
	json_w_int(&w, j->pid);
	json_w_key(&w, "code");
	json_w_int(&w, j->code);
	json_w_key(&w, "sig");
	json_w_int(&w, j->sig);
	json_w_key(&w, "slot");
	json_w_int(&w, j->slot);
	json_w_obj_end(&w);
	if (json_w_finish(&w) < 0)
		return -1;
	return buf_addc(b, '\n');
}

/* An integer member within [lo, hi]; missing gives def. */
static int
get_int(const struct json *o, const char *key, int64_t lo, int64_t hi,
    int64_t def, int64_t *v)
{
	const struct json *m = json_get(o, key);

	if (m == NULL) {
		*v = def;
		return 0;
	}
	if (!json_isint(m))
		return -1;
	*v = json_int(m, 0);
	return *v >= lo && *v <= hi ? 0 : -1;
}

int
job_spec_parse(struct job *j, const struct json *o, int want_env,
    const char **why)
{
	const struct json *a;
	int64_t v;
	size_t i;

	*why = "malformed job";
	if (json_type(o) != JSON_OBJ)
		return -1;
	if (get_int(o, "id", 1, INT64_MAX, 0, &j->id) < 0 || j->id == 0)
		return -1;
	if ((j->name = jb_get(json_get(o, "name"), why)) == NULL ||
	    (j->queue = jb_get(json_get(o, "queue"), why)) == NULL ||
	    (j->cwd = jb_get(json_get(o, "cwd"), why)) == NULL ||
	    (j->argv = jb_getv(json_get(o, "cmd"), 0, why)) == NULL)
		return -1;
	if (j->argv[0] == NULL) {
		*why = "empty command";
		return -1;
	}
	if (want_env && (j->env = jb_getv(json_get(o, "env"), 1, why)) == NULL)
		return -1;
	*why = "malformed job";
	if (get_int(o, "priority", INT32_MIN, INT32_MAX, 0, &v) < 0)
		return -1;
	j->priority = (int)v;
	if (get_int(o, "submitted", 0, INT64_MAX, 0, &j->submitted) < 0)
		return -1;
	a = json_get(o, "after");
	if (a && json_type(a) != JSON_ARR)
		return -1;
	if (json_len(a) > 0) {
		j->after = calloc(json_len(a), sizeof *j->after);
		if (j->after == NULL)
			return -1;
		for (i = 0; i < json_len(a); i++) {
			if (!json_isint(json_index(a, i)) ||
			    json_int(json_index(a, i), 0) <= 0)
				return -1;
			j->after[j->nafter++] = json_int(json_index(a, i), 0);
		}
	}
	return 0;
}

int
job_state_parse_json(struct job *j, const struct json *o, const char **why)
{
	const char *s;
	int64_t v;

	*why = "malformed job state";
	if (json_type(o) != JSON_OBJ)
		return -1;
	s = json_str(json_get(o, "state"), NULL);
	if (s == NULL || (j->state = job_state_parse(s)) < 0)
		return -1;
	free(j->reason);
	j->reason = strdup(json_str(json_get(o, "reason"), ""));
	if (j->reason == NULL)
		return -1;
	if (get_int(o, "started", 0, INT64_MAX, 0, &j->started) < 0 ||
	    get_int(o, "ended", 0, INT64_MAX, 0, &j->ended) < 0 ||
	    get_int(o, "pid", 0, INT32_MAX, 0, &j->pid) < 0)
		return -1;
	if (get_int(o, "code", -1, 255, -1, &v) < 0)
		return -1;
	j->code = (int)v;
	if (get_int(o, "sig", 0, NSIG, 0, &v) < 0)
		return -1;
	j->sig = (int)v;
	if (get_int(o, "slot", -1, INT32_MAX, -1, &v) < 0)
		return -1;
	j->slot = (int)v;
	return 0;
}
