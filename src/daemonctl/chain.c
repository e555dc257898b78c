/* chain.c: the argv of each composed tool, from the resolved
 * configuration (OVERVIEW.md's composition):
 *
 *	daemonrun --state-dir RUN [supervision options] --
 *	  teelog --no-signal-forward -q [rotation] OUT.log ERR.log --
 *	    [sh -c 'on-start hook, then exec'] [daemonrun [attributes] --] APPDIR/run
 *	healthcheck --watch --json --pid-file RUN/pid [checks]
 *
 * The inner daemonrun is left out when no attribute is asked for, and
 * the hook's shell when there is no on-start hook: each costs an exec. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemonctl.h"
#include "err.h"
#include "parse.h"

/* The shell that runs the on-start hook before each start of the app,
 * inside the chain (so daemonrun's own restarts run it too), and then
 * becomes the rest of the command line. */
static const char onstart_sh[] =
    "DAEMONCTL_EVENT=start \"$0\" || exit; exec \"$@\"";

static int
executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    access(path, X_OK) == 0;
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Add "OPT VALUE" when the key has a value. */
static void
opt_val(struct argv *v, const struct toml *cfg, const char *key,
    const char *opt)
{
	av_opt(v, opt, cv(cfg, key));
}

/* Keys and their options, added by opt_vals() in this order. */
struct kopt {
	const char *key, *opt;
};

static const struct kopt limit_opts[] = {
	{ "limits.memory_limit", "--memory-limit" },
	{ "limits.cpu_limit", "--cpu-limit" },
	{ "limits.file_limit", "--file-limit" },
	{ "limits.process_limit", "--proc-limit" },
	{ "limits.core_limit", "--core-limit" },
	{ "limits.stack_limit", "--stack-limit" },
	{ NULL, NULL }
};

static const struct kopt health_opts[] = {
	{ "monitoring.check_interval", "--interval" },
	{ "monitoring.check_timeout", "--timeout" },
	{ "monitoring.failure_threshold", "--failure-threshold" },
	{ "monitoring.success_threshold", "--success-threshold" },
	{ "monitoring.startup_delay", "--startup-delay" },
	{ NULL, NULL }
};

static void
opt_vals(struct argv *v, const struct toml *cfg, const struct kopt *ko)
{
	for (; ko->key; ko++)
		opt_val(v, cfg, ko->key, ko->opt);
}

static void
opt_flag(struct argv *v, const struct toml *cfg, const char *key,
    const char *opt)
{
	if (cv_bool(cfg, key, 0))
		av_add(v, opt);
}

/* A list key: its elements joined with sep into one value, or (sep
 * NULL) one "OPT VALUE" per element. Relative paths are made absolute
 * against base when base is given. */
static void
opt_list(struct argv *v, const struct toml *cfg, const char *key,
    const char *opt, const char *sep, const char *base)
{
	const struct toml *t = toml_path(cfg, key), *e;
	struct buf b = BUF_INIT;
	size_t i, n;
	char *abs;

	if (t == NULL)
		return;
	n = toml_type(t) == TOML_ARRAY ? toml_len(t) : 1;
	for (i = 0; i < n; i++) {
		e = toml_type(t) == TOML_ARRAY ? toml_index(t, i) : t;
		/* An empty glob clears daemonrun's defaults: keep it. */
		if (toml_text(e) == NULL || (*toml_text(e) == '\0' &&
		    (base || sep)))
			continue;
		abs = base ? path_abs(base, toml_text(e)) :
		    xstrdup(toml_text(e));
		if (sep) {
			if ((b.len && buf_adds(&b, sep) < 0) ||
			    buf_adds(&b, abs) < 0)
				nomem();
		} else {
			av_add(v, opt);
			av_add(v, abs);
		}
		free(abs);
	}
	if (sep && b.len) {
		av_add(v, opt);
		av_add(v, b.p);
	}
	buf_free(&b);
}

