/* ws.c: RFC 6455 handshake checks, frame decoder and encoder (see ws.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#if defined(__APPLE__)
#include <sys/random.h>
#endif

#include "base64.h"
#include "http.h"
#include "net.h"
#include "sha1.h"
#include "utf8.h"
#include "ws.h"

int
ws_random(void *buf, size_t n)
{
	unsigned char *p = buf;
	size_t k;

	/* getentropy(3): glibc 2.25+, the BSDs, macOS; 256 bytes a call. */
	while (n > 0) {
		k = n > 256 ? 256 : n;
		if (getentropy(p, k) < 0)
			return -1;
		p += k;
		n -= k;
	}
	return 0;
}

int
ws_key_new(char key[WS_KEY_LEN + 1])
{
	unsigned char r[16];

	if (ws_random(r, sizeof r) < 0)
		return -1;
	base64_encode(r, sizeof r, key);
	return 0;
}

void
ws_accept(const char *key, char out[WS_ACCEPT_LEN + 1])
{
	struct sha1 s;
	unsigned char d[SHA1_LEN];

	sha1_init(&s);
	sha1_update(&s, key, strlen(key));
	sha1_update(&s, WS_GUID, sizeof WS_GUID - 1);
	sha1_final(&s, d);
	base64_encode(d, sizeof d, out);
}

/* --- handshake ------------------------------------------------------------ */

int
ws_client_request(struct buf *b, const struct http_url *u, const char *key,
    const char *protocol, const char *const *headers)
{
	char hp[NET_HOST_MAX + 16];

	if (http_request_head(b, "GET", u->target, http_url_hostport(u, hp, sizeof hp)) < 0 ||
	    buf_adds(b, "Upgrade: websocket\r\nConnection: Upgrade\r\n") < 0 ||
	    http_add_header(b, "Sec-WebSocket-Key", key) < 0 ||
	    buf_adds(b, "Sec-WebSocket-Version: 13\r\n") < 0 ||
	    (protocol && http_add_header(b, "Sec-WebSocket-Protocol", protocol) < 0))
		return -1;
	for (; headers && *headers; headers++)
		if (http_add_header_line(b, *headers) < 0)
			return -1;
	return http_end_head(b);
}

static int
hs_fail(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	errno = EPROTO;
	return -1;
}

int
ws_client_verify(const struct http_parser *resp, const char *key, const char **why)
{
	static char msg[128];
	char want[WS_ACCEPT_LEN + 1];
	const char *got;

	if (resp->status != 101) {
		snprintf(msg, sizeof msg, "server answered %d %.60s, not 101 Switching Protocols",
		    resp->status, resp->reason ? resp->reason : "");
		return hs_fail(why, msg);
	}
	if (!http_header_has(resp, "Upgrade", "websocket"))
		return hs_fail(why, "no 'Upgrade: websocket' in the server's answer");
	if (!http_header_has(resp, "Connection", "upgrade"))
		return hs_fail(why, "no 'Connection: upgrade' in the server's answer");
	got = http_header(resp, "Sec-WebSocket-Accept");
	if (got == NULL)
		return hs_fail(why, "no Sec-WebSocket-Accept in the server's answer");
	ws_accept(key, want);
	if (strcmp(got, want) != 0)
		return hs_fail(why, "wrong Sec-WebSocket-Accept from the server");
	if (http_header(resp, "Sec-WebSocket-Extensions"))
		return hs_fail(why, "server chose an extension that was not offered");
	return 0;
}

