/* tk-dgram: receive datagrams on a Unix socket (sd_notify's), one line each.
 *
 *	tk-dgram PATH OUTFILE [READYFILE]
 *
 * Binds a datagram socket at PATH ('@NAME': abstract), creates READYFILE
 * once bound, then appends each datagram and a newline to OUTFILE. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "io.h"
#include "net.h"

int
main(int argc, char **argv)
{
	struct sockaddr_un sa;
	socklen_t len;
	char b[4097];
	ssize_t n;
	int s, fd;

	if (argc < 3) {
		fprintf(stderr, "usage: tk-dgram PATH OUTFILE [READYFILE]\n");
		return 2;
	}
	if (net_unix_addr(argv[1], &sa, &len) < 0 ||
	    (s = socket(AF_UNIX, SOCK_DGRAM, 0)) < 0 ||
	    bind(s, (struct sockaddr *)&sa, len) < 0) {
		perror("tk-dgram");
		return 1;
	}
	if (argc > 3 && (fd = open(argv[3], O_WRONLY | O_CREAT, 0644)) >= 0)
		close(fd);
	for (;;) {
		n = recv(s, b, sizeof b - 1, 0);
		if (n < 0)
			continue;
		b[n++] = '\n';
		fd = open(argv[2], O_WRONLY | O_CREAT | O_APPEND, 0644);
		if (fd >= 0) {
			io_writeall(fd, b, (size_t)n);
			close(fd);
		}
	}
}
