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
#include "spawner.h"
#include "tstamp.h"

static const char *const fifo_name[2] = { "out", "err" };
static const char *const log_name[2] = { "out.log", "err.log" };

#define REC_LEN 160	/* the slot record: one line, padded */

static void
job_path(char *buf, size_t len, const char *ws, int64_t id, const char *name)
{
	snprintf(buf, len, "%s/jobs/%lld/%s", ws, (long long)id, name);
}

static void
slot_path(char *buf, size_t len, const char *ws, const struct job *j,
    const char *name)
{
	snprintf(buf, len, "%s/slots/%s/%d.%s", ws, j->queue, j->slot, name);
}

/* The slot record, "job=ID state=handed|run|end sup=PID cmd=PID
 * code=N sig=N ended=MS", written in place at offset 0 with one pwrite
 * (no new file, no rename: nothing for the file system to allocate). */
struct slotrec {
	int64_t job;
	char state[8];
	long sup, cmd;
	int code, sig;
	int64_t ended;
};

static int
rec_write(int fd, const struct slotrec *r, int sync)
{
	char b[REC_LEN];
	int n;

	n = snprintf(b, sizeof b, "job=%lld state=%s sup=%ld cmd=%ld code=%d "
	    "sig=%d ended=%lld", (long long)r->job, r->state, r->sup, r->cmd,
	    r->code, r->sig, (long long)r->ended);
	if (n < 0 || n >= REC_LEN - 1)
		n = REC_LEN - 1;
	memset(b + n, ' ', (size_t)(REC_LEN - 1 - n));
	b[REC_LEN - 1] = '\n';
	if (pwrite(fd, b, REC_LEN, 0) != REC_LEN)
		return -1;
	return sync ? fdatasync(fd) : 0;
}

