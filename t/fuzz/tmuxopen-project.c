/* t/fuzz/tmuxopen-project.c: tmuxopen's project files, and what it makes
 * of their strings for tmux and for sh.
 *
 * Any input must load or fail with a message, never crash; every string
 * of a loaded project must come back intact through tmux's argument rules
 * (a trailing "\;" is ";", "##" is '#' in formats) and through sh's
 * single quotes as esc_shell() writes them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/tmuxopen/project.c"
#include "../../src/tmuxopen/tmux.c"

/* What tmux's command parser makes of one argument (see targv_arg). */
static char *
tmux_unescape(const char *a, int fmt)
{
	size_t n = strlen(a), i, j;
	char *s = strdup(a);

	if (s == NULL)
		abort();
	if (n && s[n - 1] == ';') {
		s[--n] = '\0';
		if (n == 0 || s[n - 1] != '\\')
			abort();	/* the argument would end the command */
		s[n - 1] = ';';
	}
	if (fmt) {
		for (i = j = 0; s[i]; i++) {
			if (s[i] == '#') {
				if (s[i + 1] != '#')
					abort();	/* a format */
				i++;
			}
			s[j++] = s[i];
		}
		s[j] = '\0';
	}
	return s;
}

/* What sh makes of esc_shell()'s word. */
static char *
sh_unquote(const char *q)
{
	struct buf b = BUF_INIT;
	const char *p = q;

	if (*p != '\'') {
		buf_adds(&b, p);
	} else {
		while (*p) {
			if (*p == '\'') {
				p++;
				while (*p && *p != '\'')
					buf_addc(&b, *p++);
				if (*p != '\'')
					abort();
				p++;
			} else if (p[0] == '\\' && p[1] == '\'') {
				buf_addc(&b, '\'');
				p += 2;
			} else {
				abort();
			}
		}
	}
	buf_adds(&b, "");
	return buf_detach(&b);
}

static void
check(const char *s)
{
	struct targv a = TARGV_INIT;
	struct buf q = BUF_INIT;
	char *u;
	int fmt;

	for (fmt = 0; fmt < 2; fmt++) {
		targv_reset(&a);
		if ((fmt ? targv_fmt(&a, s) : targv_arg(&a, s)) < 0)
			abort();
		u = tmux_unescape(a.v[0], fmt);
		if (strcmp(u, s) != 0)
			abort();
		free(u);
		buf_reset(&q);
		if (esc_shell(&q, a.v[0]) < 0)
			abort();
		u = sh_unquote(q.p);
		if (strcmp(u, a.v[0]) != 0)
			abort();
		free(u);
	}
	targv_free(&a);
	buf_free(&q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct project p;
	struct buf msg = BUF_INIT;
	size_t i, j, k;

	setenv("HOME", "/home/fuzz", 1);
	if (project_parse(&p, (const char *)data, size, "/fuzz/p.toml", NULL,
	    &msg) == 0) {
		check(p.name);
		for (i = 0; i < p.nsessions; i++) {
			const struct session *s = &p.sessions[i];
			if (project_bad_session_name(s->name))
				abort();
			check(s->name);
			for (j = 0; j < s->nwindows; j++) {
				const struct window *w = &s->windows[j];
				if (w->name)
					check(w->name);
				if (w->layout)
					check(w->layout);
				for (k = 0; k < w->npanes; k++) {
					if (w->panes[k].dir[0] != '/')
						abort();
					check(w->panes[k].dir);
					if (w->panes[k].command)
						check(w->panes[k].command);
				}
			}
		}
	} else if (msg.p == NULL || msg.p[0] == '\0') {
		abort();	/* a failure always says why */
	}
	project_free(&p);
	buf_free(&msg);
	return 0;
}
