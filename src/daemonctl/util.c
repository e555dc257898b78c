/* util.c: argument vectors, shell quoting, allocation, human figures. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemonctl.h"
#include "err.h"
#include "esc.h"
#include "sig.h"

void
nomem(void)
{
	err_die(EX_SYS, "unable to allocate: %s", strerror(ENOMEM));
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		nomem();
	return p;
}

static char *
xvasprintf(const char *fmt, va_list ap)
{
	char *p;

	if (vasprintf(&p, fmt, ap) < 0)
		nomem();
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

/* dir/name: the paths status builds for every app, without printf. */
char *
xpath(const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);
	char *p = malloc(d + n + 2);

	if (p == NULL)
		nomem();
	memcpy(p, dir, d);
	p[d] = '/';
	memcpy(p + d + 1, name, n + 1);
	return p;
}

void
av_add(struct argv *a, const char *s)
{
	char **nv;

	if (a->n + 2 > a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		nv = realloc(a->v, a->cap * sizeof *nv);
		if (nv == NULL)
			nomem();
		a->v = nv;
	}
	a->v[a->n++] = xstrdup(s);
	a->v[a->n] = NULL;
}

void
av_addf(struct argv *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	av_add(a, p);
	free(p);
}

void
av_addv(struct argv *a, char *const *v)
{
	for (; v && *v; v++)
		av_add(a, *v);
}

/* lib/sig.h's self-pipe with the signals of sigs (0 ends the list)
 * caught; dies when the pipe cannot be made. */
void
catch_signals(const int *sigs)
{
	if (sig_init() < 0)
		err_diesys(EX_SYS, "unable to create a pipe");
	for (; *sigs; sigs++)
		(void)sig_catch(*sigs);
}

void
av_opt(struct argv *a, const char *opt, const char *value)
{
	if (value) {
		av_add(a, opt);
		av_add(a, value);
	}
}

void
av_optpath(struct argv *a, const char *opt, const char *base,
    const char *value)
{
	char *abs;

	if (value) {
		abs = path_abs(base, value);
		av_opt(a, opt, abs);
		free(abs);
	}
}

void
av_free(struct argv *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof *a);
}

void
sh_quote(struct buf *b, const char *s)
{
	if (esc_shell(b, s) < 0)
		nomem();
}

void
av_shell(struct buf *b, char *const *v)
{
	for (; v && *v; v++) {
		sh_quote(b, *v);
		if (v[1] && buf_addc(b, ' ') < 0)
			nomem();
	}
}

const char *
fmt_size(char *buf, size_t len, uint64_t bytes)
{
	static const char units[] = "KMGT";
	double v = (double)bytes;
	int i = -1;

	if (bytes < 1024) {
		snprintf(buf, len, "%lluB", (unsigned long long)bytes);
		return buf;
	}
	while (v >= 1024 && i < 3) {
		v /= 1024;
		i++;
	}
	snprintf(buf, len, v < 10 ? "%.1f%c" : "%.0f%c", v, units[i]);
	return buf;
}
