/* toml_int.h: the TOML tree's internals, shared by toml.c (parser,
 * accessors, layering), toml_emit.c and toml_edit.c. Not for tools. */
#ifndef TK_TOML_INT_H
#define TK_TOML_INT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "toml.h"

/* How a table or array came to be. */
enum {
	HOW_VALUE,	/* a value: scalar, static array */
	HOW_ROOT,	/* the root table */
	HOW_IMPLICIT,	/* a table named only as a prefix of a [header] */
	HOW_HEADER,	/* a table defined by its [header] */
	HOW_DOTTED,	/* a table made by a dotted key (a.b = 1) */
	HOW_INLINE,	/* an inline table { ... } */
	HOW_AOTELEM,	/* a table of an array of tables ([[header]]) */
	HOW_AOT		/* an array of tables */
};

struct toml {
	unsigned char type;	/* enum toml_type */
	unsigned char how;
	unsigned char has_raw;	/* raw_off/raw_len are valid in src */
	unsigned char b;
	int depth;		/* the root's is 0 (parsed trees) */
	int line, col;
	const char *file;
	struct toml *parent;
	char *key;
	size_t keylen;
	const char *text;	/* scalars: see toml_text() */
	size_t textlen;
	int64_t i;
	double f;
	struct toml_datetime dt;
	struct toml **kids;	/* members in file order, array elements */
	size_t n, cap;
	struct toml **hash;	/* open addressing over kids, big tables */
	size_t hcap;
	/* Where things are in the source text (offsets into src). */
	const char *src;	/* the parsed text (the root's copy) */
	size_t raw_off, raw_len;	/* the value as written */
	size_t kv_off, kv_end;	/* key/value line: key start, past its
				 * line end (values written as key = v) */
	size_t hdr_off, hdr_end;	/* [header] line (HEADER, AOTELEM);
				 * root: hdr_off is the first header */
	size_t sect_end;	/* past the last line of the section (tables
				 * with a header, and the root) */
	size_t last_kv;		/* 1 + kv_off of its last key/value line */
	struct toml *sect;	/* the section or inline table the key was
				 * written in (values, DOTTED tables) */
	struct arena *arena;	/* the root's; NULL in other nodes */
};

struct toml_key {
	char *s;
	size_t n;
};

struct toml *toml_node(struct arena *a, int type, int how);
struct toml *toml_find(const struct toml *t, const char *k, size_t n);
int toml_append(struct arena *a, struct toml *t, struct toml *kid);
void toml_err_set(struct toml_err *err, const char *file, int line, int col,
    size_t off, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Split a dotted key (the whole string) into parts in arena a. */
int toml_split_key(const char *dotted, struct arena *a,
    struct toml_key **parts, size_t *nparts, struct toml_err *err);
/* Parse value text standing alone; *v points into *root (free it). */
int toml_parse_value(const char *value, const char *origin,
    struct toml **root, const struct toml **v, struct toml_err *err);

#endif
