/* run.c: run a check or hook in its own process group; never leave it behind. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hc.h"
#include "io.h"
#include "tstamp.h"

#define GRACE_MS 1000	/* between TERM and KILL */

/* Reap the group's leader if it has exited: 1 reaped, 0 still running.
 * Any other child is reaped on the way: we are a subreaper (see
 * hc_subreaper), so the check's orphaned descendants come to us, and we
 * run one command at a time. */
static int
try_reap(pid_t pgid, int *status)
{
	int st, got = 0;
	pid_t r;

	while ((r = proc_wait(-1, &st, WNOHANG)) > 0)
		if (r == pgid) {
			*status = st;
			got = 1;
		}
	return got;
}

/* The group is gone (every member dead and reaped). */
static int
group_gone(pid_t pgid)
{
	return kill(-pgid, 0) < 0 && errno == ESRCH;
}

/* TERM the group, give it GRACE_MS to go, then KILL whatever is left;
 * reap the leader (if reaped is 0) on the way. Members reparented to init
 * are reaped there; we only make sure they are dead. */
static void
end_group(pid_t pgid, int *reaped, int *status)
{
	int64_t until = tstamp_mono_ms() + GRACE_MS;

	if (try_reap(pgid, status))
		*reaped = 1;
	if (*reaped && group_gone(pgid))
		return;
	/* CONT first: sent after, it could cancel the SIGSTOP of a tracer
	 * attaching to a check that has begun to exit (daemonrun's stop()). */
	(void)kill(-pgid, SIGCONT);
	(void)kill(-pgid, SIGTERM);
	while (tstamp_mono_ms() < until) {
		if (try_reap(pgid, status))
			*reaped = 1;
		if (*reaped && group_gone(pgid))
			return;
		(void)poll(NULL, 0, 10);
	}
	(void)kill(-pgid, SIGKILL);
	if (!*reaped)
		*reaped = proc_wait(pgid, status, 0) == pgid;
	/* Members that were still dying: reap what came to us. */
	until = tstamp_mono_ms() + GRACE_MS;
	while (!group_gone(pgid) && tstamp_mono_ms() < until) {
		(void)try_reap(pgid, status);
		(void)poll(NULL, 0, 5);
	}
}

int
run_cmd(char *const *argv, char *const *envp, int out_fd, struct buf *out,
    size_t cap, int64_t deadline, int *status, int *timed_out, struct proc_err *pe)
{
	struct proc_spec sp;
	struct pollfd pfd;
	char b[4096];
	int p[2] = { -1, -1 }, devnull, reaped = 0, r, e;
	ssize_t n;
	pid_t pid;

	*timed_out = 0;
	*status = 0;
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (devnull < 0)
		return -1;
	if (out_fd < 0 && pipe(p) < 0) {
		e = errno;
		close(devnull);
		errno = e;
		return -1;
	}
	if (p[0] >= 0) {
		(void)io_cloexec(p[0], 1);
		(void)io_cloexec(p[1], 1);
		(void)io_nonblock(p[0], 1);
	}
	memset(&sp, 0, sizeof sp);
	sp.argv = argv;
	sp.envp = envp;
	sp.fd0 = devnull;
	sp.fd1 = out_fd >= 0 ? out_fd : p[1];
	sp.fd2 = -1;
	sp.new_pgrp = 1;
	pid = proc_spawn(&sp, pe);
	e = errno;
	hc_child = pid > 0 ? pid : 0;
	close(devnull);
	if (p[1] >= 0)
		close(p[1]);
	if (pid < 0) {
		io_close(p[0]);
		errno = e;
		return -1;
	}
	/* Read its output until it exits (not until EOF: a grandchild may
	 * hold the pipe open), the deadline passes or we are stopped. */
	while (!reaped) {
		pfd.fd = p[0];
		pfd.events = POLLIN;
		pfd.revents = 0;
		r = hc_poll(&pfd, p[0] >= 0 ? 1 : 0, deadline);
		if (r < 0) {
			end_group(pid, &reaped, status);
			io_close(p[0]);
			hc_child = 0;
			errno = EINTR;
			return -1;
		}
		if (r == 0) {
			*timed_out = 1;
			break;
		}
		if (p[0] >= 0 && pfd.revents) {
			n = io_read(p[0], b, sizeof b);
			if (n > 0 && out->len < cap)
				buf_add(out, b, (size_t)n > cap - out->len ? cap - out->len : (size_t)n);
			if (n == 0 || (n < 0 && errno != EAGAIN)) {
				close(p[0]);
				p[0] = -1;
			}
		}
		reaped = try_reap(pid, status);
	}
	/* What it wrote just before exiting. */
	while (p[0] >= 0 && out->len < cap && (n = io_read(p[0], b, sizeof b)) > 0)
		buf_add(out, b, (size_t)n > cap - out->len ? cap - out->len : (size_t)n);
	io_close(p[0]);
	end_group(pid, &reaped, status);
	hc_child = 0;
	return 0;
}
