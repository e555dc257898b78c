/* run.c: the daemon's side of running a job (see run.h). */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "io.h"
#include "joblog.h"
#include "lock.h"
#include "proc.h"
#include "run.h"
#include "sig.h"
#include "runner.h"
#include "slot.h"
#include "tstamp.h"

static const char *const fifo_name[2] = { "out", "err" };
static const char *const log_name[2] = { "out.log", "err.log" };

static void
job_path(char *buf, size_t len, const char *ws, int64_t id, const char *name)
{
	slot_job_path(buf, len, ws, id, name);
}

static void
jslot_path(char *buf, size_t len, const char *ws, const struct job *j,
    const char *name)
{
	slot_path(buf, len, ws, j->queue, j->slot, name);
}

/* --- the daemon's side ------------------------------------------------ */

/* Open the slot's FIFO at path for reading (non-blocking) and writing
 * (blocking, for the command), making it when it is not there (or not
 * a FIFO, or fresh is asked for: the last one still has a writer). */
static int
open_fifo(const char *path, int fresh, int *rd, int *wr)
{
	struct stat st;

	*rd = *wr = -1;
	if (fresh && unlink(path) < 0 && errno != ENOENT)
		return -1;
	*rd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (*rd >= 0 && (fstat(*rd, &st) < 0 || !S_ISFIFO(st.st_mode))) {
		close(*rd);
		*rd = -1;
		if (unlink(path) < 0)
			return -1;
		errno = ENOENT;
	}
	if (*rd < 0) {
		if (errno != ENOENT || mkfifo(path, 0600) < 0)
			return -1;
		*rd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (*rd < 0)
			return -1;
	}
	/* A reader is there, so this open cannot block or fail with
	 * ENXIO; the command then gets a blocking stdout. */
	*wr = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (*wr < 0 || io_nonblock(*wr, 0) < 0)
		return -1;
	return 0;
}

static struct run *
run_new(struct job *j)
{
	struct run *r;

	if ((r = calloc(1, sizeof *r)) == NULL)
		return NULL;
	r->job = j;
	r->fd[0] = r->fd[1] = -1;
	r->stfd = -1;
	return r;
}

/* The slot's lock, made (with its directories) when missing. */
static int
open_slot_lock(const char *ws, const struct job *j, char *p, size_t len)
{
	int fd;

	jslot_path(p, len, ws, j, "lock");
	fd = lock_open(p, 0, NULL);
	if (fd < 0 && errno == ENOENT) {
		char d[4096];
		snprintf(d, sizeof d, "%s/slots/%s", ws, j->queue);
		if (afile_mkdirs(d, 0700) < 0)
			return -1;
		fd = lock_open(p, 0, NULL);
	}
	return fd;
}

struct run *
run_start(struct runner *rn, const char *ws, struct job *j,
    char *const *env, int fresh, char *why, size_t len)
{
	struct slotrec rec;
	struct run *r;
	char p[4096];
	int wr[2] = { -1, -1 }, stp[2] = { -1, -1 }, fds[RUNNER_NFDS], lockfd;
	int i, e;

	if ((r = run_new(j)) == NULL) {
		snprintf(why, len, "%s", strerror(errno));
		return NULL;
	}
	if ((lockfd = open_slot_lock(ws, j, p, sizeof p)) < 0)
		goto fail;
	memset(&rec, 0, sizeof rec);
	rec.job = j->id;
	snprintf(rec.state, sizeof rec.state, "handed");
	rec.code = -1;
	if (slot_rec_write(lockfd, &rec, 0) < 0)
		goto fail;
	for (i = 0; i < 2; i++) {
		jslot_path(p, sizeof p, ws, j, fifo_name[i]);
		if (open_fifo(p, fresh, &r->fd[i], &wr[i]) < 0)
			goto fail;
		job_path(p, sizeof p, ws, j->id, log_name[i]);
		if ((r->log[i] = joblog_lazy(p)) == NULL)
			goto fail;
	}
	if (pipe(stp) < 0 || io_cloexec(stp[0], 1) < 0 ||
	    io_cloexec(stp[1], 1) < 0 || io_nonblock(stp[0], 1) < 0)
		goto fail;
	r->stfd = stp[0];
	fds[0] = r->fd[0];
	fds[1] = r->fd[1];
	fds[2] = wr[0];
	fds[3] = wr[1];
	fds[4] = lockfd;
	fds[5] = stp[1];
	snprintf(p, sizeof p, "the runner");
	if (runner_run(rn, j, env, fds) < 0)
		goto fail;
	close(wr[0]);
	close(wr[1]);
	close(stp[1]);
	/* The lock stays held by the copy of the fd the runner got. */
	close(lockfd);
	return r;
fail:
	e = errno;
	snprintf(why, len, "unable to start job %lld: %s: %s", (long long)j->id,
	    p, strerror(e));
	for (i = 0; i < 2; i++)
		if (wr[i] >= 0)
			close(wr[i]);
	if (stp[1] >= 0)
		close(stp[1]);
	if (lockfd >= 0)
		close(lockfd);
	run_free(r);
	errno = e;
	return NULL;
}

