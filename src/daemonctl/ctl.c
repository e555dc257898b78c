/* ctl.c: start, stop, restart, reload and kill: daemonrun --daemonize
 * around daemonctl run, letters written to the control FIFO, signals to
 * the process group the status file names; then waiting, by polling the
 * status file and the locks, until the change is done. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "afile.h"
#include "daemonctl.h"
#include "err.h"
#include "io.h"
#include "lock.h"
#include "parse.h"
#include "proc.h"
#include "ptab.h"
#include "tstamp.h"

#define POLL_MS 20

static void
nap(void)
{
	struct timespec ts = { 0, POLL_MS * 1000000L };

	nanosleep(&ts, NULL);
}

int
ctl_letter(int sig)
{
	switch (sig) {
	case SIGHUP: return 'h';
	case SIGINT: return 'i';
	case SIGQUIT: return 'q';
	case SIGUSR1: return '1';
	case SIGUSR2: return '2';
	case SIGALRM: return 'a';
	case SIGSTOP: return 'p';
	case SIGCONT: return 'c';
	case SIGKILL: return 'k';
	default: return 0;
	}
}

int
ctl_write(const struct app *a, const char *letters)
{
	char *path = app_runfile(a, "control");
	int fd, e, r;

	/* Non-blocking: with no supervisor reading, ENXIO at once. */
	fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	e = errno;
	free(path);
	if (fd < 0) {
		errno = e == ENOENT ? ENXIO : e;
		return -1;
	}
	r = io_writeall(fd, letters, strlen(letters));
	e = errno;
	io_close(fd);
	errno = e;
	return r < 0 ? -1 : 0;
}

static int
alive(const struct astate *s)
{
	return s->sv_running || s->run_pid || s->outer_pid;
}

static off_t
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : 0;
}

/* Copy to stderr what was appended to path since off: the reason a
 * start failed, in daemonrun's and daemonctl's own words. */
static void
show_since(const char *path, off_t off)
{
	char *text, *p, *line, *save;
	size_t len;

	if (io_readfile(path, 1 << 20, &text, &len) < 0)
		return;
	if ((size_t)off > len)
		off = 0;
	p = text + off;
	for (line = strtok_r(p, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save))
		fprintf(stderr, "  %s\n", line);
	free(text);
}

