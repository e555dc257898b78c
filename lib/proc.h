/* proc.h: spawning commands, learning why exec failed, decoding statuses.
 *
 * proc_spawn() forks; the child sets up fds, process group and directory,
 * runs an optional setup callback, then execs. A close-on-exec pipe tells
 * the parent, before proc_spawn() returns, whether exec succeeded: on
 * failure the child's errno comes back and no half-started child is left
 * (it has exited with 126 or 127 and been reaped). */
#ifndef TK_PROC_H
#define TK_PROC_H

#include <sys/types.h>

struct proc_spec {
	char *const *argv;	/* argv[0] is looked up in PATH unless it has a '/' */
	char *const *envp;	/* NULL: the current environ */
	int fd0, fd1, fd2;	/* -1: inherit; else dup2'd onto 0, 1, 2 */
	int close_fds;		/* close every other fd >= 3 in the child */
	int new_pgrp;		/* setpgid(0, 0) */
	int new_session;	/* setsid() */
	const char *dir;	/* chdir before exec (NULL: stay) */
	/* Run in the child after the above, before exec. Return 0, or an
	 * errno value: the spawn then fails with that errno and stage
	 * PROC_STAGE_SETUP. */
	int (*setup)(void *arg);
	void *setup_arg;
	/* Called in place of proc_execvpe(argv[0], argv, envp) (NULL: that
	 * call); returns only on failure, with errno (PROC_STAGE_EXEC). */
	int (*exec)(void *arg, char *const *argv);
	void *exec_arg;
};

enum { PROC_STAGE_NONE, PROC_STAGE_SETUP, PROC_STAGE_EXEC };

struct proc_err {
	int stage;	/* which step failed: PROC_STAGE_SETUP or _EXEC */
	int err;	/* its errno */
};

/* Returns the child's pid, or -1 with errno set and *pe (if non-NULL)
 * saying which step failed (PROC_STAGE_NONE: fork or pipe itself). */
pid_t proc_spawn(const struct proc_spec *sp, struct proc_err *pe);

/* 127 for a command not found (ENOENT, ENOTDIR), 126 otherwise. */
int proc_exec_code(int err);

/* Look argv0 up in PATH like execvp; fills buf. Returns 0 or -1 with
 * errno (ENOENT when not found, EACCES when found but not executable). */
int proc_which(const char *argv0, char *buf, size_t len);
/* The same in a given PATH (NULL or "": the default one), for a command
 * that will run with another environment. */
int proc_which_in(const char *argv0, const char *path, char *buf, size_t len);

/* execvp() that reports errno; only returns on failure. envp may be NULL. */
int proc_execvpe(const char *file, char *const *argv, char *const *envp);

/* A wait status as an exit code: the code, or 128+N for signal N. */
int proc_status_code(int status);
/* "exit 3" or "signal KILL" into buf (at least 32 bytes). */
const char *proc_status_str(int status, char *buf, size_t len);

/* Close every fd >= lowfd except keep (-1: none), as a child does
 * before exec. */
void proc_close_from(int lowfd, int keep);

/* waitpid() retrying EINTR. */
pid_t proc_wait(pid_t pid, int *status, int flags);

#endif
