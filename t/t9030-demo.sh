#!/bin/sh
test_description='make demo: the whole story runs, says what it does, and leaves nothing behind'
. "${0%/*}/lib.sh"

# t/demo.sh is what `make demo` runs (after building). It makes its
# temporary home under TMPDIR: here, the trash directory.

have() { test -x "$TOP/bin/$1"; }

test_expect_success 'the demo runs to its end and exits 0' '
	mkdir tmp &&
	TMPDIR=$TRASH_DIRECTORY/tmp sh "$TOP/t/demo.sh" >out 2>err ||
		{ cat out err; return 1; }
	test_grep "== done; .* is removed" out
'

test_expect_success 'its temporary home is gone, and no process of it is left' '
	test -z "$(ls -A tmp)" &&
	! grep -l "$TRASH_DIRECTORY/tm[p]/toolkit-demo" /proc/[0-9]*/cmdline 2>/dev/null
'

test_expect_success 'teelog: the output passed through and logged, the command status kept' '
	test_grep "^request 150 served in 4 ms$" out &&
	test_grep "teelog exited 3, the command.s own status" out &&
	test_grep "^out\.log\.[0-9T.]*Z\.gz$" out &&
	test_grep "^[-0-9T:.+]* warning: slow disk at request 150$" out
'

if have daemonctl; then test_set_prereq DAEMONCTL; fi
test_expect_success DAEMONCTL 'daemonctl: new, start, status with resources and health' '
	test_grep "^\\\$ daemonctl new web -- " out &&
	test_grep "^web: up (pid [0-9]*) for [0-9]*s, restarts 0, healthy" out &&
	test_grep "^  resources: cpu .*, rss .*, threads .*, fds " out &&
	test_grep "  \\\\_ teelog --no-signal-forward " out &&
	test_grep "  \\\\_ healthcheck --watch " out
'

test_expect_success DAEMONCTL 'the logs rotate; a crash, a restart, a second one with backoff' '
	test_grep "^out\.log\.[0-9T.]*Z$" out &&
	test_grep "^[-0-9T:.+]* GET /page/[0-9]* 200 " out &&
	test_grep "info exit pid=[0-9]* code=139 " out &&
	test_grep "info restart delay=1s reason=exit restarts=1" out &&
	test_grep "warn backoff delay=2s consecutive=2" out &&
	test_grep "^web: segfault at request" out
'

test_expect_success DAEMONCTL 'a failing health check restarts the app, which comes back healthy' '
	test_grep "warn unhealthy action=restart restarts=1 " out &&
	test_grep "info control cmd=t" out &&
	test_grep "restarts by health 1)" out &&
	test_grep "^web: stopped" out &&
	test_grep "^web: down" out
'

if have plotq; then test_set_prereq PLOTQ; fi
test_expect_success PLOTQ 'plotq: three jobs on one slot, their logs' '
	test_grep "^1  *running .* plot-a " out &&
	test_grep "^3  *queued .* plot-c " out &&
	test_grep "^c.svg done$" out &&
	test $(grep -c "^[123]  *done  *default  *0 " out) = 3
'

if have pbroute && command -v tmux >/dev/null; then test_set_prereq PBTMUX; fi
test_expect_success PBTMUX 'pbroute: the note is typed into the pane' '
	test_grep "info routed iden=d1 target=\"=work:\"" err &&
	test_grep "^echo hello from a phone$" out
'

test_done
