/* esc.h: escapes shared by the JSON, TOML, YAML and HTTP code.
 *
 * esc_quote() appends s (n bytes, which may hold NUL) to b as a
 * double-quoted string with backslash escapes, the form JSON strings and
 * TOML basic strings share: '"' and '\\' are escaped, so are the control
 * characters below U+0020 (\b \f \n \r \t by name, the others as
 * \u00XX); valid UTF-8 is copied as it is, and each maximal invalid
 * subpart (see utf8.h) becomes U+FFFD. Flags: ESC_DEL escapes DEL (0x7f)
 * too, as \u007F or \u007f; ESC_UPPER writes the hex digits of \u00XX in
 * upper case. ESC_YAML makes it a YAML double-quoted scalar: DEL and the
 * controls other than \n \r \t become \xXX, and the C1 controls, U+FEFF,
 * U+2028 and U+2029 \uXXXX (upper case). Returns 0, or -1 with errno
 * ENOMEM (b then holds a part).
 *
 * esc_shell() appends s to b as one sh word: as it is when it is made
 * only of letters, digits and _-./:=@%+, (and not empty), else in single
 * quotes, a quote inside written '\''. Returns 0, or -1 with errno ENOMEM.
 *
 * esc_hexval() is the value of the hex digit c (0-9, a-f, A-F), or -1. */
#ifndef TK_ESC_H
#define TK_ESC_H

#include <stddef.h>

#include "buf.h"

#define ESC_DEL		1
#define ESC_UPPER	2
#define ESC_YAML	4

int esc_quote(struct buf *b, const char *s, size_t n, int flags);
int esc_shell(struct buf *b, const char *s);
int esc_hexval(int c);

#endif
