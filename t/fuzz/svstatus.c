/* t/fuzz/svstatus.c: libFuzzer target for the status-file reader. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "svstatus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct svstatus st, again;
	struct buf b = BUF_INIT;
	const char *why;

	if (svstatus_parse((const char *)data, size, &st, &why) < 0)
		return 0;
	/* What parses formats, and parses back to the same thing. */
	if (svstatus_format(&st, &b) < 0)
		__builtin_trap();
	if (svstatus_parse(b.p, b.len, &again, &why) < 0 ||
	    memcmp(&st, &again, sizeof st) != 0)
		__builtin_trap();
	buf_free(&b);
	return 0;
}
