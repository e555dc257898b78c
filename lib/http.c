/* http.c: HTTP/1.1 URLs, heads, incremental parser, blocking client (see http.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base64.h"
#include "esc.h"
#include "http.h"
#include "io.h"
#include "net.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

/* --- characters ----------------------------------------------------------- */

/* tchar (RFC 9110 5.6.2): the characters of a token. */
static int
is_tchar(int c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static int
is_token(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!is_tchar((unsigned char)s[i]))
			return 0;
	return 1;
}

/* A header value may hold HT, visible ASCII and obs-text. */
static int
value_ok(const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return 0;
	}
	return 1;
}

/* --- URLs ----------------------------------------------------------------- */

static int
url_fail(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	errno = EINVAL;
	return -1;
}

/* Visible ASCII only, and well-formed percent-escapes. */
static int
target_ok(const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f)
			return 0;
		if (c == '%' && (i + 2 >= n || esc_hexval(s[i + 1]) < 0 ||
		    esc_hexval(s[i + 2]) < 0))
			return 0;
	}
	return 1;
}

static int
scheme_port(const char *scheme, unsigned *port, int *tls)
{
	if (strcmp(scheme, "http") == 0 || strcmp(scheme, "ws") == 0) {
		*port = 80;
		*tls = 0;
	} else if (strcmp(scheme, "https") == 0 || strcmp(scheme, "wss") == 0) {
		*port = 443;
		*tls = 1;
	} else {
		return -1;
	}
	return 0;
}

/* Set u->target to the n bytes at s (up to a '#'), "/" when empty, and a
 * '/' put in front of a bare "?query". */
static int
set_target(struct http_url *u, const char *s, size_t n, const char **why)
{
	const char *h = memchr(s, '#', n);
	int slash;

	if (h)
		n = (size_t)(h - s);
	if (!target_ok(s, n))
		return url_fail(why, "bad character or escape in URL path");
	slash = n == 0 || s[0] != '/';
	free(u->target);
	u->target = malloc(n + 2);
	if (u->target == NULL) {
		if (why)
			*why = strerror(errno);
		return -1;
	}
	if (slash)
		u->target[0] = '/';
	memcpy(u->target + slash, s, n);
	u->target[n + (size_t)slash] = '\0';
	return 0;
}

