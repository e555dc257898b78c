/* t/unit/logw_check.h: the invariants of a rotated log, shared by the
 * logw unit test and its fuzz target.
 *
 * Given the rotated files in the order they were made, the live file and
 * the input: together they hold the input exactly; no file is over max
 * unless it holds a single line; no rotated file is empty; a file ends
 * mid-line only where that line is longer than line_max. */
#ifndef LOGW_CHECK_H
#define LOGW_CHECK_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "io.h"

static int __attribute__((unused))
logw_check(char *const *rotated, int nrotated, const char *base,
    const char *in, size_t inlen, uint64_t max, size_t line_max,
    const char **why)
{
	struct buf all = BUF_INIT;
	size_t *ends, nends = 0, i, len, j, a, b;
	char *p;
	int r = 0;

	ends = calloc((size_t)nrotated + 2, sizeof *ends);
	for (i = 0; i <= (size_t)nrotated; i++) {
		if (io_readfile(i < (size_t)nrotated ? rotated[i] : base,
		    (size_t)1 << 30, &p, &len) < 0) {
			*why = "missing file";
			r = -1;
			goto out;
		}
		if (max > 0 && len > max) {
			for (j = 0; j + 1 < len; j++)
				if (p[j] == '\n')
					break;
			if (j + 1 < len) {
				*why = "file over max_size with several lines";
				r = -1;
			}
		}
		if (i < (size_t)nrotated && len == 0) {
			*why = "empty rotated file";
			r = -1;
		}
		buf_add(&all, p, len);
		ends[nends++] = all.len;
		free(p);
	}
	if (all.len != inlen || (inlen > 0 && memcmp(all.p, in, inlen) != 0)) {
		*why = "content differs";
		r = -1;
		goto out;
	}
	for (i = 0; i + 1 < nends; i++) {
		size_t e = ends[i];
		if (e == 0 || all.p[e - 1] == '\n')
			continue;
		/* Split mid-line: only a line longer than line_max. */
		for (a = e; a > 0 && all.p[a - 1] != '\n'; a--)
			;
		for (b = e; b < all.len && all.p[b] != '\n'; b++)
			;
		if (b < all.len)
			b++;
		if (b - a <= line_max) {
			*why = "a short line was split";
			r = -1;
		}
	}
out:
	free(ends);
	buf_free(&all);
	return r;
}

#endif
