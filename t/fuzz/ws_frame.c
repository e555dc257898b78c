/* t/fuzz/ws_frame.c: the WebSocket frame decoder, whole and in pieces.
 *
 * The first byte chooses the role, the piece size and a message limit;
 * the events must not depend on the pieces. Messages that decode are
 * encoded again and must decode to the same thing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"
#include "ws.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
feed(int role, const uint8_t *d, size_t n, size_t step, size_t max, struct buf *out)
{
	struct ws_decoder dec;
	struct ws_event ev;
	size_t off = 0, k, m, used;
	int r;

	ws_decoder_init(&dec, role);
	dec.max_message = max;
	while (off < n) {
		m = step < n - off ? step : n - off;
		for (k = 0;; k += used) {
			r = ws_decode(&dec, d + off + k, m - k, &used, &ev);
			if (used > m - k)
				abort();
			if (r == WS_NEED)
				break;
			if (r == WS_ERROR) {
				buf_printf(out, "E%d", dec.close_code);
				goto out;
			}
			buf_printf(out, "%d/%d/%d/%zu:", r, ev.opcode, ev.code, ev.len);
			buf_add(out, ev.data, ev.len);
			if (r == WS_MESSAGE && ev.opcode == WS_TEXT && utf8_valid(ev.data, ev.len) != ev.len)
				abort();
			if (r == WS_MESSAGE && ev.len > max)
				abort();
			if (r == WS_MESSAGE) {
				/* Re-encode in the peer's role and decode again. */
				struct buf f = BUF_INIT;
				struct ws_decoder d2;
				struct ws_event e2;
				size_t u2;
				ws_encode(&f, ev.opcode, 1, ev.data, ev.len, role == WS_CLIENT);
				ws_decoder_init(&d2, role == WS_CLIENT ? WS_SERVER : WS_CLIENT);
				d2.max_message = max;
				if (ws_decode(&d2, f.p, f.len, &u2, &e2) != WS_MESSAGE ||
				    e2.len != ev.len || (ev.len && memcmp(e2.data, ev.data, ev.len) != 0))
					abort();
				ws_decoder_free(&d2);
				buf_free(&f);
			}
		}
		off += m;
	}
out:
	ws_decoder_free(&dec);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	size_t step, max;
	int role;

	if (size < 1)
		return 0;
	role = data[0] & 1 ? WS_SERVER : WS_CLIENT;
	step = ((data[0] >> 1) & 0x1f) + 1;
	max = data[0] & 0x40 ? 64 : 1 << 20;
	feed(role, data + 1, size - 1, size, max, &a);
	feed(role, data + 1, size - 1, step, max, &b);
	if (a.len != b.len || (a.len && memcmp(a.p, b.p, a.len) != 0))
		abort();
	buf_free(&a);
	buf_free(&b);
	return 0;
}
