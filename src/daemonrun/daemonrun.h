/* daemonrun.h: the options and the modules of daemonrun. */
#ifndef DAEMONRUN_H
#define DAEMONRUN_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

#include "evlog.h"

enum { RESTART_NO, RESTART_ON_FAILURE, RESTART_ALWAYS };

/* Everything the command line says, validated. */
struct opts {
	/* process */
	const char *user;
	const char *group;
	const char *chdir;
	int umask_set;
	unsigned umask;
	int nice_set;
	int nice;
	/* environment */
	char **envs;		/* --env KEY=VALUE, in order */
	size_t nenvs;
	char **envfiles;	/* --env-file, in order */
	size_t nenvfiles;
	int clear_env;
	/* signals */
	unsigned char forward[NSIG];	/* 1: forwarded to CMD's group */
	int stop_signal;
	int reload_signal;
	int64_t kill_timeout;		/* ms */
	/* output */
	const char *log;
	int log_level;
	int syslog;
	int utc;
	const char *stdout_path;
	const char *stderr_path;
	/* limits */
	int64_t timeout;		/* ms, 0: none */
	/* supervision */
	int restart;
	int64_t restart_delay, restart_max_delay, restart_reset, restart_window;
	long max_restarts;		/* 0: no limit */
	const char *state_dir;
	int daemonize;
	const char *pid_file;
	int notify_fd;			/* -1: none */
	int64_t ready_timeout;		/* ms, 0: none */
	/* watching */
	char **watch;
	size_t nwatch;
	char **ignores;
	size_t nignores;
	int64_t reload_interval;	/* ms */
	int watch_poll;			/* DAEMONRUN_WATCH=poll */
	/* the command */
	char **argv;
	int supervise;
};

/* What the child gets before exec (attr.c). */
struct attrs {
	int set_ids;		/* change groups, gid, uid */
	int set_uid;		/* --user given (else only the group) */
	uid_t uid;
	gid_t gid;
	gid_t *groups;		/* supplementary groups */
	int ngroups;
	int nice_set;
	int nice;
	int umask_set;
	unsigned umask;
	const char *dir;	/* chdir, after the privilege drop */
	char **envp;		/* NULL: keep environ */
	int notify_fd;		/* -1, or an fd to leave open across exec */
};

/* attr.c */
/* Resolve user and group, read the env files, build the environment:
 * dies (100, 111) with one line on error. */
void attr_resolve(const struct opts *o, struct attrs *a);
/* Apply the attributes to this process: 0, or an error code for
 * attr_strerror() (the step in the high bits, errno in the low 16). */
int attr_apply(const struct attrs *a);
/* "unable to change directory to /x: No such file or directory". */
const char *attr_strerror(const struct attrs *a, int code, char *buf,
    size_t len);
/* The command's path as the child's PATH finds it: 0, or -1 with errno. */
int attr_which(const struct attrs *a, const char *cmd);

/* groups.c: user's groups for initgroups (gid first): 0, or -1 errno. */
int groups_of(const char *user, gid_t gid, gid_t **groups, int *n);

/* daemonize.c: reporting errors through the daemonize pipe. */
extern int report_fd;
/* Detach: fork, setsid, fork; the original process waits for a report
 * and exits with it. Returns in the final daemon, where every fd above 2
 * is closed but the nkeep in keep (which must have room for one more). */
void daemonize(int *keep, size_t nkeep);
/* Report success (0) or a failure (code, message) to the waiting
 * caller, once; no-op when not daemonized or already reported. */
void report(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* err_die/err_diesys that also report to a waiting caller. */
void die(int code, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
void diesys(int code, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

/* kids.c / kids_linux.c: processes around the command. */
/* Become a child subreaper (Linux): 0, or -1 where unsupported. */
int kids_subreaper(void);
/* Children of parent other than except, into out: how many. */
size_t kids_list(pid_t parent, pid_t except, pid_t *out, size_t max);
/* A process's start time in clock ticks after boot (Linux), 0 unknown. */
unsigned long long kids_starttime(pid_t pid);
/* Whether pid exists and leads process group pgid, with that start
 * time (when start is not 0): 1 yes, 0 no, -1 cannot tell. */
int kids_is_leader(pid_t pid, pid_t pgid, unsigned long long start);

/* super.c */
void supervise(const struct opts *o, struct attrs *a, struct evlog *ev,
    int fd1, int fd2);

#endif
