/* net.c: sockets with deadlines (see net.h). */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <unistd.h>

#include "io.h"
#include "net.h"
#include "tstamp.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

static int
fail_sys(const char **why)
{
	if (why)
		*why = strerror(errno);
	return -1;
}

static int
fail_why(const char **why, const char *msg, int err)
{
	if (why)
		*why = msg;
	errno = err;
	return -1;
}

/* Make a new fd close-on-exec and non-blocking (portably: no
 * SOCK_CLOEXEC or accept4); closes it on failure. */
static int
fd_flags(int fd)
{
	if (fd < 0)
		return -1;
	if (io_cloexec(fd, 1) < 0 || io_nonblock(fd, 1) < 0) {
		io_close(fd);
		return -1;
	}
	return fd;
}

static int
new_socket(int family, int type, int proto)
{
	return fd_flags(socket(family, type, proto));
}

int
net_hostport(const char *s, char host[NET_HOST_MAX], unsigned *port,
    const char *defport, int allow_zero, const char **why)
{
	const char *p, *hs, *he;
	char *end;
	unsigned long v;
	size_t n;

	if (s[0] == '[') {
		hs = s + 1;
		he = strchr(hs, ']');
		if (he == NULL)
			return fail_why(why, "missing ']' after IPv6 address", EINVAL);
		p = he + 1;
		if (*p != ':' && *p != '\0')
			return fail_why(why, "junk after ']'", EINVAL);
	} else {
		hs = s;
		he = strrchr(s, ':');
		if (he && strchr(s, ':') != he)
			return fail_why(why, "IPv6 addresses need brackets: [ADDR]:PORT", EINVAL);
		if (he == NULL)
			he = s + strlen(s);
		p = he;
	}
	n = (size_t)(he - hs);
	if (n == 0)
		return fail_why(why, "missing host", EINVAL);
	if (n >= NET_HOST_MAX)
		return fail_why(why, "host name too long", EINVAL);
	if (memchr(hs, '/', n) || memchr(hs, ' ', n) || memchr(hs, '@', n))
		return fail_why(why, "bad character in host", EINVAL);
	memcpy(host, hs, n);
	host[n] = '\0';
	if (*p == '\0') {
		if (defport == NULL)
			return fail_why(why, "missing port (HOST:PORT)", EINVAL);
		p = defport;
	} else {
		p++;
	}
	if (*p < '0' || *p > '9')
		return fail_why(why, "bad port", EINVAL);
	errno = 0;
	v = strtoul(p, &end, 10);
	if (*end != '\0' || errno || v > 65535 || (v == 0 && !allow_zero))
		return fail_why(why, "bad port", EINVAL);
	*port = (unsigned)v;
	return 0;
}

int
net_timeout(int64_t deadline)
{
	int64_t left;

	if (deadline < 0)
		return -1;
	left = deadline - tstamp_mono_ms();
	if (left <= 0)
		return 0;
	return left > 0x7fffffff ? 0x7fffffff : (int)left;
}

int
net_wait(int fd, short events, int64_t deadline)
{
	struct pollfd pfd;
	int r;

	for (;;) {
		pfd.fd = fd;
		pfd.events = events;
		pfd.revents = 0;
		r = poll(&pfd, 1, net_timeout(deadline));
		if (r > 0)
			return 1;
		if (r == 0) {
			errno = ETIMEDOUT;
			return 0;
		}
		if (errno != EINTR)
			return -1;
	}
}

/* Finish a non-blocking connect. */
static int
connect_wait(int fd, const struct sockaddr *sa, socklen_t len, int64_t deadline)
{
	int err = 0, r;
	socklen_t elen = sizeof err;

	if (connect(fd, sa, len) == 0)
		return 0;
	if (errno != EINPROGRESS && errno != EINTR && errno != EAGAIN)
		return -1;
	r = net_wait(fd, POLLOUT, deadline);
	if (r <= 0)
		return -1;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
		return -1;
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int
net_connect_tcp(const char *host, unsigned port, int64_t deadline, const char **why)
{
	struct addrinfo hints, *res, *ai;
	char serv[8];
	int fd = -1, r, e = 0, one = 1;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	/* An address needs no lookup (and no AI_ADDRCONFIG probe). */
	hints.ai_flags = AI_NUMERICSERV | AI_NUMERICHOST;
	snprintf(serv, sizeof serv, "%u", port);
	r = getaddrinfo(host, serv, &hints, &res);
	if (r == EAI_NONAME) {
		hints.ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG;
		r = getaddrinfo(host, serv, &hints, &res);
	}
	if (r == EAI_NONAME || r == EAI_FAMILY) {
		/* AI_ADDRCONFIG hides ::1 and 127.0.0.1 on hosts with only
		 * loopback; ask again without it. */
		hints.ai_flags = AI_NUMERICSERV;
		r = getaddrinfo(host, serv, &hints, &res);
	}
	if (r != 0) {
		if (r == EAI_SYSTEM)
			return fail_sys(why);
		return fail_why(why, gai_strerror(r), ENOENT);
	}
	for (ai = res; ai; ai = ai->ai_next) {
		fd = new_socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0) {
			e = errno;
			continue;
		}
		if (connect_wait(fd, ai->ai_addr, ai->ai_addrlen, deadline) == 0)
			break;
		e = errno;
		io_close(fd);
		fd = -1;
		if (e == ETIMEDOUT)
			break;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		errno = e ? e : ECONNREFUSED;
		if (errno == ETIMEDOUT)
			return fail_why(why, "timed out", ETIMEDOUT);
		return fail_sys(why);
	}
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return fd;
}

