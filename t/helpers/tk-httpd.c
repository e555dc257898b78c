/* tk-httpd: a small HTTP/1.1 and WebSocket test server on lib/http and lib/ws.
 *
 *	tk-httpd [-p PORTFILE] [-l LOGFILE] [-H] [ROUTE...]
 *
 * Listens on 127.0.0.1, port chosen by the kernel; writes the port to
 * PORTFILE (atomically) once it accepts connections. Each ROUTE is
 * PATH=DIRECTIVE[,DIRECTIVE...] (the path without the query is matched;
 * "*" matches any):
 *	status=N	the status (default 200)
 *	body=TEXT	the body (default "ok\n"); \n in TEXT is a newline
 *	size=N		a body of N bytes of 'x' instead
 *	chunked		send the body chunked, in 3 chunks
 *	close		no Content-Length: the body ends at the close
 *	delay=MS	wait before answering
 *	header=K:V	an extra header
 *	location=URL	a Location header
 *	hang		never answer
 *	ws		accept a WebSocket upgrade, send "hello", echo messages,
 *			answer pings, close when asked
 *	ws-badaccept	answer the upgrade with a wrong Sec-WebSocket-Accept
 * Unmatched paths get 404. Every response closes the connection. -l
 * appends "METHOD TARGET" for each request to LOGFILE (-H: and its
 * headers, indented). Runs until killed. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "http.h"
#include "io.h"
#include "net.h"
#include "tstamp.h"
#include "ws.h"

#define MAXCONN 256

struct route {
	char *path;
	int status, chunked, close, hang, ws, badaccept;
	long delay, size;
	char *body;
	struct buf headers;
};

struct conn {
	int fd;
	struct http_parser p;
	struct ws_decoder d;
	int mode;		/* 0 reading the request, 1 waiting, 2 writing, 3 ws, 4 hang */
	int64_t due;
	const struct route *r;
	struct buf out;
	int close_after;
};

static struct route routes[64];
static int nroutes;
static const char *logfile;
static int logheaders;

static void
die(const char *what)
{
	fprintf(stderr, "tk-httpd: %s: %s\n", what, strerror(errno));
	exit(1);
}

static char *
unescape(const char *s)
{
	char *o = malloc(strlen(s) + 1), *q = o;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*q++ = '\n';
			s++;
		} else {
			*q++ = *s;
		}
	}
	*q = '\0';
	return o;
}

static void
add_route(char *spec)
{
	struct route *r = &routes[nroutes++];
	char *eq = strchr(spec, '='), *d, *save = NULL;

	memset(r, 0, sizeof *r);
	r->status = 200;
	r->body = "ok\n";
	r->size = -1;
	if (eq == NULL) {
		r->path = spec;
		return;
	}
	*eq = '\0';
	r->path = spec;
	for (d = strtok_r(eq + 1, ",", &save); d; d = strtok_r(NULL, ",", &save)) {
		if (strncmp(d, "status=", 7) == 0)
			r->status = atoi(d + 7);
		else if (strncmp(d, "body=", 5) == 0)
			r->body = unescape(d + 5);
		else if (strncmp(d, "size=", 5) == 0)
			r->size = atol(d + 5);
		else if (strcmp(d, "chunked") == 0)
			r->chunked = 1;
		else if (strcmp(d, "close") == 0)
			r->close = 1;
		else if (strncmp(d, "delay=", 6) == 0)
			r->delay = atol(d + 6);
		else if (strncmp(d, "header=", 7) == 0) {
			char *c = strchr(d + 7, ':');
			if (c)
				buf_printf(&r->headers, "%.*s: %s\r\n", (int)(c - d - 7), d + 7, c + 1);
		} else if (strncmp(d, "location=", 9) == 0)
			buf_printf(&r->headers, "Location: %s\r\n", d + 9);
		else if (strcmp(d, "hang") == 0)
			r->hang = 1;
		else if (strcmp(d, "ws") == 0)
			r->ws = 1;
		else if (strcmp(d, "ws-badaccept") == 0)
			r->ws = r->badaccept = 1;
		else {
			fprintf(stderr, "tk-httpd: unknown directive '%s'\n", d);
			exit(2);
		}
	}
}

static const struct route *
find_route(const char *target)
{
	size_t n = strcspn(target, "?");
	int i;

	for (i = 0; i < nroutes; i++)
		if (strcmp(routes[i].path, "*") == 0 ||
		    (strlen(routes[i].path) == n && strncmp(routes[i].path, target, n) == 0))
			return &routes[i];
	return NULL;
}

