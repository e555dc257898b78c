/* parse.h: the value formats every tool accepts (OVERVIEW.md "Values").
 *
 * Each parser returns 0 and stores the value, or returns -1 and points
 * *why at a short static explanation ("unknown unit", "out of range") that
 * the caller puts in its message. Nothing here prints. */
#ifndef TK_PARSE_H
#define TK_PARSE_H

#include <stdint.h>
#include <sys/types.h>

/* Durations in milliseconds: "250ms", "30" (seconds), "30s", "5m", "1h30m",
 * "1.5s", "2d", "1w"; components may be separated by spaces. */
int parse_duration(const char *s, int64_t *ms, const char **why);

/* Sizes in bytes, all powers of 1024: "512", "512B", "10K", "10KB",
 * "10KiB", "512M", "1G", "1.5G", "2T". Case-insensitive units. */
int parse_size(const char *s, uint64_t *bytes, const char **why);

/* Signals: "TERM", "SIGTERM", "term", "15", "RTMIN+2". */
int parse_signal(const char *s, int *sig, const char **why);
/* "TERM" for SIGTERM; "RTMIN+n"; NULL when unknown. */
const char *parse_signame(int sig);

/* Points in time, in milliseconds since the epoch, for --since/--until:
 * RFC 3339 ("2026-11-21T09:30:15.123+09:00", "...Z", a space for "T", no
 * offset = local time), "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]", "HH:MM[:SS]"
 * (today, local), Unix seconds ("1763700000", "@1763700000.5"), relative
 * times "-5m", "5m ago", "1h30m ago", and "now", "today", "yesterday".
 * now_ms anchors relative forms. */
int parse_time(const char *s, int64_t now_ms, int64_t *ms, const char **why);

/* Decimal integer within [min, max]. */
int parse_int(const char *s, int64_t min, int64_t max, int64_t *v, const char **why);
/* Octal file mode or umask within [0, max] ("0640", "022"). */
int parse_mode(const char *s, unsigned max, unsigned *mode, const char **why);
/* true/false, yes/no, on/off, 1/0. */
int parse_bool(const char *s, int *b, const char **why);

/* Days since 1970-01-01 of a proleptic Gregorian date (y, m 1-12, d). */
int64_t parse_days_from_civil(int64_t y, unsigned m, unsigned d);

#endif