int
ws_server_verify(const struct http_parser *req, char accept[WS_ACCEPT_LEN + 1],
    const char **why)
{
	const char *key, *v;
	unsigned char raw[WS_KEY_LEN];

	if (why)
		*why = NULL;
	if (req->method == NULL || strcmp(req->method, "GET") != 0 || req->version != 11) {
		hs_fail(why, "a WebSocket upgrade must be an HTTP/1.1 GET");
		return 400;
	}
	if (!http_header_has(req, "Upgrade", "websocket") ||
	    !http_header_has(req, "Connection", "upgrade")) {
		hs_fail(why, "missing 'Upgrade: websocket' or 'Connection: upgrade'");
		return 400;
	}
	v = http_header(req, "Sec-WebSocket-Version");
	if (v == NULL || strcmp(v, "13") != 0) {
		hs_fail(why, "unsupported Sec-WebSocket-Version (want 13)");
		return 426;
	}
	key = http_header(req, "Sec-WebSocket-Key");
	if (key == NULL || strlen(key) != WS_KEY_LEN ||
	    base64_decode(key, WS_KEY_LEN, raw) != 16) {
		hs_fail(why, "bad Sec-WebSocket-Key");
		return 400;
	}
	ws_accept(key, accept);
	return 0;
}

int
ws_server_response(struct buf *b, const char *accept, const char *protocol)
{
	if (http_response_head(b, 101, NULL) < 0 ||
	    buf_adds(b, "Upgrade: websocket\r\nConnection: Upgrade\r\n") < 0 ||
	    http_add_header(b, "Sec-WebSocket-Accept", accept) < 0 ||
	    (protocol && http_add_header(b, "Sec-WebSocket-Protocol", protocol) < 0))
		return -1;
	return http_end_head(b);
}

/* --- UTF-8 ---------------------------------------------------------------- */

/* Check s[0..n): 0 when valid, 1 when valid but for an incomplete
 * sequence at the very end (*good: the bytes before it), -1 when invalid. */
static int
utf8_check(const unsigned char *s, size_t n, size_t *good)
{
	uint32_t cp;
	size_t i = 0;
	int r;

	while (i < n) {
		r = utf8_decode(s + i, n - i, &cp);
		if (r > 0) {
			i += (size_t)r;
			continue;
		}
		/* The maximal invalid subpart runs to the end and starts with
		 * a lead byte: the sequence may be completed later. */
		if (i + (size_t)-r == n && s[i] >= 0xc2 && s[i] <= 0xf4) {
			*good = i;
			return 1;
		}
		return -1;
	}
	*good = n;
	return 0;
}

/* --- decoder -------------------------------------------------------------- */

enum { D_HEAD, D_PAYLOAD, D_ERROR };

void
ws_decoder_init(struct ws_decoder *d, int role)
{
	memset(d, 0, sizeof *d);
	d->role = role;
	d->max_message = 1024 * 1024;
	d->state = D_HEAD;
	d->hneed = 2;
}

void
ws_decoder_free(struct ws_decoder *d)
{
	buf_free(&d->msg);
}

static int
derr(struct ws_decoder *d, int code, const char *why)
{
	d->state = D_ERROR;
	d->close_code = code;
	d->why = why;
	return WS_ERROR;
}

static int
is_control(int op)
{
	return op >= 8;
}

/* The first two header bytes are in: check them, learn the header size. */
static int
head2(struct ws_decoder *d)
{
	unsigned b0 = d->hdr[0], b1 = d->hdr[1], len7 = b1 & 0x7f;

	d->fin = (b0 & 0x80) != 0;
	d->opcode = (int)(b0 & 0x0f);
	d->masked = (b1 & 0x80) != 0;
	if (b0 & 0x70)
		return derr(d, WS_CLOSE_PROTOCOL, "reserved bits set (no extension was agreed)");
	if ((d->opcode > WS_BINARY && d->opcode < WS_CLOSE) || d->opcode > WS_PONG)
		return derr(d, WS_CLOSE_PROTOCOL, "unknown opcode");
	if (is_control(d->opcode) && (!d->fin || len7 > 125))
		return derr(d, WS_CLOSE_PROTOCOL, "fragmented or oversized control frame");
	if (d->role == WS_SERVER && !d->masked)
		return derr(d, WS_CLOSE_PROTOCOL, "unmasked frame from a client");
	if (d->role == WS_CLIENT && d->masked)
		return derr(d, WS_CLOSE_PROTOCOL, "masked frame from a server");
	d->hneed = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + (d->masked ? 4 : 0);
	return 0;
}

