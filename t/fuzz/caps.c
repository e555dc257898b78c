/* t/fuzz/caps.c: libFuzzer target for daemonrun's capability lists
 * (src/daemonrun/caps_linux.c, compiled in here). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/daemonrun/caps_linux.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, names[2048];
	const char *bad;
	uint64_t m, again;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (caps_parse(s, &m, &bad) == 0 && m != ALL_CAPS) {
		/* What parses prints as names that parse back the same. */
		caps_names(m, names, sizeof names);
		if (caps_parse(names, &again, &bad) < 0 || again != m)
			__builtin_trap();
	}
	free(s);
	return 0;
}
