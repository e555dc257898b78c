/* t/unit/misc.c: buf, evlog, sig, opt (lib/buf.c, evlog.c, sig.c, opt.c). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "buf.h"
#include "evlog.h"
#include "io.h"
#include "opt.h"
#include "sig.h"
#include "tap.h"

int
main(void)
{
	struct buf b = BUF_INIT;
	struct evlog ev;
	char q[128], line[1024];
	int p[2], i, k;
	ssize_t n;
	char *argv1[] = { "prog", "--bogus", NULL };
	char *argv2[] = { "prog", "--max-size", NULL };

	buf_adds(&b, "hello");
	buf_addc(&b, ' ');
	buf_printf(&b, "%d-%s", 42, "x");
	is_str(b.p, "hello 42-x", "buf append and printf");
	buf_consume(&b, 6);
	is_str(b.p, "42-x", "buf consume");
	for (i = 0; i < 10000; i++)
		buf_addc(&b, 'y');
	is_int(b.len, 10004, "buf grows");
	buf_reset(&b);
	buf_addu(&b, 0);
	buf_addc(&b, ' ');
	buf_addu(&b, 7);
	buf_addc(&b, ' ');
	buf_addu(&b, 18446744073709551615ULL);
	is_str(b.p, "0 7 18446744073709551615", "buf_addu: 0, a digit, the largest");
	buf_free(&b);

	is_str(evlog_q(q, sizeof q, "./run"), "./run", "bare value");
	is_str(evlog_q(q, sizeof q, "a b"), "\"a b\"", "quoted value");
	is_str(evlog_q(q, sizeof q, "say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"", "escapes");
	is_str(evlog_q(q, sizeof q, ""), "\"\"", "empty value quoted");
	is_int(evlog_level("warning"), EV_WARN, "level warning");
	is_int(evlog_level("nope"), -1, "unknown level");

	if (pipe(p) < 0)
		return 1;
	evlog_init(&ev, "unit", p[1], EV_INFO);
	ev.utc = 1;
	evlog(&ev, EV_DEBUG, "hidden", NULL);
	evlog(&ev, EV_INFO, "start", "pid=%d cmd=%s", 4121, evlog_q(q, sizeof q, "./run x"));
	close(p[1]);
	n = io_readfull(p[0], line, sizeof line - 1);
	line[n > 0 ? n : 0] = '\0';
	ok(strstr(line, " unit[") != NULL && strstr(line, "]: info start pid=4121 cmd=\"./run x\"\n"),
	    "event line format: %.*s", (int)strcspn(line, "\n"), line);
	ok(line[4] == '-' && line[10] == 'T' && strchr(line, 'Z') != NULL, "event line timestamp");
	ok(strstr(line, "hidden") == NULL, "below the level is not written");
	close(p[0]);

	ok(sig_init() == 0 && sig_catch(SIGUSR1) == 0 && sig_catch(SIGUSR2) == 0, "sig setup");
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR2);
	i = sig_next(&k);
	ok(i == SIGUSR1 && k == 0, "first signal read from the pipe, sent by kill");
	is_int(sig_next(NULL), SIGUSR2, "second signal");
	is_int(sig_next(NULL), 0, "then none");

	opterr = 0;
	optind = 1;
	getopt_long(2, argv1, ":q", (struct option[]){ { "max-size", 1, 0, 's' }, { 0, 0, 0, 0 } }, NULL);
	is_str(opt_error('?', argv1, optind, optopt, q, sizeof q), "unknown option '--bogus'",
	    "unknown long option");
	optind = 1;
	i = getopt_long(2, argv2, ":q", (struct option[]){ { "max-size", 1, 0, 's' }, { 0, 0, 0, 0 } }, NULL);
	is_str(opt_error(i, argv2, optind, optopt, q, sizeof q), "option '--max-size' needs a value",
	    "missing value");
	{
		/* io_recv_buf: nothing now, some bytes, the peer gone. */
		struct buf rb = BUF_INIT;
		int sv[2];

		ok(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
		is_int((int)io_recv_buf(sv[0], &rb, 4), 0, "recv_buf: nothing yet");
		(void)!write(sv[1], "hello", 5);
		is_int((int)io_recv_buf(sv[0], &rb, 4), 4, "recv_buf: a chunk at most");
		is_int((int)io_recv_buf(sv[0], &rb, 4), 1, "recv_buf: the rest");
		is_str(rb.p, "hello", "recv_buf: appended, NUL-terminated");
		close(sv[1]);
		errno = EINVAL;
		ok(io_recv_buf(sv[0], &rb, 4) == -1 && errno == 0,
		    "recv_buf: end of stream is -1 with errno 0");
		close(sv[0]);
		buf_free(&rb);
	}
	return done_testing();
}
