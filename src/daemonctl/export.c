/* export.c: daemonctl export: an app as a systemd unit (supervision,
 * limits and sandbox as systemd properties where systemd has them,
 * through daemonrun where it does not), or as a runit or s6 service
 * directory whose run execs the app with daemonrun's attributes and whose
 * log/run execs teelog. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "daemonctl.h"
#include "err.h"
#include "io.h"
#include "parse.h"

struct ex {
	const struct app *a;
	const struct toml *cfg;
	struct chain c;
	int health;
};

static void
add(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
add(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	if (r < 0)
		nomem();
}

/* Write b to path, synced, or die. */
static void
put(const char *path, const struct buf *b, mode_t mode)
{
	if (afile_write(path, b->p, b->len, mode, AFILE_SYNC) < 0)
		err_diesys(EX_SYS, "unable to write %s", path);
}

/* Write b to dir/name, or die. */
static void
put_in(const char *dir, const char *name, const struct buf *b, mode_t mode)
{
	char *f = xpath(dir, name);

	put(f, b, mode);
	free(f);
}

static int
has(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static int64_t
ms(const struct toml *cfg, const char *key)
{
	return cv_ms(cfg, key, -1);
}

static uint64_t
bytes(const struct toml *cfg, const char *key)
{
	uint64_t v = 0;
	const char *why;

	if (cv(cfg, key))
		(void)parse_size(cv(cfg, key), &v, &why);
	return v;
}

/* A list key's elements joined by sep, with prefix before each. */
static void
list(struct buf *b, const struct toml *cfg, const char *key, const char *sep,
    const char *prefix)
{
	const struct toml *t = toml_path(cfg, key), *e;
	size_t i, n;

	if (t == NULL)
		return;
	n = toml_type(t) == TOML_ARRAY ? toml_len(t) : 1;
	for (i = 0; i < n; i++) {
		e = toml_type(t) == TOML_ARRAY ? toml_index(t, i) : t;
		add(b, "%s%s%s", i ? sep : "", prefix, toml_text(e));
	}
}

/* "CAP_NET_BIND_SERVICE" from "net_bind_service" or "cap_net_bind_service". */
static void
caps(struct buf *b, const struct toml *cfg, const char *key)
{
	const struct toml *t = toml_path(cfg, key), *e;
	size_t i, n, k;
	char *s, *tok, *save;

	if (t == NULL)
		return;
	n = toml_type(t) == TOML_ARRAY ? toml_len(t) : 1;
	for (i = 0; i < n; i++) {
		e = toml_type(t) == TOML_ARRAY ? toml_index(t, i) : t;
		s = xstrdup(toml_text(e));
		for (tok = strtok_r(s, ", ", &save); tok;
		    tok = strtok_r(NULL, ", ", &save)) {
			if (strncasecmp(tok, "cap_", 4) == 0)
				tok += 4;
			add(b, " CAP_");
			for (k = 0; tok[k]; k++)
				add(b, "%c", (char)(tok[k] >= 'a' && tok[k] <= 'z' ?
				    tok[k] - 32 : tok[k]));
		}
		free(s);
	}
}

/* The part of the chain after teelog's "--": what runs the app. */
static char *const *
app_part(const struct chain *c)
{
	size_t i, dashes = 0;

	for (i = 0; i < c->super.n; i++)
		if (strcmp(c->super.v[i], "--") == 0 && ++dashes == 2)
			return c->super.v + i + 1;
	return c->super.v + c->super.n;
}

/* teelog's part of the chain, from teelog to its "--" (included). */
static void
teelog_part(const struct chain *c, struct argv *out)
{
	size_t i;
	int in = 0;

	for (i = 0; i < c->super.n; i++) {
		if (!in && strcmp(c->super.v[i], "--") == 0) {
			in = 1;
			continue;
		}
		if (in) {
			av_add(out, c->super.v[i]);
			if (strcmp(c->super.v[i], "--") == 0)
				return;
		}
	}
}

/* The inner daemonrun's options that systemd has no property for. */
static void
untranslated(const struct ex *x, struct argv *dr)
{
	const struct toml *cfg = x->cfg;
	const char *s;

	/* The user and group through daemonrun, not User=: teelog writes
	 * the logs with the unit's privileges, the app drops them. */
	av_opt(dr, "-u", cv_id(cfg, "user"));
	av_opt(dr, "-G", cv_id(cfg, "group"));
	s = cv(cfg, "sandbox.type");
	if (s && strcmp(s, "firejail") == 0) {
		av_opt(dr, "--sandbox", "firejail");
		av_optpath(dr, "--sandbox-profile", x->a->dir,
		    cv(cfg, "sandbox.profile"));
	}
	av_optpath(dr, "--seccomp-profile", x->a->dir,
	    cv(cfg, "sandbox.seccomp_profile"));
	if (cv_bool(cfg, "clear_env", 0))
		av_add(dr, "--clear-env");
}

static void
systemd_unit(struct ex *x, struct buf *b, struct buf *hb)
{
	const struct toml *cfg = x->cfg, *env = toml_path(cfg, "env");
	struct argv v = { NULL, 0, 0 }, dr = { NULL, 0, 0 };
	const char *s, *why;
	char *hook;
	uint64_t sz;
	int64_t t;
	size_t i;
	int sig, sandbox = 0;

	add(b, "# %s.service: daemonctl app %s, exported from %s.\n",
	    x->a->name, x->a->name, x->a->dir);
	add(b, "[Unit]\nDescription=daemonctl app %s\nAfter=network.target\n",
	    x->a->name);
	if (cv_int(cfg, "restart.max_restarts", 0) > 0) {
		add(b, "StartLimitIntervalSec=%lldms\n",
		    (long long)ms(cfg, "restart.window"));
		add(b, "StartLimitBurst=%lld\n",
		    (long long)cv_int(cfg, "restart.max_restarts", 0));
	}
	add(b, "\n[Service]\nType=simple\n");
	s = cv(cfg, "process.chdir");
	hook = s ? path_abs(x->a->dir, s) : xstrdup(x->a->dir);
	add(b, "WorkingDirectory=%s\n", hook);
	free(hook);
	add(b, "Environment=DAEMONCTL_APP=%s\n", x->a->name);
	for (i = 0; i < toml_len(env); i++) {
		add(b, "Environment=\"%s=", toml_key(toml_index(env, i), NULL));
		for (s = toml_text(toml_index(env, i)); *s; s++)
			add(b, "%s%c", *s == '"' || *s == '\\' ? "\\" :
			    *s == '%' ? "%" : "", *s);
		add(b, "\"\n");
	}
	if (toml_path(cfg, "env_file")) {
		const struct toml *t2 = toml_path(cfg, "env_file");
		size_t n = toml_type(t2) == TOML_ARRAY ? toml_len(t2) : 1;
		for (i = 0; i < n; i++) {
			hook = path_abs(x->a->dir, toml_text(toml_type(t2) ==
			    TOML_ARRAY ? toml_index(t2, i) : t2));
			add(b, "EnvironmentFile=%s\n", hook);
			free(hook);
		}
	}
	if (toml_path(cfg, "process.umask")) {
		const struct toml *u = toml_path(cfg, "process.umask");
		if (toml_type(u) == TOML_INTEGER)
			add(b, "UMask=%04llo\n", (unsigned long long)toml_int(u, 0));
		else
			add(b, "UMask=%s\n", toml_text(u));
	}
	if ((s = cv(cfg, "process.nice")) != NULL)
		add(b, "Nice=%s\n", s);

	hook = xstrdup(x->c.out);
	*strrchr(hook, '/') = '\0';
	add(b, "ExecStartPre=/bin/mkdir -p %s\n", hook);
	free(hook);
	hook = app_file(x->a, "on-start");
	if (has(hook))
		add(b, "ExecStartPre=/usr/bin/env DAEMONCTL_EVENT=start %s\n",
		    hook);
	free(hook);
	teelog_part(&x->c, &v);
	untranslated(x, &dr);
	if (dr.n) {
		av_add(&v, tool_path("daemonrun"));
		av_addv(&v, dr.v);
		av_add(&v, "--");
	}
	hook = app_file(x->a, "run");
	av_add(&v, hook);
	free(hook);
	add(b, "ExecStart=");
	for (i = 0; i < v.n; i++) {
		struct buf q = BUF_INIT;
		sh_quote(&q, v.v[i]);
		/* systemd reads quotes like sh; '%' is its specifier. */
		for (s = q.p; *s; s++)
			add(b, "%s%c", *s == '%' ? "%" : "", *s);
		add(b, "%s", i + 1 < v.n ? " " : "\n");
		buf_free(&q);
	}
	hook = app_file(x->a, "on-stop");
	if (has(hook))
		add(b, "ExecStopPost=/usr/bin/env DAEMONCTL_EVENT=stop "
		    "DAEMONCTL_EXIT=${EXIT_STATUS} %s\n", hook);
	free(hook);
	sig = SIGHUP;
	if (cv(cfg, "signals.reload_signal"))
		(void)parse_signal(cv(cfg, "signals.reload_signal"), &sig, &why);
	add(b, "ExecReload=/bin/sh -c 'kill -s %s -- -$MAINPID'\n",
	    parse_signame(sig));
	add(b, "KillMode=control-group\n");
	add(b, "KillSignal=SIG%s\n", parse_signame(x->c.stop_signal));
	add(b, "TimeoutStopSec=%lldms\n", (long long)x->c.kill_timeout);
	s = cv(cfg, "restart.policy");
	add(b, "Restart=%s\n", s == NULL || strcmp(s, "always") == 0 ?
	    "always" : strcmp(s, "no") == 0 ? "no" : "on-failure");
	if ((t = ms(cfg, "restart.delay")) >= 0)
		add(b, "RestartSec=%lldms\n", (long long)t);
	if ((t = ms(cfg, "limits.timeout")) > 0)
		add(b, "RuntimeMaxSec=%lldms\n", (long long)t);
	if ((sz = bytes(cfg, "limits.memory_limit")) > 0)
		add(b, "MemoryMax=%llu\n", (unsigned long long)sz);
	if ((s = cv(cfg, "limits.cpu_limit")) != NULL)
		add(b, "CPUQuota=%s%%\n", s);
	if ((s = cv(cfg, "limits.file_limit")) != NULL)
		add(b, "LimitNOFILE=%s\n", s);
	if ((s = cv(cfg, "limits.process_limit")) != NULL)
		add(b, "LimitNPROC=%s\n", s);
	if (toml_path(cfg, "limits.core_limit"))
		add(b, "LimitCORE=%llu\n", (unsigned long long)bytes(cfg,
		    "limits.core_limit"));
	if (toml_path(cfg, "limits.stack_limit"))
		add(b, "LimitSTACK=%llu\n", (unsigned long long)bytes(cfg,
		    "limits.stack_limit"));
	if (cv_bool(cfg, "sandbox.private_tmp", 0)) {
		add(b, "PrivateTmp=yes\n");
		sandbox = 1;
	}
	if (cv_bool(cfg, "sandbox.private_dev", 0)) {
		add(b, "PrivateDevices=yes\n");
		sandbox = 1;
	}
	if (cv_bool(cfg, "sandbox.no_network", 0)) {
		add(b, "PrivateNetwork=yes\n");
		sandbox = 1;
	}
	if (toml_path(cfg, "sandbox.readonly_paths")) {
		add(b, "ReadOnlyPaths=");
		list(b, cfg, "sandbox.readonly_paths", " ", "");
		add(b, "\n");
		sandbox = 1;
	}
	if (cv_bool(cfg, "sandbox.seccomp", 0)) {
		add(b, "SystemCallFilter=~@mount @reboot @module @swap @debug "
		    "kexec_load kexec_file_load\n");
		sandbox = 1;
	}
	if (toml_path(cfg, "security.capabilities_drop")) {
		add(b, "CapabilityBoundingSet=~");
		caps(b, cfg, "security.capabilities_drop");
		add(b, "\n");
		sandbox = 1;
	}
	if (toml_path(cfg, "security.capabilities_keep")) {
		add(b, "CapabilityBoundingSet=");
		caps(b, cfg, "security.capabilities_keep");
		add(b, "\nAmbientCapabilities=");
		caps(b, cfg, "security.capabilities_keep");
		add(b, "\n");
		sandbox = 1;
	}
	s = cv(cfg, "sandbox.type");
	if (sandbox || (s && strcmp(s, "none") != 0))
		add(b, "NoNewPrivileges=yes\n");
	if (toml_path(cfg, "watch.files"))
		add(b, "# [watch] files: use a %s.path unit (PathChanged=) to "
		    "restart on changes.\n", x->a->name);
	if (x->health)
		add(b, "# Health checks: %s-health.service restarts this unit "
		    "when they fail.\n", x->a->name);
	add(b, "\n[Install]\nWantedBy=%s\n", geteuid() == 0 ?
	    "multi-user.target" : "default.target");
	av_free(&v);
	av_free(&dr);

	if (!x->health)
		return;
	add(hb, "# %s-health.service: the health checks of daemonctl app %s.\n",
	    x->a->name, x->a->name);
	add(hb, "[Unit]\nDescription=health checks of daemonctl app %s\n"
	    "BindsTo=%s.service\nAfter=%s.service\n\n[Service]\n"
	    "Environment=DAEMONCTL_APP=%s\nWorkingDirectory=%s\nExecStart=",
	    x->a->name, x->a->name, x->a->name, x->a->name, x->a->dir);
	for (i = 0; i < x->c.health.n; i++) {
		struct buf q = BUF_INIT;
		if (strcmp(x->c.health.v[i], "--json") == 0)
			continue;
		if (strcmp(x->c.health.v[i], "--pid-file") == 0 ||
		    strcmp(x->c.health.v[i], "--cpu-max") == 0 ||
		    strcmp(x->c.health.v[i], "--rss-max") == 0) {
			i++;	/* no pid file under systemd */
			continue;
		}
		if (strcmp(x->c.health.v[i], "--tree") == 0)
			continue;
		if (strcmp(x->c.health.v[i], "--exec-argv") == 0)
			add(hb, "--on-unhealthy 'systemctl restart %s.service' ",
			    x->a->name);
		sh_quote(&q, x->c.health.v[i]);
		for (s = q.p; *s; s++)
			add(hb, "%s%c", *s == '%' ? "%" : "", *s);
		add(hb, " ");
		buf_free(&q);
	}
	if (hb->len && hb->p[hb->len - 1] == ' ')
		hb->p[--hb->len] = '\0';
	if (strstr(hb->p, "--on-unhealthy") == NULL)
		add(hb, " --on-unhealthy 'systemctl restart %s.service'",
		    x->a->name);
	add(hb, "\nRestart=always\n\n[Install]\nWantedBy=%s.service\n",
	    x->a->name);
}

/* run, finish, log/run (and check) of a runit or s6 service. */
static void
svdir(struct ex *x, const char *dir, int s6)
{
	struct buf b = BUF_INIT;
	struct argv v = { NULL, 0, 0 };
	char *const *app;
	char *f, *hook;
	size_t i;

	if (afile_mkdirs(dir, 0755) < 0)
		err_diesys(EX_SYS, "unable to create %s", dir);
	f = xasprintf("%s/log", dir);
	if (mkdir(f, 0755) < 0 && errno != EEXIST)
		err_diesys(EX_SYS, "unable to create %s", f);
	free(f);

	add(&b, "#!/bin/sh\n# %s service %s: daemonctl app %s, exported from "
	    "%s.\n# Both streams go to log/run (teelog).\nexec 2>&1\n",
	    s6 ? "s6" : "runit", x->a->name, x->a->name, x->a->dir);
	add(&b, "cd ");
	sh_quote(&b, x->a->dir);
	add(&b, " || exit 111\nDAEMONCTL_APP=");
	sh_quote(&b, x->a->name);
	add(&b, "\nexport DAEMONCTL_APP\n");
	hook = app_file(x->a, "on-start");
	if (has(hook)) {
		add(&b, "DAEMONCTL_EVENT=start ");
		sh_quote(&b, hook);
		add(&b, " || exit\n");
	}
	free(hook);
	add(&b, "exec ");
	app = app_part(&x->c);
	/* Without the on-start shell of the chain: it is above. */
	if (app[0] && strcmp(app[0], "/bin/sh") == 0 && app[1] &&
	    strcmp(app[1], "-c") == 0)
		app += 4;
	av_shell(&b, app);
	add(&b, "\n");
	put_in(dir, "run", &b, 0755);

	hook = app_file(x->a, "on-stop");
	f = xasprintf("%s/finish", dir);
	if (has(hook)) {
		buf_reset(&b);
		add(&b, "#!/bin/sh\n# After each run: the on-stop hook with the "
		    "exit status (%s).\ncode=$1\n", s6 ?
		    "s6 passes 256 and the signal when killed" :
		    "runit passes -1 and the status when killed");
		if (s6)
			add(&b, "[ \"$1\" = 256 ] && code=$((128 + $2))\n");
		else
			add(&b, "[ \"$1\" = -1 ] && code=$((128 + ($2 & 127)))\n");
		add(&b, "cd ");
		sh_quote(&b, x->a->dir);
		add(&b, " || exit 111\nDAEMONCTL_APP=");
		sh_quote(&b, x->a->name);
		add(&b, " DAEMONCTL_EVENT=stop DAEMONCTL_EXIT=$code exec ");
		sh_quote(&b, hook);
		add(&b, "\n");
		put(f, &b, 0755);
	} else {
		(void)unlink(f);
	}
	free(f);
	free(hook);

	/* log/run: teelog reading the service's output. */
	buf_reset(&b);
	teelog_part(&x->c, &v);
	if (v.n >= 4) {
		/* drop --no-signal-forward, ERR.log and "--": the stdin form */
		for (i = 0; i < v.n; i++)
			if (strcmp(v.v[i], "--no-signal-forward") == 0) {
				free(v.v[i]);
				memmove(v.v + i, v.v + i + 1,
				    (v.n - i) * sizeof *v.v);
				v.n--;
				break;
			}
		free(v.v[v.n - 1]);
		free(v.v[v.n - 2]);
		v.n -= 2;
		v.v[v.n] = NULL;
	}
	add(&b, "#!/bin/sh\n# The logger of %s: teelog, rotating %s.\nmkdir -p ",
	    x->a->name, x->c.out);
	f = xstrdup(x->c.out);
	*strrchr(f, '/') = '\0';
	sh_quote(&b, f);
	free(f);
	add(&b, " || exit 111\nexec ");
	av_shell(&b, v.v);
	add(&b, "\n");
	put_in(dir, "log/run", &b, 0755);
	av_free(&v);

	if (x->health) {
		/* One-shot checks for "sv check" / a readiness probe. */
		buf_reset(&b);
		for (i = 0; i < x->c.health.n; i++) {
			const char *a = x->c.health.v[i];
			if (strcmp(a, "--watch") == 0 || strcmp(a, "--json") == 0 ||
			    strcmp(a, "--tree") == 0)
				continue;
			if (strcmp(a, "--interval") == 0 ||
			    strcmp(a, "--failure-threshold") == 0 ||
			    strcmp(a, "--success-threshold") == 0 ||
			    strcmp(a, "--startup-delay") == 0 ||
			    strcmp(a, "--pid-file") == 0 ||
			    strcmp(a, "--cpu-max") == 0 ||
			    strcmp(a, "--rss-max") == 0) {
				i++;
				continue;
			}
			av_add(&v, a);
		}
		add(&b, "#!/bin/sh\n# The health check of %s, once (sv check).\n"
		    "cd ", x->a->name);
		sh_quote(&b, x->a->dir);
		add(&b, " || exit 111\nexec ");
		av_shell(&b, v.v);
		add(&b, " >/dev/null\n");
		put_in(dir, "check", &b, 0755);
		av_free(&v);
	}
	if (s6) {
		/* s6-rc's files of one line each. */
		buf_reset(&b);
		add(&b, "%lld\n", (long long)x->c.kill_timeout);
		put_in(dir, "timeout-kill", &b, 0644);
		buf_reset(&b);
		add(&b, "SIG%s\n", parse_signame(x->c.stop_signal));
		put_in(dir, "down-signal", &b, 0644);
		buf_reset(&b);
		add(&b, "longrun\n");
		put_in(dir, "type", &b, 0644);
	}
	buf_free(&b);
}

int
cmd_export(const struct paths *p, const struct app *a,
    const struct conf_opts *co, const char *format, const char *outdir)
{
	struct toml *cfg;
	struct buf b = BUF_INIT, hb = BUF_INIT;
	struct ex x;
	char *dir, *f;

	if (format == NULL)
		err_die(EX_USAGE, "export needs --format systemd, runit or s6");
	if (strcmp(format, "systemd") != 0 && strcmp(format, "runit") != 0 &&
	    strcmp(format, "s6") != 0)
		err_die(EX_USAGE, "bad --format '%s': one of systemd, runit, s6",
		    format);
	app_require(a);
	cfg = conf_resolve(p, a, co, 1);
	memset(&x, 0, sizeof x);
	x.a = a;
	x.cfg = cfg;
	chain_build(&x.c, a, cfg);
	x.health = x.c.health.n > 0;
	if (strcmp(format, "systemd") == 0) {
		systemd_unit(&x, &b, &hb);
		if (outdir == NULL) {
			if (hb.len) {
				add(&b, "\n# ---- %s-health.service ----\n",
				    a->name);
				add(&b, "%s", hb.p);
			}
			if (io_writeall(1, b.p, b.len) < 0)
				err_diesys(EX_SYS, "unable to write");
		} else {
			if (afile_mkdirs(outdir, 0755) < 0)
				err_diesys(EX_SYS, "unable to create %s", outdir);
			f = xasprintf("%s/%s.service", outdir, a->name);
			put(f, &b, 0644);
			printf("%s\n", f);
			free(f);
			if (hb.len) {
				f = xasprintf("%s/%s-health.service", outdir,
				    a->name);
				put(f, &hb, 0644);
				printf("%s\n", f);
				free(f);
			}
		}
	} else {
		dir = xpath(outdir ? outdir : ".", a->name);
		svdir(&x, dir, strcmp(format, "s6") == 0);
		printf("%s\n", dir);
		free(dir);
	}
	chain_free(&x.c);
	toml_free(cfg);
	buf_free(&b);
	buf_free(&hb);
	return 0;
}
