/* esc.c: quoted strings with backslash escapes, hex digits (see esc.h). */
#include <stdint.h>
#include <string.h>

#include "esc.h"
#include "utf8.h"

/* The letter of a named escape for the ASCII byte c (\n for a newline),
 * or 0. YAML names neither \b nor \f. */
static int
named(unsigned c, int flags)
{
	switch (c) {
	case '"': return '"';
	case '\\': return '\\';
	case '\b': return flags & ESC_YAML ? 0 : 'b';
	case '\f': return flags & ESC_YAML ? 0 : 'f';
	case '\n': return 'n';
	case '\r': return 'r';
	case '\t': return 't';
	}
	return 0;
}

/* YAML escapes the C1 controls, the BOM and the line and paragraph
 * separators. */
static int
yaml_special(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0xfeff || cp == 0x2028 ||
	    cp == 0x2029;
}

int
esc_quote(struct buf *b, const char *s, size_t n, int flags)
{
	const unsigned char *u = (const unsigned char *)s;
	const char *hexd = flags & ESC_UPPER ? "0123456789ABCDEF" :
	    "0123456789abcdef";
	unsigned lim = flags & (ESC_DEL | ESC_YAML) ? 0x7f : 0x80;
	size_t i = 0, run;
	uint32_t cp;
	char esc[6];
	int k;

	if (buf_reserve(b, n + 2) < 0 || buf_addc(b, '"') < 0)
		return -1;
	while (i < n) {
		for (run = i; run < n && u[run] >= 0x20 && u[run] < lim &&
		    u[run] != '"' && u[run] != '\\'; run++)
			;
		if (run > i && buf_add(b, s + i, run - i) < 0)
			return -1;
		if ((i = run) >= n)
			break;
		if (u[i] >= 0x80) {
			k = utf8_decode(u + i, n - i, &cp);
			if (k > 0 && (flags & ESC_YAML) && yaml_special(cp)) {
				if (buf_printf(b, "\\u%04X", cp) < 0)
					return -1;
				i += (size_t)k;
			} else if (k > 0) {
				if (buf_add(b, s + i, (size_t)k) < 0)
					return -1;
				i += (size_t)k;
			} else {
				if (buf_add(b, "\xef\xbf\xbd", 3) < 0)
					return -1;
				i += (size_t)-k;
			}
			continue;
		}
		esc[0] = '\\';
		if ((esc[1] = (char)named(u[i], flags)) != 0) {
			k = 2;
		} else if (flags & ESC_YAML) {
			esc[1] = 'x';
			esc[2] = hexd[u[i] >> 4];
			esc[3] = hexd[u[i] & 15];
			k = 4;
		} else {
			memcpy(esc + 1, "u00", 3);
			esc[4] = hexd[u[i] >> 4];
			esc[5] = hexd[u[i] & 15];
			k = 6;
		}
		if (buf_add(b, esc, (size_t)k) < 0)
			return -1;
		i++;
	}
	return buf_addc(b, '"');
}

int
esc_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;	/* A-F to a-f, and nothing else into a-f */
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int
esc_shell(struct buf *b, const char *s)
{
	const char *p;

	if (*s != '\0' && s[strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789@%+=:,./_-")] == '\0')
		return buf_adds(b, s);
	if (buf_addc(b, '\'') < 0)
		return -1;
	for (p = s; *p; p++) {
		if (*p == '\'') {
			if (buf_adds(b, "'\\''") < 0)
				return -1;
		} else if (buf_addc(b, *p) < 0) {
			return -1;
		}
	}
	return buf_addc(b, '\'');
}
