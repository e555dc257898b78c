/* stream.c: the Pushbullet stream: a WebSocket client connection.
 *
 * ws:// is plain TCP; wss:// is this toolkit's RFC 6455 client over a
 * TLS byte stream that libcurl opens (CURLOPT_CONNECT_ONLY), so it works
 * whether or not the installed libcurl has WebSocket support of its own.
 * The URL holds the token: it never leaves this file unmasked. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "pbroute.h"

#ifndef TK_VERSION
#define TK_VERSION "0"
#endif

int
pb_stream_open(struct pb_stream *s, const char *url,
    const struct http_tls_opts *tls, int64_t deadline, int *status, char *why,
    size_t whylen, struct buf *rest)
{
	static const char *const hdrs[] = { "User-Agent: pbroute/" TK_VERSION, NULL };
	struct http_parser resp;
	struct http_url u;
	const char *w = NULL;
	int r;

	memset(s, 0, sizeof *s);
	s->conn.fd = -1;
	*status = 0;
	if (http_url_parse(url, &u, &w) < 0) {
		snprintf(why, whylen, "bad stream URL: %s", w);
		return -1;
	}
	if (strcmp(u.scheme, "ws") != 0 && strcmp(u.scheme, "wss") != 0) {
		http_url_free(&u);
		snprintf(why, whylen, "the stream URL must be ws:// or wss://");
		return -1;
	}
	r = ws_connect(&s->conn, &u, NULL, hdrs, tls, deadline, &resp, rest, &w);
	http_url_free(&u);
	if (r < 0) {
		*status = resp.status;
		if (resp.status && resp.status != 101)
			snprintf(why, whylen, "handshake refused: HTTP %d", resp.status);
		else
			snprintf(why, whylen, "%s", w ? w : strerror(errno));
		http_parser_free(&resp);
		return -1;
	}
	http_parser_free(&resp);
	ws_decoder_init(&s->dec, WS_CLIENT);
	s->dec.max_message = 4 << 20;
	s->open = 1;
	return 0;
}

void
pb_stream_close(struct pb_stream *s)
{
	if (s->open) {
		http_conn_close(&s->conn);
		ws_decoder_free(&s->dec);
	}
	buf_free(&s->early);
	s->open = 0;
}
