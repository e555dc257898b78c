/* joblog.c: job logs (see joblog.h). */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "io.h"
#include "joblog.h"
#include "lock.h"

#define JOBLOG_CHUNK 65536

struct joblog {
	int fd;
	uint64_t size;
	char *pend;		/* read but not yet written */
	size_t npend;
	char buf[JOBLOG_CHUNK];
};

struct joblog *
joblog_open(const char *path)
{
	struct joblog *l;
	struct stat st;
	int e;

	if ((l = malloc(sizeof *l)) == NULL)
		return NULL;
	l->npend = 0;
	l->pend = NULL;
	l->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY,
	    0600);
	if (l->fd < 0 || lock_fd(l->fd, 0) < 0 || fstat(l->fd, &st) < 0) {
		e = errno;
		if (l->fd >= 0)
			close(l->fd);
		free(l);
		errno = e;
		return NULL;
	}
	l->size = (uint64_t)st.st_size;
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
	if (close(l->fd) < 0)
		r = -1;
	free(l);
	return r;
}
