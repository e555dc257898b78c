/* t/unit/sha1.c: SHA-1 against the FIPS 180 and RFC 3174 test vectors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha1.h"
#include "tap.h"

static const char *
hex(const unsigned char *d, char *out)
{
	int i;

	for (i = 0; i < SHA1_LEN; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
	return out;
}

static void
vec(const char *in, const char *want)
{
	unsigned char d[SHA1_LEN];
	char h[41];

	sha1(in, strlen(in), d);
	is_str(hex(d, h), want, "sha1 of '%.20s' (%zu bytes)", in, strlen(in));
}

int
main(void)
{
	struct sha1 s;
	unsigned char d[SHA1_LEN];
	char h[41], *big;
	size_t i, step;
	static const char *abc56 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	vec("", "da39a3ee5e6b4b0d3255bfef95601890afd80709");
	vec("abc", "a9993e364706816aba3e25717850c26c9cd0d89d");
	vec(abc56, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
	vec("The quick brown fox jumps over the lazy dog",
	    "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
	/* The RFC 6455 example: key + GUID. */
	vec("dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11",
	    "b37a4f2cc0624f1690f64606cf385945b2bec4ea");

	/* A million 'a', fed in uneven pieces: 55, 56, 63, 64, 65 bytes
	 * cross every padding case. */
	big = malloc(1000000);
	memset(big, 'a', 1000000);
	for (step = 1; step <= 1000; step = step * 7 + 3) {
		sha1_init(&s);
		for (i = 0; i < 1000000; i += step)
			sha1_update(&s, big + i, i + step > 1000000 ? 1000000 - i : step);
		sha1_final(&s, d);
		is_str(hex(d, h), "34aa973cd4c4daa4f61eeb2bdbad27316534016f",
		    "million a in pieces of %zu", step);
	}
	for (i = 54; i <= 66; i++) {
		unsigned char one[SHA1_LEN], two[SHA1_LEN];
		sha1(big, i, one);
		sha1_init(&s);
		sha1_update(&s, big, 1);
		sha1_update(&s, big + 1, i - 1);
		sha1_final(&s, two);
		ok(memcmp(one, two, SHA1_LEN) == 0, "split update agrees at %zu bytes", i);
	}
	sha1(big, 64, d);
	is_str(hex(d, h), "0098ba824b5c16427bd7a1122a5a442a25ec644d", "64 a");
	free(big);
	return done_testing();
}
