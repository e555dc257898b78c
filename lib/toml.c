/* toml.c: TOML 1.0 parser, accessors and layering (see toml.h); the
 * emitters are in toml_emit.c, the text edits in toml_edit.c. */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "esc.h"
#include "toml.h"
#include "toml_int.h"
#include "utf8.h"

/* The parser's state. */
struct tp {
	const char *s;
	size_t len, pos;
	struct arena *a;
	const char *file;
	const char *src;	/* the arena's copy of the text */
	size_t *lines;		/* offsets where lines start */
	size_t nlines;
	size_t hint;		/* the line of the last position asked for */
	size_t lastoff;		/* that position, and its column */
	int lastcol;
	char dp;		/* the locale's decimal point */
	struct toml *root;
	struct toml_err *err;
	int failed;
	struct kpart {
		char *s;
		size_t n, off;
	} *parts;		/* the parts of the key being read */
	size_t nparts, capparts;
	char *sb;		/* scratch for decoding strings */
	size_t sbcap;
};

/* Positions. */

static void
tp_where(struct tp *p, size_t off, int *line, int *col)
{
	size_t lo = 0, hi = p->nlines, mid, i, ls;
	int c = 1;

	/* last line start <= off (no index: one line); positions mostly
	 * come in order, so start from the last one */
	if (p->hint < p->nlines && p->lines[p->hint] <= off) {
		lo = p->hint;
		while (lo + 1 < p->nlines && p->lines[lo + 1] <= off &&
		    lo - p->hint < 8)
			lo++;
		if (lo + 1 < p->nlines && p->lines[lo + 1] <= off)
			hi = p->nlines;
		else
			hi = lo + 1;
	}
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (p->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	ls = p->nlines > 0 ? p->lines[lo] : 0;
	if (lo == p->hint && p->lastcol > 0 && p->lastoff >= ls &&
	    p->lastoff <= off) {
		ls = p->lastoff;	/* same line, further on */
		c = p->lastcol;
	}
	for (i = ls; i < off && i < p->len; i++)
		if (((unsigned char)p->s[i] & 0xc0) != 0x80)
			c++;
	p->hint = lo;
	p->lastoff = off;
	p->lastcol = c;
	*line = (int)lo + 1 > INT_MAX ? INT_MAX : (int)lo + 1;
	*col = c;
}

void
toml_err_set(struct toml_err *err, const char *file, int line, int col,
    size_t off, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	err->line = line;
	err->col = col;
	err->off = off;
	va_start(ap, fmt);
	vsnprintf(err->why, sizeof err->why, fmt, ap);
	va_end(ap);
	if (line > 0 && file != NULL)
		snprintf(err->msg, sizeof err->msg, "%s:%d:%d: %s", file,
		    line, col, err->why);
	else if (line > 0)
		snprintf(err->msg, sizeof err->msg, "%d:%d: %s", line, col,
		    err->why);
	else if (file != NULL)
		snprintf(err->msg, sizeof err->msg, "%s: %s", file, err->why);
	else
		snprintf(err->msg, sizeof err->msg, "%s", err->why);
}

static int __attribute__((format(printf, 3, 4)))
tp_fail(struct tp *p, size_t off, const char *fmt, ...)
{
	va_list ap;
	char why[200];
	int line, col;

	if (p->failed)
		return -1;
	p->failed = 1;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	tp_where(p, off, &line, &col);
	toml_err_set(p->err, p->file, line, col, off, "%s", why);
	return -1;
}

static int
tp_oom(struct tp *p)
{
	errno = ENOMEM;
	return tp_fail(p, p->pos, "out of memory");
}

/* Quote a key for a message (bounded, printable). */
static const char *
mkey(const char *k, size_t n, char *out, size_t size)
{
	size_t i, j = 0;

	for (i = 0; i < n && j + 4 < size; i++) {
		unsigned char c = (unsigned char)k[i];

		out[j++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (i < n && j + 4 <= size) {
		memcpy(out + j, "...", 3);
		j += 3;
	}
	out[j] = '\0';
	return out;
}

/* Nodes and tables. */

struct toml *
toml_node(struct arena *a, int type, int how)
{
	struct toml *t = arena_zalloc(a, sizeof *t);

	if (t != NULL) {
		t->type = (unsigned char)type;
		t->how = (unsigned char)how;
	}
	return t;
}

static uint32_t
khash(const char *k, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ (unsigned char)*k++) * 16777619u;
	return h;
}

static void
hput(struct toml **hash, size_t hcap, struct toml *kid)
{
	size_t i = khash(kid->key, kid->keylen) & (hcap - 1);

	while (hash[i] != NULL)
		i = (i + 1) & (hcap - 1);
	hash[i] = kid;
}

struct toml *
toml_find(const struct toml *t, const char *k, size_t n)
{
	size_t i;

	if (t == NULL || t->type != TOML_TABLE)
		return NULL;
	if (t->hash != NULL) {
		for (i = khash(k, n) & (t->hcap - 1); t->hash[i] != NULL;
		    i = (i + 1) & (t->hcap - 1))
			if (t->hash[i]->keylen == n &&
			    memcmp(t->hash[i]->key, k, n) == 0)
				return t->hash[i];
		return NULL;
	}
	for (i = 0; i < t->n; i++)
		if (t->kids[i]->keylen == n && memcmp(t->kids[i]->key, k, n) == 0)
			return t->kids[i];
	return NULL;
}

/* Append kid to table or array t. */
int
toml_append(struct arena *a, struct toml *t, struct toml *kid)
{
	struct toml **nk;
	size_t cap, i;

	if (t->n == t->cap) {
		cap = t->cap ? t->cap * 2 : 4;
		if ((nk = arena_alloc(a, cap * sizeof *nk)) == NULL)
			return -1;
		if (t->n)
			memcpy(nk, t->kids, t->n * sizeof *nk);
		t->kids = nk;
		t->cap = cap;
	}
	t->kids[t->n++] = kid;
	kid->parent = t;
	if (t->type != TOML_TABLE || t->n <= 8)
		return 0;
	if (t->hash == NULL || t->n * 2 > t->hcap) {
		cap = 32;
		while (cap < t->n * 4)
			cap *= 2;
		if ((nk = arena_zalloc(a, cap * sizeof *nk)) == NULL)
			return -1;
		for (i = 0; i < t->n; i++)
			hput(nk, cap, t->kids[i]);
		t->hash = nk;
		t->hcap = cap;
	} else
		hput(t->hash, t->hcap, kid);
	return 0;
}

/* Replace member old of table t by kid (same key). */
static int
toml_replace(struct arena *a, struct toml *t, struct toml *old,
    struct toml *kid)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->kids[i] == old)
			t->kids[i] = kid;
	kid->parent = t;
	if (t->hash != NULL) {
		for (i = 0; i < t->hcap; i++)
			if (t->hash[i] == old)
				t->hash[i] = kid;
	}
	(void)a;
	return 0;
}

