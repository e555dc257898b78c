/* json.c: JSON emitter and strict parser (see json.h). */
#include <errno.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "esc.h"
#include "json.h"
#include "utf8.h"

struct json {
	unsigned char type;
	unsigned char isint;	/* JSON_NUM written as an integer fitting int64 */
	unsigned char b;
	int64_t i;
	double d;
	char *s;		/* string value or number text, NUL-terminated */
	size_t slen;
	char *key;		/* member key when inside an object */
	size_t keylen;
	struct json **kids;	/* elements or member values */
	size_t n;
	struct arena *arena;	/* the root's; NULL in other nodes */
};

/* Emitter. */

int
json_add_str(struct buf *b, const char *s, size_t n)
{
	return esc_quote(b, s, n, 0);
}

int
json_add_strz(struct buf *b, const char *s)
{
	return json_add_str(b, s, strlen(s));
}

int
json_fmt_num(char out[JSON_NUM_MAX], double v)
{
	int prec, n = 0;
	char *p;

	for (prec = 15; prec <= 17; prec++) {
		n = snprintf(out, JSON_NUM_MAX, "%.*g", prec, v);
		for (p = out; *p; p++)
			if (*p == ',')
				*p = '.';
		if (strtod(out, NULL) == v)
			break;
	}
	return n;
}

void
json_w_init(struct json_w *w, struct buf *b, int indent)
{
	memset(w, 0, sizeof *w);
	w->b = b;
	w->indent = indent > 0 ? indent : 0;
}

static int
w_fail(struct json_w *w, int e)
{
	if (!w->err)
		w->err = e;
	errno = w->err;
	return -1;
}

static int
w_newline(struct json_w *w, int level)
{
	if (buf_addc(w->b, '\n') < 0)
		return -1;
	while (level-- > 0)
		if (buf_printf(w->b, "%*s", w->indent, "") < 0)
			return -1;
	return 0;
}

/* Before a value (or a key, when key is set): check the state, write the
 * comma and the indentation. */
static int
w_pre(struct json_w *w, int key)
{
	int d = w->depth;

	if (w->err)
		return w_fail(w, w->err);
	if (d == 0) {
		if (key || w->done)
			return w_fail(w, EINVAL);
		return 0;
	}
	if (w->isobj[d - 1] && !key && !w->keyed)
		return w_fail(w, EINVAL);
	if (key && (!w->isobj[d - 1] || w->keyed))
		return w_fail(w, EINVAL);
	if (w->keyed) {
		w->keyed = 0;
		return 0;
	}
	if (!w->first[d - 1] && buf_addc(w->b, ',') < 0)
		return w_fail(w, errno);
	w->first[d - 1] = 0;
	if (w->indent && w_newline(w, d) < 0)
		return w_fail(w, errno);
	return 0;
}

/* After a complete value. */
static int
w_post(struct json_w *w, int r)
{
	if (r < 0)
		return w_fail(w, errno);
	if (w->depth == 0)
		w->done = 1;
	return 0;
}

static int
w_begin(struct json_w *w, int obj)
{
	if (w_pre(w, 0) < 0)
		return -1;
	if (w->depth >= JSON_W_MAXDEPTH)
		return w_fail(w, EINVAL);
	if (buf_addc(w->b, obj ? '{' : '[') < 0)
		return w_fail(w, errno);
	w->isobj[w->depth] = (unsigned char)obj;
	w->first[w->depth] = 1;
	w->depth++;
	return 0;
}

static int
w_end(struct json_w *w, int obj)
{
	int d = w->depth;

	if (w->err)
		return w_fail(w, w->err);
	if (d == 0 || w->isobj[d - 1] != obj || w->keyed)
		return w_fail(w, EINVAL);
	if (!w->first[d - 1] && w->indent && w_newline(w, d - 1) < 0)
		return w_fail(w, errno);
	w->depth--;
	return w_post(w, buf_addc(w->b, obj ? '}' : ']'));
}

int
json_w_obj_begin(struct json_w *w)
{
	return w_begin(w, 1);
}

int
json_w_obj_end(struct json_w *w)
{
	return w_end(w, 1);
}

int
json_w_arr_begin(struct json_w *w)
{
	return w_begin(w, 0);
}

int
json_w_arr_end(struct json_w *w)
{
	return w_end(w, 0);
}

