/* t/unit/proc.c: spawning and statuses (lib/proc.c). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io.h"
#include "proc.h"
#include "tap.h"

static int
fail_setup(void *arg)
{
	(void)arg;
	return EPERM;
}

/* An exec hook: the word in arg, by execvp, or ENOTDIR. */
static int
exec_hook(void *arg, char *const *argv)
{
	char *v[] = { "echo", arg, NULL };

	(void)argv;
	if (arg == NULL) {
		errno = ENOTDIR;
		return -1;
	}
	return proc_execvpe("echo", v, NULL);
}

int
main(void)
{
	struct proc_spec sp;
	struct proc_err pe;
	char *echo[] = { "echo", "hello", NULL };
	char *none[] = { "/nonexistent/cmd", NULL };
	char *nope[] = { "no-such-command-tk", NULL };
	char *notx[] = { "/etc/passwd", NULL };
	char *shk[] = { "sh", "-c", "kill -9 $$", NULL };
	char *pg[] = { "sh", "-c", "ps -o pgid= -p $$", NULL };
	char buf[256], path[4096];
	int p[2], st;
	pid_t pid;
	ssize_t n;

	memset(&sp, 0, sizeof sp);
	sp.fd0 = sp.fd1 = sp.fd2 = -1;
	if (pipe(p) < 0)
		return 1;
	sp.argv = echo;
	sp.fd1 = p[1];
	pid = proc_spawn(&sp, &pe);
	close(p[1]);
	ok(pid > 0, "spawn echo");
	n = io_readfull(p[0], buf, sizeof buf - 1);
	close(p[0]);
	buf[n > 0 ? n : 0] = '\0';
	is_str(buf, "hello\n", "child's stdout on the pipe");
	proc_wait(pid, &st, 0);
	is_int(proc_status_code(st), 0, "exit 0");

	sp.fd1 = -1;
	sp.argv = none;
	ok(proc_spawn(&sp, &pe) < 0 && pe.stage == PROC_STAGE_EXEC && pe.err == ENOENT,
	    "missing command reported as ENOENT at exec");
	is_int(proc_exec_code(pe.err), 127, "127 for not found");
	sp.argv = nope;
	ok(proc_spawn(&sp, &pe) < 0 && pe.err == ENOENT, "PATH lookup miss is ENOENT");
	sp.argv = notx;
	ok(proc_spawn(&sp, &pe) < 0 && pe.err == EACCES, "not executable is EACCES");
	is_int(proc_exec_code(pe.err), 126, "126 for not executable");
	sp.argv = echo;
	sp.setup = fail_setup;
	ok(proc_spawn(&sp, &pe) < 0 && pe.stage == PROC_STAGE_SETUP && pe.err == EPERM,
	    "setup failure reported with its stage");
	sp.setup = NULL;
	sp.exec = exec_hook;
	ok(proc_spawn(&sp, &pe) < 0 && pe.stage == PROC_STAGE_EXEC && pe.err == ENOTDIR,
	    "an exec hook's failure reported as exec's");
	ok(waitpid(-1, &st, WNOHANG) < 0 && errno == ECHILD, "failed spawns leave no child");
	if (pipe(p) < 0)
		return 1;
	sp.exec_arg = "hooked";
	sp.fd1 = p[1];
	pid = proc_spawn(&sp, &pe);
	close(p[1]);
	n = io_readfull(p[0], buf, sizeof buf - 1);
	close(p[0]);
	buf[n > 0 ? n : 0] = '\0';
	is_str(buf, "hooked\n", "the exec hook runs in place of argv");
	proc_wait(pid, &st, 0);
	sp.exec = NULL;
	sp.fd1 = -1;

	sp.argv = shk;
	pid = proc_spawn(&sp, NULL);
	proc_wait(pid, &st, 0);
	is_int(proc_status_code(st), 128 + SIGKILL, "killed: 128+9");
	is_str(proc_status_str(st, buf, sizeof buf), "signal KILL", "status string");

	if (pipe(p) < 0)
		return 1;
	sp.argv = pg;
	sp.fd1 = p[1];
	sp.new_pgrp = 1;
	pid = proc_spawn(&sp, NULL);
	close(p[1]);
	n = io_readfull(p[0], buf, sizeof buf - 1);
	close(p[0]);
	buf[n > 0 ? n : 0] = '\0';
	proc_wait(pid, &st, 0);
	ok(atoi(buf) == pid, "new_pgrp: the child leads its own group");

	ok(proc_which("sh", path, sizeof path) == 0 && path[0] == '/', "which sh");
	return done_testing();
}
