/* http_curl.c: TLS byte streams through libcurl, for https and wss (see http.h).
 *
 * libcurl connects and does the TLS handshake (CURLOPT_CONNECT_ONLY);
 * then curl_easy_send() and curl_easy_recv() carry the bytes, so lib/http
 * and lib/ws speak their own protocol over it. (Debian 12's libcurl 7.88
 * has no WebSocket support of its own.) Without libcurl every function
 * fails with "built without libcurl". */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "http.h"
#include "net.h"

#ifdef HAVE_CURL
#include <curl/curl.h>

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
	static int inited;
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
	if (!inited) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return tls_fail(why, "unable to initialise libcurl", ENOMEM);
		inited = 1;
	}
	h = curl_easy_init();
	if (h == NULL)
		return tls_fail(why, "unable to initialise libcurl", ENOMEM);
	snprintf(url, sizeof url, u->ipv6 ? "https://[%s]:%u/" : "https://%s:%u/",
	    u->host, u->port);
	cerr[0] = '\0';
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, cerr);
	if (ms > 0)
		curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)ms);
	if (tls && tls->cacert)
		curl_easy_setopt(h, CURLOPT_CAINFO, tls->cacert);
	if (tls && tls->insecure) {
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	rc = curl_easy_perform(h);
	if (rc == CURLE_OK)
		rc = curl_easy_getinfo(h, CURLINFO_ACTIVESOCKET, &sock);
	if (rc != CURLE_OK) {
		snprintf(errbuf, sizeof errbuf, "%s", cerr[0] ? cerr : curl_easy_strerror(rc));
		curl_easy_cleanup(h);
		return tls_fail(why, errbuf, rc == CURLE_OPERATION_TIMEDOUT ?
		    ETIMEDOUT : ECONNREFUSED);
	}
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, NULL);
	c->fd = (int)sock;
	c->tls = h;
	return 0;
}

ssize_t
http_tls_recv(struct http_conn *c, void *buf, size_t n)
{
	size_t got = 0;
	CURLcode rc = curl_easy_recv(c->tls, buf, n, &got);

	if (rc == CURLE_OK)
		return (ssize_t)got;
	errno = rc == CURLE_AGAIN ? EAGAIN : ECONNRESET;
	return -1;
}

ssize_t
http_tls_send(struct http_conn *c, const void *buf, size_t n)
{
	size_t sent = 0;
	CURLcode rc = curl_easy_send(c->tls, buf, n, &sent);

	if (rc == CURLE_OK)
		return (ssize_t)sent;
	errno = rc == CURLE_AGAIN ? EAGAIN : EPIPE;
	return -1;
}

void
http_tls_close(struct http_conn *c)
{
	curl_easy_cleanup(c->tls);
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

ssize_t
http_tls_recv(struct http_conn *c, void *buf, size_t n)
{
	(void)c;
	(void)buf;
	(void)n;
	errno = ENOTSUP;
	return -1;
}

ssize_t
http_tls_send(struct http_conn *c, const void *buf, size_t n)
{
	(void)c;
	(void)buf;
	(void)n;
	errno = ENOTSUP;
	return -1;
}

void
http_tls_close(struct http_conn *c)
{
	c->tls = NULL;
	c->fd = -1;
}

#endif /* HAVE_CURL */
