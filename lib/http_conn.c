/* http_conn.c: HTTP connections and a blocking exchange (see http.h).
 *
 * Apart from http.c so that programs using only the parser do not pull in
 * the TLS transport (and libcurl) when linked with libtk.a. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base64.h"
#include "http.h"
#include "io.h"
#include "net.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

/* --- connections ---------------------------------------------------------- */

int
http_conn_open(struct http_conn *c, const struct http_url *u,
    const struct http_tls_opts *tls, int64_t deadline, const char **why)
{
	c->fd = -1;
	c->tls = NULL;
	if (u->tls)
		return http_tls_open(c, u, tls, deadline, why);
	c->fd = net_connect_tcp(u->host, u->port, deadline, why);
	return c->fd < 0 ? -1 : 0;
}

ssize_t
http_conn_recv(struct http_conn *c, void *buf, size_t n)
{
	if (c->tls)
		return http_tls_recv(c, buf, n);
	return io_read(c->fd, buf, n);
}

ssize_t
http_conn_send(struct http_conn *c, const void *buf, size_t n)
{
	ssize_t r;

	if (c->tls)
		return http_tls_send(c, buf, n);
	do
		r = send(c->fd, buf, n, MSG_NOSIGNAL);
	while (r < 0 && errno == EINTR);
	return r;
}

ssize_t
http_conn_read(struct http_conn *c, void *buf, size_t n, int64_t deadline)
{
	ssize_t r;

	for (;;) {
		r = http_conn_recv(c, buf, n);
		if (r >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
			return r;
		if (net_wait(c->fd, POLLIN, deadline) <= 0)
			return -1;
	}
}

int
http_conn_write(struct http_conn *c, const void *buf, size_t n, int64_t deadline)
{
	const char *p = buf;
	ssize_t r;

	while (n > 0) {
		r = http_conn_send(c, p, n);
		if (r >= 0) {
			p += r;
			n -= (size_t)r;
			continue;
		}
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -1;
		if (net_wait(c->fd, POLLOUT, deadline) <= 0)
			return -1;
	}
	return 0;
}

void
http_conn_close(struct http_conn *c)
{
	if (c->tls)
		http_tls_close(c);
	else
		io_close(c->fd);
	c->fd = -1;
	c->tls = NULL;
}

/* --- a blocking exchange -------------------------------------------------- */

static int
has_header(const char *const *h, const char *name)
{
	size_t n = strlen(name);

	for (; h && *h; h++)
		if (strncasecmp(*h, name, n) == 0 && (*h)[n] == ':')
			return 1;
	return 0;
}

static int
build_request(struct http_exchange *x, struct buf *b)
{
	const struct http_url *u = x->url;
	const char *m = x->method ? x->method : "GET";
	const char *const *h;
	char hp[NET_HOST_MAX + 16], enc[BASE64_ENCLEN(512) + 1];
	struct buf cred = BUF_INIT;

	if (http_request_head(b, m, u->target, has_header(x->headers, "Host") ? NULL :
	    http_url_hostport(u, hp, sizeof hp)) < 0)
		return -1;
	for (h = x->headers; h && *h; h++)
		if (http_add_header_line(b, *h) < 0)
			return -1;
	if (u->userinfo && !has_header(x->headers, "Authorization")) {
		if (http_pct_decode(u->userinfo, strlen(u->userinfo), 0, &cred) < 0 ||
		    cred.len > 512) {
			buf_free(&cred);
			errno = EINVAL;
			return -1;
		}
		base64_encode(cred.p, cred.len, enc);
		buf_free(&cred);
		if (buf_printf(b, "Authorization: Basic %s\r\n", enc) < 0)
			return -1;
	}
	if ((x->req_len || strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0) &&
	    !has_header(x->headers, "Content-Length") &&
	    buf_printf(b, "Content-Length: %zu\r\n", x->req_len) < 0)
		return -1;
	if (!has_header(x->headers, "Connection") &&
	    buf_adds(b, "Connection: close\r\n") < 0)
		return -1;
	if (http_end_head(b) < 0)
		return -1;
	return x->req_len ? buf_add(b, x->req_body, x->req_len) : 0;
}

static int
xfail(struct http_exchange *x, const char *why)
{
	x->why = why;
	return -1;
}

int
http_exchange(struct http_exchange *x)
{
	struct http_conn c;
	struct buf req = BUF_INIT;
	char rb[16384];
	const char *body, *why = NULL;
	size_t off, used, blen;
	ssize_t n;
	int r, e;

	http_parser_init(&x->resp, HTTP_RESPONSE);
	x->resp.head_request = x->method && strcmp(x->method, "HEAD") == 0;
	x->resp.max_body = x->on_body ? 0 : x->max_body ? x->max_body : 1024 * 1024;
	memset(&x->body, 0, sizeof x->body);
	x->why = NULL;
	if (build_request(x, &req) < 0) {
		e = errno;
		buf_free(&req);
		errno = e;
		return xfail(x, e == EINVAL ? "bad header or URL for a request" : strerror(e));
	}
	if (http_conn_open(&c, x->url, x->tls, x->deadline, &why) < 0) {
		buf_free(&req);
		return xfail(x, why);
	}
	r = http_conn_write(&c, req.p, req.len, x->deadline);
	buf_free(&req);
	if (r < 0) {
		e = errno;
		http_conn_close(&c);
		errno = e;
		return xfail(x, e == ETIMEDOUT ? "timed out" : strerror(e));
	}
	for (;;) {
		n = http_conn_read(&c, rb, sizeof rb, x->deadline);
		if (n < 0) {
			e = errno;
			http_conn_close(&c);
			errno = e;
			return xfail(x, e == ETIMEDOUT ? "timed out" : strerror(e));
		}
		if (n == 0) {
			r = http_parse_eof(&x->resp);
			if (r == HTTP_NEED) {
				x->resp.why = "connection closed without a response";
				r = HTTP_ERROR;
			}
			goto out;
		}
		for (off = 0;; off += used) {
			r = http_parse(&x->resp, rb + off, (size_t)n - off, &used, &body, &blen);
			if (r == HTTP_NEED)
				break;
			if (r == HTTP_HEAD && x->head_only)
				goto out;
			if (r == HTTP_BODY) {
				if (x->on_body) {
					int k = x->on_body(x->arg, body, blen);
					if (k < 0) {
						http_conn_close(&c);
						return xfail(x, "stopped");
					}
					if (k > 0) {
						r = HTTP_DONE;
						goto out;
					}
				} else if (buf_add(&x->body, body, blen) < 0) {
					http_conn_close(&c);
					return xfail(x, strerror(errno));
				}
			}
			if (r == HTTP_DONE || r == HTTP_ERROR)
				goto out;
		}
	}
out:
	http_conn_close(&c);
	if (r == HTTP_ERROR) {
		errno = EPROTO;
		return xfail(x, x->resp.why);
	}
	return 0;
}

void
http_exchange_free(struct http_exchange *x)
{
	http_parser_free(&x->resp);
	buf_free(&x->body);
}
