/* super.c: supervise mode. daemonrun stays as CMD's parent: it forwards
 * signals, stops CMD's whole process group, restarts it by policy with a
 * doubling backoff, watches files, obeys the control FIFO and keeps the
 * status file of its state directory.
 *
 * An "instance" of CMD is its process group, plus (on Linux, where
 * daemonrun is a child subreaper) every process it adopted: descendants
 * that left the group and were orphaned. An instance ends when all of it
 * is gone; what remains when CMD itself exits is stopped like CMD. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "daemonrun.h"
#include "err.h"
#include "evlog.h"
#include "io.h"
#include "lock.h"
#include "parse.h"
#include "proc.h"
#include "sig.h"
#include "svstatus.h"
#include "tstamp.h"
#include "watch.h"

#define DRAIN_POLL 50		/* ms between checks that an instance is gone */
#define DUTY_PERIOD 100		/* ms between duty-cycling decisions */
#define MAX_KIDS 1024

struct sup {
	const struct opts *o;
	struct attrs *a;
	struct limits *l;
	struct evlog *ev;
	int fd1, fd2;
	char cmdq[1024];	/* the command, quoted for event lines */
	/* what the status file says */
	int state, want;
	pid_t pid, pgid;
	unsigned long long pid_start;
	int64_t since, started_wall;
	unsigned long restarts;
	char last_exit[32];
	int dirty;
	/* the current or last run */
	int64_t started;	/* monotonic */
	int ever_started;
	int have_status, last_status;
	int run_timed_out;	/* this run was ended by a timeout */
	int timed_out;		/* the last finished run was */
	/* what is under way */
	int exiting;		/* exit once the instance is down */
	int restart_now;	/* start again as soon as it is down */
	int stopping;		/* the stop signal was sent to this instance */
	int stop_sig;		/* which */
	int killing;		/* --kill-timeout ran out: SIGKILL it all */
	pid_t sent[MAX_KIDS];	/* adopted processes already signalled */
	size_t nsent;
	int draining;		/* CMD exited; the rest of the instance lingers */
	int consecutive;	/* quick exits in a row (backoff) */
	int64_t *rtimes;	/* monotonic times of policy restarts */
	size_t nrt;
	/* deadlines (monotonic ms; 0: none) */
	int64_t t_kill, t_restart, t_timeout, t_ready, t_watch, t_watch_first,
	    t_poll, t_drain, t_duty;
	/* --cpu-limit by duty-cycling, and --memory-limit's OOM kills */
	int duty_stopped;	/* we sent SIGSTOP */
	int paused;		/* the control letter p did */
	int64_t duty_tokens;	/* ms of CPU the instance may still use */
	int64_t duty_cpu, duty_at;	/* CPU time and when it was read */
	long oom_seen;
	char watch_file[PATH_MAX];
	/* files */
	struct watch *w;
	int ctl_fd, notify_fd, lock_fd, pid_fd, null_fd;
	char *status_path;
	int cmdpid_fd;		/* DIR/pid, locked while CMD runs */
	char *cmdpid_path;
};

static struct sup S;