/* The whole header is in: payload length, mask, fragmentation rules. */
static int
head_done(struct ws_decoder *d)
{
	unsigned len7 = d->hdr[1] & 0x7f;
	size_t off = 2;
	int i;

	if (len7 == 126) {
		d->plen = (uint64_t)d->hdr[2] << 8 | d->hdr[3];
		off = 4;
	} else if (len7 == 127) {
		d->plen = 0;
		for (i = 0; i < 8; i++)
			d->plen = d->plen << 8 | d->hdr[2 + i];
		off = 10;
		if (d->plen >> 63)
			return derr(d, WS_CLOSE_PROTOCOL, "bad payload length");
	} else {
		d->plen = len7;
	}
	if (d->masked)
		memcpy(d->mask, d->hdr + off, 4);
	d->pgot = 0;
	if (!is_control(d->opcode)) {
		if (d->opcode == WS_CONT && d->msg_opcode == 0)
			return derr(d, WS_CLOSE_PROTOCOL, "continuation frame without a message");
		if (d->opcode != WS_CONT && d->msg_opcode != 0)
			return derr(d, WS_CLOSE_PROTOCOL, "new message inside a fragmented one");
		if (d->opcode != WS_CONT)
			d->msg_opcode = d->opcode;
		if (d->plen > d->max_message || d->msg.len + d->plen > d->max_message)
			return derr(d, WS_CLOSE_TOO_BIG, "message too big");
		if (buf_reserve(&d->msg, (size_t)d->plen) < 0)
			return derr(d, WS_CLOSE_INTERNAL, "out of memory");
	}
	d->state = D_PAYLOAD;
	return 0;
}

/* A frame's payload is complete: produce its event, if any. */
static int
frame_done(struct ws_decoder *d, struct ws_event *ev)
{
	size_t good;
	int r;

	d->state = D_HEAD;
	d->hlen = 0;
	d->hneed = 2;
	if (is_control(d->opcode)) {
		ev->opcode = d->opcode;
		ev->data = (const char *)d->ctl;
		ev->len = (size_t)d->plen;
		ev->code = 0;
		if (d->opcode != WS_CLOSE)
			return d->opcode;
		if (d->plen == 1)
			return derr(d, WS_CLOSE_PROTOCOL, "close frame with a one-byte payload");
		if (d->plen == 0) {
			ev->code = WS_CLOSE_NO_STATUS;
		} else {
			ev->code = d->ctl[0] << 8 | d->ctl[1];
			ev->data += 2;
			ev->len -= 2;
			if (ev->code < 1000 || ev->code >= 5000 ||
			    (ev->code >= 1004 && ev->code <= 1006) ||
			    (ev->code >= 1015 && ev->code < 3000))
				return derr(d, WS_CLOSE_PROTOCOL, "invalid close code");
			if (utf8_check((const unsigned char *)ev->data, ev->len, &good) != 0)
				return derr(d, WS_CLOSE_BAD_DATA, "close reason is not UTF-8");
		}
		d->closed = 1;
		return WS_CLOSE;
	}
	if (d->msg_opcode == WS_TEXT) {
		r = utf8_check((unsigned char *)d->msg.p + d->utf8_ok,
		    d->msg.len - d->utf8_ok, &good);
		if (r < 0 || (r > 0 && d->fin))
			return derr(d, WS_CLOSE_BAD_DATA, "text message is not UTF-8");
		d->utf8_ok += good;
	}
	if (!d->fin)
		return WS_NEED;
	ev->opcode = d->msg_opcode;
	ev->data = d->msg.p ? d->msg.p : "";
	ev->len = d->msg.len;
	ev->code = 0;
	d->msg_opcode = 0;
	d->reset_msg = 1;
	return WS_MESSAGE;
}

int
ws_decode(struct ws_decoder *d, const void *data, size_t len, size_t *used,
    struct ws_event *ev)
{
	const unsigned char *s = data;
	unsigned char *dst;
	size_t n, i;
	int r;

