/* tk-cpuuse: the CPU share a process gets over a while.
 *
 *	tk-cpuuse PID SECONDS	print the percentage of one CPU (user and
 *				system time, /proc/PID/stat) PID used over
 *				SECONDS of wall time. Linux only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long
ticks(const char *pid)
{
	char path[64], buf[1024], *p;
	unsigned long long u, s;
	FILE *f;
	int i;

	snprintf(path, sizeof path, "/proc/%s/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	p = fgets(buf, sizeof buf, f);
	fclose(f);
	if (p == NULL || (p = strrchr(buf, ')')) == NULL)
		return -1;
	for (i = 2; i < 14 && p; i++)
		p = strchr(p + 1, ' ');
	if (p == NULL || sscanf(p, " %llu %llu", &u, &s) != 2)
		return -1;
	return (long long)(u + s);
}

int
main(int argc, char **argv)
{
	double t0, t1, secs;
	long long a, b;
	long hz = sysconf(_SC_CLK_TCK);

	if (argc != 3 || (secs = atof(argv[2])) <= 0)
		return 100;
	t0 = now();
	if ((a = ticks(argv[1])) < 0)
		return 1;
	usleep((useconds_t)(secs * 1e6));
	t1 = now();
	if ((b = ticks(argv[1])) < 0)
		return 1;
	printf("%.0f\n", (double)(b - a) / (double)hz / (t1 - t0) * 100);
	return 0;
}
