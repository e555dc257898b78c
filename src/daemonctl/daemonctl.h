/* daemonctl.h: the modules of daemonctl, which manages named apps by
 * composing daemonrun, teelog and healthcheck. */
#ifndef DAEMONCTL_H
#define DAEMONCTL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "svstatus.h"
#include "toml.h"

/* argv.c: argument vectors that grow. */
struct argv {
	char **v;		/* NULL-terminated */
	size_t n, cap;
};
void av_add(struct argv *a, const char *s);
void av_addf(struct argv *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void av_addv(struct argv *a, char *const *v);
/* lib/sig.h's self-pipe with the signals of sigs (0-terminated)
 * caught; dies when the pipe cannot be made. */
void catch_signals(const int *sigs);
/* "OPT VALUE" when value is not NULL; av_optpath() with value made
 * absolute against base. */
void av_opt(struct argv *a, const char *opt, const char *value);
void av_optpath(struct argv *a, const char *opt, const char *base,
    const char *value);
void av_free(struct argv *a);
/* The vector as one shell-quoted line (for export, messages). */
void av_shell(struct buf *b, char *const *v);
/* s quoted for sh(1) when it needs it. */
void sh_quote(struct buf *b, const char *s);
void nomem(void) __attribute__((noreturn));
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xpath(const char *dir, const char *name);	/* "dir/name" */

/* paths.c: where apps, their state and their logs live. */
struct paths {
	char *home;		/* --home / DAEMONCTL_HOME, absolute; or NULL */
	char *apps;		/* APPS: one directory per app */
	char *cfg;		/* the global config.toml */
	char *run;		/* runtime state, one directory per app */
	char *logs;		/* logs, one directory per app */
	int private_run;	/* run is a private /tmp directory */
};
struct app {
	char *name;
	char *dir;		/* APPS/NAME */
	char *run;		/* RUN/NAME: the daemonrun state directory */
	char *logs;		/* LOGS/NAME */
};
void paths_init(struct paths *p, const char *home);
/* NULL when name is a good app name, else why not. */
const char *app_name_bad(const char *name);
void app_init(struct app *a, const struct paths *p, const char *name);
void app_free(struct app *a);
/* 1 when APPS/NAME is a directory with an executable run. */
int app_exists(const struct app *a);
/* Die (100) unless the app exists; messages name it. */
void app_require(const struct app *a);
/* The app names under APPS, sorted; *n of them. */
char **apps_list(const struct paths *p, size_t *n);
/* RUN/NAME/FILE, LOGS/NAME/FILE, APPS/NAME/FILE (malloc'd). */
char *app_runfile(const struct app *a, const char *file);
char *app_logfile(const struct app *a, const char *file);
char *app_file(const struct app *a, const char *file);
/* Create RUN/NAME and LOGS/NAME (and their parents): dies on failure. */
void app_mkdirs(const struct paths *p, const struct app *a);
/* A path made absolute against base (malloc'd). */
char *path_abs(const char *base, const char *path);

/* tools.c: the composed tools, found beside daemonctl first, then in
 * PATH; and daemonctl's own executable. */
void tools_init(const char *argv0);	/* main's argv[0] */
const char *tool_path(const char *name);
const char *self_path(void);

/* conf.c: the configuration keys, layering and validation. */
enum {
	KT_STR, KT_BOOL, KT_INT, KT_DUR, KT_SIZE, KT_SIG, KT_SIGS, KT_LIST,
	KT_PCT, KT_UMASK, KT_NICE, KT_ENUM, KT_NUM, KT_MB, KT_TSFMT,
	KT_COMPRESS, KT_FD, KT_TABLE
};
enum { TO_SUPER, TO_TEELOG, TO_INNER, TO_HEALTH, TO_CTL };
struct ckey {
	const char *key;	/* "limits.memory_limit" */
	int type;		/* KT_* */
	const char *def;	/* the default as TOML value text, or NULL */
	const char *choices;	/* KT_ENUM: "no|on-failure|always" */
	int to;			/* TO_*: who gets it */
	const char *opt;	/* that tool's option */
	const char *doc;	/* one line for --help and the man page */
};
extern const struct ckey ckeys[];
const struct ckey *ckey_find(const char *key);
/* Overrides from the command line, in order: key, TOML value text,
 * origin ("--config-override", "--memory-limit"). */
struct override {
	char *key;
	char *value;
	const char *origin;
};
struct conf_opts {
	int no_config;
	struct override *ov;
	size_t nov;
};
/* The app's configuration after every layer (defaults when with_defaults,
 * the global file, the app's file, DAEMONCTL_{APP}_{KEY}, the overrides),
 * validated: unknown keys warn, a bad value dies (100) naming its file,
 * key and why. app may be NULL for the global configuration alone. */
struct toml *conf_resolve(const struct paths *p, const struct app *a,
    const struct conf_opts *co, int with_defaults);
/* Parse one file (NULL when missing); dies on a syntax error. */
struct toml *conf_file(const char *path, char **text, size_t *len);
/* Check a value for key: NULL when good, else why (static or in buf). */
const char *conf_check(const struct ckey *k, const struct toml *v,
    struct buf *why);
/* Accessors on the resolved tree: text of a scalar or NULL. */
const char *cv(const struct toml *cfg, const char *key);
int cv_bool(const struct toml *cfg, const char *key, int def);
int64_t cv_ms(const struct toml *cfg, const char *key, int64_t def);
int64_t cv_int(const struct toml *cfg, const char *key, int64_t def);
/* process.NAME, else security.NAME (they name the same option). */
const char *cv_id(const struct toml *cfg, const char *name);
/* Add --config-override K=V to co (dies on a bad one). */
void conf_override(struct conf_opts *co, const char *kv, const char *origin);
void conf_override_kv(struct conf_opts *co, const char *key,
    const char *value_toml, const char *origin);

/* chain.c: the argv of each composed tool. */
struct chain {
	struct argv super;	/* daemonrun --state-dir ... -- teelog ... -- [sh] [daemonrun] run */
	struct argv health;	/* healthcheck --watch ..., empty when off */
	struct argv onstop;	/* the on-stop hook, empty when none */
	char *events;		/* the event log */
	char *out, *err;	/* teelog's files */
	int64_t kill_timeout;	/* ms */
	int stop_signal, reload_signal;
	int inner;		/* a daemonrun between teelog and the app */
	int onstart;		/* the on-start hook's shell, likewise */
};
void chain_build(struct chain *c, const struct app *a, const struct toml *cfg);
void chain_free(struct chain *c);
/* Whether health monitoring is on for this configuration. */
int chain_health_on(const struct app *a, const struct toml *cfg);

/* state.c: an app's state, from its files. */
enum { ST_RUNNING, ST_DEAD, ST_STOPPED, ST_UNKNOWN };
struct astate {
	int exists;
	int sv_running;		/* RUN/lock held: the supervisor lives */
	int have_status;
	struct svstatus st;
	pid_t run_pid;		/* daemonctl run (RUN/run.pid locked), or 0 */
	pid_t outer_pid;	/* the daemonrun of start (RUN/daemonctl.pid), or 0 */
	int stale;		/* a pid file whose lock is free */
	pid_t app_pid;		/* the app itself (below teelog), or 0 */
	int lsb;		/* LSB_* */
	const char *word;	/* up, starting, backoff, stopping, down, failed, dead, stopped */
	/* RUN/health */
	int have_health;
	char health[16];	/* healthy, warning, unhealthy, unknown, off */
	char health_summary[256];
	char unhealthy[256];	/* why the last health restart */
	int64_t health_since;	/* ms */
	unsigned long health_restarts;
	long failures, successes;
	int inner;		/* inner_daemonrun: 1, 0, or -1 not known */
	pid_t rec_app, rec_below;	/* app_pid, and the supervised pid it is below */
};
void astate_load(const struct app *a, struct astate *s);
/* astate_load, skipping what a status of many apps need not read: */
#define ASTATE_LISTED	0x1	/* the app was just listed: it exists */
#define ASTATE_BRIEF	0x2	/* run.pid only when the supervisor is not up */
void astate_read(const struct app *a, struct astate *s, int flags);
/* The app's own pid below the supervised pid (teelog), or 0; inner is
 * whether a daemonrun may stand between them (RUN/health's
 * inner_daemonrun), -1 when not known. */
pid_t app_main_pid(pid_t top, int inner);
/* For daemonctl run, once per start: the app's pid below top when the
 * chain has settled (the on-start hook's shell and an inner daemonrun
 * have become the app, or the daemonrun staying has forked it), 0 while
 * not yet. */
pid_t app_settled_pid(pid_t top, int onstart, int inner);
/* Between astate_batch(1) and astate_batch(0), the process table is read
 * at most once (status of many apps at one moment); each call drops the
 * table read before. */
void astate_batch(int on);

/* Print the chain (run --dry-run). */
void chain_print(const struct chain *c);

/* The commands. Each returns the exit status. */
struct cmdopts;
int cmd_run(const struct paths *p, const struct app *a,
    const struct conf_opts *co, int notify_fd);
int cmd_start(const struct paths *p, const struct app *a,
    const struct conf_opts *co, char **passthru, int64_t wait_ms);
int cmd_stop(const struct paths *p, const struct app *a,
    const struct conf_opts *co, int64_t timeout_ms);
int cmd_restart(const struct paths *p, const struct app *a,
    const struct conf_opts *co, int64_t wait_ms);
int cmd_reload(const struct paths *p, const struct app *a,
    const struct conf_opts *co);
struct kill_opts {
	int sig;
	int pid_only;
	int wait;
	int64_t timeout_ms;
};
int cmd_kill(const struct paths *p, const struct app *a,
    const struct kill_opts *ko);
struct status_opts {
	int watch;
	int64_t refresh_ms;
	int procs, resources, health, json;
};
int cmd_status(const struct paths *p, char **names, size_t n,
    const struct status_opts *so);
int cmd_list(const struct paths *p, int json);
struct logs_opts {
	int follow, timestamps;
	int have_since, have_until;
	int64_t since, until;	/* ms */
	const char *level;
	const char *grep;
	long tail, head;	/* -1: not asked */
	int out, err;		/* which streams */
};
int cmd_logs(const struct paths *p, const struct app *a,
    const struct conf_opts *co, const struct logs_opts *lo);
int cmd_export(const struct paths *p, const struct app *a,
    const struct conf_opts *co, const char *format, const char *outdir);
struct config_opts {
	int all, global, resolved;
	const char *format;	/* toml, json, yaml */
	const char *path;
};
int cmd_config_show(const struct paths *p, const char *name,
    const struct conf_opts *co, const struct config_opts *o);
int cmd_config_set(const struct paths *p, const char *name, char **kv,
    size_t n);
int cmd_new(const struct paths *p, const char *name, char **cmd);

/* ctl.c helpers shared with status and run. */
/* Write control letters to RUN/control: 0, or -1 (ENXIO: no supervisor). */
int ctl_write(const struct app *a, const char *letters);
/* The control letter daemonrun has for a signal sent to the group, or 0. */
int ctl_letter(int sig);

/* Sizes for humans: "512B", "1.5M" (durations: tstamp_age). */
const char *fmt_size(char *buf, size_t len, uint64_t bytes);

#endif
