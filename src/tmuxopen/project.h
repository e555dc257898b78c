/* project.h: a tmuxopen project file (TOML), read and checked.
 *
 * project_load() parses FILE and checks every key before anything runs:
 *
 *	name = "web"			the project (default: FILE's base name)
 *	root = "~/src/web"		default directory (default: ~); a
 *					relative one is taken from FILE's
 *					directory
 *	on_exit = "shell"		"shell" or "close" (see below)
 *	[[session]]			at least one
 *	name = "web-edit"		required; no '.', ':', '\', controls
 *	root = "app"			relative to the project's root
 *	on_exit = ...
 *	[[session.window]]		none: one window with a shell
 *	name = "editor"
 *	command = "vim ."		none or "": a shell
 *	root = ...			relative to the session's root
 *	on_exit = ...
 *	panes = ["make watch", { command = "...", root = "...", on_exit = "..." }]
 *	layout = "main-vertical"	a tmux layout name or layout string
 *
 * Directories have '~' and '~user' expanded and are made absolute. Each
 * remembers the key it came from, so check_dir() can say
 * "web.toml:7: session.window.root: /x: No such file or directory".
 *
 * on_exit says what a pane does when its command ends: "shell" (the
 * default) starts an interactive $SHELL in its place, "close" lets tmux
 * close the pane.
 *
 * Errors: -1 and msg filled with "FILE:LINE: key: why" (or the parser's
 * "FILE:LINE:COL: why"); errno ENOENT when FILE does not exist (msg then
 * holds the strerror form), EINVAL for a bad file, another errno when it
 * could not be read. Unknown keys are reported through the warn callback
 * and otherwise ignored. */
#ifndef TMUXOPEN_PROJECT_H
#define TMUXOPEN_PROJECT_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

/* Where a value was written, for messages. */
struct origin {
	const char *key;	/* "session.window.root" */
	int line;		/* 0: a default, not written */
};

enum { ON_EXIT_SHELL, ON_EXIT_CLOSE };

struct pane {
	const char *command;	/* NULL: a shell */
	const char *dir;	/* absolute */
	struct origin dir_from;
	int on_exit;
};

struct window {
	const char *name;	/* NULL: tmux names it */
	const char *layout;	/* NULL: none */
	struct pane *panes;	/* panes[0]: the window's own command */
	size_t npanes;		/* at least 1 */
};

struct session {
	const char *name;
	struct window *windows;
	size_t nwindows;	/* at least 1 */
	int line;		/* of its name */
};

struct project {
	const char *name;
	const char *file;
	struct session *sessions;
	size_t nsessions;	/* at least 1 */
	struct arena arena;	/* everything above lives here */
};

typedef void project_warn_fn(const char *msg);

int project_load(struct project *p, const char *file, project_warn_fn *warn,
    struct buf *msg);
/* The same from text in memory; file names it in messages, and its
 * directory is the base of a relative project root. */
int project_parse(struct project *p, const char *text, size_t len,
    const char *file, project_warn_fn *warn, struct buf *msg);
void project_free(struct project *p);

/* Check that a pane's directory is a searchable directory. 0, or -1 with
 * msg "FILE:LINE: key: DIR: why". */
int project_check_dir(const struct project *p, const struct pane *pn,
    struct buf *msg);

/* Whether tmux keeps a session name as given: not empty, none of '.',
 * ':' (tmux turns them into '_'), '\' and control characters (it
 * escapes them). NULL if so, else why not. */
const char *project_bad_session_name(const char *name);

#endif
