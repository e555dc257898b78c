/* toml_edit.c: set and unset keys in the text of a TOML document, keeping
 * its comments, order and formatting (see toml.h). */
#include <errno.h>
#include <string.h>

#include "toml.h"
#include "toml_int.h"

struct ed {
	const char *text;
	size_t len;
	const char *nl;		/* "\n" or "\r\n", as the file has it */
	size_t base;		/* 3 after a byte order mark, else 0 */
	struct toml_key *k;
	size_t nk;
	const char *value;
	struct buf ins;		/* the text to insert */
	size_t at, cut;		/* insert at offset at, replacing cut bytes */
	struct toml_err *err;
};

static int
ed_fail(struct ed *e, const char *why, const char *key)
{
	toml_err_set(e->err, NULL, 0, 0, 0, "%s '%s'", why, key);
	errno = EINVAL;
	return -1;
}

static const char *
detect_nl(const char *text, size_t len)
{
	const char *p = memchr(text, '\n', len);

	return p != NULL && p > text && p[-1] == '\r' ? "\r\n" : "\n";
}

/* Start of the line holding offset off (after a byte order mark). */
static size_t
line_start(const struct ed *e, size_t off)
{
	while (off > e->base && e->text[off - 1] != '\n')
		off--;
	return off;
}

/* Append the parts k[from..to) as a dotted key. */
static int
add_parts(struct buf *b, const struct toml_key *k, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if ((i > from && buf_addc(b, '.') < 0) ||
		    toml_add_key(b, k[i].s, k[i].n) < 0)
			return -1;
	return 0;
}

/* The dotted key from table s down to table t (t inside s), then the
 * parts k[from..nk). */
static int
add_relkey(struct ed *e, const struct toml *s, const struct toml *t,
    size_t from)
{
	const struct toml *chain[TOML_MAXDEPTH * 2 + 64];
	size_t n = 0;

	for (; t != NULL && t != s && n < sizeof chain / sizeof chain[0];
	    t = t->parent)
		chain[n++] = t;
	while (n-- > 0)
		if (toml_add_key(&e->ins, chain[n]->key, chain[n]->keylen) < 0 ||
		    buf_addc(&e->ins, '.') < 0)
			return -1;
	return add_parts(&e->ins, e->k, from, e->nk);
}

/* A new key/value line at the end of section s (a [header] table or the
 * root); key: the dotted key from s's table down to table t, then
 * k[from..nk). */
static int
ins_section(struct ed *e, const struct toml *s, const struct toml *t,
    size_t from)
{
	size_t at, ls = 0, indent = 0, p;
	int blank_after = 0;

	if (s->last_kv > 0) {
		at = s->sect_end;
		/* indent like the section's last key/value line */
		ls = line_start(e, s->last_kv - 1);
		indent = s->last_kv - 1 - ls;
	} else if (s->how != HOW_ROOT)
		at = s->hdr_end;
	else if (s->hdr_off < e->len) {
		/* no key at the top: before the first [header] and the
		 * comment lines just above it */
		at = line_start(e, s->hdr_off);
		while (at > e->base) {
			ls = line_start(e, at - 1);
			for (p = ls; p < at && (e->text[p] == ' ' ||
			    e->text[p] == '\t'); p++)
				;
			if (p >= at || e->text[p] != '#')
				break;
			at = ls;
		}
		blank_after = 1;
	} else
		at = e->len;
	e->at = at;
	/* the last line may have no line end: give it one first */
	if (at > e->base && e->text[at - 1] != '\n' &&
	    buf_adds(&e->ins, e->nl) < 0)
		return -1;
	if (buf_add(&e->ins, e->text + ls, indent) < 0 ||
	    add_relkey(e, s, t, from) < 0 || buf_adds(&e->ins, " = ") < 0 ||
	    buf_adds(&e->ins, e->value) < 0 || buf_adds(&e->ins, e->nl) < 0)
		return -1;
	if (blank_after && buf_adds(&e->ins, e->nl) < 0)
		return -1;
	return 0;
}

/* Into inline table it (the value of a key), the key from it down to
 * table t, then k[from..nk). */
