/* main.c: daemonrun's options, and exec mode. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemonrun.h"
#include "err.h"
#include "evlog.h"
#include "io.h"
#include "opt.h"
#include "parse.h"
#include "proc.h"

#define USAGE "daemonrun [option ...] [--] command [arg ...]"

static const char *default_ignores[] = {
	"*.pyc", "__pycache__/*", ".git/*", "*.log", "*.tmp"
};

/* The signals forwarded by default (-A). */
static const int default_forward[] = {
	SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH, SIGCONT
};

enum {
	O_UMASK = 256, O_NICE, O_ENV, O_ENV_FILE, O_CLEAR_ENV, O_CONFIG_OVERRIDE,
	O_NO_CONFIG, O_NO_SIGNAL_FORWARD, O_PRESERVE_SIGNALS, O_STOP_SIGNAL,
	O_RELOAD_SIGNAL, O_LOG_LEVEL, O_STDOUT, O_STDERR, O_SYSLOG, O_UTC,
	O_TIMEOUT, O_RESTART, O_RESTART_DELAY, O_RESTART_MAX_DELAY,
	O_RESTART_RESET, O_MAX_RESTARTS, O_RESTART_WINDOW, O_STATE_DIR,
	O_PID_FILE, O_NOTIFY_FD, O_READY_TIMEOUT, O_WATCH, O_WATCH_IGNORE,
	O_RELOAD_INTERVAL, O_MEMORY_LIMIT, O_CPU_LIMIT, O_FILE_LIMIT,
	O_PROC_LIMIT, O_CORE_LIMIT, O_STACK_LIMIT, O_LIMITS_REPORT, O_SANDBOX,
	O_SANDBOX_PROFILE, O_PRIVATE_TMP, O_PRIVATE_DEV, O_NO_NETWORK,
	O_READONLY_PATHS, O_CAPS_DROP, O_CAPS_KEEP, O_SECCOMP, O_SECCOMP_PROFILE
};

