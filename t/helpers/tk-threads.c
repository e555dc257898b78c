/* tk-threads: a process with threads and open files, for status checks.
 *
 *	tk-threads [-t THREADS] [-f FDS] [-m SIZE_KB] [-r READYFILE]
 *
 * Starts THREADS threads besides the main one, opens FDS more file
 * descriptors (/dev/null), touches SIZE_KB kilobytes, creates READYFILE,
 * and sleeps until killed. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *
idle(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int
main(int argc, char **argv)
{
	const char *ready = NULL;
	int c, threads = 0, fds = 0, i;
	long kb = 0;
	pthread_t t;
	char *p;

	while ((c = getopt(argc, argv, "t:f:m:r:")) != -1) {
		switch (c) {
		case 't': threads = atoi(optarg); break;
		case 'f': fds = atoi(optarg); break;
		case 'm': kb = atol(optarg); break;
		case 'r': ready = optarg; break;
		default:
			fprintf(stderr, "usage: tk-threads [-t N] [-f N] "
			    "[-m KB] [-r FILE]\n");
			return 100;
		}
	}
	for (i = 0; i < threads; i++)
		if (pthread_create(&t, NULL, idle, NULL) != 0)
			return 111;
	for (i = 0; i < fds; i++)
		if (open("/dev/null", O_RDONLY) < 0)
			return 111;
	if (kb > 0) {
		if ((p = malloc((size_t)kb * 1024)) == NULL)
			return 111;
		memset(p, 1, (size_t)kb * 1024);
	}
	if (ready && close(open(ready, O_WRONLY | O_CREAT, 0644)) < 0)
		return 111;
	for (;;)
		pause();
}
