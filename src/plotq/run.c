/* run.c: job supervisors, their FIFOs and locks (see run.h). */
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
#include "tstamp.h"

static const char *const fifo_name[2] = { "out.fifo", "err.fifo" };
static const char *const log_name[2] = { "out.log", "err.log" };

static void
job_path(char *buf, size_t len, const char *ws, int64_t id, const char *name)
{
	snprintf(buf, len, "%s/jobs/%lld/%s", ws, (long long)id, name);
}

/* --- the supervisor ----------------------------------------------------- */

static volatile sig_atomic_t sup_cmd;		/* the command's pid, once known */
static volatile sig_atomic_t sup_pending;	/* a signal asked for before that */

static void
sup_relay(int sig)
{
	int e = errno;

	if (sig == SIGUSR2)
		sig = SIGKILL;
	if (sup_cmd > 0)
		(void)killpg((pid_t)sup_cmd, sig);
	else if (sup_pending != SIGKILL)
		sup_pending = sig;
	errno = e;
}

static const int relayed[] = { SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1,
    SIGUSR2 };

static void
sup_signals(int block)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < sizeof relayed / sizeof relayed[0]; i++)
		sigaddset(&set, relayed[i]);
	sigprocmask(block ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

/* The fds the supervisor keeps, placed at 3..7 once the rest is closed. */
enum { SFD_OUT_RD = 3, SFD_ERR_RD, SFD_OUT_WR, SFD_ERR_WR, SFD_LOCK, SFD_N };

struct sup_args {
	const char *ws, *wslock;
	struct job *job;
	char *const *env;
	int fds[SFD_N - 3];	/* in SFD_ order */
};

/* Put the fds the supervisor needs at 3..7 and close every other. */
static int
sup_fds(const int *fds)
{
	int tmp[SFD_N - 3], i, max = 2, null;

	for (i = 0; i < SFD_N - 3; i++)
		if (fds[i] > max)
			max = fds[i];
	for (i = 0; i < SFD_N - 3; i++)
		if ((tmp[i] = fcntl(fds[i], F_DUPFD, max + 1)) < 0)
			return -1;
	for (i = 0; i < SFD_N - 3; i++)
		if (dup2(tmp[i], 3 + i) < 0)
			return -1;
	proc_close_from(SFD_N, -1);
	null = open("/dev/null", O_RDWR);
	if (null < 0)
		return -1;
	for (i = 0; i < 3; i++)
		if (null != i && dup2(null, i) < 0)
			return -1;
	if (null > 2)
		close(null);
	return 0;
}

/* When the command has ended and no daemon is there to read them, move
 * what remains in the FIFOs to the logs (a daemon would hold the logs'
 * locks; then it reads them itself). */
static void
sup_drain(const struct sup_args *a)
{
	char p[4096];
	struct joblog *l;
	int i;

	if (lock_holder_path(a->wslock) > 0)
		return;
	for (i = 0; i < 2; i++) {
		job_path(p, sizeof p, a->ws, a->job->id, log_name[i]);
		if ((l = joblog_open(p)) == NULL)
			continue;
		(void)io_nonblock(SFD_OUT_RD + i, 1);
		while (joblog_pump(l, SFD_OUT_RD + i) > 0)
			;
		joblog_close(l);
	}
}

static void __attribute__((noreturn))
supervise(struct sup_args *a)
{
	struct proc_spec sp;
	struct proc_err pe;
	struct sigaction sa;
	char p[4096], line[256], *msg;
	size_t i;
	pid_t pid;
	int st, n, code = -1, sig = 0;

	(void)setsid();
	sig_reset_child();
	if (sup_fds(a->fds) < 0)
		_exit(111);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sup_relay;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sup_signals(1);
	for (i = 0; i < sizeof relayed / sizeof relayed[0]; i++)
		sigaction(relayed[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* From here on the job may have run: a daemon that finds this
	 * file empty knows it never started, and queues it again. */
	n = snprintf(line, sizeof line, "%ld\n", (long)getpid());
	if (pwrite(SFD_LOCK, line, (size_t)n, 0) != n)
		_exit(111);
	memset(&sp, 0, sizeof sp);
	sp.argv = a->job->argv;
	sp.envp = a->env;
	sp.fd0 = 0;
	sp.fd1 = SFD_OUT_WR;
	sp.fd2 = SFD_ERR_WR;
	sp.close_fds = 1;
	sp.new_pgrp = 1;
	sp.dir = a->job->cwd;
	pid = proc_spawn(&sp, &pe);
	if (pid < 0) {
		if (pe.stage == PROC_STAGE_EXEC) {
			code = proc_exec_code(pe.err);
			n = snprintf(line, sizeof line, "plotq: unable to run "
			    "%s: %s\n", a->job->argv[0], strerror(pe.err));
		} else if (pe.stage == PROC_STAGE_SETUP) {
			code = 111;
			n = snprintf(line, sizeof line, "plotq: unable to "
			    "change to directory %s: %s\n", a->job->cwd,
			    strerror(pe.err));
		} else {
			code = 111;
			n = snprintf(line, sizeof line, "plotq: unable to "
			    "fork: %s\n", strerror(errno));
		}
		if (n > 0)
			(void)io_writeall(SFD_ERR_WR, line,
			    (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
	} else {
		sup_cmd = pid;
		n = snprintf(line, sizeof line, "%ld %ld\n", (long)getpid(),
		    (long)pid);
		if (ftruncate(SFD_LOCK, 0) == 0)
			(void)!pwrite(SFD_LOCK, line, (size_t)n, 0);
		if (sup_pending)
			(void)killpg(pid, sup_pending);
	}
	close(SFD_OUT_WR);
	close(SFD_ERR_WR);
	sup_signals(0);
	if (pid > 0) {
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		sup_signals(1);
		sup_cmd = -1;
		if (WIFSIGNALED(st))
			sig = WTERMSIG(st);
		else
			code = WEXITSTATUS(st);
	}
	n = snprintf(line, sizeof line, "code=%d\nsignal=%d\npid=%ld\nended=%lld\n",
	    code, sig, (long)(pid > 0 ? pid : 0), (long long)tstamp_now_ms());
	job_path(p, sizeof p, a->ws, a->job->id, "exit");
	msg = line;
	if (afile_write(p, msg, (size_t)n, 0600, 0) < 0)
		_exit(111);
	sup_drain(a);
	_exit(0);
}

/* --- the daemon's side ------------------------------------------------- */

static int
open_fifo(const char *path, int *rd, int *wr)
{
	*rd = *wr = -1;
	if (unlink(path) < 0 && errno != ENOENT)
		return -1;
	if (mkfifo(path, 0600) < 0)
		return -1;
	*rd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (*rd < 0)
		return -1;
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
	return r;
}

struct run *
run_start(const char *ws, const char *wslock, struct job *j,
    char *const *env, char *why, size_t len)
{
	struct sup_args a;
	struct run *r;
	char p[4096];
	int wr[2] = { -1, -1 }, lockfd = -1, i, e;
	pid_t pid;

	if ((r = run_new(j)) == NULL) {
		snprintf(why, len, "%s", strerror(errno));
		return NULL;
	}
	snprintf(p, sizeof p, "%s/jobs/%lld", ws, (long long)j->id);
	if (mkdir(p, 0700) < 0 && errno != EEXIST)
		goto fail;
	job_path(p, sizeof p, ws, j->id, "exit");
	if (unlink(p) < 0 && errno != ENOENT)
		goto fail;
	for (i = 0; i < 2; i++) {
		job_path(p, sizeof p, ws, j->id, fifo_name[i]);
		if (open_fifo(p, &r->fd[i], &wr[i]) < 0)
			goto fail;
		job_path(p, sizeof p, ws, j->id, log_name[i]);
		if ((r->log[i] = joblog_open(p)) == NULL)
			goto fail;
	}
	job_path(p, sizeof p, ws, j->id, "lock");
	if ((unlink(p) < 0 && errno != ENOENT) ||
	    (lockfd = lock_open(p, 0, NULL)) < 0)
		goto fail;
	a.ws = ws;
	a.wslock = wslock;
	a.job = j;
	a.env = env;
	a.fds[SFD_OUT_RD - 3] = r->fd[0];
	a.fds[SFD_ERR_RD - 3] = r->fd[1];
	a.fds[SFD_OUT_WR - 3] = wr[0];
	a.fds[SFD_ERR_WR - 3] = wr[1];
	a.fds[SFD_LOCK - 3] = lockfd;
	pid = fork();
	if (pid < 0)
		goto fail;
	if (pid == 0)
		supervise(&a);
	r->sup = pid;
	close(wr[0]);
	close(wr[1]);
	/* The lock stays held by the supervisor's copy of the fd. */
	close(lockfd);
	return r;
fail:
	e = errno;
	snprintf(why, len, "unable to start job %lld: %s: %s", (long long)j->id,
	    p, strerror(e));
	for (i = 0; i < 2; i++)
		if (wr[i] >= 0)
			close(wr[i]);
	if (lockfd >= 0)
		close(lockfd);
	run_free(r);
	errno = e;
	return NULL;
}

void
run_outcome(const char *ws, int64_t id, struct outcome *o)
{
	char p[4096], *data, *line, *eq, *save = NULL;
	size_t n;
	long long v;

	memset(o, 0, sizeof *o);
	o->code = -1;
	job_path(p, sizeof p, ws, id, "exit");
	if (io_readfile(p, 4096, &data, &n) < 0)
		return;
	for (line = strtok_r(data, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((eq = strchr(line, '=')) == NULL)
			continue;
		*eq++ = '\0';
		v = strtoll(eq, NULL, 10);
		if (strcmp(line, "code") == 0 && v >= -1 && v <= 255)
			o->code = (int)v;
		else if (strcmp(line, "signal") == 0 && v >= 0 && v < NSIG)
			o->sig = (int)v;
		else if (strcmp(line, "pid") == 0 && v >= 0)
			o->pid = v;
		else if (strcmp(line, "ended") == 0 && v >= 0)
			o->ended = v;
	}
	free(data);
	o->known = o->code >= 0 || o->sig > 0;
}

int
run_alive(const char *ws, const struct run *r)
{
	char p[4096];

	job_path(p, sizeof p, ws, r->job->id, "lock");
	return lock_holder_path(p) != 0;
}

int
run_recover(const char *ws, struct job *j, struct run **rp,
    struct outcome *o, char *why, size_t len)
{
	char p[4096], *data;
	size_t n;
	long sup = 0, cmd = 0;
	struct run *r;
	struct stat st;
	int i;

	*rp = NULL;
	job_path(p, sizeof p, ws, j->id, "lock");
	if (lock_holder_path(p) <= 0) {
		run_outcome(ws, j->id, o);
		if (o->known)
			return 0;
		/* No supervisor ever wrote its pid: the daemon died before
		 * the job could start. */
		if (stat(p, &st) < 0 || st.st_size == 0)
			return 2;
		return 0;
	}
	if (io_readfile(p, 256, &data, &n) == 0) {
		if (sscanf(data, "%ld %ld", &sup, &cmd) != 2)
			sup = cmd = 0;
		free(data);
	}
	if ((r = run_new(j)) == NULL) {
		snprintf(why, len, "%s", strerror(errno));
		return -1;
	}
	r->adopted = 1;
	r->sup = (pid_t)sup;
	if (cmd > 0)
		j->pid = cmd;
	for (i = 0; i < 2; i++) {
		job_path(p, sizeof p, ws, j->id, log_name[i]);
		/* A log held by someone else is the supervisor draining
		 * the FIFO itself: leave both to it. */
		if ((r->log[i] = joblog_open(p)) == NULL)
			continue;
		job_path(p, sizeof p, ws, j->id, fifo_name[i]);
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
run_signal(struct run *r, int sig)
{
	if (r->sup <= 0) {
		errno = ESRCH;
		return -1;
	}
	return kill(r->sup, sig == SIGKILL ? SIGUSR2 : sig);
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
	free(r);
}

void
run_cleanup(const char *ws, int64_t id)
{
	static const char *const names[] = { "out.fifo", "err.fifo", "exit",
	    "lock" };
	char p[4096];
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		job_path(p, sizeof p, ws, id, names[i]);
		(void)unlink(p);
	}
}