/* Append kid (its depth set) to t, within the depth limit. */
static int
tp_add(struct tp *p, struct toml *t, struct toml *kid, size_t off)
{
	if (kid->depth > TOML_MAXDEPTH)
		return tp_fail(p, off, "nesting too deep");
	if (toml_append(p->a, t, kid) < 0)
		return tp_oom(p);
	return 0;
}

/* Position and file of a new node. */
static struct toml *
tp_node(struct tp *p, int type, int how, size_t off)
{
	struct toml *t = toml_node(p->a, type, how);

	if (t == NULL) {
		tp_oom(p);
		return NULL;
	}
	tp_where(p, off, &t->line, &t->col);
	t->file = p->file;
	t->src = p->src;
	return t;
}

/* A new table or array (type, how) under cur, named by key part k (or
 * unnamed, at off, for an element of an array of tables). */
static struct toml *
tp_child(struct tp *p, struct toml *cur, int type, int how,
    const struct kpart *k, size_t off)
{
	struct toml *t;

	if ((t = tp_node(p, type, how, k != NULL ? k->off : off)) == NULL)
		return NULL;
	if (k != NULL) {
		t->key = k->s;
		t->keylen = k->n;
	}
	t->depth = cur->depth + 1;
	if (tp_add(p, cur, t, k != NULL ? k->off : off) < 0)
		return NULL;
	return t;
}

/* Lexing. */

static int
at(const struct tp *p, size_t i)
{
	return i < p->len ? (unsigned char)p->s[i] : -1;
}

static void
skip_ws(struct tp *p)
{
	while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t'))
		p->pos++;
}

/* A comment from '#' to the end of the line (not included). */
static int
skip_comment(struct tp *p)
{
	unsigned char c;

	if (at(p, p->pos) != '#')
		return 0;
	for (p->pos++; p->pos < p->len; p->pos++) {
		c = (unsigned char)p->s[p->pos];
		if (c == '\n' || (c == '\r' && at(p, p->pos + 1) == '\n'))
			break;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return tp_fail(p, p->pos,
			    "control character U+%04X in comment", c);
	}
	return 0;
}

/* A newline (LF or CRLF) at pos: consume it and return 1; else 0. */
static int
newline(struct tp *p)
{
	if (at(p, p->pos) == '\n') {
		p->pos++;
		return 1;
	}
	if (at(p, p->pos) == '\r' && at(p, p->pos + 1) == '\n') {
		p->pos += 2;
		return 1;
	}
	return 0;
}

/* The end of a line after a statement: whitespace, a comment, then a
 * newline or the end of the text. */
static int
end_of_line(struct tp *p, const char *what)
{
	int c;

	skip_ws(p);
	if (skip_comment(p) < 0)
		return -1;
	if (p->pos >= p->len || newline(p))
		return 0;
	c = at(p, p->pos);
	if (c == '\r')
		return tp_fail(p, p->pos, "bare carriage return");
	return tp_fail(p, p->pos, "expected a newline after %s, found '%c'",
	    what, c >= 0x20 && c < 0x7f ? c : '?');
}

/* Whitespace, newlines and comments (inside arrays). */
static int
skip_wsnl(struct tp *p)
{
	for (;;) {
		skip_ws(p);
		if (skip_comment(p) < 0)
			return -1;
		if (!newline(p))
			return 0;
	}
}

static int
isbare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

/* Strings. */

/* A string of any kind at pos; its decoded value (NUL-terminated) in the
 * arena. keyonly refuses multi-line strings. */