static const struct option longopts[] = {
	{ "user", required_argument, NULL, 'u' },
	{ "run-group", required_argument, NULL, 'G' },
	{ "chdir", required_argument, NULL, 'C' },
	{ "umask", required_argument, NULL, O_UMASK },
	{ "nice", required_argument, NULL, O_NICE },
	{ "env", required_argument, NULL, O_ENV },
	{ "env-file", required_argument, NULL, O_ENV_FILE },
	{ "clear-env", no_argument, NULL, O_CLEAR_ENV },
	{ "config-override", required_argument, NULL, O_CONFIG_OVERRIDE },
	{ "no-config", no_argument, NULL, O_NO_CONFIG },
	{ "forward-all-signals", no_argument, NULL, 'A' },
	{ "no-signal-forward", no_argument, NULL, O_NO_SIGNAL_FORWARD },
	{ "signal", required_argument, NULL, 'S' },
	{ "preserve-signals", required_argument, NULL, O_PRESERVE_SIGNALS },
	{ "stop-signal", required_argument, NULL, O_STOP_SIGNAL },
	{ "reload-signal", required_argument, NULL, O_RELOAD_SIGNAL },
	{ "kill-timeout", required_argument, NULL, 'k' },
	{ "log", required_argument, NULL, 'l' },
	{ "log-level", required_argument, NULL, O_LOG_LEVEL },
	{ "stdout", required_argument, NULL, O_STDOUT },
	{ "stderr", required_argument, NULL, O_STDERR },
	{ "syslog", no_argument, NULL, O_SYSLOG },
	{ "utc", no_argument, NULL, O_UTC },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "restart", required_argument, NULL, O_RESTART },
	{ "restart-delay", required_argument, NULL, O_RESTART_DELAY },
	{ "restart-max-delay", required_argument, NULL, O_RESTART_MAX_DELAY },
	{ "restart-reset", required_argument, NULL, O_RESTART_RESET },
	{ "max-restarts", required_argument, NULL, O_MAX_RESTARTS },
	{ "restart-window", required_argument, NULL, O_RESTART_WINDOW },
	{ "state-dir", required_argument, NULL, O_STATE_DIR },
	{ "daemonize", no_argument, NULL, 'd' },
	{ "pid-file", required_argument, NULL, O_PID_FILE },
	{ "notify-fd", required_argument, NULL, O_NOTIFY_FD },
	{ "ready-timeout", required_argument, NULL, O_READY_TIMEOUT },
	{ "watch", required_argument, NULL, O_WATCH },
	{ "watch-ignore", required_argument, NULL, O_WATCH_IGNORE },
	{ "reload-interval", required_argument, NULL, O_RELOAD_INTERVAL },
	{ "memory-limit", required_argument, NULL, O_MEMORY_LIMIT },
	{ "cpu-limit", required_argument, NULL, O_CPU_LIMIT },
	{ "file-limit", required_argument, NULL, O_FILE_LIMIT },
	{ "proc-limit", required_argument, NULL, O_PROC_LIMIT },
	{ "core-limit", required_argument, NULL, O_CORE_LIMIT },
	{ "stack-limit", required_argument, NULL, O_STACK_LIMIT },
	{ "limits-report", no_argument, NULL, O_LIMITS_REPORT },
	{ "sandbox", required_argument, NULL, O_SANDBOX },
	{ "sandbox-profile", required_argument, NULL, O_SANDBOX_PROFILE },
	{ "private-tmp", no_argument, NULL, O_PRIVATE_TMP },
	{ "private-dev", no_argument, NULL, O_PRIVATE_DEV },
	{ "no-network", no_argument, NULL, O_NO_NETWORK },
	{ "readonly-paths", required_argument, NULL, O_READONLY_PATHS },
	{ "caps-drop", required_argument, NULL, O_CAPS_DROP },
	{ "caps-keep", required_argument, NULL, O_CAPS_KEEP },
	{ "seccomp", no_argument, NULL, O_SECCOMP },
	{ "seccomp-profile", required_argument, NULL, O_SECCOMP_PROFILE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
help(void)
{
	printf("usage: %s\n\n%s", USAGE,
	"Exec mode (attributes only; CMD replaces daemonrun):\n"
	"  -u, --user USER          run as USER (sets HOME, USER, LOGNAME, groups)\n"
	"  -G, --run-group GROUP    run with this group\n"
	"  -C, --chdir DIR          working directory\n"
	"      --umask MASK         file creation mask (octal)\n"
	"      --nice N             absolute niceness, -20..19\n"
	"      --env KEY=VALUE      set a variable (repeatable)\n"
	"      --env-file FILE      KEY=VALUE lines (repeatable)\n"
	"      --clear-env          start from an empty environment\n"
	"      --stdout FILE, --stderr FILE   append CMD's output to FILE\n"
	"Limits:\n"
	"      --memory-limit SIZE  cgroup memory limit (else RLIMIT_AS)\n"
	"      --cpu-limit PERCENT  of one CPU: cgroup quota (else duty-cycling)\n"
	"      --file-limit N, --proc-limit N, --core-limit SIZE, --stack-limit SIZE\n"
	"      --limits-report      say which mechanism enforces each limit\n"
	"Sandbox (Linux):\n"
	"      --sandbox none|unshare|firejail, --sandbox-profile FILE\n"
	"      --private-tmp, --private-dev, --no-network, --readonly-paths P1:P2\n"
	"      --caps-drop CAPS, --caps-keep CAPS, --seccomp, --seccomp-profile FILE\n"
	"Supervise mode (daemonrun stays, CMD in its own process group):\n"
	"  -A, --forward-all-signals   forward TERM INT HUP QUIT USR1 USR2 WINCH CONT\n"
	"      --no-signal-forward     forward nothing\n"
	"  -S, --signal SIG            forward only SIG (repeatable)\n"
	"      --preserve-signals LIST never forward these\n"
	"      --stop-signal SIG       stops CMD (TERM)\n"
	"      --reload-signal SIG     what HUP becomes (HUP)\n"
	"  -k, --kill-timeout DUR      SIGKILL the group after this (30s)\n"
	"  -l, --log FILE              event lines to FILE (default stderr)\n"
	"      --log-level LEVEL       debug, info, warn, error (info)\n"
	"      --syslog                event lines to syslog\n"
	"      --utc                   event timestamps in UTC\n"
	"      --timeout DUR           stop CMD after DUR (exit 124)\n"
	"      --restart no|on-failure|always   (no; always with --state-dir)\n"
	"      --restart-delay DUR, --restart-max-delay DUR, --restart-reset DUR\n"
	"      --max-restarts N, --restart-window DUR\n"
	"      --state-dir DIR         control FIFO, status file, lock\n"
	"  -d, --daemonize             detach once CMD has started\n"
	"      --pid-file FILE         daemonrun's pid, locked\n"
	"      --notify-fd N           CMD writes a newline on fd N when ready\n"
	"      --ready-timeout DUR     give up when not ready after DUR\n"
	"      --watch PATH            restart CMD when PATH changes (repeatable)\n"
	"      --watch-ignore GLOB     ignore these changes (repeatable)\n"
	"      --reload-interval DUR   debounce and polling period (1s)\n"
	"  -h, --help, -V, --version\n"
	"See daemonrun(1).\n");
	exit(0);
}

static void
push(char ***arr, size_t *n, char *s)
{
	char **na = realloc(*arr, sizeof *na * (*n + 1));

	if (na == NULL)
		err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	na[(*n)++] = s;
	*arr = na;
}

static int64_t
duration(const char *opt, const char *s, int64_t min)
{
	int64_t ms;
	const char *why;

	if (parse_duration(s, &ms, &why) < 0)
		err_die(EX_USAGE, "bad --%s '%s': %s", opt, s, why);
	if (ms < min)
		err_die(EX_USAGE, "bad --%s '%s': %s", opt, s,
		    min > 0 ? "must be more than zero" : "out of range");
	return ms;
}

/* A signal daemonrun sends (sendable) or must catch to forward. */
static int
signal_arg(const char *opt, const char *s, int sendable)
{
	int sig;
	const char *why;

	if (parse_signal(s, &sig, &why) < 0)
		err_die(EX_USAGE, "bad --%s '%s': %s", opt, s, why);
	if (!sendable && (sig == SIGKILL || sig == SIGSTOP || sig == SIGCHLD))
		err_die(EX_USAGE, "bad --%s '%s': cannot be caught, so not "
		    "forwarded", opt, s);
	return sig;
}

static int64_t
integer(const char *opt, const char *s, int64_t min, int64_t max)
{
	int64_t v;
	const char *why;

	if (parse_int(s, min, max, &v, &why) < 0)
		err_die(EX_USAGE, "bad --%s '%s': %s", opt, s, why);
	return v;
}

/* "TERM,USR1" or "TERM USR1": clear each from the forward set. */
static void
preserve(struct opts *o, const char *list)
{
	char buf[1024], *p, *tok;

	if (snprintf(buf, sizeof buf, "%s", list) >= (int)sizeof buf)
		err_die(EX_USAGE, "bad --preserve-signals: too long");
	for (p = buf; (tok = strsep(&p, ", ")) != NULL;)
		if (*tok)
			o->forward[signal_arg("preserve-signals", tok, 0)] = 0;
}

static int64_t
size_arg(const char *opt, const char *s, uint64_t min)
{
	uint64_t v;
	const char *why;

	if (parse_size(s, &v, &why) < 0)
		err_die(EX_USAGE, "bad --%s '%s': %s", opt, s, why);
	if (v < min || v > (uint64_t)INT64_MAX)
		err_die(EX_USAGE, "bad --%s '%s': out of range", opt, s);
	return (int64_t)v;
}

static uint64_t
caps_arg(const char *opt, const char *s)
{
	uint64_t m;
	const char *bad;

	if (caps_parse(s, &m, &bad) < 0)
		err_die(EX_USAGE, "bad --%s '%s': unknown capability '%s'", opt,
		    s, bad);
	return m;
}

/* "P1:P2" (repeatable) onto the list. */
static void
readonly_arg(struct opts *o, const char *arg)
{
	char *copy, *p, *tok;

	if ((copy = strdup(arg)) == NULL)
		err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	for (p = copy; (tok = strsep(&p, ":")) != NULL;) {
		if (*tok == '\0')
			continue;
		if (o->nreadonly >= 255)
			err_die(EX_USAGE, "bad --readonly-paths: too many paths");
		push(&o->readonly, &o->nreadonly, tok);
	}
}

/* The sandbox: what the options imply, what conflicts, what this
 * platform cannot do. */
static void
sandbox_resolve(struct opts *o, int sandbox_set, uint64_t keep, int keep_set,
    uint64_t drop, int drop_set)
{
	int any = o->private_tmp || o->private_dev || o->no_network ||
	    o->nreadonly || keep_set || drop_set || o->seccomp ||
	    o->seccomp_profile;

	if (!sandbox_set)
		o->sandbox = o->sandbox_profile ? SANDBOX_FIREJAIL :
		    any ? SANDBOX_UNSHARE : SANDBOX_NONE;
	if (o->sandbox == SANDBOX_NONE && (any || o->sandbox_profile))
		err_die(EX_USAGE, "sandbox options given with --sandbox none");
	if (o->sandbox == SANDBOX_UNSHARE && o->sandbox_profile)
		err_die(EX_USAGE, "--sandbox-profile is firejail's: give "
		    "--sandbox firejail");
#ifndef __linux__
	if (o->sandbox == SANDBOX_UNSHARE)
		err_die(EX_USAGE, "--sandbox unshare is not supported on this "
		    "platform");
#endif
	o->caps_set = keep_set || drop_set;
	o->caps_keep_given = keep_set;
	o->caps_keep = (keep_set ? keep : ALL_CAPS) & ~(drop_set ? drop : 0);
	if (o->seccomp_profile)
		o->seccomp = 1;
}

/* Make a path absolute (against the directory daemonrun started in),
 * for --daemonize, which changes directory to /. */
static const char *
absolute(const char *path)
{
	char cwd[PATH_MAX], *r;

	if (path == NULL || *path == '/')
		return path;
	if (getcwd(cwd, sizeof cwd) == NULL)
		err_diesys(EX_SYS, "unable to get the current directory");
	if (asprintf(&r, "%s/%s", cwd, path) < 0)
		err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
	return r;
}

static void
parse(int argc, char **argv, struct opts *o)
{
	char buf[256], **selected = NULL, **preserved = NULL;
	size_t nselected = 0, npreserved = 0, i;
	int c, forward_mode = 0, restart_set = 0, stay = 0, sandbox_set = 0;
	int keep_set = 0, drop_set = 0;
	uint64_t keep = 0, drop = 0;
	const char *why;

	memset(o, 0, sizeof *o);
	o->stop_signal = SIGTERM;
	o->reload_signal = SIGHUP;
	o->kill_timeout = 30000;
	o->log_level = EV_INFO;
	o->restart_delay = 1000;
	o->restart_max_delay = 60000;
	o->restart_reset = 60000;
	o->restart_window = 60000;
	o->notify_fd = -1;
	o->reload_interval = 1000;
	o->file_limit = o->proc_limit = o->core_limit = o->stack_limit = -1;
	for (i = 0; i < sizeof default_ignores / sizeof *default_ignores; i++)
		push(&o->ignores, &o->nignores, (char *)default_ignores[i]);

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:u:G:C:AS:k:l:dhV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'u':
			o->user = optarg;
			break;
		case 'G':
			o->group = optarg;
			break;
		case 'C':
			o->chdir = optarg;
			break;
		case O_UMASK:
			if (parse_mode(optarg, 0777, &o->umask, &why) < 0)
				err_die(EX_USAGE, "bad --umask '%s': %s", optarg,
				    why);
			o->umask_set = 1;
			break;
		case O_NICE:
			o->nice = (int)integer("nice", optarg, -20, 19);
			o->nice_set = 1;
			break;
		case O_ENV: {
			const char *eq = strchr(optarg, '=');
			const char *k;
			if (eq == NULL || eq == optarg)
				err_die(EX_USAGE, "bad --env '%s': want KEY=VALUE",
				    optarg);
			for (k = optarg; k < eq; k++)
				if (!(*k == '_' || (*k >= 'A' && *k <= 'Z') ||
				    (*k >= 'a' && *k <= 'z') ||
				    (k > optarg && *k >= '0' && *k <= '9')))
					err_die(EX_USAGE, "bad --env '%s': bad "
					    "variable name", optarg);
			push(&o->envs, &o->nenvs, optarg);
			break;
		}
		case O_ENV_FILE:
			push(&o->envfiles, &o->nenvfiles, optarg);
			break;
		case O_CLEAR_ENV:
			o->clear_env = 1;
			break;
		case O_CONFIG_OVERRIDE:
			if (strchr(optarg, '=') == NULL || *optarg == '=')
				err_die(EX_USAGE, "bad --config-override '%s': "
				    "want KEY=VALUE", optarg);
			break;	/* daemonctl's; daemonrun reads no config */
		case O_NO_CONFIG:
			break;
		case 'A':
			if (forward_mode == 2)
				err_die(EX_USAGE, "--forward-all-signals and "
				    "--no-signal-forward conflict");
			forward_mode = 1;
			stay = 1;
			break;
		case O_NO_SIGNAL_FORWARD:
			if (forward_mode == 1 || nselected)
				err_die(EX_USAGE, "--no-signal-forward conflicts "
				    "with --forward-all-signals and --signal");
			forward_mode = 2;
			stay = 1;
			break;
		case 'S':
			if (forward_mode == 2)
				err_die(EX_USAGE, "--signal and "
				    "--no-signal-forward conflict");
			push(&selected, &nselected, optarg);
			stay = 1;
			break;
		case O_PRESERVE_SIGNALS:
			preserve(o, optarg);	/* validate now, apply below */
			push(&preserved, &npreserved, optarg);
			stay = 1;
			break;
		case O_STOP_SIGNAL:
			o->stop_signal = signal_arg("stop-signal", optarg, 1);
			stay = 1;
			break;
		case O_RELOAD_SIGNAL:
			o->reload_signal = signal_arg("reload-signal", optarg, 1);
			stay = 1;
			break;
		case 'k':
			o->kill_timeout = duration("kill-timeout", optarg, 0);
			stay = 1;
			break;
		case 'l':
			o->log = optarg;
			stay = 1;
			break;
		case O_LOG_LEVEL:
			if ((o->log_level = evlog_level(optarg)) < 0)
				err_die(EX_USAGE, "bad --log-level '%s': want "
				    "debug, info, warn or error", optarg);
			break;
		case O_STDOUT:
			o->stdout_path = optarg;
			break;
		case O_STDERR:
			o->stderr_path = optarg;
			break;
		case O_SYSLOG:
			o->syslog = 1;
			stay = 1;
			break;
		case O_UTC:
			o->utc = 1;
			break;
		case O_TIMEOUT:
			o->timeout = duration("timeout", optarg, 1);
			stay = 1;
			break;
		case O_RESTART:
			if (strcmp(optarg, "no") == 0)
				o->restart = RESTART_NO;
			else if (strcmp(optarg, "on-failure") == 0)
				o->restart = RESTART_ON_FAILURE;
			else if (strcmp(optarg, "always") == 0)
				o->restart = RESTART_ALWAYS;
			else
				err_die(EX_USAGE, "bad --restart '%s': want no, "
				    "on-failure or always", optarg);
			restart_set = 1;
			stay = 1;
			break;
		case O_RESTART_DELAY:
			o->restart_delay = duration("restart-delay", optarg, 0);
			stay = 1;
			break;
		case O_RESTART_MAX_DELAY:
			o->restart_max_delay = duration("restart-max-delay",
			    optarg, 0);
			stay = 1;
			break;
		case O_RESTART_RESET:
			o->restart_reset = duration("restart-reset", optarg, 0);
			stay = 1;
			break;
		case O_MAX_RESTARTS:
			o->max_restarts = (long)integer("max-restarts", optarg, 0,
			    1000000000);
			stay = 1;
			break;
		case O_RESTART_WINDOW:
			o->restart_window = duration("restart-window", optarg, 1);
			stay = 1;
			break;
		case O_STATE_DIR:
			o->state_dir = optarg;
			stay = 1;
			break;
		case 'd':
			o->daemonize = 1;
			stay = 1;
			break;
		case O_PID_FILE:
			o->pid_file = optarg;
			stay = 1;
			break;
		case O_NOTIFY_FD:
			o->notify_fd = (int)integer("notify-fd", optarg, 3, 1023);
			stay = 1;
			break;
		case O_READY_TIMEOUT:
			o->ready_timeout = duration("ready-timeout", optarg, 1);
			stay = 1;
			break;
		case O_WATCH:
			push(&o->watch, &o->nwatch, optarg);
			stay = 1;
			break;
		case O_WATCH_IGNORE:
			if (*optarg == '\0')
				o->nignores = 0;	/* '' clears the list */
			else
				push(&o->ignores, &o->nignores, optarg);
			break;
		case O_RELOAD_INTERVAL:
			o->reload_interval = duration("reload-interval", optarg,
			    10);
			break;
		case O_MEMORY_LIMIT:
			o->memory_limit = (uint64_t)size_arg("memory-limit", optarg,
			    1024 * 1024);
			break;
		case O_CPU_LIMIT:
			o->cpu_limit = (int)integer("cpu-limit", optarg, 1, 100);
			break;
		case O_FILE_LIMIT:
			o->file_limit = integer("file-limit", optarg, 0, INT32_MAX);
			break;
		case O_PROC_LIMIT:
			o->proc_limit = integer("proc-limit", optarg, 0, INT32_MAX);
			break;
		case O_CORE_LIMIT:
			o->core_limit = size_arg("core-limit", optarg, 0);
			break;
		case O_STACK_LIMIT:
			o->stack_limit = size_arg("stack-limit", optarg, 16384);
			break;
		case O_LIMITS_REPORT:
			o->limits_report = 1;
			break;
		case O_SANDBOX:
			if (strcmp(optarg, "none") == 0)
				o->sandbox = SANDBOX_NONE;
			else if (strcmp(optarg, "unshare") == 0)
				o->sandbox = SANDBOX_UNSHARE;
			else if (strcmp(optarg, "firejail") == 0)
				o->sandbox = SANDBOX_FIREJAIL;
			else
				err_die(EX_USAGE, "bad --sandbox '%s': want none, "
				    "unshare or firejail", optarg);
			sandbox_set = 1;
			break;
		case O_SANDBOX_PROFILE:
			o->sandbox_profile = optarg;
			break;
		case O_PRIVATE_TMP:
			o->private_tmp = 1;
			break;
		case O_PRIVATE_DEV:
			o->private_dev = 1;
			break;
		case O_NO_NETWORK:
			o->no_network = 1;
			break;
		case O_READONLY_PATHS:
			readonly_arg(o, optarg);
			break;
		case O_CAPS_DROP:
			drop |= caps_arg("caps-drop", optarg);
			drop_set = 1;
			break;
		case O_CAPS_KEEP:
			keep |= caps_arg("caps-keep", optarg);
			keep_set = 1;
			break;
		case O_SECCOMP:
			o->seccomp = 1;
			break;
		case O_SECCOMP_PROFILE:
			o->seccomp_profile = optarg;
			break;
		case 'h':
			help();
			break;
		case 'V':
			err_version();
			break;
		default:
			err_die(EX_USAGE, "%s", opt_error(c, argv, optind, optopt,
			    buf, sizeof buf));
		}
	}
	if (optind >= argc)
		err_usage("%s", USAGE);

	/* The forward set: -S names it, else the defaults (unless none);
	 * --preserve-signals then takes some out. */
	if (forward_mode != 2) {
		if (nselected) {
			for (i = 0; i < nselected; i++)
				o->forward[signal_arg("signal", selected[i], 0)] = 1;
		} else {
			for (i = 0; i < sizeof default_forward /
			    sizeof *default_forward; i++)
				o->forward[default_forward[i]] = 1;
		}
	}
	for (i = 0; i < npreserved; i++)
		preserve(o, preserved[i]);
	free(selected);
	free(preserved);
	o->argv = argv + optind;

	sandbox_resolve(o, sandbox_set, keep, keep_set, drop, drop_set);
	if (!restart_set && o->state_dir)
		o->restart = RESTART_ALWAYS;
	if (o->restart_max_delay < o->restart_delay)
		o->restart_max_delay = o->restart_delay;
	if (o->ready_timeout && o->notify_fd < 0)
		err_die(EX_USAGE, "--ready-timeout needs --notify-fd");
	o->supervise = stay || getpid() == 1;
	/* DAEMONRUN_WATCH=poll: scan with stat(2) instead of inotify. */
	o->watch_poll = getenv("DAEMONRUN_WATCH") != NULL &&
	    strcmp(getenv("DAEMONRUN_WATCH"), "poll") == 0;
	if (o->daemonize) {
		o->state_dir = absolute(o->state_dir);
		o->pid_file = absolute(o->pid_file);
		o->log = absolute(o->log);
		o->chdir = absolute(o->chdir ? o->chdir : ".");
	}
}

