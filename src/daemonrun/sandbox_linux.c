/* sandbox_linux.c: --sandbox unshare, natively: unshare(2), a private
 * mount namespace, a private /tmp and /dev, read-only paths, a network
 * namespace with only the loopback; "not supported on this platform"
 * elsewhere. Runs in the child, as root, before the privilege drop. */
#include <errno.h>

#include "daemonrun.h"

#ifdef __linux__

#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "io.h"

/* The devices of a private /dev. */
static const struct {
	const char *name;
	unsigned major, minor;
} devices[] = {
	{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
	{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 }
};

static const struct {
	const char *target, *name;
} links[] = {
	{ "pts/ptmx", "ptmx" }, { "/proc/self/fd", "fd" },
	{ "/proc/self/fd/0", "stdin" }, { "/proc/self/fd/1", "stdout" },
	{ "/proc/self/fd/2", "stderr" }
};

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
private_tmp(void)
{
	if (mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV,
	    "mode=1777") < 0)
		return STEP_CODE(STEP_TMP, 0, errno);
	if (is_dir("/var/tmp") && mount("tmpfs", "/var/tmp", "tmpfs",
	    MS_NOSUID | MS_NODEV, "mode=1777") < 0)
		return STEP_CODE(STEP_TMP, 1, errno);
	return 0;
}

/* A tmpfs on /dev with null, zero, full, random, urandom and tty
 * (made with mknod), a new devpts instance with its ptmx, /dev/shm, and
 * the fd, stdin, stdout, stderr links. The step that failed is the
 * index of the error. */
static int
private_dev(void)
{
	char path[64];
	size_t i;

	if (mount("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC,
	    "mode=755") < 0)
		return STEP_CODE(STEP_DEV, 1, errno);
	for (i = 0; i < sizeof devices / sizeof *devices; i++) {
		snprintf(path, sizeof path, "/dev/%s", devices[i].name);
		if (mknod(path, S_IFCHR | 0666, makedev(devices[i].major,
		    devices[i].minor)) < 0 || chmod(path, 0666) < 0)
			return STEP_CODE(STEP_DEV, 2, errno);
	}
	if (mkdir("/dev/pts", 0755) < 0 || mount("devpts", "/dev/pts",
	    "devpts", MS_NOSUID | MS_NOEXEC,
	    "newinstance,ptmxmode=0666,mode=0620") < 0)
		return STEP_CODE(STEP_DEV, 3, errno);
	if (mkdir("/dev/shm", 01777) < 0 || chmod("/dev/shm", 01777) < 0 ||
	    mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV,
	    "mode=1777") < 0)
		return STEP_CODE(STEP_DEV, 4, errno);
	for (i = 0; i < sizeof links / sizeof *links; i++) {
		snprintf(path, sizeof path, "/dev/%s", links[i].name);
		if (symlink(links[i].target, path) < 0)
			return STEP_CODE(STEP_DEV, 5, errno);
	}
	return 0;
}

/* Remount one mount point read-only, keeping its other flags. */
static int
remount_ro(const char *path)
{
	struct statvfs sv;
	unsigned long fl = MS_BIND | MS_REMOUNT | MS_RDONLY;

	if (statvfs(path, &sv) < 0)
		return -1;
	if (sv.f_flag & ST_NOSUID)
		fl |= MS_NOSUID;
	if (sv.f_flag & ST_NODEV)
		fl |= MS_NODEV;
	if (sv.f_flag & ST_NOEXEC)
		fl |= MS_NOEXEC;
	if (sv.f_flag & ST_NOATIME)
		fl |= MS_NOATIME;
	if (sv.f_flag & ST_NODIRATIME)
		fl |= MS_NODIRATIME;
	if (sv.f_flag & ST_RELATIME)
		fl |= MS_RELATIME;
	return mount(NULL, path, NULL, fl, NULL);
}

/* mountinfo escapes blanks and backslashes as \ooo. */
static void
unescape(char *s)
{
	char *o = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*o++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
			    (s[3] - '0'));
			s += 4;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
}

/* Bind path on itself, then make it and every mount below it
 * read-only. */
static int
readonly(const char *path)
{
	char real[PATH_MAX], line[4096], *f[5], *p;
	size_t n = 0, rl;
	FILE *mi;
	int i;

	if (realpath(path, real) == NULL)
		return -1;
	if (mount(real, real, NULL, MS_BIND | MS_REC, NULL) < 0 ||
	    remount_ro(real) < 0)
		return -1;
	if ((mi = fopen("/proc/self/mountinfo", "re")) == NULL)
		return -1;
	rl = strlen(real);
	while (fgets(line, sizeof line, mi)) {
		/* id parent major:minor root mountpoint ... */
		for (i = 0, p = line; i < 5 && p; i++) {
			f[i] = p;
			if ((p = strchr(p, ' ')) != NULL)
				*p++ = '\0';
		}
		if (i < 5)
			continue;
		unescape(f[4]);
		if (strncmp(f[4], real, rl) == 0 &&
		    (f[4][rl] == '/' || (rl == 1 && f[4][1] != '\0')))
			if (remount_ro(f[4]) < 0 && errno != ENOENT &&
			    errno != EACCES)
				n++;
	}
	fclose(mi);
	if (n) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

static int
loopback_up(void)
{
	struct ifreq ifr;
	int fd, r = -1;

	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
		r = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	io_close(fd);
	return r;
}

int
sandbox_apply(const struct attrs *a)
{
	size_t i;
	int r;

	if (unshare(CLONE_NEWNS) < 0)
		return STEP_CODE(STEP_UNSHARE, 0, errno);
	if (a->no_network && unshare(CLONE_NEWNET) < 0)
		return STEP_CODE(STEP_UNSHARE, 1, errno);
	/* Nothing done here propagates back to the host. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return STEP_CODE(STEP_PRIVATE, 0, errno);
	if (a->private_tmp && (r = private_tmp()) != 0)
		return r;
	if (a->private_dev && (r = private_dev()) != 0)
		return r;
	for (i = 0; i < a->nreadonly; i++)
		if (readonly(a->readonly[i]) < 0)
			return STEP_CODE(STEP_READONLY, i, errno);
	if (a->no_network && loopback_up() < 0)
		return STEP_CODE(STEP_NET, 0, errno);
	return 0;
}

int
sandbox_nnp(void)
{
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ? errno : 0;
}

#else	/* !__linux__ */

int
sandbox_apply(const struct attrs *a)
{
	(void)a;
	return STEP_CODE(STEP_UNSHARE, 0, ENOSYS);
}

int
sandbox_nnp(void)
{
	return ENOSYS;
}

#endif
