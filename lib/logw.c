/* logw.c: the rotating log writer (see logw.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "io.h"
#include "lock.h"
#include "logw.h"
#include "logw_sys.h"
#include "proc.h"
#include "tstamp.h"

/* What the file ends with. */
enum { LINE_UNKNOWN, LINE_BOUNDARY, LINE_OPEN };

struct job {
	pid_t pid;		/* 0 while queued */
	int outfd;		/* the processor's output, kept to fsync it */
	int discard;		/* its rotated file was pruned meanwhile */
	char *src;		/* the rotated file */
};

struct logw {
	char *path;
	char *dir;		/* the directory of path, for pruning */
	char *prefix;		/* path up to its last component ("" or "d/") */
	char *base;		/* the last component of path */
	int fd;			/* -1: to be opened before the next write */
	int regular;		/* a regular file: rotation applies */
	uint64_t size;		/* bytes in the live file (= our offset) */
	int line;		/* LINE_*: how the file ends */
	int first;		/* the open line started at offset 0 */
	int64_t t_first;	/* ms: when its oldest byte came; 0: empty */
	int due;		/* rotate at the end of the current line */
	int nosplice;		/* splice(2) refused once: never again */
	uint64_t flushed;	/* writeback started up to here */
	const char *failed;
	struct logw_opts o;
	char *compress;
	const char *suffix;
	struct job *jobs;
	size_t njobs;
};

static const struct {
	const char *cmd, *suffix;
} suffixes[] = {
	{ "gzip", ".gz" }, { "pigz", ".gz" }, { "bzip2", ".bz2" },
	{ "pbzip2", ".bz2" }, { "lbzip2", ".bz2" }, { "xz", ".xz" },
	{ "pixz", ".xz" }, { "zstd", ".zst" }, { "pzstd", ".zst" },
	{ "lz4", ".lz4" }, { "lzip", ".lz" }, { "brotli", ".br" },
};

const char *
logw_suffix(const char *cmd)
{
	const char *s, *e, *b;
	size_t i, n;

	if (cmd == NULL)
		return "";
	s = cmd + strspn(cmd, " \t");
	e = s + strcspn(s, " \t\n;|&");
	for (b = e; b > s && b[-1] != '/'; b--)
		;
	n = (size_t)(e - b);
	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
		if (strlen(suffixes[i].cmd) == n &&
		    memcmp(suffixes[i].cmd, b, n) == 0)
			return suffixes[i].suffix;
	return "";
}

static void
event(struct logw *w, enum logw_evtype type, const char *path, int err,
    int status)
{
	struct logw_event ev;

	if (w->o.event == NULL)
		return;
	ev.type = type;
	ev.path = path;
	ev.err = err;
	ev.status = status;
	w->o.event(w->o.event_arg, &ev);
}

