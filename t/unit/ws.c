/* t/unit/ws.c: RFC 6455 handshake, decoder and encoder (lib/ws.c, ws_conn.c). */
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
#include "ws.h"

/* Parse a whole head with a parser of the given kind. */
static int
parse_all(struct http_parser *p, int kind, const char *s, size_t *rest)
{
	const char *b;
	size_t used, bl, off = 0, n = strlen(s);
	int r;

	http_parser_init(p, kind);
	for (;; off += used) {
		r = http_parse(p, s + off, n - off, &used, &b, &bl);
		if (r == HTTP_NEED || r == HTTP_DONE || r == HTTP_ERROR)
			break;
	}
	if (rest)
		*rest = n - off - used;
	return r;
}

static void
test_handshake(void)
{
	struct http_parser p;
	struct http_url u;
	struct buf b = BUF_INIT;
	char key[WS_KEY_LEN + 1], key2[WS_KEY_LEN + 1], acc[WS_ACCEPT_LEN + 1];
	const char *why;
	static const char *const hdrs[] = { "Origin: http://x", NULL };
	static const char *const bad[] = { "Origin http://x", NULL };

	ws_accept("dGhlIHNhbXBsZSBub25jZQ==", acc);
	is_str(acc, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", "accept key of RFC 6455 1.3");
	ok(ws_key_new(key) == 0 && ws_key_new(key2) == 0 && strlen(key) == WS_KEY_LEN &&
	    strcmp(key, key2) != 0, "keys are random");

	http_url_parse("ws://127.0.0.1:8080/ws?x=1", &u, &why);
	ok(ws_client_request(&b, &u, key, "chat", hdrs) == 0, "client request built");
	ok(strncmp(b.p, "GET /ws?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n", 44) == 0 &&
	    strstr(b.p, "\r\nSec-WebSocket-Version: 13\r\n") && strstr(b.p, "Origin: http://x\r\n\r\n") &&
	    strstr(b.p, "Sec-WebSocket-Protocol: chat\r\n"), "client request text");
	ok(parse_all(&p, HTTP_REQUEST, b.p, NULL) == HTTP_DONE && p.upgrade, "server parses it");
	ok(ws_server_verify(&p, acc, &why) == 0, "server accepts it");
	http_parser_free(&p);
	buf_reset(&b);
	ok(ws_client_request(&b, &u, key, NULL, bad) == -1 && errno == EINVAL, "bad extra header");
	http_url_free(&u);

	buf_reset(&b);
	ws_server_response(&b, acc, NULL);
	ok(parse_all(&p, HTTP_RESPONSE, b.p, NULL) == HTTP_DONE, "client parses the 101");
	ok(ws_client_verify(&p, key, &why) == 0, "client accepts it");
	ok(ws_client_verify(&p, key2, &why) == -1 && strstr(why, "wrong Sec-WebSocket-Accept"),
	    "another key's accept refused");
	http_parser_free(&p);

	parse_all(&p, HTTP_RESPONSE, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", NULL);
	ok(ws_client_verify(&p, key, &why) == -1 && strstr(why, "200 OK, not 101"), "200 refused: %s", why);
	http_parser_free(&p);
	parse_all(&p, HTTP_RESPONSE, "HTTP/1.1 101 x\r\nConnection: upgrade\r\n\r\n", NULL);
	ok(ws_client_verify(&p, key, &why) == -1 && strstr(why, "Upgrade"), "no Upgrade refused");
	http_parser_free(&p);

	parse_all(&p, HTTP_REQUEST, "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\nSec-WebSocket-Version: 8\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", NULL);
	is_int(ws_server_verify(&p, acc, &why), 426, "other version: 426");
	http_parser_free(&p);
	parse_all(&p, HTTP_REQUEST, "GET / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZQ==\r\n\r\n", NULL);
	is_int(ws_server_verify(&p, acc, &why), 400, "short key: 400");
	http_parser_free(&p);
	parse_all(&p, HTTP_REQUEST, "POST / HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
	    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", NULL);
	is_int(ws_server_verify(&p, acc, &why), 400, "POST: 400");
	http_parser_free(&p);
	parse_all(&p, HTTP_REQUEST, "GET / HTTP/1.1\r\nHost: h\r\n\r\n", NULL);
	is_int(ws_server_verify(&p, acc, &why), 400, "plain GET: 400");
	http_parser_free(&p);
	buf_free(&b);
}

/* Decode all of in (in pieces of step) into a log of events. */
static void
decode(int role, const void *in, size_t len, size_t step, struct buf *log,
    struct ws_decoder *keep)
{
	struct ws_decoder d;
	struct ws_event ev;
	const char *s = in;
	size_t off = 0, n, k, used;
	int r;

	ws_decoder_init(&d, role);
	if (keep)
		d.max_message = keep->max_message;
	buf_reset(log);
	while (off < len) {
		n = step && step < len - off ? step : len - off;
		for (k = 0;; k += used) {
			r = ws_decode(&d, s + off + k, n - k, &used, &ev);
			if (r == WS_NEED)
				break;
			if (r == WS_ERROR) {
				buf_printf(log, "ERROR %d|", d.close_code);
				goto out;
			}
			if (r == WS_MESSAGE)
				buf_printf(log, "%s %zu %.*s|", ev.opcode == WS_TEXT ? "TEXT" : "BIN",
				    ev.len, ev.len > 20 ? 20 : (int)ev.len, ev.data);
			else if (r == WS_CLOSE)
				buf_printf(log, "CLOSE %d %.*s|", ev.code, (int)ev.len, ev.data);
			else
				buf_printf(log, "%s %.*s|", r == WS_PING ? "PING" : "PONG",
				    (int)ev.len, ev.data);
		}
		off += n;
	}
out:
	if (log->p == NULL)
		buf_adds(log, "");
	if (keep)
		*keep = d;
	else
		ws_decoder_free(&d);
}

static void
dec(const char *title, int role, const char *in, size_t len, const char *want)
{
	static const size_t steps[] = { 0, 1, 2, 5 };
	struct buf log = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		decode(role, in, len, steps[i], &log, NULL);
		if (!ok(strcmp(log.p, want) == 0, "%s (pieces of %zu)", title, steps[i]))
			printf("#   got '%s' want '%s'\n", log.p, want);
	}
	buf_free(&log);
}

#define DEC(title, role, lit, want) dec(title, role, lit, sizeof lit - 1, want)

static void
test_decoder(void)
{
	/* RFC 6455 5.7 examples. */
	DEC("unmasked Hello", WS_CLIENT, "\x81\x05Hello", "TEXT 5 Hello|");
	DEC("masked Hello", WS_SERVER, "\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58",
	    "TEXT 5 Hello|");
	DEC("fragmented Hel lo", WS_CLIENT, "\x01\x03Hel\x80\x02lo", "TEXT 5 Hello|");
	DEC("ping inside a fragmented message", WS_CLIENT,
	    "\x01\x03Hel\x89\x02hi\x80\x02lo", "PING hi|TEXT 5 Hello|");
	DEC("pong", WS_CLIENT, "\x8a\x00", "PONG |");
	DEC("empty binary", WS_CLIENT, "\x82\x00", "BIN 0 |");
	DEC("close with code and reason", WS_CLIENT, "\x88\x05\x03\xe8" "bye",
	    "CLOSE 1000 bye|");
	DEC("close without code", WS_CLIENT, "\x88\x00", "CLOSE 1005 |");
	DEC("data after close ignored", WS_CLIENT, "\x88\x00\x81\x01x", "CLOSE 1005 |");
	DEC("UTF-8 split across fragments", WS_CLIENT, "\x01\x02" "a\xc3\x80\x01\xa9",
	    "TEXT 3 a\xc3\xa9|");
	DEC("two messages", WS_CLIENT, "\x81\x01" "a\x82\x02xy", "TEXT 1 a|BIN 2 xy|");

	DEC("unmasked from a client", WS_SERVER, "\x81\x05Hello", "ERROR 1002|");
	DEC("masked from a server", WS_CLIENT, "\x81\x85\x37\xfa\x21\x3d\x7f\x9f\x4d\x51\x58",
	    "ERROR 1002|");
	DEC("reserved bit", WS_CLIENT, "\xc1\x01x", "ERROR 1002|");
	DEC("unknown opcode", WS_CLIENT, "\x83\x00", "ERROR 1002|");
	DEC("unknown control opcode", WS_CLIENT, "\x8b\x00", "ERROR 1002|");
	DEC("fragmented ping", WS_CLIENT, "\x09\x00", "ERROR 1002|");
	DEC("ping over 125 bytes", WS_CLIENT, "\x89\x7e\x00\x7e", "ERROR 1002|");
	DEC("continuation first", WS_CLIENT, "\x80\x01x", "ERROR 1002|");
	DEC("new message while fragmented", WS_CLIENT, "\x01\x01x\x81\x01y", "ERROR 1002|");
	DEC("bad UTF-8", WS_CLIENT, "\x81\x02\xc3\x28", "ERROR 1007|");
	DEC("overlong UTF-8", WS_CLIENT, "\x81\x02\xc0\xaf", "ERROR 1007|");
	DEC("surrogate", WS_CLIENT, "\x81\x03\xed\xa0\x80", "ERROR 1007|");
	DEC("truncated UTF-8 at the end", WS_CLIENT, "\x81\x02" "a\xe2", "ERROR 1007|");
	DEC("bad UTF-8 found before the message ends", WS_CLIENT, "\x01\x05\xff" "abcd",
	    "ERROR 1007|");
	DEC("binary need not be UTF-8", WS_CLIENT, "\x82\x01\xff", "BIN 1 \xff|");
	DEC("close with one byte", WS_CLIENT, "\x88\x01\x03", "ERROR 1002|");
	DEC("close code 1005 on the wire", WS_CLIENT, "\x88\x02\x03\xed", "ERROR 1002|");
	DEC("close code 999", WS_CLIENT, "\x88\x02\x03\xe7", "ERROR 1002|");
	DEC("close code 5000", WS_CLIENT, "\x88\x02\x13\x88", "ERROR 1002|");
	DEC("close code 4000 is fine", WS_CLIENT, "\x88\x02\x0f\xa0", "CLOSE 4000 |");
	DEC("close reason not UTF-8", WS_CLIENT, "\x88\x03\x03\xe8\xff", "ERROR 1007|");
	DEC("64-bit length with the top bit", WS_CLIENT,
	    "\x82\x7f\x80\x00\x00\x00\x00\x00\x00\x01", "ERROR 1002|");
	DEC("too big", WS_CLIENT, "\x82\x7f\x00\x00\x00\x00\x01\x00\x00\x00", "ERROR 1009|");
	{
		struct ws_decoder d;
		struct buf log = BUF_INIT;
		d.max_message = 4;
		decode(WS_CLIENT, "\x02\x03" "abc\x80\x02" "de", 9, 0, &log, &d);
		is_str(log.p, "ERROR 1009|", "fragments add up past the limit");
		ws_decoder_free(&d);
		buf_free(&log);
	}
}

static void
roundtrip(int role, size_t len, int opcode)
{
	struct buf b = BUF_INIT, log = BUF_INIT, want = BUF_INIT;
	char *data = malloc(len + 1);
	size_t i;

	for (i = 0; i < len; i++)
		data[i] = (char)('a' + i % 26);
	data[len] = '\0';
	ws_encode(&b, opcode, 1, data, len, role == WS_SERVER);
	ok(b.len == len + 2 + (len > 125 ? len > 65535 ? 8 : 2 : 0) + (role == WS_SERVER ? 4 : 0),
	    "frame size for %zu bytes", len);
	decode(role, b.p, b.len, 0, &log, NULL);
	buf_printf(&want, "%s %zu %.*s|", opcode == WS_TEXT ? "TEXT" : "BIN", len,
	    len > 20 ? 20 : (int)len, data);
	is_str(log.p, want.p, "round trip %zu bytes to a %s", len,
	    role == WS_SERVER ? "server (masked)" : "client");
	free(data);
	buf_free(&b);
	buf_free(&log);
	buf_free(&want);
}

static void
test_encoder(void)
{
	struct buf b = BUF_INIT, log = BUF_INIT;
	static const size_t sizes[] = { 0, 1, 125, 126, 65535, 65536, 200000 };
	size_t i;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		roundtrip(WS_CLIENT, sizes[i], WS_BINARY);
		roundtrip(WS_SERVER, sizes[i], WS_TEXT);
	}
	ws_encode(&b, WS_TEXT, 1, "Hello", 5, 0);
	ok(b.len == 7 && memcmp(b.p, "\x81\x05Hello", 7) == 0, "unmasked Hello as in the RFC");
	buf_reset(&b);
	ok(ws_encode(&b, WS_PING, 0, "x", 1, 0) == -1 && errno == EINVAL, "fragmented ping refused");
	ok(ws_encode(&b, WS_PONG, 1, NULL, 126, 0) == -1, "long pong refused");
	ok(ws_encode(&b, 3, 1, NULL, 0, 0) == -1, "reserved opcode refused");
	ok(ws_encode_close(&b, 1000, "bye", 1) == 0, "close frame");
	decode(WS_SERVER, b.p, b.len, 0, &log, NULL);
	is_str(log.p, "CLOSE 1000 bye|", "close frame decodes");
	buf_reset(&b);
	ok(ws_encode_close(&b, 1000, "\xff", 0) == -1, "close reason must be UTF-8");
	ok(ws_encode_close(&b, 0, NULL, 0) == 0 && b.len == 2, "empty close");
	buf_reset(&b);
	ws_encode(&b, WS_TEXT, 0, "ab", 2, 1);
	ws_encode(&b, WS_PING, 1, "p", 1, 1);
	ws_encode(&b, WS_CONT, 1, "cd", 2, 1);
	decode(WS_SERVER, b.p, b.len, 3, &log, NULL);
	is_str(log.p, "PING p|TEXT 4 abcd|", "fragmented message from the encoder");
	buf_free(&b);
	buf_free(&log);
}

/* A server in a child: accept one connection, answer the upgrade with
 * mode 0 a good 101 plus a text frame, 1 a 200, 2 a wrong accept. */
static void
ws_server(int lfd, int mode)
{
	struct http_parser p;
	struct buf out = BUF_INIT;
	char b[4096], acc[WS_ACCEPT_LEN + 1];
	const char *why, *body;
	size_t used, bl, off;
	ssize_t n;
	int fd, r = HTTP_NEED;
	int64_t dl = tstamp_mono_ms() + 10000;

	if (net_wait(lfd, 1, dl) <= 0 || (fd = net_accept(lfd)) < 0)
		_exit(1);
	http_parser_init(&p, HTTP_REQUEST);
	while (r != HTTP_DONE) {
		n = net_read(fd, b, sizeof b, dl);
		if (n <= 0)
			_exit(1);
		for (off = 0;; off += used) {
			r = http_parse(&p, b + off, (size_t)n - off, &used, &body, &bl);
			if (r == HTTP_NEED || r == HTTP_DONE)
				break;
			if (r == HTTP_ERROR)
				_exit(1);
		}
	}
	if (ws_server_verify(&p, acc, &why) != 0)
		_exit(2);
	if (mode == 1) {
		buf_adds(&out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nno");
	} else {
		if (mode == 2)
			acc[0] = acc[0] == 'A' ? 'B' : 'A';
		ws_server_response(&out, acc, NULL);
		ws_encode(&out, WS_TEXT, 1, "welcome", 7, 0);
	}
	net_write(fd, out.p, out.len, dl);
	close(fd);
	_exit(0);
}

static void
test_connect(void)
{
	struct http_conn c;
	struct http_url u;
	struct http_parser resp;
	struct buf rest = BUF_INIT, log = BUF_INIT, url = BUF_INIT;
	const char *why;
	int lfd, mode, st;
	pid_t pid;

	for (mode = 0; mode < 3; mode++) {
		lfd = net_listen_tcp("127.0.0.1", 0, 4, &why);
		pid = fork();
		if (pid == 0)
			ws_server(lfd, mode);
		buf_reset(&url);
		buf_printf(&url, "ws://127.0.0.1:%d/ws", net_local_port(lfd));
		http_url_parse(url.p, &u, &why);
		why = NULL;
		if (mode == 0) {
			ok(ws_connect(&c, &u, NULL, NULL, NULL, tstamp_mono_ms() + 10000, &resp,
			    &rest, &why) == 0 && resp.status == 101, "ws_connect handshake");
			decode(WS_CLIENT, rest.p, rest.len, 0, &log, NULL);
			is_str(log.p, "TEXT 7 welcome|", "first frame kept in rest");
			http_conn_close(&c);
		} else {
			ok(ws_connect(&c, &u, NULL, NULL, NULL, tstamp_mono_ms() + 10000, &resp,
			    &rest, &why) == -1 && why && strstr(why, mode == 1 ? "200 OK" : "wrong"),
			    "ws_connect refuses %s: %s", mode == 1 ? "a 200" : "a wrong accept",
			    why ? why : "");
		}
		http_parser_free(&resp);
		http_url_free(&u);
		close(lfd);
		waitpid(pid, &st, 0);
		is_int(st, 0, "server %d happy", mode);
	}
	buf_free(&rest);
	buf_free(&log);
	buf_free(&url);
}

int
main(void)
{
	test_handshake();
	test_decoder();
	test_encoder();
	test_connect();
	return done_testing();
}
