/* http.h: HTTP/1.1 (RFC 9110, 9112): URLs, message heads, an incremental
 * parser for requests and responses, and a small blocking client.
 *
 * The parser does no I/O and has no policy: feed it the bytes as they
 * arrive, in pieces of any size, and it returns one event at a time:
 *
 *	struct http_parser p;
 *	http_parser_init(&p, HTTP_RESPONSE);	(or HTTP_REQUEST)
 *	while ((n = read(...)) > 0)
 *		for (off = 0;; off += used) {
 *			r = http_parse(&p, buf + off, n - off, &used, &body, &blen);
 *			HTTP_NEED: all of buf was used: read more
 *			HTTP_HEAD: p.status / p.method, http_header(&p, "Name")
 *			HTTP_BODY: blen bytes at body (they point into buf)
 *			HTTP_DONE: the message is complete; buf + off + used
 *			           is what follows it (the next message, or the
 *			           WebSocket stream after an upgrade)
 *			HTTP_ERROR: p.why, p.error_status (a server's reply)
 *		}
 *	at end of file: http_parse_eof(&p) (HTTP_DONE when the body ran
 *	to the close, HTTP_ERROR when the message was cut short)
 *
 * Call http_parse() until it returns HTTP_NEED (or HTTP_DONE or
 * HTTP_ERROR, which it then keeps returning, consuming nothing): a
 * message may end without more input (a head without a body), and a
 * call with len 0 is fine.
 *
 * Bodies are delimited by Content-Length, chunked transfer coding
 * (trailers are read and dropped) or, for responses, the connection's
 * close. Responses to HEAD (set p.head_request), 1xx, 204 and 304 have no
 * body. Interim 1xx responses (100 Continue, 103 Early Hints) are skipped;
 * 101 Switching Protocols ends the message at its head (p.upgrade).
 * Requests with both Transfer-Encoding and Content-Length, or a
 * Transfer-Encoding other than chunked, are refused (request smuggling).
 * Line ends may be CRLF or a bare LF; folded header lines are refused.
 * After HTTP_DONE, http_parser_reset() readies the parser for the next
 * message on a kept-alive connection (p.keep_alive says if it may be).
 *
 * Deadlines are absolute monotonic milliseconds, as in net.h. */
#ifndef TK_HTTP_H
#define TK_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "buf.h"

/* --- URLs ----------------------------------------------------------------- */

struct http_url {
	char scheme[8];		/* "http", "https", "ws" or "wss", lower case */
	char host[256];		/* name or address, IPv6 without brackets */
	unsigned port;		/* given, or the scheme's default */
	int tls;		/* https or wss */
	int ipv6;		/* host is an IPv6 literal */
	char *userinfo;		/* "user:pass" as written, or NULL */
	char *target;		/* path and query, "/" at least; no fragment */
};

/* Parse an absolute http, https, ws or wss URL. The scheme and host are
 * case-insensitive (stored lower case); the target may only hold visible
 * ASCII (percent-escapes must be well formed). Returns 0, or -1 with *why
 * (and nothing to free). Free with http_url_free(). */
int http_url_parse(const char *s, struct http_url *u, const char **why);
void http_url_free(struct http_url *u);
/* A reference (a Location header) resolved against base: an absolute
 * URL, "//host/path", "/path", "path" or "?query". */
int http_url_resolve(const struct http_url *base, const char *ref,
    struct http_url *out, const char **why);
/* The Host header value: "host", "host:port" when the port is not the
 * default, brackets around IPv6. Returns buf. */
const char *http_url_hostport(const struct http_url *u, char *buf, size_t len);
/* The URL back as text (without userinfo) into b. */
int http_url_format(const struct http_url *u, struct buf *b);

/* Percent-decode n bytes of s into out (replacing its contents), '+'
 * meaning a space when plus. Returns 0, or -1 (EINVAL: a bad escape). */
