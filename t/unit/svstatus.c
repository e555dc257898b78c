/* t/unit/svstatus.c: the status file of a state directory (lib/svstatus.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "lock.h"
#include "svstatus.h"
#include "tap.h"

int
main(void)
{
	struct svstatus st, got;
	struct buf b = BUF_INIT;
	const char *why;
	char dir[] = "unit-svstatus.XXXXXX";
	char path[256];
	int running, fd;
	pid_t pid;

	is_str(svstatus_state_name(SV_BACKOFF), "backoff", "state name");
	is_int(svstatus_state("failed"), SV_FAILED, "state from name");
	is_int(svstatus_state("bogus"), -1, "unknown state");
	is_str(svstatus_want_name(SV_WANT_ONCE), "once", "want name");
	is_int(svstatus_want("down"), SV_WANT_DOWN, "want from name");

	svstatus_init(&st);
	st.state = SV_UP;
	st.want = SV_WANT_UP;
	st.pid = 4121;
	st.pgid = 4121;
	st.since_ms = 1763700000123LL;
	st.started_ms = 1763700000100LL;
	st.restarts = 3;
	strcpy(st.last_exit, "exit 1");
	st.supervisor_pid = 4120;
	st.pid_start = 123456;
	ok(svstatus_format(&st, &b) == 0, "format");
	is_str(b.p, "state=up\nwant=up\npid=4121\npgid=4121\n"
	    "since=1763700000.123\nstarted=1763700000.100\nrestarts=3\n"
	    "last_exit=exit 1\nsupervisor_pid=4120\npid_start=123456\n"
	    "stop_signal=TERM\nreload_signal=HUP\n", "the text");
	ok(svstatus_parse(b.p, b.len, &got, &why) == 0, "parse it back");
	ok(memcmp(&st, &got, sizeof st) == 0, "round trip");

	ok(svstatus_parse("state=down\n", 11, &got, &why) == 0 &&
	    got.state == SV_DOWN && got.want == SV_WANT_UP && got.pid == 0 &&
	    strcmp(got.reload_signal, "HUP") == 0, "defaults for missing keys");
	ok(svstatus_parse("state=up\nfuture=1\n", 18, &got, &why) == 0,
	    "unknown keys are ignored");
	ok(svstatus_parse("since=1.5\nstate=up", 18, &got, &why) == 0 &&
	    got.since_ms == 1500, "short fraction, no final newline");
	ok(svstatus_parse("pid=1\n", 6, &got, &why) == -1 &&
	    strcmp(why, "no state") == 0, "state is required");
	ok(svstatus_parse("state=up\npid=x\n", 15, &got, &why) == -1 &&
	    strcmp(why, "line 2: bad pid") == 0, "a bad value names its line");
	ok(svstatus_parse("state=sleepy\n", 13, &got, &why) == -1,
	    "unknown state");
	ok(svstatus_parse("state=up\nnoequals\n", 18, &got, &why) == -1 &&
	    strcmp(why, "line 2: not key=value") == 0, "not key=value");
	ok(svstatus_parse("state=up\nsince=1.\n", 18, &got, &why) == -1,
	    "bad time");
	ok(svstatus_parse("state=up\nlast_exit=0123456789012345678901234567"
	    "890123\n", 52, &got, &why) == -1, "overlong last_exit");

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/status", dir);
	ok(svstatus_write(path, &st) == 0, "write");
	ok(svstatus_read(path, &got, &why) == 0 && got.pid == 4121 &&
	    got.restarts == 3, "read");
	ok(svstatus_load(dir, &got, &running, &why) == 0 && running == 0,
	    "load: no lock held, not running");
	snprintf(path, sizeof path, "%s/lock", dir);
	fd = lock_open(path, 0, NULL);
	ok(fd >= 0, "take the lock");
	/* Another process asks. */
	pid = fork();
	if (pid == 0) {
		int r = svstatus_load(dir, &got, &running, &why);
		_exit(r == 0 && running == 1 ? 0 : 1);
	}
	{
		int w;
		waitpid(pid, &w, 0);
		ok(WIFEXITED(w) && WEXITSTATUS(w) == 0, "load: lock held, running");
	}
	close(fd);
	snprintf(path, sizeof path, "%s/status", dir);
	unlink(path);
	errno = 0;
	ok(svstatus_load(dir, &got, &running, &why) == -1 && errno == ENOENT,
	    "load: no status file");
	snprintf(path, sizeof path, "%s/lock", dir);
	unlink(path);
	rmdir(dir);
	buf_free(&b);
	return done_testing();
}
