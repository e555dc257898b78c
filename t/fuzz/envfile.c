/* t/fuzz/envfile.c: libFuzzer target for the env-file parser. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "envfile.h"

static int
check(const char *k, const char *v, void *arg)
{
	size_t *n = arg;

	/* A key is never empty and never holds '='. */
	if (*k == '\0' || strchr(k, '=') != NULL)
		__builtin_trap();
	*n += strlen(k) + strlen(v);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct envfile_err e;
	size_t n = 0;

	if (envfile_parse((const char *)data, size, check, &n, &e) < 0 &&
	    (e.line == 0 || e.why == NULL))
		__builtin_trap();
	return 0;
}
