/* project.c: read and check a tmuxopen project file (see project.h). */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "io.h"
#include "project.h"
#include "toml.h"

#define PROJECT_MAX (4 << 20)	/* a larger project file is a mistake */

struct ctx {
	struct project *p;
	struct buf *msg;
	project_warn_fn *warn;
	const char *home;	/* NULL until needed */
	const char *filedir;	/* absolute directory of the file */
};

static const char *const top_keys[] = { "name", "root", "on_exit", "session", NULL };
static const char *const session_keys[] = { "name", "root", "on_exit", "window", NULL };
static const char *const window_keys[] = { "name", "command", "root", "on_exit",
	"panes", "layout", NULL };
static const char *const pane_keys[] = { "command", "root", "on_exit", NULL };

static const char *const layouts[] = { "even-horizontal", "even-vertical",
	"main-horizontal", "main-vertical", "tiled", NULL };

/* "FILE:LINE: KEY: why" into the message; returns -1 with errno EINVAL. */
static int __attribute__((format(printf, 4, 5)))
fail(struct ctx *c, int line, const char *key, const char *fmt, ...)
{
	va_list ap;

	buf_reset(c->msg);
	if (line > 0)
		buf_printf(c->msg, "%s:%d: ", c->p->file, line);
	else
		buf_printf(c->msg, "%s: ", c->p->file);
	if (key)
		buf_printf(c->msg, "%s: ", key);
	va_start(ap, fmt);
	buf_vprintf(c->msg, fmt, ap);
	va_end(ap);
	errno = EINVAL;
	return -1;
}

static int
oom(struct ctx *c)
{
	buf_reset(c->msg);
	buf_adds(c->msg, "out of memory");
	errno = ENOMEM;
	return -1;
}

static char *
astrdup(struct ctx *c, const char *s)
{
	return arena_strndup(&c->p->arena, s, strlen(s));
}

/* "session.window" + "." + "root", in the arena (for messages kept in
 * the tree). */
static const char *
keyname(struct ctx *c, const char *prefix, const char *key)
{
	size_t pl = prefix ? strlen(prefix) : 0, kl = strlen(key);
	char *s;

	s = arena_alloc(&c->p->arena, pl + kl + 2);
	if (s == NULL)
		return NULL;
	if (pl) {
		memcpy(s, prefix, pl);
		s[pl++] = '.';
	}
	memcpy(s + pl, key, kl + 1);
	return s;
}

static void
check_keys(struct ctx *c, const struct toml *t, const char *prefix,
    const char *const *known)
{
	struct buf w = BUF_INIT;
	const struct toml *m;
	const char *k;
	size_t i, j;

	for (i = 0; i < toml_len(t); i++) {
		m = toml_index(t, i);
		k = toml_key(m, NULL);
		for (j = 0; known[j]; j++)
			if (strcmp(k, known[j]) == 0)
				break;
		if (known[j] || c->warn == NULL)
			continue;
		buf_printf(&w, "%s:%d: %s%s%s: unknown key, ignored",
		    c->p->file, toml_line(m), prefix ? prefix : "",
		    prefix ? "." : "", k);
		if (w.p)
			c->warn(w.p);
		buf_reset(&w);
	}
	buf_free(&w);
}

/* A string member: *out NULL when missing. */
static int
get_str(struct ctx *c, const struct toml *t, const char *prefix,
    const char *key, const char **out, int *line)
{
	const struct toml *v = toml_get(t, key);
	const char *s;

	*out = NULL;
	if (line)
		*line = v ? toml_line(v) : toml_line(t);
	if (v == NULL)
		return 0;
	if (toml_type(v) != TOML_STRING)
		return fail(c, toml_line(v), keyname(c, prefix, key),
		    "expected a string, not %s", toml_type_name(toml_type(v)));
	s = toml_str(v, "");
	if (strlen(s) != toml_strlen(v))
		return fail(c, toml_line(v), keyname(c, prefix, key),
		    "contains a NUL character");
	if ((*out = astrdup(c, s)) == NULL)
		return oom(c);
	return 0;
}

static const char *
home(struct ctx *c)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (c->home)
		return c->home;
	if (h == NULL || *h == '\0') {
		pw = getpwuid(getuid());
		h = pw ? pw->pw_dir : NULL;
	}
	if (h)
		c->home = astrdup(c, h);
	return c->home;
}

