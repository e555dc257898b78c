/* envfile.c: KEY=VALUE environment files (see envfile.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "envfile.h"
#include "io.h"

#define ENVFILE_MAX (1024 * 1024)

struct cur {
	const char *p, *end;
	size_t line;
};

static int
blank(int c)
{
	return c == ' ' || c == '\t';
}

static void
skip_blanks(struct cur *c)
{
	while (c->p < c->end && blank(*c->p))
		c->p++;
}

/* At end of line: nothing left on it but an optional CR. */
static int
at_eol(const struct cur *c)
{
	return c->p == c->end || *c->p == '\n' ||
	    (*c->p == '\r' && (c->p + 1 == c->end || c->p[1] == '\n'));
}

/* Skip to the start of the next line. */
static void
next_line(struct cur *c)
{
	while (c->p < c->end && *c->p != '\n')
		c->p++;
	if (c->p < c->end) {
		c->p++;
		c->line++;
	}
}

static int
key_start(int ch)
{
	return ch == '_' || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

static int
key_char(int ch)
{
	return key_start(ch) || (ch >= '0' && ch <= '9');
}

/* After a closing quote: blanks, then end of line or a comment. */
static int
after_quote(struct cur *c, const char **why)
{
	skip_blanks(c);
	if (at_eol(c) || *c->p == '#')
		return 0;
	*why = "text after closing quote";
	return -1;
}

static int
single_quoted(struct cur *c, struct buf *v, const char **why)
{
	const char *s = ++c->p;

	while (c->p < c->end && *c->p != '\'') {
		if (*c->p == '\0') {
			*why = "NUL byte";
			return -1;
		}
		c->p++;
	}
	if (c->p == c->end) {
		*why = "unterminated single quote";
		return -1;
	}
	if (buf_add(v, s, (size_t)(c->p - s)) < 0)
		return -2;
	c->p++;
	return after_quote(c, why);
}

static int
double_quoted(struct cur *c, struct buf *v, const char **why)
{
	int ch, r;

	c->p++;
	for (;;) {
		if (c->p == c->end) {
			*why = "unterminated double quote";
			return -1;
		}
		ch = (unsigned char)*c->p++;
		if (ch == '"')
			break;
		if (ch == '\0') {
			*why = "NUL byte";
			return -1;
		}
		if (ch == '\\' && c->p < c->end) {
			switch (*c->p) {
			case '"': case '\\': case '$': case '`':
				ch = (unsigned char)*c->p++;
				break;
			case 'n':
				ch = '\n';
				c->p++;
				break;
			case 't':
				ch = '\t';
				c->p++;
				break;
			case 'r':
				ch = '\r';
				c->p++;
				break;
			case '\n':
				c->p++;
				continue;
			default:
				break;	/* keep the backslash */
			}
		}
		r = buf_addc(v, (char)ch);
		if (r < 0)
			return -2;
	}
	return after_quote(c, why);
}

static int
unquoted(struct cur *c, struct buf *v, const char **why)
{
	const char *s = c->p, *e;

	while (!at_eol(c)) {
		if (*c->p == '\0') {
			*why = "NUL byte";
			return -1;
		}
		if (*c->p == '#' && c->p > s && blank(c->p[-1]))
			break;
		c->p++;
	}
	e = c->p;
	while (e > s && blank(e[-1]))
		e--;
	if (buf_add(v, s, (size_t)(e - s)) < 0)
		return -2;
	return 0;
}

/* One assignment starting at c->p (blanks skipped, not a comment). */
static int
assignment(struct cur *c, struct buf *k, struct buf *v, const char **why)
{
	const char *s;

	if ((size_t)(c->end - c->p) > 7 && memcmp(c->p, "export", 6) == 0 &&
	    blank(c->p[6])) {
		c->p += 6;
		skip_blanks(c);
	}
	s = c->p;
	if (c->p == c->end || !key_start((unsigned char)*c->p)) {
		*why = at_eol(c) ? "missing variable name" : "bad variable name";
		return -1;
	}
	while (c->p < c->end && key_char((unsigned char)*c->p))
		c->p++;
	if (buf_add(k, s, (size_t)(c->p - s)) < 0)
		return -2;
	skip_blanks(c);
	if (c->p == c->end || *c->p != '=') {
		*why = at_eol(c) ? "missing '='" : "bad variable name";
		return -1;
	}
	c->p++;
	skip_blanks(c);
	if (c->p < c->end && *c->p == '\'')
		return single_quoted(c, v, why);
	if (c->p < c->end && *c->p == '"')
		return double_quoted(c, v, why);
	return unquoted(c, v, why);
}

int
envfile_parse(const char *text, size_t len, envfile_cb cb, void *arg,
    struct envfile_err *err)
{
	struct cur c;
	struct buf k = BUF_INIT, v = BUF_INIT;
	size_t first;
	int r = 0;

	err->line = 0;
	err->why = NULL;
	c.p = text;
	c.end = text + len;
	c.line = 1;
	while (c.p < c.end) {
		skip_blanks(&c);
		if (at_eol(&c) || *c.p == '#') {
			next_line(&c);
			continue;
		}
		first = c.line;
		buf_reset(&k);
		buf_reset(&v);
		/* Count the newlines a quoted value spans. */
		{
			const char *s = c.p;
			r = assignment(&c, &k, &v, &err->why);
			for (; s < c.p; s++)
				if (*s == '\n')
					c.line++;
		}
		if (r == -2) {
			errno = ENOMEM;
			err->line = first;
			err->why = "out of memory";
			r = -1;
			break;
		}
		if (r < 0) {
			err->line = first;
			break;
		}
		r = cb(k.p ? k.p : "", v.p ? v.p : "", arg);
		if (r != 0) {
			err->line = first;
			break;
		}
		next_line(&c);
	}
	buf_free(&k);
	buf_free(&v);
	return r;
}

int
envfile_load(const char *path, envfile_cb cb, void *arg,
    struct envfile_err *err)
{
	char *text;
	size_t len;
	int r;

	err->line = 0;
	err->why = NULL;
	if (io_readfile(path, ENVFILE_MAX, &text, &len) < 0)
		return -1;
	r = envfile_parse(text, len, cb, arg, err);
	free(text);
	return r;
}
