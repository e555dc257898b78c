/* sha1.c: SHA-1 message digest (see sha1.h). */
#include <string.h>

#include "sha1.h"

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void
sha1_block(struct sha1 *s, const unsigned char *p)
{
	uint32_t w[80], a, b, c, d, e, f, k, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = s->h[0];
	b = s->h[1];
	c = s->h[2];
	d = s->h[3];
	e = s->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		t = ROL(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = ROL(b, 30);
		b = a;
		a = t;
	}
	s->h[0] += a;
	s->h[1] += b;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
}

void
sha1_init(struct sha1 *s)
{
	s->h[0] = 0x67452301;
	s->h[1] = 0xefcdab89;
	s->h[2] = 0x98badcfe;
	s->h[3] = 0x10325476;
	s->h[4] = 0xc3d2e1f0;
	s->len = 0;
	s->nblk = 0;
}

void
sha1_update(struct sha1 *s, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t k;

	s->len += n;
	if (s->nblk) {
		k = 64 - s->nblk;
		if (k > n)
			k = n;
		memcpy(s->blk + s->nblk, p, k);
		s->nblk += k;
		p += k;
		n -= k;
		if (s->nblk < 64)
			return;
		sha1_block(s, s->blk);
		s->nblk = 0;
	}
	for (; n >= 64; p += 64, n -= 64)
		sha1_block(s, p);
	if (n) {
		memcpy(s->blk, p, n);
		s->nblk = n;
	}
}

void
sha1_final(struct sha1 *s, unsigned char out[SHA1_LEN])
{
	uint64_t bits = s->len * 8;
	unsigned char pad[72];
	size_t padlen;
	int i;

	/* 0x80, zeros up to 56 mod 64, then the length in bits. */
	padlen = (s->nblk < 56 ? 56 : 120) - s->nblk;
	memset(pad, 0, sizeof pad);
	pad[0] = 0x80;
	for (i = 0; i < 8; i++)
		pad[padlen + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(s, pad, padlen + 8);
	for (i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(s->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(s->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(s->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)s->h[i];
	}
}

void
sha1(const void *data, size_t n, unsigned char out[SHA1_LEN])
{
	struct sha1 s;

	sha1_init(&s);
	sha1_update(&s, data, n);
	sha1_final(&s, out);
}
