/* t/fuzz/logw_name.c: rotated-file names as read from a directory
 * (logw_name_parse, logw_name_cmp, logw_suffix). A name that parses must
 * be rebuilt exactly from its parts; comparisons must be consistent. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logw.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[600], base[64], name[600], again[700];
	const char *nul;
	struct logw_name a, b;
	size_t bl;

	if (size == 0 || size >= sizeof buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	(void)logw_suffix(buf);
	/* "base\0name": split at the first NUL, else a fixed base. */
	nul = memchr(buf, '\0', size);
	if (nul != NULL && (size_t)(nul - buf) < sizeof base) {
		bl = (size_t)(nul - buf);
		memcpy(base, buf, bl);
		base[bl] = '\0';
		snprintf(name, sizeof name, "%s", nul + 1);
	} else {
		strcpy(base, "out.log");
		snprintf(name, sizeof name, "%s", buf);
	}
	if (logw_name_parse(base, name, &a) < 0)
		return 0;
	if (strlen(a.stamp) != 20)
		abort();
	if (a.seq)
		snprintf(again, sizeof again, "%s.%s-%lu%s", base, a.stamp, a.seq,
		    a.suffix);
	else
		snprintf(again, sizeof again, "%s.%s%s", base, a.stamp, a.suffix);
	if (strcmp(again, name) != 0)
		abort();
	if (logw_name_cmp(&a, &a) != 0)
		abort();
	b = a;
	b.seq++;
	if (logw_name_cmp(&a, &b) >= 0 || logw_name_cmp(&b, &a) <= 0)
		abort();
	return 0;
}
