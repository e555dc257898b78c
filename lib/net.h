/* net.h: sockets: connect with a deadline, listen, accept, addresses.
 *
 * Deadlines are absolute times on the monotonic clock in milliseconds
 * (tstamp_mono_ms() + timeout), or -1 for none, so one deadline can bound
 * a whole exchange of several steps. Every fd returned here is
 * close-on-exec and non-blocking; the wait helpers below poll(2) until the
 * fd is ready or the deadline passes (errno ETIMEDOUT).
 *
 * Functions that can fail for reasons other than a system call (a name
 * that does not resolve, a malformed address) set *why to a short static
 * text; on system-call failures *why is strerror(errno) and errno is
 * kept. why may be NULL. Name resolution (getaddrinfo) is not bounded by
 * the deadline: give numeric addresses where that matters.
 *
 * Unix socket paths starting with '@' name Linux abstract sockets (the
 * '@' becomes the leading NUL), as systemd's $NOTIFY_SOCKET does. */
#ifndef TK_NET_H
#define TK_NET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>

#define NET_HOST_MAX 256	/* room for a host name or address, with the NUL */

/* Split "HOST:PORT", "[V6ADDR]:PORT", or just "HOST" / "[V6ADDR]" when
 * defport is not NULL (the port is then defport). The brackets are
 * removed. PORT must be a number 1-65535 (0 when allow_zero). Returns 0,
 * or -1 with *why. */
int net_hostport(const char *s, char host[NET_HOST_MAX], unsigned *port,
    const char *defport, int allow_zero, const char **why);

/* Connect to host:port over TCP, trying each address in turn until one
 * answers or the deadline passes. TCP_NODELAY is set. Returns the fd, or
 * -1 (errno ETIMEDOUT when the deadline passed). */
int net_connect_tcp(const char *host, unsigned port, int64_t deadline,
    const char **why);

/* Connect to a Unix stream socket. Returns the fd or -1. */
int net_connect_unix(const char *path, int64_t deadline, const char **why);

/* Fill a sockaddr_un for path ('@' for abstract names). Returns 0, or -1
 * with errno ENAMETOOLONG (or EINVAL for an empty path). */
int net_unix_addr(const char *path, struct sockaddr_un *sa, socklen_t *len);

/* Send one datagram to a Unix datagram socket (sd_notify and the like).
 * Returns 0 or -1 with errno. */
int net_unix_sendto(const char *path, const void *buf, size_t n);

/* Listen on host:port (host NULL: every address; port 0: the kernel
 * picks one, see net_local_port). SO_REUSEADDR is set. Returns the fd. */
int net_listen_tcp(const char *host, unsigned port, int backlog, const char **why);
/* Listen on a Unix stream socket at path (an existing file is an error:
 * the caller decides whether it is stale). */
int net_listen_unix(const char *path, int backlog, const char **why);
/* The local port of a bound TCP socket, or -1. */
int net_local_port(int fd);

/* accept(2), with the new fd close-on-exec and non-blocking. Returns
 * the fd, or -1 (EAGAIN when no connection is waiting). */
int net_accept(int lfd);

/* The poll(2) timeout, in milliseconds, left before deadline (-1 when
 * deadline is -1, 0 when it has passed). */
int net_timeout(int64_t deadline);

/* Wait until fd is ready for events (POLLIN, POLLOUT). Returns 1 ready
 * (or in error or hung up: the next call says which), 0 when the deadline
 * passed (errno ETIMEDOUT), -1 on error. */
int net_wait(int fd, short events, int64_t deadline);

/* Read at most n bytes, waiting until some arrive. Returns the count, 0
 * at end of file, or -1 (errno ETIMEDOUT when the deadline passed). */
ssize_t net_read(int fd, void *buf, size_t n, int64_t deadline);
/* Write all n bytes before the deadline. Returns 0 or -1 (ETIMEDOUT).
 * SIGPIPE is not raised (MSG_NOSIGNAL on sockets); EPIPE is returned. */
int net_write(int fd, const void *buf, size_t n, int64_t deadline);

#endif
