/* daemonctl: manage named apps by composing daemonrun, teelog and
 * healthcheck. main.c parses the command line of each command (options
 * before or after the operands) and calls the command. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemonctl.h"
#include "err.h"
#include "opt.h"
#include "parse.h"
#include "tstamp.h"

static const char usage_line[] =
    "daemonctl [--home DIR] [--no-config] [--config-override K=V] COMMAND "
    "[ARG...]";

static const char help_text[] =
    "usage: daemonctl [--home DIR] [--no-config] [--config-override K=V] COMMAND ...\n"
    "  list [--json]                       apps, state, pid, uptime, restarts, health\n"
    "  new NAME -- CMD [ARG...]            scaffold an app (run script, config.toml)\n"
    "  start NAME [run options] [--wait D] daemonize the supervisor; return once up\n"
    "  run NAME [run options]              the supervisor in the foreground\n"
    "  stop NAME [--timeout D]             stop the app and its supervisor\n"
    "  restart NAME [--wait D]             restart (the supervisor too if the config changed)\n"
    "  reload NAME                         send the reload signal\n"
    "  status [NAME...] [-w] [--refresh S] [-p] [--resources] [--health] [--json]\n"
    "  logs NAME [-f] [--since T] [--until T] [-t] [--level L] [--grep RE]\n"
    "       [--tail [N]] [--head [N]] [--stdout | --stderr]\n"
    "  kill NAME [SIGNAL] [-a | -p] [-w] [--timeout D]\n"
    "  config show [NAME] [-a] [-g] [--format toml|json|yaml] [--resolved] [--path KEY]\n"
    "  config set [NAME] KEY=VALUE...\n"
    "  export NAME --format systemd|runit|s6 [-o DIR]\n"
    "Run options (daemonrun's; each overrides a config key for this run):\n"
    "  -u USER -G GROUP -C DIR --umask M --nice N -A --no-signal-forward -S SIG\n"
    "  --preserve-signals L -k D --stop-signal S --reload-signal S -l FILE\n"
    "  --log-level L --stdout FILE --stderr FILE --syslog --utc --memory-limit SIZE\n"
    "  --cpu-limit PCT --file-limit N --proc-limit N --core-limit SIZE\n"
    "  --stack-limit SIZE --timeout D --sandbox TYPE --sandbox-profile FILE\n"
    "  --private-tmp --private-dev --no-network --readonly-paths P:P --caps-drop L\n"
    "  --caps-keep L --seccomp --seccomp-profile FILE --env K=V --env-file FILE\n"
    "  --clear-env --restart P --restart-delay D --restart-max-delay D\n"
    "  --restart-reset D --max-restarts N --restart-window D --watch PATH\n"
    "  --watch-ignore GLOB --reload-interval D --notify-fd N --ready-timeout D\n"
    "See daemonctl(1).\n";

enum {
	O_HOME = 256, O_NO_CONFIG, O_OVERRIDE, O_HELP, O_VERSION, O_JSON,
	O_WAIT, O_TIMEOUT, O_REFRESH, O_RESOURCES, O_HEALTH, O_SINCE,
	O_UNTIL, O_LEVEL, O_GREP, O_TAIL, O_HEAD, O_STDOUT, O_STDERR,
	O_FORMAT, O_RESOLVED, O_PATH, O_SIGNAL, O_DRY_RUN,
	O_RUN = 1000		/* run options: O_RUN + index in runopts */
};

