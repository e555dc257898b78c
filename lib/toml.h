/* toml.h: TOML 1.0 config files: a parser to a tree with positions,
 * emitters (TOML, JSON, YAML), layering, and comment-preserving edits.
 *
 * Parsing.
 *
 * toml_parse() reads a whole TOML 1.0.0 document: tables, dotted keys,
 * arrays of tables, the four kinds of strings, integers (decimal, 0x, 0o,
 * 0b, underscores), floats (inf, nan), booleans, offset and local
 * date-times, local dates and times, arrays (mixed types), inline tables,
 * comments, LF and CRLF line ends, a leading UTF-8 byte order mark. Every
 * rule of the specification is enforced: invalid UTF-8, control
 * characters, redefined tables and keys, appending to an inline table or
 * a static array, out-of-range integers and dates are errors. Nesting
 * (tables, arrays, inline tables, all counted) is limited to TOML_MAXDEPTH
 * levels, and so are the parts of a dotted key. Choices where the
 * specification leaves room: a float too large for a double ("1e400")
 * is an error, not infinity; seconds may be 60 (a leap second);
 * fractions of a second finer than nanoseconds are truncated in struct
 * toml_datetime (the text keeps up to 30 digits); TOML 1.1 additions
 * (\e and \x escapes, newlines in inline tables, times without seconds)
 * are errors, as 1.0 requires.
 *
 * On error it returns NULL (errno EINVAL, or ENOMEM with why "out of
 * memory") and fills *err: line and column (1-based; the column counts
 * characters, not bytes), the byte offset, the reason alone in err->why,
 * and err->msg = "FILE:LINE:COL: why", e.g.
 * "config.toml:3:7: expected '=' after key" (without "FILE:" when
 * filename is NULL).
 *
 * The tree: a root table whose members are tables, arrays and scalar
 * values. Members stay in file order. Every node remembers where it was
 * written: toml_line()/toml_col() give the start of the value (of the
 * [header] for tables defined by one, of the first key naming it for
 * other tables), toml_file() the file name given to toml_parse(). A tool
 * reports a bad value as
 *	"%s:%d: [limits] memory_limit: bad size '%s': %s",
 *	toml_file(v), toml_line(v), toml_text(v), why
 * and toml_fullkey() gives "limits.memory_limit".
 *
 * Values the caller parses itself (durations, sizes, signals may be
 * written as 30 or "30s"): toml_text() gives the value as text whatever
 * its type: a string's contents, an integer in plain decimal ("5_000" and
 * "0x10" give "5000" and "16"), a float as written without underscores,
 * "true"/"false", a date-time in RFC 3339 form with 'T' and 'Z'. NULL for
 * tables and arrays. toml_raw() gives the exact source text of any value
 * written with "key = value" (quotes included).
 *
 * The tree is read-only except through toml_merge() and toml_set(), and
 * is freed as a whole with toml_free() on the root. Accessors accept NULL
 * (a missing value) and return the default, 0 or NULL, so lookups chain.
 *
 * Layering (config files, then environment, then --config-override):
 * toml_merge() deep-merges one tree into another (tables merge key by
 * key, anything else replaces), toml_set() sets one dotted key from TOML
 * value text. Nodes keep their own file, line and column, so after
 * layering a message still names the file a value came from.
 *
 * Editing (daemonctl config set): toml_edit_set() and toml_edit_unset()
 * work on the text, so comments, order, blank lines and formatting
 * survive. See their comments below.
 */
#ifndef TK_TOML_H
#define TK_TOML_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define TOML_MAXDEPTH 128

enum toml_type {
	TOML_NONE = 0,		/* toml_type(NULL): the value is missing */
	TOML_TABLE,
	TOML_ARRAY,
	TOML_STRING,
	TOML_INTEGER,
	TOML_FLOAT,
	TOML_BOOL,
	TOML_DATETIME,		/* 1979-05-27T07:32:00Z (with an offset) */
	TOML_DATETIME_LOCAL,	/* 1979-05-27T07:32:00 */
	TOML_DATE_LOCAL,	/* 1979-05-27 */
	TOML_TIME_LOCAL		/* 07:32:00 */
};

struct toml_err {
	int line;		/* 1-based; 0 when the error has no position */
	int col;		/* 1-based, in characters */
	size_t off;		/* byte offset */
	char why[200];		/* "expected '=' after key" */
	char msg[512];		/* "config.toml:3:7: expected '=' after key" */
};

struct toml_datetime {
	int year, month, day;		/* when the type has a date */
	int hour, minute, second;	/* when it has a time */
	long nsec;			/* fraction of a second (ns, truncated) */
	int offset;			/* minutes east of UTC (TOML_DATETIME) */
};

struct toml;

struct toml *toml_parse(const char *text, size_t len, const char *filename,
    struct toml_err *err);
void toml_free(struct toml *root);

/* An empty root table, for building a configuration by layers. */
struct toml *toml_new(void);

/* Types and positions. */
enum toml_type toml_type(const struct toml *t);
/* "table", "array", "string", "integer", "float", "bool", "datetime",
 * "datetime-local", "date-local", "time-local" (toml-test's names). */
const char *toml_type_name(enum toml_type type);
int toml_line(const struct toml *t);
int toml_col(const struct toml *t);
const char *toml_file(const struct toml *t);

/* Tables. toml_get() finds a direct member; toml_path() follows a dotted
 * key written as in TOML ("limits.memory_limit", 'env."PATH.x"'), and
 * returns NULL when any part is missing or the key is not valid TOML. */
