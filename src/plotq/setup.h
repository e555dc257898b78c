/* setup.h: the daemon's start-up and end: options and config, daemonrun,
 * locks, store, socket. Each setup_* call either succeeds or exits with
 * one line on stderr (100 for a bad option or config, 111 otherwise). */
#ifndef PLOTQ_SETUP_H
#define PLOTQ_SETUP_H

struct daemon;

/* What the command line said (NULL/-1/0: not given). */
struct dopts {
	const char *workspace, *config, *log_file, *store, *socket;
	const char *pid_file, *user, *group, *log_level_arg;
	const char *host, *port;	/* the monitor */
	int log_level, daemonize, utc;
};

/* Workspace, configuration, event log. */
void setup_init(struct daemon *d, struct dopts *o);
/* --daemonize, --pid-file, --user, --group (or [daemon] pid_file): run
 * again under daemonrun (exec; returns only when already under it). */
void setup_daemonrun(struct daemon *d, struct dopts *o, const char *argv0);
/* The socket directory, the daemon's pid file (SOCK.pid) and the
 * workspace lock (WORKSPACE/plotq.pid). */
void setup_lock(struct daemon *d);
/* The job store and the queues. */
void setup_store(struct daemon *d, struct dopts *o);
/* Remove a stale socket and listen. */
void setup_listen(struct daemon *d);
/* The monitor, when --port or [websocket] asks for it. */
void setup_monitor(struct daemon *d, struct dopts *o);
/* The end of a graceful shutdown: store, socket, pid files. */
void setup_teardown(struct daemon *d);
/* SIGHUP: reopen the event log file. */
void setup_reopen_log(struct daemon *d);

#endif
