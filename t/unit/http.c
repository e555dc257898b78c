/* t/unit/http.c: URLs, heads, the incremental parser and the blocking
 * exchange against a forked loopback server (lib/http.c, http_conn.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "http.h"
#include "io.h"
#include "net.h"
#include "tap.h"
#include "tstamp.h"

/* --- URLs ----------------------------------------------------------------- */

static void
url_ok(const char *s, const char *scheme, const char *host, unsigned port,
    const char *target)
{
	struct http_url u;
	const char *why = NULL;
	int r = http_url_parse(s, &u, &why);

	if (!ok(r == 0 && strcmp(u.scheme, scheme) == 0 && strcmp(u.host, host) == 0 &&
	    u.port == port && strcmp(u.target, target) == 0, "url %s", s)) {
		if (r == 0)
			printf("#   got %s %s %u %s\n", u.scheme, u.host, u.port, u.target);
		else
			printf("#   why %s\n", why);
	}
	if (r == 0)
		http_url_free(&u);
}

static void
url_bad(const char *s, const char *why_part)
{
	struct http_url u;
	const char *why = NULL;
	int r = http_url_parse(s, &u, &why);

	if (!ok(r < 0 && why && strstr(why, why_part), "bad url '%s': %s", s, why_part))
		printf("#   r=%d why=%s\n", r, why ? why : "");
	if (r == 0)
		http_url_free(&u);
}

static void
resolve(const char *base, const char *ref, const char *want)
{
	struct http_url b, o;
	struct buf t = BUF_INIT;
	const char *why = NULL;

	if (http_url_parse(base, &b, &why) < 0) {
		ok(0, "base %s: %s", base, why);
		return;
	}
	if (http_url_resolve(&b, ref, &o, &why) < 0) {
		ok(0, "resolve %s against %s: %s", ref, base, why);
		http_url_free(&b);
		return;
	}
	http_url_format(&o, &t);
	is_str(t.p, want, "resolve '%s' against %s", ref, base);
	buf_free(&t);
	http_url_free(&o);
	http_url_free(&b);
}

static void
test_urls(void)
{
	struct http_url u;
	struct buf b = BUF_INIT;
	char hp[300];
	const char *why;

	url_ok("http://example.com", "http", "example.com", 80, "/");
	url_ok("HTTP://Example.COM:8080/a/b?c=d#frag", "http", "example.com", 8080, "/a/b?c=d");
	url_ok("https://h/", "https", "h", 443, "/");
	url_ok("ws://127.0.0.1:9/ws", "ws", "127.0.0.1", 9, "/ws");
	url_ok("wss://[::1]:8443/x", "wss", "::1", 8443, "/x");
	url_ok("http://h?q=1", "http", "h", 80, "/?q=1");
	url_ok("http://h:/p", "http", "h", 80, "/p");
	url_ok("http://user:pw@h/p%20q", "http", "h", 80, "/p%20q");
	url_bad("ftp://h/", "scheme");
	url_bad("mailto:x@y", "scheme");
	url_bad("example.com/x", "absolute");
	url_bad("http:///x", "missing host");
	url_bad("http://h:0/", "port");
	url_bad("http://h:65536/", "port");
	url_bad("http://h:8o/", "port");
	url_bad("http://[::1/", "host");
	url_bad("http://[nope]/", "host");
	url_bad("http://a b/", "space");
	url_bad("http://h/a b", "space");
	url_bad("http://h/%zz", "escape");
	url_bad("http://h/%4", "escape");
	url_bad("http://h\x01/", "control");
	url_bad("http://h*x/", "host");

	ok(http_url_parse("http://u%40x:p@h:81/", &u, &why) == 0 &&
	    strcmp(u.userinfo, "u%40x:p") == 0, "userinfo kept");
	is_str(http_url_hostport(&u, hp, sizeof hp), "h:81", "host:port when not default");
	http_url_format(&u, &b);
	is_str(b.p, "http://h:81/", "format drops userinfo");
	http_url_free(&u);
	ok(http_url_parse("https://[::1]/", &u, &why) == 0 && u.ipv6 && u.tls, "ipv6 tls");
	is_str(http_url_hostport(&u, hp, sizeof hp), "[::1]", "ipv6 host header");
	http_url_free(&u);

	resolve("http://h/a/b?x", "/c", "http://h/c");
	resolve("http://h/a/b?x", "c?d", "http://h/a/c?d");
	resolve("http://h/a/b?x", "?y", "http://h/a/b?y");
	resolve("http://h/a/b?x", "//o:8/z", "http://o:8/z");
	resolve("http://h/a/b", "https://s/t#f", "https://s/t");
	resolve("http://h:81/a/", "", "http://h:81/a/");

	ok(http_query_param("/ws?api_key=s%20e+cr&x=1", "api_key", &b) == 1 &&
	    strcmp(b.p, "s e cr") == 0, "query param decoded");
	ok(http_query_param("/ws?x=1;flag&y", "flag", &b) == 1 && b.len == 0, "flag without value");
	ok(http_query_param("/ws?api_keyx=1", "api_key", &b) == 0, "prefix is not a match");
	ok(http_query_param("/ws#api_key=1", "api_key", &b) == 0, "fragment ignored");
	ok(http_query_param("/ws?k=%G1", "k", &b) == -1, "bad escape");
	buf_free(&b);
}

