/* watch.c: watch roots, ignore patterns, and the stat(2) scanner (see
 * watch.h); inotify is in watch_linux.c. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"
#include "watch_impl.h"

#define SCAN_MAX 200000		/* entries in one snapshot, at most */

struct watch *
watch_new(int flags)
{
	struct watch *w = calloc(1, sizeof *w);

	if (w == NULL)
		return NULL;
	w->flags = flags;
	w->fd = -1;
	return w;
}

static void
free_snap(struct watch_ent *e, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(e[i].path);
	free(e);
}

void
watch_free(struct watch *w)
{
	size_t i;

	if (w == NULL)
		return;
	watch_inotify_free(w);
	for (i = 0; i < w->nroots; i++) {
		free(w->roots[i].path);
		free(w->roots[i].real);
		free(w->roots[i].base);
	}
	free(w->roots);
	for (i = 0; i < w->nignores; i++)
		free(w->ignores[i]);
	free(w->ignores);
	for (i = 0; i < w->nexcludes; i++)
		free(w->excludes[i]);
	free(w->excludes);
	free_snap(w->snap, w->nsnap);
	free(w);
}

/* Append a string to a growing array of strings. */
static int
push_str(char ***arr, size_t *n, const char *s)
{
	char **na, *d;

	if ((d = strdup(s)) == NULL)
		return -1;
	na = realloc(*arr, sizeof *na * (*n + 1));
	if (na == NULL) {
		free(d);
		return -1;
	}
	na[(*n)++] = d;
	*arr = na;
	return 0;
}

int
watch_ignore(struct watch *w, const char *glob)
{
	return push_str(&w->ignores, &w->nignores, glob);
}

/* The real path of a path that may not exist yet: its directory's real
 * path joined with its name. */
static char *
real_of(const char *path)
{
	char dir[PATH_MAX], out[PATH_MAX], *r;
	const char *s;
	size_t n;

	if ((r = realpath(path, NULL)) != NULL)
		return r;
	s = strrchr(path, '/');
	if (s == NULL) {
		snprintf(dir, sizeof dir, ".");
		s = path;
	} else {
		n = s == path ? 1 : (size_t)(s - path);
		if (n >= sizeof dir) {
			errno = ENAMETOOLONG;
			return NULL;
		}
		memcpy(dir, path, n);
		dir[n] = '\0';
		s++;
	}
	if (realpath(dir, out) == NULL)
		return NULL;
	if (strlen(out) + strlen(s) + 2 > sizeof out) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (strcmp(out, "/") != 0)
		strcat(out, "/");
	strcat(out, s);
	return strdup(out);
}

int
watch_exclude(struct watch *w, const char *path)
{
	char *r = real_of(path);
	int e;

	if (r == NULL)
		return -1;
	if (push_str(&w->excludes, &w->nexcludes, r) < 0) {
		e = errno;
		free(r);
		errno = e;
		return -1;
	}
	free(r);
	return 0;
}

int
watch_add(struct watch *w, const char *path)
{
	struct watch_root *nr, r;
	struct stat st;
	const char *s;

	memset(&r, 0, sizeof r);
	if (stat(path, &st) < 0)
		return -1;
	r.is_dir = S_ISDIR(st.st_mode);
	r.path = strdup(path);
	r.real = realpath(path, NULL);
	if (!r.is_dir) {
		s = strrchr(r.real ? r.real : path, '/');
		r.base = strdup(s ? s + 1 : path);
	}
	nr = realloc(w->roots, sizeof *nr * (w->nroots + 1));
	if (r.path == NULL || r.real == NULL || (!r.is_dir && r.base == NULL) ||
	    nr == NULL) {
		free(r.path);
		free(r.real);
		free(r.base);
		if (nr)
			w->roots = nr;
		errno = ENOMEM;
		return -1;
	}
	w->roots = nr;
	w->roots[w->nroots++] = r;
	return 0;
}

int
watch_ignored(const struct watch *w, const char *rel)
{
	const char *p;
	size_t i;

	for (i = 0; i < w->nignores; i++)
		for (p = rel; p; p = strchr(p, '/'), p = p ? p + 1 : NULL)
			if (*p && fnmatch(w->ignores[i], p, 0) == 0)
				return 1;
	return 0;
}

void
watch_join(char *buf, size_t len, const char *root, const char *rel)
{
	size_t n = strlen(root);

	if (*rel == '\0')
		snprintf(buf, len, "%s", root);
	else if (n > 0 && root[n - 1] == '/')
		snprintf(buf, len, "%s%s", root, rel);
	else
		snprintf(buf, len, "%s/%s", root, rel);
}

int
watch_skip(const struct watch *w, const struct watch_root *r, const char *rel,
    int is_dir)
{
	char real[PATH_MAX], q[PATH_MAX];
	size_t i, n;

	if (w->nexcludes) {
		watch_join(real, sizeof real, r->real, rel);
		for (i = 0; i < w->nexcludes; i++) {
			n = strlen(w->excludes[i]);
			if (strncmp(real, w->excludes[i], n) == 0 &&
			    (real[n] == '\0' || real[n] == '/' ||
			    strcmp(real + n, ".new") == 0))
				return 1;
		}
	}
	if (*rel == '\0')
		return 0;	/* a root itself is never ignored */
	if (is_dir) {
		snprintf(q, sizeof q, "%s/", rel);
		return watch_ignored(w, q);
	}
	return watch_ignored(w, rel);
}

/* --- the scanner ---------------------------------------------------- */

struct scan {
	struct watch_ent *e;
	size_t n, cap;
	int err;
};

