/* t/unit/net.c: host:port parsing, TCP and Unix sockets with deadlines (lib/net.c). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net.h"
#include "tap.h"
#include "tstamp.h"

static void
hp_ok(const char *s, const char *defport, const char *host, unsigned port)
{
	char h[NET_HOST_MAX];
	unsigned p = 0;
	const char *why = NULL;
	int r = net_hostport(s, h, &p, defport, 0, &why);

	if (!ok(r == 0 && strcmp(h, host) == 0 && p == port, "hostport '%s'", s))
		printf("#   r=%d why=%s\n", r, why ? why : "");
}

static void
hp_bad(const char *s, const char *defport, const char *why_part)
{
	char h[NET_HOST_MAX];
	unsigned p;
	const char *why = NULL;
	int r = net_hostport(s, h, &p, defport, 0, &why);

	if (!ok(r < 0 && why && strstr(why, why_part), "bad hostport '%s': %s", s, why_part))
		printf("#   r=%d why=%s\n", r, why ? why : "");
}

int
main(void)
{
	char buf[64], path[256], h[NET_HOST_MAX];
	const char *why;
	int lfd, cfd, sfd, port, d, r;
	unsigned p;
	int64_t t0;
	ssize_t n;

	hp_ok("127.0.0.1:80", NULL, "127.0.0.1", 80);
	hp_ok("localhost:65535", NULL, "localhost", 65535);
	hp_ok("[::1]:8080", NULL, "::1", 8080);
	hp_ok("example.org", "443", "example.org", 443);
	hp_ok("[fe80::1]", "22", "fe80::1", 22);
	hp_bad("127.0.0.1", NULL, "missing port");
	hp_bad("h:0", NULL, "bad port");
	hp_bad("h:65536", NULL, "bad port");
	hp_bad("h:8x", NULL, "bad port");
	hp_bad("h:", NULL, "bad port");
	hp_bad(":80", NULL, "missing host");
	hp_bad("::1:80", NULL, "brackets");
	hp_bad("[::1:80", NULL, "']'");
	hp_bad("[::1]x:80", NULL, "junk");
	hp_bad("a/b:80", NULL, "bad character");
	ok(net_hostport("h:0", h, &p, NULL, 1, &why) == 0 && p == 0, "port 0 when allowed");

	/* TCP: listen on port 0, connect, talk, time out. */
	lfd = net_listen_tcp("127.0.0.1", 0, 4, &why);
	port = net_local_port(lfd);
	ok(lfd >= 0 && port > 0, "listen on an ephemeral port");
	is_int(net_accept(lfd), -1, "accept with nobody waiting");
	cfd = net_connect_tcp("127.0.0.1", (unsigned)port, tstamp_mono_ms() + 5000, &why);
	ok(cfd >= 0, "connect");
	ok(net_wait(lfd, POLLIN, tstamp_mono_ms() + 5000) == 1, "listener readable");
	sfd = net_accept(lfd);
	ok(sfd >= 0, "accept");
	ok(net_write(cfd, "ping", 4, tstamp_mono_ms() + 5000) == 0, "write");
	n = net_read(sfd, buf, sizeof buf, tstamp_mono_ms() + 5000);
	ok(n == 4 && memcmp(buf, "ping", 4) == 0, "read");
	t0 = tstamp_mono_ms();
	errno = 0;
	n = net_read(sfd, buf, sizeof buf, tstamp_mono_ms() + 100);
	ok(n == -1 && errno == ETIMEDOUT && tstamp_mono_ms() - t0 >= 90, "read times out");
	close(cfd);
	ok(net_read(sfd, buf, sizeof buf, tstamp_mono_ms() + 5000) == 0, "end of file");
	errno = 0;
	r = net_write(sfd, "x", 1, tstamp_mono_ms() + 5000);
	if (r == 0)	/* the first write after a close may still succeed */
		r = net_write(sfd, "x", 1, tstamp_mono_ms() + 5000);
	ok(r == -1 && (errno == EPIPE || errno == ECONNRESET), "write to a closed peer: EPIPE, no signal");
	close(sfd);
	close(lfd);
	errno = 0;
	cfd = net_connect_tcp("127.0.0.1", (unsigned)port, tstamp_mono_ms() + 5000, &why);
	ok(cfd == -1 && errno == ECONNREFUSED && strstr(why, "refused"), "refused: %s", why);
	cfd = net_connect_tcp("no-such-host.invalid", 80, tstamp_mono_ms() + 5000, &why);
	ok(cfd == -1 && why != NULL, "unknown host: %s", why);
	ok(net_connect_tcp("127.0.0.1", 9, tstamp_mono_ms() - 1, &why) == -1, "deadline passed");

	/* Unix stream sockets, by path and abstract. */
	snprintf(path, sizeof path, "/tmp/tk-net-unit.%ld.sock", (long)getpid());
	unlink(path);
	lfd = net_listen_unix(path, 4, &why);
	ok(lfd >= 0, "listen on a Unix socket");
	ok(net_listen_unix(path, 4, &why) == -1 && errno == EADDRINUSE, "existing path refused");
	cfd = net_connect_unix(path, tstamp_mono_ms() + 5000, &why);
	ok(cfd >= 0, "connect to it");
	close(cfd);
	close(lfd);
	unlink(path);
	errno = 0;
	ok(net_connect_unix(path, tstamp_mono_ms() + 5000, &why) == -1 && errno == ENOENT,
	    "no socket: ENOENT");
	snprintf(path, sizeof path, "@tk-net-unit.%ld", (long)getpid());
	lfd = net_listen_unix(path, 4, &why);
	cfd = net_connect_unix(path, tstamp_mono_ms() + 5000, &why);
	ok(lfd >= 0 && cfd >= 0, "abstract socket");
	close(cfd);
	close(lfd);
	memset(path, 'x', 200);
	path[200] = '\0';
	ok(net_connect_unix(path, -1, &why) == -1 && errno == ENAMETOOLONG, "path too long");

	/* Datagrams (sd_notify). */
	snprintf(path, sizeof path, "@tk-net-dgram.%ld", (long)getpid());
	{
		struct sockaddr_un sa;
		socklen_t len;
		net_unix_addr(path, &sa, &len);
		d = socket(AF_UNIX, SOCK_DGRAM, 0);
		ok(bind(d, (struct sockaddr *)&sa, len) == 0, "bind a datagram socket");
	}
	ok(net_unix_sendto(path, "READY=1", 7) == 0, "sendto");
	n = recv(d, buf, sizeof buf, 0);
	ok(n == 7 && memcmp(buf, "READY=1", 7) == 0, "datagram received");
	close(d);
	ok(net_unix_sendto(path, "x", 1) == -1, "no listener: error");
	is_int(net_timeout(-1), -1, "no deadline");
	is_int(net_timeout(tstamp_mono_ms() - 5), 0, "deadline passed: 0");
	return done_testing();
}
