/* tk-sigrec: record the signals this process receives.
 *
 *	tk-sigrec [-k] FILE SIG...
 *
 * Appends "ready PID" to FILE, then one line with the signal's name for
 * each SIG (or TERM) received. TERM ends it (after the line) unless -k
 * ("keep": TERM is recorded and ignored). */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"

static const char *file;
static int keep;

static void
record(const char *s)
{
	int fd = open(file, O_WRONLY | O_APPEND | O_CREAT, 0644);

	if (fd >= 0) {
		(void)!write(fd, s, strlen(s));
		close(fd);
	}
}

static void
handler(int sig)
{
	char line[64];
	const char *n = parse_signame(sig);

	snprintf(line, sizeof line, "%s\n", n ? n : "?");
	record(line);
	if (sig == SIGTERM && !keep)
		_exit(0);
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	char line[64];
	const char *why;
	int i = 1, sig;

	if (argc > 1 && strcmp(argv[1], "-k") == 0) {
		keep = 1;
		i++;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: tk-sigrec [-k] FILE SIG...\n");
		return 100;
	}
	file = argv[i++];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	for (; i < argc; i++) {
		if (parse_signal(argv[i], &sig, &why) < 0) {
			fprintf(stderr, "tk-sigrec: bad signal %s\n", argv[i]);
			return 100;
		}
		sigaction(sig, &sa, NULL);
	}
	snprintf(line, sizeof line, "ready %ld\n", (long)getpid());
	record(line);
	for (;;)
		pause();
}
