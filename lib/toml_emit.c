/* toml_emit.c: a TOML tree as JSON (plain or toml-test's tagged form),
 * normalized TOML, or YAML (see toml.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "esc.h"
#include "json.h"
#include "toml.h"
#include "toml_int.h"

static int
spaces(struct buf *b, int n)
{
	return n > 0 ? buf_printf(b, "%*s", n, "") : 0;
}

/* A float's text: shortest round trip, "inf", "-inf", "nan"; with
 * always_dot, integral values get ".0" (TOML and YAML floats). */
static int
fmt_float(char out[JSON_NUM_MAX + 2], double f, int always_dot)
{
	int n;

	if (isnan(f))
		return snprintf(out, JSON_NUM_MAX, "nan");
	if (isinf(f))
		return snprintf(out, JSON_NUM_MAX, f < 0 ? "-inf" : "inf");
	n = json_fmt_num(out, f);
	if (always_dot && strpbrk(out, ".e") == NULL) {
		memcpy(out + n, ".0", 3);
		n += 2;
	}
	return n;
}

static int
is_table(const struct toml *t)
{
	return t->type == TOML_TABLE;
}

/* JSON. */

static int j_value(const struct toml *, struct buf *, int, int);

static int
j_nl(struct buf *b, int flags, int level)
{
	if (!(flags & TOML_JSON_PRETTY))
		return 0;
	if (buf_addc(b, '\n') < 0)
		return -1;
	return spaces(b, level * 2);
}

static int
j_scalar_text(const struct toml *t, struct buf *b)
{
	char num[JSON_NUM_MAX + 2];

	if (t->type == TOML_FLOAT) {
		fmt_float(num, t->f, 0);
		return json_add_strz(b, num);
	}
	return json_add_str(b, t->text, t->textlen);
}

static int
j_value(const struct toml *t, struct buf *b, int flags, int level)
{
	const char *sep = flags & TOML_JSON_PRETTY ? ": " : ":";
	char num[JSON_NUM_MAX + 2];
	size_t i;

	if (t->type == TOML_TABLE || t->type == TOML_ARRAY) {
		if (buf_addc(b, is_table(t) ? '{' : '[') < 0)
			return -1;
		for (i = 0; i < t->n; i++) {
			if (i > 0 && buf_addc(b, ',') < 0)
				return -1;
			if (j_nl(b, flags, level + 1) < 0)
				return -1;
			if (is_table(t) && (json_add_str(b, t->kids[i]->key,
			    t->kids[i]->keylen) < 0 || buf_adds(b, sep) < 0))
				return -1;
			if (j_value(t->kids[i], b, flags, level + 1) < 0)
				return -1;
		}
		if (t->n > 0 && j_nl(b, flags, level) < 0)
			return -1;
		return buf_addc(b, is_table(t) ? '}' : ']');
	}
	if (flags & TOML_JSON_TAGGED) {
		return buf_printf(b, "{\"type\"%s\"%s\",%s\"value\"%s", sep,
		    toml_type_name(t->type), flags & TOML_JSON_PRETTY ? " " : "",
		    sep) < 0 || j_scalar_text(t, b) < 0 ? -1 : buf_addc(b, '}');
	}
	switch (t->type) {
	case TOML_INTEGER:
	case TOML_BOOL:
		return buf_adds(b, t->text);
	case TOML_FLOAT:
		if (!isfinite(t->f))
			return j_scalar_text(t, b);
		fmt_float(num, t->f, 0);
		return buf_adds(b, num);
	}
	return json_add_str(b, t->text, t->textlen);
}

int
toml_to_json(const struct toml *t, struct buf *out, int flags)
{
	if (t == NULL)
		return buf_adds(out, "null");
	if (j_value(t, out, flags, 0) < 0)
		return -1;
	return flags & TOML_JSON_PRETTY ? buf_addc(out, '\n') : 0;
}

/* TOML. */

int
toml_add_str(struct buf *out, const char *s, size_t n)
{
	return esc_quote(out, s, n, ESC_DEL | ESC_UPPER);
}

int
toml_add_key(struct buf *out, const char *key, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)key[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-'))
			break;
	}
	if (n > 0 && i == n)
		return buf_add(out, key, n);
	return toml_add_str(out, key, n);
}

static int
t_inline(const struct toml *t, struct buf *b)
{
	char num[JSON_NUM_MAX + 2];
	size_t i;

	switch (t->type) {
	case TOML_STRING:
		return toml_add_str(b, t->text, t->textlen);
	case TOML_FLOAT:
		fmt_float(num, t->f, 1);
		return buf_adds(b, num);
	case TOML_ARRAY:
		if (buf_addc(b, '[') < 0)
			return -1;
		for (i = 0; i < t->n; i++)
			if ((i > 0 && buf_adds(b, ", ") < 0) ||
			    t_inline(t->kids[i], b) < 0)
				return -1;
		return buf_addc(b, ']');
	case TOML_TABLE:
		if (t->n == 0)
			return buf_adds(b, "{}");
		if (buf_adds(b, "{ ") < 0)
			return -1;
		for (i = 0; i < t->n; i++)
			if ((i > 0 && buf_adds(b, ", ") < 0) ||
			    toml_add_key(b, t->kids[i]->key,
			    t->kids[i]->keylen) < 0 ||
			    buf_adds(b, " = ") < 0 || t_inline(t->kids[i], b) < 0)
				return -1;
		return buf_adds(b, " }");
	}
	return buf_add(b, t->text, t->textlen);
}

/* An array written as [[name]] sections: non-empty, tables only. */
static int
is_aot(const struct toml *t)
{
	size_t i;

	if (t->type != TOML_ARRAY || t->n == 0)
		return 0;
	for (i = 0; i < t->n; i++)
		if (!is_table(t->kids[i]))
			return 0;
	return 1;
}

