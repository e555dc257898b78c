/* frame.c: length-prefixed frames (see frame.h). */
#include <errno.h>
#include <stdint.h>

#include "frame.h"

int
frame_put(struct buf *out, const char *body, size_t len)
{
	unsigned char h[FRAME_HDR];

	if (len > FRAME_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	h[0] = (unsigned char)(len >> 24);
	h[1] = (unsigned char)(len >> 16);
	h[2] = (unsigned char)(len >> 8);
	h[3] = (unsigned char)len;
	if (buf_reserve(out, FRAME_HDR + len) < 0)
		return -1;
	buf_add(out, h, FRAME_HDR);
	buf_add(out, body, len);
	return 0;
}

int
frame_get(const char *in, size_t inlen, size_t max, const char **body,
    size_t *len, size_t *used)
{
	const unsigned char *u = (const unsigned char *)in;
	uint32_t n;

	if (inlen < FRAME_HDR)
		return 0;
	n = (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 |
	    (uint32_t)u[2] << 8 | (uint32_t)u[3];
	*len = n;
	if (n > max)
		return -1;
	if (inlen - FRAME_HDR < n)
		return 0;
	*body = in + FRAME_HDR;
	*used = FRAME_HDR + (size_t)n;
	return 1;
}
