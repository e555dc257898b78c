/* run.c: daemonctl run, the foreground supervisor of one app.
 *
 * It starts the chain (daemonrun supervising teelog and the app) with
 * daemonrun's event lines on a pipe it reads, and relays them to the
 * app's event log. At each start event it starts healthcheck --watch
 * (so every instance gets its startup delay and fresh counts); at each
 * exit event it stops healthcheck and runs the on-stop hook with
 * DAEMONCTL_EXIT. healthcheck's JSON lines go to RUN/health; at the
 * failure threshold ("unhealthy") daemonctl writes 't' to RUN/control and
 * daemonrun restarts the app. TERM and INT stop the app (through
 * daemonrun) and end daemonctl run once the on-stop hook has run; HUP,
 * QUIT, USR1 and USR2 go to daemonrun, which forwards them (HUP as the
 * reload signal). daemonrun and healthcheck get SIGTERM should daemonctl
 * die (Linux), so nothing outlives it. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include "afile.h"
#include "daemonctl.h"
#include "err.h"
#include "evlog.h"
#include "io.h"
#include "json.h"
#include "lock.h"
#include "parse.h"
#include "proc.h"
#include "sig.h"
#include "tstamp.h"

extern char **environ;

/* sys_linux.c */
int sys_pdeathsig(int sig);

#define MAX_HOOKS 8
#define LINE_MAX_ 65536

struct lines {
	int fd;
	struct buf b;
};

struct hook {
	pid_t pid;
	int64_t deadline;	/* monotonic ms */
	int killed;
};

struct run {
	const struct app *a;
	struct chain c;
	struct evlog ev, ev2;	/* the event log, and stderr when it differs */
	int syslog;
	pid_t super;		/* daemonrun */
	int super_status, super_done;
	struct lines evp;	/* its stderr: event lines */
	const struct toml *cfg;	/* until the chain runs */
	pid_t hc;		/* healthcheck */
	struct lines hcp;
	pid_t hc_old[4];	/* stopped, not yet reaped */
	int hc_oldfd[4];	/* their stdout, closed once reaped */
	struct hook hooks[MAX_HOOKS];
	int stopping;
	unsigned long health_restarts;
	char last_unhealthy[512];	/* why the last health restart */
	char *health_path, *control_path;
	/* RUN/health: the last transition, kept to write the file again
	 * when the app's pid is known */
	char h_health[16], h_summary[512];
	long h_failures, h_successes;
	int64_t h_since;
	/* the app's pid below the supervised teelog, looked for after each
	 * start with doubling waits until the chain has settled */
	pid_t top, app;
	int64_t app_next;	/* monotonic ms; 0: not looking */
	int app_wait;		/* ms */
	int null_fd;
	pid_t parent;
};

static struct run R;

