/* tmuxopen: open a project's tmux sessions, creating what is missing. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"
#include "open.h"
#include "opt.h"
#include "parse.h"
#include "path.h"
#include "proc.h"
#include "project.h"
#include "sig.h"
#include "tmux.h"

static const char usage_line[] =
    "tmuxopen [-dnv] [--cc] [-L name | -S path] [-f file] "
    "[--list | --status | --kill] [project]";

static const char help_text[] =
    "usage: tmuxopen [options] PROJECT      open PROJECT's sessions, then attach\n"
    "       tmuxopen --list                 projects, and whether they run\n"
    "       tmuxopen --status PROJECT       each session: running, windows, clients\n"
    "       tmuxopen --kill PROJECT         kill PROJECT's sessions\n"
    "  -f, --file FILE    the project file (PROJECT may then be omitted)\n"
    "  -d, --detached     do not attach or switch\n"
    "      --cc           attach with tmux -CC (iTerm2's tmux integration)\n"
    "  -n, --dry-run      print the tmux commands, run none\n"
    "  -v, --verbose      print each tmux command on stderr as it runs\n"
    "  -L NAME            the tmux server's socket name (tmux -L)\n"
    "  -S PATH            the tmux server's socket path (tmux -S)\n"
    "      --help, --version\n";

enum { OPT_CC = 256, OPT_LIST, OPT_STATUS, OPT_KILL, OPT_HELP, OPT_VERSION };
enum { MODE_OPEN, MODE_LIST, MODE_STATUS, MODE_KILL };

static const struct option longopts[] = {
	{ "file", required_argument, NULL, 'f' },
	{ "detached", no_argument, NULL, 'd' },
	{ "cc", no_argument, NULL, OPT_CC },
	{ "dry-run", no_argument, NULL, 'n' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "socket-name", required_argument, NULL, 'L' },
	{ "socket-path", required_argument, NULL, 'S' },
	{ "list", no_argument, NULL, OPT_LIST },
	{ "status", no_argument, NULL, OPT_STATUS },
	{ "kill", no_argument, NULL, OPT_KILL },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static void
usage(void)
{
	err_usage("%s", usage_line);
}

static void
nomem(void)
{
	err_die(EX_SYS, "out of memory");
}

static void
warn_cb(const char *msg)
{
	err_warn("%s", msg);
}

/* $XDG_CONFIG_HOME/tmuxopen, or ~/.config/tmuxopen. */
static void
config_dir(struct buf *out)
{
	char dir[PATH_MAX];

	if (path_xdg("XDG_CONFIG_HOME", ".config", "tmuxopen", dir,
	    sizeof dir) < 0)
		err_diesys(EX_SYS, "cannot find the configuration directory "
		    "(XDG_CONFIG_HOME, HOME)");
	if (buf_adds(out, dir) < 0)
		nomem();
}

static const char *
bad_project_name(const char *name)
{
	if (*name == '\0')
		return "empty";
	if (strchr(name, '/'))
		return "contains '/' (use -f FILE for a file)";
	if (name[0] == '.')
		return "begins with '.'";
	return NULL;
}

static void
die_load(const char *file, struct buf *msg)
{
	if (errno == EINVAL)
		err_die(EX_USAGE, "%s", msg->p);
	if (errno == ENOENT)
		err_die(EX_USAGE, "unable to read %s", msg->p);
	err_die(EX_SYS, "unable to read %s", msg->p ? msg->p : file);
}

static void
load_project(struct project *p, const char *name, const char *file)
{
	struct buf path = BUF_INIT, msg = BUF_INIT;
	const char *why;

	if (name && (why = bad_project_name(name)) != NULL)
		err_die(EX_USAGE, "bad project name '%s': %s", name, why);
	if (file) {
		if (project_load(p, file, warn_cb, &msg) < 0)
			die_load(file, &msg);
		if (name && strcmp(name, p->name) != 0)
			err_die(EX_USAGE, "%s is project '%s', not '%s'",
			    file, p->name, name);
	} else {
		config_dir(&path);
		if (buf_printf(&path, "/%s.toml", name) < 0)
			nomem();
		if (project_load(p, path.p, warn_cb, &msg) < 0) {
			if (errno == ENOENT)
				err_die(EX_USAGE, "unknown project '%s': no %s",
				    name, path.p);
			die_load(path.p, &msg);
		}
	}
	buf_free(&path);
	buf_free(&msg);
}