int
json_w_keyn(struct json_w *w, const char *key, size_t n)
{
	if (w_pre(w, 1) < 0)
		return -1;
	if (json_add_str(w->b, key, n) < 0 ||
	    buf_add(w->b, ": ", w->indent ? 2 : 1) < 0)
		return w_fail(w, errno);
	w->keyed = 1;
	return 0;
}

int
json_w_key(struct json_w *w, const char *key)
{
	return json_w_keyn(w, key, strlen(key));
}

int
json_w_strn(struct json_w *w, const char *s, size_t n)
{
	if (w_pre(w, 0) < 0)
		return -1;
	return w_post(w, json_add_str(w->b, s, n));
}

int
json_w_str(struct json_w *w, const char *s)
{
	if (s == NULL)
		return json_w_null(w);
	return json_w_strn(w, s, strlen(s));
}

int
json_w_int(struct json_w *w, int64_t v)
{
	if (w_pre(w, 0) < 0)
		return -1;
	return w_post(w, buf_printf(w->b, "%" PRId64, v));
}

int
json_w_uint(struct json_w *w, uint64_t v)
{
	if (w_pre(w, 0) < 0)
		return -1;
	return w_post(w, buf_printf(w->b, "%" PRIu64, v));
}

int
json_w_num(struct json_w *w, double v)
{
	char tmp[JSON_NUM_MAX];
	int n;

	if (!isfinite(v))
		return json_w_null(w);
	if (w_pre(w, 0) < 0)
		return -1;
	n = json_fmt_num(tmp, v);
	return w_post(w, buf_add(w->b, tmp, (size_t)n));
}

int
json_w_bool(struct json_w *w, int v)
{
	if (w_pre(w, 0) < 0)
		return -1;
	return w_post(w, buf_adds(w->b, v ? "true" : "false"));
}

int
json_w_null(struct json_w *w)
{
	if (w_pre(w, 0) < 0)
		return -1;
	return w_post(w, buf_adds(w->b, "null"));
}

int
json_w_raw(struct json_w *w, const char *text, size_t n)
{
	if (w_pre(w, 0) < 0)
		return -1;
	return w_post(w, buf_add(w->b, text, n));
}

/* Write a parsed value at nesting level (for indentation). */
static int
w_tree(struct json_w *w, const struct json *j, int level)
{
	struct buf *b = w->b;
	size_t i;
	int obj;

	switch (j->type) {
	case JSON_NULL:
		return buf_adds(b, "null");
	case JSON_BOOL:
		return buf_adds(b, j->b ? "true" : "false");
	case JSON_NUM:
		return buf_add(b, j->s, j->slen);
	case JSON_STR:
		return json_add_str(b, j->s, j->slen);
	}
	obj = j->type == JSON_OBJ;
	if (buf_addc(b, obj ? '{' : '[') < 0)
		return -1;
	for (i = 0; i < j->n; i++) {
		if (i > 0 && buf_addc(b, ',') < 0)
			return -1;
		if (w->indent && w_newline(w, level + 1) < 0)
			return -1;
		if (obj && (json_add_str(b, j->kids[i]->key,
		    j->kids[i]->keylen) < 0 ||
		    buf_add(b, ": ", w->indent ? 2 : 1) < 0))
			return -1;
		if (w_tree(w, j->kids[i], level + 1) < 0)
			return -1;
	}
	if (j->n && w->indent && w_newline(w, level) < 0)
		return -1;
	return buf_addc(b, obj ? '}' : ']');
}

int
json_w_json(struct json_w *w, const struct json *j)
{
	if (j == NULL)
		return json_w_null(w);
	if (w_pre(w, 0) < 0)
		return -1;
	return w_post(w, w_tree(w, j, w->depth));
}

int
json_w_finish(struct json_w *w)
{
	if (w->err == 0 && (w->depth != 0 || w->keyed))
		w->err = EINVAL;
	if (w->err) {
		errno = w->err;
		return -1;
	}
	return 0;
}

/* Parser. */

struct jp {
	const unsigned char *s;
	size_t len, pos;
	struct arena *a;
	struct json **stk;	/* children of the open containers */
	size_t nstk, capstk;
	const char *msg;	/* first error */
	size_t errpos;
};

static int
jp_fail(struct jp *p, size_t pos, const char *msg)
{
	if (p->msg == NULL) {
		p->msg = msg;
		p->errpos = pos;
	}
	return -1;
}