static char *
cfg_path(const struct toml *cfg, const char *key, const char *base,
    const char *def)
{
	const char *s = cv(cfg, key);

	return path_abs(base, s ? s : def);
}

int
chain_health_on(const struct app *a, const struct toml *cfg)
{
	const struct toml *en = toml_path(cfg, "monitoring.enabled");
	char *c1, *c2;
	int on;

	if (en)
		return cv_bool(cfg, "monitoring.enabled", 0);
	c1 = app_file(a, "check");
	c2 = app_file(a, "check.sh");
	on = exists(c1) || exists(c2) ||
	    cv(cfg, "monitoring.check_command") != NULL ||
	    cv(cfg, "monitoring.cpu_threshold") != NULL ||
	    cv(cfg, "monitoring.memory_threshold") != NULL;
	free(c1);
	free(c2);
	return on;
}

/* The inner daemonrun: process attributes, limits, sandbox and
 * environment, applied before it executes the app in its own place.
 * Returns whether any was asked for. */
static int
inner(struct argv *v, const struct app *a, const struct toml *cfg)
{
	const struct toml *env = toml_path(cfg, "env"), *e;
	const char *s;
	size_t i, n0 = v->n;

	av_opt(v, "-u", cv_id(cfg, "user"));
	av_opt(v, "-G", cv_id(cfg, "group"));
	av_optpath(v, "-C", a->dir, cv(cfg, "process.chdir"));
	if ((e = toml_path(cfg, "process.umask")) != NULL) {
		if (toml_type(e) == TOML_INTEGER)
			av_addf(v, "--umask=%03llo",
			    (unsigned long long)toml_int(e, 0));
		else
			av_addf(v, "--umask=%s", toml_text(e));
	}
	opt_val(v, cfg, "process.nice", "--nice");
	opt_flag(v, cfg, "clear_env", "--clear-env");
	opt_list(v, cfg, "env_file", "--env-file", NULL, a->dir);
	for (i = 0; i < toml_len(env); i++) {
		e = toml_index(env, i);
		av_addf(v, "--env=%s=%s", toml_key(e, NULL), toml_text(e));
	}
	opt_vals(v, cfg, limit_opts);
	s = cv(cfg, "sandbox.type");
	if (s && strcmp(s, "none") != 0)
		av_opt(v, "--sandbox", s);
	av_optpath(v, "--sandbox-profile", a->dir, cv(cfg, "sandbox.profile"));
	opt_flag(v, cfg, "sandbox.private_tmp", "--private-tmp");
	opt_flag(v, cfg, "sandbox.private_dev", "--private-dev");
	opt_flag(v, cfg, "sandbox.no_network", "--no-network");
	opt_list(v, cfg, "sandbox.readonly_paths", "--readonly-paths", ":",
	    NULL);
	opt_flag(v, cfg, "sandbox.seccomp", "--seccomp");
	av_optpath(v, "--seccomp-profile", a->dir,
	    cv(cfg, "sandbox.seccomp_profile"));
	opt_list(v, cfg, "security.capabilities_drop", "--caps-drop", ",",
	    NULL);
	opt_list(v, cfg, "security.capabilities_keep", "--caps-keep", ",",
	    NULL);
	return v->n > n0;
}