static int
scan_push(struct scan *sc, const char *path, const struct stat *st)
{
	struct watch_ent *ne, *x;

	if (sc->n >= SCAN_MAX)
		return 0;
	if (sc->n == sc->cap) {
		size_t ncap = sc->cap ? sc->cap * 2 : 64;
		ne = realloc(sc->e, sizeof *ne * ncap);
		if (ne == NULL)
			return -1;
		sc->e = ne;
		sc->cap = ncap;
	}
	x = &sc->e[sc->n];
	if ((x->path = strdup(path)) == NULL)
		return -1;
	x->mode = (unsigned)st->st_mode;
	x->ino = (unsigned long long)st->st_ino;
	if (S_ISDIR(st->st_mode)) {
		/* A directory's times change with its entries, ignored ones
		 * too: only its presence counts. */
		x->mtime_ns = x->ctime_ns = x->size = 0;
	} else {
		x->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL +
		    st->st_mtim.tv_nsec;
		x->ctime_ns = (long long)st->st_ctim.tv_sec * 1000000000LL +
		    st->st_ctim.tv_nsec;
		x->size = (long long)st->st_size;
	}
	sc->n++;
	return 0;
}

static int
scan_dir(const struct watch *w, const struct watch_root *r, const char *rel,
    struct scan *sc, int depth)
{
	char dpath[PATH_MAX], crel[PATH_MAX], full[PATH_MAX], shown[PATH_MAX];
	DIR *d;
	struct dirent *de;
	struct stat st;

	if (depth > 64)
		return 0;
	/* The file system is asked through the real path (the process may
	 * have changed directory since); changes are named as given. */
	watch_join(dpath, sizeof dpath, r->real, rel);
	if ((d = opendir(dpath)) == NULL)
		return 0;	/* vanished or unreadable: absent */
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (*rel == '\0')
			snprintf(crel, sizeof crel, "%s", de->d_name);
		else
			snprintf(crel, sizeof crel, "%s/%s", rel, de->d_name);
		watch_join(full, sizeof full, r->real, crel);
		if (lstat(full, &st) < 0)
			continue;
		if (watch_skip(w, r, crel, S_ISDIR(st.st_mode)))
			continue;
		watch_join(shown, sizeof shown, r->path, crel);
		if (scan_push(sc, shown, &st) < 0) {
			closedir(d);
			return -1;
		}
		if (S_ISDIR(st.st_mode) &&
		    scan_dir(w, r, crel, sc, depth + 1) < 0) {
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return 0;
}

static int
cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct watch_ent *)a)->path,
	    ((const struct watch_ent *)b)->path);
}

static int
take_snapshot(const struct watch *w, struct scan *sc)
{
	struct stat st;
	size_t i;

	memset(sc, 0, sizeof *sc);
	for (i = 0; i < w->nroots; i++) {
		const struct watch_root *r = &w->roots[i];
		if (stat(r->real, &st) < 0)
			continue;
		if (scan_push(sc, r->path, &st) < 0)
			goto fail;
		if (r->is_dir && scan_dir(w, r, "", sc, 0) < 0)
			goto fail;
	}
	if (sc->n)
		qsort(sc->e, sc->n, sizeof *sc->e, cmp_ent);
	return 0;
fail:
	free_snap(sc->e, sc->n);
	memset(sc, 0, sizeof *sc);
	errno = ENOMEM;
	return -1;
}

static int
same_ent(const struct watch_ent *a, const struct watch_ent *b)
{
	return a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns &&
	    a->size == b->size && a->ino == b->ino && a->mode == b->mode;
}

/* Compare the new snapshot with the last; the first difference in path
 * order goes to buf. */
static int
scan_check(struct watch *w, char *buf, size_t len)
{
	struct scan sc;
	size_t i = 0, j = 0;
	const char *changed = NULL;
	int c;

	if (take_snapshot(w, &sc) < 0)
		return -1;
	while (changed == NULL && (i < w->nsnap || j < sc.n)) {
		if (i == w->nsnap)
			changed = sc.e[j].path;
		else if (j == sc.n)
			changed = w->snap[i].path;
		else if ((c = strcmp(w->snap[i].path, sc.e[j].path)) < 0)
			changed = w->snap[i].path;
		else if (c > 0)
			changed = sc.e[j].path;
		else if (!same_ent(&w->snap[i], &sc.e[j]))
			changed = sc.e[j].path;
		else
			i++, j++;
	}
	if (changed)
		snprintf(buf, len, "%s", changed);
	free_snap(w->snap, w->nsnap);
	w->snap = sc.e;
	w->nsnap = sc.n;
	return changed != NULL;
}

int
watch_start(struct watch *w)
{
	struct scan sc;

	if (!(w->flags & WATCH_POLL) && watch_inotify_start(w) == 0) {
		w->mech = WATCH_INOTIFY;
		return 0;
	}
	if (take_snapshot(w, &sc) < 0)
		return -1;
	w->snap = sc.e;
	w->nsnap = sc.n;
	w->mech = WATCH_SCAN;
	return 0;
}

int
watch_fd(const struct watch *w)
{
	return w->mech == WATCH_INOTIFY ? w->fd : -1;
}

const char *
watch_mechanism(const struct watch *w)
{
	return w->mech == WATCH_INOTIFY ? "inotify" : "poll";
}

int
watch_check(struct watch *w, char *buf, size_t len)
{
	if (w->mech == WATCH_INOTIFY)
		return watch_inotify_check(w, buf, len);
	if (w->mech == WATCH_SCAN)
		return scan_check(w, buf, len);
	return 0;
}