/* Expand '~' and '~user', and put parent before a relative path. */
static int
resolve_dir(struct ctx *c, const char *parent, const char *v, int line,
    const char *key, const char **out)
{
	struct passwd *pw;
	const char *base = NULL, *rest = v;
	char user[256];
	size_t ul;
	char *s;

	if (*v == '\0')
		return fail(c, line, key, "empty directory");
	if (v[0] == '~') {
		ul = strcspn(v + 1, "/");
		if (ul == 0) {
			if ((base = home(c)) == NULL)
				return fail(c, line, key, "cannot expand '~': "
				    "HOME is not set and the user is unknown");
		} else {
			if (ul >= sizeof user)
				return fail(c, line, key, "user name too long");
			memcpy(user, v + 1, ul);
			user[ul] = '\0';
			pw = getpwnam(user);
			if (pw == NULL)
				return fail(c, line, key, "unknown user '%s'",
				    user);
			if ((base = astrdup(c, pw->pw_dir)) == NULL)
				return oom(c);
		}
		rest = v + 1 + ul;
		while (*rest == '/')
			rest++;
	} else if (v[0] != '/') {
		base = parent;
	}
	if (base == NULL) {
		s = astrdup(c, v);
	} else if (*rest == '\0') {
		s = astrdup(c, base);
	} else {
		size_t bl = strlen(base), rl = strlen(rest);
		s = arena_alloc(&c->p->arena, bl + rl + 2);
		if (s) {
			memcpy(s, base, bl);
			if (bl == 0 || base[bl - 1] != '/')
				s[bl++] = '/';
			memcpy(s + bl, rest, rl + 1);
		}
	}
	if (s == NULL)
		return oom(c);
	*out = s;
	return 0;
}

/* A level's own root and on_exit, inherited from the level above. */
struct level {
	const char *dir;
	struct origin from;
	int on_exit;
};

static int
get_level(struct ctx *c, const struct toml *t, const char *prefix,
    const struct level *up, const char *relbase, struct level *out)
{
	const char *s, *key;
	int line;

	*out = *up;
	if (get_str(c, t, prefix, "root", &s, &line) < 0)
		return -1;
	if (s) {
		if ((key = keyname(c, prefix, "root")) == NULL)
			return oom(c);
		if (resolve_dir(c, relbase ? relbase : up->dir, s, line, key,
		    &out->dir) < 0)
			return -1;
		out->from.key = key;
		out->from.line = line;
	}
	if (get_str(c, t, prefix, "on_exit", &s, &line) < 0)
		return -1;
	if (s) {
		if (strcmp(s, "shell") == 0)
			out->on_exit = ON_EXIT_SHELL;
		else if (strcmp(s, "close") == 0)
			out->on_exit = ON_EXIT_CLOSE;
		else
			return fail(c, line, keyname(c, prefix, "on_exit"),
			    "'%s': expected \"shell\" or \"close\"", s);
	}
	return 0;
}

static int
is_layout(const char *s)
{
	size_t i;

	for (i = 0; layouts[i]; i++)
		if (strcmp(s, layouts[i]) == 0)
			return 1;
	/* A layout string as list-windows prints it: "b25f,80x24,0,0...". */
	return strlen(s) > 5 && strspn(s, "0123456789abcdef") == 4 &&
	    s[4] == ',';
}

/* Put a pane at a level: its directory and on_exit; a blank command
 * means a shell. */
static void
pane_at(struct pane *pn, const struct level *lv)
{
	if (pn->command && pn->command[strspn(pn->command, " \t\n")] == '\0')
		pn->command = NULL;
	pn->dir = lv->dir;
	pn->dir_from = lv->from;
	pn->on_exit = lv->on_exit;
}

static int
get_pane(struct ctx *c, const struct toml *t, const char *prefix,
    const struct level *up, struct pane *pn)
{
	struct level lv;
	const char *cmd;

	if (toml_type(t) == TOML_STRING) {
		cmd = toml_str(t, "");
		if (strlen(cmd) != toml_strlen(t))
			return fail(c, toml_line(t), prefix,
			    "contains a NUL character");
		if ((pn->command = astrdup(c, cmd)) == NULL)
			return oom(c);
		lv = *up;
	} else if (toml_type(t) == TOML_TABLE) {
		check_keys(c, t, prefix, pane_keys);
		if (get_str(c, t, prefix, "command", &pn->command, NULL) < 0 ||
		    get_level(c, t, prefix, up, NULL, &lv) < 0)
			return -1;
	} else {
		return fail(c, toml_line(t), prefix, "expected a string or "
		    "a table, not %s", toml_type_name(toml_type(t)));
	}
	pane_at(pn, &lv);
	return 0;
}

static int
get_window(struct ctx *c, const struct toml *t, const struct level *up,
    struct window *w)
{
	static const char prefix[] = "session.window";
	const struct toml *panes;
	struct level lv;
	size_t i, n;
	int line;