/* daemonctl's run options: each sets a configuration key. */
enum { RO_SET, RO_TRUE, RO_FALSE, RO_ADD, RO_ENV };
static const struct runopt {
	const char *name;
	int shortc;
	int has_arg;
	const char *key;
	int kind;
} runopts[] = {
	{ "user", 'u', 1, "process.user", RO_SET },
	{ "run-group", 'G', 1, "process.group", RO_SET },
	{ "chdir", 'C', 1, "process.chdir", RO_SET },
	{ "umask", 0, 1, "process.umask", RO_SET },
	{ "nice", 0, 1, "process.nice", RO_SET },
	{ "notify-fd", 0, 1, "process.notify_fd", RO_SET },
	{ "ready-timeout", 0, 1, "process.ready_timeout", RO_SET },
	{ "forward-all-signals", 'A', 0, "signals.forward_all", RO_TRUE },
	{ "no-signal-forward", 0, 0, "signals.forward_all", RO_FALSE },
	{ "signal", 'S', 1, "signals.forward", RO_ADD },
	{ "preserve-signals", 0, 1, "signals.preserve", RO_SET },
	{ "kill-timeout", 'k', 1, "signals.kill_timeout", RO_SET },
	{ "stop-signal", 0, 1, "signals.stop_signal", RO_SET },
	{ "reload-signal", 0, 1, "signals.reload_signal", RO_SET },
	{ "log", 'l', 1, "logging.file", RO_SET },
	{ "log-level", 0, 1, "logging.level", RO_SET },
	{ "stdout", 0, 1, "logging.stdout", RO_SET },
	{ "stderr", 0, 1, "logging.stderr", RO_SET },
	{ "syslog", 0, 0, "logging.syslog", RO_TRUE },
	{ "utc", 0, 0, "logging.utc", RO_TRUE },
	{ "memory-limit", 0, 1, "limits.memory_limit", RO_SET },
	{ "cpu-limit", 0, 1, "limits.cpu_limit", RO_SET },
	{ "file-limit", 0, 1, "limits.file_limit", RO_SET },
	{ "proc-limit", 0, 1, "limits.process_limit", RO_SET },
	{ "core-limit", 0, 1, "limits.core_limit", RO_SET },
	{ "stack-limit", 0, 1, "limits.stack_limit", RO_SET },
	{ "timeout", 0, 1, "limits.timeout", RO_SET },
	{ "sandbox", 0, 1, "sandbox.type", RO_SET },
	{ "sandbox-profile", 0, 1, "sandbox.profile", RO_SET },
	{ "private-tmp", 0, 0, "sandbox.private_tmp", RO_TRUE },
	{ "private-dev", 0, 0, "sandbox.private_dev", RO_TRUE },
	{ "no-network", 0, 0, "sandbox.no_network", RO_TRUE },
	{ "readonly-paths", 0, 1, "sandbox.readonly_paths", RO_SET },
	{ "caps-drop", 0, 1, "security.capabilities_drop", RO_SET },
	{ "caps-keep", 0, 1, "security.capabilities_keep", RO_SET },
	{ "seccomp", 0, 0, "sandbox.seccomp", RO_TRUE },
	{ "seccomp-profile", 0, 1, "sandbox.seccomp_profile", RO_SET },
	{ "env", 0, 1, "env", RO_ENV },
	{ "env-file", 0, 1, "env_file", RO_ADD },
	{ "clear-env", 0, 0, "clear_env", RO_TRUE },
	{ "restart", 0, 1, "restart.policy", RO_SET },
	{ "restart-delay", 0, 1, "restart.delay", RO_SET },
	{ "restart-max-delay", 0, 1, "restart.max_delay", RO_SET },
	{ "restart-reset", 0, 1, "restart.reset", RO_SET },
	{ "max-restarts", 0, 1, "restart.max_restarts", RO_SET },
	{ "restart-window", 0, 1, "restart.window", RO_SET },
	{ "watch", 0, 1, "watch.files", RO_ADD },
	{ "watch-ignore", 0, 1, "watch.ignore_patterns", RO_ADD },
	{ "reload-interval", 0, 1, "watch.reload_interval", RO_SET },
	{ NULL, 0, 0, NULL, 0 }
};

/* What the command line said. */
static struct {
	const char *home;
	struct conf_opts co;
	struct argv passthru;		/* run options, for start -> run */
	struct argv adds[8];		/* RO_ADD values, per key */
	const char *add_keys[8];
	size_t nadds;
	int json, watch, procs, resources, health, follow, timestamps;
	int all, global, resolved, pid_only, all_procs, kwait, dry_run;
	const char *refresh, *wait, *timeout, *since, *until, *level, *grep;
	const char *tail, *head, *format, *path, *outdir, *signal;
	int out, err;
	int tail_set, head_set;
	char **ops;
	size_t nops;
} C;

