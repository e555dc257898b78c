/* t/fuzz/json.c: libFuzzer target for the JSON parser and emitter.
 *
 * Whatever parses must write back (json_w_json, compact and indented) to
 * text that parses again and writes back identically; any bytes quoted by
 * json_add_str must parse back as one string (the same bytes when they
 * were valid UTF-8). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
writeback(const struct json *j, struct buf *b, int indent)
{
	struct json_w w;

	buf_reset(b);
	json_w_init(&w, b, indent);
	if (json_w_json(&w, j) < 0 || json_w_finish(&w) < 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_err e;
	struct json *j, *k;
	struct buf a = BUF_INIT, b = BUF_INIT;
	int indent;

	j = json_parse((const char *)data, size, &e);
	if (j == NULL) {
		if (e.msg == NULL || e.off > size || e.line < 1 || e.col < 1)
			abort();
	} else {
		for (indent = 0; indent <= 2; indent += 2) {
			writeback(j, &a, indent);
			if ((k = json_parse(a.p, a.len, &e)) == NULL)
				abort();
			writeback(k, &b, indent);
			if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0)
				abort();
			json_free(k);
		}
		json_free(j);
	}
	buf_reset(&a);
	if (json_add_str(&a, (const char *)data, size) < 0)
		abort();
	if ((j = json_parse(a.p, a.len, &e)) == NULL ||
	    json_type(j) != JSON_STR)
		abort();
	if (utf8_valid((const char *)data, size) == size &&
	    (json_strlen(j) != size ||
	    memcmp(json_str(j, ""), data, size) != 0))
		abort();
	json_free(j);
	buf_free(&a);
	buf_free(&b);
	return 0;
}
