/* job.h: the job record, as the daemon keeps it, stores it and shows it.
 *
 * A job is a command with its environment and directory, submitted to a
 * queue. States: queued, running, then one final state: done (exit 0),
 * failed (non-zero exit, killed by a signal it was not sent by plotq,
 * not startable, or a dependency that did not succeed), stopped (plotq
 * stop/kill or shutdown --now), lost (running when a daemon died, and
 * its outcome is unknown), cancelled (plotq cancel while queued). */
#ifndef PLOTQ_JOB_H
#define PLOTQ_JOB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum {
	JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_FAILED, JOB_STOPPED,
	JOB_LOST, JOB_CANCELLED, JOB_NSTATES
};

struct run;

struct job {
	int64_t id;		/* 1, 2, ...: never reused */
	char *name;		/* "" when none */
	char *queue;
	int state;		/* JOB_* */
	char *reason;		/* why it ended, "" when by itself */
	char **argv;		/* the command, NULL-terminated */
	char **env;		/* its environment; NULL once no longer needed */
	char *cwd;
	int priority;		/* higher starts first */
	int64_t *after;		/* ids this job waits for */
	size_t nafter;
	int64_t submitted, started, ended;	/* ms since the epoch; 0: not yet */
	int64_t pid;		/* the command's pid, 0 when unknown */
	int code;		/* exit code, -1 when none (signal, lost) */
	int sig;		/* signal that ended it, 0 when none */
	int slot;		/* slot it ran in, -1 before it started */

	/* The daemon's own bookkeeping (not stored). */
	struct run *run;	/* while it runs or its output drains */
	int qpos;		/* index in its queue's waiting list, -1 */
};

const char *job_state_name(int state);
/* JOB_* for a name, -1 if unknown. */
int job_state_parse(const char *name);
/* Whether a state is final. */
int job_final(int state);

struct job *job_new(void);
void job_free(struct job *j);
/* Free the environment (kept only until the job starts). */
void job_drop_env(struct job *j);

/* A NULL-terminated copy of a string vector (n strings, or up to NULL
 * when n is (size_t)-1); NULL on ENOMEM. */
char **strv_dup(char *const *v, size_t n);
void strv_free(char **v);
size_t strv_len(char *const *v);

/* The command as one line for tables and event lines: arguments joined
 * by spaces, each quoted in the shell's way when it needs it. */
char *job_cmdline(const struct job *j);

/* The value a wait on this job answers: the exit code, 128+N for signal
 * N, 1 for lost, cancelled or a dependency failure. */
int job_wait_code(const struct job *j);

#endif
