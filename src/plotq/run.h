/* run.h: running a job under its supervisor, and finding it again.
 *
 * For each job the daemon forks a supervisor (a copy of itself, no exec)
 * that starts the command in its own process group, waits for it, writes
 * the outcome to WORKSPACE/jobs/ID/exit atomically and exits. The
 * supervisor holds a lock on jobs/ID/lock for its whole life (taken by
 * the daemon before the fork, so there is no moment where a job runs
 * unlocked) and writes "SUPERVISOR_PID COMMAND_PID" into it. The command's
 * stdout and stderr are the FIFOs jobs/ID/out.fifo and err.fifo; the
 * daemon reads them into out.log and err.log, and the supervisor keeps a
 * read end open without reading, so while no daemon runs the command is
 * never hit by SIGPIPE: it blocks when the FIFO is full, and a new daemon
 * opens the FIFOs and goes on logging. When the command ends while no
 * daemon holds the log, the supervisor moves what is left in the FIFOs to
 * the logs itself.
 *
 * Signals to the supervisor are relayed to the command's process group:
 * TERM, INT, HUP, QUIT, USR1 as themselves, USR2 as KILL.
 *
 * A job recorded as running when a daemon starts is: adopted when its
 * lock is held (the daemon reads its FIFOs and polls the lock for the
 * end), settled from its exit file when the lock is free, queued again
 * when the lock file is empty (its supervisor never started: the daemon
 * died between recording the start and the fork), or lost (it may have
 * run; the outcome is unknown). */
#ifndef PLOTQ_RUN_H
#define PLOTQ_RUN_H

#include <stdint.h>
#include <sys/types.h>

#include "job.h"

struct joblog;

struct run {
	struct job *job;
	pid_t sup;		/* the supervisor */
	int adopted;		/* started by an earlier daemon: not our child */
	int fd[2];		/* FIFO read ends (out, err); -1 when closed */
	struct joblog *log[2];
	int stalled[2];		/* the log write failed: retry at retry_at */
	int64_t retry_at;	/* monotonic ms */
	int stop;		/* 0, SIGTERM or SIGKILL: what was asked */
	int64_t kill_at;	/* monotonic ms: KILL then (stop's grace), 0 */
	int64_t poll_at;	/* adopted: next look at the lock */
	int ended;		/* supervisor gone, outcome taken */
	int gone;		/* output drained too: to be freed */
};

struct outcome {
	int known;		/* the exit file was there */
	int code;		/* exit code or -1 */
	int sig;		/* signal or 0 */
	int64_t ended;		/* ms since the epoch */
	int64_t pid;		/* the command's pid, 0 if unknown */
};

/* Start j with environment env. wslock: the daemon's workspace lock file
 * (the supervisor looks at it to know whether a daemon is there). NULL
 * with a message in why. */
struct run *run_start(const char *ws, const char *wslock, struct job *j,
    char *const *env, char *why, size_t len);

/* At daemon start, for a job recorded as running: 1 and *rp when its
 * supervisor is alive (adopted), 0 with *o filled when it has ended
 * (o->known says whether its outcome was recorded), 2 when it never
 * started (the daemon died before its supervisor did anything: the job
 * may be queued again), -1 on error. */
int run_recover(const char *ws, struct job *j, struct run **rp,
    struct outcome *o, char *why, size_t len);

/* Whether an adopted run's supervisor still holds the lock. */
int run_alive(const char *ws, const struct run *r);

/* The outcome written by the supervisor of job id. */
void run_outcome(const char *ws, int64_t id, struct outcome *o);

/* Move everything the FIFO i (0 out, 1 err) holds now into its log.
 * Returns 1 when data moved, 0 when none, -1 when the log failed (the
 * caller retries later), and closes the FIFO at its end of file. */
int run_pump(struct run *r, int i);

/* Ask the supervisor to signal the job: SIGTERM or SIGKILL. */
int run_signal(struct run *r, int sig);

/* Close the FIFOs and logs and free r. */
void run_free(struct run *r);

/* Remove the files a finished run leaves (FIFOs, lock, exit file). */
void run_cleanup(const char *ws, int64_t id);

#endif
