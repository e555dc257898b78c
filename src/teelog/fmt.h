/* fmt.h: teelog's per-line work: a timestamp and a prefix before each
 * record, and the cutting of over-long lines.
 *
 * A record is one line of input, or a piece of a line longer than
 * line_max content bytes: such a line becomes records of line_max bytes,
 * each but the last ending with a backslash (not part of the content)
 * before its newline; every record has its own timestamp and prefix. */
#ifndef TEELOG_FMT_H
#define TEELOG_FMT_H

#include <stddef.h>
#include <time.h>

#include "buf.h"

enum { FMT_NONE, FMT_RFC3339, FMT_UTC, FMT_UNIX, FMT_TAI64N };

struct fmt {
	int stamp;		/* FMT_* */
	const char *prefix;	/* "" for none */
	size_t plen;
	size_t line_max;	/* content bytes per record, >= 1 */
};

/* Where a stream is within its output. */
struct fmt_state {
	int mid;		/* a record is open */
	size_t col;		/* its content bytes so far */
};

/* FMT_* for "rfc3339", "utc", "unix", "tai64n"; -1 if unknown. */
int fmt_parse(const char *name);

/* Whether there is per-line work at all. */
int fmt_active(const struct fmt *f);

/* Room a record header needs: timestamp, space and prefix. */
size_t fmt_head_max(const struct fmt *f);

/* The header for records that start in input read at ts. */
size_t fmt_head(const struct fmt *f, const struct timespec *ts, char *head);

/* The most a record adds to its content (header, marker, newline). */
size_t fmt_overhead(const struct fmt *f);

/* Format in[0..n) into out, stopping once out holds cap bytes (it may
 * pass cap by at most fmt_overhead). Returns the input bytes consumed;
 * less than n when out is full (or memory ran out). */
size_t fmt_lines(const struct fmt *f, struct fmt_state *st, const char *head,
    size_t hlen, const char *in, size_t n, struct buf *out, size_t cap);

/* End of input: a newline for an open record. 0 or -1 (ENOMEM). */
int fmt_end(struct fmt_state *st, struct buf *out);

#endif