const struct toml *toml_get(const struct toml *table, const char *key);
const struct toml *toml_getn(const struct toml *table, const char *key,
    size_t n);
const struct toml *toml_path(const struct toml *root, const char *dotted);

/* Iteration, in file order: members of a table, elements of an array.
 * toml_len() is 0 for anything else. */
size_t toml_len(const struct toml *t);
const struct toml *toml_index(const struct toml *t, size_t i);
/* The key a table member is stored under (NUL-terminated; its length in
 * *n if n), NULL for array elements and the root. */
const char *toml_key(const struct toml *t, size_t *n);
/* The dotted key from the root to t, parts quoted where TOML needs it
 * ("limits.memory_limit", 'env."A B"'); array elements add nothing. */
int toml_fullkey(const struct toml *t, struct buf *out);

/* Values, with defaults when t is missing or of another type. */
const char *toml_str(const struct toml *t, const char *def);
size_t toml_strlen(const struct toml *t);	/* strings may hold NUL */
int64_t toml_int(const struct toml *t, int64_t def);
double toml_float(const struct toml *t, double def);	/* integers too */
int toml_bool(const struct toml *t, int def);
/* 0 and *dt filled for the four date and time types, else -1. */
int toml_datetime(const struct toml *t, struct toml_datetime *dt);
/* The value as text (see above); NULL for tables and arrays. */
const char *toml_text(const struct toml *t);
/* The source text of a value written as "key = value" or inside an
 * array, its length in *n; NULL for tables made by headers or dotted
 * keys, and for values made by toml_set() from outside a file. */
const char *toml_raw(const struct toml *t, size_t *n);

/* Layering. toml_merge() copies src into dst: a table in both is merged
 * member by member, anything else in src replaces dst's. toml_set() sets
 * the value at a dotted key (creating tables) from TOML value text
 * ("512", "\"5M\"", "[1, 2]", "{ a = 1 }"); origin names where it came
 * from in later messages (e.g. "DAEMONCTL_WEB_RESTART_POLICY"). Both
 * return 0, or -1 with *err filled (a part of the key is not a table,
 * bad value text, out of memory). dst must be a root. */
int toml_merge(struct toml *dst, const struct toml *src, struct toml_err *err);
int toml_set(struct toml *root, const char *dotted, const char *value_toml,
    const char *origin, struct toml_err *err);

/* Emitters. Each appends to out and returns 0, or -1 with errno ENOMEM.
 * t may be the root, any table, or a single value.
 *
 * toml_to_json(): TOML_JSON_TAGGED gives toml-test's form (every scalar
 * as {"type": "integer", "value": "1"}); without it, natural JSON:
 * integers and floats as numbers (nan and infinities as the strings
 * "nan", "inf", "-inf"), booleans, everything else as strings.
 * TOML_JSON_PRETTY indents by two spaces and ends with a newline.
 *
 * toml_to_toml(): a normalized document: a table's plain keys first, then
 * its sub-tables as [a.b] sections and arrays of tables as [[a]]; tables
 * inside static arrays inline; strings as basic strings; floats always
 * with a '.' or exponent. Comments are not kept (use the edit functions).
 *
 * toml_to_yaml(): YAML 1.2 in block style: strings double-quoted, local
 * times quoted, floats as .inf/.nan, empty tables and arrays as {} and
 * []. */
#define TOML_JSON_TAGGED	1
#define TOML_JSON_PRETTY	2
int toml_to_json(const struct toml *t, struct buf *out, int flags);
int toml_to_toml(const struct toml *t, struct buf *out);
int toml_to_yaml(const struct toml *t, struct buf *out);

/* TOML text helpers: a basic string "..." with escapes, a key (bare when
 * it can be, else quoted), and the TOML value text for a command-line
 * value: s itself when it is a valid TOML value ("42", "true", "[1, 2]",
 * "\"x\""), else s as a quoted string ("5M" gives "\"5M\""). */
int toml_add_str(struct buf *out, const char *s, size_t n);
int toml_add_key(struct buf *out, const char *key, size_t n);
int toml_value_text(const char *s, struct buf *out);

/* Editing the text of a document. toml_edit_set() writes to out the
 * text with dotted_key set to value_toml (a TOML value, checked):
 * - a key that exists as a value gets its value replaced in place; the
 *   rest of the line (a trailing comment) and every other byte stay;
 * - a missing key is appended after the last key/value line of its
 *   table's section ([a.b] for "a.b.c", the top of the file before the
 *   first [header] for "c"); a table made by dotted keys gets a dotted key
 *   in the section that made it; an inline table gets ", c = v" before
 *   its '}';
 * - a missing table is created as a new [section] at the end of the file.
 * Line ends follow the file's (LF or CRLF). The result is parsed again
 * before it is returned. Errors (-1, *err filled, out untouched): the
 * input does not parse (err names its position), dotted_key is not a
 * valid key, value_toml is not one valid value, a part of the key is a
 * value or an array of tables, the key names a table.
 *
 * toml_edit_unset() removes a key/value (its whole lines, a trailing
 * comment included); 0 when removed, 1 when the key was not there (out
 * gets the text unchanged), -1 on error (a table, an array of tables, a
 * key inside an inline table). */
int toml_edit_set(const char *text, size_t len, const char *dotted_key,
    const char *value_toml, struct buf *out, struct toml_err *err);
int toml_edit_unset(const char *text, size_t len, const char *dotted_key,
    struct buf *out, struct toml_err *err);

#endif
