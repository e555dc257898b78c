/* t/fuzz/seccomp_profile.c: libFuzzer target for daemonrun's seccomp
 * profile parser (src/daemonrun/seccomp_linux.c, compiled in here). */
#include <stdint.h>
#include <stdlib.h>

#include "../../src/daemonrun/seccomp_linux.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long *nrs;
	size_t n, line;
	int allow;
	const char *why;

	if (seccomp_profile_parse((const char *)data, size, &allow, &nrs, &n,
	    &line, &why) == 0) {
		free(nrs);
	} else if (line == 0 || why == NULL || nrs != NULL) {
		__builtin_trap();
	}
	return 0;
}
