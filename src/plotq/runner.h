/* runner.h: the process that runs the daemon's jobs and outlives it.
 *
 * At start-up, while it is small, the daemon forks a runner: a copy of
 * itself in a session of its own that keeps nothing open but a socket to
 * the daemon. For each job the daemon sends the command, its environment
 * and directory, and six descriptors: the read and write ends of the
 * slot's two FIFOs, the slot's lock file (locked), and the write end of a
 * status pipe. The runner starts the command with vfork in a process
 * group of its own (stdin /dev/null, stdout and stderr the FIFOs), says
 * "S ID PID", and holds the lock, the FIFOs' read ends (so the command is
 * never hit by SIGPIPE while no daemon reads them) and the status pipe
 * until it has reaped the command. Then it records the outcome in the
 * slot (slot.h), moves what is left in the FIFOs to the job's logs itself
 * when no daemon holds the workspace, lets the lock go, and writes "CODE
 * SIG ENDED_MS PID" to the status pipe: the daemon learns of the end at
 * once.
 *
 * "K ID SIG" asks it to signal a job's process group.
 *
 * When the daemon goes away the runner takes no more jobs, finishes the
 * ones it has (a new daemon adopts them through their slots' locks and
 * records) and leaves. One fork per daemon, one vfork and exec per job.
 *
 * Messages to the runner: a 4-byte big-endian length, then NUL-ended
 * fields: "R", id, directory, number of arguments, arguments, number of
 * environment entries, entries (the descriptors ride with the message,
 * SCM_RIGHTS); or "K", id, signal number. */
#ifndef PLOTQ_RUNNER_H
#define PLOTQ_RUNNER_H

#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "job.h"

#define RUNNER_NFDS 6

struct runner {
	int fd;			/* the daemon's end, -1 when none */
	pid_t pid;
	struct buf in;		/* what the runner said, not yet parsed */
};

/* Fork the runner. ws, wslock: the workspace and the daemon's lock file
 * in it (held: a daemon is there to read the output). 0 or -1. */
int runner_start(struct runner *rn, const char *ws, const char *wslock,
    int sync_full);

/* Ask for job j to be run with env and fds (out read, err read, out
 * write, err write, lock, status). The caller keeps its fds (and closes
 * them). 0, or -1 with errno (the runner is gone). */
int runner_run(struct runner *rn, const struct job *j, char *const *env,
    const int fds[RUNNER_NFDS]);

/* Ask for SIG to be sent to job id's process group. 0 or -1. */
int runner_kill(struct runner *rn, int64_t id, int sig);

/* Read what the runner said; fn gets each "S ID PID". 0, or -1 when the
 * runner has gone (end of file or error). */
int runner_read(struct runner *rn,
    void (*fn)(void *arg, int64_t id, long pid), void *arg);

/* Close the daemon's end: the runner takes no more jobs. */
void runner_close(struct runner *rn);

#endif
