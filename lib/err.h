/* err.h: exit codes and the one-line messages every binary prints.
 *
 * Messages read "PROG: fatal: unable to open out.log: No such file or
 * directory", "PROG: warning: ...", "PROG: usage: ...". This module is
 * the only one in lib/ that writes to stderr or exits; it is called from
 * the binaries' main code, never from other library modules, which return
 * errors instead. */
#ifndef TK_ERR_H
#define TK_ERR_H

#include <stdarg.h>

/* Exit statuses (OVERVIEW.md). */
enum {
	EX_OK = 0,		/* success */
	EX_NO = 1,		/* a negative answer that is not an error */
	EX_USAGE = 100,		/* bad option, value or config; nothing changed */
	EX_SYS = 111,		/* a system call the tool needed failed */
	EX_TIMEDOUT = 124,	/* daemonrun --timeout ran out */
	EX_NOEXEC = 126,	/* command found but could not be executed */
	EX_NOTFOUND = 127	/* command not found */
};

/* Nagios plugin codes (healthcheck). */
enum { NAG_OK = 0, NAG_WARNING = 1, NAG_CRITICAL = 2, NAG_UNKNOWN = 3 };

/* LSB status codes (daemonctl status). */
enum { LSB_RUNNING = 0, LSB_DEAD_PIDFILE = 1, LSB_NOT_RUNNING = 3, LSB_UNKNOWN = 4 };

extern const char *err_prog;	/* program name used in messages */

void err_init(const char *argv0);
/* Set the exit code used by err_usage() (healthcheck uses 3). */
void err_set_usage_code(int code);

/* "PROG: fatal: MSG" then exit(code). */
void err_die(int code, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
/* "PROG: fatal: MSG: strerror(errno)" then exit(code). */
void err_diesys(int code, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));
/* "PROG: usage: MSG" then exit with the usage code (100 unless changed). */
void err_usage(const char *fmt, ...)
	__attribute__((noreturn, format(printf, 1, 2)));
/* "PROG: warning: MSG" */
void err_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "PROG: warning: MSG: strerror(errno)" */
void err_warnsys(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "PROG: info: MSG" */
void err_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "PROG VERSION" on stdout and exit 0 (--version). */
void err_version(void) __attribute__((noreturn));

/* The message that would follow "PROG: " for a failed syscall. */
void err_vprint(const char *kind, int errnum, const char *fmt, va_list ap);

#endif
