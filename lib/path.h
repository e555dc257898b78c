/* path.h: where a tool's files live and where its sibling tools are.
 *
 * path_xdg() resolves the XDG base directories the way OVERVIEW.md
 * ("State directories") says: $VAR/REL when VAR holds an absolute path,
 * else $HOME/HOMEDEF/REL, else the password entry's home. path_self() is
 * this executable's absolute path; path_tool() finds a sibling tool:
 * beside this executable first (so an installed prefix or bin/ stays
 * self-contained), then in PATH. Each returns 0, or -1 with errno set
 * (ENOENT: nothing found, ENAMETOOLONG: the buffer is too small). */
#ifndef TK_PATH_H
#define TK_PATH_H

#include <stddef.h>

int path_xdg(const char *var, const char *homedef, const char *rel,
    char *buf, size_t len);
int path_self(const char *argv0, char *buf, size_t len);
int path_tool(const char *argv0, const char *name, char *buf, size_t len);

#endif