/* --- building ------------------------------------------------------------- */

static void
test_build(void)
{
	struct buf b = BUF_INIT;

	ok(http_request_head(&b, "GET", "/x?y", "h:8") == 0 &&
	    http_add_header(&b, "Accept", "*/*") == 0 &&
	    http_add_header_line(&b, "X-Test :  v w  ") == -1 &&
	    http_add_header_line(&b, "X-Test:  v w  ") == 0 && http_end_head(&b) == 0,
	    "request head built");
	is_str(b.p, "GET /x?y HTTP/1.1\r\nHost: h:8\r\nAccept: */*\r\nX-Test: v w\r\n\r\n",
	    "request head text");
	buf_reset(&b);
	errno = 0;
	ok(http_add_header(&b, "X", "a\r\nInjected: 1") == -1 && errno == EINVAL &&
	    b.len == 0, "CRLF in a value refused");
	ok(http_add_header(&b, "Bad Name", "v") == -1, "space in a name refused");
	ok(http_request_head(&b, "GET", "/a b", NULL) == -1, "space in a target refused");
	ok(!http_header_line_ok("NoColon") && !http_header_line_ok(": v") &&
	    http_header_line_ok("K:") && http_header_line_ok("K: v"), "header line check");
	ok(http_response_head(&b, 404, NULL) == 0, "response head");
	is_str(b.p, "HTTP/1.1 404 Not Found\r\n", "response line");
	is_str(http_reason(799), "Unknown", "unknown reason");
	buf_free(&b);
}

/* --- parsing -------------------------------------------------------------- */

struct run {
	struct buf log;		/* "HEAD 200|BODY 5|DONE" */
	struct buf body;
	int last;
	const char *why;
	int error_status;
	size_t rest;		/* bytes left after DONE */
};

/* Feed in in pieces of step bytes (0: all at once); then EOF if eof. */
static void
run(struct run *r, int kind, const char *in, size_t len, size_t step, int eof,
    int head_request, struct http_parser *keep)
{
	struct http_parser p;
	const char *body;
	size_t off = 0, n, used, blen, k;
	int ev = HTTP_NEED;

	memset(r, 0, sizeof *r);
	http_parser_init(&p, kind);
	p.head_request = head_request;
	if (len == (size_t)-1)
		len = strlen(in);
	while (off < len) {
		n = step && step < len - off ? step : len - off;
		for (k = 0;; k += used) {
			ev = http_parse(&p, in + off + k, n - k, &used, &body, &blen);
			if (ev == HTTP_NEED)
				break;
			if (ev == HTTP_HEAD)
				buf_printf(&r->log, "HEAD %d|", kind == HTTP_RESPONSE ? p.status : 0);
			if (ev == HTTP_BODY)
				buf_add(&r->body, body, blen);
			if (ev == HTTP_DONE || ev == HTTP_ERROR) {
				r->rest = len - off - k - used;
				goto out;
			}
		}
		off += n;
	}
	if (eof) {
		ev = http_parse_eof(&p);
		if (ev == HTTP_NEED)
			buf_adds(&r->log, "IDLE|");
	}
out:
	if (ev == HTTP_DONE)
		buf_adds(&r->log, "DONE");
	else if (ev == HTTP_ERROR)
		buf_adds(&r->log, "ERROR");
	else
		buf_adds(&r->log, "NEED");
	r->last = ev;
	r->why = p.why;
	r->error_status = p.error_status;
	if (keep)
		*keep = p;
	else
		http_parser_free(&p);
}

