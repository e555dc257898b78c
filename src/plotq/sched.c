/* sched.c: queues, slots, priorities and dependencies (see daemon.h).
 *
 * Each queue keeps its waiting jobs sorted, best first (higher priority,
 * then lower id, i.e. submission order), and the job in each of its
 * slots. A job may start when its queue is not paused, has a free slot,
 * and every job it waits for (--after) is done. A dependency that ends
 * otherwise fails its dependants at once, with reason "dependency". */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "run.h"
#include "store.h"
#include "tstamp.h"

#define SLOT_BUSY_RETRY_MS 20	/* a slot whose lock is still held */

struct queue *
sched_queue(struct daemon *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nqueues; i++)
		if (strcmp(d->queues[i].name, name) == 0)
			return &d->queues[i];
	return NULL;
}

struct queue *
sched_queue_add(struct daemon *d, const char *name, int slots,
    const char *device, int configured)
{
	struct queue *nq, *q;

	if ((q = sched_queue(d, name)) != NULL)
		return q;
	nq = realloc(d->queues, (d->nqueues + 1) * sizeof *nq);
	if (nq == NULL)
		return NULL;
	d->queues = nq;
	q = &d->queues[d->nqueues];
	memset(q, 0, sizeof *q);
	q->slots = slots;
	q->configured = configured;
	q->name = strdup(name);
	q->device = device ? strdup(device) : NULL;
	q->slot = calloc((size_t)slots, sizeof *q->slot);
	if (q->name == NULL || q->slot == NULL ||
	    (device && q->device == NULL)) {
		free(q->name);
		free(q->device);
		free(q->slot);
		return NULL;
	}
	d->nqueues++;
	return q;
}

int
sched_add_job(struct daemon *d, struct job *j)
{
	struct job **nj;
	int64_t cap;

	if (j->id >= d->jobs_cap) {
		cap = d->jobs_cap ? d->jobs_cap : 1024;
		while (cap <= j->id)
			cap *= 2;
		nj = realloc(d->jobs, (size_t)cap * sizeof *nj);
		if (nj == NULL)
			return -1;
		memset(nj + d->jobs_cap, 0,
		    (size_t)(cap - d->jobs_cap) * sizeof *nj);
		d->jobs = nj;
		d->jobs_cap = cap;
	}
	d->jobs[j->id] = j;
	if (j->id > d->maxid)
		d->maxid = j->id;
	d->count[j->state]++;
	return 0;
}

struct job *
sched_job(struct daemon *d, int64_t id)
{
	if (id <= 0 || id > d->maxid)
		return NULL;
	return d->jobs[id];
}

void
sched_set_state(struct daemon *d, struct job *j, int state)
{
	d->count[j->state]--;
	j->state = state;
	d->count[state]++;
}

