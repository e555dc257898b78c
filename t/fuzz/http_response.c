/* t/fuzz/http_response.c: the HTTP response parser (clients); the first byte
 * chooses the piece size and whether it answers a HEAD request. */
#include "http_feed.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_http(HTTP_RESPONSE, data, size);
}
