/* ui_term.h: the terminal of plotq ui: raw mode, the alternate screen, frames.
 *
 * term_start() puts the terminal on standard input in raw mode (no echo,
 * no line editing, no signals from ^C/^Z: they arrive as keys), switches
 * to the alternate screen, hides the cursor and turns off autowrap. The
 * terminal is put back as it was (modes, main screen, cursor) by
 * term_stop(), at exit(3) (so a fatal error on any path leaves no mess),
 * and by a handler for the signals that kill (SEGV, BUS, ILL, FPE, ABRT),
 * which restores the terminal with async-signal-safe calls only and
 * lets the signal take its course. Only the process that called
 * term_start() does this: a forked child leaves the terminal alone.
 *
 * Frames. The caller fills the lines of a frame (struct tline, see
 * ui_text.h) and calls term_flush(): the lines that differ from the last
 * frame are written, each with cursor addressing, all in one write(2); an
 * unchanged frame writes nothing. Nothing is cleared between frames, so
 * there is no flicker; the whole screen is cleared and drawn again only
 * after term_resize() (SIGWINCH) or term_redraw(). */
#ifndef PLOTQ_UI_TERM_H
#define PLOTQ_UI_TERM_H

#include "ui_text.h"

struct term {
	int rows, cols;
	int utf8;		/* the locale's codeset is UTF-8 */
	struct tline *line;	/* the frame being built, rows of them */
	struct buf *shown;	/* what each row of the screen shows */
	int full;		/* clear and draw everything next time */
	int crow, ccol;		/* where the cursor was shown, -1: hidden */
};

/* 0, or -1 with errno (not a terminal, tcsetattr failed). */
int term_start(struct term *t);
/* Put the terminal back (idempotent). */
void term_stop(void);
/* After the process was stopped and continued: raw mode and the
 * alternate screen again, everything drawn anew. */
int term_resume(struct term *t);
/* Read the size again; 1 when it changed (lines reallocated), 0 if not,
 * -1 on allocation failure. */
int term_resize(struct term *t);
void term_redraw(struct term *t);
/* Start every line of the frame over. */
void term_clear(struct term *t);
/* Write the changes; the cursor is shown at (row, col) when row >= 0,
 * else hidden. 0, or -1 with errno (the terminal is gone). */
int term_flush(struct term *t, int row, int col);
void term_free(struct term *t);

#endif
