/* tk-lockpid: hold a locked pid file (lib/lock's pidfile_acquire) until killed.
 *
 *	tk-lockpid FILE [READYFILE]
 *
 * Writes its own pid to FILE, locked, then creates READYFILE and sleeps.
 * Killed, it leaves FILE behind, stale. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "lock.h"

int
main(int argc, char **argv)
{
	pid_t holder;
	int fd;

	if (argc < 2) {
		fprintf(stderr, "usage: tk-lockpid FILE [READYFILE]\n");
		return 2;
	}
	if (pidfile_acquire(argv[1], getpid(), &holder) < 0) {
		perror("tk-lockpid");
		return 1;
	}
	if (argc > 2 && (fd = open(argv[2], O_WRONLY | O_CREAT, 0644)) >= 0)
		close(fd);
	for (;;)
		pause();
}
