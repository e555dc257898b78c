/* spawner.h: the daemon's helper process that forks job supervisors.
 *
 * Forking the daemon for every job would copy its page tables (its store,
 * its job table) each time, and tear them down again at the job's exec.
 * So at start-up, while it is still small, the daemon forks a spawner:
 * a copy of itself that keeps nothing open but a socket to the daemon.
 * For each job the daemon sends the command, its environment and
 * directory, and six descriptors (the FIFOs' read and write ends, the
 * slot's locked lock file and the write end of a status pipe, see run.h); the spawner forks a supervisor
 * (cheap: the spawner is small), which runs the job, and tells the daemon
 * "S ID PID" (the supervisor's pid) and later "E ID STATUS" when it has
 * reaped it. The spawner leaves as soon as the daemon goes away; the
 * supervisors it started go on, and the next daemon adopts their jobs.
 *
 * Messages to the spawner: a 4-byte big-endian length, then NUL-ended
 * fields: "R", the id, the directory, the number of arguments, the
 * arguments, the number of environment entries, the entries. The
 * descriptors ride with the message (SCM_RIGHTS). */
#ifndef PLOTQ_SPAWNER_H
#define PLOTQ_SPAWNER_H

#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "job.h"

#define SPAWN_NFDS 6

struct spawner {
	int fd;			/* the daemon's end, -1 when none */
	pid_t pid;
	struct buf in;		/* what the spawner said, not yet parsed */
};

/* Fork the spawner. ws, wslock: as for run_supervise(). 0, or -1 with
 * errno. */
int spawner_start(struct spawner *s, const char *ws, const char *wslock,
    int sync_full);

/* Ask for job j to be run with env and fds (out read, err read, out
 * write, err write, lock, status). The caller keeps its fds (and closes them).
 * 0, or -1 with errno (the spawner is gone). */
int spawner_run(struct spawner *s, const struct job *j, char *const *env,
    const int fds[SPAWN_NFDS]);

/* Read what the spawner said and call fn for each message: type 'S'
 * (val: the supervisor's pid) or 'E' (val: its wait status). 0, or -1
 * when the spawner has gone (end of file or error). */
int spawner_read(struct spawner *s,
    void (*fn)(void *arg, int type, int64_t id, long val), void *arg);

/* Close the daemon's end: the spawner leaves. */
void spawner_close(struct spawner *s);

#endif
