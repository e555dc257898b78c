#!/bin/sh
test_description='teelog under valgrind: no leak, no error on any path'
. "${0%/*}/lib.sh"

test_lazy_prereq VALGRIND 'command -v valgrind'

# In the background, run it as { vg ... & }: exec makes the job's pid
# valgrind's, which is teelog's.
vg() {
	exec valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
		--log-file=vg.log "$@"
}

test_expect_success VALGRIND,!SAN 'setup' '
	seq 1 20000 >in
'

test_expect_success VALGRIND,!SAN 'command form: rotation, processors, pruning, timestamps' '
	(vg teelog -t -p "> " -s 8K -n 3 -z o.log e.log -- sh -c "cat in; cat in >&2; exit 3" >/dev/null 2>err)
	code=$? &&
	cat vg.log && test $code = 3 && test_line_count = 0 vg.log &&
	test $(tk-logcheck list o.log | wc -l) = 3
'

test_expect_success VALGRIND,!SAN 'both streams in one log, passed through' '
	(vg teelog m.log -- sh -c "cat in; cat in >&2" >out 2>err) &&
	cat vg.log && test_line_count = 0 vg.log &&
	test_line_count = 40000 m.log
'

test_expect_success VALGRIND,!SAN 'stdin form: HUP, ALRM, then TERM' '
	mkfifo in.fifo &&
	{ vg teelog -s 1M s.log <in.fifo >/dev/null 2>err & } &&
	pid=$! &&
	exec 8>in.fifo &&
	cat in >&8 &&
	test_wait_for "test \$(wc -l <s.log 2>/dev/null || echo 0) = 20000" 60 &&
	kill -ALRM $pid &&
	test_wait_for "test \$(tk-logcheck list s.log | wc -l) = 1" 60 &&
	mv s.log s.moved &&
	kill -HUP $pid &&
	test_wait_for "test -f s.log" 60 &&
	echo more >&8 &&
	test_wait_for "grep -q more s.log" 60 &&
	kill -TERM $pid &&
	wait $pid &&
	exec 8>&- &&
	cat vg.log && test_line_count = 0 vg.log
'

test_expect_success VALGRIND,!SAN 'usage and start-up failures' '
	for args in "-s 0 x.log" "--bogus x.log" "no/dir/x.log -- true" "x.log -- no-such-cmd"; do
		eval "(vg teelog $args)" </dev/null >out 2>err
		code=$?
		test $code != 9 || { echo "$args"; cat vg.log; exit 1; }
		test_line_count = 0 vg.log || { echo "$args"; cat vg.log; exit 1; }
	done
'

test_done