int
http_url_parse(const char *s, struct http_url *u, const char **why)
{
	const char *p, *auth, *ae, *at, *hs, *he, *ps;
	size_t n, i;
	char *end;
	unsigned long v;
	unsigned char a6[16];

	memset(u, 0, sizeof *u);
	for (p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return url_fail(why, "space or control character in URL");
	p = strstr(s, "://");
	if (p == NULL) {
		for (p = s; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'); p++)
			;
		if (*p == ':' && p > s)
			return url_fail(why, "unsupported URL scheme (want http, https, ws or wss)");
		return url_fail(why, "not an absolute URL (want http://HOST[:PORT]/PATH)");
	}
	n = (size_t)(p - s);
	if (n == 0 || n >= sizeof u->scheme)
		return url_fail(why, "unsupported URL scheme (want http, https, ws or wss)");
	for (i = 0; i < n; i++)
		u->scheme[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	u->scheme[n] = '\0';
	if (scheme_port(u->scheme, &u->port, &u->tls) < 0)
		return url_fail(why, "unsupported URL scheme (want http, https, ws or wss)");
	auth = p + 3;
	ae = auth + strcspn(auth, "/?#");
	/* userinfo@ */
	at = NULL;
	for (p = auth; p < ae; p++)
		if (*p == '@')
			at = p;
	hs = auth;
	if (at) {
		u->userinfo = strndup(auth, (size_t)(at - auth));
		if (u->userinfo == NULL)
			goto nomem;
		hs = at + 1;
	}
	if (hs < ae && *hs == '[') {
		he = memchr(hs, ']', (size_t)(ae - hs));
		if (he == NULL)
			goto bad_host;
		n = (size_t)(he - hs - 1);
		if (n == 0 || n >= sizeof u->host)
			goto bad_host;
		memcpy(u->host, hs + 1, n);
		u->host[n] = '\0';
		if (inet_pton(AF_INET6, u->host, a6) != 1)
			goto bad_host;
		u->ipv6 = 1;
		ps = he + 1;
		if (ps < ae && *ps != ':')
			goto bad_host;
	} else {
		he = memchr(hs, ':', (size_t)(ae - hs));
		if (he == NULL)
			he = ae;
		n = (size_t)(he - hs);
		if (n == 0) {
			http_url_free(u);
			return url_fail(why, "missing host in URL");
		}
		if (n >= sizeof u->host)
			goto bad_host;
		for (i = 0; i < n; i++) {
			char c = hs[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
			    c == '_' || c == '~'))
				goto bad_host;
			u->host[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		u->host[n] = '\0';
		ps = he;
	}
	if (ps < ae) {		/* ":PORT" (an empty port means the default) */
		ps++;
		if (ps < ae) {
			if (*ps < '0' || *ps > '9' || ae - ps > 5)
				goto bad_port;
			errno = 0;
			v = strtoul(ps, &end, 10);
			if (end != ae || v == 0 || v > 65535)
				goto bad_port;
			u->port = (unsigned)v;
		}
	}
	if (set_target(u, ae, strlen(ae), why) < 0) {
		http_url_free(u);
		return -1;
	}
	return 0;
bad_host:
	http_url_free(u);
	return url_fail(why, "bad host in URL");
bad_port:
	http_url_free(u);
	return url_fail(why, "bad port in URL");
nomem:
	if (why)
		*why = strerror(errno);
	http_url_free(u);
	return -1;
}

void
http_url_free(struct http_url *u)
{
	free(u->userinfo);
	free(u->target);
	u->userinfo = NULL;
	u->target = NULL;
}

int
http_url_resolve(const struct http_url *base, const char *ref,
    struct http_url *out, const char **why)
{
	struct buf b = BUF_INIT;
	const char *p, *q;
	int r;

	for (p = ref; (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.'; p++)
		;
	if (p > ref && *p == ':')		/* absolute */
		return http_url_parse(ref, out, why);
	if (ref[0] == '/' && ref[1] == '/') {	/* scheme-relative */
		if (buf_printf(&b, "%s:%s", base->scheme, ref) < 0)
			goto nomem;
		r = http_url_parse(b.p, out, why);
		buf_free(&b);
		return r;
	}
	memset(out, 0, sizeof *out);
	memcpy(out->scheme, base->scheme, sizeof out->scheme);
	memcpy(out->host, base->host, sizeof out->host);
	out->port = base->port;
	out->tls = base->tls;
	out->ipv6 = base->ipv6;
	if (base->userinfo && (out->userinfo = strdup(base->userinfo)) == NULL)
		goto nomem;
	if (ref[0] == '/') {
		r = buf_adds(&b, ref);
	} else if (ref[0] == '?' || ref[0] == '\0' || ref[0] == '#') {
		q = base->target + strcspn(base->target, "?");
		r = buf_add(&b, base->target, (size_t)(q - base->target));
		if (r == 0)
			r = buf_adds(&b, ref[0] == '#' ? q : ref);
	} else {
		q = base->target + strcspn(base->target, "?");
		while (q > base->target && q[-1] != '/')
			q--;
		r = buf_add(&b, base->target, (size_t)(q - base->target));
		if (r == 0)
			r = buf_adds(&b, ref);
	}
	if (r < 0)
		goto nomem;
	for (p = b.p; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f) {
			buf_free(&b);
			http_url_free(out);
			return url_fail(why, "space or control character in URL");
		}
	r = set_target(out, b.p, b.len, why);
	buf_free(&b);
	if (r < 0)
		http_url_free(out);
	return r;
nomem:
	if (why)
		*why = strerror(errno);
	buf_free(&b);
	http_url_free(out);
	return -1;
}

const char *
http_url_hostport(const struct http_url *u, char *buf, size_t len)
{
	unsigned def;
	int tls;

	(void)scheme_port(u->scheme, &def, &tls);
	if (u->port == def)
		snprintf(buf, len, u->ipv6 ? "[%s]" : "%s", u->host);
	else
		snprintf(buf, len, u->ipv6 ? "[%s]:%u" : "%s:%u", u->host, u->port);
	return buf;
}

int
http_url_format(const struct http_url *u, struct buf *b)
{
	char hp[NET_HOST_MAX + 16];

	return buf_printf(b, "%s://%s%s", u->scheme,
	    http_url_hostport(u, hp, sizeof hp), u->target);
}

int
http_pct_decode(const char *s, size_t n, int plus, struct buf *out)
{
	const char *e = s + n;
	int h, l;

	buf_reset(out);
	if (buf_reserve(out, n) < 0)
		return -1;
	for (; s < e; s++) {
		if (*s == '+' && plus) {
			buf_addc(out, ' ');
		} else if (*s == '%') {
			if (e - s < 3 || (h = esc_hexval(s[1])) < 0 || (l = esc_hexval(s[2])) < 0) {
				errno = EINVAL;
				return -1;
			}
			buf_addc(out, (char)(h << 4 | l));
			s += 2;
		} else {
			buf_addc(out, *s);
		}
	}
	return 0;
}

int
http_query_param(const char *target, const char *name, struct buf *out)
{
	const char *q = strchr(target, '?'), *end, *e, *eq;
	size_t nl = strlen(name), kl;

	if (q == NULL)
		return 0;
	q++;
	end = q + strcspn(q, "#");
	for (; q < end; q = e + 1) {
		for (e = q; e < end && *e != '&' && *e != ';'; e++)
			;
		eq = memchr(q, '=', (size_t)(e - q));
		kl = eq ? (size_t)(eq - q) : (size_t)(e - q);
		if (kl == nl && memcmp(q, name, nl) == 0) {
			eq = eq ? eq + 1 : e;
			return http_pct_decode(eq, (size_t)(e - eq), 1, out) < 0 ? -1 : 1;
		}
		if (e == end)
			break;
	}
	return 0;
}

/* --- building ------------------------------------------------------------- */

int
http_request_head(struct buf *b, const char *method, const char *target,
    const char *host)
{
	if (!is_token(method, strlen(method)) || !target_ok(target, strlen(target)) ||
	    (host && !value_ok(host, strlen(host)))) {
		errno = EINVAL;
		return -1;
	}
	if (buf_printf(b, "%s %s HTTP/1.1\r\n", method, target) < 0)
		return -1;
	return host ? buf_printf(b, "Host: %s\r\n", host) : 0;
}

const char *
http_reason(int status)
{
	static const struct { int code; const char *text; } r[] = {
		{ 100, "Continue" }, { 101, "Switching Protocols" },
		{ 200, "OK" }, { 201, "Created" }, { 202, "Accepted" },
		{ 204, "No Content" }, { 206, "Partial Content" },
		{ 301, "Moved Permanently" }, { 302, "Found" },
		{ 303, "See Other" }, { 304, "Not Modified" },
		{ 307, "Temporary Redirect" }, { 308, "Permanent Redirect" },
		{ 400, "Bad Request" }, { 401, "Unauthorized" },
		{ 403, "Forbidden" }, { 404, "Not Found" },
		{ 405, "Method Not Allowed" }, { 408, "Request Timeout" },
		{ 409, "Conflict" }, { 411, "Length Required" },
		{ 413, "Content Too Large" }, { 414, "URI Too Long" },
		{ 415, "Unsupported Media Type" }, { 426, "Upgrade Required" },
		{ 429, "Too Many Requests" },
		{ 431, "Request Header Fields Too Large" },
		{ 500, "Internal Server Error" }, { 501, "Not Implemented" },
		{ 502, "Bad Gateway" }, { 503, "Service Unavailable" },
		{ 504, "Gateway Timeout" },
	};
	size_t i;

	for (i = 0; i < sizeof r / sizeof r[0]; i++)
		if (r[i].code == status)
			return r[i].text;
	return "Unknown";
}

int
http_response_head(struct buf *b, int status, const char *reason)
{
	if (status < 100 || status > 999 || (reason && !value_ok(reason, strlen(reason)))) {
		errno = EINVAL;
		return -1;
	}
	return buf_printf(b, "HTTP/1.1 %d %s\r\n", status,
	    reason ? reason : http_reason(status));
}

int
http_add_header(struct buf *b, const char *name, const char *value)
{
	if (!is_token(name, strlen(name)) || !value_ok(value, strlen(value))) {
		errno = EINVAL;
		return -1;
	}
	return buf_printf(b, "%s: %s\r\n", name, value);
}

/* Split "Name: value" into the name's length and the trimmed value. */
static int
split_header_line(const char *line, size_t *nlen, const char **val, size_t *vlen)
{
	const char *c = strchr(line, ':'), *v, *e;

	if (c == NULL || !is_token(line, (size_t)(c - line)))
		return -1;
	for (v = c + 1; *v == ' ' || *v == '\t'; v++)
		;
	for (e = v + strlen(v); e > v && (e[-1] == ' ' || e[-1] == '\t'); e--)
		;
	if (!value_ok(v, (size_t)(e - v)))
		return -1;
	*nlen = (size_t)(c - line);
	*val = v;
	*vlen = (size_t)(e - v);
	return 0;
}

int
http_header_line_ok(const char *line)
{
	size_t nl, vl;
	const char *v;

	return split_header_line(line, &nl, &v, &vl) == 0;
}

int
http_add_header_line(struct buf *b, const char *line)
{
	size_t nl, vl;
	const char *v;

	if (split_header_line(line, &nl, &v, &vl) < 0) {
		errno = EINVAL;
		return -1;
	}
	return buf_printf(b, "%.*s: %.*s\r\n", (int)nl, line, (int)vl, v);
}

int
http_end_head(struct buf *b)
{
	return buf_add(b, "\r\n", 2);
}

/* --- parsing -------------------------------------------------------------- */

enum {
	S_HEAD, S_LENGTH, S_CLOSE, S_CHUNK_SIZE, S_CHUNK_EXT, S_CHUNK_SIZE_LF,
	S_CHUNK_DATA, S_CHUNK_CR, S_CHUNK_LF, S_TRAILER, S_TRAILER_LINE,
	S_TRAILER_LF, S_DONE, S_ERROR
};

#define CHUNK_LINE_MAX 4096

void
http_parser_init(struct http_parser *p, int kind)
{
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->max_head = 64 * 1024;
	p->max_headers = 100;
	http_parser_reset(p);
}

void
http_parser_reset(struct http_parser *p)
{
	p->version = 0;
	p->status = 0;
	p->reason = NULL;
	p->method = NULL;
	p->target = NULL;
	p->nheaders = 0;
	p->body = HTTP_BODY_NONE;
	p->content_length = -1;
	p->keep_alive = 0;
	p->upgrade = 0;
	p->body_len = 0;
	p->why = NULL;
	p->error_status = 0;
	p->state = S_HEAD;
	buf_reset(&p->head);
	p->line_start = 0;
	p->left = 0;
	p->linelen = 0;
}

void
http_parser_free(struct http_parser *p)
{
	buf_free(&p->head);
	free(p->headers);
	p->headers = NULL;
	p->cap_headers = 0;
	p->nheaders = 0;
}

static int
perr(struct http_parser *p, int status, const char *why)
{
	p->state = S_ERROR;
	p->why = why;
	p->error_status = p->kind == HTTP_REQUEST ? status : 0;
	return HTTP_ERROR;
}

const char *
http_header(const struct http_parser *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nheaders; i++)
		if (strcasecmp(p->headers[i].name, name) == 0)
			return p->headers[i].value;
	return NULL;
}

/* Whether the comma-separated list s holds token (case-insensitive). */
static int
list_has(const char *s, const char *token)
{
	size_t tl = strlen(token), n;
	const char *e;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		if (*s == '\0')
			return 0;
		e = s + strcspn(s, ",");
		n = (size_t)(e - s);
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n == tl && strncasecmp(s, token, tl) == 0)
			return 1;
		s = e;
	}
}

int
http_header_has(const struct http_parser *p, const char *name, const char *token)
{
	size_t i;

	for (i = 0; i < p->nheaders; i++)
		if (strcasecmp(p->headers[i].name, name) == 0 &&
		    list_has(p->headers[i].value, token))
			return 1;
	return 0;
}

static int
parse_version(const char *s, int *version)
{
	if (strncmp(s, "HTTP/", 5) != 0 || s[5] < '0' || s[5] > '9' ||
	    s[6] != '.' || s[7] < '0' || s[7] > '9')
		return -1;
	if (s[5] != '1')
		return -2;
	*version = s[7] == '0' ? 10 : 11;
	return 0;
}

static int
parse_start_line(struct http_parser *p, char *line)
{
	char *sp1, *sp2;
	int r;

	if (p->kind == HTTP_RESPONSE) {
		r = parse_version(line, &p->version);
		if (r == -2)
			return perr(p, 505, "unsupported HTTP version");
		if (r < 0 || line[8] != ' ' || line[9] < '1' || line[9] > '9' ||
		    line[10] < '0' || line[10] > '9' || line[11] < '0' ||
		    line[11] > '9' || (line[12] != ' ' && line[12] != '\0'))
			return perr(p, 400, "malformed status line");
		p->status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + line[11] - '0';
		p->reason = line[12] ? line + 13 : line + 12;
		if (!value_ok(p->reason, strlen(p->reason)))
			return perr(p, 400, "malformed status line");
		return 0;
	}
	sp1 = strchr(line, ' ');
	if (sp1 == NULL || !is_token(line, (size_t)(sp1 - line)))
		return perr(p, 400, "malformed request line");
	sp2 = strchr(sp1 + 1, ' ');
	if (sp2 == NULL || sp2 == sp1 + 1)
		return perr(p, 400, "malformed request line");
	*sp1 = '\0';
	*sp2 = '\0';
	if (!target_ok(sp1 + 1, (size_t)(sp2 - sp1 - 1)))
		return perr(p, 400, "malformed request target");
	r = parse_version(sp2 + 1, &p->version);
	if (r == -2)
		return perr(p, 505, "unsupported HTTP version");
	if (r < 0 || sp2[9] != '\0')
		return perr(p, 400, "malformed request line");
	p->method = line;
	p->target = sp1 + 1;
	return 0;
}

/* Content-Length: digits, or a list of identical values ("5, 5"). */
static int
parse_length(const char *s, int64_t *len)
{
	int64_t v;
	int any = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s < '0' || *s > '9')
			return -1;
		for (v = 0; *s >= '0' && *s <= '9'; s++) {
			if (v > (INT64_MAX / 4 - 9) / 10)
				return -1;
			v = v * 10 + (*s - '0');
		}
		if (any && v != *len)
			return -1;
		*len = v;
		any = 1;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			return 0;
		if (*s++ != ',')
			return -1;
	}
}

/* The last coding of a Transfer-Encoding list is chunked. */
static int
te_chunked_last(const char *s)
{
	const char *c = strrchr(s, ',');
	size_t n;

	s = c ? c + 1 : s;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 7 && strncasecmp(s, "chunked", 7) == 0;
}

/* Decide how the body is delimited (RFC 9112 section 6.3). */
static int
framing(struct http_parser *p)
{
	const char *te = NULL;
	int64_t cl = -1;
	size_t i, nte = 0;
	int chunked;

	for (i = 0; i < p->nheaders; i++) {
		const char *n = p->headers[i].name, *v = p->headers[i].value;
		if (strcasecmp(n, "Content-Length") == 0) {
			int64_t one = cl;
			if (parse_length(v, &one) < 0 || (cl >= 0 && one != cl))
				return perr(p, 400, "bad Content-Length");
			cl = one;
		} else if (strcasecmp(n, "Transfer-Encoding") == 0) {
			te = v;
			nte++;
		}
	}
	p->keep_alive = p->version == 11 ? !http_header_has(p, "Connection", "close") :
	    http_header_has(p, "Connection", "keep-alive");
	if (p->kind == HTTP_RESPONSE) {
		if (p->status == 101) {
			p->upgrade = 1;
			p->body = HTTP_BODY_NONE;
			return 0;
		}
		if (p->status < 200 || p->status == 204 || p->status == 304 ||
		    p->head_request) {
			p->body = HTTP_BODY_NONE;
			return 0;
		}
		if (te) {
			chunked = te_chunked_last(te) && p->version == 11;
			p->body = chunked ? HTTP_BODY_CHUNKED : HTTP_BODY_CLOSE;
			if (!chunked || cl >= 0)
				p->keep_alive = 0;
		} else if (cl >= 0) {
			p->body = HTTP_BODY_LENGTH;
			p->content_length = cl;
		} else {
			p->body = HTTP_BODY_CLOSE;
			p->keep_alive = 0;
		}
	} else {
		p->upgrade = http_header(p, "Upgrade") != NULL &&
		    http_header_has(p, "Connection", "upgrade");
		if (te) {
			if (cl >= 0)
				return perr(p, 400, "both Transfer-Encoding and Content-Length");
			if (p->version != 11)
				return perr(p, 400, "Transfer-Encoding in an HTTP/1.0 request");
			if (nte != 1 || !te_chunked_last(te) || strchr(te, ','))
				return perr(p, 501, "unsupported Transfer-Encoding");
			p->body = HTTP_BODY_CHUNKED;
		} else if (cl > 0) {
			p->body = HTTP_BODY_LENGTH;
			p->content_length = cl;
		} else {
			p->body = HTTP_BODY_NONE;
			p->content_length = cl;
		}
	}
	if (p->body == HTTP_BODY_LENGTH) {
		if (p->max_body && (uint64_t)cl > p->max_body)
			return perr(p, 413, "body too large");
		p->left = (uint64_t)cl;
		if (cl == 0)
			p->body = HTTP_BODY_NONE;
	}
	return 0;
}

/* The head is in p->head: split it into lines and headers, in place. */
static int
parse_head(struct http_parser *p)
{
	char *s = p->head.p, *end = p->head.p + p->head.len, *nl, *line, *c, *v, *e;
	size_t n;
	int first = 1;

	p->nheaders = 0;
	for (line = s; line < end; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			break;
		n = (size_t)(nl - line);
		if (n && line[n - 1] == '\r')
			n--;
		line[n] = '\0';
		if (memchr(line, '\r', n) || strlen(line) != n)
			return perr(p, 400, "stray CR or NUL in head");
		if (first) {
			if (parse_start_line(p, line) != 0)
				return HTTP_ERROR;
			first = 0;
			continue;
		}
		if (n == 0)
			break;
		if (line[0] == ' ' || line[0] == '\t')
			return perr(p, 400, "folded header line");
		c = strchr(line, ':');
		if (c == NULL || !is_token(line, (size_t)(c - line)))
			return perr(p, 400, "malformed header line");
		*c = '\0';
		for (v = c + 1; *v == ' ' || *v == '\t'; v++)
			;
		for (e = line + n; e > v && (e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		*e = '\0';
		if (!value_ok(v, (size_t)(e - v)))
			return perr(p, 400, "bad character in header value");
		if (p->nheaders >= p->max_headers)
			return perr(p, 431, "too many header lines");
		if (p->nheaders == p->cap_headers) {
			size_t ncap = p->cap_headers ? p->cap_headers * 2 : 16;
			struct http_header *nh = realloc(p->headers, ncap * sizeof *nh);
			if (nh == NULL)
				return perr(p, 500, "out of memory");
			p->headers = nh;
			p->cap_headers = ncap;
		}
		p->headers[p->nheaders].name = line;
		p->headers[p->nheaders].value = v;
		p->nheaders++;
	}
	if (p->kind == HTTP_REQUEST && p->version == 11 && http_header(p, "Host") == NULL)
		return perr(p, 400, "missing Host header");
	return framing(p);
}

/* The first line has come: is it worth waiting for the rest of the head?
 * (A server that speaks another protocol is told at once.) */
static int
start_line_plausible(const struct http_parser *p)
{
	const char *s = p->head.p, *sp;

	if (p->kind == HTTP_RESPONSE)
		return strncmp(s, "HTTP/", 5) == 0;
	sp = memchr(s, ' ', p->head.len);
	return sp != NULL && is_token(s, (size_t)(sp - s));
}

/* Accumulate head bytes; returns HTTP_HEAD when complete, HTTP_NEED, or
 * HTTP_ERROR. An interim 1xx response is dropped here. */
static int
feed_head(struct http_parser *p, const char *d, size_t len, size_t *used)
{
	const char *nl;
	size_t n, ll;

	*used = 0;
	while (*used < len) {
		nl = memchr(d + *used, '\n', len - *used);
		n = nl ? (size_t)(nl - (d + *used)) + 1 : len - *used;
		if (p->head.len + n > p->max_head)
			return perr(p, 431, "head too large");
		if (buf_add(&p->head, d + *used, n) < 0)
			return perr(p, 500, "out of memory");
		*used += n;
		if (nl == NULL)
			return HTTP_NEED;
		ll = p->head.len - 1 - p->line_start;
		if (ll && p->head.p[p->head.len - 2] == '\r')
			ll--;
		if (ll != 0) {
			if (p->line_start == 0 && !start_line_plausible(p))
				return perr(p, 400, p->kind == HTTP_RESPONSE ?
				    "malformed status line" : "malformed request line");
			p->line_start = p->head.len;
			continue;
		}
		if (p->line_start == 0) {	/* empty lines before the start line */
			buf_reset(&p->head);
			continue;
		}
		if (parse_head(p) == HTTP_ERROR)
			return HTTP_ERROR;
		if (p->kind == HTTP_RESPONSE && p->status < 200 && p->status != 101) {
			/* Interim response: forget it, read the real one. */
			int hr = p->head_request;
			uint64_t mb = p->max_body;
			http_parser_reset(p);
			p->head_request = hr;
			p->max_body = mb;
			continue;
		}
		switch (p->body) {
		case HTTP_BODY_NONE:
			p->state = S_DONE;
			break;
		case HTTP_BODY_LENGTH:
			p->state = S_LENGTH;
			break;
		case HTTP_BODY_CHUNKED:
			p->state = S_CHUNK_SIZE;
			break;
		default:
			p->state = S_CLOSE;
			break;
		}
		return HTTP_HEAD;
	}
	return HTTP_NEED;
}

static int
give_body(struct http_parser *p, const char *d, size_t n, size_t *used,
    const char **body, size_t *blen)
{
	if (p->max_body && p->body_len + n > p->max_body)
		return perr(p, 413, "body too large");
	p->body_len += n;
	*body = d;
	*blen = n;
	*used += n;
	return HTTP_BODY;
}

int
http_parse(struct http_parser *p, const void *data, size_t len, size_t *used,
    const char **body, size_t *blen)
{
	const char *d = data;
	size_t n;
	int c, h;

	*used = 0;
	*body = NULL;
	*blen = 0;
	if (p->state == S_HEAD)
		return feed_head(p, d, len, used);
	while (*used < len || p->state == S_DONE || p->state == S_ERROR) {
		switch (p->state) {
		case S_DONE:
			return HTTP_DONE;
		case S_ERROR:
			return HTTP_ERROR;
		case S_LENGTH:
			n = len - *used;
			if (n > p->left)
				n = (size_t)p->left;
			p->left -= n;
			if (p->left == 0)
				p->state = S_DONE;
			return give_body(p, d + *used, n, used, body, blen);
		case S_CLOSE:
			return give_body(p, d + *used, len - *used, used, body, blen);
		case S_CHUNK_DATA:
			n = len - *used;
			if (n > p->left)
				n = (size_t)p->left;
			p->left -= n;
			if (p->left == 0)
				p->state = S_CHUNK_CR;
			return give_body(p, d + *used, n, used, body, blen);
		default:
			break;
		}
		/* The byte-at-a-time states: chunk sizes, ends, trailers. */
		c = (unsigned char)d[(*used)++];
		switch (p->state) {
		case S_CHUNK_SIZE:
			h = esc_hexval(c);
			if (h >= 0) {
				if (++p->linelen > 15)
					return perr(p, 400, "chunk size too large");
				p->left = p->left * 16 + (uint64_t)h;
				break;
			}
			if (p->linelen == 0)
				return perr(p, 400, "bad chunk size");
			if (c == ';' || c == ' ' || c == '\t')
				p->state = S_CHUNK_EXT;
			else if (c == '\r')
				p->state = S_CHUNK_SIZE_LF;
			else if (c == '\n')
				goto chunk_line_done;
			else
				return perr(p, 400, "bad chunk size");
			break;
		case S_CHUNK_EXT:
			if (++p->linelen > CHUNK_LINE_MAX)
				return perr(p, 400, "chunk extension too long");
			if (c == '\r')
				p->state = S_CHUNK_SIZE_LF;
			else if (c == '\n')
				goto chunk_line_done;
			else if ((c < 0x20 && c != '\t') || c == 0x7f)
				return perr(p, 400, "bad chunk extension");
			break;
		case S_CHUNK_SIZE_LF:
			if (c != '\n')
				return perr(p, 400, "bad chunk size line");
chunk_line_done:
			p->linelen = 0;
			if (p->left == 0) {
				p->state = S_TRAILER;
			} else {
				if (p->max_body && p->body_len + p->left > p->max_body)
					return perr(p, 413, "body too large");
				p->state = S_CHUNK_DATA;
			}
			break;
		case S_CHUNK_CR:
			if (c == '\r')
				p->state = S_CHUNK_LF;
			else if (c == '\n')
				p->state = S_CHUNK_SIZE;
			else
				return perr(p, 400, "chunk data longer than its size");
			break;
		case S_CHUNK_LF:
			if (c != '\n')
				return perr(p, 400, "bad chunk end");
			p->state = S_CHUNK_SIZE;
			break;
		case S_TRAILER:
			if (c == '\r')
				p->state = S_TRAILER_LF;
			else if (c == '\n')
				p->state = S_DONE;
			else
				p->state = S_TRAILER_LINE;
			break;
		case S_TRAILER_LINE:
			if (++p->linelen > p->max_head)
				return perr(p, 431, "trailers too large");
			if (c == '\n')
				p->state = S_TRAILER;
			else if (c == '\0')
				return perr(p, 400, "bad trailer");
			break;
		case S_TRAILER_LF:
			if (c != '\n')
				return perr(p, 400, "bad end of trailers");
			p->state = S_DONE;
			break;
		}
	}
	return HTTP_NEED;
}

int
http_parse_eof(struct http_parser *p)
{
	switch (p->state) {
	case S_DONE:
		return HTTP_DONE;
	case S_ERROR:
		return HTTP_ERROR;
	case S_CLOSE:
		p->state = S_DONE;
		return HTTP_DONE;
	case S_HEAD:
		if (p->head.len == 0)
			return HTTP_NEED;
		return perr(p, 400, "connection closed in the middle of the head");
	default:
		return perr(p, 400, "connection closed before the body ended");
	}
}
