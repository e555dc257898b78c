/* t/unit/base64.c: RFC 4648 test vectors, round trips, strict decoding. */
#include <stdio.h>
#include <string.h>

#include "base64.h"
#include "tap.h"

static void
enc(const char *in, const char *want)
{
	char out[64];

	base64_encode(in, strlen(in), out);
	is_str(out, want, "encode '%s'", in);
}

static void
dec(const char *in, const char *want)
{
	char out[64];
	long n = base64_decode(in, strlen(in), out);

	if (n >= 0)
		out[n] = '\0';
	ok(n >= 0 && strcmp(out, want) == 0, "decode '%s'", in);
}

static void
bad(const char *in)
{
	char out[64];

	is_int(base64_decode(in, strlen(in), out), -1, "reject '%.*s'",
	    (int)strcspn(in, "\n"), in);
}

int
main(void)
{
	unsigned char raw[256], back[256];
	char text[BASE64_ENCLEN(256) + 1];
	size_t n, i;
	long m;

	enc("", "");
	enc("f", "Zg==");
	enc("fo", "Zm8=");
	enc("foo", "Zm9v");
	enc("foob", "Zm9vYg==");
	enc("fooba", "Zm9vYmE=");
	enc("foobar", "Zm9vYmFy");
	dec("", "");
	dec("Zg==", "f");
	dec("Zm8=", "fo");
	dec("Zm9vYmFy", "foobar");
	bad("Zg=");		/* not a multiple of 4 */
	bad("Zh==");		/* non-zero unused bits */
	bad("Zm9=");
	bad("Zg==Zg==");	/* padding in the middle */
	bad("Z===");
	bad("Zm9v\nYmFy");
	bad("Zm 9");
	bad("Zm9-");		/* base64url alphabet */
	is_int(BASE64_ENCLEN(16), 24, "a WebSocket key is 24 characters");

	for (i = 0; i < sizeof raw; i++)
		raw[i] = (unsigned char)(i * 37 + 11);
	for (n = 0; n <= sizeof raw; n += 1 + n / 3) {
		size_t tl = base64_encode(raw, n, text);
		m = base64_decode(text, tl, back);
		ok(tl == BASE64_ENCLEN(n) && m == (long)n && memcmp(raw, back, n) == 0,
		    "round trip %zu bytes", n);
	}
	return done_testing();
}
