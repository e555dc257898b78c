/* lock.c: fcntl locks and locked pid files (see lock.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "io.h"
#include "lock.h"

/* Open file description locks where the system has them (Linux): they
 * belong to the open file, not the process, so closing another fd of the
 * same file (a read of one's own pid file) does not drop them, and they
 * follow the file across fork. Classic POSIX record locks elsewhere. */
#ifdef F_OFD_SETLK
#define LK_SET F_OFD_SETLK
#define LK_SETW F_OFD_SETLKW
#define LK_GET F_OFD_GETLK
#else
#define LK_SET F_SETLK
#define LK_SETW F_SETLKW
#define LK_GET F_GETLK
#endif

int
lock_fd(int fd, int wait)
{
	struct flock fl;
	int r;

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	do
		r = fcntl(fd, wait ? LK_SETW : LK_SET, &fl);
	while (r < 0 && errno == EINTR);
	if (r < 0 && errno == EACCES)
		errno = EWOULDBLOCK;
	return r;
}

pid_t
lock_holder_fd(int fd)
{
	struct flock fl;

	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(fd, LK_GET, &fl) < 0)
		return -1;
	if (fl.l_type == F_UNLCK)
		return 0;
	return fl.l_pid > 0 ? fl.l_pid : 1;
}

pid_t
lock_holder_path(const char *path)
{
	int fd;
	pid_t p;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	p = lock_holder_fd(fd);
	io_close(fd);
	return p;
}

int
lock_open(const char *path, int wait, pid_t *holder)
{
	struct stat a, b;
	int fd, e;

	for (;;) {
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOCTTY, 0644);
		if (fd < 0)
			return -1;
		if (lock_fd(fd, wait) < 0) {
			e = errno;
			if (holder)
				*holder = lock_holder_fd(fd);
			close(fd);
			errno = e;
			return -1;
		}
		if (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return fd;
		close(fd);	/* replaced while we waited: try the new one */
	}
}

int
pidfile_acquire(const char *path, pid_t pid, pid_t *holder)
{
	char tmp[PATH_MAX], buf[32];
	int fd, nfd, n, e;

	if (holder)
		*holder = 0;
	/* Hold the lock on the current file, so no one else can be between
	 * these steps; then put a new, locked file in its place. */
	fd = lock_open(path, 0, holder);
	if (fd < 0) {
		if (errno == EWOULDBLOCK && holder) {
			pid_t p;
			if (pidfile_read(path, &p) == 1 && p > 0)
				*holder = p;
		}
		return -1;
	}
	if (snprintf(tmp, sizeof tmp, "%s.new", path) >= (int)sizeof tmp) {
		errno = ENAMETOOLONG;
		goto fail;
	}
	nfd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644);
	if (nfd < 0)
		goto fail;
	n = snprintf(buf, sizeof buf, "%ld\n", (long)pid);
	if (lock_fd(nfd, 0) < 0 || io_writeall(nfd, buf, (size_t)n) < 0 ||
	    fsync(nfd) < 0 || rename(tmp, path) < 0) {
		e = errno;
		close(nfd);
		unlink(tmp);
		errno = e;
		goto fail;
	}
	(void)afile_sync_dir(path);
	close(fd);	/* the old inode, now unlinked */
	return nfd;
fail:
	io_close(fd);
	return -1;
}

int
pidfile_read(const char *path, pid_t *pid)
{
	char buf[32];
	int fd;
	ssize_t n;
	pid_t h;
	long v;
	char *end;

	*pid = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -1;
	/* Written whole and renamed into place: one read has it all. */
	n = io_read(fd, buf, sizeof buf - 1);
	h = lock_holder_fd(fd);
	io_close(fd);
	if (n > 0) {
		buf[n] = '\0';
		v = strtol(buf, &end, 10);
		if (end != buf && v > 0 && v < INT32_MAX)
			*pid = (pid_t)v;
	}
	if (h < 0)
		return -1;
	if (h > 0 && *pid == 0)
		*pid = h;
	return h > 0;
}

void
pidfile_release(const char *path, int fd)
{
	struct stat a, b;

	if (fd >= 0 && path && fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		unlink(path);
	io_close(fd);
}
