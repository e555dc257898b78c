/* plotq-raw.c: talk to a plotq socket by hand, for the protocol tests.
 *
 *	plotq-raw [-f] [-n COUNT] [-t SECONDS] SOCKET < input
 *
 * Connects, then forwards stdin to the socket as it arrives: as it is (the
 * test builds frames itself with printf), or with -f each line as one
 * frame (the line is the JSON body). Meanwhile prints each frame
 * received, one body per line, until COUNT frames came, the daemon closed
 * the connection (prints "EOF"), or SECONDS passed (prints "TIMEOUT").
 * With -n 0 it only sends, and exits at the end of its input.
 * Exits 0, or 1 on a system error. */
#include <sys/socket.h>
#include <sys/un.h>

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "io.h"
#include "tstamp.h"

static void
put_frame(struct buf *out, const char *p, size_t len)
{
	unsigned char h[4];

	h[0] = (unsigned char)(len >> 24);
	h[1] = (unsigned char)(len >> 16);
	h[2] = (unsigned char)(len >> 8);
	h[3] = (unsigned char)len;
	buf_add(out, h, 4);
	buf_add(out, p, len);
}

int
main(int argc, char **argv)
{
	struct sockaddr_un sa;
	struct buf in = BUF_INIT, got = BUF_INIT, out = BUF_INIT;
	struct pollfd p[2];
	char chunk[65536], *nl;
	int c, fd, framed = 0, count = -1, secs = 10, in_open = 1;
	ssize_t n;
	int64_t deadline, left;
	uint32_t len;

	while ((c = getopt(argc, argv, "fn:t:")) != -1) {
		switch (c) {
		case 'f': framed = 1; break;
		case 'n': count = atoi(optarg); break;
		case 't': secs = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: plotq-raw [-f] [-n COUNT] "
			    "[-t SECONDS] SOCKET\n");
			return 1;
		}
	}
	if (optind != argc - 1)
		return 1;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", argv[optind]);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		perror("plotq-raw: connect");
		return 1;
	}
	deadline = tstamp_mono_ms() + secs * 1000;
	while (count != 0 || in_open) {
		p[0].fd = in_open ? 0 : -1;
		p[0].events = POLLIN;
		p[1].fd = fd;
		p[1].events = POLLIN;
		left = deadline - tstamp_mono_ms();
		if (left <= 0 || poll(p, 2, (int)left) == 0) {
			printf("TIMEOUT\n");
			break;
		}
		if (p[0].revents) {
			n = io_read(0, chunk, sizeof chunk);
			if (n <= 0) {
				in_open = 0;
				if (framed && in.len)
					put_frame(&out, in.p, in.len);
			} else if (!framed) {
				buf_add(&out, chunk, (size_t)n);
			} else {
				buf_add(&in, chunk, (size_t)n);
				while ((nl = memchr(in.p, '\n', in.len)) != NULL) {
					put_frame(&out, in.p, (size_t)(nl - in.p));
					buf_consume(&in, (size_t)(nl - in.p) + 1);
				}
			}
			/* The daemon may close before reading everything. */
			if (out.len && send(fd, out.p, out.len, MSG_NOSIGNAL) < 0 &&
			    errno != EPIPE && errno != ECONNRESET) {
				perror("plotq-raw: send");
				return 1;
			}
			buf_reset(&out);
		}
		if (p[1].revents == 0)
			continue;
		n = read(fd, chunk, sizeof chunk);
		if (n <= 0) {
			printf("EOF\n");
			break;
		}
		buf_add(&got, chunk, (size_t)n);
		while (got.len >= 4 && count != 0) {
			const unsigned char *u = (const unsigned char *)got.p;
			len = (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 |
			    (uint32_t)u[2] << 8 | u[3];
			if (got.len < 4 + (size_t)len)
				break;
			printf("%.*s\n", (int)len, got.p + 4);
			buf_consume(&got, 4 + (size_t)len);
			if (count > 0)
				count--;
		}
		fflush(stdout);
	}
	close(fd);
	buf_free(&in);
	buf_free(&out);
	buf_free(&got);
	return 0;
}