static void
supervisor(struct argv *v, const struct app *a, const struct toml *cfg)
{
	const char *s;

	av_add(v, tool_path("daemonrun"));
	av_add(v, "--state-dir");
	av_add(v, a->run);
	opt_val(v, cfg, "restart.policy", "--restart");
	opt_val(v, cfg, "restart.delay", "--restart-delay");
	opt_val(v, cfg, "restart.max_delay", "--restart-max-delay");
	opt_val(v, cfg, "restart.reset", "--restart-reset");
	if (cv_int(cfg, "restart.max_restarts", 0) > 0) {
		opt_val(v, cfg, "restart.max_restarts", "--max-restarts");
		opt_val(v, cfg, "restart.window", "--restart-window");
	}
	opt_val(v, cfg, "signals.kill_timeout", "--kill-timeout");
	opt_val(v, cfg, "signals.stop_signal", "--stop-signal");
	opt_val(v, cfg, "signals.reload_signal", "--reload-signal");
	if (toml_path(cfg, "signals.forward")) {
		const struct toml *t = toml_path(cfg, "signals.forward");
		size_t i, n = toml_type(t) == TOML_ARRAY ? toml_len(t) : 1;
		for (i = 0; i < n; i++) {
			av_add(v, "-S");
			av_add(v, toml_text(toml_type(t) == TOML_ARRAY ?
			    toml_index(t, i) : t));
		}
	} else if (!cv_bool(cfg, "signals.forward_all", 1)) {
		av_add(v, "--no-signal-forward");
	}
	opt_list(v, cfg, "signals.preserve", "--preserve-signals", ",", NULL);
	opt_val(v, cfg, "logging.level", "--log-level");
	opt_flag(v, cfg, "logging.utc", "--utc");
	opt_val(v, cfg, "limits.timeout", "--timeout");
	if ((s = cv(cfg, "process.notify_fd")) != NULL) {
		av_add(v, "--notify-fd");
		av_add(v, s);
		opt_val(v, cfg, "process.ready_timeout", "--ready-timeout");
	}
	if (toml_path(cfg, "watch.files")) {
		opt_list(v, cfg, "watch.files", "--watch", NULL, a->dir);
		opt_list(v, cfg, "watch.ignore_patterns", "--watch-ignore",
		    NULL, NULL);
		opt_val(v, cfg, "watch.reload_interval", "--reload-interval");
	}
	av_add(v, "--");
}

static void
teelog(struct argv *v, const struct toml *cfg, const char *out,
    const char *err)
{
	const struct toml *t;
	const char *s;
	int b;

	av_add(v, tool_path("teelog"));
	av_add(v, "--no-signal-forward");
	av_add(v, "-q");
	if ((s = cv(cfg, "logging.max_size")) != NULL && strcmp(s, "0") != 0)
		av_addf(v, "--max-size=%s", s);
	opt_val(v, cfg, "logging.max_age", "--max-age");
	if ((s = cv(cfg, "logging.max_count")) != NULL && strcmp(s, "0") != 0)
		av_addf(v, "--max-count=%s", s);
	t = toml_path(cfg, "logging.timestamps");
	s = toml_text(t);
	if (s && parse_bool(s, &b, &s) == 0) {
		if (b)
			av_add(v, "-t");
	} else if (s) {
		av_addf(v, "--timestamps=%s", toml_text(t));
	}
	t = toml_path(cfg, "logging.compress");
	s = toml_text(t);
	if (s && parse_bool(s, &b, &s) == 0) {
		if (b)
			av_add(v, "-z");
	} else if (s) {
		av_addf(v, "--compress=%s", toml_text(t));
	}
	av_add(v, out);
	av_add(v, err);
	av_add(v, "--");
}

static void
health(struct argv *v, const struct app *a, const struct toml *cfg)
{
	const struct toml *mt;
	const char *s;
	char *check, *pid;

	av_add(v, tool_path("healthcheck"));
	av_add(v, "--watch");
	av_add(v, "--json");
	opt_vals(v, cfg, health_opts);
	opt_flag(v, cfg, "logging.utc", "--utc");
	s = cv(cfg, "monitoring.cpu_threshold");
	mt = toml_path(cfg, "monitoring.memory_threshold");
	check = app_file(a, "check");
	if (!exists(check)) {
		free(check);
		check = app_file(a, "check.sh");
	}
	/* The process itself (daemonrun's RUN/pid: teelog, and with --tree
	 * the app below it) when its CPU and memory are watched, or when
	 * there is no other check. */
	if (s || mt || (!exists(check) &&
	    cv(cfg, "monitoring.check_command") == NULL)) {
		pid = app_runfile(a, "pid");
		av_add(v, "--pid-file");
		av_add(v, pid);
		free(pid);
	}
	if (s || mt)
		av_add(v, "--tree");
	if (s) {
		av_add(v, "--cpu-max");
		av_add(v, s);
	}
	if (mt) {
		av_add(v, "--rss-max");
		if (toml_type(mt) == TOML_STRING)
			av_add(v, toml_text(mt));
		else
			av_addf(v, "%sM", toml_text(mt));
	}
	opt_val(v, cfg, "monitoring.check_command", "--exec");
	if (exists(check)) {
		av_add(v, "--exec-argv");
		av_add(v, "--");
		if (!executable(check))
			av_add(v, "/bin/sh");
		av_add(v, check);
	}
	free(check);
}

