/* t/fuzz/plotq-config.c: plotq's config.toml loader.
 *
 * Any bytes must load or fail with a message naming fuzz.toml, never crash
 * or leak; a loaded config keeps its limits (slots 1..1024, a valid queue
 * name, port 0..65535, max_connections at least 1, heartbeat 50 ms to a
 * day). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/plotq/config.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	char msg[512];
	size_t i;

	config_init(&c);
	msg[0] = '\0';
	if (config_parse(&c, (const char *)data, size, "dir/fuzz.toml", quiet,
	    NULL, msg, sizeof msg) < 0) {
		if (strstr(msg, "fuzz.toml") == NULL && strstr(msg, "memory") == NULL)
			abort();
		config_free(&c);
		return 0;
	}
	for (i = 0; i < c.nqueues; i++)
		if (c.queues[i].slots < 1 || c.queues[i].slots > 1024 ||
		    !config_queue_name_ok(c.queues[i].name))
			abort();
	if (c.ws.port > 65535 || (c.ws.max_connections != -1 &&
	    c.ws.max_connections < 1) || (c.ws.heartbeat_ms != -1 &&
	    (c.ws.heartbeat_ms < 50 || c.ws.heartbeat_ms > 86400000)))
		abort();
	for (i = 0; i < c.ws.norigins; i++)
		if (c.ws.origins[i] == NULL)
			abort();
	config_free(&c);
	return 0;
}
