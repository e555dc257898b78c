#!/bin/sh
test_description='daemonrun --state-dir: DIR/pid holds the running CMD, locked'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"

ctl() { printf "%s" "$1" >sd/control; }

test_expect_success 'DIR/pid names CMD while it runs, locked by the supervisor' '
	dr --state-dir sd -l ev.log -- sleep 1000 &&
	test_wait_for "test \"\$(key state)\" = up && test -f sd/pid" &&
	test "$(cat sd/pid)" = "$(key pid)" &&
	healthcheck --pid-file sd/pid >out &&
	test_grep "HEALTHCHECK OK" out
'

test_expect_success 'a restart rewrites it with the new pid' '
	old=$(key pid) &&
	ctl t &&
	test_wait_for "test -f sd/pid && test \"\$(cat sd/pid)\" != $old && test \"\$(cat sd/pid)\" = \"\$(key pid)\"" &&
	healthcheck --pid-file sd/pid
'

test_expect_success 'removed when CMD is down' '
	ctl d &&
	test_wait_for "test \"\$(key state)\" = down" &&
	test_path_is_missing sd/pid &&
	test_expect_code 2 healthcheck --pid-file sd/pid
'

test_expect_success 'a stale file left by a killed supervisor is removed at start' '
	ctl u &&
	test_wait_for "test \"\$(key state)\" = up && test -f sd/pid" &&
	pid=$(key pid) &&
	kill -KILL $DR &&
	test_wait_for "! test_alive $DR" &&
	test_expect_code 2 healthcheck --pid-file sd/pid >out &&
	test_grep -i stale out &&
	kill -KILL $pid &&
	dr --state-dir sd -- sleep 1000 &&
	test_wait_for "test \"\$(key supervisor_pid)\" = $DR && test \"\$(key state)\" = up && test -f sd/pid" &&
	test "$(cat sd/pid)" = "$(key pid)" &&
	healthcheck --pid-file sd/pid &&
	ctl x &&
	finished &&
	test_path_is_missing sd/pid
'

test_done
