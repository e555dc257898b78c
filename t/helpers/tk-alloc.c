/* tk-alloc: allocate and touch memory, a MiB at a time.
 *
 *	tk-alloc MIB	allocate MIB MiB, printing "allocated N" after each;
 *			exit 0 when done, 3 when an allocation fails (as
 *			under RLIMIT_AS), or die as the kernel decides (an
 *			OOM kill in a cgroup). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	long n, i;
	char *p;

	if (argc != 2 || (n = strtol(argv[1], NULL, 10)) <= 0)
		return 100;
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i <= n; i++) {
		if ((p = malloc(1 << 20)) == NULL) {
			printf("failed at %ld\n", i);
			return 3;
		}
		memset(p, (int)i, 1 << 20);
		printf("allocated %ld\n", i);
	}
	return 0;
}
