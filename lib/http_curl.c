/* http_curl.c: TLS byte streams through libcurl, for https and wss (see http.h).
 *
 * libcurl connects and does the TLS handshake (CURLOPT_CONNECT_ONLY);
 * then curl_easy_send() and curl_easy_recv() carry the bytes, so lib/http
 * and lib/ws speak their own protocol over it. (Debian 12's libcurl 7.88
 * has no WebSocket support of its own.)
 *
 * libcurl is loaded with dlopen(3) the first time TLS is wanted, not
 * linked: it pulls in some thirty libraries, and a program that only
 * speaks plain HTTP (or only checks a TCP port) should not pay for their
 * loading at every start. Link with -ldl where libc lacks dlopen. Without
 * libcurl at build time every function fails with "built without
 * libcurl"; without it at run time, with "unable to load libcurl". */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "net.h"

#ifdef HAVE_CURL
#include <curl/curl.h>
#include <dlfcn.h>

static struct {
	CURLcode (*global_init)(long);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	CURLcode (*easy_recv)(CURL *, void *, size_t, size_t *);
	CURLcode (*easy_send)(CURL *, const void *, size_t, size_t *);
	void (*easy_cleanup)(CURL *);
	const char *(*easy_strerror)(CURLcode);
} C;

/* Load libcurl and initialise it, once. Returns 0 or -1 with *why. */
static int
load_curl(const char **why)
{
	static const char *const names[] = {
		"libcurl.so.4", "libcurl.so", "libcurl.4.dylib", "libcurl.dylib"
	};
	static int state;	/* 0 not tried, 1 ready, -1 failed */
	static char err[256];
	void *h = NULL;
	size_t i;

	if (state == 0) {
		state = -1;
		for (i = 0; h == NULL && i < sizeof names / sizeof names[0]; i++)
			h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
		if (h == NULL) {
			snprintf(err, sizeof err, "unable to load libcurl: %s", dlerror());
			goto out;
		}
#define SYM(f, n) (*(void **)&C.f = dlsym(h, n)) == NULL
		if (SYM(global_init, "curl_global_init") || SYM(easy_init, "curl_easy_init") ||
		    SYM(easy_setopt, "curl_easy_setopt") ||
		    SYM(easy_perform, "curl_easy_perform") ||
		    SYM(easy_getinfo, "curl_easy_getinfo") ||
		    SYM(easy_recv, "curl_easy_recv") || SYM(easy_send, "curl_easy_send") ||
		    SYM(easy_cleanup, "curl_easy_cleanup") ||
		    SYM(easy_strerror, "curl_easy_strerror")) {
			snprintf(err, sizeof err, "unable to load libcurl: %s", dlerror());
			goto out;
		}
#undef SYM
		if (C.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			snprintf(err, sizeof err, "unable to initialise libcurl");
			goto out;
		}
		state = 1;
	}
out:
	if (state == 1)
		return 0;
	if (why)
		*why = err;
	errno = ENOTSUP;
	return -1;
}

int
http_tls_available(void)
{
	return 1;
}

static int
tls_fail(const char **why, const char *msg, int err)
{
	if (why)
		*why = msg;
	errno = err;
	return -1;
}

int
http_tls_open(struct http_conn *c, const struct http_url *u,
    const struct http_tls_opts *tls, int64_t deadline, const char **why)
{
	static char errbuf[CURL_ERROR_SIZE + 64];
	char url[NET_HOST_MAX + 32], cerr[CURL_ERROR_SIZE];
	curl_socket_t sock;
	CURL *h;
	CURLcode rc;
	int ms = net_timeout(deadline);

	c->fd = -1;
	c->tls = NULL;
	if (ms == 0)
		return tls_fail(why, "timed out", ETIMEDOUT);
	if (load_curl(why) < 0)
		return -1;
	h = C.easy_init();
	if (h == NULL)
		return tls_fail(why, "unable to initialise libcurl", ENOMEM);
	snprintf(url, sizeof url, u->ipv6 ? "https://[%s]:%u/" : "https://%s:%u/",
	    u->host, u->port);
	cerr[0] = '\0';
	C.easy_setopt(h, CURLOPT_URL, url);
	C.easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
	C.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	C.easy_setopt(h, CURLOPT_PROXY, "");
	C.easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
	if (ms > 0)
		C.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)ms);
	if (tls && tls->cacert)
		C.easy_setopt(h, CURLOPT_CAINFO, tls->cacert);
	if (tls && tls->insecure) {
		C.easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
		C.easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	rc = C.easy_perform(h);
	if (rc == CURLE_OK)
		rc = C.easy_getinfo(h, CURLINFO_ACTIVESOCKET, &sock);
	if (rc != CURLE_OK) {
		snprintf(errbuf, sizeof errbuf, "%s", cerr[0] ? cerr : C.easy_strerror(rc));
		C.easy_cleanup(h);
		return tls_fail(why, errbuf, rc == CURLE_OPERATION_TIMEDOUT ?
		    ETIMEDOUT : ECONNREFUSED);
	}
	C.easy_setopt(h, CURLOPT_ERRORBUFFER, NULL);
	c->fd = (int)sock;
	c->tls = h;
	return 0;
}

/* What curl_easy_recv() or _send() gave: the bytes moved, or -1 with
 * errno EAGAIN (try again when the socket is ready) or err. */
static ssize_t
tls_result(CURLcode rc, size_t done, int err)
{
	if (rc == CURLE_OK)
		return (ssize_t)done;
	errno = rc == CURLE_AGAIN ? EAGAIN : err;
	return -1;
}

ssize_t
http_tls_recv(struct http_conn *c, void *buf, size_t n)
{
	size_t got = 0;
	CURLcode rc = C.easy_recv(c->tls, buf, n, &got);

	return tls_result(rc, got, ECONNRESET);
}

ssize_t
http_tls_send(struct http_conn *c, const void *buf, size_t n)
{
	size_t sent = 0;
	CURLcode rc = C.easy_send(c->tls, buf, n, &sent);

	return tls_result(rc, sent, EPIPE);
}

void
http_tls_close(struct http_conn *c)
{
	C.easy_cleanup(c->tls);
	c->tls = NULL;
	c->fd = -1;
}

#else /* !HAVE_CURL */

int
http_tls_available(void)
{
	return 0;
}

int
http_tls_open(struct http_conn *c, const struct http_url *u,
    const struct http_tls_opts *tls, int64_t deadline, const char **why)
{
	(void)u;
	(void)tls;
	(void)deadline;
	c->fd = -1;
	c->tls = NULL;
	if (why)
		*why = "built without libcurl";
	errno = ENOTSUP;
	return -1;
}

/* Receiving and sending, without libcurl. */
static ssize_t
no_io(struct http_conn *c, const void *buf, size_t n)
{
	(void)c;
	(void)buf;
	(void)n;
	errno = ENOTSUP;
	return -1;
}

ssize_t
http_tls_recv(struct http_conn *c, void *buf, size_t n)
{
	return no_io(c, buf, n);
}

ssize_t
http_tls_send(struct http_conn *c, const void *buf, size_t n)
{
	return no_io(c, buf, n);
}

void
http_tls_close(struct http_conn *c)
{
	c->tls = NULL;
	c->fd = -1;
}

#endif /* HAVE_CURL */