static void
list_or_die(struct tmux *t, struct livelist *l)
{
	struct buf msg = BUF_INIT;

	if (live_list(t, l, &msg) < 0)
		err_die(EX_SYS, "%s", msg.p);
	buf_free(&msg);
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* --list: every project file, and how many of its sessions run. */
static int
do_list(struct tmux *t)
{
	struct buf dir = BUF_INIT, path = BUF_INIT, msg = BUF_INIT;
	struct livelist l;
	struct project p;
	struct dirent *de;
	struct stat st;
	char **names = NULL, **nv;
	size_t n = 0, i, j, len, up;
	DIR *d;

	config_dir(&dir);
	d = opendir(dir.p);
	if (d == NULL) {
		if (errno != ENOENT)
			err_diesys(EX_SYS, "unable to read %s", dir.p);
		buf_free(&dir);
		return EX_OK;
	}
	while ((errno = 0, de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= 5 ||
		    strcmp(de->d_name + len - 5, ".toml") != 0)
			continue;
		buf_reset(&path);
		if (buf_printf(&path, "%s/%s", dir.p, de->d_name) < 0)
			nomem();
		if (stat(path.p, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		nv = realloc(names, (n + 1) * sizeof *nv);
		if (nv == NULL || (nv[n] = strndup(de->d_name, len - 5)) == NULL)
			nomem();
		names = nv;
		n++;
	}
	if (errno)
		err_diesys(EX_SYS, "unable to read %s", dir.p);
	closedir(d);
	if (n == 0) {
		buf_free(&dir);
		buf_free(&path);
		return EX_OK;
	}
	qsort(names, n, sizeof *names, cmpstr);
	list_or_die(t, &l);
	for (i = 0; i < n; i++) {
		buf_reset(&path);
		if (buf_printf(&path, "%s/%s.toml", dir.p, names[i]) < 0)
			nomem();
		if (project_load(&p, path.p, NULL, &msg) < 0) {
			if (errno == ENOMEM)
				nomem();
			err_warn("%s", msg.p);
			printf("%s invalid\n", names[i]);
			project_free(&p);
			free(names[i]);
			continue;
		}
		for (j = up = 0; j < p.nsessions; j++)
			up += live_find(&l, p.sessions[j].name) != NULL;
		printf("%s %s %zu/%zu", names[i], up == p.nsessions ?
		    "running" : up ? "partial" : "stopped", up, p.nsessions);
		for (j = 0; j < p.nsessions; j++)
			printf(" %s:%s", p.sessions[j].name,
			    live_find(&l, p.sessions[j].name) ? "running" :
			    "stopped");
		putchar('\n');
		project_free(&p);
		free(names[i]);
	}
	free(names);
	live_free(&l);
	buf_free(&dir);
	buf_free(&path);
	buf_free(&msg);
	return EX_OK;
}

/* --status: 0 when every session runs, else 1. */
static int
do_status(struct tmux *t, const struct project *p)
{
	struct livelist l;
	const struct live *lv;
	size_t i, up = 0;

	list_or_die(t, &l);
	for (i = 0; i < p->nsessions; i++) {
		lv = live_find(&l, p->sessions[i].name);
		if (lv) {
			printf("%s running windows=%ld clients=%ld\n",
			    lv->name, lv->windows, lv->clients);
			up++;
		} else {
			printf("%s stopped\n", p->sessions[i].name);
		}
	}
	live_free(&l);
	return up == p->nsessions ? EX_OK : EX_NO;
}

/* --kill: the project's running sessions, in one call. */
static int
do_kill(struct tmux *t, const struct project *p)
{
	struct livelist l;
	struct targv a = TARGV_INIT;
	struct buf out = BUF_INIT, err = BUF_INIT;
	const struct live *lv;
	size_t i;
	int code;

	list_or_die(t, &l);
	for (i = 0; i < p->nsessions; i++) {
		lv = live_find(&l, p->sessions[i].name);
		if (lv == NULL)
			continue;
		if ((a.n && targv_sep(&a) < 0) ||
		    targv_arg(&a, "kill-session") < 0 ||
		    targv_arg(&a, "-t") < 0 || targv_arg(&a, lv->id) < 0)
			nomem();
	}
	if (a.n) {
		code = tmux_run(t, &a, &out, &err);
		if (code < 0)
			err_diesys(EX_SYS, "unable to run tmux");
		if (code != 0)
			err_die(EX_SYS, "tmux kill-session: %s", tmux_msg(&err));
	}
	live_free(&l);
	targv_free(&a);
	buf_free(&out);
	buf_free(&err);
	return EX_OK;
}

/* The socket -L NAME names, as tmux finds it. */
static void
socket_path(const struct tmux *t, struct buf *out)
{
	const char *dir = getenv("TMUX_TMPDIR");

	if (t->sockopt[1] == 'S') {
		buf_adds(out, t->sockarg);
		return;
	}
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	buf_printf(out, "%s/tmux-%ld/%s", dir, (long)getuid(), t->sockarg);
}

/* Whether the server of -L/-S is the one $TMUX names. */
static int
same_server(const struct tmux *t, const char *tmuxenv)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct stat sa, sb;
	const char *comma = strchr(tmuxenv, ',');
	int same;

	socket_path(t, &a);
	buf_add(&b, tmuxenv, comma ? (size_t)(comma - tmuxenv) :
	    strlen(tmuxenv));
	if (a.p == NULL || b.p == NULL)
		nomem();
	same = stat(a.p, &sa) == 0 && stat(b.p, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	buf_free(&a);
	buf_free(&b);
	return same;
}

/* Switch (inside tmux) or attach (exec: nothing of ours stays) to the
 * project's first session. */
static void
attach(struct tmux *t, const char *first, int inside, int cc)
{
	struct targv a = TARGV_INIT, av = TARGV_INIT;
	struct buf out = BUF_INIT, err = BUF_INIT, target = BUF_INIT;
	const char *pre = !inside && cc ? "-CC" : NULL;
	int code;

	if (buf_printf(&target, "=%s", first) < 0 ||
	    targv_arg(&a, inside ? "switch-client" : "attach-session") < 0 ||
	    targv_arg(&a, "-t") < 0 || targv_arg(&a, target.p) < 0)
		nomem();
	if (t->dry_run && pre) {
		if (tmux_cmdline(t, pre, &a, &out) < 0)
			nomem();
		printf("%s\n", out.p);
	} else if (inside || t->dry_run) {
		code = tmux_run(t, &a, &out, &err);
		if (code < 0)
			err_diesys(EX_SYS, "unable to run tmux");
		if (code != 0)
			err_die(EX_SYS, "unable to switch to session %s: %s",
			    first, tmux_msg(&err));
	} else {
		if (t->verbose) {
			if (buf_adds(&out, "+ ") < 0 ||
			    tmux_cmdline(t, pre, &a, &out) < 0)
				nomem();
			fprintf(stderr, "%s\n", out.p);
		}
		if (tmux_argv(t, pre, &a, &av) < 0)
			nomem();
		fflush(NULL);
		proc_execvpe("tmux", av.v, NULL);
		err_diesys(EX_SYS, "unable to run tmux");
	}
	targv_free(&a);
	buf_free(&out);
	buf_free(&err);
	buf_free(&target);
}

static void
check_dirs(const struct project *p, const struct session *s)
{
	struct buf msg = BUF_INIT;
	size_t i, j;

	for (i = 0; i < s->nwindows; i++)
		for (j = 0; j < s->windows[i].npanes; j++)
			if (project_check_dir(p, &s->windows[i].panes[j],
			    &msg) < 0)
				err_die(EX_USAGE, "%s", msg.p);
	buf_free(&msg);
}

/* Creation failed or was interrupted: undo, then exit. */
static void __attribute__((noreturn))
give_up(struct opener *o, int code, const char *why)
{
	struct buf removed = BUF_INIT, msg = BUF_INIT;

	o->t->sigfd = -1;
	if (open_undo(o, &removed, &msg) < 0)
		err_warn("unable to remove the sessions this run created: %s",
		    msg.p);
	if (removed.len)
		err_die(code, "%s; removed what this run created: %s", why,
		    removed.p);
	err_die(code, "%s", why);
}

static int
do_open(struct tmux *t, const struct project *p, int detached, int cc)
{
	struct opener o;
	struct livelist l;
	struct buf msg = BUF_INIT;
	const char *tmuxenv = getenv("TMUX");
	char why[64];
	int inside = tmuxenv && *tmuxenv;
	size_t i;
	int r;

	if (!detached && !t->dry_run) {
		if (inside && t->sockopt && !same_server(t, tmuxenv))
			err_die(EX_USAGE, "cannot switch to a session of "
			    "%s %s from inside another tmux server ($TMUX); "
			    "use -d", t->sockopt, t->sockarg);
		if (!inside && !isatty(0))
			err_die(EX_USAGE, "cannot attach: standard input is "
			    "not a terminal; use -d");
	}
	memset(&o, 0, sizeof o);
	o.t = t;
	o.p = p;
	if (t->dry_run) {
		/* Nothing runs, not even a query: every session is shown
		 * as if none existed. */
		for (i = 0; i < p->nsessions; i++)
			check_dirs(p, &p->sessions[i]);
		for (i = 0; i < p->nsessions; i++)
			if (open_session(&o, &p->sessions[i], &msg) < 0)
				err_die(EX_SYS, "%s", msg.p);
		if (!detached)
			attach(t, p->sessions[0].name, inside, cc);
		open_free(&o);
		buf_free(&msg);
		return EX_OK;
	}
	list_or_die(t, &l);
	/* Every directory first, so a bad one stops the run before
	 * anything is made. */
	for (i = 0; i < p->nsessions; i++)
		if (!live_find(&l, p->sessions[i].name))
			check_dirs(p, &p->sessions[i]);
	if (sig_init() < 0 || sig_catch(SIGINT) < 0 ||
	    sig_catch(SIGTERM) < 0 || sig_catch(SIGHUP) < 0)
		err_diesys(EX_SYS, "unable to catch signals");
	t->sigfd = sig_fd();
	o.pid = l.pid;
	for (i = 0; i < p->nsessions && !t->signo; i++) {
		if (live_find(&l, p->sessions[i].name))
			continue;
		r = open_session(&o, &p->sessions[i], &msg);
		if (r < 0)
			give_up(&o, EX_SYS, msg.p);
	}
	/* A signal that came after the last tmux call. */
	while (t->signo == 0 && (r = sig_next(NULL)) > 0)
		t->signo = r;
	if (t->signo) {
		snprintf(why, sizeof why, "interrupted by SIG%s",
		    parse_signame(t->signo) ? parse_signame(t->signo) : "?");
		give_up(&o, 128 + t->signo, why);
	}
	t->sigfd = -1;
	sig_default(SIGINT);
	sig_default(SIGTERM);
	sig_default(SIGHUP);
	live_free(&l);
	open_free(&o);
	buf_free(&msg);
	if (!detached)
		attach(t, p->sessions[0].name, inside, cc);
	return EX_OK;
}

int
main(int argc, char **argv)
{
	struct tmux t;
	struct project p;
	char ebuf[256];
	const char *file = NULL, *name = NULL;
	int c, mode = MODE_OPEN, nmodes = 0, detached = 0, cc = 0, r;

	err_init(argv[0]);
	memset(&t, 0, sizeof t);
	t.sigfd = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:dnvL:S:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			if (*optarg == '\0')
				err_die(EX_USAGE, "bad --file '': empty");
			file = optarg;
			break;
		case 'd':
			detached = 1;
			break;
		case OPT_CC:
			cc = 1;
			break;
		case 'n':
			t.dry_run = 1;
			break;
		case 'v':
			t.verbose = 1;
			break;
		case 'L':
		case 'S':
			if (t.sockopt && t.sockopt[1] != c)
				err_die(EX_USAGE, "use -L or -S, not both");
			if (*optarg == '\0')
				err_die(EX_USAGE, "bad -%c '': empty", c);
			t.sockopt = c == 'L' ? "-L" : "-S";
			t.sockarg = optarg;
			break;
		case OPT_LIST:
		case OPT_STATUS:
		case OPT_KILL:
			mode = c == OPT_LIST ? MODE_LIST : c == OPT_STATUS ?
			    MODE_STATUS : MODE_KILL;
			nmodes++;
			break;
		case OPT_HELP:
			fputs(help_text, stdout);
			return EX_OK;
		case OPT_VERSION:
			err_version();
		default:
			err_die(EX_USAGE, "%s", opt_error(c, argv, optind,
			    optopt, ebuf, sizeof ebuf));
		}
	}
	if (argc - optind > 1)
		usage();
	if (argc > optind)
		name = argv[optind];
	if (nmodes > 1)
		err_die(EX_USAGE, "--list, --status and --kill exclude one "
		    "another");
	if (mode != MODE_OPEN && (detached || cc || t.dry_run))
		err_die(EX_USAGE, "-d, --cc and --dry-run only go with "
		    "opening a project");
	if (detached && cc)
		err_die(EX_USAGE, "-d and --cc exclude one another");
	if (mode == MODE_LIST) {
		if (name || file)
			err_die(EX_USAGE, "--list takes no project");
		return do_list(&t);
	}
	if (name == NULL && file == NULL)
		usage();
	load_project(&p, name, file);
	switch (mode) {
	case MODE_STATUS:
		r = do_status(&t, &p);
		break;
	case MODE_KILL:
		r = do_kill(&t, &p);
		break;
	default:
		r = do_open(&t, &p, detached, cc);
		break;
	}
	project_free(&p);
	if (fflush(stdout) != 0 || ferror(stdout))
		err_diesys(EX_SYS, "unable to write to stdout");
	return r;
}