/* <0 when a goes before b. */
static int
before(const struct job *a, const struct job *b)
{
	if (a->priority != b->priority)
		return a->priority > b->priority ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Index in q->wait where j is or would go. */
static size_t
wait_pos(struct queue *q, const struct job *j)
{
	size_t lo = q->head, hi = q->head + q->nwait, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (before(q->wait[mid], j) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
sched_enqueue(struct daemon *d, struct job *j)
{
	struct queue *q = sched_queue(d, j->queue);
	struct job **nw;
	size_t pos, end, cap;

	if (q == NULL) {
		errno = ENOENT;
		return -1;
	}
	pos = wait_pos(q, j);
	end = q->head + q->nwait;
	if (pos == q->head && q->head > 0) {
		q->wait[--q->head] = j;
		q->nwait++;
		d->pump = 1;
		return 0;
	}
	if (end == q->cap) {
		if (q->head > q->cap / 2) {
			/* Mostly consumed from the front: slide down. */
			memmove(q->wait, q->wait + q->head,
			    q->nwait * sizeof *q->wait);
			pos -= q->head;
			end -= q->head;
			q->head = 0;
		} else {
			cap = q->cap ? q->cap * 2 : 64;
			nw = realloc(q->wait, cap * sizeof *nw);
			if (nw == NULL)
				return -1;
			q->wait = nw;
			q->cap = cap;
		}
	}
	memmove(q->wait + pos + 1, q->wait + pos, (end - pos) * sizeof *q->wait);
	q->wait[pos] = j;
	q->nwait++;
	d->pump = 1;
	return 0;
}

void
sched_dequeue(struct daemon *d, struct job *j)
{
	struct queue *q = sched_queue(d, j->queue);
	size_t pos, end;

	if (q == NULL || q->nwait == 0)
		return;
	pos = wait_pos(q, j);
	end = q->head + q->nwait;
	if (pos >= end || q->wait[pos] != j)
		return;
	if (pos == q->head) {
		q->head++;
	} else {
		memmove(q->wait + pos, q->wait + pos + 1,
		    (end - pos - 1) * sizeof *q->wait);
	}
	q->nwait--;
	if (q->nwait == 0)
		q->head = 0;
}

size_t
sched_queued(struct daemon *d, struct queue *q)
{
	(void)d;
	return q->nwait;
}

/* 1 when every dependency is done. */
static int
deps_done(struct daemon *d, const struct job *j)
{
	struct job *k;
	size_t i;

	for (i = 0; i < j->nafter; i++) {
		k = sched_job(d, j->after[i]);
		if (k == NULL || k->state != JOB_DONE)
			return 0;
	}
	return 1;
}

int
sched_check_deps(struct daemon *d, struct job *j)
{
	struct job *k;
	size_t i;

	for (i = 0; i < j->nafter; i++) {
		k = sched_job(d, j->after[i]);
		if (k != NULL && job_final(k->state) && k->state != JOB_DONE) {
			sched_finish(d, j, JOB_FAILED, "dependency");
			return 0;
		}
	}
	return 1;
}

/* The environment a job runs with: its own, without the PLOTQ_ variables
 * plotq sets, then those. */
static char **
job_env(struct daemon *d, struct job *j, struct queue *q, char **block)
{
	static const char *const ours[] = { "PLOTQ_JOB_ID=", "PLOTQ_QUEUE=",
	    "PLOTQ_SLOT=", "PLOTQ_DEVICE=", "PLOTQ_JOB_NAME=" };
	char **env;
	size_t n = strv_len(j->env), i, k, m = 0;
	struct buf b = BUF_INIT;

	(void)d;
	if ((env = calloc(n + 6, sizeof *env)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		for (k = 0; k < sizeof ours / sizeof ours[0]; k++)
			if (strncmp(j->env[i], ours[k], strlen(ours[k])) == 0)
				break;
		if (k == sizeof ours / sizeof ours[0])
			env[m++] = j->env[i];
	}
	buf_printf(&b, "PLOTQ_JOB_ID=%lld", (long long)j->id);
	buf_addc(&b, '\0');
	buf_printf(&b, "PLOTQ_QUEUE=%s", j->queue);
	buf_addc(&b, '\0');
	buf_printf(&b, "PLOTQ_SLOT=%d", j->slot);
	buf_addc(&b, '\0');
	buf_printf(&b, "PLOTQ_JOB_NAME=%s", j->name);
	buf_addc(&b, '\0');
	if (q->device)
		buf_printf(&b, "PLOTQ_DEVICE=%s", q->device);
	buf_addc(&b, '\0');
	if (b.p == NULL) {
		free(env);
		return NULL;
	}
	/* The added strings live in one block, freed by the caller. */
	for (i = 0, k = 0; k < 5; k++) {
		if (b.p[i] != '\0')
			env[m++] = b.p + i;
		i += strlen(b.p + i) + 1;
	}
	env[m] = NULL;
	*block = b.p;
	return env;
}

/* j did not start after all: back in its queue, where it was. */
static void
unstart(struct daemon *d, struct job *j)
{
	sched_set_state(d, j, JOB_QUEUED);
	j->started = 0;
	j->slot = -1;
	sched_enqueue(d, j);
}

/* Start j in slot s of q. 0, or -1 when the store could not record it
 * (the job stays queued and the scheduler tries again later). */
static int
start(struct daemon *d, struct queue *q, struct job *j, int s)
{
	char why[512], *cmd, *block = NULL;
	char **env;
	struct run *r;
	int e, busy;

	sched_dequeue(d, j);
	j->slot = s;
	j->started = tstamp_now_ms();
	sched_set_state(d, j, JOB_RUNNING);
	/* Recorded before it runs: a daemon dying from here on finds it
	 * running (then adopted, settled or lost), never queued again. */
	if (store_update(d->store, j, why, sizeof why) < 0) {
		d_log(d, EV_ERROR, "store", "error=%s", why);
		unstart(d, j);
		return -1;
	}
	q->slot[s] = j;
	q->running++;
	env = job_env(d, j, q, &block);
	r = env ? run_start(&d->runner, d->ws, j, env,
	    d_slot_draining(d, q, s), why, sizeof why) : NULL;
	e = errno;
	busy = r == NULL && env != NULL && (e == EWOULDBLOCK || e == EAGAIN);
	free(block);
	if (env)
		free(env);
	else
		snprintf(why, sizeof why, "%s", strerror(ENOMEM));
	if (busy) {
		/* The slot's lock is still held: the end of its last job was
		 * told before every copy of the lock was closed (a child
		 * between fork and exec; vfork is a fork under valgrind).
		 * The job waits, the scheduler looks again shortly. */
		d_log(d, EV_DEBUG, "slot_busy", "id=%lld queue=%s slot=%d",
		    (long long)j->id, q->name, s);
		q->slot[s] = NULL;
		q->running--;
		unstart(d, j);
		(void)store_update(d->store, j, why, sizeof why);
		d->pump = 0;
		d->pump_at = tstamp_mono_ms() + SLOT_BUSY_RETRY_MS;
		return -1;
	}
	/* The environment is kept until the job ends: should the runner
	 * die with the job in its hands, it is queued again with it. */
	if (r == NULL || d_run_add(d, r) < 0) {
		if (r) {
			run_signal(&d->runner, d->ws, r, SIGKILL);
			run_free(r);
		}
		d_log(d, EV_ERROR, "job_start_failed", "id=%lld error=\"%s\"",
		    (long long)j->id, why);
		j->code = 111;
		j->ended = tstamp_now_ms();
		sched_finish(d, j, JOB_FAILED, "start");
		return 0;
	}
	j->run = r;
	cmd = job_cmdline(j);
	d_log(d, EV_INFO, "job_started", "id=%lld queue=%s slot=%d",
	    (long long)j->id, q->name, s);
	free(cmd);
	d_job_event(d, j, "job_started");
	return 0;
}

void
sched_run(struct daemon *d)
{
	struct queue *q;
	struct job *j;
	size_t qi, i;
	int s;

	if (d->stopping)
		return;
	for (qi = 0; qi < d->nqueues; qi++) {
		q = &d->queues[qi];
		if (q->paused)
			continue;
		while (q->running < q->slots && q->nwait > 0) {
			j = NULL;
			for (i = q->head; i < q->head + q->nwait; i++)
				if (deps_done(d, q->wait[i])) {
					j = q->wait[i];
					break;
				}
			if (j == NULL)
				break;
			for (s = 0; s < q->slots && q->slot[s]; s++)
				;
			if (s == q->slots)
				break;
			if (start(d, q, j, s) < 0)
				return;
		}
	}
}

void
sched_requeue(struct daemon *d, struct job *j, const char *why)
{
	struct queue *q = sched_queue(d, j->queue);
	char err[512];

	if (q && j->slot >= 0 && j->slot < q->slots && q->slot[j->slot] == j)
		q->slot[j->slot] = NULL;
	if (q)
		q->running--;
	sched_set_state(d, j, JOB_QUEUED);
	j->started = 0;
	j->slot = -1;
	j->pid = 0;
	if (store_update(d->store, j, err, sizeof err) < 0)
		d_log(d, EV_ERROR, "store", "error=\"%s\"", err);
	sched_enqueue(d, j);
	d_log(d, EV_INFO, "job_requeued", "id=%lld reason=%s", (long long)j->id,
	    why);
}

void
sched_finish(struct daemon *d, struct job *j, int state, const char *reason)
{
	struct queue *q = sched_queue(d, j->queue);
	struct job **dep = NULL, *k;
	size_t n = 0, cap = 0, qi, i, a;
	char why[512];
	int prev = j->state;

	sched_set_state(d, j, state);
	free(j->reason);
	j->reason = strdup(reason ? reason : "");
	if (j->ended == 0)
		j->ended = tstamp_now_ms();
	if (store_update(d->store, j, why, sizeof why) < 0)
		d_log(d, EV_ERROR, "store", "error=\"%s\"", why);
	if (prev == JOB_QUEUED)
		sched_dequeue(d, j);
	if (prev == JOB_RUNNING && q) {
		if (j->slot >= 0 && j->slot < q->slots && q->slot[j->slot] == j)
			q->slot[j->slot] = NULL;
		q->running--;
	}
	job_drop_env(j);
	d_log(d, state == JOB_DONE ? EV_INFO : EV_WARN, "job_finished",
	    "id=%lld state=%s reason=%s exit=%d signal=%d", (long long)j->id,
	    job_state_name(state), *j->reason ? j->reason : "-", j->code,
	    j->sig);
	d_job_event(d, j, "job_finished");
	d->pump = 1;
	if (state == JOB_DONE)
		return;
	/* Collect the dependants first: finishing them changes the lists. */
	for (qi = 0; qi < d->nqueues; qi++) {
		q = &d->queues[qi];
		for (i = q->head; i < q->head + q->nwait; i++) {
			k = q->wait[i];
			for (a = 0; a < k->nafter; a++)
				if (k->after[a] == j->id)
					break;
			if (a == k->nafter)
				continue;
			if (n == cap) {
				struct job **nd;
				cap = cap ? cap * 2 : 16;
				if ((nd = realloc(dep, cap * sizeof *nd)) == NULL)
					break;
				dep = nd;
			}
			dep[n++] = k;
		}
	}
	for (i = 0; i < n; i++)
		if (dep[i]->state == JOB_QUEUED)
			sched_finish(d, dep[i], JOB_FAILED, "dependency");
	free(dep);
}