	check_keys(c, t, prefix, window_keys);
	if (get_str(c, t, prefix, "name", &w->name, NULL) < 0 ||
	    get_str(c, t, prefix, "layout", &w->layout, &line) < 0 ||
	    get_level(c, t, prefix, up, NULL, &lv) < 0)
		return -1;
	if (w->name && *w->name == '\0')
		w->name = NULL;
	if (w->layout && !is_layout(w->layout))
		return fail(c, line, "session.window.layout", "'%s': expected "
		    "even-horizontal, even-vertical, main-horizontal, "
		    "main-vertical, tiled or a layout string", w->layout);
	panes = toml_get(t, "panes");
	if (panes && toml_type(panes) != TOML_ARRAY)
		return fail(c, toml_line(panes), "session.window.panes",
		    "expected an array, not %s",
		    toml_type_name(toml_type(panes)));
	n = toml_len(panes);
	w->npanes = n + 1;
	w->panes = arena_zalloc(&c->p->arena, w->npanes * sizeof *w->panes);
	if (w->panes == NULL)
		return oom(c);
	/* The window's own command is its first pane. */
	if (get_str(c, t, prefix, "command", &w->panes[0].command, NULL) < 0)
		return -1;
	pane_at(&w->panes[0], &lv);
	for (i = 0; i < n; i++)
		if (get_pane(c, toml_index(panes, i), "session.window.panes",
		    &lv, &w->panes[i + 1]) < 0)
			return -1;
	return 0;
}

const char *
project_bad_session_name(const char *name)
{
	const unsigned char *s;

	if (*name == '\0')
		return "empty session name";
	for (s = (const unsigned char *)name; *s; s++) {
		if (*s == '.' || *s == ':')
			return "tmux session names cannot contain '.' or ':'";
		if (*s == '\\')
			return "tmux would rewrite the '\\' in this session name";
		if (*s < 0x20 || *s == 0x7f)
			return "tmux would rewrite the control characters in "
			    "this session name";
	}
	return NULL;
}

static int
get_session(struct ctx *c, const struct toml *t, const struct level *up,
    struct session *s)
{
	static const char prefix[] = "session";
	const struct toml *wins;
	struct level lv;
	const char *why;
	size_t i, n;

	if (toml_type(t) != TOML_TABLE)
		return fail(c, toml_line(t), prefix, "expected a table "
		    "([[session]]), not %s", toml_type_name(toml_type(t)));
	check_keys(c, t, prefix, session_keys);
	if (get_str(c, t, prefix, "name", &s->name, &s->line) < 0)
		return -1;
	if (s->name == NULL)
		return fail(c, toml_line(t), prefix, "missing name");
	if ((why = project_bad_session_name(s->name)) != NULL)
		return fail(c, s->line, "session.name", "'%s': %s", s->name,
		    why);
	if (get_level(c, t, prefix, up, NULL, &lv) < 0)
		return -1;
	wins = toml_get(t, "window");
	if (wins && (toml_type(wins) != TOML_ARRAY ||
	    (toml_len(wins) > 0 &&
	    toml_type(toml_index(wins, 0)) != TOML_TABLE)))
		return fail(c, toml_line(wins), "session.window", "expected "
		    "an array of tables ([[session.window]])");
	n = toml_len(wins);
	s->nwindows = n ? n : 1;
	s->windows = arena_zalloc(&c->p->arena, s->nwindows * sizeof *s->windows);
	if (s->windows == NULL)
		return oom(c);
	if (n == 0) {
		/* No window given: one with a shell, in the session's root. */
		s->windows[0].npanes = 1;
		s->windows[0].panes = arena_zalloc(&c->p->arena,
		    sizeof *s->windows[0].panes);
		if (s->windows[0].panes == NULL)
			return oom(c);
		pane_at(&s->windows[0].panes[0], &lv);
		return 0;
	}
	for (i = 0; i < n; i++) {
		const struct toml *w = toml_index(wins, i);
		if (toml_type(w) != TOML_TABLE)
			return fail(c, toml_line(w), "session.window",
			    "expected a table, not %s",
			    toml_type_name(toml_type(w)));
		if (get_window(c, w, &lv, &s->windows[i]) < 0)
			return -1;
	}
	return 0;
}

/* The absolute directory of path, in the arena. */
static const char *
file_dir(struct ctx *c, const char *path)
{
	const char *slash = strrchr(path, '/');
	char cwd[PATH_MAX];
	struct buf b = BUF_INIT;
	const char *r = NULL;

	if (slash == path)
		return astrdup(c, "/");
	if (path[0] != '/') {
		if (getcwd(cwd, sizeof cwd) == NULL)
			return NULL;
		buf_adds(&b, cwd);
		if (slash)
			buf_addc(&b, '/');
	}
	if (slash)
		buf_add(&b, path, (size_t)(slash - path));
	if (b.p)
		r = astrdup(c, b.p);
	buf_free(&b);
	return r;
}

