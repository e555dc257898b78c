/* proc.c: fork/exec with exec-failure reporting (see proc.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io.h"
#include "parse.h"
#include "proc.h"
#include "sig.h"

extern char **environ;

int
proc_exec_code(int err)
{
	return err == ENOENT || err == ENOTDIR ? 127 : 126;
}

int
proc_which(const char *argv0, char *buf, size_t len)
{
	return proc_which_in(argv0, getenv("PATH"), buf, len);
}

int
proc_which_in(const char *argv0, const char *path, char *buf, size_t len)
{
	const char *p, *e;
	size_t dl, fl = strlen(argv0);
	int seen_eacces = 0;
	struct stat st;

	if (fl == 0) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(argv0, '/')) {
		if (fl + 1 > len) {
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(buf, argv0, fl + 1);
		if (access(buf, X_OK) < 0)
			return -1;
		return 0;
	}
	if (path == NULL || *path == '\0')
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;; p = e + 1) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		dl = (size_t)(e - p);
		if (dl + fl + 2 <= len) {
			if (dl == 0) {
				memcpy(buf, argv0, fl + 1);
			} else {
				memcpy(buf, p, dl);
				buf[dl] = '/';
				memcpy(buf + dl + 1, argv0, fl + 1);
			}
			if (stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
				if (access(buf, X_OK) == 0)
					return 0;
				seen_eacces = 1;
			}
		}
		if (*e == '\0')
			break;
	}
	errno = seen_eacces ? EACCES : ENOENT;
	return -1;
}

int
proc_execvpe(const char *file, char *const *argv, char *const *envp)
{
	char path[PATH_MAX];

	if (envp == NULL)
		envp = environ;
	if (proc_which(file, path, sizeof path) < 0) {
		/* A file given with a '/' that exists but is not executable,
		 * or a directory: let execve report the precise error. */
		if (strchr(file, '/') == NULL)
			return -1;
		snprintf(path, sizeof path, "%s", file);
	}
	execve(path, argv, envp);
	if (errno == ENOEXEC) {
		/* A script without #!: run it with /bin/sh, as execvp does. */
		int n = 0;
		char **nargv;
		while (argv[n])
			n++;
		nargv = malloc(sizeof *nargv * (size_t)(n + 2));
		if (nargv == NULL)
			return -1;
		nargv[0] = (char *)"sh";
		nargv[1] = path;
		memcpy(nargv + 2, argv + 1, sizeof *nargv * (size_t)n);
		execve("/bin/sh", nargv, envp);
		free(nargv);
		errno = ENOEXEC;
	}
	return -1;
}

/* Close every fd >= lowfd except keep: close_range(2) where the kernel
 * has it, else a loop up to the fd limit. */
void
proc_close_from(int lowfd, int keep)
{
	int fd, max;

#ifdef SYS_close_range
	if (keep >= lowfd) {
		if ((keep == lowfd || syscall(SYS_close_range, lowfd, keep - 1, 0) == 0) &&
		    syscall(SYS_close_range, keep + 1, ~0U, 0) == 0)
			return;
	} else if (syscall(SYS_close_range, lowfd, ~0U, 0) == 0) {
		return;
	}
#endif
	max = (int)sysconf(_SC_OPEN_MAX);
	if (max < 0 || max > 65536)
		max = 65536;
	for (fd = lowfd; fd < max; fd++)
		if (fd != keep)
			(void)close(fd);
}

static void
child_fail(int wfd, int stage, int err)
{
	struct proc_err pe;

	pe.stage = stage;
	pe.err = err;
	(void)!write(wfd, &pe, sizeof pe);
	_exit(stage == PROC_STAGE_EXEC ? proc_exec_code(err) : 111);
}

/* Make fd (about to be dup2'd onto target) safe: if it is itself one of
 * 0..2 below target it would be clobbered by an earlier dup2. */
static int
move_into_place(int fd, int target)
{
	if (fd < 0)
		return 0;
	if (fd == target)
		return io_cloexec(fd, 0);
	return dup2(fd, target) < 0 ? -1 : 0;
}

pid_t
proc_spawn(const struct proc_spec *sp, struct proc_err *pe)
{
	int p[2], fds[3], i, r;
	pid_t pid;
	struct proc_err got;
	sigset_t held;
	ssize_t n;

	if (pe) {
		pe->stage = PROC_STAGE_NONE;
		pe->err = 0;
	}
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	/* No signal may reach the child before its handlers are reset. */
	(void)sig_hold_all(&held);
	pid = fork();
	if (pid != 0)
		(void)sig_release(&held);
	if (pid < 0) {
		r = errno;
		close(p[0]);
		close(p[1]);
		errno = r;
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		/* Keep the report pipe out of 0..2. */
		if (p[1] <= 2) {
			int nfd = fcntl(p[1], F_DUPFD_CLOEXEC, 3);
			if (nfd < 0)
				_exit(111);
			p[1] = nfd;
		}
		sig_reset_child();
		if (sp->new_session && setsid() < 0)
			child_fail(p[1], PROC_STAGE_SETUP, errno);
		if (!sp->new_session && sp->new_pgrp && setpgid(0, 0) < 0)
			child_fail(p[1], PROC_STAGE_SETUP, errno);
		/* Lift the fds above 2 first so the dup2s cannot clobber one
		 * another (e.g. fd1 = 2, fd2 = 1). */
		fds[0] = sp->fd0;
		fds[1] = sp->fd1;
		fds[2] = sp->fd2;
		for (i = 0; i < 3; i++)
			if (fds[i] >= 0 && fds[i] <= 2 && fds[i] != i) {
				fds[i] = fcntl(fds[i], F_DUPFD_CLOEXEC, 3);
				if (fds[i] < 0)
					child_fail(p[1], PROC_STAGE_SETUP, errno);
			}
		for (i = 0; i < 3; i++)
			if (move_into_place(fds[i], i) < 0)
				child_fail(p[1], PROC_STAGE_SETUP, errno);
		if (sp->close_fds)
			proc_close_from(3, p[1]);
		if (sp->dir && chdir(sp->dir) < 0)
			child_fail(p[1], PROC_STAGE_SETUP, errno);
		if (sp->setup && (r = sp->setup(sp->setup_arg)) != 0)
			child_fail(p[1], PROC_STAGE_SETUP, r);
		if (sp->exec)
			sp->exec(sp->exec_arg, sp->argv);
		else
			proc_execvpe(sp->argv[0], sp->argv, sp->envp);
		child_fail(p[1], PROC_STAGE_EXEC, errno);
	}
	close(p[1]);
	do
		n = read(p[0], &got, sizeof got);
	while (n < 0 && errno == EINTR);
	close(p[0]);
	if (n == (ssize_t)sizeof got) {
		int st;
		proc_wait(pid, &st, 0);
		if (pe)
			*pe = got;
		errno = got.err;
		return -1;
	}
	return pid;
}

int
proc_status_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 255;
}

const char *
proc_status_str(int status, char *buf, size_t len)
{
	const char *n;

	if (WIFEXITED(status)) {
		snprintf(buf, len, "exit %d", WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		n = parse_signame(WTERMSIG(status));
		if (n)
			snprintf(buf, len, "signal %s", n);
		else
			snprintf(buf, len, "signal %d", WTERMSIG(status));
	} else {
		snprintf(buf, len, "status %d", status);
	}
	return buf;
}

pid_t
proc_wait(pid_t pid, int *status, int flags)
{
	pid_t r;

	do
		r = waitpid(pid, status, flags);
	while (r < 0 && errno == EINTR);
	return r;
}