static void
log_request(const struct http_parser *p)
{
	struct buf b = BUF_INIT;
	size_t i;
	int fd;

	if (logfile == NULL)
		return;
	buf_printf(&b, "%s %s\n", p->method, p->target);
	for (i = 0; logheaders && i < p->nheaders; i++)
		buf_printf(&b, "  %s: %s\n", p->headers[i].name, p->headers[i].value);
	fd = open(logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd >= 0) {
		io_writeall(fd, b.p, b.len);
		close(fd);
	}
	buf_free(&b);
}

static void
respond(struct conn *c)
{
	const struct route *r = c->r;
	const char *body;
	char acc[WS_ACCEPT_LEN + 1], *big = NULL;
	const char *why;
	size_t bl, piece[3], off;
	int st, k;

	c->mode = 2;
	c->close_after = 1;
	if (r == NULL) {
		buf_adds(&c->out, "HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\n"
		    "Connection: close\r\n\r\nnot found\n");
		return;
	}
	if (r->ws && c->p.upgrade) {
		st = ws_server_verify(&c->p, acc, &why);
		if (st != 0) {
			http_response_head(&c->out, st, NULL);
			buf_adds(&c->out, "Content-Length: 0\r\nConnection: close\r\n\r\n");
			return;
		}
		if (r->badaccept)
			acc[0] = acc[0] == 'A' ? 'B' : 'A';
		ws_server_response(&c->out, acc, NULL);
		ws_encode(&c->out, WS_TEXT, 1, "hello", 5, 0);
		ws_decoder_init(&c->d, WS_SERVER);
		c->close_after = 0;
		c->mode = 3;
		return;
	}
	if (r->size >= 0) {
		big = malloc((size_t)r->size + 1);
		memset(big, 'x', (size_t)r->size);
		big[r->size] = '\0';
		body = big;
		bl = (size_t)r->size;
	} else {
		body = r->body;
		bl = strlen(body);
	}
	http_response_head(&c->out, r->status, NULL);
	buf_add(&c->out, r->headers.p ? r->headers.p : "", r->headers.len);
	buf_adds(&c->out, "Connection: close\r\n");
	if (c->p.method && strcmp(c->p.method, "HEAD") == 0)
		bl = 0;
	if (r->chunked) {
		buf_adds(&c->out, "Transfer-Encoding: chunked\r\n\r\n");
		piece[0] = bl / 3;
		piece[1] = bl / 3;
		piece[2] = bl - 2 * (bl / 3);
		for (k = 0, off = 0; k < 3; off += piece[k++])
			if (piece[k])
				buf_printf(&c->out, "%zx%s\r\n%.*s\r\n", piece[k],
				    k == 0 ? ";x=1" : "", (int)piece[k], body + off);
		buf_adds(&c->out, "0\r\nX-Trailer: t\r\n\r\n");
	} else if (r->close) {
		buf_adds(&c->out, "\r\n");
		buf_add(&c->out, body, bl);
	} else {
		buf_printf(&c->out, "Content-Length: %zu\r\n\r\n", bl);
		buf_add(&c->out, body, bl);
	}
	free(big);
}

static void
ws_input(struct conn *c, const char *data, size_t n)
{
	struct ws_event ev;
	size_t off, used;
	int r;

	for (off = 0;; off += used) {
		r = ws_decode(&c->d, data + off, n - off, &used, &ev);
		if (r == WS_NEED)
			return;
		if (r == WS_ERROR) {
			ws_encode_close(&c->out, c->d.close_code, NULL, 0);
			c->close_after = 1;
			return;
		}
		if (r == WS_MESSAGE)
			ws_encode(&c->out, ev.opcode, 1, ev.data, ev.len, 0);
		else if (r == WS_PING)
			ws_encode(&c->out, WS_PONG, 1, ev.data, ev.len, 0);
		else if (r == WS_CLOSE) {
			ws_encode_close(&c->out, ev.code == WS_CLOSE_NO_STATUS ? 0 : ev.code,
			    NULL, 0);
			c->close_after = 1;
			return;
		}
	}
}

static void
drop(struct conn *c)
{
	close(c->fd);
	c->fd = -1;
	http_parser_free(&c->p);
	if (c->mode == 3)
		ws_decoder_free(&c->d);
	buf_free(&c->out);
}