static void
logev(struct sup *s, int level, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
logev(struct sup *s, int level, const char *event, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	evlogv(s->ev, level, event, fmt, ap);
	va_end(ap);
}

/* A duration for event lines: "250ms", "2s", "1.5s", "5m", "1h". */
static const char *
dur(char *buf, size_t len, int64_t ms)
{
	if (ms < 1000)
		snprintf(buf, len, "%lldms", (long long)ms);
	else if (ms % 3600000 == 0)
		snprintf(buf, len, "%lldh", (long long)(ms / 3600000));
	else if (ms % 60000 == 0)
		snprintf(buf, len, "%lldm", (long long)(ms / 60000));
	else if (ms % 1000 == 0)
		snprintf(buf, len, "%llds", (long long)(ms / 1000));
	else
		snprintf(buf, len, "%lld.%03llds", (long long)(ms / 1000),
		    (long long)(ms % 1000));
	return buf;
}

static const char *
signame(int sig)
{
	const char *n = parse_signame(sig);

	return n ? n : "?";
}

static void
set_state(struct sup *s, int state)
{
	if (s->state != state) {
		s->state = state;
		s->since = tstamp_now_ms();
	}
	s->dirty = 1;
}

/* Rewrite the status file if anything changed. */
static void
publish(struct sup *s)
{
	struct svstatus st;

	if (!s->dirty || s->status_path == NULL)
		return;
	s->dirty = 0;
	svstatus_init(&st);
	st.state = s->state;
	st.want = s->want;
	st.pid = s->pid;
	st.pgid = s->pid > 0 ? s->pgid : 0;
	st.since_ms = s->since;
	st.started_ms = s->pid > 0 ? s->started_wall : 0;
	st.restarts = s->restarts;
	snprintf(st.last_exit, sizeof st.last_exit, "%s", s->last_exit);
	st.supervisor_pid = getpid();
	st.pid_start = s->pid > 0 ? s->pid_start : 0;
	snprintf(st.stop_signal, sizeof st.stop_signal, "%s",
	    signame(s->o->stop_signal));
	snprintf(st.reload_signal, sizeof st.reload_signal, "%s",
	    signame(s->o->reload_signal));
	if (svstatus_write(s->status_path, &st) < 0)
		logev(s, EV_ERROR, "status", "error=%s path=%s",
		    strerror(errno), s->status_path);
}

/* --- signalling the instance ---------------------------------------- */

/* A signal to CMD's process group, and to CMD itself if it left it. */
static void
send_group(struct sup *s, int sig)
{
	if (s->pgid > 0)
		(void)kill(-s->pgid, sig);
	if (s->pid > 0 && getpgid(s->pid) != s->pgid)
		(void)kill(s->pid, sig);
}

/* A signal to an adopted process, and to its group if it leads one. */
static void
send_adopted(struct sup *s, pid_t pid, int sig)
{
	pid_t pg = getpgid(pid);

	(void)kill(pid, sig);
	if (pg == pid && pg != s->pgid && pg != getpgrp())
		(void)kill(-pg, sig);
}

static int
was_sent(const struct sup *s, pid_t pid)
{
	size_t i;

	for (i = 0; i < s->nsent; i++)
		if (s->sent[i] == pid)
			return 1;
	return 0;
}

/* A signal to the whole instance: the group, and the processes we
 * adopted (with their own groups), each preceded by SIGCONT unless it is
 * CONT or KILL (see stop()); one scan of /proc for the adopted. */
static void
send_instance(struct sup *s, int sig)
{
	pid_t kids[MAX_KIDS];
	size_t n, i;
	int cont = sig != SIGCONT && sig != SIGKILL;

	if (cont)
		send_group(s, SIGCONT);
	send_group(s, sig);
	if (sig == SIGKILL)
		limits_cgroups_kill(s->l, sig);	/* whatever else is in it */
	n = kids_list(getpid(), s->pid, kids, MAX_KIDS);
	for (i = 0; i < n; i++) {
		if (cont)
			send_adopted(s, kids[i], SIGCONT);
		send_adopted(s, kids[i], sig);
		if (!was_sent(s, kids[i]) && s->nsent < MAX_KIDS)
			s->sent[s->nsent++] = kids[i];
	}
}

/* While stopping, processes adopted after the stop signal went out (their
 * parent died since) get it too; once killing, everything gets SIGKILL. */
static void
catch_up(struct sup *s)
{
	pid_t kids[MAX_KIDS];
	size_t n, i;

	if (s->killing) {
		send_instance(s, SIGKILL);
		return;
	}
	if (!s->stopping)
		return;
	n = kids_list(getpid(), s->pid, kids, MAX_KIDS);
	for (i = 0; i < n; i++) {
		if (was_sent(s, kids[i]))
			continue;
		if (s->stop_sig != SIGCONT && s->stop_sig != SIGKILL)
			send_adopted(s, kids[i], SIGCONT);
		send_adopted(s, kids[i], s->stop_sig);
		if (s->nsent < MAX_KIDS)
			s->sent[s->nsent++] = kids[i];
	}
}

/* Reap what has exited. Returns CMD's status in *st (1) or 0. */
static int
reap(struct sup *s, int *st)
{
	pid_t r;
	int w, got = 0;

	while ((r = proc_wait(-1, &w, WNOHANG)) > 0) {
		if (r == s->pid) {
			*st = w;
			got = 1;
		} else {
			logev(s, EV_DEBUG, "reap", "pid=%ld", (long)r);
		}
	}
	return got;
}

/* Whether anything of the instance is left (CMD exited already). */
static int
instance_alive(struct sup *s)
{
	pid_t r;
	int w;

	if (s->pid > 0)
		return 1;
	if (s->pgid > 0 && (kill(-s->pgid, 0) == 0 || errno == EPERM))
		return 1;
	if (limits_cgroups_busy(s->l) == 1)
		return 1;
	/* Adopted processes are our children. */
	while ((r = proc_wait(-1, &w, WNOHANG)) > 0)
		logev(s, EV_DEBUG, "reap", "pid=%ld", (long)r);
	return r == 0;
}

/* Ask the instance to stop: CONT then sig, and SIGKILL to all of it
 * after --kill-timeout. runsv and s6-supervise send CONT after the stop
 * signal; sent after, it can be generated once the process has begun to
 * exit, and a SIGCONT discards every pending stop signal: the SIGSTOP of
 * a tracer attaching to the exiting process with PTRACE_ATTACH
 * (LeakSanitizer's leak check at exit, a debugger) is lost and the
 * tracer waits for a stop that never comes. Sent first, it wakes a
 * stopped process all the same. */
static void
stop(struct sup *s, int sig, const char *reason)
{
	if (s->pid <= 0 && !s->draining)
		return;
	logev(s, EV_INFO, "stop", "pid=%ld signal=%s reason=%s",
	    (long)s->pid, signame(sig), reason);
	s->duty_stopped = 0;	/* send_instance's CONT resumes it */
	send_instance(s, sig);
	if (!s->stopping) {
		s->stopping = 1;
		s->stop_sig = sig;
		s->t_kill = tstamp_mono_ms() + s->o->kill_timeout;
	}
	set_state(s, SV_STOPPING);
}

/* DIR/pid: CMD's pid while it runs, written atomically and locked by us,
 * so that healthcheck --pid-file and other readers can trust it. */
static void
cmdpid_write(struct sup *s)
{
	pid_t holder;

	if (s->cmdpid_path == NULL)
		return;
	if (s->cmdpid_fd >= 0)
		pidfile_release(s->cmdpid_path, s->cmdpid_fd);
	s->cmdpid_fd = pidfile_acquire(s->cmdpid_path, s->pid, &holder);
	if (s->cmdpid_fd < 0)
		logev(s, EV_ERROR, "status", "error=%s path=%s",
		    strerror(errno), s->cmdpid_path);
}

static void
cmdpid_remove(struct sup *s)
{
	if (s->cmdpid_fd >= 0)
		pidfile_release(s->cmdpid_path, s->cmdpid_fd);
	s->cmdpid_fd = -1;
}

/* --- starting -------------------------------------------------------- */

static int
setup_child(void *arg)
{
	return attr_apply(arg);
}

static int
exec_child(void *arg, char *const *argv)
{
	return cmd_exec(arg, argv);
}

static void start(struct sup *s);
static void ended(struct sup *s, int status);

static int
exit_code(const struct sup *s)
{
	if (!s->have_status)
		return 0;
	if (s->timed_out)
		return EX_TIMEDOUT;
	return proc_status_code(s->last_status);
}

/* Exit daemonrun, the instance being down. */
static void __attribute__((noreturn))
finish(struct sup *s)
{
	int code = exit_code(s);

	s->pid = 0;
	if (s->state != SV_FAILED)
		set_state(s, SV_DOWN);
	publish(s);
	logev(s, EV_DEBUG, "finish", "code=%d", code);
	report(code, "%s stopped before it was ready", s->o->argv[0]);
	exit(code);
}

static void
start(struct sup *s)
{
	const struct opts *o = s->o;
	struct proc_spec sp;
	struct proc_err pe;
	char msg[PATH_MAX + 256], q[PATH_MAX + 300];
	int p[2], code;
	int64_t now;
	pid_t pid;

	s->t_restart = 0;
	if (o->notify_fd >= 0) {
		if (pipe2(p, O_CLOEXEC) < 0)
			diesys(EX_SYS, "unable to create a pipe");
		if (p[1] != o->notify_fd) {
			if (dup3(p[1], o->notify_fd, O_CLOEXEC) < 0)
				diesys(EX_SYS, "unable to move fd %d", p[1]);
			close(p[1]);
		}
		io_nonblock(p[0], 1);
		io_close(s->notify_fd);
		s->notify_fd = p[0];
		s->a->notify_fd = o->notify_fd;
	}
	memset(&sp, 0, sizeof sp);
	sp.argv = o->argv;
	sp.envp = s->a->envp;
	sp.fd0 = -1;
	sp.fd1 = s->fd1;
	sp.fd2 = s->fd2;
	sp.new_pgrp = 1;
	sp.setup = setup_child;
	sp.setup_arg = s->a;
	sp.exec = exec_child;
	sp.exec_arg = s->a;
	pid = proc_spawn(&sp, &pe);
	if (o->notify_fd >= 0)
		(void)dup3(s->null_fd, o->notify_fd, O_CLOEXEC);
	now = tstamp_mono_ms();
	if (pid < 0) {
		if (pe.stage == PROC_STAGE_SETUP) {
			attr_strerror(s->a, pe.err, msg, sizeof msg);
			code = EX_SYS;
		} else if (pe.stage == PROC_STAGE_EXEC) {
			snprintf(msg, sizeof msg, "unable to run %s: %s",
			    o->argv[0], strerror(pe.err));
			code = proc_exec_code(pe.err);
		} else {
			snprintf(msg, sizeof msg, "unable to fork: %s",
			    strerror(errno));
			code = EX_SYS;
		}
		if (!s->ever_started)
			die(code, "%s", msg);
		logev(s, EV_ERROR, "start", "error=%s", evlog_q(q, sizeof q,
		    msg));
		s->started = now;
		s->started_wall = tstamp_now_ms();
		ended(s, code << 8);
		return;
	}
	s->ever_started = 1;
	s->pid = pid;
	s->pgid = pid;
	s->pid_start = kids_starttime(pid);
	cmdpid_write(s);
	s->started = now;
	s->started_wall = tstamp_now_ms();
	s->stopping = s->draining = s->run_timed_out = s->killing = 0;
	s->nsent = 0;
	s->t_kill = 0;
	s->t_timeout = o->timeout ? now + o->timeout : 0;
	if (s->l->cpu_mech == MECH_DUTY) {
		s->t_duty = now + DUTY_PERIOD;
		s->duty_tokens = 0;
		s->duty_cpu = 0;
		s->duty_at = now;
		s->duty_stopped = s->paused = 0;
	}
	logev(s, EV_INFO, "start", "pid=%ld cmd=%s", (long)pid, s->cmdq);
	if (o->notify_fd >= 0) {
		s->t_ready = o->ready_timeout ? now + o->ready_timeout : 0;
		set_state(s, SV_STARTING);
	} else {
		set_state(s, SV_UP);
		if (report_fd >= 0) {
			publish(s);	/* the caller may read it at once */
			report(0, NULL);
		}
	}
}

/* Start CMD again (counted as a restart unless it never ran). */
static void
start_again(struct sup *s)
{
	if (s->ever_started)
		s->restarts++;
	start(s);
}

static void
restart_after(struct sup *s, int64_t delay, const char *reason)
{
	char d[32];

	logev(s, EV_INFO, "restart", "delay=%s reason=%s restarts=%lu",
	    dur(d, sizeof d, delay), reason, s->restarts + 1);
	/* Even without a delay the start goes through the main loop, so a
	 * command that cannot start never recurses. */
	s->t_restart = tstamp_mono_ms() + (delay > 0 ? delay : 0);
	if (s->t_restart == 0)
		s->t_restart = 1;
	set_state(s, SV_BACKOFF);
}

/* Policy restarts within the window. */
static size_t
recent_restarts(struct sup *s, int64_t now)
{
	size_t i, n = 0;

	for (i = 0; i < s->nrt; i++)
		if (s->rtimes[i] > now - s->o->restart_window)
			s->rtimes[n++] = s->rtimes[i];
	s->nrt = n;
	return n;
}

/* The instance is gone: decide what comes next. */
static void
down(struct sup *s)
{
	const struct opts *o = s->o;
	int64_t now = tstamp_mono_ms(), delay, *nr;
	char d[32], w[32];
	int failed, i;

	s->draining = s->stopping = s->killing = 0;
	s->t_kill = s->t_drain = 0;
	s->pgid = 0;
	s->pid_start = 0;
	if (s->exiting)
		finish(s);
	if (s->restart_now) {
		s->restart_now = 0;
		if (s->want == SV_WANT_UP) {
			start_again(s);
			return;
		}
	}
	if (s->want != SV_WANT_UP) {
		set_state(s, SV_DOWN);
		return;
	}
	failed = s->timed_out || !WIFEXITED(s->last_status) ||
	    WEXITSTATUS(s->last_status) != 0;
	if (o->restart == RESTART_NO ||
	    (o->restart == RESTART_ON_FAILURE && !failed)) {
		set_state(s, SV_DOWN);
		/* A state dir stays, as runsv does; a watch waits for the
		 * next change, as hupper does. */
		if (o->state_dir == NULL && o->nwatch == 0)
			finish(s);
		return;
	}
	if (o->max_restarts > 0 &&
	    recent_restarts(s, now) >= (size_t)o->max_restarts) {
		set_state(s, SV_FAILED);
		logev(s, EV_ERROR, "failed", "restarts=%ld window=%s "
		    "last_exit=\"%s\"", o->max_restarts,
		    dur(w, sizeof w, o->restart_window), s->last_exit);
		finish(s);
	}
	if (now - s->started >= o->restart_reset)
		s->consecutive = 0;
	delay = o->restart_delay;
	for (i = 0; i < s->consecutive && delay < o->restart_max_delay; i++)
		delay *= 2;
	if (delay > o->restart_max_delay)
		delay = o->restart_max_delay;
	s->consecutive++;
	if (s->consecutive > 1 && delay > o->restart_delay)
		logev(s, EV_WARN, "backoff", "delay=%s consecutive=%d",
		    dur(d, sizeof d, delay), s->consecutive);
	if (o->max_restarts > 0) {
		nr = realloc(s->rtimes, sizeof *nr * (s->nrt + 1));
		if (nr == NULL)
			diesys(EX_SYS, "unable to allocate");
		s->rtimes = nr;
		s->rtimes[s->nrt++] = now;
	}
	restart_after(s, delay, s->timed_out ? "timeout" : "exit");
}

/* CMD exited with status: the instance ends once the rest is gone. */
static void
ended(struct sup *s, int status)
{
	char up[32];
	int64_t now = tstamp_mono_ms();

	if (WIFSIGNALED(status))
		logev(s, EV_INFO, "exit", "pid=%ld signal=%s uptime=%s",
		    (long)s->pid, signame(WTERMSIG(status)),
		    dur(up, sizeof up, now - s->started));
	else
		logev(s, EV_INFO, "exit", "pid=%ld code=%d uptime=%s",
		    (long)s->pid, proc_status_code(status),
		    dur(up, sizeof up, now - s->started));
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) {
		long n = limits_oom_kills(s->l);
		if (n > s->oom_seen) {
			logev(s, EV_WARN, "oom", "pid=%ld limit=%llu kills=%ld",
			    (long)s->pid, (unsigned long long)s->o->memory_limit,
			    n - s->oom_seen);
			s->oom_seen = n;
		}
	}
	s->have_status = 1;
	s->last_status = status;
	s->timed_out = s->run_timed_out;
	proc_status_str(status, s->last_exit, sizeof s->last_exit);
	cmdpid_remove(s);
	if (report_fd >= 0)	/* daemonized, CMD never became ready */
		report(s->timed_out ? EX_TIMEDOUT :
		    (proc_status_code(status) ? proc_status_code(status) : 1),
		    "%s exited before it was ready (%s)", s->o->argv[0],
		    s->last_exit);
	s->pid = 0;
	s->started_wall = 0;
	s->t_timeout = s->t_ready = s->t_duty = 0;
	io_close(s->notify_fd);
	s->notify_fd = -1;
	s->dirty = 1;
	if (s->pgid > 0 && instance_alive(s)) {
		s->draining = 1;
		if (!s->stopping)
			stop(s, s->o->stop_signal, "leftover");
		else
			catch_up(s);
		set_state(s, SV_STOPPING);
		s->t_drain = now + DRAIN_POLL;
		return;
	}
	down(s);
}