static void
usage(void)
{
	err_usage("%s", usage_line);
}

static int64_t
duration(const char *opt, const char *s)
{
	int64_t ms;
	const char *why;

	if (parse_duration(s, &ms, &why) < 0)
		err_die(EX_USAGE, "bad --%s '%s': %s", opt, s, why);
	return ms;
}

static void
add_long(struct option **lo, size_t *n, const char *name, int has_arg,
    int val)
{
	struct option *nl = realloc(*lo, (*n + 2) * sizeof *nl);

	if (nl == NULL)
		nomem();
	*lo = nl;
	nl[*n].name = name;
	nl[*n].has_arg = has_arg;
	nl[*n].flag = NULL;
	nl[*n].val = val;
	(*n)++;
	memset(&nl[*n], 0, sizeof *nl);
}

/* Command-specific options, by name. */
struct copt {
	const char *name;
	int has_arg;
	int val;
	int shortc;
};

static const struct copt common[] = {
	{ "home", 1, O_HOME, 0 }, { "no-config", 0, O_NO_CONFIG, 0 },
	{ "config-override", 1, O_OVERRIDE, 0 }, { "help", 0, O_HELP, 'h' },
	{ "version", 0, O_VERSION, 'V' }, { NULL, 0, 0, 0 }
};

static void
run_option(int idx, const char *arg)
{
	const struct runopt *r = &runopts[idx];
	struct buf v = BUF_INIT, k = BUF_INIT;
	const char *eq;
	char *from;
	size_t i;

	if (r->has_arg)
		av_addf(&C.passthru, "--%s=%s", r->name, arg);
	else
		av_addf(&C.passthru, "--%s", r->name);
	/* A bad value names the option (kept for the run's lifetime). */
	from = xasprintf("--%s", r->name);
	switch (r->kind) {
	case RO_SET:
		if (toml_add_str(&v, arg, strlen(arg)) < 0)
			nomem();
		conf_override_kv(&C.co, r->key, v.p, from);
		break;
	case RO_TRUE:
	case RO_FALSE:
		conf_override_kv(&C.co, r->key, r->kind == RO_TRUE ? "true" :
		    "false", from);
		break;
	case RO_ENV:
		if ((eq = strchr(arg, '=')) == NULL || eq == arg)
			err_die(EX_USAGE, "bad --env '%s': not KEY=VALUE", arg);
		if (buf_adds(&k, "env.") < 0 ||
		    toml_add_key(&k, arg, (size_t)(eq - arg)) < 0 ||
		    toml_add_str(&v, eq + 1, strlen(eq + 1)) < 0)
			nomem();
		conf_override_kv(&C.co, k.p, v.p, from);
		break;
	case RO_ADD:
		for (i = 0; i < C.nadds; i++)
			if (strcmp(C.add_keys[i], r->key) == 0)
				break;
		if (i == C.nadds) {
			C.add_keys[C.nadds++] = r->key;
			memset(&C.adds[i], 0, sizeof C.adds[i]);
		}
		av_add(&C.adds[i], arg);
		free(from);
		break;
	}
	buf_free(&v);
	buf_free(&k);
}

/* The list options, each as one array override. */
static void
finish_adds(void)
{
	struct buf v = BUF_INIT;
	size_t i, j;

	for (i = 0; i < C.nadds; i++) {
		buf_reset(&v);
		buf_addc(&v, '[');
		for (j = 0; j < C.adds[i].n; j++) {
			if (j)
				buf_adds(&v, ", ");
			toml_add_str(&v, C.adds[i].v[j], strlen(C.adds[i].v[j]));
		}
		if (buf_addc(&v, ']') < 0)
			nomem();
		conf_override_kv(&C.co, C.add_keys[i], v.p, "the command line");
	}
	buf_free(&v);
}

