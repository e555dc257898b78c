/* t/fuzz/toml.c: libFuzzer target for the TOML parser and emitters.
 *
 * Errors must carry a position inside the input; a parsed tree must
 * write out as JSON that parses (plain and tagged), and as normalized
 * TOML that parses and normalizes to the same text again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "toml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
json_ok(const struct buf *b)
{
	struct json_err je;
	struct json *j = json_parse(b->p, b->len, &je);

	if (j == NULL)
		abort();
	json_free(j);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct toml_err e;
	struct toml *t, *u;
	struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	size_t i;

	t = toml_parse((const char *)data, size, "fuzz.toml", &e);
	if (t == NULL) {
		if (e.line < 1 || e.col < 1 || e.off > size || e.msg[0] == '\0')
			abort();
		return 0;
	}
	if (toml_to_json(t, &a, 0) < 0)
		abort();
	json_ok(&a);
	buf_reset(&a);
	if (toml_to_json(t, &a, TOML_JSON_TAGGED | TOML_JSON_PRETTY) < 0)
		abort();
	json_ok(&a);
	if (toml_to_yaml(t, &c) < 0 || toml_to_toml(t, &b) < 0)
		abort();
	if ((u = toml_parse(b.p, b.len, NULL, &e)) == NULL)
		abort();
	/* normalizing is idempotent (plain keys move before tables, so
	 * the first output's order may differ from the input's) */
	buf_reset(&c);
	if (toml_to_toml(u, &c) < 0)
		abort();
	if (b.len != c.len || memcmp(b.p, c.p, b.len) != 0)
		abort();
	for (i = 0; i < toml_len(t); i++) {
		buf_reset(&c);
		if (toml_fullkey(toml_index(t, i), &c) < 0)
			abort();
		if (toml_path(t, c.p) != toml_index(t, i))
			abort();
	}
	toml_free(u);
	toml_free(t);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	return 0;
}
