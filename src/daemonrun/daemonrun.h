/* daemonrun.h: the options and the modules of daemonrun. */
#ifndef DAEMONRUN_H
#define DAEMONRUN_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

#include "evlog.h"

enum { RESTART_NO, RESTART_ON_FAILURE, RESTART_ALWAYS };
enum { SANDBOX_NONE, SANDBOX_UNSHARE, SANDBOX_FIREJAIL };
/* How memory and CPU limits are enforced (limits.c). */
enum { MECH_NONE, MECH_CGROUP1, MECH_CGROUP2, MECH_RLIMIT_AS, MECH_DUTY };

#define ALL_CAPS (~(uint64_t)0)

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
	uint64_t memory_limit;		/* bytes, 0: none */
	int cpu_limit;			/* percent of one CPU, 0: none */
	int64_t file_limit, proc_limit;	/* -1: none */
	int64_t core_limit, stack_limit;	/* bytes, -1: none */
	int limits_report;
	/* sandbox */
	int sandbox;			/* SANDBOX_* */
	const char *sandbox_profile;
	int private_tmp, private_dev, no_network;
	char **readonly;
	size_t nreadonly;
	int caps_set;			/* --caps-keep or --caps-drop */
	int caps_keep_given;
	uint64_t caps_keep;		/* what stays of the capability sets */
	const char *caps_keep_arg, *caps_drop_arg;
	int seccomp;
	const char *seccomp_profile;
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
	/* limits */
	struct {
		int resource;
		uint64_t value;
	} rlimits[6];
	int nrlimits;
	char *cgroup_procs[2];	/* cgroup.procs files to join */
	int ncgroups;
	/* sandbox */
	int sandbox;
	int private_tmp, private_dev, no_network;
	char **readonly;
	size_t nreadonly;
	int caps_set;
	uint64_t caps_keep;
	int caps_ambient;	/* raise the kept caps as ambient (non-root) */
	void *seccomp;		/* a struct sock_fprog, or NULL */
	/* CMD held across the sandbox's mounts (cmdfd.c) */
	const char *cmd;	/* argv[0] */
	int dir_fd, cmd_fd;	/* -1: not held */
	int dir_err, cmd_err;	/* why not, when opening them failed */
	char *cmd_path;		/* where cmd_fd was found */
	int cmd_script;		/* it starts with #! */
};

/* The limits plan (limits.c), decided before CMD starts. */
struct limits {
	int mem_mech, cpu_mech;		/* MECH_* */
	char *mem_dir, *cpu_dir;	/* cgroup directories (created later) */
	char *mem_parent, *cpu_parent;
};

/* attr.c */
/* Steps of attr_apply, for attr_strerror (the step in bits 24-31, an
 * index, e.g. of the read-only path, in bits 16-23, errno below). */
enum {
	STEP_NICE = 1, STEP_GROUPS, STEP_GID, STEP_UID, STEP_VERIFY,
	STEP_CHDIR, STEP_NOTIFY, STEP_CGROUP, STEP_RLIMIT, STEP_UNSHARE,
	STEP_PRIVATE, STEP_TMP, STEP_DEV, STEP_READONLY, STEP_NET,
	STEP_CAPS, STEP_NNP, STEP_SECCOMP
};
#define STEP_CODE(step, idx, err) \
	((int)(((unsigned)(step) << 24) | (((unsigned)(idx) & 0xff) << 16) | \
	((unsigned)(err) & 0xffff)))

/* Resolve user and group, read the env files, build the environment:
 * dies (100, 111) with one line on error. */
void attr_resolve(const struct opts *o, struct attrs *a);
/* Apply the attributes to this process: 0, or an error code for
 * attr_strerror() (the step in the high bits, errno in the low 16). */
int attr_apply(struct attrs *a);
/* "unable to change directory to /x: No such file or directory". */
const char *attr_strerror(const struct attrs *a, int code, char *buf,
    size_t len);
/* The command's path as the child's PATH finds it: 0, or -1 with errno. */
int attr_which(const struct attrs *a, const char *cmd);

/* cmdfd.c */
/* Before --private-tmp's or --private-dev's mounts: open the -C
 * directory, and CMD as execvp would find it from there. Silent: what
 * cannot be opened is left to the chdir or exec by path to report. */
