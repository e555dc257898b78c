/* runner.c: the process that runs the jobs (see runner.h). */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "joblog.h"
#include "lock.h"
#include "proc.h"
#include "runner.h"
#include "sig.h"
#include "slot.h"
#include "tstamp.h"

#define RUNNER_MSG_MAX (16 * 1024 * 1024)
#define FDQ_MAX 1024

/* --- the daemon's side -------------------------------------------------- */

static void
put_field(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s) + 1);
}

/* Send the message in b (its first 4 bytes are for the length), with
 * nfds descriptors. */
static int
send_msg(struct runner *rn, struct buf *b, const int *fds, int nfds)
{
	char ctl[CMSG_SPACE(sizeof(int) * RUNNER_NFDS)];
	struct msghdr mh;
	struct iovec iov;
	struct cmsghdr *cm;
	size_t len = b->len - 4, done;
	ssize_t w;

	b->p[0] = (char)(len >> 24);
	b->p[1] = (char)(len >> 16);
	b->p[2] = (char)(len >> 8);
	b->p[3] = (char)len;
	memset(&mh, 0, sizeof mh);
	iov.iov_base = b->p;
	iov.iov_len = b->len;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (nfds > 0) {
		memset(ctl, 0, sizeof ctl);
		mh.msg_control = ctl;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
		memcpy(CMSG_DATA(cm), fds, sizeof(int) * (size_t)nfds);
	}
	do
		w = sendmsg(rn->fd, &mh, MSG_NOSIGNAL);
	while (w < 0 && errno == EINTR);
	if (w < 0)
		return -1;
	/* The descriptors went with the first bytes; the rest follows. */
	for (done = (size_t)w; done < b->len; done += (size_t)w) {
		w = send(rn->fd, b->p + done, b->len - done, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			w = 0;
		else if (w < 0)
			return -1;
	}
	return 0;
}

int
runner_run(struct runner *rn, const struct job *j, char *const *env,
    const int fds[RUNNER_NFDS])
{
	struct buf b = BUF_INIT;
	char num[32];
	size_t i, n;
	int r, e;

	buf_add(&b, "\0\0\0\0", 4);
	put_field(&b, "R");
	snprintf(num, sizeof num, "%lld", (long long)j->id);
	put_field(&b, num);
	put_field(&b, j->cwd);
	n = strv_len(j->argv);
	snprintf(num, sizeof num, "%zu", n);
	put_field(&b, num);
	for (i = 0; i < n; i++)
		put_field(&b, j->argv[i]);
	n = strv_len(env);
	snprintf(num, sizeof num, "%zu", n);
	put_field(&b, num);
	for (i = 0; i < n; i++)
		put_field(&b, env[i]);
	if (b.p == NULL) {
		errno = ENOMEM;
		return -1;
	}
	r = send_msg(rn, &b, fds, RUNNER_NFDS);
	e = errno;
	buf_free(&b);
	errno = e;
	return r;
}

int
runner_kill(struct runner *rn, int64_t id, int sig)
{
	struct buf b = BUF_INIT;
	char num[32];
	int r;

	buf_add(&b, "\0\0\0\0", 4);
	put_field(&b, "K");
	snprintf(num, sizeof num, "%lld", (long long)id);
	put_field(&b, num);
	snprintf(num, sizeof num, "%d", sig);
	put_field(&b, num);
	r = b.p ? send_msg(rn, &b, NULL, 0) : -1;
	buf_free(&b);
	return r;
}

int
runner_read(struct runner *rn, void (*fn)(void *arg, int64_t id, long pid),
    void *arg)
{
	char *nl;
	ssize_t n;
	long long id;
	long pid;

	if ((n = io_recv_buf(rn->fd, &rn->in, 4096)) < 0)
		return -1;
	while ((nl = memchr(rn->in.p, '\n', rn->in.len)) != NULL) {
		*nl = '\0';
		if (sscanf(rn->in.p, "S %lld %ld", &id, &pid) == 2)
			fn(arg, id, pid);
		buf_consume(&rn->in, (size_t)(nl - rn->in.p) + 1);
	}
	return 0;
}

void
runner_close(struct runner *rn)
{
	io_close(rn->fd);
	rn->fd = -1;
	buf_free(&rn->in);
}

/* --- the runner ---------------------------------------------------------- */

enum { FD_OUT_RD, FD_ERR_RD, FD_OUT_WR, FD_ERR_WR, FD_LOCK, FD_STATUS };

struct rjob {
	int64_t id;
	pid_t cmd;
	int fd[RUNNER_NFDS];	/* the write ends are closed once it runs */
	struct slotrec rec;
};

struct rstate {
	int fd;			/* to the daemon, -1 once it has gone */
	const char *ws, *wslock;
	int sync_full;
	struct buf in, out;
	int fdq[FDQ_MAX];	/* received descriptors, oldest first */
	size_t nfdq;
	struct rjob *jobs;
	size_t njobs, cap;
};

static void
say(struct rstate *st, int64_t id, long pid)
{
	if (st->fd >= 0)
		buf_printf(&st->out, "S %lld %ld\n", (long long)id, pid);
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

/* Start argv with vfork: no copy of the runner's memory. Returns the pid,
 * or -1 with *stage (PROC_STAGE_SETUP: the directory) and *err. */
static pid_t
spawn(char **argv, char *const *env, const char *cwd, const int *fds,
    int null, int *stage, int *err)
{
	char path[4096];
	char *shargv[256 + 2];
	volatile int vstage = 0, verr = 0;
	sigset_t held;
	size_t n, i;
	pid_t pid;
	int st, e;

	*stage = PROC_STAGE_EXEC;
	if (proc_which_in(argv[0], env_path(env), path, sizeof path) < 0) {
		/* A path that is there but not executable: execve says
		 * exactly why. */
		if (strchr(argv[0], '/') == NULL) {
			*err = errno;
			return -1;
		}
		snprintf(path, sizeof path, "%s", argv[0]);
	}
	/* For a script without #!, as execvp does. */
	n = strv_len(argv);
	shargv[0] = (char *)"sh";
	shargv[1] = path;
	for (i = 1; i < n && i < 256; i++)
		shargv[i + 1] = argv[i];
	shargv[i + 1] = NULL;
	(void)sig_hold_all(&held);
	pid = vfork();
	if (pid == 0) {
		/* Only system calls here: the memory is the runner's. */
		sig_reset_child();
		if (setpgid(0, 0) < 0 || dup2(null, 0) < 0 ||
		    dup2(fds[FD_OUT_WR], 1) < 0 || dup2(fds[FD_ERR_WR], 2) < 0 ||
		    chdir(cwd) < 0) {
			vstage = PROC_STAGE_SETUP;
			verr = errno;
			_exit(111);
		}
		/* Now, not at exec: the runner goes on as soon as exec has
		 * begun, and a copy of another job's lock here, not yet
		 * closed, would keep that slot taken a moment longer. */
		proc_close_from(3, -1);
		execve(path, argv, env);
		if (errno == ENOEXEC)
			execve("/bin/sh", shargv, env);
		vstage = PROC_STAGE_EXEC;
		verr = errno;
		_exit(127);
	}
	e = errno;
	(void)sig_release(&held);
	if (pid < 0) {
		*stage = PROC_STAGE_NONE;
		*err = e;
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

/* The job is over: record it, drain the FIFOs when no daemon is there,
 * let the slot go, tell the daemon, forget it. */
static void
finish(struct rstate *st, size_t k, int code, int sig)
{
	struct rjob *j = &st->jobs[k];
	struct joblog *l;
	char p[4096], line[128];
	int i, n;

	snprintf(j->rec.state, sizeof j->rec.state, "end");
	j->rec.code = code;
	j->rec.sig = sig;
	j->rec.ended = tstamp_now_ms();
	(void)slot_rec_write(j->fd[FD_LOCK], &j->rec, st->sync_full);
	if (lock_holder_path(st->wslock) <= 0) {
		for (i = 0; i < 2; i++) {
			slot_job_path(p, sizeof p, st->ws, j->id,
			    i ? "err.log" : "out.log");
			if ((l = joblog_lazy(p)) == NULL)
				continue;
			while (joblog_pump(l, j->fd[i]) > 0)
				;
			joblog_close(l);
		}
	}
	close(j->fd[FD_LOCK]);
	n = snprintf(line, sizeof line, "%d %d %lld %ld\n", code, sig,
	    (long long)j->rec.ended, j->rec.cmd);
	(void)!write(j->fd[FD_STATUS], line, (size_t)n);
	close(j->fd[FD_STATUS]);
	close(j->fd[FD_OUT_RD]);
	close(j->fd[FD_ERR_RD]);
	st->jobs[k] = st->jobs[--st->njobs];
}

/* Take apart one "R" message and start its job. */
static void
start(struct rstate *st, char *p, char *end, int null)
{
	char **argv = NULL, **env = NULL, *f[2], line[512];
	struct rjob *j;
	int fds[RUNNER_NFDS], k, stage, err, n;
	size_t i, cnt;
	pid_t pid;

	if (st->nfdq < RUNNER_NFDS)
		return;		/* no descriptors came: cannot be */
	memcpy(fds, st->fdq, sizeof fds);
	st->nfdq -= RUNNER_NFDS;
	memmove(st->fdq, st->fdq + RUNNER_NFDS, st->nfdq * sizeof *st->fdq);
	for (k = 0; k < 2; k++) {		/* id, cwd */
		if (p >= end || memchr(p, '\0', (size_t)(end - p)) == NULL)
			goto bad;
		f[k] = p;
		p += strlen(p) + 1;
	}
	for (k = 0; k < 2; k++) {		/* argv, env */
		char ***v = k ? &env : &argv;
		if (p >= end || memchr(p, '\0', (size_t)(end - p)) == NULL)
			goto bad;
		cnt = strtoul(p, NULL, 10);
		p += strlen(p) + 1;
		if (cnt > (size_t)(end - p) || (*v = calloc(cnt + 1, sizeof **v)) == NULL)
			goto bad;
		for (i = 0; i < cnt; i++) {
			if (p >= end || memchr(p, '\0', (size_t)(end - p)) == NULL)
				goto bad;
			(*v)[i] = p;
			p += strlen(p) + 1;
		}
	}
	if (argv[0] == NULL)
		goto bad;
	if (st->njobs == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 16;
		struct rjob *nj = realloc(st->jobs, cap * sizeof *nj);
		if (nj == NULL)
			goto bad;
		st->jobs = nj;
		st->cap = cap;
	}
	j = &st->jobs[st->njobs++];
	memset(j, 0, sizeof *j);
	memcpy(j->fd, fds, sizeof fds);
	j->id = strtoll(f[0], NULL, 10);
	j->rec.job = j->id;
	snprintf(j->rec.state, sizeof j->rec.state, "run");
	j->rec.sup = (long)getpid();
	j->rec.code = -1;
	/* From here on the job may have run: a daemon that finds the slot
	 * record still "handed" knows it never started. */
	(void)slot_rec_write(fds[FD_LOCK], &j->rec, 0);
	pid = spawn(argv, env, f[1], fds, null, &stage, &err);
	if (pid > 0) {
		j->cmd = pid;
		j->rec.cmd = (long)pid;
		(void)slot_rec_write(fds[FD_LOCK], &j->rec, 0);
		say(st, j->id, (long)pid);
	} else {
		if (stage == PROC_STAGE_SETUP)
			n = snprintf(line, sizeof line, "plotq: unable to change "
			    "to directory %s: %s\n", f[1], strerror(err));
		else if (stage == PROC_STAGE_EXEC)
			n = snprintf(line, sizeof line, "plotq: unable to run "
			    "%s: %s\n", argv[0], strerror(err));
		else
			n = snprintf(line, sizeof line, "plotq: unable to fork: "
			    "%s\n", strerror(err));
		if (n > 0)
			(void)io_writeall(fds[FD_ERR_WR], line,
			    (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
	}
	close(fds[FD_OUT_WR]);
	close(fds[FD_ERR_WR]);
	j->fd[FD_OUT_WR] = j->fd[FD_ERR_WR] = -1;
	if (pid <= 0)
		finish(st, st->njobs - 1, stage == PROC_STAGE_EXEC ?
		    proc_exec_code(err) : 111, 0);
	free(argv);
	free(env);
	return;
bad:
	for (k = 0; k < RUNNER_NFDS; k++)
		close(fds[k]);
	free(argv);
	free(env);
}

static void
kill_job(struct rstate *st, char *p, char *end)
{
	long long id;
	size_t i;
	int sig;

	if (memchr(p, '\0', (size_t)(end - p)) == NULL)
		return;
	id = strtoll(p, NULL, 10);
	p += strlen(p) + 1;
	if (p >= end || memchr(p, '\0', (size_t)(end - p)) == NULL)
		return;
	sig = (int)strtol(p, NULL, 10);
	for (i = 0; i < st->njobs; i++)
		if (st->jobs[i].id == id && st->jobs[i].cmd > 0)
			(void)killpg(st->jobs[i].cmd, sig);
}

static int
from_daemon(struct rstate *st, int null)
{
	char ctl[CMSG_SPACE(sizeof(int) * RUNNER_NFDS * 4)];
	struct msghdr mh;
	struct iovec iov;
	struct cmsghdr *cm;
	const unsigned char *u;
	size_t len, k, nfd;
	ssize_t n;
	int *fp;
	char *m, *e;

	if (buf_reserve(&st->in, 65536) < 0)
		return -1;
	memset(&mh, 0, sizeof mh);
	iov.iov_base = st->in.p + st->in.len;
	iov.iov_len = 65536;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl;
	mh.msg_controllen = sizeof ctl;
	n = recvmsg(st->fd, &mh, MSG_CMSG_CLOEXEC);
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -1;
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS)
			continue;
		nfd = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		fp = (int *)CMSG_DATA(cm);
		for (k = 0; k < nfd; k++) {
			if (st->nfdq < FDQ_MAX)
				st->fdq[st->nfdq++] = fp[k];
			else
				close(fp[k]);
		}
	}
	if (n == 0)
		return -1;
	st->in.len += (size_t)n;
	while (st->in.len >= 4) {
		u = (const unsigned char *)st->in.p;
		len = (size_t)u[0] << 24 | (size_t)u[1] << 16 |
		    (size_t)u[2] << 8 | u[3];
		if (len > RUNNER_MSG_MAX)
			return -1;
		if (st->in.len - 4 < len)
			break;
		m = st->in.p + 4;
		e = m + len;
		if (len >= 2 && m[0] == 'R' && m[1] == '\0')
			start(st, m + 2, e, null);
		else if (len >= 2 && m[0] == 'K' && m[1] == '\0')
			kill_job(st, m + 2, e);
		buf_consume(&st->in, 4 + len);
	}
	return 0;
}

static void
reap(struct rstate *st)
{
	pid_t pid;
	size_t i;
	int status;

	while ((pid = proc_wait(-1, &status, WNOHANG)) > 0)
		for (i = 0; i < st->njobs; i++)
			if (st->jobs[i].cmd == pid) {
				finish(st, i, WIFEXITED(status) ?
				    WEXITSTATUS(status) : -1,
				    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
				break;
			}
}

static void __attribute__((noreturn))
runner_main(int fd, const char *ws, const char *wslock, int sync_full)
{
	struct rstate st;
	struct pollfd p[2];
	ssize_t w;
	int null, s;

	(void)setsid();
	sig_reset_child();
	proc_close_from(3, fd);
	null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null < 0)
		_exit(111);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	memset(&st, 0, sizeof st);
	st.fd = fd;
	st.ws = ws;
	st.wslock = wslock;
	st.sync_full = sync_full;
	if (sig_reinit() < 0 || sig_catch(SIGCHLD) < 0 || sig_ignore(SIGPIPE) < 0)
		_exit(111);
	/* Signals for the daemon (a terminal's ^C) are not for the jobs. */
	(void)sig_ignore(SIGINT);
	(void)sig_ignore(SIGHUP);
	for (;;) {
		if (st.fd < 0 && st.njobs == 0)
			_exit(0);
		p[0].fd = st.fd;
		p[0].events = POLLIN | (st.out.len ? POLLOUT : 0);
		p[1].fd = sig_fd();
		p[1].events = POLLIN;
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			_exit(111);
		if (p[1].revents) {
			while ((s = sig_next(NULL)) > 0)
				if (s == SIGCHLD)
					reap(&st);
		}
		if (st.fd >= 0 && p[0].revents & (POLLIN | POLLHUP | POLLERR) &&
		    from_daemon(&st, null) < 0) {
			/* The daemon has gone: finish what runs, then go. */
			close(st.fd);
			st.fd = -1;
			buf_free(&st.out);
		}
		if (st.fd >= 0 && st.out.len) {
			w = send(st.fd, st.out.p, st.out.len,
			    MSG_NOSIGNAL | MSG_DONTWAIT);
			if (w > 0)
				buf_consume(&st.out, (size_t)w);
		}
	}
}

int
runner_start(struct runner *rn, const char *ws, const char *wslock,
    int sync_full)
{
	sigset_t held;
	int sv[2], e;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	/* Until runner_main has reset the daemon's handlers, a signal
	 * would run them in the runner and reach the daemon's self-pipe. */
	(void)sig_hold_all(&held);
	pid = fork();
	e = errno;
	if (pid == 0) {
		close(sv[0]);
		runner_main(sv[1], ws, wslock, sync_full);
	}
	(void)sig_release(&held);
	if (pid < 0) {
		close(sv[0]);
		close(sv[1]);
		errno = e;
		return -1;
	}
	close(sv[1]);
	rn->fd = sv[0];
	rn->pid = pid;
	buf_reset(&rn->in);
	return 0;
}