int http_pct_decode(const char *s, size_t n, int plus, struct buf *out);
/* Percent-decode the value of the first NAME=VALUE parameter of the query
 * in target ("/ws?api_key=x&a=b"), '+' meaning a space. Returns 1 and
 * stores the value in out (replacing its contents), 0 when absent, -1 on
 * a malformed escape or ENOMEM. */
int http_query_param(const char *target, const char *name, struct buf *out);

/* --- building messages ---------------------------------------------------- */

/* "METHOD TARGET HTTP/1.1\r\nHost: HOST\r\n" (host NULL: no Host line). */
int http_request_head(struct buf *b, const char *method, const char *target,
    const char *host);
/* "HTTP/1.1 STATUS REASON\r\n" (reason NULL: the standard one). */
int http_response_head(struct buf *b, int status, const char *reason);
/* "NAME: VALUE\r\n". Returns -1 with errno EINVAL when the name is not a
 * token or the value holds CR, LF or NUL (header injection). */
int http_add_header(struct buf *b, const char *name, const char *value);
/* A header given whole as "Name: value" (a --header option). */
int http_add_header_line(struct buf *b, const char *line);
/* The empty line that ends a head. */
int http_end_head(struct buf *b);
/* The standard reason phrase ("Not Found"), "Unknown" if none. */
const char *http_reason(int status);
/* Whether s is a valid "Name: value" header line (for option checking). */
int http_header_line_ok(const char *line);

/* --- parsing -------------------------------------------------------------- */

enum { HTTP_REQUEST, HTTP_RESPONSE };

enum {			/* http_parse() results */
	HTTP_NEED,	/* all the input was used; give more */
	HTTP_HEAD,	/* the head is complete */
	HTTP_BODY,	/* a piece of the body */
	HTTP_DONE,	/* the message is complete */
	HTTP_ERROR	/* p.why; the connection is unusable */
};

enum { HTTP_BODY_NONE, HTTP_BODY_LENGTH, HTTP_BODY_CHUNKED, HTTP_BODY_CLOSE };

struct http_header {
	const char *name;	/* as received; compare case-insensitively */
	const char *value;	/* leading and trailing blanks removed */
};

struct http_parser {
	/* Set by the caller (defaults from http_parser_init). */
	size_t max_head;	/* bytes in the start line and headers: 64 KiB */
	size_t max_headers;	/* header lines: 100 */
	uint64_t max_body;	/* 0: no limit */
	int head_request;	/* a response to HEAD: no body */

	/* The message, valid from HTTP_HEAD on. */
	int version;		/* 10 or 11 */
	int status;		/* responses */
	const char *reason;
	const char *method;	/* requests */
	const char *target;
	struct http_header *headers;
	size_t nheaders;
	int body;		/* HTTP_BODY_* */
	int64_t content_length;	/* -1 when not given */
	int keep_alive;		/* the connection may carry another message */
	int upgrade;		/* 101 response, or a request asking to upgrade */
	uint64_t body_len;	/* body bytes delivered so far */

	const char *why;	/* after HTTP_ERROR */
	int error_status;	/* after HTTP_ERROR on a request: 400, 413, 431, 501 */

	/* Private. */
	int kind, state;
	struct buf head;	/* the head bytes, then split in place */
	size_t line_start;	/* where the current line starts in head */
	uint64_t left;		/* body or chunk bytes still due */
	size_t linelen;		/* length of a chunk-size or trailer line */
	size_t cap_headers;
};

void http_parser_init(struct http_parser *p, int kind);
/* Forget the message (keep the limits and memory) for the next one. */
void http_parser_reset(struct http_parser *p);
void http_parser_free(struct http_parser *p);
/* Parse from data; *used says how much was consumed. A result other than
 * HTTP_NEED may leave input unused: call again with the rest. */
int http_parse(struct http_parser *p, const void *data, size_t len,
    size_t *used, const char **body, size_t *blen);