void cmd_hold(struct attrs *a);
/* Change to the -C directory: by its path, or through the held one when
 * the path leads nowhere now. 0 or errno. */
int cmd_chdir(const struct attrs *a);
/* Exec CMD (like execvp; returns only on failure, with errno): the held
 * one through its descriptor when its path leads nowhere now. */
int cmd_exec(const struct attrs *a, char *const *argv);

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

/* limits.c, limits_linux.c */
/* Choose the mechanisms (cgroup v2 or v1 when one can be made, else
 * RLIMIT_AS and duty-cycling); dies when a value cannot be honoured. */
void limits_plan(const struct opts *o, struct limits *l);
/* Lines for --limits-report and the event log: "memory 512M: cgroup
 * v1 (memory.limit_in_bytes)". i-th line into buf; 0 when no more. */
int limits_describe(const struct opts *o, const struct limits *l, int i,
    char *buf, size_t len);
/* The rlimits and the memory fallback into the child's attributes. */
void limits_attrs(const struct opts *o, const struct limits *l,
    struct attrs *a);
/* Create the cgroups and write their limits (supervise mode): 0, or -1
 * with errno and *what naming the file. */
int limits_cgroups_create(const struct opts *o, struct limits *l,
    struct attrs *a, const char **what);
/* Remove the cgroups (empty by then). */
void limits_cgroups_remove(struct limits *l);
/* Processes in the memory or cpu cgroup: 1 some, 0 none, -1 no cgroup. */
int limits_cgroups_busy(const struct limits *l);
/* Send sig to every process in the cgroups. */
void limits_cgroups_kill(const struct limits *l, int sig);
/* The OOM kill count of the memory cgroup, or -1. */
long limits_oom_kills(const struct limits *l);
/* This process's cgroup directory for a controller where a child cgroup
 * with that controller can be made: MECH_CGROUP2 (the controller is
 * enabled for children), MECH_CGROUP1 (writable), or MECH_NONE. */
int cgroup_find(const char *controller, char *dir, size_t len);

/* caps_linux.c */
/* "net_bind_service,cap_chown" or "all": 0 with *mask, or -1 with *bad
 * (the unknown name, static). */
int caps_parse(const char *list, uint64_t *mask, const char **bad);
/* "chown,net_bind_service" (firejail's spelling) into buf. */
void caps_names(uint64_t mask, char *buf, size_t len);
/* In the child: drop from the bounding set what is not kept (before
 * the privilege drop: it needs CAP_SETPCAP). 0 or errno. */
int caps_bound(uint64_t keep);
/* Keep the permitted set across setuid (when caps stay with a user). */
int caps_keepcaps(void);
/* After the privilege drop: permitted, effective and inheritable sets
 * to what is kept, and the ambient set raised when asked. 0 or errno. */
int caps_set_sets(uint64_t keep, int ambient);

/* seccomp_linux.c */
/* Build the BPF filter: the default deny list, or a profile file's.
 * Returns the filter (a struct sock_fprog *), or NULL with *code (100,
 * 111) and the message in err. */
void *seccomp_build(const char *profile, int *code, char *err, size_t len);
/* Parse a profile: allow/deny on the first line, then names. 0; or -1
 * with *line and *why. nrs gets the numbers (malloc'd). */
int seccomp_profile_parse(const char *text, size_t len, int *allow,
    long **nrs, size_t *n, size_t *line, const char **why);
/* Install it in this process: 0 or errno. */
int seccomp_install(void *prog);

/* sandbox_linux.c */
/* Namespaces and mounts of --sandbox unshare, in the child, as root:
 * 0, or a code for attr_strerror (see attr.c). */
int sandbox_apply(const struct attrs *a);
/* Set no_new_privs: 0 or errno. */
int sandbox_nnp(void);
/* firejail.c: CMD's argv wrapped in firejail's (malloc'd). */
char **firejail_argv(const struct opts *o, char **argv);

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
/* CPU time (ms, user and system) of the live processes of group pgid,
 * or -1 where it cannot be known. */
int64_t kids_cputime(pid_t pgid);

/* super.c */
void supervise(const struct opts *o, struct attrs *a, struct limits *l,
    struct evlog *ev, int fd1, int fd2);

#endif