void
chain_build(struct chain *c, const struct app *a, const struct toml *cfg)
{
	struct argv in = { NULL, 0, 0 };
	const char *why;
	char *hook, *run;

	memset(c, 0, sizeof *c);
	c->events = cfg_path(cfg, "logging.file", a->logs, "events.log");
	c->out = cfg_path(cfg, "logging.stdout", a->logs, "out.log");
	c->err = cfg_path(cfg, "logging.stderr", a->logs, "err.log");
	c->kill_timeout = cv_ms(cfg, "signals.kill_timeout", 30000);
	c->stop_signal = SIGTERM;
	if (cv(cfg, "signals.stop_signal"))
		(void)parse_signal(cv(cfg, "signals.stop_signal"),
		    &c->stop_signal, &why);
	c->reload_signal = SIGHUP;
	if (cv(cfg, "signals.reload_signal"))
		(void)parse_signal(cv(cfg, "signals.reload_signal"),
		    &c->reload_signal, &why);

	supervisor(&c->super, a, cfg);
	teelog(&c->super, cfg, c->out, c->err);
	hook = app_file(a, "on-start");
	if (exists(hook)) {
		if (!executable(hook))
			err_die(EX_USAGE, "unable to use %s: not an executable "
			    "file", hook);
		av_add(&c->super, "/bin/sh");
		av_add(&c->super, "-c");
		av_add(&c->super, onstart_sh);
		av_add(&c->super, hook);
		c->onstart = 1;
	}
	free(hook);
	if ((c->inner = inner(&in, a, cfg))) {
		/* It stays as the app's parent for cgroup limits and CPU
		 * duty-cycling: its own info lines would land in err.log. */
		av_add(&c->super, tool_path("daemonrun"));
		av_add(&c->super, "--log-level=warn");
		av_addv(&c->super, in.v);
		av_add(&c->super, "--");
	}
	av_free(&in);
	run = app_file(a, "run");
	av_add(&c->super, run);
	free(run);

	if (chain_health_on(a, cfg))
		health(&c->health, a, cfg);
	hook = app_file(a, "on-stop");
	if (exists(hook)) {
		if (!executable(hook))
			err_die(EX_USAGE, "unable to use %s: not an executable "
			    "file", hook);
		av_add(&c->onstop, hook);
	}
	free(hook);
}

void
chain_free(struct chain *c)
{
	av_free(&c->super);
	av_free(&c->health);
	av_free(&c->onstop);
	free(c->events);
	free(c->out);
	free(c->err);
}

void
chain_print(const struct chain *c)
{
	struct buf b = BUF_INIT;

	buf_adds(&b, "supervisor: ");
	av_shell(&b, c->super.v);
	buf_adds(&b, "\nhealth: ");
	if (c->health.n)
		av_shell(&b, c->health.v);
	else
		buf_adds(&b, "off");
	buf_adds(&b, "\non-stop: ");
	if (c->onstop.n)
		av_shell(&b, c->onstop.v);
	else
		buf_adds(&b, "none");
	buf_printf(&b, "\nevents: %s\n", c->events);
	fputs(b.p, stdout);
	buf_free(&b);
}
