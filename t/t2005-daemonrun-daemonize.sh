#!/bin/sh
test_description='daemonrun --daemonize and --pid-file'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"


# Stop a daemon through its pid file, and wait until it is gone.
stop_daemon() {
	p=$(cat "$1" 2>/dev/null) || return 0
	kill -TERM "$p" 2>/dev/null
	test_wait_for "! test_alive $p"
}
test_cleanup_hook='for f in "$TRASH_DIRECTORY"/*.pid; do p=$(cat "$f" 2>/dev/null) && kill -KILL $p 2>/dev/null; done'

test_expect_success 'returns once CMD is started; the daemon is detached' '
	test_when_finished "stop_daemon d.pid" &&
	daemonrun -d --pid-file d.pid --state-dir sd -l ev.log -- \
		sh -c "pwd >cwd; readlink /proc/self/fd/0 >stdin; exec sleep 1000" &&
	test -s d.pid &&
	d=$(cat d.pid) &&
	test "$(key state)" = up &&
	test "$(key supervisor_pid)" = $d &&
	test_alive "$(key pid)" &&
	test "$(ps -o sid= -p $d | tr -d " ")" != "$(ps -o sid= -p $$ | tr -d " ")" &&
	test "$(ps -o sid= -p $d | tr -d " ")" != $d &&
	test "$(ps -o ppid= -p $d | tr -d " ")" != $$ &&
	test "$(readlink /proc/$d/cwd)" = / &&
	test_wait_for "test -s cwd && test -s stdin" &&
	echo "$TRASH_DIRECTORY" >expect && test_cmp expect cwd &&
	echo /dev/null >expect && test_cmp expect stdin
'

test_expect_success 'the pid file holds the daemon pid, locked; a second one fails' '
	test_when_finished "stop_daemon d.pid" &&
	daemonrun -d --pid-file d.pid -- sleep 1000 &&
	d=$(cat d.pid) &&
	test_expect_code 111 daemonrun -d --pid-file d.pid -- sleep 1000 2>err &&
	test_line_count = 1 err &&
	test_grep "unable to lock .*d.pid: daemonrun already running (pid $d)" err &&
	test "$(cat d.pid)" = $d
'

test_expect_success 'the pid file is removed on a clean exit' '
	daemonrun -d --pid-file d.pid -- sleep 1000 &&
	d=$(cat d.pid) &&
	kill -TERM $d &&
	test_wait_for "! test_alive $d" &&
	test_path_is_missing d.pid
'

test_expect_success 'a stale pid file (killed daemonrun) is detected and replaced' '
	test_when_finished "stop_daemon d.pid" &&
	daemonrun -d --pid-file d.pid -- sleep 1000 &&
	old=$(cat d.pid) &&
	test_wait_for "pgrep -P $old >/dev/null" &&
	orphan=$(pgrep -P $old) &&
	test_when_finished "kill $orphan" &&
	kill -KILL $old &&
	test_wait_for "! test_alive $old" &&
	test -f d.pid &&
	daemonrun -d --pid-file d.pid -- sleep 1000 &&
	test "$(cat d.pid)" != $old &&
	test_alive $(cat d.pid)
'

test_expect_success '--pid-file without --daemonize; TERM as soon as it shows is obeyed' '
	test_bg daemonrun --pid-file fg.pid -- sleep 1000 &&
	test_wait_for "test -s fg.pid" &&
	test "$(cat fg.pid)" = $TEST_BG_PID &&
	kill -TERM $TEST_BG_PID &&
	test_wait_for "! test -e fg.pid"
'

test_expect_success 'setup errors reach the caller with their exit code' '
	test_expect_code 111 daemonrun -d --pid-file nodir/x.pid -- true 2>err &&
	test_line_count = 1 err &&
	test_grep "^daemonrun: fatal: unable to write .*nodir/x.pid: No such file or directory$" err &&
	test_expect_code 127 daemonrun -d -- no-such-cmd-x 2>err &&
	test_grep "^daemonrun: fatal: unable to run no-such-cmd-x: No such file or directory$" err &&
	test_expect_code 100 daemonrun -d --user no-such-user-x -- true 2>err &&
	test_grep "unknown user" err
