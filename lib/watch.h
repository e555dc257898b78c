/* watch.h: notice changes to files and directory trees.
 *
 * A watch holds roots (files, or directories watched recursively), glob
 * patterns to ignore and paths to exclude. On Linux it uses inotify
 * (watch_linux.c): a directory's new subdirectories are watched as they
 * appear, a file is watched through its directory so an editor's
 * "write a copy, rename it over" is seen. Elsewhere, when inotify cannot
 * be had, or when asked (WATCH_POLL: network file systems, tests), it
 * compares stat(2) snapshots of the trees (mtime, ctime, size, inode,
 * mode), taken each time watch_check() is called.
 *
 * Ignore patterns are fnmatch(3) globs without FNM_PATHNAME ('*' also
 * matches '/'), tried against the path relative to its root and against
 * every tail of it that starts after a '/': "*.pyc" ignores "a/b.pyc",
 * "__pycache__/ *" (without the blank) ignores "pkg/__pycache__/m.pyc",
 * ".git/ *" ignores ".git/HEAD" and the whole ".git" directory, which is
 * not descended into (a directory D is asked about as "D/").
 * Excluded paths (a supervisor's own log and state files) are compared
 * by their real path: the path itself, anything under it, and PATH.new.
 *
 * The library never prints; a watch is not thread-safe. */
#ifndef TK_WATCH_H
#define TK_WATCH_H

#include <stddef.h>

#define WATCH_POLL 1	/* use the stat(2) scanner even where inotify works */

struct watch;

struct watch *watch_new(int flags);	/* NULL with errno ENOMEM */
void watch_free(struct watch *w);

/* Add a root (before watch_start): 0, or -1 with errno (ENOENT...). */
int watch_add(struct watch *w, const char *path);
/* Ignore a glob pattern: 0 or -1 (ENOMEM). */
int watch_ignore(struct watch *w, const char *glob);
/* Exclude a path and what is under it: 0 or -1 (ENOMEM). The path need
 * not exist yet; its directory should. */
int watch_exclude(struct watch *w, const char *path);

/* Set up inotify, or take the first snapshot: 0 or -1 with errno. */
int watch_start(struct watch *w);
/* The fd to poll(2) for POLLIN (inotify), or -1: then call
 * watch_check() every polling period. */
int watch_fd(const struct watch *w);
/* "inotify" or "poll". */
const char *watch_mechanism(const struct watch *w);

/* Read what changed since the last call. Returns 1 when something not
 * ignored changed, with its path (the root as given, joined with the
 * relative path) in buf; 0 when nothing did; -1 with errno on error.
 * Every pending event is consumed; only the first path is returned. */
int watch_check(struct watch *w, char *buf, size_t len);

/* Whether a path relative to a root matches an ignore pattern (a
 * directory is asked as "dir/"). */
int watch_ignored(const struct watch *w, const char *rel);

#endif
