/* setup.c: the daemon's start-up and teardown (see setup.h). */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "afile.h"
#include "daemon.h"
#include "err.h"
#include "io.h"
#include "lock.h"
#include "path.h"
#include "monitor.h"
#include "setup.h"
#include "sig.h"
#include "store.h"
#include "tstamp.h"

static const char *log_path;	/* the event log file, for SIGHUP */

/* An absolute version of path (relative to base, or the current
 * directory when base is NULL); malloc'd. */
static char *
absolute(const char *path, const char *base)
{
	char cwd[PATH_MAX], *r;

	if (path[0] == '/')
		return strdup(path);
	if (base == NULL) {
		if (getcwd(cwd, sizeof cwd) == NULL)
			err_diesys(EX_SYS, "unable to find the current directory");
		base = cwd;
	}
	if (asprintf(&r, "%s/%s", base, path) < 0)
		err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	return r;
}

static void
warn_line(void *arg, const char *msg)
{
	(void)arg;
	err_warn("%s", msg);
}

static void
open_log(struct daemon *d)
{
	int fd;

	if (log_path == NULL)
		return;
	fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY,
	    0600);
	if (fd < 0)
		err_diesys(EX_SYS, "unable to open %s", log_path);
	fd = io_fd_above2(fd);
	if (d->ev.fd > 2)
		close(d->ev.fd);
	d->ev.fd = fd;
}

void
setup_reopen_log(struct daemon *d)
{
	if (log_path == NULL)
		return;
	open_log(d);
	d_log(d, EV_INFO, "reopen", "file=%s", log_path);
}

void
setup_init(struct daemon *d, struct dopts *o)
{
	char def[PATH_MAX], why[1024], *cfg_ws = NULL;
	const char *ws;
	int level;

	config_init(&d->cfg);
	d->lfd = d->pidfd = d->wslockfd = -1;
	if (o->config) {
		if (config_load(&d->cfg, o->config, 0, warn_line, NULL, why,
		    sizeof why) < 0)
			err_die(EX_USAGE, "%s", why);
		cfg_ws = d->cfg.workspace;
	}
	ws = o->workspace ? o->workspace : cfg_ws;
	if (ws == NULL) {
		if (ws_default(def, sizeof def) < 0)
			err_die(EX_USAGE, "no workspace: set --workspace, "
			    "XDG_DATA_HOME or HOME");
		ws = def;
	}
	d->ws = absolute(ws, NULL);
	if (o->config == NULL) {
		char *p;
		if (asprintf(&p, "%s/config.toml", d->ws) < 0)
			err_die(EX_SYS, "unable to allocate");
		if (config_load(&d->cfg, p, 1, warn_line, NULL, why,
		    sizeof why) < 0)
			err_die(EX_USAGE, "%s", why);
		free(p);
		if (d->cfg.workspace)
			err_warn("%s: [daemon] workspace ignored: the file is "
			    "inside a workspace already", d->cfg.path);
	}
	if (o->pid_file == NULL && d->cfg.pid_file)
		o->pid_file = d->cfg.pid_file;
	if (o->log_file)
		log_path = absolute(o->log_file, NULL);
	else if (d->cfg.log_file)
		log_path = absolute(d->cfg.log_file, d->ws);
	/* To be run again under daemonrun, perhaps as another user: that
	 * one makes the workspace and opens the log, not this one. */
	if ((o->daemonize || o->pid_file || o->user || o->group) &&
	    getenv("PLOTQ_DAEMONRUN") == NULL)
		return;
	if (afile_mkdirs(d->ws, 0700) < 0)
		err_diesys(EX_SYS, "unable to create workspace %s", d->ws);
	free(d->ws);
	if ((d->ws = realpath(ws, NULL)) == NULL)
		err_diesys(EX_SYS, "unable to resolve workspace %s", ws);
	level = o->log_level >= 0 ? o->log_level :
	    d->cfg.log_level >= 0 ? d->cfg.log_level : EV_INFO;
	evlog_init(&d->ev, "plotq", 2, level);
	d->ev.utc = d->utc = o->utc;
	open_log(d);
}

/* argv for: daemonrun [--daemonize] [--pid-file F] [--user U]
 * [--run-group G] -- PLOTQ daemon -w WS [options given]. */