/* "--tail 5" and "--head 5" as "--tail=5": the number is optional. */
static int
join_optional(int argc, char **argv)
{
	int i, j;

	for (i = 1; i + 1 < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if ((strcmp(argv[i], "--tail") == 0 ||
		    strcmp(argv[i], "--head") == 0) && argv[i + 1][0] &&
		    strspn(argv[i + 1], "0123456789") == strlen(argv[i + 1])) {
			argv[i] = xasprintf("%s=%s", argv[i], argv[i + 1]);
			for (j = i + 1; j + 1 < argc; j++)
				argv[j] = argv[j + 1];
			argv[argc - 1] = NULL;
			argc--;
		}
	}
	return argc;
}

static void
parse(int argc, char **argv, const struct copt *own, int runopts_too)
{
	struct option *lo = NULL;
	struct buf shorts = BUF_INIT;
	const struct copt *o;
	size_t n = 0, i;
	char ebuf[256];
	int c;

	buf_adds(&shorts, ":hV");
	for (o = common; o->name; o++)
		add_long(&lo, &n, o->name, o->has_arg, o->val);
	for (o = own; o && o->name; o++) {
		add_long(&lo, &n, o->name, o->has_arg, o->val);
		if (o->shortc) {
			buf_addc(&shorts, (char)o->shortc);
			if (o->has_arg == 1)
				buf_addc(&shorts, ':');
		}
	}
	if (runopts_too)
		for (i = 0; runopts[i].name; i++) {
			add_long(&lo, &n, runopts[i].name, runopts[i].has_arg,
			    O_RUN + (int)i);
			if (runopts[i].shortc) {
				buf_addc(&shorts, (char)runopts[i].shortc);
				if (runopts[i].has_arg)
					buf_addc(&shorts, ':');
			}
		}
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts.p, lo, NULL)) != -1) {
		if (c == '?' || c == ':')
			err_die(EX_USAGE, "%s", opt_error(c, argv, optind,
			    optopt, ebuf, sizeof ebuf));
		/* A short option of a command maps to its long value. */
		for (o = own; o && o->name && c < 256; o++)
			if (o->shortc == c) {
				c = o->val;
				break;
			}
		if (c < 256 && runopts_too)
			for (i = 0; runopts[i].name; i++)
				if (runopts[i].shortc == c) {
					c = O_RUN + (int)i;
					break;
				}
		switch (c) {
		case 'h':
		case O_HELP:
			fputs(help_text, stdout);
			exit(0);
		case 'V':
		case O_VERSION:
			err_version();
		case O_HOME: C.home = optarg; break;
		case O_NO_CONFIG:
			C.co.no_config = 1;
			av_add(&C.passthru, "--no-config");
			break;
		case O_OVERRIDE:
			conf_override(&C.co, optarg, "--config-override");
			av_addf(&C.passthru, "--config-override=%s", optarg);
			break;
		case O_JSON: C.json = 1; break;
		case O_WAIT: C.wait = optarg; break;
		case O_TIMEOUT: C.timeout = optarg; break;
		case O_REFRESH: C.refresh = optarg; break;
		case O_RESOURCES: C.resources = 1; break;
		case O_HEALTH: C.health = 1; break;
		case O_SINCE: C.since = optarg; break;
		case O_UNTIL: C.until = optarg; break;
		case O_LEVEL: C.level = optarg; break;
		case O_GREP: C.grep = optarg; break;
		case O_TAIL: C.tail_set = 1; C.tail = optarg; break;
		case O_HEAD: C.head_set = 1; C.head = optarg; break;
		case O_STDOUT: C.out = 1; break;
		case O_STDERR: C.err = 1; break;
		case O_FORMAT: C.format = optarg; break;
		case O_RESOLVED: C.resolved = 1; break;
		case O_PATH: C.path = optarg; break;
		case O_SIGNAL: C.signal = optarg; break;
		case O_DRY_RUN: C.dry_run = 1; break;
		case 'w': C.watch = 1; C.kwait = 1; break;
		case 'p': C.procs = 1; C.pid_only = 1; break;
		case 'f': C.follow = 1; break;
		case 't': C.timestamps = 1; break;
		case 'a': C.all = 1; C.all_procs = 1; break;
		case 'g': C.global = 1; break;
		case 'o': C.outdir = optarg; break;
		default:
			if (c >= O_RUN) {
				run_option(c - O_RUN, optarg);
				break;
			}
			usage();
		}
	}
	C.ops = argv + optind;
	C.nops = (size_t)(argc - optind);
	finish_adds();
	free(lo);
	buf_free(&shorts);
}