	*used = 0;
	memset(ev, 0, sizeof *ev);
	if (d->state == D_ERROR)
		return WS_ERROR;
	if (d->reset_msg) {
		buf_reset(&d->msg);
		d->utf8_ok = 0;
		d->reset_msg = 0;
	}
	if (d->closed) {		/* nothing may follow a close frame */
		*used = len;
		return WS_NEED;
	}
	while (*used < len || (d->state == D_PAYLOAD && d->pgot == d->plen)) {
		if (d->state == D_HEAD) {
			n = d->hneed - d->hlen;
			if (n > len - *used)
				n = len - *used;
			memcpy(d->hdr + d->hlen, s + *used, n);
			d->hlen += n;
			*used += n;
			if (d->hlen < d->hneed)
				return WS_NEED;
			if (d->hlen == 2 && (r = head2(d)) != 0)
				return r;
			if (d->hlen < d->hneed)
				continue;
			if (head_done(d) != 0)
				return WS_ERROR;
			continue;
		}
		/* D_PAYLOAD */
		n = (size_t)(d->plen - d->pgot);
		if (n > len - *used)
			n = len - *used;
		if (is_control(d->opcode)) {
			dst = d->ctl + d->pgot;
		} else {
			dst = (unsigned char *)d->msg.p + d->msg.len;
			d->msg.len += n;
			d->msg.p[d->msg.len] = '\0';
		}
		for (i = 0; i < n; i++)
			dst[i] = d->masked ? s[*used + i] ^ d->mask[(d->pgot + i) & 3] : s[*used + i];
		d->pgot += n;
		*used += n;
		if (d->pgot == d->plen) {
			r = frame_done(d, ev);
			if (r != WS_NEED)
				return r;
		}
	}
	return WS_NEED;
}

/* --- encoder -------------------------------------------------------------- */

int
ws_encode(struct buf *b, int opcode, int fin, const void *data, size_t len, int mask)
{
	unsigned char h[14], key[4];
	const unsigned char *s = data;
	size_t hl = 2, i;
	char *dst;

	if ((opcode > WS_BINARY && opcode < WS_CLOSE) || opcode > WS_PONG || opcode < 0 ||
	    (is_control(opcode) && (!fin || len > 125))) {
		errno = EINVAL;
		return -1;
	}
	h[0] = (unsigned char)((fin ? 0x80 : 0) | opcode);
	if (len < 126) {
		h[1] = (unsigned char)len;
	} else if (len <= 0xffff) {
		h[1] = 126;
		h[2] = (unsigned char)(len >> 8);
		h[3] = (unsigned char)len;
		hl = 4;
	} else {
		h[1] = 127;
		for (i = 0; i < 8; i++)
			h[2 + i] = (unsigned char)((uint64_t)len >> (56 - 8 * i));
		hl = 10;
	}
	if (mask) {
		if (ws_random(key, sizeof key) < 0)
			return -1;
		h[1] |= 0x80;
		memcpy(h + hl, key, 4);
		hl += 4;
	}
	if (buf_reserve(b, hl + len) < 0)
		return -1;
	buf_add(b, h, hl);
	dst = b->p + b->len;
	for (i = 0; i < len; i++)
		dst[i] = (char)(mask ? s[i] ^ key[i & 3] : s[i]);
	b->len += len;
	b->p[b->len] = '\0';
	return 0;
}

int
ws_encode_close(struct buf *b, int code, const char *reason, int mask)
{
	unsigned char p[125];
	size_t rl = reason ? strlen(reason) : 0;

	if (code == 0)
		return ws_encode(b, WS_CLOSE, 1, NULL, 0, mask);
	if (code < 1000 || code >= 5000 || rl > 123 || (rl && utf8_valid(reason, rl) != rl)) {
		errno = EINVAL;
		return -1;
	}
	p[0] = (unsigned char)(code >> 8);
	p[1] = (unsigned char)code;
	if (rl)
		memcpy(p + 2, reason, rl);
	return ws_encode(b, WS_CLOSE, 1, p, rl + 2, mask);
}