static int
ins_inline(struct ed *e, const struct toml *it, const struct toml *t,
    size_t from)
{
	size_t end = it->raw_off + it->raw_len - 1;	/* the '}' */

	if (it->n == 0) {
		e->at = it->raw_off;
		e->cut = it->raw_len;
		if (buf_adds(&e->ins, "{ ") < 0)
			return -1;
	} else {
		while (end > it->raw_off && (e->text[end - 1] == ' ' ||
		    e->text[end - 1] == '\t'))
			end--;
		e->at = end;
		if (buf_adds(&e->ins, ", ") < 0)
			return -1;
	}
	if (add_relkey(e, it, t, from) < 0 || buf_adds(&e->ins, " = ") < 0 ||
	    buf_adds(&e->ins, e->value) < 0)
		return -1;
	return it->n == 0 ? buf_adds(&e->ins, " }") : 0;
}

/* A new [table] at the end of the file for k[0..nk-1), holding the last
 * part. */
static int
ins_header(struct ed *e)
{
	size_t len = e->len;

	e->at = len;
	if (len > e->base && e->text[len - 1] != '\n' &&
	    buf_adds(&e->ins, e->nl) < 0)
		return -1;
	if (len > e->base && !(len >= 2 && e->text[len - 1] == '\n' &&
	    (e->text[len - 2] == '\n' || (len >= 3 &&
	    e->text[len - 2] == '\r' && e->text[len - 3] == '\n'))) &&
	    buf_adds(&e->ins, e->nl) < 0)
		return -1;
	if (buf_addc(&e->ins, '[') < 0 || add_parts(&e->ins, e->k, 0,
	    e->nk - 1) < 0 || buf_addc(&e->ins, ']') < 0 ||
	    buf_adds(&e->ins, e->nl) < 0 ||
	    add_parts(&e->ins, e->k, e->nk - 1, e->nk) < 0 ||
	    buf_adds(&e->ins, " = ") < 0 || buf_adds(&e->ins, e->value) < 0 ||
	    buf_adds(&e->ins, e->nl) < 0)
		return -1;
	return 0;
}

/* The inline table whose text holds the keys of table t, or NULL. */
static const struct toml *
inline_owner(const struct toml *t)
{
	for (; t != NULL; t = t->sect) {
		if (t->how == HOW_INLINE)
			return t;
		if (t->how != HOW_DOTTED || t->sect == t)
			return NULL;
	}
	return NULL;
}

/* Where to add k[from..nk) inside existing table t. */
static int
ins_into(struct ed *e, const struct toml *t, size_t from)
{
	const struct toml *it;

	if ((it = inline_owner(t)) != NULL)
		return ins_inline(e, it, t, from);
	switch (t->how) {
	case HOW_ROOT:
	case HOW_HEADER:
		if (from + 1 < e->nk)	/* tables are missing: [a.b] */
			return ins_header(e);
		return ins_section(e, t, t, from);
	case HOW_DOTTED:
		if (from + 1 < e->nk)
			return ins_header(e);
		return ins_section(e, t->sect, t, from);
	}
	return ins_header(e);	/* HOW_IMPLICIT: define it */
}

/* Walk k[0..nk-1) from the root: *tp gets the deepest table reached, and
 * the count of parts followed is returned; -1 on a part that is not a
 * table. */
static int
walk(struct ed *e, const struct toml *root, const struct toml **tp,
    const char *key)
{
	const struct toml *cur = root, *t;
	size_t i;

	for (i = 0; i + 1 < e->nk; i++) {
		t = toml_find(cur, e->k[i].s, e->k[i].n);
		if (t == NULL)
			break;
		if (t->type == TOML_ARRAY && t->how == HOW_AOT)
			return ed_fail(e, "cannot edit inside an array of "
			    "tables:", key);
		if (t->type != TOML_TABLE)
			return ed_fail(e, "a part of the key is not a table:",
			    key);
		cur = t;
	}
	*tp = cur;
	return (int)i;
}

static int
ed_begin(struct ed *e, const char *text, size_t len, const char *key,
    struct toml **root, struct arena *a, struct toml_err *err)
{
	struct toml_err pe;

