/* tstamp.h: clocks and the timestamp formats the tools write.
 *
 * RFC 3339 with milliseconds and offset ("2026-11-21T09:30:15.123+09:00",
 * or "...Z" in UTC), Unix seconds with microseconds, and TAI64N labels
 * ("@4000000069200a7b1d5b6bc8": 2^62 + 10 + Unix seconds, then
 * nanoseconds, as daemontools' tai64nlocal reads them). */
#ifndef TK_TSTAMP_H
#define TK_TSTAMP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define TSTAMP_MAX 40	/* room for any format below, with the NUL */

/* Wall clock. */
void tstamp_now(struct timespec *ts);
int64_t tstamp_now_ms(void);
/* Monotonic clock in milliseconds (for timeouts and intervals). */
int64_t tstamp_mono_ms(void);

/* Each writes a NUL-terminated string and returns its length. */
size_t tstamp_rfc3339(char *buf, const struct timespec *ts, int utc);
size_t tstamp_unix(char *buf, const struct timespec *ts);	/* "1763700000.123456" */
size_t tstamp_tai64n(char *buf, const struct timespec *ts);
/* Rotated-file suffix "20261121T093015.123Z" (UTC). */
size_t tstamp_compact(char *buf, const struct timespec *ts);

/* An elapsed time for people, two units at most: "42s", "5m07s",
 * "3h02m", "2d04h" (negative: "0s"). Returns buf. */
const char *tstamp_age(char *buf, size_t len, int64_t ms);

/* Parse a TAI64N label back; 0 or -1. */
int tstamp_tai64n_parse(const char *s, struct timespec *ts);

#endif