/* 0 and *r filled, or -1 (no file, or not a record). */
static int
rec_read(const char *path, struct slotrec *r)
{
	char b[REC_LEN + 1], *save = NULL, *w, *eq;
	ssize_t n;
	int fd;

	memset(r, 0, sizeof *r);
	r->code = -1;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = io_readfull(fd, b, REC_LEN);
	io_close(fd);
	if (n != REC_LEN || b[REC_LEN - 1] != '\n')
		return -1;
	b[REC_LEN - 1] = '\0';
	for (w = strtok_r(b, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if ((eq = strchr(w, '=')) == NULL)
			continue;
		*eq++ = '\0';
		if (strcmp(w, "job") == 0)
			r->job = strtoll(eq, NULL, 10);
		else if (strcmp(w, "state") == 0)
			snprintf(r->state, sizeof r->state, "%s", eq);
		else if (strcmp(w, "sup") == 0)
			r->sup = strtol(eq, NULL, 10);
		else if (strcmp(w, "cmd") == 0)
			r->cmd = strtol(eq, NULL, 10);
		else if (strcmp(w, "code") == 0)
			r->code = (int)strtol(eq, NULL, 10);
		else if (strcmp(w, "sig") == 0)
			r->sig = (int)strtol(eq, NULL, 10);
		else if (strcmp(w, "ended") == 0)
			r->ended = strtoll(eq, NULL, 10);
	}
	return r->job > 0 ? 0 : -1;
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

/* The fds the supervisor keeps, placed at 3..7 once the rest is closed
 * (the order of spawner_run's). */
enum { SFD_OUT_RD = 3, SFD_ERR_RD, SFD_OUT_WR, SFD_ERR_WR, SFD_LOCK,
    SFD_STATUS, SFD_N };

/* Put the fds the supervisor needs at 3..8, close-on-exec, and close
 * every other; 0..2 become /dev/null. */
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
		if (dup2(tmp[i], 3 + i) < 0 || io_cloexec(3 + i, 1) < 0)
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
sup_drain(const char *ws, const char *wslock, int64_t id)
{
	char p[4096];
	struct joblog *l;
	int i;

	if (lock_holder_path(wslock) > 0)
		return;
	for (i = 0; i < 2; i++) {
		job_path(p, sizeof p, ws, id, log_name[i]);
		if ((l = joblog_lazy(p)) == NULL)
			continue;
		(void)io_nonblock(SFD_OUT_RD + i, 1);
		while (joblog_pump(l, SFD_OUT_RD + i) > 0)
			;
		joblog_close(l);
	}
}

/* PATH as the job's environment has it (NULL: the default). */
static const char *
env_path(char *const *env)
{
	size_t i;

	for (i = 0; env && env[i]; i++)
		if (strncmp(env[i], "PATH=", 5) == 0)
			return env[i] + 5;
	return NULL;
}

/* Start the command with vfork: no copy of the supervisor's memory.
 * Returns its pid, or -1 with *stage (PROC_STAGE_SETUP: the directory,
 * PROC_STAGE_EXEC) and *err. */
static pid_t
spawn_cmd(struct job *j, char *const *env, int *stage, int *err)
{
	char path[4096];
	char *shargv[256 + 2];
	volatile int vstage = 0, verr = 0;
	sigset_t none;
	size_t n, i;
	pid_t pid;
	int st;

	*stage = PROC_STAGE_EXEC;
	if (proc_which_in(j->argv[0], env_path(env), path, sizeof path) < 0) {
		/* A path that is there but not executable: execve says
		 * exactly why. */
		if (strchr(j->argv[0], '/') == NULL) {
			*err = errno;
			return -1;
		}
		snprintf(path, sizeof path, "%s", j->argv[0]);
	}
	/* For a script without #!, as execvp does. */
	n = strv_len(j->argv);
	shargv[0] = (char *)"sh";
	shargv[1] = path;
	for (i = 1; i < n && i < 256; i++)
		shargv[i + 1] = j->argv[i];
	shargv[i + 1] = NULL;
	sigemptyset(&none);
	pid = vfork();
	if (pid == 0) {
		/* Only system calls here: the memory is the supervisor's. */
		for (i = 0; i < sizeof relayed / sizeof relayed[0]; i++)
			signal(relayed[i], SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (setpgid(0, 0) < 0 || dup2(SFD_OUT_WR, 1) < 0 ||
		    dup2(SFD_ERR_WR, 2) < 0) {
			vstage = PROC_STAGE_SETUP;
			verr = errno;
			_exit(111);
		}
		if (chdir(j->cwd) < 0) {
			vstage = PROC_STAGE_SETUP;
			verr = errno;
			_exit(111);
		}
		execve(path, j->argv, env);
		if (errno == ENOEXEC)
			execve("/bin/sh", shargv, env);
		vstage = PROC_STAGE_EXEC;
		verr = errno;
		_exit(127);
	}
	if (pid < 0) {
		*stage = PROC_STAGE_NONE;
		*err = errno;
		return -1;
	}
	if (vstage) {
		proc_wait(pid, &st, 0);
		*stage = vstage;
		*err = verr;
		return -1;
	}
	return pid;
}

void
run_supervise(const char *ws, const char *wslock, struct job *j,
    char *const *env, const int fds[SPAWN_NFDS], int sync_full)
{
	struct sigaction sa;
	struct slotrec rec;
	char line[512];
	size_t i;
	pid_t pid;
	int st, n, code = -1, sig = 0, stage, err;

	(void)setsid();
	sig_reset_child();
	if (sup_fds(fds) < 0)
		_exit(111);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sup_relay;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sup_signals(1);
	for (i = 0; i < sizeof relayed / sizeof relayed[0]; i++)
		sigaction(relayed[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* From here on the job may have run: a daemon that finds the slot
	 * record still "handed" knows it never started, and queues it
	 * again. */
	memset(&rec, 0, sizeof rec);
	rec.job = j->id;
	snprintf(rec.state, sizeof rec.state, "run");
	rec.sup = (long)getpid();
	rec.code = -1;
	if (rec_write(SFD_LOCK, &rec, 0) < 0)
		_exit(111);
	pid = spawn_cmd(j, env, &stage, &err);
	if (pid < 0) {
		if (stage == PROC_STAGE_EXEC) {
			code = proc_exec_code(err);
			n = snprintf(line, sizeof line, "plotq: unable to run "
			    "%s: %s\n", j->argv[0], strerror(err));
		} else if (stage == PROC_STAGE_SETUP) {
			code = 111;
			n = snprintf(line, sizeof line, "plotq: unable to "
			    "change to directory %s: %s\n", j->cwd,
			    strerror(err));
		} else {
			code = 111;
			n = snprintf(line, sizeof line, "plotq: unable to "
			    "fork: %s\n", strerror(err));
		}
		if (n > 0)
			(void)io_writeall(SFD_ERR_WR, line,
			    (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
	} else {
		sup_cmd = pid;
		rec.cmd = (long)pid;
		(void)rec_write(SFD_LOCK, &rec, 0);
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
	snprintf(rec.state, sizeof rec.state, "end");
	rec.code = code;
	rec.sig = sig;
	rec.ended = tstamp_now_ms();
	if (rec_write(SFD_LOCK, &rec, sync_full) < 0)
		_exit(111);
	/* With no daemon there, the rest of the output goes to the logs
	 * now, while the slot is still held. Then the slot is let go before
	 * the daemon hears of the end, so that it may start the next job at
	 * once. */
	sup_drain(ws, wslock, j->id);
	close(SFD_LOCK);
	n = snprintf(line, sizeof line, "%d %d %lld %ld\n", code, sig,
	    (long long)rec.ended, rec.cmd);
	(void)!write(SFD_STATUS, line, (size_t)n);
	_exit(0);
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

	slot_path(p, len, ws, j, "lock");
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
run_start(struct spawner *sp, const char *ws, struct job *j,
    char *const *env, int fresh, char *why, size_t len)
{
	struct slotrec rec;
	struct run *r;
	char p[4096];
	int wr[2] = { -1, -1 }, stp[2] = { -1, -1 }, fds[SPAWN_NFDS], lockfd;
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
	if (rec_write(lockfd, &rec, 0) < 0)
		goto fail;
	for (i = 0; i < 2; i++) {
		slot_path(p, sizeof p, ws, j, fifo_name[i]);
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
	snprintf(p, sizeof p, "the spawner");
	if (spawner_run(sp, j, env, fds) < 0)
		goto fail;
	close(wr[0]);
	close(wr[1]);
	close(stp[1]);
	/* The lock stays held by the copy of the fd the spawner got. */
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
	slot_path(p, sizeof p, ws, j, "lock");
	if (rec_read(p, &rec) < 0 || rec.job != j->id ||
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

	slot_path(p, sizeof p, ws, r->job, "lock");
	return lock_holder_path(p) != 0;
}

int
run_never_started(const char *ws, const struct job *j)
{
	struct slotrec rec;
	char p[4096];

	slot_path(p, sizeof p, ws, j, "lock");
	if (lock_holder_path(p) > 0)
		return 0;
	return rec_read(p, &rec) < 0 || rec.job != j->id ||
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
	slot_path(p, sizeof p, ws, j, "lock");
	have = rec_read(p, &rec) == 0 && rec.job == j->id;
	if (lock_holder_path(p) <= 0) {
		run_outcome(ws, j, o);
		if (o->known)
			return 0;
		/* The slot never saw a supervisor of this job: the daemon
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
	r->sup = (pid_t)rec.sup;
	if (rec.cmd > 0)
		j->pid = rec.cmd;
	for (i = 0; i < 2; i++) {
		job_path(p, sizeof p, ws, j->id, log_name[i]);
		/* A log held by someone else is the supervisor draining
		 * the FIFO itself: leave both to it. */
		if ((r->log[i] = joblog_lazy(p)) == NULL)
			continue;
		slot_path(p, sizeof p, ws, j, fifo_name[i]);
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
run_signal(struct run *r, int sig)
{
	if (r->sup <= 0) {
		/* The spawner has not said who the supervisor is yet. */
		if (r->pending != SIGKILL)
			r->pending = sig;
		return 0;
	}
	return kill(r->sup, sig == SIGKILL ? SIGUSR2 : sig);
}

void
run_started(struct run *r, pid_t sup)
{
	r->sup = sup;
	if (r->pending)
		(void)run_signal(r, r->pending);
	r->pending = 0;
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
