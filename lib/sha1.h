/* sha1.h: SHA-1 (FIPS 180-4), for the WebSocket handshake (RFC 6455).
 *
 * SHA-1 is broken for collision resistance: use it only where a protocol
 * demands it, never to authenticate anything.
 *
 *	struct sha1 s;
 *	sha1_init(&s); sha1_update(&s, data, n); ...; sha1_final(&s, digest);
 *
 * or sha1(data, n, digest) in one call. */
#ifndef TK_SHA1_H
#define TK_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define SHA1_LEN 20

struct sha1 {
	uint32_t h[5];
	uint64_t len;		/* bytes hashed so far */
	unsigned char blk[64];
	size_t nblk;		/* bytes waiting in blk */
};

void sha1_init(struct sha1 *s);
void sha1_update(struct sha1 *s, const void *data, size_t n);
/* Write the 20-byte digest; s must be initialised again before reuse. */
void sha1_final(struct sha1 *s, unsigned char out[SHA1_LEN]);
void sha1(const void *data, size_t n, unsigned char out[SHA1_LEN]);

#endif
