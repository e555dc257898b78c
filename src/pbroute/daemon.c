/* daemon.c: `pbroute daemon`: seed 000's daemon mode as a daemonrun argv.
 *
 * pbroute does not supervise itself: it execs
 *
 *	daemonrun --restart always --watch CONFIG [--watch ENVFILE]
 *	    [--watch F]... [--watch-ignore G]... [--reload-interval D]
 *	    [--log-level L] [--log FILE --stderr FILE]
 *	    -- PBROUTE [listen options]
 *
 * with daemonrun found beside pbroute's own executable first, then in
 * PATH. Options win over the config's [daemon] keys; missing watch files
 * are left out with a warning (daemonrun refuses to watch what does not
 * exist). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "err.h"
#include "pbroute.h"
#include "path.h"
#include "proc.h"

struct argv {
	char **v;
	size_t n, cap;
};

static void
add(struct argv *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		a->cap = a->cap ? a->cap * 2 : 32;
		a->v = realloc(a->v, a->cap * sizeof *a->v);
		if (a->v == NULL)
			err_die(EX_SYS, "out of memory");
	}
	if ((a->v[a->n++] = strdup(s)) == NULL)
		err_die(EX_SYS, "out of memory");
	a->v[a->n] = NULL;
}

static void
add2(struct argv *a, const char *opt, const char *val)
{
	add(a, opt);
	add(a, val);
}

static void
addms(struct argv *a, const char *opt, int64_t ms)
{
	char b[32];

	snprintf(b, sizeof b, "%lldms", (long long)ms);
	add2(a, opt, b);
}

static void
watch(struct argv *a, const char *path, const char *from)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		err_warn("not watching %s (%s): %s", path, from, strerror(errno));
		return;
	}
	add2(a, "--watch", path);
}

void pb_daemon_exec(int argc, char **argv, const struct pb_listen *l,
    const char *env_file, const char *log_level, int64_t reload_ms,
    char **watches, size_t nwatch) __attribute__((noreturn));

void
pb_daemon_exec(int argc, char **argv, const struct pb_listen *l,
    const char *env_file, const char *log_level, int64_t reload_ms,
    char **watches, size_t nwatch)
{
	struct argv a = { NULL, 0, 0 };
	const struct pb_config *c = &l->cfg;
	char self[PATH_MAX], dr[PATH_MAX], def[PATH_MAX];
	const char *config = l->config_path;
	size_t i;

	(void)argc;
	if (path_self(argv[0], self, sizeof self) < 0)
		snprintf(self, sizeof self, "%s", argv[0]);
	if (path_tool(argv[0], "daemonrun", dr, sizeof dr) < 0)
		err_die(EX_NOTFOUND, "unable to find daemonrun (beside %s or "
		    "in PATH)", self);
	if (config == NULL && pb_config_default_path(def, sizeof def) == 0)
		config = def;

	add(&a, dr);
	add2(&a, "--restart", "always");
	if (config)
		watch(&a, config, "the config file");
	if (env_file)
		watch(&a, env_file, "--env-file");
	for (i = 0; i < nwatch; i++)
		watch(&a, watches[i], "--watch-files");
	if (nwatch == 0)
		for (i = 0; i < c->nwatch; i++)
			watch(&a, c->watch_files[i], "[daemon] watch_files");
	for (i = 0; i < c->nignore; i++)
		add2(&a, "--watch-ignore", c->ignore_patterns[i]);
	if (reload_ms < 0)
		reload_ms = c->reload_interval_ms;
	if (reload_ms >= 0)
		addms(&a, "--reload-interval", reload_ms);
	if (log_level || c->log_level) {
		char lv[16];
		int n = evlog_level(log_level ? log_level : c->log_level);
		snprintf(lv, sizeof lv, "%s", evlog_level_name(n));
		add2(&a, "--log-level", lv);
	}
	if (c->log_file) {
		add2(&a, "--log", c->log_file);
		add2(&a, "--stderr", c->log_file);
	}
	add(&a, "--");

	/* pbroute itself, with the listen options. */
	add(&a, self);
	if (l->mode == PB_MODE_DEVICE)
		add2(&a, "--device", l->device);
	else if (l->mode == PB_MODE_ALL)
		add(&a, "--all-devices");
	else
		add(&a, "--auto-route");
	if (l->session)
		add2(&a, "--session", l->session);
	if (l->tmux.socket_name)
		add2(&a, "-L", l->tmux.socket_name);
	if (l->tmux.socket_path)
		add2(&a, "-S", l->tmux.socket_path);
	if (l->config_path)
		add2(&a, "--config", l->config_path);
	if (env_file)
		add2(&a, "--env-file", env_file);
	if (l->state_path)
		add2(&a, "--state", l->state_path);
	if (strcmp(l->api_base, PB_DEFAULT_API) != 0)
		add2(&a, "--api-url", l->api_base);
	if (strcmp(l->stream_prefix, PB_DEFAULT_STREAM) != 0)
		add2(&a, "--stream-url", l->stream_prefix);
	if (l->tls.cacert)
		add2(&a, "--cacert", l->tls.cacert);
	if (log_level)
		add2(&a, "--log-level", log_level);
	if (l->nop_timeout_ms != 90000)
		addms(&a, "--nop-timeout", l->nop_timeout_ms);
	if (l->backoff_min_ms != 1000)
		addms(&a, "--backoff", l->backoff_min_ms);
	if (l->backoff_max_ms != 300000)
		addms(&a, "--backoff-max", l->backoff_max_ms);
	if (l->http_timeout_ms != 30000)
		addms(&a, "--http-timeout", l->http_timeout_ms);

	fflush(NULL);
	execv(dr, a.v);
	err_diesys(errno == ENOENT ? EX_NOTFOUND : EX_NOEXEC, "unable to run %s", dr);
}
