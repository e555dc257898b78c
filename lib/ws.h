/* ws.h: WebSocket (RFC 6455): handshake, frame decoder and encoder.
 *
 * Role-neutral and without I/O policy, like http.h: the handshake helpers
 * build and check HTTP heads (parsed with lib/http), the decoder takes
 * bytes as they arrive and returns one event at a time, the encoder
 * appends frames to a buffer. A client masks what it sends and expects
 * unmasked frames; a server the reverse. No extensions are negotiated.
 *
 * Client:
 *	ws_key_new(key);
 *	ws_client_request(&b, &url, key, NULL, extra_headers);  send b
 *	parse the response with an HTTP_RESPONSE parser, then
 *	ws_client_verify(&parser, key, &why); the bytes after the head are
 *	the first frames.
 *	(or ws_connect() does all this, blocking with a deadline)
 * Server:
 *	parse the request with an HTTP_REQUEST parser; p.upgrade says it asks
 *	for one; ws_server_verify(&p, accept, &why) gives the status to reply
 *	with: 0 (accept: send ws_server_response()), 400, 426 (send
 *	"Sec-WebSocket-Version: 13" with it).
 * Both:
 *	struct ws_decoder d; ws_decoder_init(&d, WS_SERVER or WS_CLIENT);
 *	for (off = 0;; off += used) {
 *		r = ws_decode(&d, buf + off, n - off, &used, &ev);
 *		WS_NEED: read more; WS_MESSAGE: ev.opcode (WS_TEXT or
 *		WS_BINARY), ev.data, ev.len, whole (fragments are joined); WS_PING:
 *		answer with a pong carrying ev.data; WS_PONG; WS_CLOSE: ev.code
 *		(1005 when the frame had none), ev.data the reason: answer with a
 *		close frame, then close the connection; WS_ERROR: d.why, and
 *		d.close_code to send in the close frame (1002 protocol error,
 *		1007 bad UTF-8, 1009 too big) before closing.
 *	}
 *	ws_encode(&b, WS_TEXT, 1, data, len, d.role == WS_CLIENT)...
 *
 * ev.data stays valid until the next call on the decoder. Text messages
 * and close reasons are checked to be UTF-8 (an incomplete sequence at
 * the end of a fragment may be completed by the next one). */
#ifndef TK_WS_H
#define TK_WS_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "http.h"

#define WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
#define WS_KEY_LEN 24		/* base64 of 16 random bytes */
#define WS_ACCEPT_LEN 28	/* base64 of a SHA-1 digest */

enum { WS_CLIENT, WS_SERVER };

/* Opcodes. */
enum { WS_CONT = 0, WS_TEXT = 1, WS_BINARY = 2, WS_CLOSE = 8, WS_PING = 9, WS_PONG = 10 };

/* Close codes (RFC 6455 7.4.1). */
enum {
	WS_CLOSE_NORMAL = 1000, WS_CLOSE_GOING_AWAY = 1001,
	WS_CLOSE_PROTOCOL = 1002, WS_CLOSE_UNSUPPORTED = 1003,
	WS_CLOSE_NO_STATUS = 1005, WS_CLOSE_ABNORMAL = 1006,
	WS_CLOSE_BAD_DATA = 1007, WS_CLOSE_POLICY = 1008,
	WS_CLOSE_TOO_BIG = 1009, WS_CLOSE_EXTENSION = 1010,
	WS_CLOSE_INTERNAL = 1011
};

/* ws_decode() results (besides WS_MESSAGE, WS_PING, WS_PONG, WS_CLOSE,
 * which reuse the opcode values WS_TEXT... so a switch reads well). */
enum { WS_NEED = -1, WS_ERROR = -2, WS_MESSAGE = 3 };

/* Fill buf with n bytes from the system's random source. 0 or -1. */
int ws_random(void *buf, size_t n);

/* A new random Sec-WebSocket-Key (NUL-terminated). 0 or -1. */
int ws_key_new(char key[WS_KEY_LEN + 1]);
/* Sec-WebSocket-Accept for a key: base64(SHA-1(key GUID)). */
void ws_accept(const char *key, char out[WS_ACCEPT_LEN + 1]);

/* The client's upgrade request for u (ws, wss, http or https) into b:
 * GET, Host, Upgrade, Connection, Sec-WebSocket-Key, -Version: 13, an
 * optional Sec-WebSocket-Protocol, then headers ("Name: value", NULL
 * ended), then the empty line. Returns 0, or -1 (EINVAL: a bad header). */
int ws_client_request(struct buf *b, const struct http_url *u, const char *key,
    const char *protocol, const char *const *headers);
/* Check the server's response head: 101, Upgrade: websocket, Connection:
 * upgrade, the right Sec-WebSocket-Accept, no extension. 0 or -1 *why. */
int ws_client_verify(const struct http_parser *resp, const char *key, const char **why);

/* Check a request head for a valid upgrade. Returns 0 and fills accept, or
 * the HTTP status to refuse with (400, or 426 for another version), *why. */
int ws_server_verify(const struct http_parser *req, char accept[WS_ACCEPT_LEN + 1],
    const char **why);
/* "101 Switching Protocols" with the accept key (and protocol, when not
 * NULL), ended by the empty line. */
int ws_server_response(struct buf *b, const char *accept, const char *protocol);

struct ws_event {
	int opcode;		/* WS_TEXT, WS_BINARY, WS_PING, WS_PONG, WS_CLOSE */
	const char *data;
	size_t len;
	int code;		/* WS_CLOSE: the status code, 1005 if none */
};

struct ws_decoder {
	int role;		/* WS_CLIENT or WS_SERVER */
	size_t max_message;	/* payload limit of a (joined) message: 1 MiB */
	int close_code;		/* after WS_ERROR: the code to close with */
	const char *why;
	int closed;		/* a close frame was received */

	/* Private. */
	int state;
	unsigned char hdr[14];
	size_t hlen, hneed;
	int fin, opcode, masked;
	unsigned char mask[4];
	uint64_t plen, pgot;
	int msg_opcode;		/* the data frame being joined, 0 if none */
	struct buf msg;		/* its payload so far */
	size_t utf8_ok;		/* bytes of msg known to be valid UTF-8 */
	unsigned char ctl[125];	/* a control frame's payload */
	int reset_msg;		/* drop msg at the next call */
};

void ws_decoder_init(struct ws_decoder *d, int role);
void ws_decoder_free(struct ws_decoder *d);
int ws_decode(struct ws_decoder *d, const void *data, size_t len, size_t *used,
    struct ws_event *ev);

/* Append one frame. mask: 1 for a client (a fresh random key). Control
 * frames (close, ping, pong) must be final and at most 125 bytes.
 * Returns 0, or -1 (EINVAL, ENOMEM, or the random source failing). */
int ws_encode(struct buf *b, int opcode, int fin, const void *data, size_t len, int mask);
/* A close frame with code (0: no code, no reason) and reason (UTF-8, at
 * most 123 bytes; NULL for none). */
int ws_encode_close(struct buf *b, int code, const char *reason, int mask);

/* A blocking client handshake on a new connection: connect to u (TLS for
 * wss and https), send the request, read and check the response. On
 * success returns 0 with *c open and the bytes that came after the head
 * in rest (frames already sent by the server). On failure returns -1 with
 * *why; resp (if not NULL, initialised by the call, free it with
 * http_parser_free) holds the response head when one came. */
int ws_connect(struct http_conn *c, const struct http_url *u, const char *protocol,
    const char *const *headers, const struct http_tls_opts *tls, int64_t deadline,
    struct http_parser *resp, struct buf *rest, const char **why);

#endif
