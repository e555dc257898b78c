/* t/fuzz/url.c: URL parsing, resolving, formatting, host:port and query
 * parameters. A parsed URL formats to text that parses to the same URL. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "http.h"
#include "net.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_url u, v, r;
	struct buf t = BUF_INIT, q = BUF_INIT;
	char *s, *ref, host[NET_HOST_MAX];
	const char *why;
	unsigned port;
	size_t cut;

	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	(void)net_hostport(s, host, &port, size & 1 ? "80" : NULL, 0, &why);
	(void)http_header_line_ok(s);
	/* A NUL splits the input: URL, then a reference to resolve. */
	cut = strlen(s);
	ref = cut < size ? s + cut + 1 : "";
	if (http_url_parse(s, &u, &why) == 0) {
		if (u.target[0] != '/' || strchr(u.target, '#') || strlen(u.host) == 0)
			abort();
		http_url_format(&u, &t);
		if (http_url_parse(t.p, &v, &why) != 0 || strcmp(u.host, v.host) != 0 ||
		    u.port != v.port || strcmp(u.target, v.target) != 0 || u.tls != v.tls)
			abort();
		http_url_free(&v);
		if (http_url_resolve(&u, ref, &r, &why) == 0) {
			if (r.target[0] != '/')
				abort();
			http_url_free(&r);
		}
		(void)http_query_param(u.target, "k", &q);
		http_url_free(&u);
	}
	buf_free(&t);
	buf_free(&q);
	free(s);
	return 0;
}