void
setup_daemonrun(struct daemon *d, struct dopts *o, const char *argv0)
{
	char dr[PATH_MAX], self[PATH_MAX], lv[16];
	const char *av[40];
	int n = 0;

	if (getenv("PLOTQ_DAEMONRUN") != NULL)
		return;
	if (path_tool(argv0, "daemonrun", dr, sizeof dr) < 0)
		err_die(EX_SYS, "--daemonize, --pid-file, --user and --group "
		    "need daemonrun, not found beside plotq or in PATH");
	if (path_self(argv0, self, sizeof self) < 0)
		err_diesys(EX_SYS, "unable to find the plotq executable");
	av[n++] = "daemonrun";
	if (o->daemonize)
		av[n++] = "--daemonize";
	if (o->pid_file) {
		av[n++] = "--pid-file";
		av[n++] = absolute(o->pid_file, NULL);
	}
	if (o->user) {
		av[n++] = "--user";
		av[n++] = o->user;
	}
	if (o->group) {
		av[n++] = "--run-group";
		av[n++] = o->group;
	}
	av[n++] = "--";
	av[n++] = self;
	av[n++] = "daemon";
	av[n++] = "--workspace";
	av[n++] = d->ws;
	if (d->cfg.path) {
		av[n++] = "--config";
		av[n++] = d->cfg.path[0] == '/' ? d->cfg.path :
		    absolute(d->cfg.path, NULL);
	}
	if (o->log_level_arg) {
		snprintf(lv, sizeof lv, "%s", o->log_level_arg);
		av[n++] = "--log-level";
		av[n++] = lv;
	}
	if (log_path) {
		av[n++] = "--log-file";
		av[n++] = log_path;
	}
	if (o->store) {
		av[n++] = "--store";
		av[n++] = o->store;
	}
	if (o->socket) {
		av[n++] = "--socket";
		av[n++] = absolute(o->socket, NULL);
	}
	if (o->utc)
		av[n++] = "--utc";
	if (o->host) {
		av[n++] = "--host";
		av[n++] = o->host;
	}
	if (o->port) {
		av[n++] = "--port";
		av[n++] = o->port;
	}
	av[n] = NULL;
	if (setenv("PLOTQ_DAEMONRUN", "1", 1) < 0)
		err_diesys(EX_SYS, "unable to set PLOTQ_DAEMONRUN");
	execv(dr, (char *const *)av);
	err_diesys(EX_SYS, "unable to run %s", dr);
}

void
setup_lock(struct daemon *d)
{
	char why[512];
	const char *w;
	pid_t holder = 0;

	if (sock_paths(&d->sp, d->sock_override, &w) < 0)
		err_die(EX_USAGE, "%s", w);
	if (sock_dir_check(&d->sp, 1, why, sizeof why) < 0)
		err_die(EX_SYS, "%s", why);
	d->pidfd = pidfile_acquire(d->sp.pid, getpid(), &holder);
	if (d->pidfd < 0) {
		if (errno == EWOULDBLOCK)
			err_die(EX_SYS, "a daemon is already running on %s "
			    "(pid %ld)", d->sp.sock, (long)holder);
		err_diesys(EX_SYS, "unable to lock %s", d->sp.pid);
	}
	d->wslockfd = pidfile_acquire(d->wslock_path, getpid(), &holder);
	if (d->wslockfd < 0) {
		if (errno == EWOULDBLOCK)
			err_die(EX_SYS, "workspace %s is in use by another "
			    "daemon (pid %ld)", d->ws, (long)holder);
		err_diesys(EX_SYS, "unable to lock %s", d->wslock_path);
	}
}

