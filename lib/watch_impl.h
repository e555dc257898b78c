/* watch_impl.h: the inside of a watch, shared by watch.c (roots, ignore
 * patterns, the stat(2) scanner) and watch_linux.c (inotify). */
#ifndef TK_WATCH_IMPL_H
#define TK_WATCH_IMPL_H

#include <stddef.h>

#include "watch.h"

enum { WATCH_NONE, WATCH_INOTIFY, WATCH_SCAN };

struct watch_root {
	char *path;		/* as given */
	char *real;		/* realpath */
	char *base;		/* a file root: its name in its directory */
	int is_dir;
};

/* An inotify watch descriptor and the directory it stands for. */
struct watch_dir {
	int wd;
	size_t root;
	char *rel;		/* relative to the root; "" for the root itself */
};

struct watch_ent {
	char *path;		/* root path joined with the relative path */
	long long mtime_ns, ctime_ns, size;
	unsigned long long ino;
	unsigned mode;
};

struct watch {
	int flags;
	int mech;
	int fd;
	struct watch_root *roots;
	size_t nroots;
	char **ignores;
	size_t nignores;
	char **excludes;
	size_t nexcludes;
	struct watch_dir *dirs;
	size_t ndirs, capdirs;
	struct watch_ent *snap;
	size_t nsnap;
};

/* Whether root's rel path (or real path) is excluded or ignored;
 * is_dir asks about a directory. */
int watch_skip(const struct watch *w, const struct watch_root *r,
    const char *rel, int is_dir);
/* "root/rel" (or root alone when rel is empty) into buf. */
void watch_join(char *buf, size_t len, const char *root, const char *rel);

/* inotify (watch_linux.c): 0 when set up, -1 with errno otherwise (the
 * caller falls back to scanning); check: as watch_check(). */
int watch_inotify_start(struct watch *w);
int watch_inotify_check(struct watch *w, char *buf, size_t len);
void watch_inotify_free(struct watch *w);

#endif
