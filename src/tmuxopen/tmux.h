/* tmux.h: running tmux commands ad hoc, one exec of tmux(1) per call.
 *
 * A command line is built with the targv_* functions: targv_arg() adds an
 * argument as tmux's command parser must receive it (an argument ending
 * in ';' would otherwise end the command, so "x;" is passed as "x\;"),
 * targv_fmt() also doubles every '#' for the arguments tmux expands as
 * formats (new-session -s, -n and -c), targv_sep() adds the ';' argument
 * that separates two commands of one invocation.
 *
 * tmux_run() execs "tmux [-L NAME | -S PATH] ARGS...", with stdin from
 * /dev/null and no other inherited descriptor, collects its stdout and
 * stderr and waits for it. With dry_run set it prints the command line,
 * shell-quoted, on stdout instead; with verbose it prints it on stderr
 * before running it. */
#ifndef TMUXOPEN_TMUX_H
#define TMUXOPEN_TMUX_H

#include <stddef.h>

#include "buf.h"

struct targv {
	char **v;		/* NULL-terminated */
	size_t n, cap;
};

#define TARGV_INIT { NULL, 0, 0 }

/* Each returns 0, or -1 with errno ENOMEM. */
int targv_raw(struct targv *a, const char *s);	/* as is */
int targv_arg(struct targv *a, const char *s);	/* a command argument */
int targv_fmt(struct targv *a, const char *s);	/* one expanded as a format */
int targv_sep(struct targv *a);			/* ";" between commands */
void targv_reset(struct targv *a);
void targv_free(struct targv *a);

struct tmux {
	const char *sockopt;	/* "-L", "-S" or NULL */
	const char *sockarg;
	int dry_run;		/* print, run nothing */
	int verbose;		/* print on stderr before running */
	int sigfd;		/* -1, or the signal pipe to watch */
	int signo;		/* set when a signal arrived during a call */
};

/* The full argv: "tmux", the socket option, then args (the global flags
 * in pre, e.g. "-CC", come before the socket option's). */
int tmux_argv(const struct tmux *t, const char *pre, const struct targv *args,
    struct targv *out);

/* "tmux -L x new-session ..." shell-quoted, without a newline. */
int tmux_cmdline(const struct tmux *t, const char *pre,
    const struct targv *args, struct buf *out);

/* Run tmux with args. Returns its exit status code (0 success, 1 a tmux
 * error whose message is in *err, 128+N killed by signal N), 0 in a dry
 * run, or -1 with errno when it could not be run (ENOENT: no tmux in
 * PATH). out and err receive what tmux wrote (reset first). */
int tmux_run(struct tmux *t, const struct targv *args, struct buf *out,
    struct buf *err);

/* Whether err (what a failed tmux wrote) says that no server runs. */
int tmux_no_server(const char *err);

/* The first line of a tmux message, trailing newline removed, in place. */
char *tmux_msg(struct buf *err);

#endif
