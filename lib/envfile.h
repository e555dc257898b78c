/* envfile.h: environment files of KEY=VALUE lines (daemonrun --env-file).
 *
 * The grammar, one assignment per line:
 *  - blank lines, and lines whose first non-blank character is '#', are
 *    ignored; a trailing CR (CRLF files) is ignored;
 *  - an assignment is [export ]KEY=VALUE, with optional blanks (spaces,
 *    tabs) at the start of the line, after "export" and around '=';
 *  - KEY is [A-Za-z_][A-Za-z0-9_]*;
 *  - VALUE is either
 *      unquoted: the rest of the line with blanks trimmed at both ends,
 *        taken literally; a '#' preceded by a blank starts a comment
 *        ("A=b #c" is "b", "A=b#c" is "b#c");
 *      'single quoted': literal up to the next ', may span lines;
 *      "double quoted": may span lines; \" \\ \$ \` give the character,
 *        \n \t \r a newline, tab and CR, a backslash before a newline
 *        joins the lines, any other backslash is kept;
 *    after a closing quote only blanks and a '#' comment may follow;
 *  - no expansion of $VAR or ~ anywhere; a NUL byte is an error.
 * Errors name the line (the first line of a multi-line value). */
#ifndef TK_ENVFILE_H
#define TK_ENVFILE_H

#include <stddef.h>

struct envfile_err {
	size_t line;		/* 1-based; 0 when not about a line (I/O) */
	const char *why;	/* static text, e.g. "missing '='" */
};

/* Called for each assignment in file order; key and value are
 * NUL-terminated and valid only during the call. Return 0 to go on, or
 * non-zero to stop: envfile_parse then returns that value. */
typedef int (*envfile_cb)(const char *key, const char *value, void *arg);

/* Parse len bytes. Returns 0 when every line was good; -1 with *err set
 * on the first bad line (assignments before it were already passed to
 * cb), or with errno ENOMEM; or cb's non-zero value. */
int envfile_parse(const char *text, size_t len, envfile_cb cb, void *arg,
    struct envfile_err *err);

/* Read (at most 1 MiB) and parse a file. An I/O failure returns -1 with
 * errno set and err->line 0 (err->why NULL). */
int envfile_load(const char *path, envfile_cb cb, void *arg,
    struct envfile_err *err);

#endif