/* The file's base name without ".toml". */
static const char *
file_project(struct ctx *c, const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 5 && strcmp(b + n - 5, ".toml") == 0)
		n -= 5;
	return arena_strndup(&c->p->arena, b, n);
}

static int
load(struct ctx *c, const struct toml *doc)
{
	const struct toml *sess;
	struct level top;
	size_t i, j;
	int line;

	check_keys(c, doc, NULL, top_keys);
	if (get_str(c, doc, NULL, "name", &c->p->name, &line) < 0)
		return -1;
	if (c->p->name == NULL) {
		if ((c->p->name = file_project(c, c->p->file)) == NULL)
			return oom(c);
	}
	if (*c->p->name == '\0')
		return fail(c, line, "name", "empty project name");
	if ((c->filedir = file_dir(c, c->p->file)) == NULL)
		return fail(c, 0, NULL, "cannot tell the file's directory: %s",
		    strerror(errno));
	memset(&top, 0, sizeof top);
	if ((top.dir = home(c)) == NULL)
		return fail(c, 0, "root", "no root, and no home directory "
		    "to default to");
	top.from.key = "root";
	top.from.line = 0;
	top.on_exit = ON_EXIT_SHELL;
	/* A relative project root is taken from the file's directory. */
	if (get_level(c, doc, NULL, &top, c->filedir, &top) < 0)
		return -1;
	sess = toml_get(doc, "session");
	if (sess == NULL)
		return fail(c, 0, NULL, "no [[session]]: a project needs at "
		    "least one session");
	if (toml_type(sess) != TOML_ARRAY || toml_len(sess) == 0)
		return fail(c, toml_line(sess), "session", "expected an array "
		    "of tables ([[session]])");
	c->p->nsessions = toml_len(sess);
	c->p->sessions = arena_zalloc(&c->p->arena,
	    c->p->nsessions * sizeof *c->p->sessions);
	if (c->p->sessions == NULL)
		return oom(c);
	for (i = 0; i < c->p->nsessions; i++) {
		if (get_session(c, toml_index(sess, i), &top,
		    &c->p->sessions[i]) < 0)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(c->p->sessions[j].name,
			    c->p->sessions[i].name) == 0)
				return fail(c, c->p->sessions[i].line,
				    "session.name", "duplicate session '%s' "
				    "(also at line %d)", c->p->sessions[i].name,
				    c->p->sessions[j].line);
	}
	return 0;
}

int
project_parse(struct project *p, const char *text, size_t len,
    const char *file, project_warn_fn *warn, struct buf *msg)
{
	struct ctx c;
	struct toml_err te;
	struct toml *doc;
	int r, e;

	memset(p, 0, sizeof *p);
	memset(&c, 0, sizeof c);
	c.p = p;
	c.msg = msg;
	c.warn = warn;
	buf_reset(msg);
	if ((p->file = astrdup(&c, file)) == NULL)
		return oom(&c);
	doc = toml_parse(text, len, file, &te);
	if (doc == NULL) {
		e = errno;
		buf_adds(msg, te.msg);
		errno = e == ENOMEM ? ENOMEM : EINVAL;
		return -1;
	}
	r = load(&c, doc);
	e = errno;
	toml_free(doc);
	errno = e;
	return r;
}

int
project_load(struct project *p, const char *file, project_warn_fn *warn,
    struct buf *msg)
{
	char *text = NULL;
	size_t len;
	int r, e;

	memset(p, 0, sizeof *p);
	buf_reset(msg);
	if (io_readfile(file, PROJECT_MAX, &text, &len) < 0) {
		e = errno;
		buf_printf(msg, "%s: %s", file, e == EFBIG ?
		    "larger than 4 MiB" : strerror(e));
		errno = e;
		return -1;
	}
	r = project_parse(p, text, len, file, warn, msg);
	e = errno;
	free(text);
	errno = e;
	return r;
}

void
project_free(struct project *p)
{
	arena_free(&p->arena);
	memset(p, 0, sizeof *p);
}

int
project_check_dir(const struct project *p, const struct pane *pn,
    struct buf *msg)
{
	struct stat st;
	const char *why = NULL;

	if (stat(pn->dir, &st) < 0)
		why = strerror(errno);
	else if (!S_ISDIR(st.st_mode))
		why = "not a directory";
	else if (access(pn->dir, X_OK) < 0)
		why = strerror(errno);
	if (why == NULL)
		return 0;
	buf_reset(msg);
	if (pn->dir_from.line > 0)
		buf_printf(msg, "%s:%d: %s: %s: %s", p->file,
		    pn->dir_from.line, pn->dir_from.key, pn->dir, why);
	else
		buf_printf(msg, "%s: %s (default ~): %s: %s", p->file,
		    pn->dir_from.key, pn->dir, why);
	errno = ENOENT;
	return -1;
}