static int
jp_oom(struct jp *p)
{
	return jp_fail(p, p->pos, "out of memory");
}

static void
jp_ws(struct jp *p)
{
	while (p->pos < p->len) {
		unsigned char c = p->s[p->pos];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static int
jp_push(struct jp *p, struct json *j)
{
	struct json **n;
	size_t cap;

	if (p->nstk == p->capstk) {
		cap = p->capstk ? p->capstk * 2 : 64;
		if ((n = realloc(p->stk, cap * sizeof *n)) == NULL)
			return jp_oom(p);
		p->stk = n;
		p->capstk = cap;
	}
	p->stk[p->nstk++] = j;
	return 0;
}

static int
hex4(const unsigned char *s, uint32_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		unsigned c = s[i];

		if (c >= '0' && c <= '9')
			c -= '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			c = (c | 0x20) - 'a' + 10;
		else
			return -1;
		*v = *v << 4 | c;
	}
	return 0;
}

/* A string at p->pos (the opening quote): its decoded value into the
 * arena, *out and *outlen. */
static int
jp_string(struct jp *p, char **out, size_t *outlen)
{
	const unsigned char *s = p->s;
	size_t i = p->pos + 1, end, n = 0;
	uint32_t cp, lo;
	char *d;
	int k, esc = 0;

	/* First pass: find the end, check the bytes. */
	for (end = i; ; end++) {
		if (end >= p->len)
			return jp_fail(p, end, "unterminated string");
		if (s[end] == '"')
			break;
		if (s[end] < 0x20)
			return jp_fail(p, end, "control character in string");
		if (s[end] == '\\') {
			esc = 1;
			if (++end >= p->len)
				return jp_fail(p, end, "unterminated string");
		} else if (s[end] >= 0x80) {
			if ((k = utf8_decode(s + end, p->len - end, &cp)) < 0)
				return jp_fail(p, end, "invalid UTF-8");
			end += (size_t)k - 1;
		}
	}
	if ((d = arena_alloc(p->a, end - i + 1)) == NULL)
		return jp_oom(p);
	if (!esc) {
		memcpy(d, s + i, end - i);
		n = end - i;
	}
	while (esc && i < end) {
		if (s[i] != '\\') {
			d[n++] = (char)s[i++];
			continue;
		}
		switch (s[i + 1]) {
		case '"': case '\\': case '/':
			d[n++] = (char)s[i + 1];
			break;
		case 'b': d[n++] = '\b'; break;
		case 'f': d[n++] = '\f'; break;
		case 'n': d[n++] = '\n'; break;
		case 'r': d[n++] = '\r'; break;
		case 't': d[n++] = '\t'; break;
		case 'u':
			if (end - i < 6 || hex4(s + i + 2, &cp) < 0)
				return jp_fail(p, i, "bad \\u escape");
			if (cp >= 0xdc00 && cp <= 0xdfff)
				return jp_fail(p, i, "lone low surrogate");
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (end - i < 12 || s[i + 6] != '\\' ||
				    s[i + 7] != 'u' || hex4(s + i + 8, &lo) < 0 ||
				    lo < 0xdc00 || lo > 0xdfff)
					return jp_fail(p, i,
					    "lone high surrogate");
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				    (lo - 0xdc00);
				i += 6;
			}
			/* 6 escape bytes (12 for a pair) give at most 4 */
			n += (size_t)utf8_encode(cp, d + n);
			i += 4;
			break;
		default:
			return jp_fail(p, i, "bad escape");
		}
		i += 2;
	}
	d[n] = '\0';
	*out = d;
	*outlen = n;
	p->pos = end + 1;
	return 0;
}

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static int
jp_number(struct jp *p, struct json *j)
{
	const unsigned char *s = p->s;
	size_t i = p->pos, start = p->pos;
	int isint = 1, neg = 0;
	uint64_t v = 0, lim;
	char dp;

	if (s[i] == '-') {
		neg = 1;
		i++;
	}
	if (i >= p->len || !isdig(s[i]))
		return jp_fail(p, i, "bad number");
	if (s[i] == '0') {
		i++;
		if (i < p->len && isdig(s[i]))
			return jp_fail(p, i, "leading zero in number");
	} else {
		lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
		for (; i < p->len && isdig(s[i]); i++) {
			unsigned dg = s[i] - '0';

			if (isint && v > (lim - dg) / 10)
				isint = 0;
			v = v * 10 + dg;
		}
	}
	if (i < p->len && s[i] == '.') {
		isint = 0;
		if (++i >= p->len || !isdig(s[i]))
			return jp_fail(p, i, "expected digit after '.'");
		while (i < p->len && isdig(s[i]))
			i++;
	}
	if (i < p->len && (s[i] == 'e' || s[i] == 'E')) {
		isint = 0;
		i++;
		if (i < p->len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= p->len || !isdig(s[i]))
			return jp_fail(p, i, "expected digit in exponent");
		while (i < p->len && isdig(s[i]))
			i++;
	}
	j->type = JSON_NUM;
	if ((j->s = arena_strndup(p->a, (const char *)s + start,
	    i - start)) == NULL)
		return jp_oom(p);
	j->slen = i - start;
	j->isint = (unsigned char)isint;
	if (isint) {
		j->i = neg ? (int64_t)(0 - v) : (int64_t)v;
		j->d = (double)j->i;
	} else {
		dp = *localeconv()->decimal_point;
		if (dp != '.' && dp != '\0') {
			char tmp[64], *q;

			if (j->slen < sizeof tmp) {
				memcpy(tmp, j->s, j->slen + 1);
				if ((q = strchr(tmp, '.')) != NULL)
					*q = dp;
				j->d = strtod(tmp, NULL);
			} else
				j->d = strtod(j->s, NULL);
		} else
			j->d = strtod(j->s, NULL);
	}
	p->pos = i;
	return 0;
}

