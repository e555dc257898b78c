/* t/unit/ptab.c: the process table snapshot (lib/ptab.c). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ptab.h"
#include "tap.h"

int
main(void)
{
#ifdef __linux__
	struct ptab t;
	struct ptab_proc *me, *kids[4], one;
	pid_t child, self = getpid();
	size_t n;
	int fd, i;

	child = fork();
	if (child == 0) {
		(void)setpgid(0, 0);
		pause();
		_exit(0);
	}
	(void)setpgid(child, child);
	fd = open("/dev/null", O_RDONLY);
	ok(ptab_read(&t) == 0, "read the table");
	ok(t.n > 1, "more than one process (%zu)", t.n);
	me = ptab_find(&t, self);
	ok(me != NULL, "finds this process");
	if (me == NULL)
		return done_testing();
	is_int(me->ppid, getppid(), "its parent");
	is_int(me->pgid, getpgrp(), "its group");
	is_int(me->threads, 1, "one thread");
	is_str(me->comm, "ptab", "its name");
	ok(me->rss > 0, "a resident size");
	ok(me->start > 0 && me->start <= ptab_uptime(), "a start time before now");
	ok(me->cmdline == NULL && me->fds == -1, "no detail before ptab_detail");
	n = ptab_children(&t, self, kids, 4);
	is_int(n, 1, "one child");
	is_int(kids[0]->pid, child, "the child");
	is_int(kids[0]->pgid, child, "in its own group");
	ok(ptab_find(&t, 0) == NULL, "no pid 0");
	ok(ptab_detail(me) == 0, "detail");
	ok(me->fds >= 4, "fds counted (%d)", me->fds);
	ok(me->cmdline && strstr(me->cmdline, "ptab") != NULL,
	    "command line (%s)", me->cmdline ? me->cmdline : "NULL");
	ptab_free(&t);
	ok(t.n == 0 && t.p == NULL, "freed");

	ok(ptab_first_child(self) == child || (ptab_first_child(self) == -1 &&
	    errno == ENOENT), "the first child (when the kernel lists them)");
	ok(ptab_first_child(child) == 0 || ptab_first_child(child) == -1,
	    "none below the child");
	ok(ptab_stat(child, &one) == 0, "one process");
	is_int(one.ppid, self, "its parent");
	/* Under load the child may not have reached pause() yet. */
	for (i = 0; i < 1000 && one.state != 'S'; i++) {
		ptab_proc_free(&one);
		(void)poll(NULL, 0, 10);
		if (ptab_stat(child, &one) < 0)
			break;
	}
	ok(one.state == 'S', "sleeping");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	errno = 0;
	ok(ptab_stat(child, &one) == -1 && errno == ESRCH, "gone: ESRCH");
	one.cmdline = NULL;
	ok(ptab_stat(self, &one) == 0 && ptab_detail(&one) == 0 &&
	    one.cmdline != NULL, "detail of one process");
	ptab_proc_free(&one);
	ok(ptab_cpu_percent(&one, one.start) == 0, "no time, no percent");
	one.ticks = 50;
	ok(ptab_cpu_percent(&one, one.start + 100) == 50.0, "half the time: 50%%");
	close(fd);
#else
	ok(1, "not Linux");
#endif
	return done_testing();
}
