/* cmdfd.c: CMD and its -C directory held across the sandbox's mounts:
 * resolved and opened before --private-tmp or --private-dev hide what
 * lies under /tmp, /var/tmp or /dev, and reached through those
 * descriptors afterwards when their paths lead nowhere any more. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemonrun.h"
#include "io.h"
#include "proc.h"

extern char **environ;

#ifdef __linux__
#include <grp.h>
#include <sys/fsuid.h>
#endif

/* Held without reading: a directory or file the user may only search
 * or execute. */
#ifdef O_PATH
#define O_PATHONLY	O_PATH
#else
#define O_PATHONLY	O_RDONLY
#endif
#define O_DIRHOLD	(O_PATHONLY | O_DIRECTORY | O_CLOEXEC)

/* Open CMD as execvp would find it (from the current directory), into
 * a->cmd_fd and a->cmd_path; nothing when it is not a regular file. */
static void
hold_cmd(struct attrs *a)
{
	char path[PATH_MAX], head[2], **save = environ;
	struct stat st;
	int fd, r;

	if (a->envp)
		environ = a->envp;
	r = proc_which(a->cmd, path, sizeof path);
	environ = save;
	if (r < 0 || stat(path, &st) < 0) {
		a->cmd_err = errno;
		return;
	}
	if (!S_ISREG(st.st_mode))
		return;
	/* O_NONBLOCK: nothing here may wait, whatever the file is now. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && errno == EACCES)
		fd = open(path, O_PATHONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (fd = io_fd_above2(fd)) < 0) {
		a->cmd_err = errno;
		io_close(fd);
		return;
	}
	/* A path from an empty PATH entry gets its "./": it is a path. */
	if (asprintf(&a->cmd_path, "%s%s", strchr(path, '/') ? "" : "./",
	    path) < 0) {
		a->cmd_path = NULL;
		io_close(fd);
		return;
	}
	a->cmd_fd = fd;
	a->cmd_script = pread(fd, head, 2, 0) == 2 && head[0] == '#' &&
	    head[1] == '!';
}

/* The directory, then CMD from it. */
static void
hold(struct attrs *a)
{
	int cwd = -1, fd;

	if (a->dir) {
		if ((fd = open(a->dir, O_DIRHOLD)) < 0 ||
		    (a->dir_fd = io_fd_above2(fd)) < 0) {
			a->dir_err = errno;
			return;
		}
		/* CMD's relative paths are relative to that directory. */
		if ((cwd = open(".", O_DIRHOLD)) < 0 || fchdir(a->dir_fd) < 0) {
			io_close(cwd);
			return;
		}
	}
	hold_cmd(a);
	if (cwd >= 0) {
		(void)!fchdir(cwd);
		io_close(cwd);
	}
}

void
cmd_hold(struct attrs *a)
{
#ifdef __linux__
	uid_t ou = 0;
	gid_t og = 0;

	if (a->sandbox != SANDBOX_UNSHARE || !(a->private_tmp ||
	    a->private_dev) || a->cmd == NULL)
		return;
	/* With the user's file system ids and groups: what CMD could not
	 * reach by its path it does not reach by a descriptor either.
	 * (drop_privileges sets the groups again.) */
	if (a->set_ids) {
		if (geteuid() == 0 && setgroups((size_t)a->ngroups,
		    a->groups) < 0)
			return;
		og = (gid_t)setfsgid(a->gid);
		if (a->set_uid)
			ou = (uid_t)setfsuid(a->uid);
	}
	hold(a);
	if (a->set_ids) {
		if (a->set_uid)
			(void)setfsuid(ou);
		(void)setfsgid(og);
	}
#else
	(void)a;
#endif
}

int
cmd_chdir(const struct attrs *a)
{
	if (chdir(a->dir) == 0)
		return 0;
	if (errno != ENOENT && errno != ENOTDIR)
		return errno;
	/* Hidden by the mounts: the directory held, or why it was not. */
	if (a->dir_fd < 0)
		return a->dir_err ? a->dir_err : errno;
	return fchdir(a->dir_fd) < 0 ? errno : 0;
}

/* CMD through its descriptor. A #! script's interpreter is handed
 * /dev/fd/N to open, so that descriptor stays open across the exec; a
 * binary's is closed by it. A file without #! goes to /bin/sh as with
 * execvp, by the same /dev/fd/N. */
static int
exec_fd(const struct attrs *a, char *const *argv)
{
	char *const *envp = a->envp ? a->envp : environ;
	char dev[32], **nargv;
	size_t n = 0;

	if (a->cmd_script && io_cloexec(a->cmd_fd, 0) < 0)
		return -1;
	fexecve(a->cmd_fd, argv, envp);
	if (errno == ENOSYS || errno == EPERM) {
		/* No execveat(2), or a seccomp profile without it. */
		snprintf(dev, sizeof dev, "/proc/self/fd/%d", a->cmd_fd);
		execve(dev, argv, envp);
	}
	if (errno != ENOEXEC)
		return -1;
	while (argv[n])
		n++;
	if (io_cloexec(a->cmd_fd, 0) < 0 ||
	    (nargv = malloc(sizeof *nargv * (n + 2))) == NULL)
		return -1;
	snprintf(dev, sizeof dev, "/dev/fd/%d", a->cmd_fd);
	nargv[0] = (char *)"sh";
	nargv[1] = dev;
	memcpy(nargv + 2, argv + 1, sizeof *nargv * n);
	execve("/bin/sh", nargv, envp);
	free(nargv);
	errno = ENOEXEC;
	return -1;
}

int
cmd_exec(const struct attrs *a, char *const *argv)
{
	struct stat st;

	if (a->cmd_fd < 0) {
		proc_execvpe(argv[0], argv, a->envp);
		/* Hidden by the mounts: why it could not be opened before. */
		if ((errno == ENOENT || errno == ENOTDIR) && a->cmd_err)
			errno = a->cmd_err;
		return -1;
	}
	/* Its path still leads somewhere, or fails other than by hiding:
	 * that path, with the errors it always had. */
	if (stat(a->cmd_path, &st) == 0 || (errno != ENOENT &&
	    errno != ENOTDIR))
		return proc_execvpe(a->cmd_path, argv, a->envp);
	return exec_fd(a, argv);
}