/* --- events ---------------------------------------------------------- */

static int
running(const struct sup *s)
{
	return s->pid > 0 || s->draining;
}

/* Want CMD down (and, with exiting, daemonrun gone once it is): stop
 * it with sig, or act at once when nothing runs. */
static void
bring_down(struct sup *s, int exiting, int sig, const char *reason)
{
	s->exiting |= exiting;
	s->want = SV_WANT_DOWN;
	s->restart_now = 0;
	s->t_restart = 0;
	s->dirty = 1;
	if (running(s))
		stop(s, sig, reason);
	else if (s->exiting)
		finish(s);
	else
		set_state(s, SV_DOWN);
}

/* The debounced watch fired. */
static void
watch_fired(struct sup *s)
{
	char q[PATH_MAX + 8];

	logev(s, EV_INFO, "watch", "file=%s", evlog_q(q, sizeof q,
	    s->watch_file));
	s->t_watch = 0;
	if (running(s)) {
		if (s->want == SV_WANT_UP)
			s->restart_now = 1;
		stop(s, s->o->stop_signal, "watch");
	} else if (s->want == SV_WANT_UP && !s->exiting) {
		s->consecutive = 0;
		start_again(s);
	}
}

static void
watch_changed(struct sup *s, const char *path)
{
	int64_t now = tstamp_mono_ms(), cap;
	char q[PATH_MAX + 8], d[32];

	if (s->exiting)
		return;
	logev(s, EV_DEBUG, "change", "file=%s quiet=%s", evlog_q(q, sizeof q,
	    path), dur(d, sizeof d, s->o->reload_interval));
	/* Restart once the changes have been quiet for the interval, but
	 * at most ten intervals after the first. */
	if (s->t_watch == 0) {
		s->t_watch_first = now;
		snprintf(s->watch_file, sizeof s->watch_file, "%s", path);
	}
	cap = s->t_watch_first + 10 * s->o->reload_interval;
	s->t_watch = now + s->o->reload_interval;
	if (s->t_watch > cap)
		s->t_watch = cap;
}