static void
run_free(struct run *r)
{
	buf_free(&r->log);
	buf_free(&r->body);
}

/* The same result whatever the pieces. */
static void
resp(const char *title, const char *in, int eof, const char *log, const char *body)
{
	static const size_t steps[] = { 0, 1, 2, 3, 7, 64 };
	struct run r;
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		run(&r, HTTP_RESPONSE, in, (size_t)-1, steps[i], eof, 0, NULL);
		if (!ok(strcmp(r.log.p, log) == 0 && strcmp(r.body.p ? r.body.p : "", body) == 0,
		    "%s (pieces of %zu)", title, steps[i]))
			printf("#   log '%s' body '%s' why %s\n", r.log.p,
			    r.body.p ? r.body.p : "", r.why ? r.why : "");
		run_free(&r);
	}
}

static void
req(const char *title, const char *in, const char *log, const char *body, int status)
{
	static const size_t steps[] = { 0, 1, 5 };
	struct run r;
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		run(&r, HTTP_REQUEST, in, (size_t)-1, steps[i], 0, 0, NULL);
		if (!ok(strcmp(r.log.p, log) == 0 && strcmp(r.body.p ? r.body.p : "", body) == 0 &&
		    r.error_status == status, "%s (pieces of %zu)", title, steps[i]))
			printf("#   log '%s' body '%s' why %s status %d\n", r.log.p,
			    r.body.p ? r.body.p : "", r.why ? r.why : "", r.error_status);
		run_free(&r);
	}
}

