/* err.c: program name, one-line diagnostics and exits (see err.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"

#ifndef TK_VERSION
#define TK_VERSION "0"
#endif

const char *err_prog = "?";
static int usage_code = EX_USAGE;

void
err_init(const char *argv0)
{
	const char *s;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	s = strrchr(argv0, '/');
	err_prog = s ? s + 1 : argv0;
}

void
err_set_usage_code(int code)
{
	usage_code = code;
}

/* Build the whole line first and write it with one write(2), so lines from
 * several processes sharing a stderr never interleave. */
void
err_vprint(const char *kind, int errnum, const char *fmt, va_list ap)
{
	char line[2048];
	size_t n;
	int r;

	r = snprintf(line, sizeof line, "%s: %s: ", err_prog, kind);
	n = r < 0 ? 0 : (size_t)r;
	if (n < sizeof line) {
		r = vsnprintf(line + n, sizeof line - n, fmt, ap);
		if (r > 0)
			n += (size_t)r;
	}
	if (errnum && n < sizeof line) {
		r = snprintf(line + n, sizeof line - n, ": %s", strerror(errnum));
		if (r > 0)
			n += (size_t)r;
	}
	if (n > sizeof line - 2)
		n = sizeof line - 2;
	line[n++] = '\n';
	(void)!write(2, line, n);
}

void
err_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vprint("fatal", 0, fmt, ap);
	va_end(ap);
	exit(code);
}

void
err_diesys(int code, const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	err_vprint("fatal", e, fmt, ap);
	va_end(ap);
	exit(code);
}

void
err_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vprint("usage", 0, fmt, ap);
	va_end(ap);
	exit(usage_code);
}

void
err_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vprint("warning", 0, fmt, ap);
	va_end(ap);
}

void
err_warnsys(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	err_vprint("warning", e, fmt, ap);
	va_end(ap);
	errno = e;
}

void
err_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vprint("info", 0, fmt, ap);
	va_end(ap);
}

void
err_version(void)
{
	printf("%s %s\n", err_prog, TK_VERSION);
	exit(fflush(stdout) == 0 ? 0 : EX_SYS);
}
