/* json.h: JSON (RFC 8259): an emitter into a struct buf and a strict parser.
 *
 * Emitting.
 *
 * json_add_str() appends a quoted JSON string: '"' and '\\' are escaped,
 * control characters become \n, \t, ... or \u00XX, DEL and everything else
 * is copied as is, except bytes that are not valid UTF-8 (overlongs,
 * surrogates, code points above U+10FFFF, truncated sequences), which
 * become U+FFFD, one per maximal invalid subsequence as in Unicode's
 * "substitution of maximal subparts". The output is always valid UTF-8.
 *
 * struct json_w writes objects and arrays and places the commas:
 *
 *	struct buf b = BUF_INIT;
 *	struct json_w w;
 *	json_w_init(&w, &b, 0);		(indent 0: compact, one line)
 *	json_w_obj_begin(&w);
 *	json_w_key(&w, "id");    json_w_int(&w, 42);
 *	json_w_key(&w, "tags");  json_w_arr_begin(&w);
 *	json_w_str(&w, "a");     json_w_arr_end(&w);
 *	json_w_obj_end(&w);
 *	if (json_w_finish(&w) < 0) ... (ENOMEM, or EINVAL on misuse)
 *	gives {"id":42,"tags":["a"]}
 *
 * With indent N > 0 the output is pretty-printed, N spaces per level,
 * "key": value, and no trailing newline. Nesting is limited to
 * JSON_W_MAXDEPTH levels. Every json_w_* call returns 0 or -1; errors are
 * sticky (after one, the writer appends nothing more) so a caller may
 * check json_w_finish() alone. Misuse (a value where a key is due, end
 * without begin, too deep) is EINVAL.
 *
 * Numbers: json_w_int() writes an int64 exactly; json_w_num() writes a
 * finite double in the shortest form that reads back to the same double
 * ("0.1", "1e+300", "3"); NaN and infinities, which JSON cannot carry,
 * are written as null. json_w_raw() inserts text the caller guarantees to
 * be one valid JSON value (e.g. a number's original text from
 * json_text()). json_w_json() writes a parsed tree back out (numbers with
 * their original text, so 1763717415.123456 stays exactly that).
 *
 * Parsing.
 *
 * json_parse() reads exactly one JSON value (surrounded by optional
 * whitespace) into a tree, or returns NULL and fills *err (byte offset,
 * 1-based line and column in bytes, static message) — or, with errno
 * ENOMEM and err->msg "out of memory", when allocation fails. It is
 * strict: no trailing garbage, no leading zeros, no "+1", ".5", "1.",
 * no trailing commas, no comments, no NaN, no control characters in
 * strings, no invalid UTF-8 anywhere, \u escapes of surrogates must be
 * paired (a lone surrogate is an error), nesting deeper than
 * JSON_MAXDEPTH is an error. A NUL byte in the input is an error
 * outside strings; "\u0000" inside is accepted (the value keeps its
 * length: use json_strlen()). An object may repeat a key: every member
 * is kept in order, and json_get() returns the last one (as most
 * parsers do).
 *
 * Numbers keep their text. An integer (no fraction, no exponent) that
 * fits in int64 is also kept exactly (json_isint()); every number also has
 * its double value. The tree is read-only and is freed as a whole with
 * json_free() on the root.
 *
 * Accessors accept NULL (a missing value) and then return the default, 0
 * or NULL, so lookups chain: json_str(json_get(json_get(r, "a"), "b"), "").
 */
#ifndef TK_JSON_H
#define TK_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Emitter. */

int json_add_str(struct buf *b, const char *s, size_t n);
int json_add_strz(struct buf *b, const char *s);

#define JSON_W_MAXDEPTH 32

struct json_w {
	struct buf *b;
	int depth;		/* open containers */
	int indent;		/* spaces per level, 0 = compact */
	int err;		/* 0 or the errno of the first failure */
	int keyed;		/* a key was written, its value is due */
	unsigned char first[JSON_W_MAXDEPTH];	/* no member yet at depth i */
	unsigned char isobj[JSON_W_MAXDEPTH];	/* container i is an object */
	int done;		/* a complete top-level value was written */
};

void json_w_init(struct json_w *w, struct buf *b, int indent);
int json_w_obj_begin(struct json_w *w);
int json_w_obj_end(struct json_w *w);
int json_w_arr_begin(struct json_w *w);
int json_w_arr_end(struct json_w *w);
int json_w_key(struct json_w *w, const char *key);
int json_w_keyn(struct json_w *w, const char *key, size_t n);
int json_w_str(struct json_w *w, const char *s);	/* NULL writes null */
int json_w_strn(struct json_w *w, const char *s, size_t n);
int json_w_int(struct json_w *w, int64_t v);
int json_w_uint(struct json_w *w, uint64_t v);
int json_w_num(struct json_w *w, double v);
int json_w_bool(struct json_w *w, int v);
int json_w_null(struct json_w *w);
int json_w_raw(struct json_w *w, const char *text, size_t n);
struct json;
int json_w_json(struct json_w *w, const struct json *j);
/* The text json_w_num() writes for a finite v (shortest round trip, '.'
 * whatever the locale; "inf"/"nan" when not finite); returns its length. */
#define JSON_NUM_MAX 32
int json_fmt_num(char out[JSON_NUM_MAX], double v);
/* 0 when the writer had no error and every container was closed; else -1
 * with errno the first error (EINVAL when containers are left open). */
int json_w_finish(struct json_w *w);

/* Parser. */

#define JSON_MAXDEPTH 512

enum json_type {
	JSON_NONE = 0,		/* json_type(NULL): the value is missing */
	JSON_NULL,
	JSON_BOOL,
	JSON_NUM,
	JSON_STR,
	JSON_ARR,
	JSON_OBJ
};

struct json_err {
	size_t off;		/* byte offset of the error */
	int line;		/* 1-based */
	int col;		/* 1-based, in bytes */
	const char *msg;	/* static text, e.g. "expected ':' after key" */
};

struct json *json_parse(const char *s, size_t len, struct json_err *err);
void json_free(struct json *root);

enum json_type json_type(const struct json *j);
const char *json_type_name(enum json_type t);	/* "null", "string", ... */
/* Object member by key (the last one if repeated), or NULL. */
const struct json *json_get(const struct json *obj, const char *key);
const struct json *json_getn(const struct json *obj, const char *key, size_t n);
/* Elements of an array, members of an object (0 for anything else). */
size_t json_len(const struct json *j);
/* Element i of an array or value of member i of an object, or NULL. */
const struct json *json_index(const struct json *j, size_t i);
/* Key of member i of an object (NUL-terminated; length in *n if n). */
const char *json_key(const struct json *obj, size_t i, size_t *n);

/* Values with defaults: def when j is missing or of another type. */
const char *json_str(const struct json *j, const char *def);
size_t json_strlen(const struct json *j);	/* 0 unless a string */
/* An integer that fits in int64; also a number with an integral value
 * within +-2^53 written with a fraction or exponent ("3.0", "1e3"). */
int64_t json_int(const struct json *j, int64_t def);
double json_num(const struct json *j, double def);
int json_bool(const struct json *j, int def);
/* 1 if j is a number written as an integer that fits in int64. */
int json_isint(const struct json *j);
/* A number's text as written, or a string's value; else NULL. */
const char *json_text(const struct json *j);

#endif