static void
control(struct sup *s, int c)
{
	static const char sigs[] = "hiq12apc";
	static const int signo[] = {
		SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGSTOP,
		SIGCONT
	};
	const char *p;

	if (c == '\n' || c == '\r' || c == ' ' || c == '\t')
		return;
	if (c == 0 || (strchr("udotkx", c) == NULL && strchr(sigs, c) == NULL)) {
		char one[2] = { (char)c, '\0' }, q[16];
		logev(s, EV_WARN, "control", "unknown=%s",
		    c ? evlog_q(q, sizeof q, one) : "\"\\x00\"");
		return;
	}
	logev(s, EV_INFO, "control", "cmd=%c", c);
	switch (c) {
	case 'u':
		s->want = SV_WANT_UP;
		s->dirty = 1;
		if (running(s)) {
			if (s->stopping)
				s->restart_now = 1;
		} else if (!s->exiting) {
			s->consecutive = 0;
			start_again(s);
		}
		break;
	case 'o':
		s->want = SV_WANT_ONCE;
		s->dirty = 1;
		if (!running(s) && !s->exiting)
			start_again(s);
		break;
	case 'd':
		bring_down(s, 0, s->o->stop_signal, "control");
		break;
	case 't':
		if (running(s)) {
			s->restart_now = s->want == SV_WANT_UP;
			stop(s, s->o->stop_signal, "control");
		}
		break;
	case 'k':
		if (running(s))
			send_group(s, SIGKILL);
		break;
	case 'x':
		bring_down(s, 1, s->o->stop_signal, "control");
		break;
	default:
		p = strchr(sigs, c);
		if (c == 'p' || c == 'c')
			s->paused = c == 'p';	/* duty-cycling leaves it so */
		if (running(s))
			send_group(s, signo[p - sigs]);
		break;
	}
}

