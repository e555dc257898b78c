/* joblog.c: job logs, written with lib/logw, the writer teelog is built
 * on (see joblog.h). No rotation: a job's log is one file. */
#include <sys/stat.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "joblog.h"
#include "logw.h"

#define JOBLOG_CHUNK 65536

struct joblog {
	struct logw *w;		/* NULL until the first byte (lazy) */
	char *path;
	size_t off, npend;	/* buf[off .. off+npend): read, not written */
	char buf[JOBLOG_CHUNK];
};

static int
open_file(struct joblog *l)
{
	struct logw_opts o;
	char *s;

	memset(&o, 0, sizeof o);
	o.max_count = -1;
	o.mode = 0600;
	l->w = logw_open(l->path, &o);
	if (l->w == NULL && errno == ENOENT &&
	    (s = strrchr(l->path, '/')) != NULL) {
		/* The job's directory is made with its first log. */
		*s = '\0';
		(void)mkdir(l->path, 0700);
		*s = '/';
		l->w = logw_open(l->path, &o);
	}
	return l->w ? 0 : -1;
}

static struct joblog *
new_log(const char *path)
{
	struct joblog *l;

	if ((l = malloc(sizeof *l)) == NULL)
		return NULL;
	if ((l->path = strdup(path)) == NULL) {
		free(l);
		return NULL;
	}
	l->w = NULL;
	l->off = l->npend = 0;
	return l;
}

static void
drop(struct joblog *l)
{
	int e = errno;

	free(l->path);
	free(l);
	errno = e;
}

struct joblog *
joblog_open(const char *path)
{
	struct joblog *l = new_log(path);

	if (l && open_file(l) < 0) {
		drop(l);
		return NULL;
	}
	return l;
}

struct joblog *
joblog_lazy(const char *path)
{
	struct stat st;
	struct joblog *l = new_log(path);

	/* A log that is there already (an adopted job) is opened now. */
	if (l && stat(path, &st) == 0 && open_file(l) < 0) {
		drop(l);
		return NULL;
	}
	return l;
}

/* Write what is pending; 0 when all went in. */
static int
flush(struct joblog *l)
{
	size_t done = 0;
	int r;

	if (l->npend == 0)
		return 0;
	if (l->w == NULL && open_file(l) < 0)
		return -1;
	r = logw_write(l->w, l->buf + l->off, l->npend, LOGW_IDLE, &done);
	l->off += done;
	l->npend -= done;
	if (r == 0 && l->npend > 0) {
		/* Held back by the writer: it takes it with the next bytes. */
		errno = EAGAIN;
		return -1;
	}
	return r;
}

ssize_t
joblog_pump(struct joblog *l, int fd)
{
	size_t room;
	ssize_t n;

	if (flush(l) < 0)
		return -1;
	/* Straight from the FIFO to the file where the writer allows it. */
	if (l->w && (room = logw_splice_room(l->w)) > 0) {
		n = logw_splice(l->w, fd, room < JOBLOG_CHUNK ? room : JOBLOG_CHUNK);
		if (n >= 0 || (errno != EINVAL && errno != ENOSYS))
			return n;
	}
	n = io_read(fd, l->buf, sizeof l->buf);
	if (n <= 0)
		return n;
	l->off = 0;
	l->npend = (size_t)n;
	if (flush(l) < 0 && errno != EAGAIN)
		return -1;
	return n;
}

uint64_t
joblog_size(const struct joblog *l)
{
	return l->w ? logw_size(l->w) : 0;
}

int
joblog_close(struct joblog *l)
{
	int r;

	if (l == NULL)
		return 0;
	r = flush(l);
	if (l->w && logw_close(l->w) < 0)
		r = -1;
	free(l->path);
	free(l);
	return r;
}
