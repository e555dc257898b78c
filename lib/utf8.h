/* utf8.h: decoding and encoding UTF-8, strictly (RFC 3629). */
#ifndef TK_UTF8_H
#define TK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode the sequence at s (n > 0 bytes available). Returns its length
 * (1-4) and stores the code point in *cp; or, when the bytes are not valid
 * UTF-8 (overlong, surrogate, above U+10FFFF, bad or missing continuation
 * byte), returns minus the length of the maximal invalid subpart (-1 to
 * -3), which is what one U+FFFD replaces (Unicode 15, section 3.9). */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Encode cp (at most U+10FFFF, not a surrogate) into out; returns the
 * length (1-4), or 0 when cp cannot be encoded. */
int utf8_encode(uint32_t cp, char out[4]);

/* Length of the longest prefix of s that is valid UTF-8. */
size_t utf8_valid(const char *s, size_t n);

#endif
