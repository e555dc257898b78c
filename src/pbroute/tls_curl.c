/* tls_curl.c: what carries TLS for https:// and wss:// (libcurl or nothing).
 *
 * pbroute speaks WebSocket itself (lib/ws) over a TLS byte stream that
 * libcurl opens with CURLOPT_CONNECT_ONLY (lib/http_curl.c). It never
 * needs libcurl's own WebSocket support, which Debian 12's libcurl 7.88
 * lacks; the start event line says whether the installed libcurl has it,
 * for the curious. */
#include <stdio.h>
#include <string.h>

#ifdef HAVE_CURL
#include <curl/curl.h>
#endif

const char *pb_tls_describe(char *buf, size_t len);

#ifdef HAVE_CURL
const char *
pb_tls_describe(char *buf, size_t len)
{
	const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
	const char *const *p;
	int ws = 0;

	for (p = v->protocols; p && *p; p++)
		if (strcmp(*p, "wss") == 0)
			ws = 1;
	snprintf(buf, len, "libcurl %s %s (libcurl websocket: %s; pbroute's own "
	    "client over a libcurl TLS stream)", v->version,
	    v->ssl_version ? v->ssl_version : "no-ssl", ws ? "yes" : "no");
	return buf;
}
#else
const char *
pb_tls_describe(char *buf, size_t len)
{
	snprintf(buf, len, "none: built without libcurl (no https:// or wss://)");
	return buf;
}
#endif
