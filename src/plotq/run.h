/* run.h: running a job under its supervisor, and finding it again.
 *
 * Each job runs in a slot of its queue, under a supervisor forked by the
 * spawner (spawner.h; no exec) that starts the command in its own process
 * group (with vfork), waits for it, records its outcome and exits. Each
 * slot has three files in WORKSPACE/slots/QUEUE/: N.lock, N.out and
 * N.err, made once and reused by every job of the slot, so that a job
 * costs the file system nothing but its logs (and no file at all when it
 * writes nothing).
 *
 * N.lock is held (an fcntl lock) by the supervisor until the job's end is
 * recorded: taken by the daemon before the job is handed over and passed
 * with the descriptor, so there is no moment where a job runs unlocked. It holds
 * one record, rewritten in place: "job=ID state=handed" (by the daemon),
 * "state=run sup=PID cmd=PID" (by the supervisor, as soon as it runs and
 * once the command is started), "state=end code=N sig=N ended=MS" (when
 * the command has been reaped).
 *
 * N.out and N.err are FIFOs, the command's stdout and stderr; the daemon
 * reads them into jobs/ID/out.log and err.log (made at the first byte),
 * and the supervisor keeps a read end open without reading, so while no
 * daemon runs the command is never hit by SIGPIPE: it blocks when the
 * FIFO is full, and a new daemon opens the FIFOs and goes on logging.
 * When the command ends while no daemon holds the log, the supervisor
 * moves what is left in the FIFOs to the logs itself. A FIFO still open
 * for writing when the next job comes (the last job left a background
 * process behind) is replaced by a new one.
 *
 * The supervisor also tells the daemon the outcome through a pipe (its
 * last act), so that the daemon learns of the end at once; the record
 * is what a daemon that was not there reads.
 *
 * Signals to the supervisor are relayed to the command's process group:
 * TERM, INT, HUP, QUIT, USR1 as themselves, USR2 as KILL.
 *
 * A job recorded as running when a daemon starts is: adopted when its
 * slot's lock is held and the record is its own (the daemon reads its
 * FIFOs and polls the lock for the end); settled from the record when the
 * lock is free and the record says "end" for it; queued again when the
 * record is not its own or says "handed" (the daemon died before its
 * supervisor ran: it never started); else lost (it may have run; its
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
	pid_t sup;		/* the supervisor */
	int adopted;		/* started by an earlier daemon: not our child */
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
	int pending;		/* a signal asked for before the supervisor was known */
	int ended;		/* supervisor gone, outcome taken */
	int gone;		/* output drained too: to be freed */
};


struct spawner;

/* Start j (its queue and slot set) with environment env: its slot's
 * lock and FIFOs (fresh: make new FIFOs), its logs, then ask the spawner
 * for its supervisor (r->sup is known when the spawner answers). NULL
 * with a message in why. */
struct run *run_start(struct spawner *sp, const char *ws, struct job *j,
    char *const *env, int fresh, char *why, size_t len);

/* The supervisor, in a child of the spawner: run j, record its outcome,
 * exit. fds: see spawner_run(). wslock: the daemon's workspace lock file
 * (held: a daemon is there to read the output). */
void run_supervise(const char *ws, const char *wslock, struct job *j,
    char *const *env, const int fds[6], int sync_full)
	__attribute__((noreturn));

/* At daemon start, for a job recorded as running: 1 and *rp when its
 * supervisor is alive (adopted), 0 with *o filled when it has ended
 * (o->known says whether its outcome was recorded), 2 when it never
 * started (the daemon died before its supervisor did anything: the job
 * may be queued again), -1 on error. */
int run_recover(const char *ws, struct job *j, struct run **rp,
    struct outcome *o, char *why, size_t len);

/* Whether an adopted run's supervisor still holds the lock. */
int run_alive(const char *ws, const struct run *r);

/* The outcome the supervisor of j recorded (o->known: it did). */
void run_outcome(const char *ws, const struct job *j, struct outcome *o);

/* Move everything the FIFO i (0 out, 1 err) holds now into its log.
 * Returns 1 when data moved, 0 when none, -1 when the log failed (the
 * caller retries later), and closes the FIFO at its end of file. */
int run_pump(struct run *r, int i);

/* Read the status pipe: 1 when it said the outcome (r->st_have set) or
 * closed (the supervisor died: r->st_have stays 0), 0 when nothing yet. */
int run_status(struct run *r);

/* Ask the supervisor to signal the job: SIGTERM or SIGKILL (kept for
 * later while the supervisor is not known yet). */
int run_signal(struct run *r, int sig);
/* The spawner says sup supervises r. */
void run_started(struct run *r, pid_t sup);
/* Whether j's supervisor never ran (the slot is free and its record is
 * another job's, or "handed"): then the job never started. */
int run_never_started(const char *ws, const struct job *j);

/* Close the FIFOs and logs and free r. */
void run_free(struct run *r);

#endif
