/* t/fuzz/pbroute-config.c: pbroute's config file loader.
 *
 * Any bytes must load or fail with a message naming fuzz.toml, never
 * crash or leak; a loaded config keeps its limits (max_body 1..128 KiB,
 * enter_delay at most a minute, every mapping with a session). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/pbroute/config.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
quiet(const char *msg)
{
	(void)msg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pb_config c;
	char msg[512];
	size_t i;

	msg[0] = '\0';
	if (pb_config_parse(&c, (const char *)data, size, "dir/fuzz.toml", quiet,
	    msg, sizeof msg) < 0) {
		if (strstr(msg, "fuzz.toml") == NULL && strcmp(msg, "out of memory") != 0)
			abort();
		pb_config_free(&c);
		return 0;
	}
	if (c.max_body == 0 || c.max_body > PB_MAX_BODY_LIMIT ||
	    c.enter_delay_ms < 0 || c.enter_delay_ms > 60000)
		abort();
	for (i = 0; i < c.nmaps; i++)
		if (c.maps[i].t.session == NULL || c.maps[i].device == NULL)
			abort();
	pb_config_free(&c);
	return 0;
}
