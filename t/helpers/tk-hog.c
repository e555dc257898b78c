/* tk-hog: use memory or CPU on purpose, for resource checks.
 *
 *	tk-hog [-m SIZE] [-c] [-C] [-f N] [-r READYFILE]
 *
 * -m touches SIZE bytes (K, M suffixes) so they are resident; -c spins
 * on the CPU; -f N forks N children that do the same (a tree), -C makes
 * only the children spin; READYFILE
 * is created once all of it is in place. Runs until killed (the children
 * die with it: they are in its process group, and check for it). */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
work(size_t mem, int spin, pid_t parent)
{
	volatile unsigned long x = 0;
	char *p;

	if (mem) {
		p = malloc(mem);
		if (p == NULL)
			exit(1);
		memset(p, 1, mem);
	}
	for (;;) {
		if (parent && getppid() != parent)
			exit(0);
		if (spin) {
			for (x = 0; x < 10000000; x++)
				;
		} else {
			sleep(1);
		}
	}
}

int
main(int argc, char **argv)
{
	size_t mem = 0;
	int ch, spin = 0, kidspin = 0, forks = 0, i, fd;
	const char *ready = NULL;
	char *end;

	/* A test that dies without its cleanup must not leave a busy loop
	 * spinning forever on a shared machine: die after two minutes
	 * (a forked child does not inherit the alarm: it sets its own). */
	alarm(120);
	while ((ch = getopt(argc, argv, "m:cCf:r:")) != -1) {
		switch (ch) {
		case 'm':
			mem = strtoul(optarg, &end, 10);
			if (*end == 'K' || *end == 'k')
				mem <<= 10;
			else if (*end == 'M' || *end == 'm')
				mem <<= 20;
			break;
		case 'c':
			spin = 1;
			break;
		case 'C':
			kidspin = 1;
			break;
		case 'f':
			forks = atoi(optarg);
			break;
		case 'r':
			ready = optarg;
			break;
		default:
			fprintf(stderr, "usage: tk-hog [-m SIZE] [-c] [-C] [-f N] [-r READYFILE]\n");
			return 2;
		}
	}
	for (i = 0; i < forks; i++)
		if (fork() == 0) {
			alarm(120);
			work(mem, spin || kidspin, getppid());
		}
	if (mem) {
		char *p = malloc(mem);
		if (p == NULL)
			return 1;
		memset(p, 1, mem);
	}
	if (ready && (fd = open(ready, O_WRONLY | O_CREAT, 0644)) >= 0)
		close(fd);
	work(0, spin, 0);
	return 0;
}
