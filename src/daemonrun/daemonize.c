/* daemonize.c: --daemonize, and fatal errors that reach the caller.
 *
 * The original process forks, the child calls setsid() and forks again,
 * and the grandchild (the daemon) goes on. The original waits on a pipe
 * until the daemon reports: "0\n" once CMD has been started (and, with
 * --notify-fd, is ready), or "CODE\nMESSAGE" when something failed;
 * it then prints the message as its own fatal error and exits CODE. So a
 * bad pid file or a missing command is seen by whoever ran daemonrun,
 * with the right exit status. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "daemonrun.h"
#include "err.h"
#include "io.h"
#include "proc.h"

int report_fd = -1;

static void
vreport(int code, const char *fmt, va_list ap)
{
	char msg[2048];
	int n;

	if (report_fd < 0)
		return;
	n = snprintf(msg, sizeof msg, "%d\n", code);
	if (fmt && n > 0 && n < (int)sizeof msg)
		vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	(void)io_writeall(report_fd, msg, strlen(msg));
	io_close(report_fd);
	report_fd = -1;
}

void
report(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(code, fmt, ap);
	va_end(ap);
}

void
die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (report_fd >= 0)
		vreport(code, fmt, ap);
	else
		err_vprint("fatal", 0, fmt, ap);
	va_end(ap);
	exit(code);
}

void
diesys(int code, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	int e = errno;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	die(code, "%s: %s", msg, strerror(e));
}

/* In the original process: wait for the daemon's report and exit. */
static void __attribute__((noreturn))
wait_report(pid_t child, int fd)
{
	char buf[2100], *nl;
	ssize_t n;
	int st, code;

	(void)proc_wait(child, &st, 0);
	n = io_readfull(fd, buf, sizeof buf - 1);
	if (n <= 0)
		err_die(EX_SYS, "the daemon exited before starting the command");
	buf[n] = '\0';
	code = atoi(buf);
	nl = strchr(buf, '\n');
	if (code != 0 && nl && nl[1])
		err_die(code, "%s", nl + 1);
	exit(code);
}

/* Replace fd (0, 1 or 2) with /dev/null. */
static void
null_fd(int fd, int flags)
{
	int n = open("/dev/null", flags | O_NOCTTY);

	if (n < 0)
		diesys(EX_SYS, "unable to open /dev/null");
	if (n != fd) {
		if (dup2(n, fd) < 0)
			diesys(EX_SYS, "unable to redirect fd %d", fd);
		close(n);
	}
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Close fds lo..hi (inclusive). */
static void
close_span(int lo, int hi)
{
	int fd;

	if (lo > hi)
		return;
#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned)lo, (unsigned)hi, 0) == 0)
		return;
#endif
	for (fd = lo; fd <= hi; fd++)
		(void)close(fd);
}

/* Close every fd above 2 but the n in keep: a daemon holds nothing of
 * its caller's (a pipe kept open would keep a reader waiting). */
static void
close_inherited(int *keep, size_t n)
{
	long max = sysconf(_SC_OPEN_MAX);
	int lo = 3;
	size_t i;

	if (max < 0 || max > 1048576)
		max = 1048576;
	qsort(keep, n, sizeof *keep, cmp_int);
	for (i = 0; i < n; i++) {
		if (keep[i] < lo)
			continue;
		close_span(lo, keep[i] - 1);
		lo = keep[i] + 1;
	}
	close_span(lo, (int)max - 1);
}

void
daemonize(int *keep, size_t nkeep)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		err_diesys(EX_SYS, "unable to create a pipe");
	p[0] = io_fd_above2(p[0]);
	p[1] = io_fd_above2(p[1]);
	if (p[0] < 0 || p[1] < 0)
		err_diesys(EX_SYS, "unable to create a pipe");
	fflush(NULL);
	if ((pid = fork()) < 0)
		err_diesys(EX_SYS, "unable to fork");
	if (pid > 0) {
		close(p[1]);
		wait_report(pid, p[0]);
	}
	close(p[0]);
	report_fd = p[1];
	signal(SIGPIPE, SIG_IGN);
	if (setsid() < 0)
		diesys(EX_SYS, "unable to create a session");
	if ((pid = fork()) < 0)
		diesys(EX_SYS, "unable to fork");
	if (pid > 0)
		_exit(0);
	if (chdir("/") < 0)
		diesys(EX_SYS, "unable to change directory to /");
	/* stdin from /dev/null; a terminal on stdout or stderr too (a
	 * daemon has no terminal). Files and pipes stay: the caller chose
	 * them (daemonrun -d ... >>log 2>&1). */
	null_fd(0, O_RDONLY);
	if (isatty(1))
		null_fd(1, O_WRONLY);
	if (isatty(2))
		null_fd(2, O_WRONLY);
	keep[nkeep++] = report_fd;
	close_inherited(keep, nkeep);
}