int
net_unix_addr(const char *path, struct sockaddr_un *sa, socklen_t *len)
{
	size_t n = strlen(path);

	if (n == 0 || (path[0] == '@' && n == 1)) {
		errno = EINVAL;
		return -1;
	}
	if (n >= sizeof sa->sun_path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(sa, 0, sizeof *sa);
	sa->sun_family = AF_UNIX;
	memcpy(sa->sun_path, path, n);
	if (path[0] == '@') {
		/* Abstract: the length says where the name ends. */
		sa->sun_path[0] = '\0';
		*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
	} else {
		*len = (socklen_t)sizeof *sa;
	}
	return 0;
}

int
net_connect_unix(const char *path, int64_t deadline, const char **why)
{
	struct sockaddr_un sa;
	socklen_t len;
	int fd;

	if (net_unix_addr(path, &sa, &len) < 0)
		return fail_sys(why);
	fd = new_socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return fail_sys(why);
	if (connect_wait(fd, (struct sockaddr *)&sa, len, deadline) < 0) {
		io_close(fd);
		if (errno == ETIMEDOUT)
			return fail_why(why, "timed out", ETIMEDOUT);
		return fail_sys(why);
	}
	return fd;
}

int
net_unix_sendto(const char *path, const void *buf, size_t n)
{
	struct sockaddr_un sa;
	socklen_t len;
	ssize_t r;
	int fd, e;

	if (net_unix_addr(path, &sa, &len) < 0)
		return -1;
	fd = new_socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0)
		return -1;
	do
		r = sendto(fd, buf, n, MSG_NOSIGNAL, (struct sockaddr *)&sa, len);
	while (r < 0 && errno == EINTR);
	e = errno;
	close(fd);
	errno = e;
	if (r < 0)
		return -1;
	if ((size_t)r != n) {
		errno = EMSGSIZE;
		return -1;
	}
	return 0;
}

int
net_listen_tcp(const char *host, unsigned port, int backlog, const char **why)
{
	struct addrinfo hints, *res;
	char serv[8];
	int fd, r, one = 1;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
	snprintf(serv, sizeof serv, "%u", port);
	r = getaddrinfo(host, serv, &hints, &res);
	if (r != 0) {
		if (r == EAI_SYSTEM)
			return fail_sys(why);
		return fail_why(why, gai_strerror(r), ENOENT);
	}
	fd = new_socket(res->ai_family, res->ai_socktype, res->ai_protocol);
	if (fd < 0)
		goto fail;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, res->ai_addr, res->ai_addrlen) < 0 || listen(fd, backlog) < 0)
		goto fail;
	freeaddrinfo(res);
	return fd;
fail:
	r = errno;
	io_close(fd);
	freeaddrinfo(res);
	errno = r;
	return fail_sys(why);
}

int
net_listen_unix(const char *path, int backlog, const char **why)
{
	struct sockaddr_un sa;
	socklen_t len;
	int fd, e;

	if (net_unix_addr(path, &sa, &len) < 0)
		return fail_sys(why);
	fd = new_socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return fail_sys(why);
	if (bind(fd, (struct sockaddr *)&sa, len) < 0 || listen(fd, backlog) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return fail_sys(why);
	}
	return fd;
}

int
net_local_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return -1;
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	errno = EAFNOSUPPORT;
	return -1;
}

int
net_accept(int lfd)
{
	int fd;

	do
		fd = accept(lfd, NULL, NULL);
	while (fd < 0 && errno == EINTR);
	return fd_flags(fd);
}

ssize_t
net_read(int fd, void *buf, size_t n, int64_t deadline)
{
	ssize_t r;

	for (;;) {
		r = read(fd, buf, n);
		if (r >= 0)
			return r;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -1;
		if (net_wait(fd, POLLIN, deadline) <= 0)
			return -1;
	}
}

int
net_write(int fd, const void *buf, size_t n, int64_t deadline)
{
	const char *p = buf;
	ssize_t r;
	int sock = 1;

	while (n > 0) {
		if (sock) {
			r = send(fd, p, n, MSG_NOSIGNAL);
			if (r < 0 && errno == ENOTSOCK) {
				sock = 0;
				continue;
			}
		} else {
			r = write(fd, p, n);
		}
		if (r >= 0) {
			p += r;
			n -= (size_t)r;
			continue;
		}
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -1;
		if (net_wait(fd, POLLOUT, deadline) <= 0)
			return -1;
	}
	return 0;
}
