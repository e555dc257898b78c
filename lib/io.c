/* io.c: EINTR- and short-write-safe I/O (see io.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "io.h"

int
io_writeall_done(int fd, const void *buf, size_t n, size_t *done)
{
	const char *p = buf;
	size_t off = 0;
	ssize_t r;
	struct pollfd pfd;

	while (off < n) {
		r = write(fd, p + off, n - off);
		if (r >= 0) {
			off += (size_t)r;
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			pfd.fd = fd;
			pfd.events = POLLOUT;
			if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
				break;
			continue;
		}
		break;
	}
	if (done)
		*done = off;
	return off == n ? 0 : -1;
}

int
io_writeall(int fd, const void *buf, size_t n)
{
	return io_writeall_done(fd, buf, n, NULL);
}

ssize_t
io_read(int fd, void *buf, size_t n)
{
	ssize_t r;

	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

ssize_t
io_readfull(int fd, void *buf, size_t n)
{
	char *p = buf;
	size_t off = 0;
	ssize_t r;

	while (off < n) {
		r = io_read(fd, p + off, n - off);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		off += (size_t)r;
	}
	return (ssize_t)off;
}

int
io_readfile(const char *path, size_t max, char **bufp, size_t *lenp)
{
	int fd, e;
	char *buf = NULL, *nb;
	size_t cap = 0, len = 0;
	ssize_t r;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	for (;;) {
		if (cap - len < 2) {
			size_t ncap = cap ? cap * 2 : 8192;
			if (ncap < cap || (nb = realloc(buf, ncap)) == NULL)
				goto fail;
			buf = nb;
			cap = ncap;
		}
		r = io_read(fd, buf + len, cap - len - 1);
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		len += (size_t)r;
		if (len > max) {
			errno = EFBIG;
			goto fail;
		}
	}
	io_close(fd);
	if (buf == NULL && (buf = malloc(1)) == NULL)
		return -1;
	buf[len] = '\0';
	*bufp = buf;
	if (lenp)
		*lenp = len;
	return 0;
fail:
	e = errno;
	free(buf);
	io_close(fd);
	errno = e;
	return -1;
}

ssize_t
io_readsmall(const char *path, char *buf, size_t size)
{
	ssize_t r;
	int fd, e;

	if (size < 2) {
		errno = EINVAL;
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
		return -1;
	r = io_read(fd, buf, size - 1);
	e = errno;
	io_close(fd);
	if (r < 0) {
		errno = e;
		return -1;
	}
	if ((size_t)r == size - 1) {
		errno = EFBIG;
		return -1;
	}
	buf[r] = '\0';
	return r;
}

char *
io_readsmall_or_file(const char *path, char *small, size_t size,
    size_t max, size_t *len)
{
	char *text;
	ssize_t n;

	if ((n = io_readsmall(path, small, size)) >= 0) {
		*len = (size_t)n;
		return small;
	}
	if (errno != EFBIG || io_readfile(path, max, &text, len) < 0)
		return NULL;
	return text;
}

int
io_cloexec(int fd, int on)
{
	int fl = fcntl(fd, F_GETFD);

	if (fl < 0)
		return -1;
	fl = on ? fl | FD_CLOEXEC : fl & ~FD_CLOEXEC;
	return fcntl(fd, F_SETFD, fl);
}

int
io_nonblock(int fd, int on)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0)
		return -1;
	fl = on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
	return fcntl(fd, F_SETFL, fl);
}

void
io_close(int fd)
{
	int e = errno;

	if (fd >= 0)
		(void)close(fd);
	errno = e;
}

int
io_fd_above2(int fd)
{
	int nfd;

	if (fd > 2)
		return fd;
	nfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	if (nfd < 0)
		return -1;
	close(fd);
	return nfd;
}

int
io_send_buf(int fd, struct buf *b)
{
	ssize_t n;

	while (b->len > 0) {
		n = send(fd, b->p, b->len, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n > 0) {
			buf_consume(b, (size_t)n);
		} else if (n < 0 && errno == EINTR) {
			continue;
		} else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			return 0;
		} else {
			if (n == 0)
				errno = EPIPE;
			return -1;
		}
	}
	return 0;
}

ssize_t
io_recv_buf(int fd, struct buf *b, size_t chunk)
{
	ssize_t n;

	if (buf_reserve(b, chunk) < 0)
		return -1;
	do
		n = recv(fd, b->p + b->len, chunk, MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	if (n == 0) {
		errno = 0;
		return -1;
	}
	b->len += (size_t)n;
	b->p[b->len] = '\0';
	return n;
}