static void
on_signal(struct sup *s, int sig)
{
	const struct opts *o = s->o;
	int st, send;

	switch (sig) {
	case SIGCHLD:
		if (reap(s, &st))
			ended(s, st);
		else if (s->draining && !instance_alive(s))
			down(s);	/* the last adopted process is gone */
		return;
	case SIGTERM:
	case SIGINT:
		/* Stop CMD and exit: INT goes on as INT when forwarded (a ^C
		 * reaches CMD once: it is not in the terminal's foreground
		 * group), else the stop signal is sent. */
		send = sig == SIGINT && o->forward[SIGINT] ? SIGINT :
		    o->stop_signal;
		logev(s, EV_INFO, "signal", "name=%s action=stop", signame(sig));
		bring_down(s, 1, send, "signal");
		return;
	default:
		break;
	}
	if (!o->forward[sig] || !running(s)) {
		logev(s, EV_DEBUG, "signal", "name=%s action=ignore",
		    signame(sig));
		return;
	}
	send = sig == SIGHUP ? o->reload_signal : sig;
	logev(s, EV_INFO, "signal", "name=%s sent=%s pgid=%ld", signame(sig),
	    signame(send), (long)s->pgid);
	send_group(s, send);
}

static void
on_notify(struct sup *s)
{
	char buf[256];
	ssize_t n;

	for (;;) {
		n = read(s->notify_fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return;
		if (n == 0) {
			/* Closed without a newline: never ready this run. */
			io_close(s->notify_fd);
			s->notify_fd = -1;
			return;
		}
		if (memchr(buf, '\n', (size_t)n) && s->state == SV_STARTING) {
			s->t_ready = 0;
			set_state(s, SV_UP);
			logev(s, EV_INFO, "ready", "pid=%ld", (long)s->pid);
			if (report_fd >= 0) {
				publish(s);
				report(0, NULL);
			}
			io_close(s->notify_fd);
			s->notify_fd = -1;
			return;
		}
	}
}

/* --cpu-limit without a cgroup: a token bucket over the CPU time of
 * CMD's process group, read from /proc every DUTY_PERIOD; when the
 * group has used more than its share it is stopped (SIGSTOP) until the
 * share has caught up, then continued. Where the CPU time cannot be
 * read, CMD is taken to use all it gets: a fixed duty cycle. */
static void
duty_tick(struct sup *s)
{
	int64_t now = tstamp_mono_ms(), cpu, used, pct = s->o->cpu_limit;

	if (s->pid <= 0 || s->stopping) {
		s->t_duty = 0;
		return;
	}
	if (s->duty_stopped) {
		if (!s->paused)
			send_group(s, SIGCONT);
		s->duty_stopped = 0;
		s->duty_tokens = 0;
		s->duty_cpu = kids_cputime(s->pgid);
		s->duty_at = now;
		s->t_duty = now + DUTY_PERIOD;
		return;
	}
	cpu = kids_cputime(s->pgid);
	used = cpu < 0 ? now - s->duty_at : cpu - s->duty_cpu;
	if (used < 0)
		used = 0;	/* a process of the group ended */
	s->duty_tokens += (now - s->duty_at) * pct / 100 - used;
	if (s->duty_tokens > DUTY_PERIOD * pct / 100)
		s->duty_tokens = DUTY_PERIOD * pct / 100;
	s->duty_cpu = cpu;
	s->duty_at = now;
	if (s->duty_tokens < 0 && !s->paused) {
		send_group(s, SIGSTOP);
		s->duty_stopped = 1;
		s->t_duty = now + (-s->duty_tokens * 100) / pct;
		return;
	}
	s->t_duty = now + DUTY_PERIOD;
}

static void
timers(struct sup *s)
{
	const struct opts *o = s->o;
	int64_t now = tstamp_mono_ms();
	char d[32], path[PATH_MAX];
	int r;

	if (s->t_kill && now >= s->t_kill) {
		s->t_kill = 0;
		s->killing = 1;
		logev(s, EV_WARN, "kill", "pid=%ld pgid=%ld reason=kill-timeout",
		    (long)s->pid, (long)s->pgid);
		send_instance(s, SIGKILL);
	}
	if (s->t_drain && now >= s->t_drain) {
		s->t_drain = 0;
		if (instance_alive(s)) {
			catch_up(s);
			s->t_drain = now + DRAIN_POLL;
		} else {
			down(s);
		}
	}
	if (s->t_timeout && now >= s->t_timeout && s->pid > 0) {
		s->t_timeout = 0;
		logev(s, EV_WARN, "timeout", "pid=%ld after=%s", (long)s->pid,
		    dur(d, sizeof d, o->timeout));
		s->run_timed_out = 1;
		stop(s, o->stop_signal, "timeout");
	}
	if (s->t_ready && now >= s->t_ready && s->pid > 0) {
		s->t_ready = 0;
		logev(s, EV_WARN, "timeout", "pid=%ld ready_after=%s",
		    (long)s->pid, dur(d, sizeof d, o->ready_timeout));
		s->run_timed_out = 1;
		stop(s, o->stop_signal, "ready-timeout");
	}
	if (s->t_restart && now >= s->t_restart) {
		s->t_restart = 0;
		start_again(s);
	}
	if (s->t_poll && now >= s->t_poll) {
		s->t_poll = now + o->reload_interval;
		r = watch_check(s->w, path, sizeof path);
		if (r > 0)
			watch_changed(s, path);
	}
	if (s->t_watch && now >= s->t_watch)
		watch_fired(s);
	if (s->t_duty && now >= s->t_duty)
		duty_tick(s);
}

static int
poll_timeout(const struct sup *s)
{
	const int64_t t[] = { s->t_kill, s->t_drain, s->t_timeout, s->t_ready,
		s->t_restart, s->t_poll, s->t_watch, s->t_duty };
	int64_t now = tstamp_mono_ms(), min = -1;
	size_t i;

	for (i = 0; i < sizeof t / sizeof *t; i++)
		if (t[i] && (min < 0 || t[i] < min))
			min = t[i];
	if (min < 0)
		return -1;
	if (min <= now)
		return 0;
	return min - now > 3600000 ? 3600000 : (int)(min - now);
}

static void __attribute__((noreturn))
loop(struct sup *s)
{
	struct pollfd pf[4];
	char buf[256], path[PATH_MAX];
	int n, i, sig, k;
	ssize_t r;

	for (;;) {
		publish(s);
		n = 0;
		pf[n].fd = sig_fd();
		pf[n++].events = POLLIN;
		pf[n].fd = s->ctl_fd;
		pf[n++].events = POLLIN;
		pf[n].fd = s->notify_fd;
		pf[n++].events = POLLIN;
		pf[n].fd = s->w ? watch_fd(s->w) : -1;
		pf[n++].events = POLLIN;
		if (poll(pf, (nfds_t)n, poll_timeout(s)) < 0 && errno != EINTR)
			diesys(EX_SYS, "unable to poll");
		while ((sig = sig_next(&k)) != 0)
			on_signal(s, sig);
		if (s->ctl_fd >= 0 && (pf[1].revents & POLLIN)) {
			while ((r = io_read(s->ctl_fd, buf, sizeof buf)) > 0)
				for (i = 0; i < r; i++)
					control(s, (unsigned char)buf[i]);
		}
		if (s->notify_fd >= 0 && pf[2].fd == s->notify_fd &&
		    (pf[2].revents & (POLLIN | POLLHUP)))
			on_notify(s);
		if (pf[3].fd >= 0 && (pf[3].revents & POLLIN)) {
			if (watch_check(s->w, path, sizeof path) > 0)
				watch_changed(s, path);
		}
		timers(s);
	}
}

/* --- setting up ------------------------------------------------------ */

/* At exit (a clean one, or a fatal error after the pid file was taken):
 * remove the pid file if it is still ours. */
static void
release_pidfile(void)
{
	if (S.pid_fd >= 0)
		pidfile_release(S.o->pid_file, S.pid_fd);
	S.pid_fd = -1;
}

static char *
in_dir(const char *dir, const char *name)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	return p;
}