void
run_outcome(const char *ws, const struct job *j, struct outcome *o)
{
	struct slotrec rec;
	char p[4096];

	memset(o, 0, sizeof *o);
	o->code = -1;
	jslot_path(p, sizeof p, ws, j, "lock");
	if (slot_rec_read(p, &rec) < 0 || rec.job != j->id ||
	    strcmp(rec.state, "end") != 0)
		return;
	o->known = 1;
	o->code = rec.code;
	o->sig = rec.sig;
	o->ended = rec.ended;
	o->pid = rec.cmd;
}

int
run_alive(const char *ws, const struct run *r)
{
	char p[4096];

	jslot_path(p, sizeof p, ws, r->job, "lock");
	return lock_holder_path(p) != 0;
}

int
run_never_started(const char *ws, const struct job *j)
{
	struct slotrec rec;
	char p[4096];

	jslot_path(p, sizeof p, ws, j, "lock");
	if (lock_holder_path(p) > 0)
		return 0;
	return slot_rec_read(p, &rec) < 0 || rec.job != j->id ||
	    strcmp(rec.state, "handed") == 0;
}

int
run_recover(const char *ws, struct job *j, struct run **rp,
    struct outcome *o, char *why, size_t len)
{
	struct slotrec rec;
	char p[4096];
	struct run *r;
	int i, have;

	*rp = NULL;
	memset(o, 0, sizeof *o);
	if (j->slot < 0)
		return 0;
	jslot_path(p, sizeof p, ws, j, "lock");
	have = slot_rec_read(p, &rec) == 0 && rec.job == j->id;
	if (lock_holder_path(p) <= 0) {
		run_outcome(ws, j, o);
		if (o->known)
			return 0;
		/* The runner never had this job: the daemon
		 * died before it could start. */
		return run_never_started(ws, j) ? 2 : 0;
	}
	if (!have) {
		snprintf(why, len, "slot %s held by another job", p);
		return 0;
	}
	if ((r = run_new(j)) == NULL) {
		snprintf(why, len, "%s", strerror(errno));
		return -1;
	}
	r->adopted = 1;
	r->cmd = (pid_t)rec.cmd;
	if (rec.cmd > 0)
		j->pid = rec.cmd;
	for (i = 0; i < 2; i++) {
		job_path(p, sizeof p, ws, j->id, log_name[i]);
		/* A log held by someone else is the runner draining
		 * the FIFO itself: leave both to it. */
		if ((r->log[i] = joblog_lazy(p)) == NULL)
			continue;
		jslot_path(p, sizeof p, ws, j, fifo_name[i]);
		r->fd[i] = open(p, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	}
	*rp = r;
	return 1;
}

int
run_pump(struct run *r, int i)
{
	ssize_t n;
	int moved = 0, k;

	if (r->fd[i] < 0 || r->log[i] == NULL)
		return 0;
	/* Bounded, so one chatty job cannot starve the others. */
	for (k = 0; k < 16; k++) {
		n = joblog_pump(r->log[i], r->fd[i]);
		if (n > 0) {
			moved = 1;
			continue;
		}
		if (n == 0) {
			close(r->fd[i]);
			r->fd[i] = -1;
		} else if (errno != EAGAIN && errno != EWOULDBLOCK) {
			r->stalled[i] = 1;
			return -1;
		}
		break;
	}
	r->stalled[i] = 0;
	return moved;
}

int
run_status(struct run *r)
{
	char b[128];
	long long ended;
	long cmd;
	ssize_t n;

	if (r->stfd < 0)
		return 1;
	n = read(r->stfd, b, sizeof b - 1);
	if (n < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : 1;
	if (n > 0) {
		b[n] = '\0';
		memset(&r->st_out, 0, sizeof r->st_out);
		if (sscanf(b, "%d %d %lld %ld", &r->st_out.code, &r->st_out.sig,
		    &ended, &cmd) == 4) {
			r->st_out.known = 1;
			r->st_out.ended = ended;
			r->st_out.pid = cmd;
			r->st_have = 1;
		}
	}
	close(r->stfd);
	r->stfd = -1;
	return 1;
}

int
run_signal(struct runner *rn, const char *ws, struct run *r, int sig)
{
	if (!r->adopted)
		return runner_kill(rn, r->job->id, sig);
	/* Another daemon's runner holds the job: signal the group, while
	 * the slot says it still runs. */
	if (r->cmd <= 0 || !run_alive(ws, r)) {
		errno = ESRCH;
		return -1;
	}
	return killpg(r->cmd, sig);
}

void
run_free(struct run *r)
{
	int i;

	if (r == NULL)
		return;
	for (i = 0; i < 2; i++) {
		if (r->fd[i] >= 0)
			close(r->fd[i]);
		joblog_close(r->log[i]);
	}
	if (r->stfd >= 0)
		close(r->stfd);
	free(r);
}
