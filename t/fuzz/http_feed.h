/* t/fuzz/http_feed.h: feed an HTTP message to the parser in pieces and
 * log what it says (shared by the http_request and http_response targets). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
feed(int kind, const uint8_t *d, size_t n, size_t step, int head, struct buf *out)
{
	struct http_parser p;
	const char *b;
	size_t off = 0, k, m, used, bl;
	int r = HTTP_NEED, i;

	http_parser_init(&p, kind);
	p.head_request = head;
	p.max_body = 1 << 20;
	while (off < n) {
		m = step < n - off ? step : n - off;
		for (k = 0;; k += used) {
			r = http_parse(&p, d + off + k, m - k, &used, &b, &bl);
			if (used > m - k)
				abort();
			if (r == HTTP_NEED)
				break;
			if (r == HTTP_HEAD) {
				buf_printf(out, "H%d/%d/%zu|", p.status, p.body, p.nheaders);
				for (i = 0; i < (int)p.nheaders; i++)
					if (strlen(p.headers[i].name) == 0)
						abort();
				(void)http_header(&p, "Content-Length");
				(void)http_header_has(&p, "Connection", "close");
			}
			if (r == HTTP_BODY)
				buf_add(out, b, bl);
			if (r == HTTP_DONE || r == HTTP_ERROR)
				goto out;
		}
		off += m;
	}
	r = http_parse_eof(&p);
out:
	buf_printf(out, "|R%d", r);
	http_parser_free(&p);
	return r;
}

/* Parse whole and in pieces of the size the first byte gives: the
 * outcome must not depend on the pieces. */
static int
fuzz_http(int kind, const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t step;
	int head;

	if (size < 1)
		return 0;
	step = (data[0] & 0x3f) + 1;
	head = (data[0] & 0x40) != 0;
	feed(kind, data + 1, size - 1, size, head, &a);
	feed(kind, data + 1, size - 1, step, head, &b);
	if (a.len != b.len || (a.len && memcmp(a.p, b.p, a.len) != 0))
		abort();
	buf_free(&a);
	buf_free(&b);
	return 0;
}