/* Open an output file for appending. */
static int
open_append(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
	    O_NOCTTY, 0666);

	if (fd < 0)
		err_diesys(EX_SYS, "unable to open %s", path);
	return io_fd_above2(fd);
}

/* The sandbox into the child's attributes: read-only paths resolved,
 * the seccomp filter built, firejail's argv in place of CMD's. */
static void
sandbox_attrs(struct opts *o, struct attrs *a)
{
	char msg[PATH_MAX + 128], *real;
	void *prog = NULL;
	size_t i;
	int code = 0;

	a->sandbox = o->sandbox;
	if (o->sandbox == SANDBOX_NONE)
		return;
	for (i = 0; i < o->nreadonly; i++) {
		if ((real = realpath(o->readonly[i], NULL)) == NULL)
			err_diesys(EX_SYS, "unable to make %s read-only",
			    o->readonly[i]);
		o->readonly[i] = real;
	}
	if (o->seccomp && (prog = seccomp_build(o->seccomp_profile, &code,
	    msg, sizeof msg)) == NULL)
		err_die(code, "%s", msg);
	if (o->sandbox == SANDBOX_FIREJAIL) {
		free(prog);	/* only checked: firejail builds its own */
		o->argv = firejail_argv(o, o->argv);
		return;
	}
	a->private_tmp = o->private_tmp;
	a->private_dev = o->private_dev;
	a->no_network = o->no_network;
	a->readonly = o->readonly;
	a->nreadonly = o->nreadonly;
	a->caps_set = o->caps_set;
	a->caps_keep = o->caps_keep;
	/* A user other than root keeps capabilities only as ambient ones. */
	a->caps_ambient = o->caps_keep_given && a->set_uid && a->uid != 0;
	a->seccomp = prog;
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct attrs a;
	struct limits l;
	struct evlog ev;
	char msg[PATH_MAX + 128];
	int fd1 = -1, fd2 = -1, logfd, r, i;

	err_init(argv[0]);
	parse(argc, argv, &o);
	if (o.notify_fd >= 0) {
		/* Hold fd N (CMD's notification fd) so nothing of ours
		 * lands on it; each start puts the pipe there. */
		int n = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (n < 0 || (n != o.notify_fd &&
		    (dup3(n, o.notify_fd, O_CLOEXEC) < 0 || close(n) < 0)))
			err_diesys(EX_SYS, "unable to reserve fd %d",
			    o.notify_fd);
	}
	limits_plan(&o, &l);
	/* Someone must stay to remove a cgroup, or to duty-cycle. */
	if (l.mem_mech == MECH_CGROUP1 || l.mem_mech == MECH_CGROUP2 ||
	    l.cpu_mech != MECH_NONE)
		o.supervise = 1;
	attr_resolve(&o, &a);
	sandbox_attrs(&o, &a);
	limits_attrs(&o, &l, &a);
	if (o.limits_report)
		for (i = 0; limits_describe(&o, &l, i, msg, sizeof msg); i++)
			err_info("limit %s", msg);
	if (o.stdout_path)
		fd1 = open_append(o.stdout_path);
	if (o.stderr_path)
		fd2 = open_append(o.stderr_path);

	if (!o.supervise) {
		/* Exec mode: a few system calls, then CMD in our place. */
		if ((fd1 >= 0 && dup2(fd1, 1) < 0) ||
		    (fd2 >= 0 && dup2(fd2, 2) < 0))
			err_diesys(EX_SYS, "unable to redirect the output");
		if ((r = attr_apply(&a)) != 0)
			err_die(EX_SYS, "%s", attr_strerror(&a, r, msg,
			    sizeof msg));
		cmd_exec(&a, o.argv);
		err_die(proc_exec_code(errno), "unable to run %s: %s",
		    o.argv[0], strerror(errno));
	}

	if (attr_which(&a, o.argv[0]) < 0)
		err_die(proc_exec_code(errno), "unable to run %s: %s",
		    o.argv[0], strerror(errno));
	logfd = 2;
	if (o.log)
		logfd = open_append(o.log);
	else if (o.syslog)
		logfd = -1;
	evlog_init(&ev, "daemonrun", logfd, o.log_level);
	ev.utc = o.utc;
	supervise(&o, &a, &l, &ev, fd1, fd2);
	return EX_SYS;
}