static const struct copt o_start[] = {
	{ "wait", 1, O_WAIT, 0 }, { "dry-run", 0, O_DRY_RUN, 'n' },
	{ NULL, 0, 0, 0 }
};
static const struct copt o_run[] = {
	{ "dry-run", 0, O_DRY_RUN, 'n' }, { NULL, 0, 0, 0 }
};
static const struct copt o_stop[] = {
	{ "timeout", 1, O_TIMEOUT, 0 }, { NULL, 0, 0, 0 }
};
static const struct copt o_restart[] = {
	{ "wait", 1, O_WAIT, 0 }, { NULL, 0, 0, 0 }
};
static const struct copt o_status[] = {
	{ "watch", 0, 'w', 'w' }, { "refresh", 1, O_REFRESH, 0 },
	{ "processes", 0, 'p', 'p' }, { "resources", 0, O_RESOURCES, 0 },
	{ "health", 0, O_HEALTH, 0 }, { "json", 0, O_JSON, 0 },
	{ NULL, 0, 0, 0 }
};
static const struct copt o_list[] = {
	{ "json", 0, O_JSON, 0 }, { NULL, 0, 0, 0 }
};
static const struct copt o_logs[] = {
	{ "follow", 0, 'f', 'f' }, { "since", 1, O_SINCE, 0 },
	{ "until", 1, O_UNTIL, 0 }, { "timestamps", 0, 't', 't' },
	{ "level", 1, O_LEVEL, 0 }, { "grep", 1, O_GREP, 0 },
	{ "tail", 2, O_TAIL, 0 }, { "head", 2, O_HEAD, 0 },
	{ "stdout", 0, O_STDOUT, 0 }, { "stderr", 0, O_STDERR, 0 },
	{ NULL, 0, 0, 0 }
};
static const struct copt o_kill[] = {
	{ "all-processes", 0, 'a', 'a' }, { "pid-only", 0, 'p', 'p' },
	{ "wait", 0, 'w', 'w' }, { "timeout", 1, O_TIMEOUT, 0 },
	{ "signal", 1, O_SIGNAL, 's' }, { NULL, 0, 0, 0 }
};
static const struct copt o_config[] = {
	{ "all", 0, 'a', 'a' }, { "global", 0, 'g', 'g' },
	{ "format", 1, O_FORMAT, 0 }, { "resolved", 0, O_RESOLVED, 0 },
	{ "path", 1, O_PATH, 0 }, { NULL, 0, 0, 0 }
};
static const struct copt o_export[] = {
	{ "format", 1, O_FORMAT, 0 }, { "output", 1, 'o', 'o' },
	{ NULL, 0, 0, 0 }
};

static void
one_app(const char *cmd)
{
	if (C.nops != 1)
		err_usage("daemonctl %s NAME%s", cmd, strcmp(cmd, "start") == 0 ||
		    strcmp(cmd, "run") == 0 ? " [run options]" : "");
}

static long
count(const char *opt, const char *s, long def)
{
	int64_t v;
	const char *why;

	if (s == NULL)
		return def;
	if (parse_int(s, 0, INT32_MAX, &v, &why) < 0)
		err_die(EX_USAGE, "bad --%s '%s': %s", opt, s, why);
	return (long)v;
}

