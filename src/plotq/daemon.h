/* daemon.h: the plotq daemon's state, shared by its modules.
 *
 * daemon.c runs the poll loop (socket, clients, signals, job FIFOs,
 * timers) and the start-up and shutdown; ops.c answers requests; sched.c
 * keeps queues and slots and decides which job starts next; run.c runs a
 * job under the runner. Everything happens in one thread. */
#ifndef PLOTQ_DAEMON_H
#define PLOTQ_DAEMON_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "config.h"
#include "evlog.h"
#include "job.h"
#include "json.h"
#include "sock.h"
#include "runner.h"

struct store;
struct run;
struct monitor;

struct queue {
	char *name;
	int slots;
	char *device;
	int paused;
	int configured;		/* from the config, not made for old jobs */
	struct job **slot;	/* the job in each slot, or NULL */
	int running;
	/* Waiting jobs, best first: priority (high first), then id. The
	 * live part is wait[head .. head+nwait). */
	struct job **wait;
	size_t head, nwait, cap;
};

/* A list being sent, a chunk at a time as the client reads. */
struct listing {
	int64_t next;		/* next id to look at */
	int64_t recent;		/* finished jobs below this id are left out */
	int state;		/* -1: any */
	char queue[80];		/* "": any */
};

enum { CONN_OUT_MAX = 8 * 1024 * 1024 };
enum { EVENTS_JOBS = 1, EVENTS_SYSTEM = 2 };	/* conn.events */
#define HEARTBEAT_MS 30000	/* [websocket] heartbeat_interval's default */	/* a client reading nothing is dropped */

struct conn {
	int fd;
	struct buf in, out;
	uid_t uid;
	pid_t pid;
	int closing;		/* close once out is written */
	int dead;		/* to be freed */
	/* What the connection streams, if anything. */
	int waiting;		/* a wait request is pending */
	int64_t *wait_ids;
	size_t nwait;
	int64_t follow;		/* job id whose log is followed, 0 none */
	int follow_err;		/* following err.log */
	uint64_t follow_sent;	/* the size last announced */
	int events;		/* subscribed: EVENTS_JOBS | EVENTS_SYSTEM */
	int shutdown;		/* asked for shutdown: told when it is done */
	struct listing *listing;	/* a list being sent */
	struct conn *next;
};

struct daemon {
	struct config cfg;
	struct evlog ev;
	char *ws;		/* workspace */
	char *wslock_path;
	struct sockpaths sp;
	struct store *store;
	struct runner runner;
	int lfd, pidfd, wslockfd;
	const char *sock_override;	/* --socket */
	int64_t started_ms;	/* wall clock */
	int64_t started_mono;
	int utc;

	/* Jobs by id: jobs[id], id in 1..maxid (NULL for gaps). */
	struct job **jobs;
	int64_t maxid, jobs_cap;
	size_t count[JOB_NSTATES];

	struct queue *queues;
	size_t nqueues;

	struct run **runs;	/* running jobs and those still draining */
	size_t nruns, runs_cap;

	struct conn *conns;
	size_t nconns;

	struct monitor *mon;	/* --port, or NULL */
	int64_t beat_ms;	/* heartbeat interval */
	int64_t beat_at;	/* the next one, monotonic ms */

	int pump;		/* the scheduler must look again */
	int64_t pump_at;	/* ... at this time (monotonic ms), or 0 */
	int stopping;		/* shutting down: start nothing new */
	int stop_now;		/* shutdown --now: stop the running jobs */
	int64_t stop_grace;	/* ms, for shutdown --now */
};

/* Event lines. */
void d_log(struct daemon *d, int level, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

void d_fatal(struct daemon *d, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

/* sched.c */
struct queue *sched_queue(struct daemon *d, const char *name);
struct queue *sched_queue_add(struct daemon *d, const char *name, int slots,
    const char *device, int configured);
int sched_add_job(struct daemon *d, struct job *j);	/* into the table */
struct job *sched_job(struct daemon *d, int64_t id);
int sched_enqueue(struct daemon *d, struct job *j);
void sched_dequeue(struct daemon *d, struct job *j);
void sched_run(struct daemon *d);		/* start what can start */
/* A job reached a final state: record it, tell everyone, release its
 * slot, fail its dependants when it did not succeed. */
void sched_finish(struct daemon *d, struct job *j, int state,
    const char *reason);
/* Jobs of a state count change. */
void sched_set_state(struct daemon *d, struct job *j, int state);
/* A running job that never started goes back to its queue. */
void sched_requeue(struct daemon *d, struct job *j, const char *why);
/* Fail at once a job whose dependency did not succeed; 1 if it did. */
int sched_check_deps(struct daemon *d, struct job *j);
size_t sched_queued(struct daemon *d, struct queue *q);

/* daemon.c: the runs the loop watches. */
int d_run_add(struct daemon *d, struct run *r);
void d_run_end(struct daemon *d, struct run *r);
struct run *d_run_find(struct daemon *d, int64_t id);
int d_slot_draining(struct daemon *d, const struct queue *q, int s);
/* Send one message to a client (a frame); drops it when it reads
 * nothing for too long. */
void d_send(struct daemon *d, struct conn *c, struct buf *msg);
void d_send_error(struct daemon *d, struct conn *c, int code,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Tell waiters, followers and subscribers about a job's change. */
void d_job_event(struct daemon *d, struct job *j, const char *event);
/* The heartbeat: system_status to subscribers (Unix and WebSocket). */
void d_heartbeat(struct daemon *d);
/* Begin the graceful shutdown (now: stop running jobs). */
void d_shutdown(struct daemon *d, int now, int64_t grace);

/* ops.c */
void ops_request(struct daemon *d, struct conn *c, const struct json *req);
void ops_job_json(struct daemon *d, struct json_w *w, const struct job *j);
int ops_stop(struct daemon *d, struct job *j, int sig, int64_t grace);
void ops_list_continue(struct daemon *d, struct conn *c);
/* WORKSPACE/paused: queues paused by an earlier daemon. */
void setup_paused_load(struct daemon *d);

/* daemon.c: the entry point (main.c). */
int daemon_main(int argc, char **argv);

#endif
