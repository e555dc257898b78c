/* tk-privcheck: print this process's ids and groups, then try every way
 * back to root; exit 0 when none works ("regain: none"), 1 otherwise. */
#include <grp.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

int
main(void)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg, g[256], zero = 0;
	int n, i, regained = 0;

	getresuid(&ru, &eu, &su);
	getresgid(&rg, &eg, &sg);
	printf("uid=%ld,%ld,%ld gid=%ld,%ld,%ld groups=", (long)ru, (long)eu,
	    (long)su, (long)rg, (long)eg, (long)sg);
	n = getgroups(256, g);
	for (i = 0; i < n; i++)
		printf("%s%ld", i ? "," : "", (long)g[i]);
	printf("\n");
	if (setuid(0) == 0) {
		printf("regain: setuid(0)\n");
		regained = 1;
	}
	if (seteuid(0) == 0) {
		printf("regain: seteuid(0)\n");
		regained = 1;
	}
	if (setreuid(0, 0) == 0) {
		printf("regain: setreuid(0, 0)\n");
		regained = 1;
	}
	if (setgid(0) == 0 && rg != 0) {
		printf("regain: setgid(0)\n");
		regained = 1;
	}
	if (setgroups(1, &zero) == 0) {
		printf("regain: setgroups\n");
		regained = 1;
	}
	if (!regained)
		printf("regain: none\n");
	return regained;
}
