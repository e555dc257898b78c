/* opt.h: the words for getopt_long's complaints.
 *
 * Binaries set opterr = 0 and start their optstring with ':' (after the
 * '+' of wrappers), then on '?' or ':' die with opt_error()'s text, so a
 * usage error is exactly one line. */
#ifndef TK_OPT_H
#define TK_OPT_H

#include <stddef.h>

/* "unknown option '--bogus'", "option '--max-size' needs a value", ... */
const char *opt_error(int c, char *const argv[], int optind_, int optopt_,
    char *buf, size_t len);

#endif
