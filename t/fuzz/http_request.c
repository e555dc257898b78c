/* t/fuzz/http_request.c: the HTTP request parser (servers); the first byte
 * chooses the piece size. */
#include "http_feed.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_http(HTTP_REQUEST, data, size);
}
