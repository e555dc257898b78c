/* run.h: the daemon's side of running a job, and finding it again.
 *
 * A job runs in a slot of its queue (slot.h), under the runner
 * (runner.h), which starts it, holds the slot's lock until its end is
 * recorded, and tells the daemon the outcome through a status pipe. The
 * daemon reads the job's stdout and stderr from the slot's FIFOs into
 * WORKSPACE/jobs/ID/out.log and err.log (made at the first byte); while
 * no daemon reads them the command blocks when they are full instead of
 * dying of SIGPIPE, and a new daemon opens them again and goes on
 * logging. A FIFO still open for writing when the next job comes (the
 * last job left a background process behind) is replaced by a new one.
 *
 * A job recorded as running when a daemon starts is: adopted when its
 * slot's lock is held and the record is its own (the daemon reads its
 * FIFOs and polls the lock for the end); settled from the record when the
 * lock is free and the record says "end" for it; queued again when the
 * record is not its own or says "handed" (the daemon died before the
 * runner had it: it never started); else lost (it may have run; its
 * outcome is unknown). */
#ifndef PLOTQ_RUN_H
#define PLOTQ_RUN_H

#include <stdint.h>
#include <sys/types.h>

#include "job.h"

struct joblog;

struct outcome {
	int known;		/* the exit file was there */
	int code;		/* exit code or -1 */
	int sig;		/* signal or 0 */
	int64_t ended;		/* ms since the epoch */
	int64_t pid;		/* the command's pid, 0 if unknown */
};

struct run {
	struct job *job;
	pid_t cmd;		/* the command (its process group), 0 until known */
	int adopted;		/* run by an earlier daemon's runner */
	int fd[2];		/* FIFO read ends (out, err); -1 when closed */
	int stfd;		/* the status pipe's read end, -1 when done */
	int st_have;		/* the outcome came through it */
	struct outcome st_out;
	struct joblog *log[2];
	int stalled[2];		/* the log write failed: retry at retry_at */
	int64_t retry_at;	/* monotonic ms */
	int stop;		/* 0, SIGTERM or SIGKILL: what was asked */
	int64_t kill_at;	/* monotonic ms: KILL then (stop's grace), 0 */
	int64_t poll_at;	/* adopted: next look at the lock */
	int ended;		/* the runner let it go, outcome taken */
	int gone;		/* output drained too: to be freed */
};


struct runner;

/* Start j (its queue and slot set) with environment env: its slot's
 * lock and FIFOs (fresh: make new FIFOs), its logs and status pipe, then
 * hand it to the runner. NULL with a message in why. */
struct run *run_start(struct runner *rn, const char *ws, struct job *j,
    char *const *env, int fresh, char *why, size_t len);

/* At daemon start, for a job recorded as running: 1 and *rp when its
 * supervisor is alive (adopted), 0 with *o filled when it has ended
 * (o->known says whether its outcome was recorded), 2 when it never
 * started (the daemon died before the runner had it: the job
 * may be queued again), -1 on error. */
int run_recover(const char *ws, struct job *j, struct run **rp,
    struct outcome *o, char *why, size_t len);

/* Whether an adopted run's runner still holds the lock. */
int run_alive(const char *ws, const struct run *r);

/* The outcome the runner recorded for j (o->known: it did). */
void run_outcome(const char *ws, const struct job *j, struct outcome *o);

/* Move everything the FIFO i (0 out, 1 err) holds now into its log.
 * Returns 1 when data moved, 0 when none, -1 when the log failed (the
 * caller retries later), and closes the FIFO at its end of file. */
int run_pump(struct run *r, int i);

/* Read the status pipe: 1 when it said the outcome (r->st_have set) or
 * closed (the runner died: r->st_have stays 0), 0 when nothing yet. */
int run_status(struct run *r);

/* Signal the job's process group: through the runner, or directly for
 * a job adopted from an earlier daemon. */
int run_signal(struct runner *rn, const char *ws, struct run *r, int sig);
/* Whether j never started (its slot is free and the record is another
 * job's, or "handed"). */
int run_never_started(const char *ws, const struct job *j);

/* Close the FIFOs and logs and free r. */
void run_free(struct run *r);

#endif
