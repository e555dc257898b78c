/* ui_text.c: keys, screen text and command lines for plotq ui (see ui_text.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui_text.h"
#include "utf8.h"

/* The key a CSI sequence's final byte (and first parameter) names. */
static int
csi_key(int final, int param)
{
	switch (final) {
	case 'A': return K_UP;
	case 'B': return K_DOWN;
	case 'C': return K_RIGHT;
	case 'D': return K_LEFT;
	case 'H': return K_HOME;
	case 'F': return K_END;
	case 'Z': return K_BTAB;
	case '~':
		switch (param) {
		case 1: case 7: return K_HOME;
		case 4: case 8: return K_END;
		case 3: return K_DEL;
		case 5: return K_PGUP;
		case 6: return K_PGDN;
		}
	}
	return K_UNKNOWN;
}

size_t
ui_key(const unsigned char *in, size_t n, int final, int *key)
{
	size_t i;
	int param = 0, digits = 1;

	switch (in[0]) {
	case '\r': case '\n': *key = K_ENTER; return 1;
	case 0x7f: case 0x08: *key = K_BS; return 1;
	case '\t': *key = K_TAB; return 1;
	case 0x1b: break;
	default: *key = in[0]; return 1;
	}
	if (n == 1) {
		if (!final)
			return 0;
		*key = K_ESC;
		return 1;
	}
	if (in[1] == 'O') {		/* SS3: ESC O X */
		if (n == 2) {
			if (!final)
				return 0;
			*key = K_UNKNOWN;
			return 2;
		}
		*key = csi_key(in[2], 0);
		return 3;
	}
	if (in[1] != '[') {		/* Alt+key, or ESC ESC */
		*key = in[1] == 0x1b ? K_ESC : K_UNKNOWN;
		return in[1] == 0x1b ? 1 : 2;
	}
	/* CSI: parameters and intermediates (0x20-0x3f), then a final byte
	 * (0x40-0x7e); only the first parameter matters here. */
	for (i = 2; i < n && i < KEY_SEQ_MAX; i++) {
		if (in[i] >= 0x40 && in[i] <= 0x7e) {
			*key = csi_key(in[i], param);
			return i + 1;
		}
		if (in[i] < 0x20 || in[i] > 0x3f) {	/* not a sequence */
			*key = K_UNKNOWN;
			return i;
		}
		if (in[i] >= '0' && in[i] <= '9' && digits && param < 1000)
			param = param * 10 + (in[i] - '0');
		else
			digits = 0;
	}
	if (i < KEY_SEQ_MAX && !final)
		return 0;
	*key = K_UNKNOWN;
	return i;
}

void
tl_reset(struct tline *l, int max, int utf8)
{
	buf_reset(&l->b);
	l->w = 0;
	l->max = max < 0 ? 0 : max;
	l->utf8 = utf8;
}

/* Width of one code point on the screen: -1 for what must be replaced. */
static int
cp_width(uint32_t cp, int utf8)
{
	int w;

	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return -1;
	if (cp < 0x7f)
		return 1;
	if (!utf8)
		return -1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? -1 : w;
}

/* Walk text as tl_text shows it; add it to l when l is not NULL. */
static int
walk(struct tline *l, const char *s, size_t n, int utf8, int max, int start)
{
	const unsigned char *u = (const unsigned char *)s;
	int col = start, w, len;
	uint32_t cp;
	size_t i = 0;

	while (i < n && col < max) {
		len = utf8 ? utf8_decode(u + i, n - i, &cp) : 1;
		if (!utf8)
			cp = u[i];
		if (len < 0) {
			len = -len;
			cp = 0xfffd;
			w = -1;
		} else {
			w = cp_width(cp, utf8);
		}
		if (cp == '\t' && len == 1) {
			do {
				if (l)
					buf_addc(&l->b, ' ');
				col++;
			} while (col % 8 && col < max);
			i += (size_t)len;
			continue;
		}
		if (w < 0) {
			if (l)
				buf_addc(&l->b, '?');
			col++;
		} else {
			if (col + w > max)
				break;
			if (l)
				buf_add(&l->b, u + i, (size_t)len);
			col += w;
		}
		i += (size_t)len;
	}
	return col - start;
}

int
tl_text(struct tline *l, const char *s, size_t n)
{
	int w = walk(l, s, n, l->utf8, l->max, l->w);

	l->w += w;
	return w;
}

int
tl_str(struct tline *l, const char *s)
{
	return tl_text(l, s, strlen(s));
}

int
tl_printf(struct tline *l, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 0;
	return tl_text(l, tmp, (size_t)n < sizeof tmp ? (size_t)n :
	    sizeof tmp - 1);
}

void
tl_esc(struct tline *l, const char *esc)
{
	buf_adds(&l->b, esc);
}

void
tl_pad(struct tline *l, int col)
{
	if (col > l->max)
		col = l->max;
	while (l->w < col) {
		buf_addc(&l->b, ' ');
		l->w++;
	}
}

