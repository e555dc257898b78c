#!/bin/sh
test_description='healthcheck --watch under valgrind: no leak, no error, round after round'
. "${0%/*}/lib.sh"

test_lazy_prereq VALGRIND 'command -v valgrind'

test_expect_success VALGRIND,!SAN 'a server and a locked pid file' '
	test_bg tk-httpd -p web.port "/=body=ok" "/ws=ws" &&
	test_wait_for "test -s web.port" &&
	P=$(cat web.port) &&
	test_bg tk-lockpid app.pid app.ready &&
	test_wait_for "test -f app.ready"
'

test_expect_success VALGRIND,!SAN 'watch mode with every kind of check, many rounds' '
	valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
		--log-file=vg.log \
		healthcheck --watch --interval 50ms --json --failure-threshold 2 \
		--http http://127.0.0.1:$P/ --expect-body ok --ws ws://127.0.0.1:$P/ws \
		--tcp 127.0.0.1:$P --exec "echo \"fine | x=1\"; test ! -f down || exit 2" \
		--pid-file app.pid --rss-max 1G --on-unhealthy true --on-healthy true >out &
	vg=$! &&
	test_wait_for "test -s out" 60 &&
	touch down &&
	test_wait_for "grep -q unhealthy out" 60 &&
	rm down &&
	test_wait_for "test \$(wc -l <out) -ge 4" 60 &&
	kill -TERM $vg &&
	{ wait $vg; code=$?; } &&
	cat out vg.log &&
	test $code = 0 &&
	test_line_count = 0 vg.log
'

test_expect_success VALGRIND,!SAN 'one-shot runs that fail in every way' '
	for args in "--http http://127.0.0.1:$(tk-freeport)/" "--timeout 200ms --exec \"sleep 5\"" \
		"--pid-file none.pid" "--state s --failure-threshold 1 --exec \"exit 2\"" "--ws ws://127.0.0.1:$P/"; do
		eval "valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
			--error-exitcode=9 healthcheck $args" >out 2>vg.log;
		test $? = 2 || { echo "$args"; cat vg.log; return 1; }
	done
'

test_done