static void
readable(struct conn *c)
{
	char b[16384];
	const char *body;
	size_t off, used, bl;
	ssize_t n;
	int r;

	n = read(c->fd, b, sizeof b);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		drop(c);
		return;
	}
	if (c->mode == 3) {
		ws_input(c, b, (size_t)n);
		return;
	}
	if (c->mode != 0)
		return;		/* ignore what comes after the request */
	for (off = 0;; off += used) {
		r = http_parse(&c->p, b + off, (size_t)n - off, &used, &body, &bl);
		if (r == HTTP_NEED)
			return;
		if (r == HTTP_ERROR) {
			http_response_head(&c->out, c->p.error_status ? c->p.error_status : 400, NULL);
			buf_adds(&c->out, "Content-Length: 0\r\nConnection: close\r\n\r\n");
			c->mode = 2;
			c->close_after = 1;
			return;
		}
		if (r == HTTP_DONE) {
			log_request(&c->p);
			c->r = find_route(c->p.target);
			if (c->r && c->r->hang) {
				c->mode = 4;
			} else {
				c->mode = 1;
				c->due = tstamp_mono_ms() + (c->r ? c->r->delay : 0);
			}
			/* Frames sent right after the upgrade request. */
			off += used;
			if (c->r && c->r->ws && c->p.upgrade && (size_t)n > off) {
				respond(c);
				if (c->mode == 3)
					ws_input(c, b + off, (size_t)n - off);
			}
			return;
		}
	}
}

static void
write_port(const char *portfile, int port)
{
	char tmp[4096], b[32];
	int fd, n;

	snprintf(tmp, sizeof tmp, "%s.tmp", portfile);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die(tmp);
	n = snprintf(b, sizeof b, "%d\n", port);
	if (io_writeall(fd, b, (size_t)n) < 0 || close(fd) < 0 || rename(tmp, portfile) < 0)
		die(portfile);
}

int
main(int argc, char **argv)
{
	static struct conn conns[MAXCONN];
	struct pollfd pfd[MAXCONN + 1];
	const char *portfile = NULL, *why;
	int lfd, i, k, ch, timeout;
	ssize_t w;
	int64_t now;

	signal(SIGPIPE, SIG_IGN);
	while ((ch = getopt(argc, argv, "p:l:H")) != -1) {
		switch (ch) {
		case 'p':
			portfile = optarg;
			break;
		case 'l':
			logfile = optarg;
			break;
		case 'H':
			logheaders = 1;
			break;
		default:
			fprintf(stderr, "usage: tk-httpd [-p PORTFILE] [-l LOGFILE] [-H] [ROUTE...]\n");
			return 2;
		}
	}
	for (i = optind; i < argc && nroutes < 64; i++)
		add_route(argv[i]);
	lfd = net_listen_tcp("127.0.0.1", 0, 128, &why);
	if (lfd < 0) {
		fprintf(stderr, "tk-httpd: listen: %s\n", why);
		return 1;
	}
	for (i = 0; i < MAXCONN; i++)
		conns[i].fd = -1;
	if (portfile)
		write_port(portfile, net_local_port(lfd));
	else
		printf("%d\n", net_local_port(lfd)), fflush(stdout);
	for (;;) {
		now = tstamp_mono_ms();
		timeout = -1;
		pfd[0].fd = lfd;
		pfd[0].events = POLLIN;
		for (i = 0; i < MAXCONN; i++) {
			struct conn *c = &conns[i];
			pfd[i + 1].fd = c->fd;
			pfd[i + 1].events = 0;
			if (c->fd < 0)
				continue;
			if (c->mode == 1) {
				if (c->due <= now)
					respond(c);
				else if (timeout < 0 || c->due - now < timeout)
					timeout = (int)(c->due - now);
			}
			pfd[i + 1].events = POLLIN;
			if (c->out.len)
				pfd[i + 1].events |= POLLOUT;
		}
		if (poll(pfd, MAXCONN + 1, timeout) < 0 && errno != EINTR)
			die("poll");
		if (pfd[0].revents & POLLIN) {
			int fd = net_accept(lfd);
			for (k = 0; fd >= 0 && k < MAXCONN; k++)
				if (conns[k].fd < 0) {
					memset(&conns[k], 0, sizeof conns[k]);
					conns[k].fd = fd;
					http_parser_init(&conns[k].p, HTTP_REQUEST);
					break;
				}
			if (fd >= 0 && k == MAXCONN)
				close(fd);
		}
		for (i = 0; i < MAXCONN; i++) {
			struct conn *c = &conns[i];
			if (c->fd < 0 || pfd[i + 1].fd != c->fd)
				continue;
			if (pfd[i + 1].revents & POLLOUT && c->out.len) {
				w = send(c->fd, c->out.p, c->out.len, MSG_NOSIGNAL);
				if (w > 0)
					buf_consume(&c->out, (size_t)w);
				else if (w < 0 && errno != EAGAIN) {
					drop(c);
					continue;
				}
				if (c->out.len == 0 && c->close_after) {
					drop(c);
					continue;
				}
			}
			if (pfd[i + 1].revents & (POLLIN | POLLHUP | POLLERR))
				readable(c);
		}
	}
}