void
tl_free(struct tline *l)
{
	buf_free(&l->b);
}

int
ui_width(const char *s, size_t n, int utf8, int max)
{
	return walk(NULL, s, n, utf8, max, 0);
}

int
ui_log_clean(const char *s, size_t n, struct buf *out)
{
	size_t i, start = out->len;

	for (i = 0; i < n; i++) {
		if (s[i] == '\r') {
			/* "\r\n" ends the line; a lone \r overwrites it. */
			if (i + 1 < n)
				out->len = start;
			continue;
		}
		if (s[i] != 0x1b) {
			if (buf_addc(out, s[i]) < 0)
				return -1;
			continue;
		}
		if (i + 1 < n && s[i + 1] == '[') {	/* CSI ... final */
			for (i += 2; i < n; i++)
				if ((unsigned char)s[i] >= 0x40 &&
				    (unsigned char)s[i] <= 0x7e)
					break;
		} else if (i + 1 < n && s[i + 1] == ']') {	/* OSC ... BEL/ST */
			for (i += 2; i < n; i++) {
				if (s[i] == 0x07)
					break;
				if (s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\') {
					i++;
					break;
				}
			}
		} else {
			/* ESC, intermediates (0x20-0x2f), a final byte. */
			for (i++; i < n && (unsigned char)s[i] >= 0x20 &&
			    (unsigned char)s[i] <= 0x2f; i++)
				;
		}
	}
	if (out->p)
		out->p[out->len] = '\0';
	return 0;
}

/* Words the shell gives a meaning of its own when they come first. */
static const char *const sh_words[] = {
	"!", ".", ":", "[[", "alias", "break", "case", "cd", "command",
	"continue", "eval", "exec", "exit", "export", "for", "function", "if",
	"readonly", "return", "set", "shift", "source", "time", "times", "trap",
	"ulimit", "umask", "unset", "until", "wait", "while", "{", NULL
};

static char **
sh_argv(const char *text, const char **why)
{
	char **v = calloc(4, sizeof *v);

	if (v == NULL || (v[0] = strdup("/bin/sh")) == NULL ||
	    (v[1] = strdup("-c")) == NULL || (v[2] = strdup(text)) == NULL) {
		if (v) {
			free(v[0]);
			free(v[1]);
		}
		free(v);
		*why = "out of memory";
		return NULL;
	}
	return v;
}

static void
vfree(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

char **
ui_split(const char *text, const char **why)
{
	struct buf w = BUF_INIT;
	char **v = NULL, **nv;
	size_t n = 0, i;
	const char *p;
	int inword = 0, q = 0, shell = 0, first_eq = 0;

	for (p = text;; p++) {
		char c = *p;

		if (q == '\'') {
			if (c == '\0')
				goto unterminated;
			if (c == '\'')
				q = 0;
			else
				buf_addc(&w, c);
			continue;
		}
		if (q == '"') {
			if (c == '\0')
				goto unterminated;
			if (c == '"') {
				q = 0;
			} else if (c == '$' || c == '`') {
				shell = 1;
			} else if (c == '\\' && (p[1] == '"' || p[1] == '\\' ||
			    p[1] == '$' || p[1] == '`')) {
				buf_addc(&w, *++p);
			} else if (c == '\\' && p[1] == '\n') {
				p++;
			} else {
				buf_addc(&w, c);
			}
			continue;
		}
		if (c == '\0' || c == ' ' || c == '\t') {
			if (inword) {
				if (w.p == NULL && buf_adds(&w, "") < 0)
					goto nomem;
				nv = realloc(v, (n + 2) * sizeof *v);
				if (nv == NULL)
					goto nomem;
				v = nv;
				v[n++] = buf_detach(&w);
				v[n] = NULL;
				inword = 0;
			}
			if (c == '\0')
				break;
			continue;
		}
		if (strchr("|&;<>()$`*?[]{}~#!\n", c) != NULL ||
		    (c == '=' && n == 0 && !first_eq)) {
			shell = 1;
			break;
		}
		inword = 1;
		if (c == '\'' || c == '"') {
			q = c;
			first_eq = 1;	/* a quote before '=' is no assignment */
		} else if (c == '\\') {
			if (p[1] == '\0')
				goto unterminated;
			if (p[1] != '\n')
				buf_addc(&w, p[1]);
			p++;
			first_eq = 1;
		} else {
			buf_addc(&w, c);
		}
	}
	if (!shell && n > 0)
		for (i = 0; sh_words[i]; i++)
			if (strcmp(v[0], sh_words[i]) == 0)
				shell = 1;
	if (shell) {
		vfree(v, n);
		buf_free(&w);
		return sh_argv(text, why);
	}
	buf_free(&w);
	if (n == 0) {
		free(v);
		*why = "empty command";
		return NULL;
	}
	return v;
unterminated:
	vfree(v, n);
	buf_free(&w);
	*why = "unterminated quote";
	return NULL;
nomem:
	vfree(v, n);
	buf_free(&w);
	*why = "out of memory";
	return NULL;
}
