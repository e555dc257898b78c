/* t/fuzz/parse.c: libFuzzer target for the value parsers of lib/parse
 * (durations, sizes, signals, times, integers, modes, booleans) and the
 * TAI64N label parser. Invariants: a failure always says why; a success
 * never says why, and a signal or size parsed back from its own name or
 * number gives the same value. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "tstamp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
expect(int rc, const char *why)
{
	if (rc < 0 && why == NULL)
		__builtin_trap();
	if (rc != 0 && rc != -1)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, buf[32];
	const char *why, *name;
	int64_t ms, v;
	uint64_t bytes, again;
	unsigned mode;
	int sig, sig2, b;
	struct timespec ts;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	why = NULL;
	expect(parse_duration(s, &ms, &why), why);
	why = NULL;
	if (parse_size(s, &bytes, &why) == 0) {
		snprintf(buf, sizeof buf, "%llu", (unsigned long long)bytes);
		if (parse_size(buf, &again, &why) < 0 || again != bytes)
			__builtin_trap();
	} else if (why == NULL)
		__builtin_trap();
	why = NULL;
	if (parse_signal(s, &sig, &why) == 0) {
		if ((name = parse_signame(sig)) != NULL &&
		    (parse_signal(name, &sig2, &why) < 0 || sig2 != sig))
			__builtin_trap();
	} else if (why == NULL)
		__builtin_trap();
	why = NULL;
	expect(parse_time(s, 1763700000000LL, &ms, &why), why);
	why = NULL;
	expect(parse_int(s, -1000000, 1000000, &v, &why), why);
	why = NULL;
	expect(parse_mode(s, 07777, &mode, &why), why);
	why = NULL;
	expect(parse_bool(s, &b, &why), why);
	(void)tstamp_tai64n_parse(s, &ts);
	free(s);
	return 0;
}
