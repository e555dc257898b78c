#!/bin/sh
test_description='the test harness itself'
. "${0%/*}/lib.sh"

test_expect_success 'runs in its own trash directory, which is HOME' '
	test "$(pwd)" = "$TRASH_DIRECTORY" &&
	test "$HOME" = "$TRASH_DIRECTORY"
'

test_expect_success 'bin/ comes first on PATH' '
	case $PATH in "$TOP/bin:"*) true ;; *) false ;; esac
'

test_expect_success 'test_must_fail accepts a plain failure' '
	test_must_fail false
'

test_expect_success 'test_must_fail rejects success and signals' '
	! test_must_fail true 2>/dev/null &&
	! test_must_fail sh -c "kill -SEGV \$\$" 2>/dev/null
'

test_expect_success 'test_expect_code checks the exact code' '
	test_expect_code 3 sh -c "exit 3" &&
	! test_expect_code 3 sh -c "exit 4" 2>/dev/null
'

test_expect_success 'test_cmp shows differences' '
	echo a >a && echo a >b && test_cmp a b &&
	echo c >c && ! test_cmp a c >/dev/null
'

test_expect_success 'test_wait_for polls until true, and gives up' '
	(sleep 0.2; touch later) &
	test_wait_for "test -f later" 5 &&
	! test_wait_for false 1 2>/dev/null
'

test_set_prereq YES
test_expect_success YES 'a set prerequisite runs' 'true'
test_expect_success NEVER 'a missing prerequisite skips' 'false'
test_lazy_prereq LAZYNO 'false'
test_expect_success LAZYNO 'a lazy prerequisite that fails skips' 'false'
test_expect_success !LAZYNO 'a negated prerequisite runs' 'true'
# A lazy prerequisite is shell code: its quotes are quotes (evaluated as
# mere words, this one would be true).
test_lazy_prereq QUOTED '[ "$TOOLKIT_NEVER_SET" != "" ]'
test_expect_success QUOTED 'a lazy prerequisite is evaluated as shell code' 'false'

test_expect_success 'test_when_finished runs after the test' '
	test_when_finished "rm -f marker" &&
	touch marker
'
test_expect_success 'the cleanup ran' 'test_path_is_missing marker'

test_expect_success 'tk-freeport gives a port number' '
	p=$(test_free_port) &&
	test "$p" -gt 1024
'

test_done
