/* io.h: reads and writes that survive EINTR and short transfers; fd flags. */
#ifndef TK_IO_H
#define TK_IO_H

#include <stddef.h>
#include <sys/types.h>

/* Write all n bytes. Retries on EINTR and short writes; on a non-blocking
 * fd it waits with poll(2) on EAGAIN. Returns 0, or -1 with errno set
 * (the number of bytes written before the error is in *done if non-NULL). */
int io_writeall(int fd, const void *buf, size_t n);
int io_writeall_done(int fd, const void *buf, size_t n, size_t *done);

/* Read until n bytes, end of file or error. Returns the count read (less
 * than n only at end of file), or -1 with errno set. Retries EINTR. */
ssize_t io_readfull(int fd, void *buf, size_t n);

/* read(2) that retries EINTR. */
ssize_t io_read(int fd, void *buf, size_t n);

/* Read a whole file (at most max bytes) into a malloc'd, NUL-terminated
 * buffer. Returns 0, or -1 with errno set (EFBIG when larger than max). */
int io_readfile(const char *path, size_t max, char **buf, size_t *len);

/* Read a small file whole into buf (NUL-terminated) with one read(2):
 * the first read of a regular file, or of a one-page file of /proc,
 * returns all there is, so a short read is the end. Returns the length,
 * or -1 with errno set: EFBIG when the file fills size - 1 bytes (it may
 * hold more). For the state files the tools rename into place and read
 * often (daemonctl status reads several per app). */
ssize_t io_readsmall(const char *path, char *buf, size_t size);
/* A whole file, in small (size bytes) when it fits in one read, else in
 * a malloc'd buffer of at most max bytes: returns the text (free it when
 * it is not small), its length in *len; NULL with errno set. */
char *io_readsmall_or_file(const char *path, char *small, size_t size,
    size_t max, size_t *len);

int io_cloexec(int fd, int on);
int io_nonblock(int fd, int on);

/* close(2) ignoring EINTR, keeping errno. */
void io_close(int fd);

/* Move fd to a number >= 3 so it cannot clash with stdin/out/err. */
int io_fd_above2(int fd);

struct buf;
/* Send what the socket fd takes of b now, without blocking and without
 * SIGPIPE, and remove it from b. Returns 0 (all sent, or the socket is
 * full: poll for POLLOUT), or -1 with errno (the peer is gone). */
int io_send_buf(int fd, struct buf *b);
/* Receive what the socket fd holds now, up to chunk bytes, without
 * blocking, at the end of b (kept NUL-terminated). Returns the number of
 * bytes added, 0 when there is nothing now (poll for POLLIN), or -1 when
 * the peer is gone: end of stream (errno 0) or an error (errno). */
ssize_t io_recv_buf(int fd, struct buf *b, size_t chunk);

#endif