void
setup_store(struct daemon *d, struct dopts *o)
{
	char why[1024], jobs[PATH_MAX];
	const char *kind = o->store;
	size_t i;

	if (kind == NULL && (kind = getenv("PLOTQ_STORE")) != NULL &&
	    *kind == '\0')
		kind = NULL;
	if (kind && strcmp(kind, "sqlite") != 0 && strcmp(kind, "spool") != 0)
		err_die(EX_USAGE, "bad PLOTQ_STORE '%s': want sqlite or spool",
		    kind);
	if (kind == NULL)
		kind = d->cfg.store;
	snprintf(jobs, sizeof jobs, "%s/jobs", d->ws);
	if (mkdir(jobs, 0700) < 0 && errno != EEXIST)
		err_diesys(EX_SYS, "unable to create %s", jobs);
	d->store = store_open(d->ws, kind, d->cfg.sync_full, 1, why, sizeof why);
	if (d->store == NULL && errno == ENOSYS)
		err_die(EX_USAGE, "%s", why);
	if (d->store == NULL)
		d_fatal(d, "%s; refusing to start", why);
	for (i = 0; i < d->cfg.nqueues; i++)
		if (sched_queue_add(d, d->cfg.queues[i].name,
		    d->cfg.queues[i].slots, d->cfg.queues[i].device, 1) == NULL)
			err_die(EX_SYS, "unable to allocate");
	if (sched_queue_add(d, "default", 1, NULL, 1) == NULL)
		err_die(EX_SYS, "unable to allocate");
	setup_paused_load(d);
}

void
setup_listen(struct daemon *d)
{
	/* Stale: the pid file lock says no daemon is there. */
	if (unlink(d->sp.sock) < 0 && errno != ENOENT)
		err_diesys(EX_SYS, "unable to remove stale socket %s", d->sp.sock);
	d->lfd = sock_listen(d->sp.sock);
	if (d->lfd < 0)
		err_diesys(EX_SYS, "unable to listen on %s", d->sp.sock);
	if (sig_init() < 0 || sig_catch(SIGCHLD) < 0 || sig_catch(SIGTERM) < 0 ||
	    sig_catch(SIGINT) < 0 || sig_catch(SIGHUP) < 0 ||
	    sig_ignore(SIGPIPE) < 0)
		err_diesys(EX_SYS, "unable to set up signals");
}

void
setup_monitor(struct daemon *d, struct dopts *o)
{
	const struct wsconf *wc = &d->cfg.ws;
	const char *host;
	char why[512], *end;
	long port = -1;

	d->beat_ms = wc->heartbeat_ms > 0 ? wc->heartbeat_ms : HEARTBEAT_MS;
	d->beat_at = tstamp_mono_ms() + d->beat_ms;
	if (o->port) {
		errno = 0;
		port = strtol(o->port, &end, 10);
		if (errno || end == o->port || *end || port < 0 || port > 65535)
			err_die(EX_USAGE, "bad --port '%s': want 0 to 65535",
			    o->port);
	} else if (wc->enabled == 1 || (wc->enabled != 0 && wc->port >= 0)) {
		port = wc->port >= 0 ? wc->port : MONITOR_DEFAULT_PORT;
	}
	if (port < 0)
		return;
	host = o->host ? o->host : wc->host ? wc->host : "localhost";
	d->mon = monitor_start(d, host, port, why, sizeof why);
	if (d->mon == NULL)
		d_fatal(d, "%s", why);
	d_log(d, EV_INFO, "monitor", "host=%s port=%d url=http://%s%s%s:%d/",
	    host, monitor_port(d->mon), strchr(host, ':') ? "[" : "", host,
	    strchr(host, ':') ? "]" : "", monitor_port(d->mon));
}

void
setup_teardown(struct daemon *d)
{
	struct conn *c;
	struct buf b = BUF_INIT;

	monitor_stop(d);
	io_close(d->lfd);
	d->lfd = -1;
	runner_close(&d->runner);
	store_close(d->store);
	d->store = NULL;
	unlink(d->sp.sock);
	d_log(d, EV_INFO, "exit", "jobs=%lld", (long long)d->maxid);
	pidfile_release(d->sp.pid, d->pidfd);
	pidfile_release(d->wslock_path, d->wslockfd);
	buf_adds(&b, "{\"type\":\"exit\"}");
	for (c = d->conns; c; c = c->next) {
		if (c->dead)
			continue;
		if (c->shutdown)
			d_send(d, c, &b);
		/* A last, bounded effort to deliver what is pending. */
		if (c->out.len) {
			io_nonblock(c->fd, 0);
			(void)io_writeall(c->fd, c->out.p, c->out.len);
		}
	}
	buf_free(&b);
}