	memset(e, 0, sizeof *e);
	e->text = text;
	e->len = len;
	e->err = err;
	e->nl = detect_nl(text, len);
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		e->base = 3;
	if ((*root = toml_parse(text, len, NULL, &pe)) == NULL) {
		if (err != NULL)
			*err = pe;
		return -1;
	}
	if (toml_split_key(key, a, &e->k, &e->nk, err) < 0) {
		toml_free(*root);
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* Splice the edit into out, and check that the result parses. */
static int
ed_finish(struct ed *e, struct buf *out)
{
	struct buf nb = BUF_INIT;
	struct toml *chk;
	struct toml_err pe;

	if (buf_add(&nb, e->text, e->at) < 0 ||
	    buf_add(&nb, e->ins.p, e->ins.len) < 0 ||
	    buf_add(&nb, e->text + e->at + e->cut,
	    e->len - e->at - e->cut) < 0) {
		buf_free(&nb);
		toml_err_set(e->err, NULL, 0, 0, 0, "out of memory");
		return -1;
	}
	if ((chk = toml_parse(nb.p, nb.len, NULL, &pe)) == NULL) {
		buf_free(&nb);
		toml_err_set(e->err, NULL, 0, 0, 0,
		    "the edited text would not parse: %s", pe.msg);
		errno = EINVAL;
		return -1;
	}
	toml_free(chk);
	if (buf_add(out, nb.p, nb.len) < 0) {
		buf_free(&nb);
		toml_err_set(e->err, NULL, 0, 0, 0, "out of memory");
		return -1;
	}
	buf_free(&nb);
	return 0;
}

int
toml_edit_set(const char *text, size_t len, const char *dotted_key,
    const char *value_toml, struct buf *out, struct toml_err *err)
{
	struct arena a = ARENA_INIT;
	struct toml *root, *vr = NULL;
	const struct toml *v, *t, *cur;
	struct ed e;
	int n, r = -1;

	if (err != NULL)
		memset(err, 0, sizeof *err);
	if (ed_begin(&e, text, len, dotted_key, &root, &a, err) < 0) {
		arena_free(&a);
		return -1;
	}
	if (toml_parse_value(value_toml, NULL, &vr, &v, err) < 0)
		goto done;
	e.value = value_toml;
	if ((n = walk(&e, root, &cur, dotted_key)) < 0)
		goto done;
	if ((size_t)n + 1 < e.nk) {
		if (ins_into(&e, cur, (size_t)n) < 0)
			goto nomem;
	} else if ((t = toml_find(cur, e.k[n].s, e.k[n].n)) == NULL) {
		if (ins_into(&e, cur, (size_t)n) < 0)
			goto nomem;
	} else if (t->type == TOML_ARRAY && t->how == HOW_AOT) {
		ed_fail(&e, "cannot replace an array of tables:", dotted_key);
		goto done;
	} else if (!t->has_raw) {
		ed_fail(&e, "cannot replace a table (set its keys one by one):",
		    dotted_key);
		goto done;
	} else {
		e.at = t->raw_off;
		e.cut = t->raw_len;
		if (buf_adds(&e.ins, value_toml) < 0)
			goto nomem;
	}
	r = ed_finish(&e, out);
	goto done;
nomem:
	toml_err_set(err, NULL, 0, 0, 0, "out of memory");
	errno = ENOMEM;
done:
	toml_free(vr);
	toml_free(root);
	buf_free(&e.ins);
	arena_free(&a);
	return r;
}

int
toml_edit_unset(const char *text, size_t len, const char *dotted_key,
    struct buf *out, struct toml_err *err)
{
	struct arena a = ARENA_INIT;
	struct toml *root;
	const struct toml *t, *cur;
	struct ed e;
	int n, r = -1;

	if (err != NULL)
		memset(err, 0, sizeof *err);
	if (ed_begin(&e, text, len, dotted_key, &root, &a, err) < 0) {
		arena_free(&a);
		return -1;
	}
	if ((n = walk(&e, root, &cur, dotted_key)) < 0)
		goto done;
	if ((size_t)n + 1 < e.nk ||
	    (t = toml_find(cur, e.k[n].s, e.k[n].n)) == NULL) {
		r = buf_add(out, text, len) < 0 ? -1 : 1;
		goto done;
	}
	if (t->type == TOML_ARRAY && t->how == HOW_AOT) {
		ed_fail(&e, "cannot remove an array of tables:", dotted_key);
		goto done;
	}
	if (!t->has_raw) {
		ed_fail(&e, "cannot remove a table:", dotted_key);
		goto done;
	}
	if (t->kv_end == 0) {
		ed_fail(&e, "cannot remove a key inside an inline table:",
		    dotted_key);
		goto done;
	}
	e.at = line_start(&e, t->kv_off);
	e.cut = t->kv_end - e.at;
	r = ed_finish(&e, out);
done:
	toml_free(root);
	buf_free(&e.ins);
	arena_free(&a);
	return r;
}
