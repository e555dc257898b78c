/* watch_linux.c: the inotify side of lib/watch (Linux only; elsewhere
 * watch_start() always falls back to the stat(2) scanner). */
#include <errno.h>

#include "watch_impl.h"

#ifdef __linux__

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"

#define MASK (IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | \
	IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF)
#define DIR_EVENTS (IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)

/* Record wd as standing for root's rel (once per root). */
static int
remember(struct watch *w, int wd, size_t root, const char *rel)
{
	struct watch_dir *nd;
	char *r;
	size_t i;

	for (i = 0; i < w->ndirs; i++)
		if (w->dirs[i].wd == wd && w->dirs[i].root == root)
			return 0;
	if ((r = strdup(rel)) == NULL)
		return -1;
	if (w->ndirs == w->capdirs) {
		size_t ncap = w->capdirs ? w->capdirs * 2 : 16;
		nd = realloc(w->dirs, sizeof *nd * ncap);
		if (nd == NULL) {
			free(r);
			return -1;
		}
		w->dirs = nd;
		w->capdirs = ncap;
	}
	w->dirs[w->ndirs].wd = wd;
	w->dirs[w->ndirs].root = root;
	w->dirs[w->ndirs].rel = r;
	w->ndirs++;
	return 0;
}

static void
forget(struct watch *w, size_t i)
{
	free(w->dirs[i].rel);
	w->dirs[i] = w->dirs[--w->ndirs];
}

/* Watch root's directory rel and, recursively, its subdirectories not
 * ignored. A directory that vanished or cannot be read is skipped; out
 * of watches (ENOSPC) or memory is an error. */
static int
add_dir(struct watch *w, size_t root, const char *rel, int depth)
{
	const struct watch_root *r = &w->roots[root];
	char path[PATH_MAX], crel[PATH_MAX];
	DIR *d;
	struct dirent *de;
	struct stat st;
	int wd, isdir;

	if (depth > 64)
		return 0;
	watch_join(path, sizeof path, r->real, rel);
	wd = inotify_add_watch(w->fd, path,
	    MASK | IN_ONLYDIR | (*rel ? IN_DONT_FOLLOW : 0));
	if (wd < 0)
		return errno == ENOSPC || errno == ENOMEM ? -1 : 0;
	if (remember(w, wd, root, rel) < 0)
		return -1;
	if ((d = opendir(path)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (de->d_type == DT_DIR) {
			isdir = 1;
		} else if (de->d_type == DT_UNKNOWN) {
			char full[PATH_MAX];
			watch_join(full, sizeof full, path, de->d_name);
			isdir = lstat(full, &st) == 0 && S_ISDIR(st.st_mode);
		} else {
			isdir = 0;
		}
		if (!isdir)
			continue;
		if (*rel)
			snprintf(crel, sizeof crel, "%s/%s", rel, de->d_name);
		else
			snprintf(crel, sizeof crel, "%s", de->d_name);
		if (watch_skip(w, r, crel, 1))
			continue;
		if (add_dir(w, root, crel, depth + 1) < 0) {
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return 0;
}

void
watch_inotify_free(struct watch *w)
{
	while (w->ndirs)
		forget(w, w->ndirs - 1);
	free(w->dirs);
	w->dirs = NULL;
	w->capdirs = 0;
	io_close(w->fd);
	w->fd = -1;
}

int
watch_inotify_start(struct watch *w)
{
	char dir[PATH_MAX];
	size_t i;
	int wd, e;
	char *s;

	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0)
		return -1;
	for (i = 0; i < w->nroots; i++) {
		const struct watch_root *r = &w->roots[i];
		if (r->is_dir) {
			if (add_dir(w, i, "", 0) < 0)
				goto fail;
			continue;
		}
		/* A file, through its directory: seen even when replaced. */
		snprintf(dir, sizeof dir, "%s", r->real);
		s = strrchr(dir, '/');
		if (s == dir)
			s[1] = '\0';
		else if (s)
			*s = '\0';
		wd = inotify_add_watch(w->fd, dir, MASK | IN_ONLYDIR);
		if (wd < 0 || remember(w, wd, i, "") < 0)
			goto fail;
	}
	return 0;
fail:
	e = errno;
	watch_inotify_free(w);
	errno = e;
	return -1;
}

/* One event: the path it names into *changed (first one wins). */
static void
handle(struct watch *w, const struct inotify_event *ev, char *buf, size_t len,
    int *changed)
{
	char rel[PATH_MAX];
	size_t i, n = w->ndirs;
	int isdir = (ev->mask & IN_ISDIR) != 0;

	if (ev->mask & IN_Q_OVERFLOW) {
		/* Events were lost: something changed, say the first root. */
		if (!*changed && w->nroots) {
			snprintf(buf, len, "%s", w->roots[0].path);
			*changed = 1;
		}
		return;
	}
	for (i = 0; i < n; i++) {
		const struct watch_dir *d = &w->dirs[i];
		const struct watch_root *r;
		if (d->wd != ev->wd)
			continue;
		r = &w->roots[d->root];
		if (ev->mask & IN_IGNORED) {
			forget(w, i);
			i--;
			n--;
			continue;
		}
		if (!r->is_dir) {
			if (ev->len && strcmp(ev->name, r->base) == 0 &&
			    !watch_skip(w, r, "", 0) && !*changed) {
				snprintf(buf, len, "%s", r->path);
				*changed = 1;
			}
			continue;
		}
		if (ev->len == 0) {
			/* The directory itself went away or moved: its
			 * parent's watch says so, unless it is the root. */
			if (*d->rel == '\0' && !*changed) {
				snprintf(buf, len, "%s", r->path);
				*changed = 1;
			}
			continue;
		}
		if (*d->rel)
			snprintf(rel, sizeof rel, "%s/%s", d->rel, ev->name);
		else
			snprintf(rel, sizeof rel, "%s", ev->name);
		if (isdir && !(ev->mask & DIR_EVENTS))
			continue;
		if (watch_skip(w, r, rel, isdir))
			continue;
		if (isdir && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
			size_t root = d->root;
			(void)add_dir(w, root, rel, 0);
			d = NULL;	/* w->dirs may have moved */
			r = &w->roots[root];
		}
		if (!*changed) {
			watch_join(buf, len, r->path, rel);
			*changed = 1;
		}
	}
}

int
watch_inotify_check(struct watch *w, char *buf, size_t len)
{
	char ebuf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t n;
	char *p;
	int changed = 0;

	for (;;) {
		n = read(w->fd, ebuf, sizeof ebuf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		for (p = ebuf; p < ebuf + n; p += sizeof *ev + ev->len) {
			ev = (const struct inotify_event *)(void *)p;
			handle(w, ev, buf, len, &changed);
		}
	}
	return changed;
}

#else	/* !__linux__ */

int
watch_inotify_start(struct watch *w)
{
	(void)w;
	errno = ENOSYS;
	return -1;
}

int
watch_inotify_check(struct watch *w, char *buf, size_t len)
{
	(void)w;
	(void)buf;
	(void)len;
	return 0;
}

void
watch_inotify_free(struct watch *w)
{
	(void)w;
}

#endif