/* The last n lines of a file to stderr. */
static void
show_tail(const char *path, int n)
{
	char *text, *p;
	size_t len;
	int k = 0;

	if (io_readfile(path, 4 << 20, &text, &len) < 0 || len == 0)
		return;
	p = text + len;
	if (p[-1] == '\n')
		p--;
	while (p > text && k < n) {
		p--;
		if (*p == '\n')
			k++;
	}
	if (*p == '\n')
		p++;
	fprintf(stderr, "%s: last lines of %s:\n", err_prog, path);
	while (*p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		fprintf(stderr, "  %s\n", p);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	free(text);
}

/* Wait until an instance started after `after` (ms) has stayed up for
 * wait_ms: 0. Or it failed: 1, with the reason on stderr. */
static int
wait_up(const struct app *a, const struct chain *c, int64_t after,
    int64_t wait_ms, int64_t limit_ms, off_t evoff)
{
	struct astate s;
	int64_t end = tstamp_mono_ms() + limit_ms, now, first = 0;
	char age[32];

	for (;;) {
		astate_load(a, &s);
		now = tstamp_now_ms();
		if (!alive(&s)) {
			fprintf(stderr, "%s: %s: failed to start\n", err_prog,
			    a->name);
			show_since(c->events, evoff);
			return 1;
		}
		if (s.sv_running && s.have_status &&
		    s.st.since_ms >= after - 1) {
			if (s.st.state == SV_UP && s.st.started_ms >= after - 1 &&
			    first && s.st.started_ms != first) {
				/* Restarted (by a health check, a watched file)
				 * before it had been up long enough. */
				fprintf(stderr, "%s: %s: restarted before it was "
				    "up for %s: %s%s%s\n", err_prog, a->name,
				    tstamp_age(age, sizeof age, wait_ms),
				    s.st.last_exit, s.have_health &&
				    s.health_restarts ? "; unhealthy: " : "",
				    s.have_health && s.health_restarts ?
				    s.unhealthy : "");
				return 1;
			}
			if (s.st.state == SV_UP && s.st.started_ms >= after - 1 &&
			    first == 0)
				first = s.st.started_ms;
			if (s.st.state == SV_UP && s.st.started_ms >= after - 1 &&
			    now - s.st.started_ms >= wait_ms) {
				printf("%s: up (pid %ld)\n", a->name,
				    (long)(s.app_pid ? s.app_pid : s.st.pid));
				return 0;
			}
			if ((s.st.state == SV_BACKOFF ||
			    s.st.state == SV_FAILED ||
			    s.st.state == SV_DOWN) && s.st.last_exit[0]) {
				fprintf(stderr, "%s: %s: failed to start: %s%s\n",
				    err_prog, a->name, s.st.last_exit,
				    s.st.state == SV_BACKOFF ?
				    " (restarting with backoff)" : "");
				show_tail(c->err, 5);
				return 1;
			}
		}
		if (tstamp_mono_ms() > end) {
			fprintf(stderr, "%s: %s: not up after %s (state %s)\n",
			    err_prog, a->name, tstamp_age(age, sizeof age,
			    limit_ms), s.word);
			return 1;
		}
		nap();
	}
}

static int
start_lock(const struct app *a)
{
	char *path = app_runfile(a, "start.lock");
	int fd;

	fd = lock_open(path, 1, NULL);
	if (fd < 0)
		err_diesys(EX_SYS, "unable to lock %s", path);
	free(path);
	return fd;
}

/* What start, stop and restart hold while they work: the resolved
 * configuration, the chain it gives, and the start lock. */
struct held {
	struct toml *cfg;
	struct chain c;
	int lk;
};

static void
hold(const struct paths *p, const struct app *a, const struct conf_opts *co,
    struct held *h)
{
	h->cfg = conf_resolve(p, a, co, 1);
	chain_build(&h->c, a, h->cfg);
	app_mkdirs(p, a);
	h->lk = start_lock(a);
}

static void
release(struct held *h)
{
	io_close(h->lk);
	chain_free(&h->c);
	toml_free(h->cfg);
}

/* A control letter the supervisor must get (it holds its lock). */
static void
ctl_send(const struct app *a, const char *letters)
{
	if (ctl_write(a, letters) < 0)
		err_diesys(EX_SYS, "unable to write to %s/control", a->run);
}

/* The chain as text, to tell whether the configuration changed since
 * daemonctl run started (RUN/chain). */
static void
chain_text(const struct chain *c, struct buf *b)
{
	av_shell(b, c->super.v);
	buf_addc(b, '\n');
	av_shell(b, c->health.v);
	buf_addc(b, '\n');
	av_shell(b, c->onstop.v);
	buf_addc(b, '\n');
}

static int
chain_changed(const struct app *a, const struct chain *c)
{
	struct buf b = BUF_INIT;
	char *path = app_runfile(a, "chain"), *text;
	size_t len;
	int changed = 1;

	chain_text(c, &b);
	if (io_readfile(path, 1 << 20, &text, &len) == 0) {
		changed = len != b.len || memcmp(text, b.p, len) != 0;
		free(text);
	}
	free(path);
	buf_free(&b);
	return changed;
}

static int64_t
limit_for(const struct toml *cfg, int64_t wait_ms)
{
	return wait_ms + cv_ms(cfg, "process.ready_timeout", 0) + 60000;
}

static int
do_start(const struct paths *p, const struct app *a, const struct chain *c,
    const struct toml *cfg, char **passthru, int64_t wait_ms)
{
	struct argv v = { NULL, 0, 0 };
	struct proc_spec sp;
	struct proc_err pe;
	struct buf b = BUF_INIT;
	char *pidf, *chainf;
	int64_t t0;
	off_t off;
	pid_t pid;
	int st, fd, null;

	pidf = app_runfile(a, "daemonctl.pid");
	chainf = app_runfile(a, "chain");
	chain_text(c, &b);
	if (afile_write(chainf, b.p, b.len, 0644, 0) < 0)
		err_diesys(EX_SYS, "unable to write %s", chainf);
	buf_free(&b);
	av_add(&v, tool_path("daemonrun"));
	av_add(&v, "--daemonize");
	av_add(&v, "--pid-file");
	av_add(&v, pidf);
	av_addf(&v, "--kill-timeout=%lldms", (long long)(c->kill_timeout +
	    10000));
	av_add(&v, "--");
	av_add(&v, self_path());
	av_add(&v, "run");
	av_add(&v, a->name);
	if (p->home) {
		av_add(&v, "--home");
		av_add(&v, p->home);
	}
	av_addv(&v, passthru);
	off = file_size(c->events);
	if ((fd = open(c->events, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0640)) < 0)
		err_diesys(EX_SYS, "unable to open %s", c->events);
	if ((null = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)
		err_diesys(EX_SYS, "unable to open /dev/null");
	memset(&sp, 0, sizeof sp);
	sp.argv = v.v;
	sp.fd0 = null;
	sp.fd1 = fd;
	sp.fd2 = fd;
	sp.dir = "/";
	t0 = tstamp_now_ms();
	pid = proc_spawn(&sp, &pe);
	if (pid < 0)
		err_die(EX_SYS, "unable to run %s: %s", v.v[0],
		    strerror(pe.err ? pe.err : errno));
	io_close(fd);
	io_close(null);
	if (proc_wait(pid, &st, 0) < 0)
		err_diesys(EX_SYS, "unable to wait for daemonrun");
	av_free(&v);
	free(pidf);
	free(chainf);
	if (proc_status_code(st) != 0) {
		fprintf(stderr, "%s: %s: failed to start\n", err_prog, a->name);
		show_since(c->events, off);
		return proc_status_code(st);
	}
	return wait_up(a, c, t0, wait_ms, limit_for(cfg, wait_ms), off);
}

int
cmd_start(const struct paths *p, const struct app *a,
    const struct conf_opts *co, char **passthru, int64_t wait_ms)
{
	struct held h;
	struct astate s;
	int r;

	app_require(a);
	hold(p, a, co, &h);
	astate_load(a, &s);
	if (alive(&s)) {
		if (s.sv_running && s.have_status &&
		    s.st.want == SV_WANT_DOWN && s.st.state == SV_DOWN) {
			/* The supervisor runs, the app was brought down. */
			ctl_send(a, "u");
			r = wait_up(a, &h.c, tstamp_now_ms(), wait_ms,
			    limit_for(h.cfg, wait_ms), file_size(h.c.events));
		} else {
			printf("%s: already running (pid %ld)\n", a->name,
			    (long)(s.app_pid ? s.app_pid : s.st.pid ? s.st.pid :
			    s.run_pid));
			r = 0;
		}
	} else {
		r = do_start(p, a, &h.c, h.cfg, passthru, wait_ms);
	}
	release(&h);
	return r;
}

/* The pids of the app's supervision while their locks are held:
 * daemonctl run, daemonrun, and start's daemonrun. */
static void
note_pids(const struct app *a, const struct astate *s, pid_t *seen)
{
	char *path;
	pid_t p;

	if (s->run_pid > 0)
		seen[0] = s->run_pid;
	if (s->sv_running && s->st.supervisor_pid > 0)
		seen[1] = s->st.supervisor_pid;
	if (seen[2] > 0)
		return;		/* start's daemonrun: read once */
	path = app_runfile(a, "daemonctl.pid");
	if (pidfile_read(path, &p) == 1 && p > 0)
		seen[2] = p;
	free(path);
}

/* Wait until nothing of the app's supervision is left: its locks free,
 * and the processes that held them gone too. A daemonrun or daemonctl
 * run lets its pid file go on its way out, a moment before the process
 * is gone: a `stop; ps` would still see it. */
static int
wait_gone(const struct app *a, int64_t ms)
{
	struct astate s;
	struct ptab_proc pp;
	pid_t seen[3] = { 0, 0, 0 };
	int64_t end = tstamp_mono_ms() + ms;
	int i;

	for (;;) {
		astate_load(a, &s);
		if (!alive(&s))
			break;
		note_pids(a, &s, seen);
		if (tstamp_mono_ms() > end)
			return -1;
		nap();
	}
	for (i = 0; i < 3; i++)
		while (seen[i] > 0 && ptab_stat(seen[i], &pp) == 0 &&
		    pp.state != 'Z' && tstamp_mono_ms() <= end + 1000)
			nap();
	return 0;
}

static int
stop_app(const struct app *a, const struct chain *c, int64_t timeout_ms,
    int quiet)
{
	struct astate s;
	char age[32];

	astate_load(a, &s);
	if (!alive(&s)) {
		if (!quiet)
			printf("%s: not running\n", a->name);
		return 0;
	}
	if (ctl_write(a, "x") < 0) {
		if (errno != ENXIO)
			err_diesys(EX_SYS, "unable to write to %s/control",
			    a->run);
		/* No supervisor yet (or any more): daemonctl run, then. */
		if (s.run_pid)
			(void)kill(s.run_pid, SIGTERM);
		else if (s.outer_pid)
			(void)kill(s.outer_pid, SIGTERM);
	}
	if (timeout_ms < 0)
		timeout_ms = c->kill_timeout + 5000;
	if (wait_gone(a, timeout_ms) < 0) {
		/* Past the timeout: SIGKILL the app's group, then the rest. */
		astate_load(a, &s);
		(void)ctl_write(a, "k");
		if (s.have_status && s.st.pgid > 1)
			(void)kill(-s.st.pgid, SIGKILL);
		if (wait_gone(a, 5000) < 0) {
			fprintf(stderr, "%s: %s: still running %s after the "
			    "stop\n", err_prog, a->name, tstamp_age(age,
			    sizeof age, timeout_ms + 5000));
			return 1;
		}
	}
	astate_load(a, &s);
	if (!quiet)
		printf("%s: stopped%s%s%s\n", a->name, s.st.last_exit[0] ?
		    " (" : "", s.st.last_exit, s.st.last_exit[0] ? ")" : "");
	return 0;
}

int
cmd_stop(const struct paths *p, const struct app *a,
    const struct conf_opts *co, int64_t timeout_ms)
{
	struct held h;
	int r;

	if (!app_exists(a))
		app_require(a);
	hold(p, a, co, &h);
	r = stop_app(a, &h.c, timeout_ms, 0);
	release(&h);
	return r;
}

int
cmd_restart(const struct paths *p, const struct app *a,
    const struct conf_opts *co, int64_t wait_ms)
{
	struct held h;
	struct astate s;
	int64_t t0;
	int r;

	app_require(a);
	hold(p, a, co, &h);
	astate_load(a, &s);
	if (alive(&s) && s.sv_running && !chain_changed(a, &h.c)) {
		/* The same chain: restart the app in place. */
		t0 = tstamp_now_ms();
		ctl_send(a, s.st.state == SV_UP || s.st.state == SV_STARTING ?
		    "t" : "u");
		r = wait_up(a, &h.c, t0, wait_ms, limit_for(h.cfg, wait_ms),
		    file_size(h.c.events));
	} else {
		if (alive(&s)) {
			printf("%s: configuration changed: restarting its "
			    "supervisor\n", a->name);
			if ((r = stop_app(a, &h.c, -1, 1)) != 0)
				goto out;
		}
		r = do_start(p, a, &h.c, h.cfg, NULL, wait_ms);
	}
out:
	release(&h);
	return r;
}

/* A signal to the app's process group, the group the status file names
 * while the supervisor holds its lock (so it is still that group). */
static int
signal_group(const struct app *a, const struct astate *s, int sig)
{
	char l[2] = { 0, 0 };
	struct ptab t;
	size_t i;

	if (sig == SIGKILL && s->sv_running && s->st.pgid > 1 &&
	    ptab_read(&t) == 0) {
		/* Not teelog, which must live to write what the app wrote
		 * before it died. */
		for (i = 0; i < t.n; i++)
			if (t.p[i].pgid == s->st.pgid &&
			    t.p[i].pid != s->st.pid)
				(void)kill(t.p[i].pid, SIGKILL);
		ptab_free(&t);
		return 0;
	}
	l[0] = (char)ctl_letter(sig);
	if (l[0] && ctl_write(a, l) == 0)
		return 0;
	if (!s->sv_running || s->st.pgid <= 1) {
		errno = ESRCH;
		return -1;
	}
	return kill(-s->st.pgid, sig);
}

/* The state of an app whose supervisor must run: 1 (said) when not. */
static int
load_running(const struct app *a, struct astate *s)
{
	app_require(a);
	astate_load(a, s);
	if (!s->sv_running || s->st.pid <= 0) {
		fprintf(stderr, "%s: %s: not running\n", err_prog, a->name);
		return 1;
	}
	return 0;
}

int
cmd_reload(const struct paths *p, const struct app *a,
    const struct conf_opts *co)
{
	struct astate s;
	const char *why;
	int sig = SIGHUP;

	(void)p;
	(void)co;
	if (load_running(a, &s) != 0)
		return 1;
	if (s.st.reload_signal[0])
		(void)parse_signal(s.st.reload_signal, &sig, &why);
	/* To the app's main process, as systemd's kill -HUP $MAINPID: the
	 * helpers in its group have no handler for it. */
	if (s.app_pid <= 0)
		err_die(EX_SYS, "unable to find the main process of %s",
		    a->name);
	if (kill(s.app_pid, sig) < 0)
		err_diesys(EX_SYS, "unable to send %s to %s", parse_signame(sig),
		    a->name);
	printf("%s: sent %s to pid %ld\n", a->name, parse_signame(sig),
	    (long)s.app_pid);
	return 0;
}

int
cmd_kill(const struct paths *p, const struct app *a, const struct kill_opts *ko)
{
	struct astate s;
	struct ptab_proc pp;
	unsigned long long start = 0;
	pid_t target;
	int64_t end;
	char age[32];
	int gone;

	(void)p;
	if (load_running(a, &s) != 0)
		return 1;
	target = ko->pid_only ? s.app_pid : s.st.pid;
	if (target <= 0) {
		fprintf(stderr, "%s: %s: no main process\n", err_prog, a->name);
		return 1;
	}
	if (ptab_stat(target, &pp) == 0)
		start = pp.start;
	if (ko->pid_only) {
		if (kill(target, ko->sig) < 0)
			err_diesys(EX_SYS, "unable to send %s to %ld",
			    parse_signame(ko->sig), (long)target);
	} else if (signal_group(a, &s, ko->sig) < 0) {
		err_diesys(EX_SYS, "unable to send %s to %s",
		    parse_signame(ko->sig), a->name);
	}
	printf("%s: sent %s to %s %ld\n", a->name, parse_signame(ko->sig),
	    ko->pid_only ? "pid" : "process group", (long)target);
	if (!ko->wait)
		return 0;
	/* Wait until the process signalled is gone (the same pid and start
	 * time no longer exist, or it is a zombie). */
	end = tstamp_mono_ms() + (ko->timeout_ms >= 0 ? ko->timeout_ms : 30000);
	for (;;) {
		gone = ptab_stat(target, &pp) < 0 || pp.start != start ||
		    pp.state == 'Z';
		if (gone)
			return 0;
		if (tstamp_mono_ms() > end) {
			fprintf(stderr, "%s: %s: pid %ld still running after "
			    "%s\n", err_prog, a->name, (long)target,
			    tstamp_age(age, sizeof age, ko->timeout_ms >= 0 ?
			    ko->timeout_ms : 30000));
			return 1;
		}
		nap();
	}
}
