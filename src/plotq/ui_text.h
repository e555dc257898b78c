/* ui_text.h: the pure parts of plotq ui: keys, screen text, command lines.
 *
 * Nothing here touches a terminal or a socket, so all of it is fuzzed
 * (t/fuzz/plotq-ui.c).
 *
 * Keys. ui_key() decodes what a terminal sends for one key press: a plain
 * byte (UTF-8 sequences come byte by byte, for the caller to collect), or
 * one of the K_ values below for Enter, Backspace, Tab, Escape and the
 * CSI/SS3 sequences of arrows, Home/End, PgUp/PgDn and Delete, with or
 * without modifiers. A sequence the caller does not know is one K_UNKNOWN,
 * never stray characters.
 *
 * Screen text. A struct tline is one line of the screen: text added with
 * tl_text() is made safe (control characters and, outside a UTF-8 locale,
 * every non-ASCII byte become '?'; tabs become spaces) and cut at the
 * line's width in columns (wcwidth(3) in a UTF-8 locale); tl_esc() adds
 * an escape sequence that takes no room (colours, reverse video).
 *
 * Log text. ui_log_clean() turns what a job wrote into something fit for
 * one screen line: CSI and OSC sequences are dropped, and a carriage
 * return starts the line over, as a terminal would show it.
 *
 * Command lines. ui_split() splits the run dialog's text into words as
 * the shell does for plain words ('...', "..." and backslash quoting);
 * text that needs a shell (operators, expansions, globs, an assignment or
 * a shell keyword or special builtin first) is run as
 * /bin/sh -c TEXT instead. */
#ifndef PLOTQ_UI_TEXT_H
#define PLOTQ_UI_TEXT_H

#include <stddef.h>

#include "buf.h"

enum {
	K_ENTER = 0x100, K_ESC, K_BS, K_TAB, K_BTAB, K_UP, K_DOWN, K_LEFT,
	K_RIGHT, K_PGUP, K_PGDN, K_HOME, K_END, K_DEL, K_UNKNOWN
};

#define KEY_SEQ_MAX 32	/* a longer escape sequence is cut there */

/* Decode the key at in[0..n), n > 0. Returns the number of bytes it took
 * and sets *key; 0 when in may be the start of a longer sequence and more
 * bytes may come (!final): call again with more, or with final set once
 * the terminal has been quiet for a moment (a lone ESC is Escape). */
size_t ui_key(const unsigned char *in, size_t n, int final, int *key);

struct tline {
	struct buf b;	/* the bytes to write, escapes included */
	int w;		/* columns used */
	int max;	/* columns available */
	int utf8;	/* the terminal takes UTF-8 */
};

/* Start the line over with max columns (keeps its memory). */
void tl_reset(struct tline *l, int max, int utf8);
/* Add text, made safe, up to the width; returns the columns it took. */
int tl_text(struct tline *l, const char *s, size_t n);
int tl_str(struct tline *l, const char *s);
int tl_printf(struct tline *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Add an escape sequence (no width). */
void tl_esc(struct tline *l, const char *esc);
/* Spaces up to column col (or the width). */
void tl_pad(struct tline *l, int col);
void tl_free(struct tline *l);

/* Columns text would take (as tl_text would show it), up to max. */
int ui_width(const char *s, size_t n, int utf8, int max);

/* Append the printable form of one log line s[0..n) (no newline) to out. */
int ui_log_clean(const char *s, size_t n, struct buf *out);

/* Split text into a malloc'd NULL-terminated vector (free with
 * strv_free); NULL with *why ("unterminated quote", "empty command",
 * "out of memory"). */
char **ui_split(const char *text, const char **why);

#endif
