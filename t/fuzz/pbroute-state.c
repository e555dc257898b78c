/* t/fuzz/pbroute-state.c: pbroute's state file, and `modified` ordering.
 *
 * A state file that parses must write back to text that parses to the
 * same state and writes back identically. Split at the first NUL, two
 * `modified` values must compare consistently (a < b exactly when
 * b > a; a value equals itself). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/pbroute/state.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pb_state s, t;
	struct buf a = BUF_INIT, b = BUF_INIT;
	const char *why;
	char x[64], y[64];
	const char *nul = memchr(data, 0, size);

	if (pb_state_parse(&s, (const char *)data, size, &why) == 0) {
		if (pb_state_format(&s, &a) < 0)
			abort();
		if (pb_state_parse(&t, a.p, a.len, &why) < 0)
			abort();
		if (pb_state_format(&t, &b) < 0 || a.len != b.len ||
		    memcmp(a.p, b.p, a.len) != 0)
			abort();
		if (s.have != t.have || strcmp(s.modified, t.modified) != 0)
			abort();
	}
	buf_free(&a);
	buf_free(&b);
	if (nul && (size_t)(nul - (const char *)data) < sizeof x &&
	    size - (size_t)(nul - (const char *)data) - 1 < sizeof y) {
		size_t n = (size_t)(nul - (const char *)data);
		memcpy(x, data, n);
		x[n] = '\0';
		memcpy(y, nul + 1, size - n - 1);
		y[size - n - 1] = '\0';
		if (pb_modified_ok(x) && pb_modified_ok(y)) {
			int c1 = pb_modified_cmp(x, y), c2 = pb_modified_cmp(y, x);
			if ((c1 < 0) != (c2 > 0) || (c1 == 0) != (c2 == 0) ||
			    pb_modified_cmp(x, x) != 0)
				abort();
		}
	}
	return 0;
}