static int
has_plain(const struct toml *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!is_table(t->kids[i]) && !is_aot(t->kids[i]))
			return 1;
	return 0;
}

static int
t_header(struct buf *b, const char *path, size_t plen, int aot)
{
	if (b->len > 0 && buf_addc(b, '\n') < 0)
		return -1;
	return buf_printf(b, "%s%.*s%s\n", aot ? "[[" : "[", (int)plen, path,
	    aot ? "]]" : "]");
}

static int
t_table(const struct toml *t, struct buf *b, struct buf *path)
{
	size_t i, j, plen = path->len;
	const struct toml *k;

	for (i = 0; i < t->n; i++) {
		k = t->kids[i];
		if (is_table(k) || is_aot(k))
			continue;
		if (toml_add_key(b, k->key, k->keylen) < 0 ||
		    buf_adds(b, " = ") < 0 || t_inline(k, b) < 0 ||
		    buf_addc(b, '\n') < 0)
			return -1;
	}
	for (i = 0; i < t->n; i++) {
		k = t->kids[i];
		if (!is_table(k) && !is_aot(k))
			continue;
		path->len = plen;
		if ((plen > 0 && buf_addc(path, '.') < 0) ||
		    toml_add_key(path, k->key, k->keylen) < 0)
			return -1;
		if (is_table(k)) {
			if ((has_plain(k) || k->n == 0) &&
			    t_header(b, path->p, path->len, 0) < 0)
				return -1;
			if (t_table(k, b, path) < 0)
				return -1;
			continue;
		}
		for (j = 0; j < k->n; j++) {
			size_t save = path->len;

			if (t_header(b, path->p, path->len, 1) < 0 ||
			    t_table(k->kids[j], b, path) < 0)
				return -1;
			path->len = save;
		}
	}
	path->len = plen;
	return 0;
}

int
toml_to_toml(const struct toml *t, struct buf *out)
{
	struct buf path = BUF_INIT;
	int r;

	if (t == NULL)
		return 0;
	if (!is_table(t))
		return t_inline(t, out) < 0 ? -1 : buf_addc(out, '\n');
	/* an empty buffer has no terminator yet: give it one */
	if (buf_add(&path, "", 0) < 0 || buf_reserve(out, 0) < 0) {
		buf_free(&path);
		return -1;
	}
	r = t_table(t, out, &path);
	buf_free(&path);
	return r;
}

/* YAML. */

static int
y_str(struct buf *b, const char *s, size_t n)
{
	return esc_quote(b, s, n, ESC_DEL | ESC_UPPER | ESC_YAML);
}

static int
y_key(struct buf *b, const char *k, size_t n)
{
	static const char *const words[] = {
		"y", "n", "yes", "no", "on", "off", "true", "false", "null"
	};
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && strncasecmp(words[i], k, n) == 0)
			return y_str(b, k, n);
	if (n == 0 || !((k[0] >= 'A' && k[0] <= 'Z') ||
	    (k[0] >= 'a' && k[0] <= 'z') || k[0] == '_'))
		return y_str(b, k, n);
	for (i = 1; i < n; i++) {
		unsigned char c = (unsigned char)k[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return y_str(b, k, n);
	}
	return buf_add(b, k, n);
}

static int
y_scalar(const struct toml *t, struct buf *b)
{
	char num[JSON_NUM_MAX + 2];

	switch (t->type) {
	case TOML_STRING:
	case TOML_TIME_LOCAL:
		return y_str(b, t->text, t->textlen);
	case TOML_FLOAT:
		if (isnan(t->f))
			return buf_adds(b, ".nan");
		if (isinf(t->f))
			return buf_adds(b, t->f < 0 ? "-.inf" : ".inf");
		fmt_float(num, t->f, 1);
		return buf_adds(b, num);
	case TOML_TABLE:
		return buf_adds(b, "{}");
	case TOML_ARRAY:
		return buf_adds(b, "[]");
	}
	return buf_add(b, t->text, t->textlen);
}

static int
y_simple(const struct toml *t)
{
	return (t->type != TOML_TABLE && t->type != TOML_ARRAY) || t->n == 0;
}

/* The members or elements of t, one per line at indent; when inl, the
 * first line's indentation is already written (after "- "). */
static int
y_block(const struct toml *t, struct buf *b, int indent, int inl)
{
	const struct toml *k;
	size_t i;

	for (i = 0; i < t->n; i++) {
		k = t->kids[i];
		if ((i > 0 || !inl) && spaces(b, indent) < 0)
			return -1;
		if (is_table(t)) {
			if (y_key(b, k->key, k->keylen) < 0 ||
			    buf_addc(b, ':') < 0)
				return -1;
			if (y_simple(k)) {
				if (buf_addc(b, ' ') < 0 || y_scalar(k, b) < 0 ||
				    buf_addc(b, '\n') < 0)
					return -1;
			} else if (buf_addc(b, '\n') < 0 ||
			    y_block(k, b, indent + 2, 0) < 0)
				return -1;
			continue;
		}
		if (buf_adds(b, "- ") < 0)
			return -1;
		if (y_simple(k)) {
			if (y_scalar(k, b) < 0 || buf_addc(b, '\n') < 0)
				return -1;
		} else if (y_block(k, b, indent + 2, 1) < 0)
			return -1;
	}
	return 0;
}

int
toml_to_yaml(const struct toml *t, struct buf *out)
{
	if (t == NULL)
		return buf_adds(out, "null\n");
	if (y_simple(t))
		return y_scalar(t, out) < 0 ? -1 : buf_addc(out, '\n');
	if (buf_reserve(out, 0) < 0)
		return -1;
	return y_block(t, out, 0, 0);
}