'

test_expect_success 'a setup error in the daemon itself (locked state dir) reaches the caller' '
	test_when_finished "stop_daemon d.pid" &&
	daemonrun -d --pid-file d.pid --state-dir sd2 -- sleep 1000 &&
	test_expect_code 111 daemonrun -d --pid-file d2.pid --state-dir sd2 -- true 2>err &&
	test_line_count = 1 err &&
	test_grep "unable to lock .*sd2/lock: supervisor already running (pid $(cat d.pid))" err &&
	test_path_is_missing d2.pid
'

test_expect_success 'a --chdir that fails in the child reaches the caller' '
	test_expect_code 111 daemonrun -d -C nodir -- true 2>err &&
	test_grep "unable to change directory to .*nodir: No such file or directory" err
'

test_expect_success 'relative paths are the caller directory, CMD runs there' '
	test_when_finished "stop_daemon rel.pid" &&
	mkdir -p sub &&
	daemonrun -d --pid-file rel.pid --state-dir rsd -l rel.log --stdout out.txt -C sub -- \
		sh -c "pwd; exec sleep 1000" &&
	test -s rel.pid && test -f rsd/status && test -s rel.log &&
	test_wait_for "test -s out.txt" &&
	echo "$TRASH_DIRECTORY/sub" >expect && test_cmp expect out.txt
'

test_expect_success 'output redirected to a file by the caller is kept' '
	daemonrun -d -- sh -c "echo to-stdout; echo to-stderr >&2" >kept 2>&1 &&
	test_wait_for "grep -q to-stderr kept" &&
	test_grep to-stdout kept
'

test_expect_success SCRIPT 'a terminal on stdout or stderr is replaced by /dev/null' '
	test_when_finished "stop_daemon t.pid" &&
	script -qec "daemonrun -d --pid-file t.pid -- sh -c \"echo \\\$\\\$ >cpid; exec sleep 1000\"" /dev/null >/dev/null &&
	test_wait_for "test -s cpid" &&
	for p in $(cat cpid) $(cat t.pid); do
		for fd in 0 1 2; do
			test "$(readlink /proc/$p/fd/$fd)" = /dev/null || return 1
		done
	done
'

test_expect_success LINUX 'inherited fds above 2 are closed' '
	test_when_finished "stop_daemon f.pid" &&
	daemonrun -d --pid-file f.pid -- sh -c "echo \$\$ >cpid2; exec sleep 1000" 7>held &&
	test_wait_for "test -s cpid2" &&
	for p in $(cat cpid2) $(cat f.pid); do
		! ls -l /proc/$p/fd | grep held || return 1
	done
'

test_expect_success 'with --notify-fd the caller returns once CMD is ready' '
	test_when_finished "stop_daemon n.pid" &&
	rm -rf sd &&
	daemonrun -d --pid-file n.pid --state-dir sd -l n.log --notify-fd 3 -- \
		sh -c "sleep 0.3; echo >&3; exec sleep 1000" &&
	test "$(key state)" = up &&
	test_grep "info ready pid=" n.log
'

test_expect_success 'CMD exiting before it is ready: the caller gets its status' '
	test_expect_code 3 daemonrun -d --notify-fd 3 -- sh -c "exit 3" 2>err &&
	test_grep "sh exited before it was ready (exit 3)" err
'

test_expect_success '--ready-timeout: the caller exits 124' '
	test_expect_code 124 daemonrun -d --notify-fd 3 --ready-timeout 300ms -k 1s -- sleep 1000 2>err &&
	test_grep "sleep exited before it was ready (signal TERM)" err
'

test_done
