/* joblog.c: job logs (see joblog.h). */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "joblog.h"
#include "lock.h"

#define JOBLOG_CHUNK 65536

struct joblog {
	int fd;			/* -1 until the first byte (lazy) */
	char *path;
	uint64_t size;
	char *pend;		/* read but not yet written */
	size_t npend;
	char buf[JOBLOG_CHUNK];
};

static int
open_file(struct joblog *l)
{
	struct stat st;
	int fd, e;

	fd = open(l->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY,
	    0600);
	if (fd < 0 && errno == ENOENT) {
		/* The job's directory is made with its first log. */
		char *s = strrchr(l->path, '/');
		if (s) {
			*s = '\0';
			(void)mkdir(l->path, 0700);
			*s = '/';
		}
		fd = open(l->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
		    O_NOCTTY, 0600);
	}
	if (fd < 0 || lock_fd(fd, 0) < 0 || fstat(fd, &st) < 0) {
		e = errno;
		if (fd >= 0)
			close(fd);
		errno = e;
		return -1;
	}
	l->fd = fd;
	l->size = (uint64_t)st.st_size;
	return 0;
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
	l->fd = -1;
	l->size = 0;
	l->npend = 0;
	l->pend = NULL;
	return l;
}

struct joblog *
joblog_open(const char *path)
{
	struct joblog *l = new_log(path);
	int e;

	if (l == NULL || open_file(l) == 0)
		return l;
	e = errno;
	free(l->path);
	free(l);
	errno = e;
	return NULL;
}

struct joblog *
joblog_lazy(const char *path)
{
	struct stat st;
	struct joblog *l = new_log(path);

	/* A log that is there already (an adopted job) is opened now. */
	if (l && stat(path, &st) == 0 && open_file(l) < 0) {
		int e = errno;
		free(l->path);
		free(l);
		errno = e;
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
	if (l->fd < 0 && open_file(l) < 0)
		return -1;
	r = io_writeall_done(l->fd, l->pend, l->npend, &done);
	l->size += done;
	l->pend += done;
	l->npend -= done;
	return r;
}

ssize_t
joblog_pump(struct joblog *l, int fd)
{
	ssize_t n;

	if (flush(l) < 0)
		return -1;
	n = io_read(fd, l->buf, sizeof l->buf);
	if (n <= 0)
		return n;
	l->pend = l->buf;
	l->npend = (size_t)n;
	if (flush(l) < 0)
		return -1;
	return n;
}

uint64_t
joblog_size(const struct joblog *l)
{
	return l->size;
}

int
joblog_close(struct joblog *l)
{
	int r;

	if (l == NULL)
		return 0;
	r = flush(l);
	if (l->fd >= 0 && close(l->fd) < 0)
		r = -1;
	free(l->path);
	free(l);
	return r;
}
