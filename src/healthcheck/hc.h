/* hc.h: healthcheck's checks, results, options and the pieces that share them. */
#ifndef HC_H
#define HC_H

#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "http.h"
#include "net.h"
#include "proc.h"

enum { CK_EXEC, CK_ARGV, CK_TCP, CK_UNIX, CK_HTTP, CK_WS, CK_PID, CK_PIDFILE };

struct check {
	int kind;
	const char *arg;		/* as given on the command line */
	char *const *argv;		/* CK_ARGV */
	char host[NET_HOST_MAX];	/* CK_TCP */
	unsigned port;
	struct http_url url;		/* CK_HTTP, CK_WS */
	pid_t pid;			/* CK_PID */
	char label[24];			/* perfdata prefix: "http", "http2" */
};

#define HC_MAXPERF 4

struct perf {
	const char *name;		/* "time", "cpu", "rss" */
	double value;
	const char *uom;		/* "s", "%", "B" */
	int prec;			/* decimals */
	double warn, crit;		/* < 0: none */
};

struct result {
	int status;			/* NAG_OK .. NAG_UNKNOWN */
	struct buf detail;		/* one line of text */
	double seconds;			/* how long the check took; < 0: not timed */
	int http_status;		/* 0: none */
	pid_t pid;			/* 0: none */
	double cpu;			/* < 0: not measured */
	double rss;			/* < 0: not measured */
	struct perf perf[HC_MAXPERF];
	int nperf;
	struct buf plugin_perf;		/* an exec check's own perfdata */
};

struct opts {
	struct check *checks;
	int nchecks;
	int64_t timeout, interval, startup_delay, start_period, sample;	/* ms */
	int64_t failure_threshold, success_threshold;
	int watch, json, utc, tree, follow, sd_notify, insecure;
	int given_thresholds;		/* a threshold option was given */
	const char *state, *on_unhealthy, *on_healthy, *ping, *cacert, *expect_body;
	int notify_fd;			/* -1: none */
	const char **headers;		/* NULL-terminated */
	int nheaders;
	struct { int lo, hi; } status_ranges[32];
	int nranges;
	double cpu_max, cpu_warn;	/* < 0: not set */
	double rss_max, rss_warn;
	struct http_tls_opts tls;
};

extern struct opts O;

/* Signals (main.c): set when TERM, INT or HUP arrived. */
extern volatile int hc_stop;
/* The command run_cmd() is running (0: none); other children are reaped
 * whenever they exit. */
extern pid_t hc_child;
/* Become the reaper of our orphaned descendants (Linux; elsewhere
 * nothing). */
void hc_subreaper(void);

/* Wait for fds (n may be 0) and the signal pipe until deadline. Returns
 * >0 when an fd is ready or a child changed state (hc_reap() then), 0
 * when the deadline passed, -1 when a stop signal came (errno EINTR) or
 * poll failed. */
struct pollfd;
int hc_poll(struct pollfd *fds, int n, int64_t deadline);
/* Sleep until deadline: 0, or -1 when a stop signal came. */
int hc_sleep_until(int64_t deadline);

/* check.c */
void check_run(struct check *c, struct result *r);
void result_init(struct result *r);
void result_free(struct result *r);
void result_perf(struct result *r, const char *name, double v, const char *uom,
    int prec, double warn, double crit);

/* run.c: a command in its own process group, killed and reaped whatever
 * happens. out_fd >= 0: its stdout goes there; else it is captured into
 * out (up to cap bytes). Returns 0 with the wait status and *timed_out,
 * or -1 with errno (and *pe) when it could not start, or EINTR when a
 * stop signal came (the group was killed and reaped). */
int run_cmd(char *const *argv, char *const *envp, int out_fd, struct buf *out,
    size_t cap, int64_t deadline, int *status, int *timed_out, struct proc_err *pe);

/* pstat_*.c: process figures. */
struct pstat_proc {
	pid_t pid;
	uint64_t start;			/* start time, to tell reused pids apart */
	uint64_t ticks;			/* user + system CPU, clock ticks */
};
struct pstat {
	struct pstat_proc *procs;
	size_t n;
	uint64_t rss;			/* bytes, summed */
};
/* Whether pid exists and is not a zombie: 1, 0, or -1 with errno. */
int pstat_alive(pid_t pid);
/* The figures of pid (and, with tree, its descendants). 0, or -1 with
 * *why (ESRCH: the process is gone). */
int pstat_read(pid_t pid, int tree, struct pstat *s, const char **why);
void pstat_free(struct pstat *s);
/* CPU used between two readings, in clock ticks. */
uint64_t pstat_cpu_delta(const struct pstat *a, const struct pstat *b);
long pstat_hz(void);

/* health.c: thresholds and the state file. */
enum { H_UNKNOWN, H_HEALTHY, H_WARNING, H_UNHEALTHY };
struct health {
	int base;			/* H_UNKNOWN, H_HEALTHY or H_UNHEALTHY */
	int word;			/* what was last reported */
	int64_t failures, successes, runs;
	int64_t first_ms, last_ms, since_ms;
	int seen_ok;			/* a success ended the start period */
};
const char *health_word(int h);
/* Apply one round's result (a Nagios code); returns the word to report
 * and puts a note ("failure 1 of 3") in note (empty when none). */
int health_update(struct health *h, int raw, int64_t now_ms, char *note, size_t len);
/* Lock FILE (waiting), read it into *h. Returns the locked fd, or -1
 * with *why. */
int health_load(const char *path, struct health *h, const char **why);
/* Write *h to path atomically, then release the lock (close fd). */
int health_save(const char *path, int fd, const struct health *h, const char **why);

/* output.c */
const char *out_code_name(int code);
const char *out_kind(int kind);
/* The details of the results joined by "; ", after "note: ". */
void out_summary(struct buf *b, const char *note, const struct result *res, int n);
/* "HEALTHCHECK OK - summary | perfdata\n" (h: add the failure count). */
void out_nagios(struct buf *b, int code, const char *note, const struct result *res,
    int n, const struct health *h);
void out_text(struct buf *b, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* One JSON object and a newline (word, prev: -1 to leave out). */
void out_json(struct buf *b, const char *stamp, int code, int word, int prev,
    const char *note, const struct result *res, int n, const struct health *h);

/* notify.c */
void notify_sd(const char *msg);
void notify_fd_ready(void);
void notify_ping(const char *suffix);
void notify_hook(const char *cmd, const char *word, const char *prev, const char *detail);

#endif