static int jp_value(struct jp *, struct json *, int);

static int
jp_container(struct jp *p, struct json *j, int depth)
{
	int obj = p->s[p->pos] == '{';
	unsigned char close = obj ? '}' : ']';
	size_t base = p->nstk, i;
	struct json *kid;
	char *key = NULL;
	size_t keylen = 0;

	if (depth >= JSON_MAXDEPTH)
		return jp_fail(p, p->pos, "nesting too deep");
	j->type = obj ? JSON_OBJ : JSON_ARR;
	p->pos++;
	jp_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		return 0;
	}
	for (;;) {
		if (obj) {
			if (p->pos >= p->len || p->s[p->pos] != '"')
				return jp_fail(p, p->pos, p->pos >= p->len ?
				    "unexpected end of input" :
				    "expected string key");
			if (jp_string(p, &key, &keylen) < 0)
				return -1;
			jp_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':')
				return jp_fail(p, p->pos,
				    "expected ':' after key");
			p->pos++;
			jp_ws(p);
		}
		if ((kid = arena_zalloc(p->a, sizeof *kid)) == NULL)
			return jp_oom(p);
		kid->key = key;
		kid->keylen = keylen;
		if (jp_value(p, kid, depth + 1) < 0 || jp_push(p, kid) < 0)
			return -1;
		jp_ws(p);
		if (p->pos >= p->len)
			return jp_fail(p, p->pos, "unexpected end of input");
		if (p->s[p->pos] == close) {
			p->pos++;
			break;
		}
		if (p->s[p->pos] != ',')
			return jp_fail(p, p->pos, obj ?
			    "expected ',' or '}'" : "expected ',' or ']'");
		p->pos++;
		jp_ws(p);
	}
	j->n = p->nstk - base;
	if ((j->kids = arena_alloc(p->a, j->n * sizeof *j->kids)) == NULL)
		return jp_oom(p);
	for (i = 0; i < j->n; i++)
		j->kids[i] = p->stk[base + i];
	p->nstk = base;
	return 0;
}

static int
jp_lit(struct jp *p, const char *word)
{
	size_t n = strlen(word);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return jp_fail(p, p->pos, "unexpected character");
	p->pos += n;
	return 0;
}

static int
jp_value(struct jp *p, struct json *j, int depth)
{
	if (p->pos >= p->len)
		return jp_fail(p, p->pos, "unexpected end of input");
	switch (p->s[p->pos]) {
	case '{':
	case '[':
		return jp_container(p, j, depth);
	case '"':
		j->type = JSON_STR;
		return jp_string(p, &j->s, &j->slen);
	case 't':
		j->type = JSON_BOOL;
		j->b = 1;
		return jp_lit(p, "true");
	case 'f':
		j->type = JSON_BOOL;
		return jp_lit(p, "false");
	case 'n':
		j->type = JSON_NULL;
		return jp_lit(p, "null");
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return jp_number(p, j);
	}
	return jp_fail(p, p->pos, "unexpected character");
}