static void
logev(int level, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
logev(int level, const char *event, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	evlogv(&R.ev, level, event, fmt, ap);
	va_end(ap);
	if (R.ev2.fd >= 0) {
		va_start(ap, fmt);
		evlogv(&R.ev2, level, event, fmt, ap);
		va_end(ap);
	}
}

/* A line from daemonrun (or from a tool's warning): to the event log,
 * stderr and syslog as daemonctl's own lines go. */
static void
relay(const char *line, size_t n)
{
	static const char *const lv[] = { "debug", "info", "warn", "error" };
	static const int prio[] = { LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR };
	char *l;
	const char *p;
	int i;

	l = malloc(n + 1);
	if (l == NULL)
		return;
	memcpy(l, line, n);
	l[n] = '\n';
	(void)io_writeall(R.ev.fd, l, n + 1);
	if (R.ev2.fd >= 0)
		(void)io_writeall(R.ev2.fd, l, n + 1);
	if (R.syslog) {
		l[n] = '\0';
		/* "TS prog[pid]: level event ..." -> "level event ..." */
		p = strstr(l, "]: ");
		p = p ? p + 3 : l;
		for (i = 0; i < 4; i++)
			if (strncmp(p, lv[i], strlen(lv[i])) == 0)
				break;
		syslog(i < 4 ? prio[i] : LOG_NOTICE, "%s", l);
	}
	free(l);
}

/* RUN/health: what daemonctl status shows besides daemonrun's status. */
static void
state_write(void)
{
	struct buf b = BUF_INIT;

	if (buf_printf(&b, "health=%s\nsince=%lld.%03lld\nsummary=%s\n"
	    "failures=%ld\nsuccesses=%ld\nrestarts=%lu\nunhealthy=%s\n"
	    "inner_daemonrun=%d\napp_pid=%ld\nsupervised_pid=%ld\n",
	    R.h_health, (long long)(R.h_since / 1000),
	    (long long)(R.h_since % 1000), R.h_summary, R.h_failures,
	    R.h_successes, R.health_restarts, R.last_unhealthy, R.c.inner,
	    (long)R.app, (long)(R.app ? R.top : 0)) < 0)
		nomem();
	if (afile_write(R.health_path, b.p, b.len, 0644, 0) < 0)
		logev(EV_ERROR, "status", "error=%s path=%s", strerror(errno),
		    R.health_path);
	buf_free(&b);
}

static void
health_write(const char *health, const char *summary, long failures,
    long successes)
{
	size_t i;

	snprintf(R.h_health, sizeof R.h_health, "%s", health);
	snprintf(R.h_summary, sizeof R.h_summary, "%s",
	    summary ? summary : "");
	for (i = 0; R.h_summary[i]; i++)
		if (R.h_summary[i] == '\n')
			R.h_summary[i] = ' ';
	R.h_failures = failures;
	R.h_successes = successes;
	R.h_since = tstamp_now_ms();
	state_write();
}

/* Look for the app below teelog now, and again later until the chain
 * has settled (a long on-start hook: about ten seconds, then status
 * looks in /proc itself). */
static void
app_look(void)
{
	int64_t now = tstamp_mono_ms();

	if (R.app_next == 0 || now < R.app_next)
		return;
	if ((R.app = app_settled_pid(R.top, R.c.onstart, R.c.inner)) > 0) {
		R.app_next = 0;
		state_write();
	} else if (R.app_wait >= 5120) {
		R.app_next = 0;
	} else {
		R.app_wait *= 2;
		R.app_next = now + R.app_wait;
	}
}

/* In each child before exec: SIGTERM when daemonctl dies. */
static int
child_setup(void *arg)
{
	(void)arg;
	(void)sys_pdeathsig(SIGTERM);
	if (getppid() != R.parent)
		return ESRCH;	/* daemonctl is already gone */
	return 0;
}

static pid_t
spawn(char *const *argv, char *const *envp, int fd1, int fd2, int *outfd)
{
	struct proc_spec sp;
	struct proc_err pe;
	int p[2] = { -1, -1 };
	pid_t pid;
	char q[256];

	if (outfd && pipe2(p, O_CLOEXEC) < 0)
		err_diesys(EX_SYS, "unable to create a pipe");
	memset(&sp, 0, sizeof sp);
	sp.argv = argv;
	sp.envp = envp;
	sp.fd0 = R.null_fd;
	sp.fd1 = outfd && fd1 < 0 ? p[1] : fd1;
	sp.fd2 = outfd && fd2 < 0 ? p[1] : fd2;
	sp.new_pgrp = 1;
	sp.setup = child_setup;
	pid = proc_spawn(&sp, &pe);
	if (outfd) {
		io_close(p[1]);
		if (pid < 0)
			io_close(p[0]);
		else
			*outfd = p[0];
	}
	if (pid < 0)
		logev(EV_ERROR, "spawn", "cmd=%s error=%s",
		    evlog_q(q, sizeof q, argv[0]), strerror(pe.err ? pe.err :
		    errno));
	return pid;
}

/* --- healthcheck ------------------------------------------------------ */

static void
hc_stop(void)
{
	size_t i;

	if (R.hc <= 0)
		return;
	(void)kill(-R.hc, SIGTERM);
	/* Its stdout stays open until it is reaped: it must not die of a
	 * closed pipe, but of the signal. */
	for (i = 0; i < sizeof R.hc_old / sizeof *R.hc_old; i++)
		if (R.hc_old[i] == 0) {
			R.hc_old[i] = R.hc;
			R.hc_oldfd[i] = R.hcp.fd;
			R.hcp.fd = -1;
			break;
		}
	R.hc = 0;
	io_close(R.hcp.fd);
	R.hcp.fd = -1;
	buf_reset(&R.hcp.b);
}

static void
hc_start(void)
{
	if (R.c.health.n == 0 || R.stopping)
		return;
	hc_stop();
	R.hc = spawn(R.c.health.v, NULL, -1, R.ev.fd, &R.hcp.fd);
	if (R.hc > 0) {
		logev(EV_DEBUG, "health", "state=started pid=%ld",
		    (long)R.hc);
		health_write("unknown", "waiting for the first check", 0, 0);
	} else {
		health_write("unknown", "healthcheck could not be started",
		    0, 0);
	}
}

/* One line of healthcheck --watch --json: a transition. */
static void
hc_line(const char *line, size_t n)
{
	struct json_err je;
	struct json *j;
	const char *health, *summary;
	char q[600];
	size_t k;

	if ((j = json_parse(line, n, &je)) == NULL) {
		relay(line, n);	/* not JSON: a message of healthcheck's */
		return;
	}
	health = json_str(json_get(j, "health"), "unknown");
	summary = json_str(json_get(j, "summary"), "");
	health_write(health, summary, (long)json_int(json_get(j, "failures"),
	    0), (long)json_int(json_get(j, "successes"), 0));
	evlog_q(q, sizeof q, summary);
	if (strcmp(health, "unhealthy") == 0 && !R.stopping) {
		R.health_restarts++;
		snprintf(R.last_unhealthy, sizeof R.last_unhealthy, "%s",
		    summary);
		for (k = 0; R.last_unhealthy[k]; k++)
			if (R.last_unhealthy[k] == '\n')
				R.last_unhealthy[k] = ' ';
		logev(EV_WARN, "unhealthy", "action=restart restarts=%lu "
		    "summary=%s", R.health_restarts, q);
		health_write(health, summary, (long)json_int(json_get(j,
		    "failures"), 0), 0);
		if (ctl_write(R.a, "t") < 0)
			logev(EV_ERROR, "control", "error=%s",
			    strerror(errno));
	} else {
		logev(strcmp(health, "healthy") == 0 ? EV_INFO : EV_WARN,
		    "health", "state=%s summary=%s", health, q);
	}
	json_free(j);
}

/* --- hooks ------------------------------------------------------------ */

static void
hook_run(const char *status)
{
	struct argv env = { NULL, 0, 0 };
	char **e;
	size_t i;
	pid_t pid;

	if (R.c.onstop.n == 0)
		return;
	for (i = 0; i < MAX_HOOKS && R.hooks[i].pid; i++)
		;
	if (i == MAX_HOOKS) {
		logev(EV_WARN, "hook", "name=on-stop action=skip "
		    "reason=too-many-running");
		return;
	}
	for (e = environ; *e; e++)
		if (strncmp(*e, "DAEMONCTL_EVENT=", 16) != 0 &&
		    strncmp(*e, "DAEMONCTL_EXIT=", 15) != 0)
			av_add(&env, *e);
	av_add(&env, "DAEMONCTL_EVENT=stop");
	av_addf(&env, "DAEMONCTL_EXIT=%s", status);
	pid = spawn(R.c.onstop.v, env.v, R.ev.fd, R.ev.fd, NULL);
	av_free(&env);
	if (pid < 0)
		return;
	logev(EV_INFO, "hook", "name=on-stop pid=%ld exit=%s", (long)pid,
	    status);
	R.hooks[i].pid = pid;
	R.hooks[i].deadline = tstamp_mono_ms() + R.c.kill_timeout;
	R.hooks[i].killed = 0;
}

static int
hooks_running(void)
{
	size_t i;

	for (i = 0; i < MAX_HOOKS; i++)
		if (R.hooks[i].pid)
			return 1;
	return 0;
}

/* --- daemonrun's events ------------------------------------------------ */

/* The value of key=value in an event line (NULL when absent). */
static const char *
kv(const char *rest, const char *key, char *buf, size_t len)
{
	size_t kl = strlen(key), n;
	const char *p = rest;

	while ((p = strstr(p, key)) != NULL) {
		if ((p == rest || p[-1] == ' ') && p[kl] == '=') {
			p += kl + 1;
			n = strcspn(p, " ");
			if (n >= len)
				n = len - 1;
			memcpy(buf, p, n);
			buf[n] = '\0';
			return buf;
		}
		p += kl;
	}
	return NULL;
}

/* "TS daemonrun[PID]: LEVEL EVENT k=v ...": act on start and exit. */
static void
ev_line(const char *line, size_t n)
{
	char l[1024], who[64], code[32], *p, *rest, *event;
	int sig;
	const char *why;

	relay(line, n);
	if (n >= sizeof l)
		return;
	memcpy(l, line, n);
	l[n] = '\0';
	snprintf(who, sizeof who, " daemonrun[%ld]: ", (long)R.super);
	if ((p = strstr(l, who)) == NULL)
		return;
	p += strlen(who);
	if ((p = strchr(p, ' ')) == NULL)	/* skip the level */
		return;
	event = p + 1;
	rest = strchr(event, ' ');
	if (rest)
		*rest++ = '\0';
	else
		rest = event + strlen(event);
	if (strcmp(event, "start") == 0 && kv(rest, "pid", code, sizeof code)) {
		R.top = (pid_t)strtol(code, NULL, 10);
		R.app = 0;
		R.app_wait = 5;
		R.app_next = tstamp_mono_ms() + R.app_wait;
		hc_start();
	} else if (strcmp(event, "exit") == 0) {
		R.app_next = 0;
		if (R.app) {
			R.app = 0;
			state_write();
		}
		hc_stop();
		if (R.c.health.n)
			health_write("unknown", "the app is not running", 0, 0);
		if (kv(rest, "code", code, sizeof code) == NULL) {
			if (kv(rest, "signal", code, sizeof code) &&
			    parse_signal(code, &sig, &why) == 0)
				snprintf(code, sizeof code, "%d", 128 + sig);
			else
				snprintf(code, sizeof code, "?");
		}
		hook_run(code);
	}
}

/* Read what is there; call fn for each whole line (and for the rest at
 * end of file). Returns 0 at end of file or error. */
static int
feed(struct lines *ls, void (*fn)(const char *, size_t))
{
	char chunk[8192], *nl;
	ssize_t r;
	size_t off;

	r = io_read(ls->fd, chunk, sizeof chunk);
	if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return 1;
	if (r > 0 && buf_add(&ls->b, chunk, (size_t)r) < 0)
		nomem();
	off = 0;
	while ((nl = memchr(ls->b.p + off, '\n', ls->b.len - off)) != NULL) {
		fn(ls->b.p + off, (size_t)(nl - (ls->b.p + off)));
		off = (size_t)(nl - ls->b.p) + 1;
	}
	buf_consume(&ls->b, off);
	if (ls->b.len > LINE_MAX_) {
		fn(ls->b.p, ls->b.len);
		buf_reset(&ls->b);
	}
	if (r <= 0) {
		if (ls->b.len)
			fn(ls->b.p, ls->b.len);
		buf_reset(&ls->b);
		return 0;
	}
	return 1;
}

/* --- the loop ------------------------------------------------------------- */

static void
reap(void)
{
	pid_t pid;
	size_t i;
	int st;
	char s[32];

	while ((pid = proc_wait(-1, &st, WNOHANG)) > 0) {
		if (pid == R.super) {
			R.super_status = st;
			R.super_done = 1;
			continue;
		}
		if (pid == R.hc) {
			logev(R.stopping ? EV_DEBUG : EV_WARN, "health",
			    "state=exited pid=%ld status=\"%s\"", (long)pid,
			    proc_status_str(st, s, sizeof s));
			R.hc = 0;
			io_close(R.hcp.fd);
			R.hcp.fd = -1;
			if (!R.stopping)
				health_write("unknown", "healthcheck exited",
				    0, 0);
			continue;
		}
		for (i = 0; i < sizeof R.hc_old / sizeof *R.hc_old; i++)
			if (R.hc_old[i] == pid) {
				R.hc_old[i] = 0;
				io_close(R.hc_oldfd[i]);
				R.hc_oldfd[i] = -1;
			}
		for (i = 0; i < MAX_HOOKS; i++)
			if (R.hooks[i].pid == pid) {
				logev(WIFEXITED(st) && WEXITSTATUS(st) == 0 ?
				    EV_DEBUG : EV_WARN, "hook",
				    "name=on-stop pid=%ld status=\"%s\"",
				    (long)pid, proc_status_str(st, s,
				    sizeof s));
				R.hooks[i].pid = 0;
			}
	}
}

static void
on_signal(int sig)
{
	switch (sig) {
	case SIGCHLD:
		reap();
		break;
	case SIGTERM:
	case SIGINT:
		logev(EV_INFO, "signal", "name=%s action=stop",
		    parse_signame(sig));
		R.stopping = 1;
		hc_stop();
		if (R.super > 0 && !R.super_done)
			(void)kill(R.super, sig);
		break;
	default:
		if (R.super > 0 && !R.super_done)
			(void)kill(R.super, sig);
		break;
	}
}

static int
timeout_ms(void)
{
	int64_t now = tstamp_mono_ms(), min = -1;
	size_t i;

	for (i = 0; i < MAX_HOOKS; i++)
		if (R.hooks[i].pid && (min < 0 || R.hooks[i].deadline < min))
			min = R.hooks[i].deadline;
	if (R.app_next && (min < 0 || R.app_next < min))
		min = R.app_next;
	if (min < 0)
		return -1;
	return min <= now ? 0 : (int)(min - now);
}

static void
hook_timers(void)
{
	int64_t now = tstamp_mono_ms();
	size_t i;

	for (i = 0; i < MAX_HOOKS; i++) {
		if (R.hooks[i].pid == 0 || now < R.hooks[i].deadline)
			continue;
		if (R.hooks[i].killed) {
			R.hooks[i].deadline = now + 1000;
			continue;
		}
		logev(EV_WARN, "hook", "name=on-stop pid=%ld action=kill "
		    "reason=timeout", (long)R.hooks[i].pid);
		(void)kill(-R.hooks[i].pid, SIGKILL);
		R.hooks[i].killed = 1;
		R.hooks[i].deadline = now + 1000;
	}
}

static int
same_file(int a, int b)
{
	struct stat x, y;

	return fstat(a, &x) == 0 && fstat(b, &y) == 0 &&
	    x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

int
cmd_run(const struct paths *p, const struct app *a,
    const struct conf_opts *co, int notify_fd)
{
	static const int sigs[] = { SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGQUIT,
	    SIGUSR1, SIGUSR2, 0 };
	struct toml *cfg;
	struct pollfd pf[3];
	char *runpid;
	pid_t holder = 0;
	int runpid_fd, level, sig, n, code;

	(void)notify_fd;
	app_require(a);
	cfg = conf_resolve(p, a, co, 1);
	memset(&R, 0, sizeof R);
	/* Reachable until it is freed, should we die before. */
	R.cfg = cfg;
	R.a = a;
	chain_build(&R.c, a, cfg);
	app_mkdirs(p, a);
	runpid = app_runfile(a, "run.pid");
	runpid_fd = pidfile_acquire(runpid, getpid(), &holder);
	if (runpid_fd < 0 && errno == EWOULDBLOCK)
		err_die(EX_SYS, "app %s is already running (daemonctl run, "
		    "pid %ld)", a->name, (long)holder);
	if (runpid_fd < 0)
		err_diesys(EX_SYS, "unable to write %s", runpid);
	if (chdir(a->dir) < 0)
		err_diesys(EX_SYS, "unable to change directory to %s", a->dir);
	if (setenv("DAEMONCTL_APP", a->name, 1) < 0)
		nomem();
	(void)unsetenv("DAEMONCTL_EVENT");
	(void)unsetenv("DAEMONCTL_EXIT");
	R.parent = getpid();
	R.health_path = app_runfile(a, "health");
	R.control_path = app_runfile(a, "control");
	R.evp.fd = R.hcp.fd = -1;
	for (n = 0; n < (int)(sizeof R.hc_oldfd / sizeof *R.hc_oldfd); n++)
		R.hc_oldfd[n] = -1;
	if ((R.null_fd = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0)
		err_diesys(EX_SYS, "unable to open /dev/null");

	level = evlog_level(cv(cfg, "logging.level") ? cv(cfg,
	    "logging.level") : "info");
	n = open(R.c.events, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (n < 0)
		err_diesys(EX_SYS, "unable to open %s", R.c.events);
	evlog_init(&R.ev, "daemonctl", n, level);
	evlog_init(&R.ev2, "daemonctl", same_file(n, 2) ? -1 : 2, level);
	R.ev.utc = R.ev2.utc = cv_bool(cfg, "logging.utc", 0);
	if (cv_bool(cfg, "logging.syslog", 0)) {
		evlog_syslog(&R.ev);
		R.syslog = 1;
	}

	catch_signals(sigs);
	(void)sig_ignore(SIGPIPE);

	health_write(R.c.health.n ? "unknown" : "off", R.c.health.n ?
	    "the app is not running" : "no health check", 0, 0);
	logev(EV_INFO, "run", "app=%s pid=%ld health=%s", a->name,
	    (long)getpid(), R.c.health.n ? "on" : "off");
	R.super = spawn(R.c.super.v, NULL, 1, -1, &R.evp.fd);
	if (R.super < 0)
		err_die(EX_SYS, "unable to start daemonrun for %s", a->name);
	toml_free(cfg);
	R.cfg = NULL;

	for (;;) {
		pf[0].fd = sig_fd();
		pf[0].events = POLLIN;
		pf[1].fd = R.evp.fd;
		pf[1].events = POLLIN;
		pf[2].fd = R.hcp.fd;
		pf[2].events = POLLIN;
		if (poll(pf, 3, timeout_ms()) < 0 && errno != EINTR)
			err_diesys(EX_SYS, "unable to poll");
		while ((sig = sig_next(NULL)) != 0)
			on_signal(sig);
		if (R.evp.fd >= 0 && (pf[1].revents & (POLLIN | POLLHUP |
		    POLLERR)) && !feed(&R.evp, ev_line)) {
			io_close(R.evp.fd);
			R.evp.fd = -1;
		}
		if (R.hcp.fd >= 0 && pf[2].fd == R.hcp.fd &&
		    (pf[2].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    !feed(&R.hcp, hc_line)) {
			io_close(R.hcp.fd);
			R.hcp.fd = -1;
		}
		hook_timers();
		app_look();
		if (R.super_done && R.evp.fd < 0 && !hooks_running())
			break;
	}
	R.stopping = 1;
	hc_stop();
	health_write(R.c.health.n ? "unknown" : "off", "the app is not running",
	    0, 0);
	code = proc_status_code(R.super_status);
	logev(EV_INFO, "exit", "app=%s code=%d", a->name, code);
	pidfile_release(runpid, runpid_fd);
	free(runpid);
	return code;
}