/* The peer closed the connection: HTTP_DONE if that ends the message (a
 * close-delimited body), HTTP_NEED when no byte of a message had come
 * (a kept-alive connection closed between messages), else HTTP_ERROR. */
int http_parse_eof(struct http_parser *p);

/* The value of the first header called name (case-insensitive), or NULL. */
const char *http_header(const struct http_parser *p, const char *name);
/* Whether any header called name lists token in its comma-separated
 * value (case-insensitive): http_header_has(p, "Connection", "upgrade"). */
int http_header_has(const struct http_parser *p, const char *name, const char *token);

/* --- connections ---------------------------------------------------------- */

/* A byte stream to a server: a plain TCP socket, or TLS through libcurl
 * (https, wss) when built with it. fd is always the socket, for poll(2).
 * With TLS, decrypted bytes may wait inside the library while the socket
 * is not readable: read until EAGAIN before polling again. */
struct http_conn {
	int fd;
	void *tls;		/* the libcurl handle, or NULL */
};

struct http_tls_opts {
	const char *cacert;	/* a CA bundle file (PEM) to trust instead */
	int insecure;		/* do not verify the peer (testing only) */
};

/* Connect to u's host and port, with TLS when u->tls. Returns 0, or -1
 * with *why ("built without libcurl" when TLS is not available: errno
 * ENOTSUP). */
int http_conn_open(struct http_conn *c, const struct http_url *u,
    const struct http_tls_opts *tls, int64_t deadline, const char **why);
/* Non-blocking: bytes read, 0 at end of file, -1 (EAGAIN: nothing yet). */
ssize_t http_conn_recv(struct http_conn *c, void *buf, size_t n);
/* Non-blocking: bytes written, or -1 (EAGAIN: try when writable). */
ssize_t http_conn_send(struct http_conn *c, const void *buf, size_t n);
/* Blocking with a deadline: read some bytes (0 at end of file), or write
 * them all. -1 with errno ETIMEDOUT when the deadline passed. */
ssize_t http_conn_read(struct http_conn *c, void *buf, size_t n, int64_t deadline);
int http_conn_write(struct http_conn *c, const void *buf, size_t n, int64_t deadline);
void http_conn_close(struct http_conn *c);

/* The TLS transport (lib/http_curl.c); http_conn_* call these. */
int http_tls_open(struct http_conn *c, const struct http_url *u,
    const struct http_tls_opts *tls, int64_t deadline, const char **why);
ssize_t http_tls_recv(struct http_conn *c, void *buf, size_t n);
ssize_t http_tls_send(struct http_conn *c, const void *buf, size_t n);
void http_tls_close(struct http_conn *c);
/* 1 when built with libcurl. */
int http_tls_available(void);

/* --- a blocking exchange -------------------------------------------------- */

/* One request and its response on a new connection, within deadline.
 * headers: NULL-terminated "Name: value" lines added to the request
 * (Host, Connection: close, Content-Length and, for userinfo in the URL,
 * Authorization: Basic are added unless given). The body goes to on_body
 * when set (return -1 there to stop: the exchange fails with why "stopped";
 * 1 to stop reading: it succeeds), else into x->body up to max_body bytes
 * (more is an error). With head_only the exchange ends, successfully, as
 * soon as the response head has come; the body is not read. */
struct http_exchange {
	const char *method;		/* NULL: GET */
	const struct http_url *url;
	const char *const *headers;
	const void *req_body;
	size_t req_len;
	const struct http_tls_opts *tls;
	uint64_t max_body;		/* 0: 1 MiB */
	int64_t deadline;
	int (*on_body)(void *arg, const char *data, size_t n);
	void *arg;
	int head_only;

	struct http_parser resp;	/* the response head, after the call */
	struct buf body;
	const char *why;
};

/* Returns 0 when a whole response came (whatever its status), -1 with
 * x->why (and errno) otherwise. Free with http_exchange_free(). */
int http_exchange(struct http_exchange *x);
void http_exchange_free(struct http_exchange *x);

#endif
