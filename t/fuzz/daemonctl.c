/* t/fuzz/daemonctl.c: what daemonctl parses from files it does not write
 * itself: log lines (their timestamps and level words), the names of
 * rotated log files, and configuration values checked against the key
 * table.
 *
 * The first byte chooses: 0 a log line, 1 a file name, 2 a TOML document
 * whose every known key is checked. Nothing may crash; a timestamp's
 * length is within the line; a rotated name's time is a real time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/daemonctl/util.c"
#include "../../src/daemonctl/paths.c"
#include "../../src/daemonctl/tools.c"
#include "../../src/daemonctl/conf.c"
#include "../../src/daemonctl/chain.c"
#include "../../src/daemonctl/logs.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf why = BUF_INIT;
	struct toml_err e;
	struct toml *t;
	const struct ckey *k;
	struct lfile f;
	char *s;
	size_t n;
	int64_t ts;

	if (size < 1)
		return 0;
	n = size - 1;
	if ((s = malloc(n + 1)) == NULL)
		return 0;
	memcpy(s, data + 1, n);
	s[n] = '\0';
	switch (data[0] % 3) {
	case 0:
		if (stamp(s, n, &ts) > n)
			__builtin_trap();
		(void)line_rank(s, n);
		break;
	case 1:
		if (strlen(s) == n && rotated(s, "out.log", &f) &&
		    (f.t < 0 || f.n < 0))
			__builtin_trap();
		break;
	case 2:
		if ((t = toml_parse(s, n, "fuzz.toml", &e)) == NULL)
			break;
		for (k = ckeys; k->key; k++) {
			buf_reset(&why);
			if (toml_path(t, k->key))
				(void)conf_check(k, toml_path(t, k->key), &why);
		}
		toml_free(t);
		break;
	}
	buf_free(&why);
	free(s);
	return 0;
}