struct json *
json_parse(const char *s, size_t len, struct json_err *err)
{
	struct jp p;
	struct arena *a;
	struct json *root = NULL;
	size_t i;
	int nomem = 0;

	memset(&p, 0, sizeof p);
	p.s = (const unsigned char *)s;
	p.len = len;
	if ((a = arena_new()) == NULL) {
		p.msg = "out of memory";
		nomem = 1;
		goto fail;
	}
	p.a = a;
	if ((root = arena_zalloc(a, sizeof *root)) == NULL) {
		jp_oom(&p);
		goto fail;
	}
	root->arena = a;
	jp_ws(&p);
	if (jp_value(&p, root, 0) < 0)
		goto fail;
	jp_ws(&p);
	if (p.pos < len) {
		jp_fail(&p, p.pos, "trailing characters after the value");
		goto fail;
	}
	free(p.stk);
	return root;
fail:
	nomem = nomem || (p.msg != NULL && strcmp(p.msg, "out of memory") == 0);
	if (p.msg == NULL)
		p.msg = "parse error";
	free(p.stk);
	arena_destroy(a);
	if (err != NULL) {
		err->off = p.errpos;
		err->msg = p.msg;
		err->line = 1;
		err->col = 1;
		for (i = 0; i < p.errpos && i < len; i++) {
			if (s[i] == '\n') {
				err->line++;
				err->col = 1;
			} else
				err->col++;
		}
	}
	errno = nomem ? ENOMEM : EINVAL;
	return NULL;
}

void
json_free(struct json *root)
{
	if (root != NULL)
		arena_destroy(root->arena);
}

/* Accessors. */

enum json_type
json_type(const struct json *j)
{
	return j == NULL ? JSON_NONE : (enum json_type)j->type;
}

const char *
json_type_name(enum json_type t)
{
	static const char *const names[] = {
		"missing", "null", "boolean", "number", "string", "array",
		"object"
	};

	return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

const struct json *
json_getn(const struct json *obj, const char *key, size_t n)
{
	size_t i;

	if (obj == NULL || obj->type != JSON_OBJ)
		return NULL;
	for (i = obj->n; i-- > 0; )
		if (obj->kids[i]->keylen == n &&
		    memcmp(obj->kids[i]->key, key, n) == 0)
			return obj->kids[i];
	return NULL;
}

const struct json *
json_get(const struct json *obj, const char *key)
{
	return json_getn(obj, key, strlen(key));
}

size_t
json_len(const struct json *j)
{
	if (j == NULL || (j->type != JSON_ARR && j->type != JSON_OBJ))
		return 0;
	return j->n;
}

const struct json *
json_index(const struct json *j, size_t i)
{
	if (j == NULL || (j->type != JSON_ARR && j->type != JSON_OBJ) ||
	    i >= j->n)
		return NULL;
	return j->kids[i];
}

const char *
json_key(const struct json *obj, size_t i, size_t *n)
{
	if (obj == NULL || obj->type != JSON_OBJ || i >= obj->n)
		return NULL;
	if (n != NULL)
		*n = obj->kids[i]->keylen;
	return obj->kids[i]->key;
}

const char *
json_str(const struct json *j, const char *def)
{
	return j != NULL && j->type == JSON_STR ? j->s : def;
}

size_t
json_strlen(const struct json *j)
{
	return j != NULL && j->type == JSON_STR ? j->slen : 0;
}

int64_t
json_int(const struct json *j, int64_t def)
{
	if (j == NULL || j->type != JSON_NUM)
		return def;
	if (j->isint)
		return j->i;
	if (j->d == floor(j->d) && fabs(j->d) <= 9007199254740992.0)
		return (int64_t)j->d;
	return def;
}

double
json_num(const struct json *j, double def)
{
	return j != NULL && j->type == JSON_NUM ? j->d : def;
}

int
json_bool(const struct json *j, int def)
{
	return j != NULL && j->type == JSON_BOOL ? j->b : def;
}

int
json_isint(const struct json *j)
{
	return j != NULL && j->type == JSON_NUM && j->isint;
}

const char *
json_text(const struct json *j)
{
	if (j == NULL || (j->type != JSON_NUM && j->type != JSON_STR))
		return NULL;
	return j->s;
}
