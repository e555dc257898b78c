/* ws_conn.c: a blocking WebSocket client handshake (see ws.h, ws_connect).
 *
 * Apart from ws.c so that servers using the decoder do not pull in the
 * TLS transport (and libcurl) when linked with libtk.a. */
#include <errno.h>
#include <string.h>

#include "http.h"
#include "ws.h"

int
ws_connect(struct http_conn *c, const struct http_url *u, const char *protocol,
    const char *const *headers, const struct http_tls_opts *tls, int64_t deadline,
    struct http_parser *resp, struct buf *rest, const char **why)
{
	struct http_parser own;
	struct buf req = BUF_INIT;
	char key[WS_KEY_LEN + 1], rb[4096];
	const char *body, *w = NULL;
	size_t off, used, blen;
	ssize_t n;
	int r, e;

	c->fd = -1;
	c->tls = NULL;
	if (resp == NULL)
		resp = &own;
	http_parser_init(resp, HTTP_RESPONSE);
	buf_reset(rest);
	if (ws_key_new(key) < 0 || ws_client_request(&req, u, key, protocol, headers) < 0) {
		e = errno;
		buf_free(&req);
		w = e == EINVAL ? "bad header for a request" : strerror(e);
		goto fail_noconn;
	}
	if (http_conn_open(c, u, tls, deadline, &w) < 0) {
		buf_free(&req);
		goto fail_noconn;
	}
	r = http_conn_write(c, req.p, req.len, deadline);
	buf_free(&req);
	if (r < 0)
		goto fail_io;
	for (;;) {
		n = http_conn_read(c, rb, sizeof rb, deadline);
		if (n < 0)
			goto fail_io;
		if (n == 0) {
			w = resp->status ? "connection closed after the answer" :
			    "connection closed without an answer";
			errno = ECONNRESET;
			goto fail;
		}
		for (off = 0;; off += used) {
			r = http_parse(resp, rb + off, (size_t)n - off, &used, &body, &blen);
			if (r == HTTP_NEED)
				break;
			if (r == HTTP_ERROR) {
				w = resp->why;
				errno = EPROTO;
				goto fail;
			}
			if (r == HTTP_HEAD && resp->status != 101) {
				ws_client_verify(resp, key, &w);
				goto fail;
			}
			if (r == HTTP_DONE) {
				off += used;
				if (ws_client_verify(resp, key, &w) < 0)
					goto fail;
				if (buf_add(rest, rb + off, (size_t)n - off) < 0) {
					w = strerror(errno);
					goto fail;
				}
				if (resp == &own)
					http_parser_free(&own);
				return 0;
			}
		}
	}
fail_io:
	w = errno == ETIMEDOUT ? "timed out" : strerror(errno);
fail:
	e = errno;
	http_conn_close(c);
	errno = e;
fail_noconn:
	if (resp == &own)
		http_parser_free(&own);
	if (why)
		*why = w;
	return -1;
}