static char *
joinpath(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *p;

	if (la + lb + lc >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if ((p = malloc(la + lb + lc + 1)) == NULL)
		return NULL;
	memcpy(p, a, la);
	memcpy(p + la, b, lb);
	memcpy(p + la + lb, c, lc + 1);
	return p;
}

/* The byte position below which any line may be written as it comes: a
 * line starting there either ends by max_size or is longer than
 * line_max. */
static uint64_t
free_limit(const struct logw *w)
{
	if (!w->regular || w->o.max_size == 0)
		return UINT64_MAX;
	if (w->o.max_size > w->o.line_max)
		return w->o.max_size - w->o.line_max;
	return 0;
}

static int
open_live(struct logw *w)
{
	struct stat st;
	int fd, e, created = 1, flags = O_RDWR;

	/* Read access only serves to look at the last byte; a FIFO or a
	 * device is opened for writing only, as a shell would. */
	if (stat(w->path, &st) == 0 && !S_ISREG(st.st_mode))
		flags = O_WRONLY;
	fd = open(w->path, flags | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY,
	    w->o.mode);
	if (fd < 0 && errno == EEXIST) {
		created = 0;
		fd = open(w->path, flags | O_CLOEXEC | O_NOCTTY);
		if (fd < 0 && errno == EACCES && flags == O_RDWR)
			fd = open(w->path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	}
	if (fd < 0)
		goto fail;
	if (fstat(fd, &st) < 0)
		goto fail;
	w->regular = S_ISREG(st.st_mode);
	w->size = 0;
	w->t_first = 0;
	if (w->regular) {
		if (created && fchmod(fd, w->o.mode) < 0)
			goto fail;
		if (lock_fd(fd, 0) < 0)
			goto fail;
		if (lseek(fd, 0, SEEK_END) < 0)
			goto fail;
		w->size = (uint64_t)st.st_size;
		if (w->size > 0)
			w->t_first = (int64_t)st.st_mtim.tv_sec * 1000 +
			    st.st_mtim.tv_nsec / 1000000;
	}
	w->fd = fd;
	w->flushed = w->size;
	w->line = w->size > 0 ? LINE_UNKNOWN : LINE_BOUNDARY;
	w->first = 0;
	w->due = 0;
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	errno = e;
	w->failed = "open";
	return -1;
}

/* Learn how the file ends after bytes went in unseen (splice, or a file
 * that existed). A file we cannot read is taken to end a line. */
static void
probe(struct logw *w)
{
	char c;
	ssize_t r;

	if (w->line != LINE_UNKNOWN)
		return;
	w->line = LINE_BOUNDARY;
	w->first = 0;
	if (w->size == 0 || !w->regular)
		return;
	do
		r = pread(w->fd, &c, 1, (off_t)(w->size - 1));
	while (r < 0 && errno == EINTR);
	if (r == 1 && c != '\n')
		w->line = LINE_OPEN;
}

/* The file is synced at its rotation and at close: start its writeback
 * every WRITEBACK bytes, so that the sync finds little left to do and the
 * disk works while the input flows. */
#define WRITEBACK (4 << 20)

static void
writeback(struct logw *w)
{
	if (!w->regular || w->size < w->flushed + WRITEBACK)
		return;
	logw_sys_writeback(w->fd, (off_t)w->flushed,
	    (off_t)(w->size - w->flushed));
	w->flushed = w->size;
}

/* Write n bytes at the end of the file, adding what went in to *done. */
static int
emit(struct logw *w, const char *p, size_t n, size_t *done)
{
	size_t off = 0;
	ssize_t r;

	if (n > 0 && w->size == 0)
		w->t_first = tstamp_now_ms();
	while (off < n) {
		r = write(w->fd, p + off, n - off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EIO;
			break;
		}
		off += (size_t)r;
	}
	w->size += off;
	*done += off;
	if (off > 0)
		w->line = p[off - 1] == '\n' ? LINE_BOUNDARY : LINE_OPEN;
	writeback(w);
	if (off < n) {
		w->failed = "write to";
		return -1;
	}
	return 0;
}

/* Whether a rotated name (or what a processor makes of it) is in use. */
static int
name_taken(struct logw *w, const char *name)
{
	char buf[PATH_MAX + 16];
	struct stat st;
	int n;

	if (lstat(name, &st) == 0)
		return 1;
	if (*w->suffix) {
		n = snprintf(buf, sizeof buf, "%s%s", name, w->suffix);
		if (n > 0 && (size_t)n < sizeof buf && lstat(buf, &st) == 0)
			return 1;
	}
	n = snprintf(buf, sizeof buf, "%s%s.tmp", name, w->suffix);
	return n > 0 && (size_t)n < sizeof buf && lstat(buf, &st) == 0;
}

static void
job_free(struct logw *w, size_t i)
{
	free(w->jobs[i].src);
	w->jobs[i] = w->jobs[--w->njobs];
}

/* Start the queued processors, up to LOGW_MAX_PROCS running. */
static void
start_jobs(struct logw *w)
{
	char *tmp;
	char *argv[] = { (char *)"/bin/sh", (char *)"-c", w->compress, NULL };
	struct proc_spec sp;
	struct proc_err pe;
	size_t i, running = 0;
	int in, e;
	pid_t pid;

	for (i = 0; i < w->njobs; i++)
		running += w->jobs[i].pid > 0;
	for (i = 0; i < w->njobs && running < LOGW_MAX_PROCS; i++) {
		struct job *j = &w->jobs[i];
		if (j->pid > 0)
			continue;
		if (j->discard) {
			job_free(w, i--);
			continue;
		}
		in = -1;
		tmp = joinpath(j->src, w->suffix, ".tmp");
		if (tmp == NULL)
			goto fail;
		if ((in = open(j->src, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
			goto fail;
		j->outfd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC |
		    O_NOCTTY, w->o.mode);
		if (j->outfd < 0)
			goto fail;
		if (fchmod(j->outfd, w->o.mode) < 0)
			goto fail;
		memset(&sp, 0, sizeof sp);
		sp.argv = argv;
		sp.fd0 = in;
		sp.fd1 = j->outfd;
		sp.fd2 = -1;
		sp.close_fds = 1;
		sp.new_pgrp = 1;	/* out of reach of group signals */
		pid = proc_spawn(&sp, &pe);
		if (pid < 0)
			goto fail;
		close(in);
		free(tmp);
		j->pid = pid;
		running++;
		continue;
fail:
		e = errno;
		if (in >= 0)
			close(in);
		if (j->outfd >= 0) {
			close(j->outfd);
			j->outfd = -1;
		}
		if (tmp)
			unlink(tmp);
		free(tmp);
		event(w, LOGW_EV_PROCESS_FAILED, j->src, e, -1);
		job_free(w, i--);
	}
}

/* A processor exited with status (or -1: it could not be waited for). */
static void
finish_job(struct logw *w, size_t i, int status)
{
	struct job *j = &w->jobs[i];
	char *tmp, *dst = NULL;
	int e = 0;

	tmp = joinpath(j->src, w->suffix, ".tmp");
	if (j->discard || tmp == NULL) {
		close(j->outfd);
		if (tmp)
			unlink(tmp);
		goto out;
	}
	if (status != 0) {
		close(j->outfd);
		unlink(tmp);
		event(w, LOGW_EV_PROCESS_FAILED, j->src, 0, status);
		goto out;
	}
	if (fsync(j->outfd) < 0 || close(j->outfd) < 0 ||
	    (dst = joinpath(j->src, w->suffix, "")) == NULL ||
	    rename(tmp, dst) < 0) {
		e = errno;
		unlink(tmp);
		event(w, LOGW_EV_PROCESS_FAILED, j->src, e, -1);
		goto out;
	}
	if (*w->suffix)
		unlink(j->src);
	(void)afile_sync_dir(dst);
	event(w, LOGW_EV_PROCESSED, dst, 0, 0);
out:
	free(tmp);
	free(dst);
	job_free(w, i);
}

int
logw_reap(struct logw *w)
{
	size_t i;
	int st;
	pid_t r;

	for (i = 0; i < w->njobs; i++) {
		if (w->jobs[i].pid <= 0)
			continue;
		r = proc_wait(w->jobs[i].pid, &st, WNOHANG);
		if (r == 0)
			continue;
		finish_job(w, i--, r < 0 ? -1 : st);
	}
	start_jobs(w);
	return (int)w->njobs;
}

int
logw_busy(const struct logw *w)
{
	return (int)w->njobs;
}

struct entry {
	char *name;
	struct logw_name nm;
};

static int
entry_cmp_newest(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return logw_name_cmp(&y->nm, &x->nm);
}

static void
discard_jobs(struct logw *w, const char *path)
{
	size_t i;

	for (i = 0; i < w->njobs; i++)
		if (strcmp(w->jobs[i].src, path) == 0)
			w->jobs[i].discard = 1;
}

/* Keep the max_count newest rotated files: entries with the same (time,
 * N), e.g. a file and its compressed copy after a crash, count once. */
static void
prune(struct logw *w)
{
	DIR *d;
	struct dirent *de;
	struct entry *v = NULL, *nv;
	size_t n = 0, cap = 0, i;
	long groups = 0;
	char *p;

	if ((d = opendir(w->dir)) == NULL) {
		event(w, LOGW_EV_SCAN_FAILED, w->dir, errno, -1);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		struct logw_name nm;
		if (logw_name_parse(w->base, de->d_name, &nm) < 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nv = realloc(v, cap * sizeof *v)) == NULL)
				break;
			v = nv;
		}
		if ((v[n].name = strdup(de->d_name)) == NULL)
			break;
		v[n].nm = nm;
		n++;
	}
	closedir(d);
	qsort(v, n, sizeof *v, entry_cmp_newest);
	for (i = 0; i < n; i++) {
		if (i == 0 || logw_name_cmp(&v[i].nm, &v[i - 1].nm) != 0)
			groups++;
		if (groups <= w->o.max_count)
			continue;
		/* Named as rotate_now names them, so that a processor
		 * working on it is found. */
		p = joinpath(w->prefix, v[i].name, "");
		if (p == NULL)
			continue;
		discard_jobs(w, p);
		if (unlink(p) == 0 || errno == ENOENT)
			event(w, LOGW_EV_DELETED, p, 0, 0);
		else
			event(w, LOGW_EV_DELETE_FAILED, p, errno, -1);
		free(p);
	}
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static int
queue_job(struct logw *w, const char *src)
{
	struct job *nj;

	if ((nj = realloc(w->jobs, (w->njobs + 1) * sizeof *nj)) == NULL)
		return -1;
	w->jobs = nj;
	nj = &w->jobs[w->njobs];
	memset(nj, 0, sizeof *nj);
	nj->outfd = -1;
	if ((nj->src = strdup(src)) == NULL)
		return -1;
	w->njobs++;
	return 0;
}

/* Rename the live file to its rotated name and start a new one. */
static int
rotate_now(struct logw *w)
{
	char stamp[TSTAMP_MAX], name[PATH_MAX];
	struct timespec ts;
	unsigned long seq;
	int n;

	if (w->size == 0) {
		w->due = 0;
		return 0;
	}
	if (fsync(w->fd) < 0) {
		w->failed = "fsync";
		return -1;
	}
	tstamp_now(&ts);
	tstamp_compact(stamp, &ts);
	for (seq = 0;; seq++) {
		if (seq == 0)
			n = snprintf(name, sizeof name, "%s.%s", w->path, stamp);
		else
			n = snprintf(name, sizeof name, "%s.%s-%lu", w->path,
			    stamp, seq);
		if (n < 0 || (size_t)n + 16 >= sizeof name) {
			errno = ENAMETOOLONG;
			w->failed = "rotate";
			return -1;
		}
		if (name_taken(w, name))
			continue;
		if (logw_sys_rename_excl(w->path, name) == 0)
			break;
		if (errno != EEXIST) {
			w->failed = "rotate";
			return -1;
		}
	}
	close(w->fd);
	w->fd = -1;
	w->size = 0;
	w->t_first = 0;
	w->line = LINE_BOUNDARY;
	w->first = 0;
	w->due = 0;
	n = open_live(w);
	(void)afile_sync_dir(w->path);
	event(w, LOGW_EV_ROTATED, name, 0, 0);
	if (w->compress) {
		if (queue_job(w, name) < 0)
			event(w, LOGW_EV_PROCESS_FAILED, name, errno, -1);
		start_jobs(w);
	}
	if (w->o.max_count >= 0)
		prune(w);
	return n;
}

static void
check_age(struct logw *w, int64_t now)
{
	if (w->o.max_age > 0 && w->regular && w->size > 0 && w->t_first > 0 &&
	    now - w->t_first >= w->o.max_age)
		w->due = 1;
}

static void
logw_free(struct logw *w)
{
	size_t i;

	for (i = 0; i < w->njobs; i++)
		free(w->jobs[i].src);
	free(w->jobs);
	free(w->path);
	free(w->dir);
	free(w->prefix);
	free(w->base);
	free(w->compress);
	free(w);
}

struct logw *
logw_open(const char *path, const struct logw_opts *opts)
{
	struct logw *w;
	const char *s;
	int e;

	if ((w = calloc(1, sizeof *w)) == NULL)
		return NULL;
	w->o = *opts;
	w->fd = -1;
	if (w->o.line_max == 0)
		w->o.line_max = LOGW_LINE_MAX_DEFAULT;
	if ((w->path = strdup(path)) == NULL)
		goto fail;
	s = strrchr(path, '/');
	if (s == NULL) {
		w->dir = strdup(".");
		w->prefix = strdup("");
		w->base = strdup(path);
	} else {
		w->dir = s == path ? strdup("/") :
		    strndup(path, (size_t)(s - path));
		w->prefix = strndup(path, (size_t)(s - path) + 1);
		w->base = strdup(s + 1);
	}
	if (w->dir == NULL || w->prefix == NULL || w->base == NULL)
		goto fail;
	if (opts->compress) {
		if ((w->compress = strdup(opts->compress)) == NULL)
			goto fail;
		w->o.compress = w->compress;
	}
	w->suffix = logw_suffix(w->compress);
	if (open_live(w) < 0)
		goto fail;
	return w;
fail:
	e = errno;
	logw_free(w);
	errno = e;
	return NULL;
}

int
logw_write(struct logw *w, const void *buf, size_t n, int flags, size_t *done)
{
	const char *p = buf, *nl;
	uint64_t fl, lim, room, max = w->o.max_size;
	size_t len, k;

	/* *done is both the result and the position in buf: only emit()
	 * moves it. */
	*done = 0;
	if (w->fd < 0 && open_live(w) < 0)
		return -1;
	if (!w->regular)
		return emit(w, p, n, done);
	probe(w);
	check_age(w, tstamp_now_ms());
	fl = free_limit(w);
	while (*done < n) {
		if (w->due && w->line == LINE_BOUNDARY && w->size > 0 &&
		    rotate_now(w) < 0)
			return -1;
		if (w->fd < 0 && open_live(w) < 0)
			return -1;
		if (!w->due && w->size < fl) {
			/* Every line starting here is free to go in. */
			k = n - *done;
			if (k > fl - w->size)
				k = (size_t)(fl - w->size);
			if (emit(w, p + *done, k, done) < 0)
				return -1;
			w->first = 0;
			continue;
		}
		if (w->line == LINE_BOUNDARY && w->size > 0 && max > 0) {
			/* Every whole line that fits, in one write. */
			k = 0;
			while ((nl = memchr(p + *done + k, '\n',
			    n - *done - k)) != NULL) {
				len = (size_t)(nl - (p + *done + k)) + 1;
				if (w->size + k + len > max)
					break;
				k += len;
			}
			if (k > 0) {
				if (emit(w, p + *done, k, done) < 0)
					return -1;
				continue;
			}
		}
		nl = memchr(p + *done, '\n', n - *done);
		len = nl ? (size_t)(nl - (p + *done)) + 1 : n - *done;
		if (w->line == LINE_OPEN) {
			/* Continue the line in the file while it fits;
			 * one that does not is longer than line_max. */
			lim = max == 0 ? UINT64_MAX :
			    w->first && w->o.line_max > max ? w->o.line_max : max;
			room = lim > w->size ? lim - w->size : 0;
			k = len < room ? len : (size_t)room;
			if (k > 0 && emit(w, p + *done, k, done) < 0)
				return -1;
			if (k < len) {
				if (rotate_now(w) < 0)
					return -1;
				w->line = LINE_OPEN;
				w->first = 1;
			}
			continue;
		}
		/* At a line boundary, with a line of len bytes. */
		if (nl) {
			if (w->size > 0 && max > 0 && w->size + len > max &&
			    rotate_now(w) < 0)
				return -1;
		} else if (w->size > 0) {
			if (len < w->o.line_max &&
			    !(flags & (LOGW_IDLE | LOGW_EOF)))
				break;	/* hold it back */
			/* After a pause, start a file so that the line
			 * may still grow; at the end, only if it must. */
			if (((flags & LOGW_IDLE) && len < w->o.line_max) ||
			    (max > 0 && w->size + len > max))
				if (rotate_now(w) < 0)
					return -1;
		}
		if (w->fd < 0 && open_live(w) < 0)
			return -1;
		w->first = w->size == 0;
		if (emit(w, p + *done, len, done) < 0)
			return -1;
	}
	if (w->o.fsync && *done > 0 && fsync(w->fd) < 0) {
		w->failed = "fsync";
		return -1;
	}
	return 0;
}

size_t
logw_splice_room(struct logw *w)
{
	uint64_t fl;

	if (w->nosplice || w->fd < 0)
		return 0;
	if (!w->regular)
		return (size_t)1 << 30;
	check_age(w, tstamp_now_ms());
	if (w->due)
		return 0;
	fl = free_limit(w);
	if (w->size >= fl)
		return 0;
	fl -= w->size;
	return fl > (1U << 30) ? (size_t)1 << 30 : (size_t)fl;
}

ssize_t
logw_splice(struct logw *w, int fd, size_t len)
{
	ssize_t r;
	int was_empty = w->size == 0;

	if (w->nosplice || w->fd < 0) {
		errno = EINVAL;
		return -1;
	}
	r = logw_sys_splice(fd, w->fd, len);
	if (r > 0) {
		if (was_empty)
			w->t_first = tstamp_now_ms();
		if (w->regular) {
			w->size += (uint64_t)r;
			w->line = LINE_UNKNOWN;
			w->first = 0;
			writeback(w);
		}
		if (w->o.fsync && fsync(w->fd) < 0 && w->regular) {
			w->failed = "fsync";
			return -1;
		}
	} else if (r < 0) {
		if (errno == EINVAL || errno == ENOSYS)
			w->nosplice = 1;
		else if (errno != EAGAIN)
			w->failed = "write to";
	}
	return r;
}

ssize_t
logw_tee(int in, int out, size_t len)
{
	return logw_sys_tee(in, out, len);
}

int
logw_rotate(struct logw *w)
{
	if (w->fd < 0 || !w->regular || w->size == 0)
		return 0;
	probe(w);
	if (w->line != LINE_BOUNDARY) {
		w->due = 1;
		return 0;
	}
	return rotate_now(w);
}

int
logw_reopen(struct logw *w)
{
	if (w->fd >= 0) {
		if (w->regular)
			(void)fsync(w->fd);
		close(w->fd);
		w->fd = -1;
	}
	return open_live(w);
}

int64_t
logw_tick(struct logw *w, int64_t now)
{
	if (w->o.max_age <= 0 || w->fd < 0 || !w->regular)
		return -1;
	check_age(w, now);
	if (w->due) {
		probe(w);
		if (w->line != LINE_BOUNDARY)
			return -1;	/* at the end of the line */
		if (rotate_now(w) < 0)
			return now + 1000;
	}
	if (w->size == 0 || w->t_first == 0)
		return -1;
	return w->t_first + w->o.max_age;
}

int
logw_close(struct logw *w)
{
	int r = 0, e = 0, st;
	size_t i;

	if (w->fd >= 0) {
		if (w->regular && fsync(w->fd) < 0) {
			r = -1;
			e = errno;
		}
		if (close(w->fd) < 0 && r == 0) {
			r = -1;
			e = errno;
		}
	}
	while (w->njobs > 0) {
		start_jobs(w);
		for (i = 0; i < w->njobs && w->jobs[i].pid <= 0; i++)
			;
		if (i == w->njobs)
			break;
		if (proc_wait(w->jobs[i].pid, &st, 0) < 0)
			st = -1;
		finish_job(w, i, st);
	}
	logw_free(w);
	errno = e;
	return r;
}

const char *
logw_path(const struct logw *w)
{
	return w->path;
}

const char *
logw_failed(const struct logw *w)
{
	return w->failed ? w->failed : "write to";
}

uint64_t
logw_size(const struct logw *w)
{
	return w->size;
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int
logw_name_parse(const char *base, const char *name, struct logw_name *out)
{
	size_t bl = strlen(base), i;
	const char *s;
	unsigned long seq = 0;

	if (strncmp(name, base, bl) != 0 || name[bl] != '.')
		return -1;
	s = name + bl + 1;
	/* YYYYMMDDTHHMMSS.mmmZ */
	if (strnlen(s, 20) < 20 || !digits(s, 8) || s[8] != 'T' ||
	    !digits(s + 9, 6) || s[15] != '.' || !digits(s + 16, 3) ||
	    s[19] != 'Z')
		return -1;
	memcpy(out->stamp, s, 20);
	out->stamp[20] = '\0';
	s += 20;
	if (*s == '-') {
		s++;
		if (*s < '1' || *s > '9')
			return -1;
		for (i = 0; s[i] >= '0' && s[i] <= '9'; i++) {
			if (i >= 9)
				return -1;
			seq = seq * 10 + (unsigned long)(s[i] - '0');
		}
		s += i;
	}
	out->seq = seq;
	out->suffix = s;
	if (*s == '\0')
		return 0;
	if (*s != '.' || s[1] == '\0')
		return -1;
	for (i = 1; s[i]; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
			return -1;
	if (strcmp(s, ".tmp") == 0)
		return -1;
	return 0;
}

int
logw_name_cmp(const struct logw_name *a, const struct logw_name *b)
{
	int c = strcmp(a->stamp, b->stamp);

	if (c != 0)
		return c;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}
