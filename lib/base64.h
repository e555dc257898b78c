/* base64.h: Base64 encoding and decoding (RFC 4648, section 4).
 *
 * The standard alphabet with '=' padding, as HTTP and WebSocket headers
 * use it. Decoding is strict: no whitespace, padding required, and the
 * unused bits of the last character must be zero, so each byte string
 * has exactly one accepted encoding. */
#ifndef TK_BASE64_H
#define TK_BASE64_H

#include <stddef.h>

/* Length of the encoding of n bytes, without the NUL. */
#define BASE64_ENCLEN(n) (((n) + 2) / 3 * 4)

/* Encode n bytes into out (BASE64_ENCLEN(n) + 1 bytes, NUL-terminated).
 * Returns the length written, without the NUL. */
size_t base64_encode(const void *in, size_t n, char *out);

/* Decode n characters into out (room for n / 4 * 3 bytes). Returns the
 * number of bytes, or -1 when the input is not valid Base64. */
long base64_decode(const char *in, size_t n, void *out);

#endif
