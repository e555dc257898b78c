/* t/fuzz/teelog_fmt.c: teelog's per-line formatting (src/teelog/fmt.c)
 * on arbitrary input, chunking and buffer limits. Taking the records
 * apart again (headers off, cut markers joined) must give the input back,
 * and no record may hold more than line_max content bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/teelog/fmt.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fmt f;
	struct fmt_state st = { 0, 0 };
	struct buf out = BUF_INIT, back = BUF_INIT;
	const char *in, *p, *e;
	char head[64];
	size_t hlen, n, pos = 0, cap, chunk, c, i, rec;

	if (size < 4)
		return 0;
	memset(&f, 0, sizeof f);
	f.stamp = FMT_NONE;
	f.prefix = "> ";
	f.plen = 2;
	f.line_max = 1 + data[0] % 16;
	chunk = 1 + data[1] % 64;
	cap = 8 + data[2] % 64;
	in = (const char *)data + 3;
	n = size - 3;
	hlen = fmt_head(&f, NULL, head);
	while (pos < n) {
		c = n - pos < chunk ? n - pos : chunk;
		i = 0;
		while (i < c) {
			size_t k = fmt_lines(&f, &st, head, hlen, in + pos + i,
			    c - i, &out, out.len + cap);
			if (k == 0 && out.len == 0)
				abort();
			i += k;
			/* Drain, as logw would. */
			buf_add(&back, out.p, out.len);
			buf_reset(&out);
		}
		pos += c;
	}
	fmt_end(&st, &out);
	buf_add(&back, out.p, out.len);
	/* Undo: every record starts with the header and ends with "\n"
	 * or "\\\n" (a cut, only after exactly line_max bytes). */
	buf_reset(&out);
	p = back.p;
	e = back.p + back.len;
	while (p < e) {
		if ((size_t)(e - p) < hlen || memcmp(p, head, hlen) != 0)
			abort();
		p += hlen;
		for (rec = 0; p + rec < e && p[rec] != '\n'; rec++)
			;
		if (p + rec == e)
			abort();	/* unterminated record */
		if (rec == f.line_max + 1 && p[rec - 1] == '\\') {
			buf_add(&out, p, rec - 1);
		} else {
			if (rec > f.line_max)
				abort();
			buf_add(&out, p, rec + 1);
		}
		p += rec + 1;
	}
	/* The input, with a newline added at the end if it had none. */
	if (!(out.len == n || (out.len == n + 1 && out.p[n] == '\n')) ||
	    memcmp(out.p, in, n) != 0)
		abort();
	buf_free(&out);
	buf_free(&back);
	return 0;
}