/* A previous daemonrun on this directory was killed: its CMD may live on.
 * Stop that process group if it is still the one the status names (same
 * leader and start time; or a group whose leader is gone: a pgid cannot
 * be reused while its group exists). */
static void
orphans(struct sup *s, const struct svstatus *old)
{
	const struct opts *o = s->o;
	struct timespec ts = { 0, 20 * 1000000 };
	int64_t end;
	pid_t pg = old->pgid;

	if (pg <= 1 || old->supervisor_pid == getpid())
		return;
	if (kill(-pg, 0) < 0 && errno == ESRCH)
		return;
	if (kids_is_leader(pg, pg, old->pid_start) == 0 &&
	    kill(pg, 0) == 0)
		return;	/* pg is now some other process: not ours */
	logev(s, EV_WARN, "orphan", "pgid=%ld supervisor_pid=%ld signal=%s",
	    (long)pg, (long)old->supervisor_pid, signame(o->stop_signal));
	(void)kill(-pg, SIGCONT);	/* first: see stop() */
	(void)kill(-pg, o->stop_signal);
	end = tstamp_mono_ms() + o->kill_timeout;
	while (kill(-pg, 0) == 0 && tstamp_mono_ms() < end)
		nanosleep(&ts, NULL);
	if (kill(-pg, 0) == 0) {
		logev(s, EV_WARN, "kill", "pgid=%ld reason=orphan", (long)pg);
		(void)kill(-pg, SIGKILL);
		end = tstamp_mono_ms() + 5000;
		while (kill(-pg, 0) == 0 && tstamp_mono_ms() < end)
			nanosleep(&ts, NULL);
	}
}

