/* open.h: what runs on a tmux server, and creating a project's sessions.
 *
 * live_list() asks the server for its sessions with one list-sessions
 * (none when no server runs). open_session() creates one session of a
 * project, detached, with its windows and panes: new-session and each
 * new-window print the ids tmux gave (-P -F), and one last tmux call,
 * addressing only those ids, tags every window with the user options
 * @project and @tmux_session, splits the extra panes, applies layouts and
 * gives the focus back to each window's first pane. A pane's command is
 * the pane's own command (never typed with send-keys); with on_exit
 * "shell" it runs as
 *	/bin/sh -c 'trap : INT QUIT; set -m; "${SHELL:-/bin/sh}" -c "$1"; exec "${SHELL:-/bin/sh}"' sh CMD
 * so the pane keeps an interactive shell once CMD ends (Ctrl-C included).
 *
 * Every session created is recorded with the server's pid and its id;
 * open_undo() kills those still there (same server, same id, same name),
 * and nothing else. In a dry run nothing runs: ids are placeholders $S1,
 * @W1, %P1 numbered in creation order. */
#ifndef TMUXOPEN_OPEN_H
#define TMUXOPEN_OPEN_H

#include <stddef.h>

#include "buf.h"
#include "project.h"
#include "tmux.h"

struct live {
	char *name;
	char *id;		/* "$3" */
	long windows, clients;
};

struct livelist {
	struct live *v;
	size_t n;
	long pid;		/* the server's, 0 when none runs */
};

/* 0, or -1 with msg (errno ENOENT: no tmux binary). */
int live_list(struct tmux *t, struct livelist *l, struct buf *msg);
const struct live *live_find(const struct livelist *l, const char *name);
void live_free(struct livelist *l);

struct made {
	long pid;
	char id[32];
	const char *name;
};

struct opener {
	struct tmux *t;
	const struct project *p;
	struct made *made;	/* sessions this run created */
	size_t nmade;
	long pid;		/* the server's, once known */
	unsigned ns, nw, np;	/* dry-run placeholder counters */
};

/* 0 created, 1 it turned out to exist already (created meanwhile by
 * someone else: left alone), -1 with msg (errno ENOENT: no tmux). */
int open_session(struct opener *o, const struct session *s, struct buf *msg);

/* Kill the sessions this run created. The names of those removed go to
 * removed (space-separated). 0, or -1 when that failed (msg says why). */
int open_undo(struct opener *o, struct buf *removed, struct buf *msg);

void open_free(struct opener *o);

#endif
