/* tk-syscall: try system calls with arguments that fail harmlessly, and
 * print how each failed ("mount: ENOENT"), so a test can tell a seccomp
 * EPERM from the call's own error. Linux only.
 *
 *	tk-syscall mount ptrace reboot swapon getpid ... */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#ifdef __linux__
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

static const char *
ename(int e)
{
	switch (e) {
	case 0: return "OK";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case ESRCH: return "ESRCH";
	case EINVAL: return "EINVAL";
	case EFAULT: return "EFAULT";
	case ENOSYS: return "ENOSYS";
	case EBADF: return "EBADF";
	default: return strerror(e);
	}
}

int
main(int argc, char **argv)
{
	int i;
	long r;

	for (i = 1; i < argc; i++) {
		errno = 0;
		r = 0;
#ifdef __linux__
		if (strcmp(argv[i], "mount") == 0)
			r = mount("none", "/nonexistent/tk-syscall", "tmpfs", 0, NULL);
		else if (strcmp(argv[i], "umount2") == 0)
			r = umount2("/nonexistent/tk-syscall", 0);
		else if (strcmp(argv[i], "ptrace") == 0)
			r = ptrace(PTRACE_ATTACH, 0x7ffffff0, NULL, NULL);
		else if (strcmp(argv[i], "swapon") == 0)
			r = swapon("/nonexistent/tk-syscall", 0);
		else if (strcmp(argv[i], "reboot") == 0)
			r = syscall(SYS_reboot, 0, 0, 0, NULL);	/* bad magic */
		else if (strcmp(argv[i], "init_module") == 0)
			r = syscall(SYS_init_module, NULL, 0, "");
		else if (strcmp(argv[i], "getpid") == 0)
			r = getpid() > 0 ? 0 : -1;
		else if (strcmp(argv[i], "uname") == 0) {
			char buf[512];
			r = syscall(SYS_uname, buf);
		} else {
			printf("%s: unknown to tk-syscall\n", argv[i]);
			continue;
		}
#endif
		printf("%s: %s\n", argv[i], ename(r < 0 ? errno : 0));
	}
	return 0;
}