static void
state_dir(struct sup *s)
{
	const char *dir = s->o->state_dir;
	struct svstatus old;
	struct stat st;
	char *lock, *ctl;
	const char *why;
	pid_t holder = 0;

	if (afile_mkdirs(dir, 0755) < 0)
		diesys(EX_SYS, "unable to use state dir %s", dir);
	lock = in_dir(dir, "lock");
	s->lock_fd = lock_open(lock, 0, &holder);
	if (s->lock_fd < 0) {
		if (errno != EWOULDBLOCK)
			diesys(EX_SYS, "unable to lock %s", lock);
		s->status_path = in_dir(dir, "status");
		if (svstatus_read(s->status_path, &old, &why) == 0 &&
		    old.supervisor_pid > 0)
			holder = old.supervisor_pid;
		die(EX_SYS, "unable to lock %s: supervisor already running "
		    "(pid %ld)", lock, (long)holder);
	}
	s->status_path = in_dir(dir, "status");
	if (svstatus_read(s->status_path, &old, &why) == 0)
		orphans(s, &old);
	/* A pid file left by a supervisor that was killed is stale. */
	s->cmdpid_path = in_dir(dir, "pid");
	(void)unlink(s->cmdpid_path);
	ctl = in_dir(dir, "control");
	if (mkfifo(ctl, 0600) < 0 && errno != EEXIST)
		diesys(EX_SYS, "unable to create %s", ctl);
	if (lstat(ctl, &st) < 0)
		diesys(EX_SYS, "unable to use %s", ctl);
	if (!S_ISFIFO(st.st_mode))
		die(EX_SYS, "unable to use %s: not a FIFO", ctl);
	/* Read and write: the FIFO never sees end of file. */
	s->ctl_fd = open(ctl, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (s->ctl_fd < 0)
		diesys(EX_SYS, "unable to open %s", ctl);
	s->ctl_fd = io_fd_above2(s->ctl_fd);
	free(lock);
	free(ctl);
}

static struct watch *
watch_setup(const struct opts *o)
{
	struct watch *w;
	const char *own[5];
	size_t i;

	if (o->nwatch == 0)
		return NULL;
	if ((w = watch_new(o->watch_poll ? WATCH_POLL : 0)) == NULL)
		err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	for (i = 0; i < o->nwatch; i++)
		if (watch_add(w, o->watch[i]) < 0)
			err_diesys(EX_SYS, "unable to watch %s", o->watch[i]);
	for (i = 0; i < o->nignores; i++)
		if (watch_ignore(w, o->ignores[i]) < 0)
			err_die(EX_SYS, "unable to allocate: %s",
			    strerror(ENOMEM));
	/* Never restart because of what daemonrun itself writes. */
	own[0] = o->state_dir;
	own[1] = o->pid_file;
	own[2] = o->log;
	own[3] = o->stdout_path;
	own[4] = o->stderr_path;
	for (i = 0; i < 5; i++)
		if (own[i] && watch_exclude(w, own[i]) < 0 && errno == ENOMEM)
			err_die(EX_SYS, "unable to allocate: %s",
			    strerror(ENOMEM));
	return w;
}

static void
quote_cmd(struct sup *s)
{
	char joined[1024];
	size_t n = 0, l;
	char **a;

	joined[0] = '\0';
	for (a = s->o->argv; *a && n < sizeof joined - 1; a++) {
		l = strlen(*a);
		if (n + l + 2 > sizeof joined)
			l = sizeof joined - n - 2;
		if (n)
			joined[n++] = ' ';
		memcpy(joined + n, *a, l);
		n += l;
		joined[n] = '\0';
	}
	evlog_q(s->cmdq, sizeof s->cmdq, joined);
}

static void
remove_cgroups(void)
{
	limits_cgroups_remove(S.l);
}

/* The cgroups, once daemonrun is the process that stays; when one
 * cannot be made, the fallback (RLIMIT_AS, duty-cycling) says so. */
static void
cgroups(struct sup *s)
{
	struct limits *l = s->l;
	const char *what = "";
	char msg[512], q[600];
	int i;

	if (l->mem_mech == MECH_CGROUP1 || l->mem_mech == MECH_CGROUP2 ||
	    l->cpu_mech == MECH_CGROUP1 || l->cpu_mech == MECH_CGROUP2) {
		if (limits_cgroups_create(s->o, l, s->a, &what) < 0) {
			logev(s, EV_WARN, "limit", "error=%s path=%s "
			    "action=fallback", evlog_q(q, sizeof q,
			    strerror(errno)), what);
			limits_cgroups_remove(l);
			s->a->ncgroups = 0;
			if (l->mem_mech == MECH_CGROUP1 || l->mem_mech == MECH_CGROUP2)
				l->mem_mech = MECH_RLIMIT_AS;
			if (l->cpu_mech == MECH_CGROUP1 || l->cpu_mech == MECH_CGROUP2)
				l->cpu_mech = MECH_DUTY;
			limits_attrs(s->o, l, s->a);
		} else {
			atexit(remove_cgroups);
			s->oom_seen = limits_oom_kills(l);
		}
	}
	for (i = 0; limits_describe(s->o, l, i, msg, sizeof msg); i++)
		logev(s, EV_INFO, "limit", "what=%s", evlog_q(q, sizeof q, msg));
}

void
supervise(const struct opts *o, struct attrs *a, struct limits *l,
    struct evlog *ev, int fd1, int fd2)
{
	struct sup *s = &S;
	static const int catch[] = {
		SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2,
		SIGWINCH, SIGCONT, SIGALRM
	};
	size_t i;
	int sig;

	memset(s, 0, sizeof *s);
	s->o = o;
	s->a = a;
	s->l = l;
	s->ev = ev;
	s->fd1 = fd1;
	s->fd2 = fd2;
	s->ctl_fd = s->notify_fd = s->lock_fd = s->pid_fd = -1;
	s->cmdpid_fd = -1;
	s->state = SV_DOWN;
	s->want = SV_WANT_UP;
	s->since = tstamp_now_ms();
	quote_cmd(s);
	s->w = watch_setup(o);
	if ((s->null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
		err_diesys(EX_SYS, "unable to open /dev/null");
	s->null_fd = io_fd_above2(s->null_fd);

	if (o->daemonize) {
		int keep[8];
		size_t n = 0;
		keep[n++] = s->null_fd;
		if (ev->fd > 2)
			keep[n++] = ev->fd;
		if (fd1 > 2)
			keep[n++] = fd1;
		if (fd2 > 2)
			keep[n++] = fd2;
		if (o->notify_fd > 2)
			keep[n++] = o->notify_fd;
		daemonize(keep, n);
	}
	if (o->syslog)
		evlog_syslog(ev);	/* after daemonize closed fds */
	/* Signals are caught from here on (they wait in the self-pipe until
	 * the main loop): a TERM as soon as the pid file shows is obeyed. */
	if (sig_init() < 0)
		diesys(EX_SYS, "unable to create a pipe");
	for (i = 0; i < sizeof catch / sizeof *catch; i++)
		if (sig_catch(catch[i]) < 0)
			diesys(EX_SYS, "unable to catch signal %d", catch[i]);
	for (sig = 1; sig < NSIG; sig++)
		if (o->forward[sig] && sig_catch(sig) < 0)
			diesys(EX_SYS, "unable to catch signal %s",
			    signame(sig));
	(void)sig_ignore(SIGPIPE);
	(void)kids_subreaper();
	if (o->pid_file) {
		pid_t holder = 0;
		s->pid_fd = pidfile_acquire(o->pid_file, getpid(), &holder);
		if (s->pid_fd < 0 && errno == EWOULDBLOCK)
			die(EX_SYS, "unable to lock %s: daemonrun already "
			    "running (pid %ld)", o->pid_file, (long)holder);
		if (s->pid_fd < 0)
			diesys(EX_SYS, "unable to write %s", o->pid_file);
		atexit(release_pidfile);
	}
	if (o->state_dir)
		state_dir(s);
	cgroups(s);
	if (s->w) {
		if (watch_start(s->w) < 0)
			diesys(EX_SYS, "unable to watch files");
		if (watch_fd(s->w) < 0)
			s->t_poll = tstamp_mono_ms() + o->reload_interval;
		logev(s, EV_DEBUG, "watch", "mechanism=%s paths=%zu",
		    watch_mechanism(s->w), o->nwatch);
	}
	s->dirty = 1;
	start(s);
	loop(s);
}
