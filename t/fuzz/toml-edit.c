/* t/fuzz/toml-edit.c: libFuzzer target for toml_edit_set/unset.
 *
 * The input is a document, optionally followed by a NUL and a value.
 * For the keys found in the document (and new ones beside them), setting
 * must either be refused or give text that parses with the key holding
 * the value; unsetting likewise. "The edited text would not parse" (the
 * editor's own check failing) is a bug. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "toml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* want: the value standalone, NULL when it does not parse (then the
 * edit must be refused, unless any is set: the document is bad). */
static void
check_set(const char *doc, size_t len, const char *key, const char *val,
    const struct toml *want, int any)
{
	struct buf out = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	struct toml_err e;
	struct toml *t;

	if (toml_edit_set(doc, len, key, val, &out, &e) < 0) {
		if (strncmp(e.why, "the edited text would not parse", 31) == 0)
			abort();
		return;
	}
	if (any || want == NULL ||
	    (t = toml_parse(out.p, out.len, NULL, &e)) == NULL)
		abort();
	{
		if (toml_to_json(toml_path(t, key), &a, TOML_JSON_TAGGED) < 0 ||
		    toml_to_json(want, &b, TOML_JSON_TAGGED) < 0)
			abort();
		if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0)
			abort();
	}
	toml_free(t);
	buf_free(&out);
	buf_free(&a);
	buf_free(&b);
}

static void
check_unset(const char *doc, size_t len, const char *key)
{
	struct buf out = BUF_INIT;
	struct toml_err e;
	struct toml *t;
	int r = toml_edit_unset(doc, len, key, &out, &e);

	if (r < 0) {
		if (strncmp(e.why, "the edited text would not parse", 31) == 0)
			abort();
		return;
	}
	if ((t = toml_parse(out.p, out.len, NULL, &e)) == NULL)
		abort();
	if (r == 0 && toml_path(t, key) != NULL)
		abort();
	toml_free(t);
	buf_free(&out);
}

/* Try edits at every node of t down to a few levels. */
static void
walk(const char *doc, size_t len, const struct toml *t, const char *val,
    const struct toml *want, int depth, int *budget)
{
	struct buf k = BUF_INIT;
	size_t i, base;

	for (i = 0; i < toml_len(t) && *budget > 0; i++) {
		const struct toml *m = toml_index(t, i);

		if (toml_key(m, NULL) == NULL)
			continue;
		(*budget)--;
		buf_reset(&k);
		if (toml_fullkey(m, &k) < 0)
			abort();
		check_set(doc, len, k.p, val, want, 0);
		check_unset(doc, len, k.p);
		base = k.len;
		buf_adds(&k, ".zz");
		check_set(doc, len, k.p, val, want, 0);
		k.len = base;
		buf_adds(&k, ".n.ew");
		check_set(doc, len, k.p, val, want, 0);
		if (depth < 4)
			walk(doc, len, m, val, want, depth + 1, budget);
	}
	buf_free(&k);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nul = memchr(data, '\0', size);
	size_t len = nul ? (size_t)(nul - (const char *)data) : size;
	char *val;
	struct toml *t, *vt;
	struct buf vb = BUF_INIT;
	int budget = 40;

	if ((val = malloc(size - len + 3)) == NULL)
		return 0;
	if (nul != NULL) {
		memcpy(val, nul + 1, size - len - 1);
		val[size - len - 1] = '\0';
	} else
		strcpy(val, "42");
	buf_adds(&vb, "v = ");
	buf_adds(&vb, val);
	buf_addc(&vb, '\n');
	vt = toml_parse(vb.p, vb.len, NULL, NULL);
	buf_free(&vb);
	if (vt != NULL && toml_len(vt) != 1) {
		toml_free(vt);
		vt = NULL;
	}
	if ((t = toml_parse((const char *)data, len, NULL, NULL)) == NULL) {
		check_set((const char *)data, len, "a", "1", NULL, 1);
		goto out;
	}
	walk((const char *)data, len, t, val, toml_get(vt, "v"), 0, &budget);
	check_set((const char *)data, len, "fresh", val, toml_get(vt, "v"), 0);
	check_set((const char *)data, len, "fresh.t.k", val, toml_get(vt, "v"), 0);
	toml_free(t);
out:
	toml_free(vt);
	free(val);
	return 0;
}