int
main(int argc, char **argv)
{
	/* Static: what they hold lives until exit, reachable. */
	static struct paths p;
	static struct app a;
	const char *cmd, *why;
	int i, r, sig;
	char **av;

	err_init("daemonctl");
	tools_init(argv[0]);
	/* Global options before the command. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--home") == 0 ||
		    strcmp(argv[i], "--config-override") == 0)
			i++;
		else if (strcmp(argv[i], "--") == 0)
			break;
	}
	if (i >= argc || strcmp(argv[i], "--") == 0) {
		for (i = 1; i < argc; i++) {
			if (strcmp(argv[i], "--help") == 0 ||
			    strcmp(argv[i], "-h") == 0) {
				fputs(help_text, stdout);
				return 0;
			}
			if (strcmp(argv[i], "--version") == 0 ||
			    strcmp(argv[i], "-V") == 0)
				err_version();
		}
		usage();
	}
	cmd = argv[i];
	/* The command's argv: what came before it, and after. */
	av = calloc((size_t)argc + 1, sizeof *av);
	if (av == NULL)
		nomem();
	av[0] = argv[0];
	memcpy(av + 1, argv + 1, (size_t)(i - 1) * sizeof *av);
	memcpy(av + i, argv + i + 1, (size_t)(argc - i - 1) * sizeof *av);
	argc--;
	argv = av;

	if (strcmp(cmd, "new") == 0) {
		char **rest = NULL;
		for (i = 1; i < argc; i++)
			if (strcmp(argv[i], "--") == 0) {
				rest = argv + i + 1;
				argv[i] = NULL;
				argc = i;
				break;
			}
		parse(argc, argv, NULL, 0);
		if (C.nops != 1 || rest == NULL || rest[0] == NULL)
			err_usage("daemonctl new NAME -- CMD [ARG...]");
		paths_init(&p, C.home);
		return cmd_new(&p, C.ops[0], rest);
	}
	if (strcmp(cmd, "start") == 0 || strcmp(cmd, "run") == 0) {
		parse(argc, argv, strcmp(cmd, "start") == 0 ? o_start : o_run,
		    1);
		one_app(cmd);
		paths_init(&p, C.home);
		app_init(&a, &p, C.ops[0]);
		if (C.dry_run) {
			struct toml *cfg;
			struct chain ch;
			app_require(&a);
			cfg = conf_resolve(&p, &a, &C.co, 1);
			chain_build(&ch, &a, cfg);
			chain_print(&ch);
			chain_free(&ch);
			toml_free(cfg);
			return 0;
		}
		if (strcmp(cmd, "run") == 0)
			return cmd_run(&p, &a, &C.co, -1);
		return cmd_start(&p, &a, &C.co, C.passthru.v,
		    C.wait ? duration("wait", C.wait) : 1000);
	}
	if (strcmp(cmd, "stop") == 0) {
		parse(argc, argv, o_stop, 0);
		one_app(cmd);
		paths_init(&p, C.home);
		app_init(&a, &p, C.ops[0]);
		return cmd_stop(&p, &a, &C.co, C.timeout ?
		    duration("timeout", C.timeout) : -1);
	}
	if (strcmp(cmd, "restart") == 0) {
		parse(argc, argv, o_restart, 0);
		one_app(cmd);
		paths_init(&p, C.home);
		app_init(&a, &p, C.ops[0]);
		return cmd_restart(&p, &a, &C.co, C.wait ?
		    duration("wait", C.wait) : 1000);
	}
	if (strcmp(cmd, "reload") == 0) {
		parse(argc, argv, NULL, 0);
		one_app(cmd);
		paths_init(&p, C.home);
		app_init(&a, &p, C.ops[0]);
		return cmd_reload(&p, &a, &C.co);
	}
	if (strcmp(cmd, "kill") == 0) {
		struct kill_opts ko;
		parse(argc, argv, o_kill, 0);
		if (C.nops < 1 || C.nops > 2 || (C.nops == 2 && C.signal))
			err_usage("daemonctl kill NAME [SIGNAL] [-a | -p] [-w] "
			    "[--timeout D]");
		if (C.all_procs && C.pid_only)
			err_die(EX_USAGE, "-a and -p exclude each other");
		memset(&ko, 0, sizeof ko);
		ko.sig = SIGTERM;
		if (C.nops == 2)
			C.signal = C.ops[1];
		if (C.signal && parse_signal(C.signal, &sig, &why) < 0)
			err_die(EX_USAGE, "bad signal '%s': %s", C.signal, why);
		if (C.signal)
			ko.sig = sig;
		ko.pid_only = C.pid_only;
		ko.wait = C.kwait;
		ko.timeout_ms = C.timeout ? duration("timeout", C.timeout) : -1;
		paths_init(&p, C.home);
		app_init(&a, &p, C.ops[0]);
		return cmd_kill(&p, &a, &ko);
	}
	if (strcmp(cmd, "status") == 0) {
		struct status_opts so;
		parse(argc, argv, o_status, 0);
		memset(&so, 0, sizeof so);
		so.watch = C.watch;
		so.refresh_ms = C.refresh ? duration("refresh", C.refresh) :
		    2000;
		if (so.refresh_ms < 100)
			err_die(EX_USAGE, "bad --refresh '%s': at least 100ms",
			    C.refresh);
		so.procs = C.procs;
		so.resources = C.resources;
		so.health = C.health;
		so.json = C.json;
		paths_init(&p, C.home);
		return cmd_status(&p, C.ops, C.nops, &so);
	}
	if (strcmp(cmd, "list") == 0) {
		parse(argc, argv, o_list, 0);
		if (C.nops)
			err_usage("daemonctl list [--json]");
		paths_init(&p, C.home);
		return cmd_list(&p, C.json);
	}
	if (strcmp(cmd, "logs") == 0) {
		struct logs_opts lo;
		int64_t now = tstamp_now_ms();
		argc = join_optional(argc, argv);
		parse(argc, argv, o_logs, 0);
		one_app(cmd);
		memset(&lo, 0, sizeof lo);
		lo.follow = C.follow;
		lo.timestamps = C.timestamps;
		if (C.since) {
			if (parse_time(C.since, now, &lo.since, &why) < 0)
				err_die(EX_USAGE, "bad --since '%s': %s",
				    C.since, why);
			lo.have_since = 1;
		}
		if (C.until) {
			if (parse_time(C.until, now, &lo.until, &why) < 0)
				err_die(EX_USAGE, "bad --until '%s': %s",
				    C.until, why);
			lo.have_until = 1;
		}
		lo.level = C.level;
		lo.grep = C.grep;
		lo.tail = C.tail_set ? count("tail", C.tail, 10) : -1;
		lo.head = C.head_set ? count("head", C.head, 10) : -1;
		if (lo.tail >= 0 && lo.head >= 0)
			err_die(EX_USAGE, "--tail and --head exclude each other");
		lo.out = C.out || !C.err;
		lo.err = C.err || !C.out;
		paths_init(&p, C.home);
		app_init(&a, &p, C.ops[0]);
		return cmd_logs(&p, &a, &C.co, &lo);
	}
	if (strcmp(cmd, "config") == 0) {
		struct config_opts o;
		parse(argc, argv, o_config, 0);
		if (C.nops < 1)
			err_usage("daemonctl config show|set ...");
		paths_init(&p, C.home);
		if (strcmp(C.ops[0], "show") == 0) {
			if (C.nops > 2 || (C.nops == 2 && (C.global || C.all)))
				err_usage("daemonctl config show [NAME] [-a] [-g] "
				    "[--format toml|json|yaml] [--resolved] "
				    "[--path KEY]");
			memset(&o, 0, sizeof o);
			o.all = C.all;
			o.global = C.global;
			o.resolved = C.resolved;
			o.format = C.format ? C.format : "toml";
			o.path = C.path;
			return cmd_config_show(&p, C.nops == 2 ? C.ops[1] : NULL,
			    &C.co, &o);
		}
		if (strcmp(C.ops[0], "set") == 0) {
			if (C.nops < 2)
				err_usage("daemonctl config set [NAME] "
				    "KEY=VALUE...");
			if (strchr(C.ops[1], '=') || C.global)
				return cmd_config_set(&p, NULL, C.ops + 1,
				    C.nops - 1);
			return cmd_config_set(&p, C.ops[1], C.ops + 2,
			    C.nops - 2);
		}
		err_usage("daemonctl config show|set ...");
	}
	if (strcmp(cmd, "export") == 0) {
		parse(argc, argv, o_export, 0);
		one_app(cmd);
		paths_init(&p, C.home);
		app_init(&a, &p, C.ops[0]);
		r = cmd_export(&p, &a, &C.co, C.format, C.outdir);
		return r;
	}
	err_die(EX_USAGE, "unknown command '%s' (see daemonctl --help)", cmd);
}
