#!/bin/sh
test_description='daemonrun --timeout, --notify-fd, --ready-timeout; fds CMD gets'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"

test_expect_success '--timeout stops CMD and exits 124' '
	test_expect_code 124 daemonrun --timeout 300ms -l ev.log -- sleep 1000 &&
	test_grep "warn timeout pid=[0-9]* after=300ms" ev.log &&
	test_grep "info stop pid=[0-9]* signal=TERM reason=timeout" ev.log
'

test_expect_success '--timeout stops the whole group, SIGKILL if need be' '
	test_expect_code 124 daemonrun --timeout 200ms -k 200ms -- \
		sh -c "trap \"\" TERM; sleep 1000 & echo \$! >gc; wait" &&
	! test_alive $(cat gc)
'

test_expect_success 'CMD ending before --timeout: its own status' '
	test_expect_code 3 daemonrun --timeout 1h -- sh -c "exit 3"
'

test_expect_success '--timeout applies to each run; a timed-out run is a failure' '
	rm -f ev.log &&
	test_expect_code 124 daemonrun --timeout 100ms --restart on-failure \
		--restart-delay 0 --max-restarts 2 -l ev.log -- sleep 1000 &&
	test "$(grep -c "warn timeout" ev.log)" = 3 &&
	test "$(grep -c "restart delay=0ms reason=timeout" ev.log)" = 2
'

test_expect_success '--notify-fd: starting until CMD writes a newline, then up' '
	rm -rf sd &&
	dr --state-dir sd --notify-fd 3 -l ev.log -- \
		sh -c "while [ ! -f go ]; do sleep 0.02; done; echo >&3; exec sleep 1000" &&
	test_wait_for "test \"\$(key state)\" = starting" &&
	test_alive "$(key pid)" &&
	touch go &&
	test_wait_for "test \"\$(key state)\" = up" &&
	test_grep "info ready pid=$(key pid)" ev.log &&
	printf x >sd/control && finished
'

test_expect_success '--notify-fd: each restart waits for readiness again' '
	rm -rf sd go ev.log &&
	dr --state-dir sd --notify-fd 3 -l ev.log -- \
		sh -c "while [ ! -f go ]; do sleep 0.02; done; rm go; echo >&3; exec sleep 1000" &&
	touch go &&
	test_wait_for "test \"\$(key state)\" = up" &&
	old=$(key pid) &&
	printf t >sd/control &&
	test_wait_for "test \"\$(key pid)\" != $old && test \"\$(key state)\" = starting" &&
	touch go &&
	test_wait_for "test \"\$(key state)\" = up" &&
	test "$(grep -c "info ready" ev.log)" = 2 &&
	printf x >sd/control && finished
'

test_expect_success '--ready-timeout: never ready, stopped, exit 124' '
	rm -f ev.log &&
	test_expect_code 124 daemonrun --notify-fd 3 --ready-timeout 300ms -l ev.log -- sleep 1000 &&
	test_grep "warn timeout pid=[0-9]* ready_after=300ms" ev.log &&
	test_grep "reason=ready-timeout" ev.log
'

test_expect_success '--ready-timeout does not fire once ready' '
	test_expect_code 5 daemonrun --notify-fd 3 --ready-timeout 300ms -- \
		sh -c "echo >&3; sleep 0.6; exit 5"
'

# What CMD's fds above 2 point to, but those this shell passed on (the
# same fd to the same file here).
fds_of() {
	for fd in $(ls /proc/$1/fd); do
		[ $fd -gt 2 ] || continue
		l=$(readlink /proc/$1/fd/$fd)
		[ "$l" = "$(readlink /proc/$$/fd/$fd 2>/dev/null)" ] && continue
		echo "$fd $l"
	done
	return 0
}

test_expect_success 'no fd of daemonrun leaks into CMD' '
	rm -rf sd w && mkdir w &&
	dr --state-dir sd -l ev.log --watch w --pid-file d.pid --stdout o.txt -- sleep 1000 &&
	test_wait_for "test \"\$(key state)\" = up" &&
	fds_of $(key pid) >fds &&
	! test -s fds &&
	readlink /proc/$(key pid)/fd/1 | grep -q o.txt &&
	printf x >sd/control && finished
'

test_expect_success 'with --notify-fd 5, CMD also gets fd 5, a pipe' '
	rm -rf sd &&
	dr --state-dir sd --notify-fd 5 -- sleep 1000 &&
	test_wait_for "test \"\$(key state)\" = starting" &&
	fds_of $(key pid) >fds &&
	test_grep "^5 pipe:" fds &&
	test "$(grep -c pipe: fds)" = 1 &&
	printf x >sd/control && finished
'

test_expect_success 'fds the caller passes to CMD stay (supervise mode)' '
	rm -rf sd &&
	dr --state-dir sd -- sleep 1000 7>passed &&
	test_wait_for "test \"\$(key state)\" = up" &&
	readlink /proc/$(key pid)/fd/7 | grep -q passed &&
	printf x >sd/control && finished
'

test_done
