/* tk-restartlat: measure a supervisor's restart latency, from a SIGKILL
 * of its child to the new child's exec.
 *
 *	tk-restartlat -c STAMPFILE        the child: append "PID NS" (its pid,
 *	                                  CLOCK_MONOTONIC ns at start), wait;
 *	                                  run as "run" (a symlink in a service
 *	                                  directory) it is the child with
 *	                                  ./stamp
 *	tk-restartlat STAMPFILE N GAP_MS  the driver: N times, once the child
 *	                                  the last line names has been up
 *	                                  GAP_MS (supervisors throttle
 *	                                  children that die young), SIGKILL
 *	                                  it and wait for a new line; print
 *	                                  the latencies in us, sorted
 *
 * The child is exec'd by the supervisor directly, so its first
 * instruction after exec is what is timed. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The last line of path: pid and stamp; the line count in *lines. */
static int
last(const char *path, long *pid, long long *ns, int *lines)
{
	char buf[65536];
	ssize_t n;
	int fd, i, start = 0;

	*lines = 0;
	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (i = 0; i < n; i++)
		if (buf[i] == '\n') {
			(*lines)++;
			if (i + 1 < n)
				start = i + 1;
		}
	return sscanf(buf + start, "%ld %lld", pid, ns) == 2 ? 0 : -1;
}

static int
cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	char line[64];
	long long t0, ns, *lat;
	long pid, npid;
	int fd, n, i, lines, l2, gap, ifd;
	struct timespec nap;

	const char *base = strrchr(argv[0], '/');

	base = base ? base + 1 : argv[0];
	if ((argc == 3 && strcmp(argv[1], "-c") == 0) ||
	    strcmp(base, "run") == 0) {
		ns = now_ns();
		snprintf(line, sizeof line, "%ld %lld\n", (long)getpid(), ns);
		fd = open(argc == 3 ? argv[2] : "stamp",
		    O_WRONLY | O_APPEND | O_CREAT, 0644);
		if (fd < 0 || write(fd, line, strlen(line)) < 0)
			return 111;
		close(fd);
		for (;;)
			pause();
	}
	if (argc != 4)
		return 100;
	n = atoi(argv[2]);
	gap = atoi(argv[3]);
	/* Sleep on inotify rather than spin: the supervisor needs the CPU. */
	ifd = inotify_init1(IN_CLOEXEC);
	if (ifd < 0 || inotify_add_watch(ifd, argv[1], IN_MODIFY) < 0)
		return 111;
	if (n <= 0 || (lat = calloc((size_t)n, sizeof *lat)) == NULL)
		return 100;
	for (i = 0; i < n; i++) {
		if (last(argv[1], &pid, &ns, &lines) < 0) {
			free(lat);
			return 111;
		}
		t0 = ns + (long long)gap * 1000000LL - now_ns();
		if (t0 > 0) {
			nap.tv_sec = t0 / 1000000000LL;
			nap.tv_nsec = t0 % 1000000000LL;
			nanosleep(&nap, NULL);
		}
		t0 = now_ns();
		kill((pid_t)pid, SIGKILL);
		for (;;) {
			struct pollfd pf = { ifd, POLLIN, 0 };
			char ev[4096];
			if (last(argv[1], &npid, &ns, &l2) == 0 && l2 > lines)
				break;
			if (poll(&pf, 1, 10000) <= 0) {
				fprintf(stderr, "tk-restartlat: no restart after 10s\n");
				free(lat);
				return 1;
			}
			(void)!read(ifd, ev, sizeof ev);
		}
		lat[i] = (ns - t0) / 1000;
	}
	qsort(lat, (size_t)n, sizeof *lat, cmp);
	for (i = 0; i < n; i++)
		printf("%lld\n", lat[i]);
	free(lat);
	return 0;
}