static int
tp_string(struct tp *p, char **out, size_t *outlen, int keyonly)
{
	const char *s = p->s;
	int q = at(p, p->pos), ml = 0, k, c, i, nd;
	size_t start = p->pos, n = 0, run, save;
	uint32_t cp;
	char *d;

	if (p->len - p->pos >= 3 && s[p->pos + 1] == q && s[p->pos + 2] == q) {
		if (keyonly)
			return tp_fail(p, p->pos,
			    "a multi-line string cannot be a key");
		ml = 1;
		p->pos += 3;
		newline(p);	/* a newline right after """ is trimmed */
	} else
		p->pos++;
	d = p->sb;
	for (;;) {
		/* one step writes at most 8 bytes */
		if (n + 8 > p->sbcap) {
			size_t cap = p->sbcap ? p->sbcap * 2 : 256;

			if ((d = realloc(p->sb, cap)) == NULL)
				return tp_oom(p);
			p->sb = d;
			p->sbcap = cap;
		}
		if (p->pos >= p->len)
			return tp_fail(p, start, "unterminated string");
		c = (unsigned char)s[p->pos];
		if (c == q) {
			if (!ml) {
				p->pos++;
				break;
			}
			for (run = 0; at(p, p->pos + run) == q; run++)
				;
			if (run < 3) {
				memcpy(d + n, s + p->pos, run);
				n += run;
				p->pos += run;
				continue;
			}
			if (run > 5)
				return tp_fail(p, p->pos + 5,
				    "too many quotes at the end of a string");
			memcpy(d + n, s + p->pos, run - 3);
			n += run - 3;
			p->pos += run;
			break;
		}
		if (c == '\n' || c == '\r') {
			if (!ml)
				return tp_fail(p, p->pos,
				    "newline in a single-line string");
			save = p->pos;
			if (!newline(p))
				return tp_fail(p, p->pos,
				    "bare carriage return in string");
			memcpy(d + n, s + save, p->pos - save);
			n += p->pos - save;
			continue;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return tp_fail(p, p->pos,
			    "control character U+%04X in string", c);
		if (c != '\\' || q == '\'') {
			d[n++] = (char)c;
			p->pos++;
			continue;
		}
		/* an escape in a basic string */
		c = at(p, p->pos + 1);
		switch (c) {
		case 'b': d[n++] = '\b'; p->pos += 2; continue;
		case 't': d[n++] = '\t'; p->pos += 2; continue;
		case 'n': d[n++] = '\n'; p->pos += 2; continue;
		case 'f': d[n++] = '\f'; p->pos += 2; continue;
		case 'r': d[n++] = '\r'; p->pos += 2; continue;
		case '"': d[n++] = '"'; p->pos += 2; continue;
		case '\\': d[n++] = '\\'; p->pos += 2; continue;
		case 'u':
		case 'U':
			nd = c == 'u' ? 4 : 8;
			cp = 0;
			for (i = 0; i < nd; i++) {
				int h = esc_hexval(at(p, p->pos + 2 + (size_t)i));

				if (h < 0)
					return tp_fail(p, p->pos,
					    "\\%c needs %d hex digits", c, nd);
				cp = cp << 4 | (uint32_t)h;
			}
			if ((k = utf8_encode(cp, d + n)) == 0)
				return tp_fail(p, p->pos,
				    "\\%c%0*X is not a Unicode scalar value",
				    c, nd, cp);
			n += (size_t)k;
			p->pos += 2 + (size_t)nd;
			continue;
		}
		if (ml) {
			/* line-ending backslash: whitespace, newline, then
			 * every whitespace and newline are trimmed */
			save = p->pos++;
			skip_ws(p);
			if (newline(p)) {
				for (;;) {
					skip_ws(p);
					if (!newline(p))
						break;
				}
				continue;
			}
			p->pos = save;
		}
		return tp_fail(p, p->pos, "invalid escape '\\%c'",
		    c >= 0x20 && c < 0x7f ? c : '?');
	}
	if ((*out = arena_strndup(p->a, d, n)) == NULL)
		return tp_oom(p);
	*outlen = n;
	return 0;
}

/* Keys. */

static int
kpush(struct tp *p, char *s, size_t n, size_t off)
{
	struct kpart *np;
	size_t cap;

	if (p->nparts == p->capparts) {
		cap = p->capparts ? p->capparts * 2 : 8;
		if ((np = realloc(p->parts, cap * sizeof *np)) == NULL)
			return tp_oom(p);
		p->parts = np;
		p->capparts = cap;
	}
	p->parts[p->nparts].s = s;
	p->parts[p->nparts].n = n;
	p->parts[p->nparts].off = off;
	p->nparts++;
	return 0;
}

/* A dotted key at pos into p->parts; leaves pos after trailing spaces. */
static int
tp_key(struct tp *p)
{
	size_t start, n;
	char *s;
	int c;

	p->nparts = 0;
	for (;;) {
		skip_ws(p);
		start = p->pos;
		c = at(p, p->pos);
		if (c == '"' || c == '\'') {
			if (tp_string(p, &s, &n, 1) < 0)
				return -1;
		} else if (isbare(c)) {
			while (isbare(at(p, p->pos)))
				p->pos++;
			n = p->pos - start;
			if ((s = arena_strndup(p->a, p->s + start, n)) == NULL)
				return tp_oom(p);
		} else if (c < 0)
			return tp_fail(p, p->pos, "expected a key, found the end");
		else if (c == '\n' || c == '\r')
			return tp_fail(p, p->pos, "expected a key, found a newline");
		else
			return tp_fail(p, p->pos, "expected a key, found '%c'",
			    c >= 0x20 && c < 0x7f ? c : '?');
		if (p->nparts >= TOML_MAXDEPTH)
			return tp_fail(p, start, "key has too many parts");
		if (kpush(p, s, n, start) < 0)
			return -1;
		skip_ws(p);
		if (at(p, p->pos) != '.')
			return 0;
		p->pos++;
	}
}

/* Values. */

static int tp_value(struct tp *, struct toml **, int);

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* n digits at s as a number, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (!isdig((unsigned char)*s))
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

/* A date, time or date-time in tok[0..n); fills t (type, dt, text). */
static int
tp_datetime(struct tp *p, struct toml *t, const char *tok, size_t n,
    size_t off)
{
	struct toml_datetime *dt = &t->dt;
	size_t i = 0, fs;
	int hasdate = 0, hastime = 0, hasoff = 0, needtime = 0, v;
	char buf[64];
	size_t bl = 0;

	if (n >= 10 && tok[4] == '-') {
		if ((dt->year = digits(tok, 4)) < 0 || tok[4] != '-' ||
		    (dt->month = digits(tok + 5, 2)) < 0 || tok[7] != '-' ||
		    (dt->day = digits(tok + 8, 2)) < 0)
			return tp_fail(p, off, "bad date");
		if (dt->month < 1 || dt->month > 12)
			return tp_fail(p, off, "month out of range");
		if (dt->day < 1 || dt->day > days_in_month(dt->year, dt->month))
			return tp_fail(p, off, "day out of range");
		hasdate = 1;
		i = 10;
		memcpy(buf, tok, 10);
		bl = 10;
		if (i < n) {
			if (tok[i] != 'T' && tok[i] != 't' && tok[i] != ' ')
				return tp_fail(p, off + i, "bad date-time");
			i++;
			buf[bl++] = 'T';
			needtime = 1;
		}
	}
	if (needtime || !hasdate) {
		if (n - i < 8 || (dt->hour = digits(tok + i, 2)) < 0 ||
		    tok[i + 2] != ':' ||
		    (dt->minute = digits(tok + i + 3, 2)) < 0 ||
		    tok[i + 5] != ':' ||
		    (dt->second = digits(tok + i + 6, 2)) < 0)
			return tp_fail(p, off + i, "bad time");
		if (dt->hour > 23 || dt->minute > 59 || dt->second > 60)
			return tp_fail(p, off + i, "time out of range");
		memcpy(buf + bl, tok + i, 8);
		bl += 8;
		i += 8;
		hastime = 1;
		if (i < n && tok[i] == '.') {
			fs = ++i;
			dt->nsec = 0;
			while (i < n && isdig((unsigned char)tok[i])) {
				if (i - fs < 9)
					dt->nsec = dt->nsec * 10 + (tok[i] - '0');
				i++;
			}
			if (i == fs)
				return tp_fail(p, off + i,
				    "expected digits after '.' in time");
			for (v = (int)(i - fs); v < 9; v++)
				dt->nsec *= 10;
			/* keep at most 30 digits of the fraction */
			buf[bl++] = '.';
			memcpy(buf + bl, tok + fs, i - fs > 30 ? 30 : i - fs);
			bl += i - fs > 30 ? 30 : i - fs;
		}
		if (hasdate && i < n) {
			if (tok[i] == 'Z' || tok[i] == 'z') {
				i++;
				buf[bl++] = 'Z';
			} else if (tok[i] == '+' || tok[i] == '-') {
				int oh, om;

				if (n - i < 6 || (oh = digits(tok + i + 1, 2)) < 0 ||
				    tok[i + 3] != ':' ||
				    (om = digits(tok + i + 4, 2)) < 0)
					return tp_fail(p, off + i, "bad offset");
				if (oh > 23 || om > 59)
					return tp_fail(p, off + i,
					    "offset out of range");
				dt->offset = (oh * 60 + om) *
				    (tok[i] == '-' ? -1 : 1);
				memcpy(buf + bl, tok + i, 6);
				bl += 6;
				i += 6;
			} else
				return tp_fail(p, off + i, "bad offset");
			hasoff = 1;
		}
	}
	if (i != n)
		return tp_fail(p, off + i, "unexpected characters in %s",
		    hastime ? "time" : "date");
	if (hasdate && hastime)
		t->type = hasoff ? TOML_DATETIME : TOML_DATETIME_LOCAL;
	else
		t->type = hasdate ? TOML_DATE_LOCAL : TOML_TIME_LOCAL;
	if ((t->text = arena_strndup(p->a, buf, bl)) == NULL)
		return tp_oom(p);
	t->textlen = bl;
	return 0;
}

/* Digits with single underscores between them, from tok[*i]; copies the
 * digits to out. Returns the count of digits, or -1 on a misplaced '_'. */
static int
udigits(const char *tok, size_t n, size_t *i, char *out, size_t *ol,
    int radix)
{
	int cnt = 0, prev_us = 0;

	while (*i < n) {
		int c = (unsigned char)tok[*i], h = esc_hexval(c);

		if (c == '_') {
			if (cnt == 0 || prev_us)
				return -1;
			prev_us = 1;
		} else if (h >= 0 && h < radix) {
			out[(*ol)++] = (char)c;
			cnt++;
			prev_us = 0;
		} else
			break;
		(*i)++;
	}
	if (prev_us)
		return -1;
	return cnt;
}

/* An integer or a float in tok[0..n). */
static int
tp_number(struct tp *p, struct toml *t, const char *tok, size_t n,
    size_t off)
{
	size_t i = 0, ol = 0, istart;
	char *clean;
	int radix = 10, neg = 0, d, isfloat = 0;
	uint64_t v = 0, lim;
	char dp;

	if ((clean = arena_alloc(p->a, n + 1)) == NULL)
		return tp_oom(p);
	if (n > 2 && tok[0] == '0' && (tok[1] == 'x' || tok[1] == 'o' ||
	    tok[1] == 'b')) {
		radix = tok[1] == 'x' ? 16 : tok[1] == 'o' ? 8 : 2;
		i = 2;
		if (udigits(tok, n, &i, clean, &ol, radix) <= 0 || i != n)
			return tp_fail(p, off, "bad %s integer",
			    radix == 16 ? "hexadecimal" :
			    radix == 8 ? "octal" : "binary");
	} else {
		if (tok[0] == '+' || tok[0] == '-') {
			neg = tok[0] == '-';
			clean[ol++] = tok[i++];
		}
		istart = i;
		if ((d = udigits(tok, n, &i, clean, &ol, 10)) <= 0)
			return tp_fail(p, off, "bad number");
		if (tok[istart] == '0' && d > 1)
			return tp_fail(p, off, "leading zero in number");
		if (i < n && tok[i] == '.') {
			isfloat = 1;
			clean[ol++] = tok[i++];
			if (udigits(tok, n, &i, clean, &ol, 10) <= 0)
				return tp_fail(p, off,
				    "expected digits after '.'");
		}
		if (i < n && (tok[i] == 'e' || tok[i] == 'E')) {
			isfloat = 1;
			clean[ol++] = tok[i++];
			if (i < n && (tok[i] == '+' || tok[i] == '-'))
				clean[ol++] = tok[i++];
			if (udigits(tok, n, &i, clean, &ol, 10) <= 0)
				return tp_fail(p, off,
				    "expected digits in exponent");
		}
		if (i != n)
			return tp_fail(p, off + i, "bad number");
	}
	clean[ol] = '\0';
	t->text = clean;
	t->textlen = ol;
	if (isfloat) {
		t->type = TOML_FLOAT;
		dp = p->dp;
		if (dp != '.' && dp != '\0') {
			char *q = strchr(clean, '.');

			if (q != NULL)
				*q = dp;
			t->f = strtod(clean, NULL);
			if (q != NULL)
				*q = '.';
		} else
			t->f = strtod(clean, NULL);
		if (isinf(t->f))
			return tp_fail(p, off, "float out of range");
		return 0;
	}
	t->type = TOML_INTEGER;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	if (radix != 10)
		lim = UINT64_MAX;	/* no sign; checked below */
	for (i = radix == 10 ? (size_t)(tok[0] == '+' || tok[0] == '-') : 0;
	    i < ol; i++) {
		unsigned h = (unsigned)esc_hexval((unsigned char)clean[i]);

		if (v > (lim - h) / (unsigned)radix)
			return tp_fail(p, off, "integer out of range");
		v = v * (unsigned)radix + h;
	}
	if (radix != 10 && v > (uint64_t)INT64_MAX)
		return tp_fail(p, off, "integer out of range");
	t->i = neg ? (int64_t)(0 - v) : (int64_t)v;
	if (radix != 10 || tok[0] == '+' || ol != n) {
		/* canonical decimal text */
		char tmp[32];
		int k = snprintf(tmp, sizeof tmp, "%lld", (long long)t->i);

		if ((t->text = arena_strndup(p->a, tmp, (size_t)k)) == NULL)
			return tp_oom(p);
		t->textlen = (size_t)k;
	}
	return 0;
}

static int
isnumchar(int c)
{
	return isbare(c) || c == '+' || c == '.' || c == ':';
}

/* A bare value (boolean, number, date-time) at pos. */
static int
tp_bare(struct tp *p, struct toml *t)
{
	size_t start = p->pos, n;
	const char *tok = p->s + start;

	while (isnumchar(at(p, p->pos)))
		p->pos++;
	n = p->pos - start;
	/* "1979-05-27 07:32:00": a date, a space, a time */
	if (n == 10 && tok[4] == '-' && at(p, p->pos) == ' ' &&
	    isdig(at(p, p->pos + 1)) && isdig(at(p, p->pos + 2)) &&
	    at(p, p->pos + 3) == ':') {
		p->pos++;
		while (isnumchar(at(p, p->pos)))
			p->pos++;
		n = p->pos - start;
	}
	if (n == 0) {
		int c = at(p, p->pos);

		if (c < 0)
			return tp_fail(p, p->pos, "expected a value, found the end");
		if (c == '\n' || c == '\r')
			return tp_fail(p, p->pos,
			    "expected a value, found a newline");
		return tp_fail(p, p->pos, "expected a value, found '%c'",
		    c >= 0x20 && c < 0x7f ? c : '?');
	}
	if ((n == 4 && memcmp(tok, "true", 4) == 0) ||
	    (n == 5 && memcmp(tok, "false", 5) == 0)) {
		t->type = TOML_BOOL;
		t->b = n == 4;
		t->text = t->b ? "true" : "false";
		t->textlen = n;
		return 0;
	}
	if ((n == 3 || (n == 4 && (tok[0] == '+' || tok[0] == '-'))) &&
	    (memcmp(tok + n - 3, "inf", 3) == 0 ||
	    memcmp(tok + n - 3, "nan", 3) == 0)) {
		t->type = TOML_FLOAT;
		if (tok[n - 1] == 'f')
			t->f = tok[0] == '-' ? -INFINITY : INFINITY;
		else
			t->f = tok[0] == '-' ? -NAN : NAN;
		if ((t->text = arena_strndup(p->a, tok, n)) == NULL)
			return tp_oom(p);
		t->textlen = n;
		return 0;
	}
	if ((n >= 10 && isdig((unsigned char)tok[0]) && tok[4] == '-') ||
	    (n >= 3 && isdig((unsigned char)tok[0]) && tok[2] == ':'))
		return tp_datetime(p, t, tok, n, start);
	if (isdig((unsigned char)tok[0]) || tok[0] == '+' || tok[0] == '-')
		return tp_number(p, t, tok, n, start);
	return tp_fail(p, start, "unknown value '%.*s' (strings need quotes)",
	    (int)(n > 40 ? 40 : n), tok);
}

static int
tp_array(struct tp *p, struct toml *t, int depth)
{
	struct toml *kid;

	p->pos++;	/* [ */
	for (;;) {
		if (skip_wsnl(p) < 0)
			return -1;
		if (at(p, p->pos) == ']') {
			p->pos++;
			return 0;
		}
		if (tp_value(p, &kid, depth + 1) < 0)
			return -1;
		if (tp_add(p, t, kid, kid->raw_off) < 0)
			return -1;
		if (skip_wsnl(p) < 0)
			return -1;
		if (at(p, p->pos) == ',') {
			p->pos++;
			continue;
		}
		if (at(p, p->pos) == ']') {
			p->pos++;
			return 0;
		}
		if (p->pos >= p->len)
			return tp_fail(p, p->pos, "unterminated array");
		return tp_fail(p, p->pos, "expected ',' or ']' in array");
	}
}

static int tp_keyval(struct tp *, struct toml *, struct toml *,
    struct toml **);

static int
tp_inline(struct tp *p, struct toml *t)
{
	struct toml *kv;

	p->pos++;	/* { */
	skip_ws(p);
	if (at(p, p->pos) == '}') {
		p->pos++;
		return 0;
	}
	for (;;) {
		skip_ws(p);
		if (tp_keyval(p, t, t, &kv) < 0)
			return -1;
		skip_ws(p);
		if (at(p, p->pos) == ',') {
			p->pos++;
			skip_ws(p);
			if (at(p, p->pos) == '\n' || at(p, p->pos) == '\r')
				return tp_fail(p, p->pos,
				    "newline in an inline table");
			continue;
		}
		if (at(p, p->pos) == '}') {
			p->pos++;
			return 0;
		}
		if (at(p, p->pos) == '\n' || at(p, p->pos) == '\r')
			return tp_fail(p, p->pos,
			    "newline in an inline table");
		if (p->pos >= p->len)
			return tp_fail(p, p->pos, "unterminated inline table");
		return tp_fail(p, p->pos, "expected ',' or '}' in inline table");
	}
}

/* A value at pos into a new node. */
static int
tp_value(struct tp *p, struct toml **out, int depth)
{
	struct toml *t;
	size_t start = p->pos;
	int c = at(p, p->pos), r;

	if (depth > TOML_MAXDEPTH)
		return tp_fail(p, p->pos, "nesting too deep");
	if ((t = tp_node(p, TOML_NONE, HOW_VALUE, start)) == NULL)
		return -1;
	t->depth = depth;
	if (c == '"' || c == '\'') {
		char *str;

		t->type = TOML_STRING;
		r = tp_string(p, &str, &t->textlen, 0);
		t->text = str;
	} else if (c == '[') {
		t->type = TOML_ARRAY;
		r = tp_array(p, t, depth);
	} else if (c == '{') {
		t->type = TOML_TABLE;
		t->how = HOW_INLINE;
		t->sect = t;
		r = tp_inline(p, t);
	} else
		r = tp_bare(p, t);
	if (r < 0)
		return -1;
	t->raw_off = start;
	t->raw_len = p->pos - start;
	t->has_raw = 1;
	*out = t;
	return 0;
}

/* Follow the parts of a dotted key (all but the last) from table cur,
 * creating tables as needed; *out gets the table the last part goes in. */
static int
tp_dotted(struct tp *p, struct toml *cur, struct toml *sect,
    struct toml **out)
{
	struct toml *t;
	size_t i;
	char kb[64];

	for (i = 0; i + 1 < p->nparts; i++) {
		struct kpart *k = &p->parts[i];

		t = toml_find(cur, k->s, k->n);
		if (t == NULL) {
			if ((t = tp_child(p, cur, TOML_TABLE, HOW_DOTTED, k,
			    0)) == NULL)
				return -1;
			t->sect = sect;
		} else if (t->type != TOML_TABLE)
			return tp_fail(p, k->off, "key '%s' is already a%s %s",
			    mkey(k->s, k->n, kb, sizeof kb),
			    t->type == TOML_ARRAY || t->type == TOML_INTEGER ?
			    "n" : "", toml_type_name(t->type));
		else if (t->how == HOW_INLINE)
			return tp_fail(p, k->off,
			    "cannot add keys to inline table '%s'",
			    mkey(k->s, k->n, kb, sizeof kb));
		else if (t->how != HOW_DOTTED)
			return tp_fail(p, k->off,
			    "cannot add keys to table '%s' with dotted keys "
			    "after it was defined by a [header]",
			    mkey(k->s, k->n, kb, sizeof kb));
		cur = t;
	}
	*out = cur;
	return 0;
}

/* key = value, in table cur (sect: the section or inline table). */
static int
tp_keyval(struct tp *p, struct toml *cur, struct toml *sect,
    struct toml **out)
{
	struct toml *t = NULL, *v;
	struct kpart last;
	size_t kvoff = p->pos;
	char kb[64];

	if (tp_key(p) < 0)
		return -1;
	last = p->parts[p->nparts - 1];
	if (at(p, p->pos) != '=')
		return tp_fail(p, p->pos, "expected '=' after key");
	p->pos++;
	if (tp_dotted(p, cur, sect, &t) < 0)
		return -1;
	if (toml_find(t, last.s, last.n) != NULL)
		return tp_fail(p, last.off, "duplicate key '%s'",
		    mkey(last.s, last.n, kb, sizeof kb));
	skip_ws(p);
	if (tp_value(p, &v, t->depth + 1) < 0)
		return -1;
	v->key = last.s;
	v->keylen = last.n;
	v->kv_off = kvoff;
	v->sect = sect;
	if (tp_add(p, t, v, v->raw_off) < 0)
		return -1;
	*out = v;
	return 0;
}

/* [a.b] or [[a.b]] at pos; *out gets the table that follows. */
static int
tp_header(struct tp *p, struct toml **out)
{
	struct toml *cur = p->root, *t, *arr;
	size_t hoff = p->pos, i;
	int aot = at(p, p->pos + 1) == '[';
	char kb[64];

	p->pos += aot ? 2 : 1;
	if (tp_key(p) < 0)
		return -1;
	if (at(p, p->pos) != ']' || (aot && at(p, p->pos + 1) != ']'))
		return tp_fail(p, p->pos, "expected '%s' after table name",
		    aot ? "]]" : "]");
	p->pos += aot ? 2 : 1;
	for (i = 0; i + 1 < p->nparts; i++) {
		struct kpart *k = &p->parts[i];

		t = toml_find(cur, k->s, k->n);
		if (t == NULL) {
			if ((t = tp_child(p, cur, TOML_TABLE, HOW_IMPLICIT, k,
			    0)) == NULL)
				return -1;
		} else if (t->type == TOML_ARRAY && t->how == HOW_AOT)
			t = t->kids[t->n - 1];
		else if (t->type != TOML_TABLE)
			return tp_fail(p, k->off, "key '%s' is %s, not a table",
			    mkey(k->s, k->n, kb, sizeof kb),
			    t->type == TOML_ARRAY ? "an array" : "a value");
		else if (t->how == HOW_INLINE)
			return tp_fail(p, k->off,
			    "cannot add to inline table '%s'",
			    mkey(k->s, k->n, kb, sizeof kb));
		cur = t;
	}
	{
		struct kpart *k = &p->parts[p->nparts - 1];

		t = toml_find(cur, k->s, k->n);
		if (t != NULL)
			mkey(k->s, k->n, kb, sizeof kb);
		if (aot) {
			if (t == NULL) {
				if ((arr = tp_child(p, cur, TOML_ARRAY, HOW_AOT,
				    k, 0)) == NULL)
					return -1;
				tp_where(p, hoff, &arr->line, &arr->col);
			} else if (t->type == TOML_ARRAY && t->how == HOW_AOT)
				arr = t;
			else
				return tp_fail(p, k->off,
				    "key '%s' is already a%s %s, not an array "
				    "of tables", kb, t->type == TOML_ARRAY ||
				    t->type == TOML_INTEGER ? "n" : "",
				    toml_type_name(t->type));
			if ((t = tp_child(p, arr, TOML_TABLE, HOW_AOTELEM, NULL,
			    hoff)) == NULL)
				return -1;
		} else if (t == NULL) {
			if ((t = tp_child(p, cur, TOML_TABLE, HOW_HEADER, k,
			    0)) == NULL)
				return -1;
			tp_where(p, hoff, &t->line, &t->col);
		} else if (t->type == TOML_TABLE && t->how == HOW_IMPLICIT) {
			t->how = HOW_HEADER;
			tp_where(p, hoff, &t->line, &t->col);
		} else if (t->type == TOML_TABLE && t->how == HOW_DOTTED)
			return tp_fail(p, k->off, "table '%s' was already "
			    "defined by dotted keys", kb);
		else if (t->type == TOML_TABLE)
			return tp_fail(p, k->off, "table '%s' defined twice", kb);
		else
			return tp_fail(p, k->off, "key '%s' is already a%s %s",
			    kb, t->type == TOML_ARRAY ||
			    t->type == TOML_INTEGER ? "n" : "",
			    toml_type_name(t->type));
	}
	t->hdr_off = hoff;
	t->sect = t;
	*out = t;
	return 0;
}

static int
tp_document(struct tp *p)
{
	struct toml *cur = p->root, *kv;
	int c;

	p->root->sect = p->root;
	p->root->hdr_off = p->len;	/* where the first header is */
	if (p->len >= 3 && memcmp(p->s, "\xef\xbb\xbf", 3) == 0)
		p->pos = 3;
	for (;;) {
		skip_ws(p);
		if (p->pos >= p->len)
			return 0;
		c = at(p, p->pos);
		if (c == '#') {
			if (end_of_line(p, "comment") < 0)
				return -1;
		} else if (c == '\n' || c == '\r') {
			if (!newline(p))
				return tp_fail(p, p->pos, "bare carriage return");
		} else if (c == '[') {
			if (p->root->hdr_off == p->len)
				p->root->hdr_off = p->pos;
			if (tp_header(p, &cur) < 0 ||
			    end_of_line(p, "table header") < 0)
				return -1;
			cur->hdr_end = cur->sect_end = p->pos;
		} else {
			if (tp_keyval(p, cur, cur, &kv) < 0 ||
			    end_of_line(p, "value") < 0)
				return -1;
			kv->kv_end = cur->sect_end = p->pos;
			cur->last_kv = kv->kv_off + 1;
		}
	}
}

struct toml *
toml_new(void)
{
	struct arena *a;
	struct toml *root;

	if ((a = arena_new()) == NULL)
		return NULL;
	if ((root = toml_node(a, TOML_TABLE, HOW_ROOT)) == NULL) {
		arena_destroy(a);
		return NULL;
	}
	root->arena = a;
	root->line = 1;
	root->col = 1;
	return root;
}

struct toml *
toml_parse(const char *text, size_t len, const char *filename,
    struct toml_err *err)
{
	struct tp p;
	struct toml *root;
	size_t i, ok, cap = 64;
	char *src;

	memset(&p, 0, sizeof p);
	p.s = text;
	p.len = len;
	p.err = err;
	p.dp = *localeconv()->decimal_point;
	if (err != NULL)
		memset(err, 0, sizeof *err);
	if ((root = toml_new()) == NULL) {
		toml_err_set(err, filename, 0, 0, 0, "out of memory");
		return NULL;
	}
	p.a = root->arena;
	p.root = root;
	if (filename != NULL &&
	    (p.file = arena_strndup(p.a, filename, strlen(filename))) == NULL)
		goto oom;
	root->file = p.file;
	if ((src = arena_strndup(p.a, text, len)) == NULL)
		goto oom;
	root->src = p.src = src;
	if ((p.lines = malloc(cap * sizeof *p.lines)) == NULL)
		goto oom;
	p.lines[p.nlines++] = 0;
	for (i = 0; i < len; i++) {
		const char *nl = memchr(text + i, '\n', len - i);

		if (nl == NULL)
			break;
		i = (size_t)(nl - text);
		if (p.nlines == cap) {
			size_t *nls = realloc(p.lines, cap * 2 * sizeof *nls);

			if (nls == NULL)
				goto oom;
			p.lines = nls;
			cap *= 2;
		}
		p.lines[p.nlines++] = i + 1;
	}
	if ((ok = utf8_valid(text, len)) != len) {
		tp_fail(&p, ok, "invalid UTF-8");
		goto fail;
	}
	if (tp_document(&p) < 0)
		goto fail;
	free(p.lines);
	free(p.parts);
	free(p.sb);
	return root;
oom:
	toml_err_set(err, filename, 0, 0, 0, "out of memory");
	errno = ENOMEM;
	free(p.lines);
	free(p.parts);
	free(p.sb);
	toml_free(root);
	return NULL;
fail:
	free(p.lines);
	free(p.parts);
	free(p.sb);
	toml_free(root);
	errno = err != NULL && strcmp(err->why, "out of memory") == 0 ?
	    ENOMEM : EINVAL;
	return NULL;
}

void
toml_free(struct toml *root)
{
	if (root != NULL)
		arena_destroy(root->arena);
}

/* Accessors. */

enum toml_type
toml_type(const struct toml *t)
{
	return t == NULL ? TOML_NONE : (enum toml_type)t->type;
}

const char *
toml_type_name(enum toml_type type)
{
	static const char *const names[] = {
		"missing", "table", "array", "string", "integer", "float",
		"bool", "datetime", "datetime-local", "date-local",
		"time-local"
	};

	return (unsigned)type < sizeof names / sizeof names[0] ?
	    names[type] : "?";
}

int
toml_line(const struct toml *t)
{
	return t == NULL ? 0 : t->line;
}

int
toml_col(const struct toml *t)
{
	return t == NULL ? 0 : t->col;
}

const char *
toml_file(const struct toml *t)
{
	return t == NULL ? NULL : t->file;
}

const struct toml *
toml_getn(const struct toml *table, const char *key, size_t n)
{
	return toml_find(table, key, n);
}

const struct toml *
toml_get(const struct toml *table, const char *key)
{
	return toml_find(table, key, strlen(key));
}

/* Parse a dotted key standing alone (the whole of s). Returns the number
 * of parts in p->parts, or -1. */
static int
key_alone(struct tp *p, struct arena *a, const char *s, size_t n)
{
	memset(p, 0, sizeof *p);
	p->s = s;
	p->len = n;
	p->a = a;
	if (tp_key(p) < 0)
		return -1;
	if (p->pos != n) {
		tp_fail(p, p->pos, "unexpected characters after the key");
		return -1;
	}
	return (int)p->nparts;
}

int
toml_split_key(const char *dotted, struct arena *a, struct toml_key **parts,
    size_t *nparts, struct toml_err *err)
{
	struct tp p;
	size_t i;

	if (key_alone(&p, a, dotted, strlen(dotted)) < 0) {
		free(p.parts);
		free(p.sb);
		toml_err_set(err, NULL, 0, 0, 0, "bad key '%s'", dotted);
		return -1;
	}
	*parts = arena_alloc(a, p.nparts * sizeof **parts);
	if (*parts == NULL) {
		free(p.parts);
		free(p.sb);
		toml_err_set(err, NULL, 0, 0, 0, "out of memory");
		return -1;
	}
	for (i = 0; i < p.nparts; i++) {
		(*parts)[i].s = p.parts[i].s;
		(*parts)[i].n = p.parts[i].n;
	}
	*nparts = p.nparts;
	free(p.parts);
	free(p.sb);
	return 0;
}

const struct toml *
toml_path(const struct toml *root, const char *dotted)
{
	struct arena a = ARENA_INIT;
	struct toml_key *k;
	size_t n, i;
	const struct toml *t = root;

	if (root == NULL || toml_split_key(dotted, &a, &k, &n, NULL) < 0) {
		arena_free(&a);
		return NULL;
	}
	for (i = 0; i < n && t != NULL; i++)
		t = toml_find(t, k[i].s, k[i].n);
	arena_free(&a);
	return t;
}

size_t
toml_len(const struct toml *t)
{
	if (t == NULL || (t->type != TOML_TABLE && t->type != TOML_ARRAY))
		return 0;
	return t->n;
}

const struct toml *
toml_index(const struct toml *t, size_t i)
{
	return i < toml_len(t) ? t->kids[i] : NULL;
}

const char *
toml_key(const struct toml *t, size_t *n)
{
	if (t == NULL || t->key == NULL)
		return NULL;
	if (n != NULL)
		*n = t->keylen;
	return t->key;
}

int
toml_fullkey(const struct toml *t, struct buf *out)
{
	const struct toml *chain[TOML_MAXDEPTH * 2 + 64];
	const struct toml *u;
	size_t n = 0, i;
	int first = 1;

	for (u = t; u != NULL && n < sizeof chain / sizeof chain[0];
	    u = u->parent)
		chain[n++] = u;
	for (i = n; i-- > 0; ) {
		if (chain[i]->key == NULL || (chain[i]->parent != NULL &&
		    chain[i]->parent->type == TOML_ARRAY))
			continue;
		if (!first && buf_addc(out, '.') < 0)
			return -1;
		if (toml_add_key(out, chain[i]->key, chain[i]->keylen) < 0)
			return -1;
		first = 0;
	}
	return 0;
}

const char *
toml_str(const struct toml *t, const char *def)
{
	return t != NULL && t->type == TOML_STRING ? t->text : def;
}

size_t
toml_strlen(const struct toml *t)
{
	return t != NULL && t->type == TOML_STRING ? t->textlen : 0;
}

int64_t
toml_int(const struct toml *t, int64_t def)
{
	return t != NULL && t->type == TOML_INTEGER ? t->i : def;
}

double
toml_float(const struct toml *t, double def)
{
	if (t != NULL && t->type == TOML_FLOAT)
		return t->f;
	if (t != NULL && t->type == TOML_INTEGER)
		return (double)t->i;
	return def;
}

int
toml_bool(const struct toml *t, int def)
{
	return t != NULL && t->type == TOML_BOOL ? t->b : def;
}

int
toml_datetime(const struct toml *t, struct toml_datetime *dt)
{
	if (t == NULL || t->type < TOML_DATETIME || t->type > TOML_TIME_LOCAL)
		return -1;
	*dt = t->dt;
	return 0;
}

const char *
toml_text(const struct toml *t)
{
	if (t == NULL || t->type == TOML_TABLE || t->type == TOML_ARRAY)
		return NULL;
	return t->text;
}

const char *
toml_raw(const struct toml *t, size_t *n)
{
	if (t == NULL || !t->has_raw || t->src == NULL)
		return NULL;
	if (n != NULL)
		*n = t->raw_len;
	return t->src + t->raw_off;
}

/* Layering. */

static struct toml *
rootof(struct toml *t)
{
	while (t->parent != NULL)
		t = t->parent;
	return t;
}

/* A deep copy of src (key included) in arena a. */
static struct toml *
copy_node(struct arena *a, const struct toml *src, const char *file,
    int depth)
{
	struct toml *t, *k;
	size_t i, n;

	if (depth > TOML_MAXDEPTH * 2 + 64 ||
	    (t = arena_alloc(a, sizeof *t)) == NULL)
		return NULL;
	*t = *src;
	t->parent = NULL;
	t->arena = NULL;
	t->kids = NULL;
	t->hash = NULL;
	t->n = t->cap = t->hcap = 0;
	t->sect = NULL;
	if (src->key != NULL &&
	    (t->key = arena_strndup(a, src->key, src->keylen)) == NULL)
		return NULL;
	if (src->type != TOML_TABLE && src->type != TOML_ARRAY &&
	    src->text != NULL &&
	    (t->text = arena_strndup(a, src->text, src->textlen)) == NULL)
		return NULL;
	if (file != NULL)
		t->file = file;
	else if (src->file != NULL &&
	    (t->file = arena_strndup(a, src->file, strlen(src->file))) == NULL)
		return NULL;
	/* the source text is the other tree's: drop the spans */
	t->src = NULL;
	t->has_raw = 0;
	n = src->n;
	for (i = 0; i < n; i++) {
		if ((k = copy_node(a, src->kids[i], file, depth + 1)) == NULL ||
		    toml_append(a, t, k) < 0)
			return NULL;
	}
	return t;
}

static int
merge_into(struct arena *a, struct toml *dst, const struct toml *src,
    struct toml_err *err, int depth)
{
	struct toml *d, *k;
	size_t i;

	for (i = 0; i < src->n; i++) {
		const struct toml *s = src->kids[i];

		d = toml_find(dst, s->key, s->keylen);
		if (d != NULL && d->type == TOML_TABLE &&
		    s->type == TOML_TABLE) {
			if (merge_into(a, d, s, err, depth + 1) < 0)
				return -1;
			continue;
		}
		if ((k = copy_node(a, s, NULL, depth)) == NULL)
			goto oom;
		if (d != NULL)
			toml_replace(a, dst, d, k);
		else if (toml_append(a, dst, k) < 0)
			goto oom;
	}
	return 0;
oom:
	toml_err_set(err, NULL, 0, 0, 0, "out of memory");
	errno = ENOMEM;
	return -1;
}

int
toml_merge(struct toml *dst, const struct toml *src, struct toml_err *err)
{
	if (dst == NULL || src == NULL || dst->type != TOML_TABLE ||
	    src->type != TOML_TABLE) {
		toml_err_set(err, NULL, 0, 0, 0, "merging a non-table");
		errno = EINVAL;
		return -1;
	}
	return merge_into(rootof(dst)->arena, dst, src, err, 0);
}

int
toml_parse_value(const char *value, const char *origin, struct toml **root,
    const struct toml **v, struct toml_err *err)
{
	struct buf b = BUF_INIT;
	struct toml_err e;
	const struct toml *x;
	size_t n;

	*root = NULL;
	if (buf_adds(&b, "x = ") < 0 || buf_adds(&b, value) < 0 ||
	    buf_addc(&b, '\n') < 0) {
		buf_free(&b);
		toml_err_set(err, origin, 0, 0, 0, "out of memory");
		return -1;
	}
	*root = toml_parse(b.p, b.len, NULL, &e);
	buf_free(&b);
	if (*root == NULL) {
		toml_err_set(err, origin, 0, 0, 0, "bad value '%s': %s", value,
		    e.why);
		return -1;
	}
	x = (*root)->n == 1 ? (*root)->kids[0] : NULL;
	n = strlen(value);
	while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\t'))
		n--;
	if (x == NULL || x->keylen != 1 || x->key[0] != 'x' ||
	    x->raw_off != 4 || x->raw_len != n) {
		toml_free(*root);
		*root = NULL;
		toml_err_set(err, origin, 0, 0, 0,
		    "bad value '%s': not one TOML value", value);
		return -1;
	}
	*v = x;
	return 0;
}

int
toml_set(struct toml *root, const char *dotted, const char *value_toml,
    const char *origin, struct toml_err *err)
{
	struct toml *vr, *cur = root, *t, *nv;
	const struct toml *v;
	struct toml_key *k;
	struct arena *a;
	size_t n, i;
	char kb[64];
	const char *file = NULL;

	if (root == NULL || root->arena == NULL) {
		toml_err_set(err, origin, 0, 0, 0, "not a root table");
		errno = EINVAL;
		return -1;
	}
	a = root->arena;
	if (toml_split_key(dotted, a, &k, &n, err) < 0) {
		errno = EINVAL;
		return -1;
	}
	if (toml_parse_value(value_toml, origin, &vr, &v, err) < 0) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i + 1 < n; i++) {
		t = toml_find(cur, k[i].s, k[i].n);
		if (t == NULL) {
			if ((t = toml_node(a, TOML_TABLE, HOW_DOTTED)) == NULL)
				goto oom;
			t->key = k[i].s;
			t->keylen = k[i].n;
			if (toml_append(a, cur, t) < 0)
				goto oom;
		} else if (t->type != TOML_TABLE) {
			toml_free(vr);
			toml_err_set(err, origin, 0, 0, 0,
			    "cannot set '%s': '%s' is not a table", dotted,
			    mkey(k[i].s, k[i].n, kb, sizeof kb));
			errno = EINVAL;
			return -1;
		}
		cur = t;
	}
	if (origin != NULL &&
	    (file = arena_strndup(a, origin, strlen(origin))) == NULL)
		goto oom;
	if ((nv = copy_node(a, v, file, 0)) == NULL)
		goto oom;
	nv->key = k[n - 1].s;
	nv->keylen = k[n - 1].n;
	if ((t = toml_find(cur, nv->key, nv->keylen)) != NULL)
		toml_replace(a, cur, t, nv);
	else if (toml_append(a, cur, nv) < 0)
		goto oom;
	toml_free(vr);
	return 0;
oom:
	toml_free(vr);
	toml_err_set(err, origin, 0, 0, 0, "out of memory");
	errno = ENOMEM;
	return -1;
}

int
toml_value_text(const char *s, struct buf *out)
{
	struct toml *r;
	const struct toml *v;

	if (toml_parse_value(s, NULL, &r, &v, NULL) == 0) {
		toml_free(r);
		return buf_adds(out, s);
	}
	return toml_add_str(out, s, strlen(s));
}