static void
test_responses(void)
{
	struct run r;
	struct http_parser p;
	const char *s;

	resp("content-length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello",
	    0, "HEAD 200|DONE", "hello");
	resp("content-length zero", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
	    0, "HEAD 200|DONE", "");
	resp("chunked with extensions and trailers",
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-T: 1\r\n\r\n",
	    0, "HEAD 200|DONE", "helloabcdefghijklmnopqrstuvwxyz");
	resp("chunked with bare LF", "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n"
	    "3\nabc\n0\n\n", 0, "HEAD 200|DONE", "abc");
	resp("close-delimited", "HTTP/1.0 200 OK\r\n\r\nuntil the end", 1,
	    "HEAD 200|DONE", "until the end");
	resp("close-delimited without EOF yet", "HTTP/1.1 200 OK\r\n\r\nsome", 0,
	    "HEAD 200|NEED", "some");
	resp("204 has no body", "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n",
	    0, "HEAD 204|DONE", "");
	resp("304 has no body", "HTTP/1.1 304 Not Modified\r\n\r\n", 0, "HEAD 304|DONE", "");
	resp("100 continue skipped", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\n"
	    "Content-Length: 2\r\n\r\nok", 0, "HEAD 201|DONE", "ok");
	resp("status line without reason", "HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n", 0,
	    "HEAD 404|DONE", "");
	resp("leading empty line", "\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", 0,
	    "HEAD 200|DONE", "x");
	resp("transfer-encoding wins over length",
	    "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "1\r\nx\r\n0\r\n\r\n", 0, "HEAD 200|DONE", "x");
	resp("identical duplicate lengths",
	    "HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nab", 0,
	    "HEAD 200|DONE", "ab");
	resp("cut short", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", 1,
	    "HEAD 200|ERROR", "hel");
	resp("cut in the head", "HTTP/1.1 200 OK\r\nContent-", 1, "ERROR", "");
	resp("closed before anything", "", 1, "IDLE|NEED", "");
	resp("conflicting lengths",
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nab", 0, "ERROR", "");
	resp("negative length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 0, "ERROR", "");
	resp("huge length", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
	    0, "ERROR", "");
	resp("bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
	    0, "HEAD 200|ERROR", "");
	resp("chunk longer than said", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "2\r\nabc\r\n", 0, "HEAD 200|ERROR", "ab");
	resp("huge chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "ffffffffffffffffff\r\n", 0, "HEAD 200|ERROR", "");
	resp("folded header", "HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n", 0, "ERROR", "");
	resp("space before colon", "HTTP/1.1 200 OK\r\nX : a\r\n\r\n", 0, "ERROR", "");
	resp("not HTTP", "SSH-2.0-OpenSSH\r\n\r\n", 0, "ERROR", "");
	resp("HTTP/2 status line", "HTTP/2.0 200 OK\r\n\r\n", 0, "ERROR", "");
	resp("two-digit status", "HTTP/1.1 20 OK\r\n\r\n", 0, "ERROR", "");

	run(&r, HTTP_RESPONSE, "HTTP/1.1 200 OK\r\nX: a\0b\r\n\r\n", 27, 0, 0, 0, NULL);
	is_str(r.log.p, "ERROR", "NUL in head");
	run_free(&r);

	/* HEAD responses carry a length but no body. */
	run(&r, HTTP_RESPONSE, "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n", (size_t)-1,
	    0, 0, 1, NULL);
	is_str(r.log.p, "HEAD 200|DONE", "response to HEAD has no body");
	run_free(&r);

	/* 101: the message ends at the head; what follows is the new protocol. */
	s = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\n\r\n\x81\x02hi";
	run(&r, HTTP_RESPONSE, s, strlen(s), 0, 0, 0, &p);
	ok(strcmp(r.log.p, "HEAD 101|DONE") == 0 && r.rest == 4 && p.upgrade,
	    "101 leaves the frames to the caller");
	ok(http_header_has(&p, "connection", "UPGRADE") && !http_header_has(&p, "Connection", "up"),
	    "token lists");
	is_str(http_header(&p, "upgrade"), "websocket", "header lookup ignores case");
	ok(http_header(&p, "Missing") == NULL, "missing header");
	http_parser_free(&p);
	run_free(&r);

	/* Keep-alive: two responses on one connection. */
	s = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 200 OK\r\n"
	    "Content-Length: 1\r\nConnection: close\r\n\r\nb";
	run(&r, HTTP_RESPONSE, s, strlen(s), 0, 0, 0, &p);
	ok(p.keep_alive && r.rest == strlen(s) - 39, "first message keeps the connection");
	http_parser_reset(&p);
	{
		const char *b, *in = s + strlen(s) - r.rest;
		size_t used, bl;
		ok(http_parse(&p, in, r.rest, &used, &b, &bl) == HTTP_HEAD && !p.keep_alive,
		    "second message after reset, Connection: close");
		in += used;
		ok(http_parse(&p, in, 1, &used, &b, &bl) == HTTP_BODY && bl == 1 && *b == 'b',
		    "second body");
		ok(http_parse(&p, in + 1, 0, &used, &b, &bl) == HTTP_DONE, "second done with no input");
		ok(http_parse(&p, "junk", 4, &used, &b, &bl) == HTTP_DONE && used == 0,
		    "done consumes nothing");
	}
	http_parser_free(&p);
	run_free(&r);

	/* HTTP/1.0 closes unless asked. */
	run(&r, HTTP_RESPONSE, "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", (size_t)-1,
	    0, 0, 0, &p);
	ok(!p.keep_alive && p.version == 10, "HTTP/1.0 does not keep alive");
	http_parser_free(&p);
	run_free(&r);

	/* Limits. */
	{
		struct buf big = BUF_INIT;
		int i;
		buf_adds(&big, "HTTP/1.1 200 OK\r\n");
		for (i = 0; i < 150; i++)
			buf_printf(&big, "X-%d: v\r\n", i);
		buf_adds(&big, "\r\n");
		run(&r, HTTP_RESPONSE, big.p, big.len, 0, 0, 0, NULL);
		ok(r.last == HTTP_ERROR && strstr(r.why, "too many"), "too many headers");
		run_free(&r);
		buf_reset(&big);
		buf_adds(&big, "HTTP/1.1 200 OK\r\nX: ");
		for (i = 0; i < 70000; i++)
			buf_addc(&big, 'a');
		run(&r, HTTP_RESPONSE, big.p, big.len, 1000, 0, 0, NULL);
		ok(r.last == HTTP_ERROR && strstr(r.why, "too large"), "head too large");
		run_free(&r);
		buf_free(&big);
	}
	http_parser_init(&p, HTTP_RESPONSE);
	p.max_body = 3;
	{
		const char *b, *in = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd";
		size_t used, bl;
		ok(http_parse(&p, in, strlen(in), &used, &b, &bl) == HTTP_ERROR &&
		    strstr(p.why, "too large"), "max_body with a length");
	}
	http_parser_free(&p);
	http_parser_init(&p, HTTP_RESPONSE);
	p.max_body = 3;
	{
		const char *b, *in = "HTTP/1.1 200 OK\r\n\r\nabcd";
		size_t used, bl, off = 0;
		int ev;
		while ((ev = http_parse(&p, in + off, strlen(in) - off, &used, &b, &bl)) != HTTP_NEED &&
		    ev != HTTP_ERROR)
			off += used;
		ok(ev == HTTP_ERROR, "max_body when close-delimited");
	}
	http_parser_free(&p);
}

static void
test_requests(void)
{
	struct run r;
	struct http_parser p;

	req("simple GET", "GET /status HTTP/1.1\r\nHost: x\r\n\r\n", "HEAD 0|DONE", "", 0);
	req("leading CRLF ignored", "\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n", "HEAD 0|DONE", "", 0);
	req("POST with length", "POST /j HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
	    "HEAD 0|DONE", "abc", 0);
	req("chunked POST", "POST /j HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "2\r\nab\r\n0\r\n\r\n", "HEAD 0|DONE", "ab", 0);
	req("HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", "HEAD 0|DONE", "", 0);
	req("missing Host", "GET / HTTP/1.1\r\n\r\n", "ERROR", "", 400);
	req("TE and CL together", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n", "ERROR", "", 400);
	req("unknown coding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
	    "ERROR", "", 501);
	req("chunked twice", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n",
	    "ERROR", "", 501);
	req("TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", "ERROR", "", 400);
	req("bad request line", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", "ERROR", "", 400);
	req("no version", "GET /\r\nHost: x\r\n\r\n", "ERROR", "", 400);
	req("HTTP/2", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", "ERROR", "", 505);
	req("space in target", "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n", "ERROR", "", 400);
	req("bad method", "G(T / HTTP/1.1\r\nHost: x\r\n\r\n", "ERROR", "", 400);
	req("CR inside a line", "GET / HTTP/1.1\r\nHost: x\rY\r\n\r\n", "ERROR", "", 400);

	run(&r, HTTP_REQUEST, "GET /ws?k=1 HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
	    "Connection: keep-alive, Upgrade\r\n\r\n", (size_t)-1, 0, 0, 0, &p);
	ok(r.last == HTTP_DONE && p.upgrade && strcmp(p.method, "GET") == 0 &&
	    strcmp(p.target, "/ws?k=1") == 0 && p.version == 11 && p.keep_alive,
	    "upgrade request");
	http_parser_free(&p);
	run_free(&r);

	http_parser_init(&p, HTTP_REQUEST);
	p.max_body = 2;
	{
		const char *b, *in = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n";
		size_t used, bl;
		ok(http_parse(&p, in, strlen(in), &used, &b, &bl) == HTTP_ERROR &&
		    p.error_status == 413, "413 for a body over the limit");
	}
	http_parser_free(&p);
}

/* --- exchange over loopback ----------------------------------------------- */

/* Serve one connection: read the request head, answer with reply, and
 * write what was received to the pipe wfd. */
static void
serve_one(int lfd, const char *reply, int wfd)
{
	char b[8192];
	size_t got = 0;
	ssize_t n;
	int fd;

	if (net_wait(lfd, 1, tstamp_mono_ms() + 10000) <= 0 || (fd = net_accept(lfd)) < 0)
		_exit(1);
	while (got < sizeof b - 1 && !memmem(b, got, "\r\n\r\n", 4)) {
		n = net_read(fd, b + got, sizeof b - 1 - got, tstamp_mono_ms() + 10000);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	io_writeall(wfd, b, got);
	net_write(fd, reply, strlen(reply), tstamp_mono_ms() + 10000);
	close(fd);
	_exit(0);
}

static int
body_count(void *arg, const char *data, size_t n)
{
	(void)data;
	*(size_t *)arg += n;
	return 0;
}

static void
exchange(const char *title, const char *reply, const char *const *headers,
    const char *userinfo, int want, int status, const char *body, const char *req_part)
{
	struct http_exchange x;
	struct http_url u;
	struct buf ub = BUF_INIT;
	char got[8192];
	const char *why;
	int lfd, p[2], st;
	ssize_t n;
	pid_t pid;

	lfd = net_listen_tcp("127.0.0.1", 0, 4, &why);
	if (pipe(p) < 0 || lfd < 0) {
		ok(0, "%s: setup", title);
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		serve_one(lfd, reply, p[1]);
	}
	close(p[1]);
	buf_printf(&ub, "http://%s%s127.0.0.1:%d/path?q", userinfo ? userinfo : "",
	    userinfo ? "@" : "", net_local_port(lfd));
	http_url_parse(ub.p, &u, &why);
	memset(&x, 0, sizeof x);
	x.url = &u;
	x.headers = headers;
	x.deadline = tstamp_mono_ms() + 10000;
	if (!ok(http_exchange(&x) == want && (want < 0 || (x.resp.status == status &&
	    strcmp(x.body.p ? x.body.p : "", body) == 0)), "%s", title))
		printf("#   why %s status %d body '%s'\n", x.why ? x.why : "", x.resp.status,
		    x.body.p ? x.body.p : "");
	n = io_readfull(p[0], got, sizeof got - 1);
	got[n > 0 ? n : 0] = '\0';
	if (req_part && !ok(strstr(got, req_part) != NULL, "%s: request as expected", title))
		printf("#   request: %s\n", got);
	close(p[0]);
	close(lfd);
	waitpid(pid, &st, 0);
	http_exchange_free(&x);
	http_url_free(&u);
	buf_free(&ub);
}

static void
test_exchange(void)
{
	static const char *const hdrs[] = { "X-Probe: yes", NULL };
	static const char *const badh[] = { "X-Probe yes", NULL };
	struct http_exchange x;
	struct http_url u;
	const char *why;
	size_t count = 0;
	int lfd, port;

	exchange("exchange with length", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi",
	    hdrs, NULL, 0, 200, "hi", "GET /path?q HTTP/1.1\r\nHost: 127.0.0.1:");
	exchange("headers sent", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
	    hdrs, NULL, 0, 200, "", "X-Probe: yes\r\nConnection: close\r\n\r\n");
	exchange("basic auth from userinfo", "HTTP/1.1 204 No Content\r\n\r\n",
	    NULL, "Aladdin:open%20sesame", 0, 204, "",
	    "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n");
	exchange("close-delimited exchange", "HTTP/1.0 503 Busy\r\n\r\nlater", NULL, NULL,
	    0, 503, "later", NULL);
	exchange("garbage answer", "hello\r\n\r\n", NULL, NULL, -1, 0, "", NULL);
	exchange("closed without answer", "", NULL, NULL, -1, 0, "", NULL);

	memset(&x, 0, sizeof x);
	http_url_parse("http://127.0.0.1:9/", &u, &why);
	x.url = &u;
	x.headers = badh;
	ok(http_exchange(&x) == -1 && strstr(x.why, "bad header"), "bad header refused");
	http_exchange_free(&x);
	http_url_free(&u);

	/* Connection refused: a port that was free a moment ago. */
	lfd = net_listen_tcp("127.0.0.1", 0, 1, &why);
	port = net_local_port(lfd);
	close(lfd);
	{
		char s[64];
		snprintf(s, sizeof s, "http://127.0.0.1:%d/", port);
		http_url_parse(s, &u, &why);
	}
	memset(&x, 0, sizeof x);
	x.url = &u;
	x.deadline = tstamp_mono_ms() + 10000;
	ok(http_exchange(&x) == -1 && errno == ECONNREFUSED, "connection refused: %s", x.why);
	http_exchange_free(&x);

	/* A server that accepts and never answers: the deadline holds. */
	lfd = net_listen_tcp("127.0.0.1", 0, 1, &why);
	u.port = (unsigned)net_local_port(lfd);
	memset(&x, 0, sizeof x);
	x.url = &u;
	x.deadline = tstamp_mono_ms() + 200;
	x.on_body = body_count;
	x.arg = &count;
	ok(http_exchange(&x) == -1 && errno == ETIMEDOUT && strcmp(x.why, "timed out") == 0,
	    "silent server times out");
	http_exchange_free(&x);
	close(lfd);

	if (!http_tls_available()) {
		u.tls = 1;
		memset(&x, 0, sizeof x);
		x.url = &u;
		ok(http_exchange(&x) == -1 && strcmp(x.why, "built without libcurl") == 0,
		    "https without libcurl");
		http_exchange_free(&x);
	}
	http_url_free(&u);
}

int
main(void)
{
	test_urls();
	test_build();
	test_responses();
	test_requests();
	test_exchange();
	return done_testing();
}
