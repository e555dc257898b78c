#!/bin/sh
test_description='pbroute under valgrind: no leak, no error through every path'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

test_lazy_prereq VALGRIND 'command -v valgrind'
test_have_prereq TMUX || test_skip_all 'tmux is not installed'
test_have_prereq PYTHON || test_skip_all 'python3 is not installed'

push() {
	pb_ctl push target_device_iden=dev-work "body=$1" >/dev/null
}

test_expect_success VALGRIND,!SAN 'routing, reconnects, 429, bad JSON, reload, stop' '
	pb_fake_start --nop-interval 0.3 &&
	pb_config "[tmux]
enter_delay = 0
[device_mapping]
phone = \"work\"" &&
	pb_session work &&
	test_bg valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=9 --log-file=vg.log \
		pbroute --api-url "$PB_API" --stream-url "$PB_STREAM" -L "$TEST_TMUX" \
		--state "$PWD/state" --nop-timeout 2s --backoff 50ms --backoff-max 200ms 2>pb.log &&
	PB_PID=$TEST_BG_PID &&
	pb_wait_listening &&
	push one && push two &&
	pb_ctl push target_device_iden=dev-phone body=three >/dev/null &&
	test_wait_for "grep -qx three work.out" 60 &&
	pb_ctl raw "{bad" >/dev/null &&
	pb_ctl tickle device >/dev/null &&
	pb_ctl set rest_429=1:1 >/dev/null &&
	push four &&
	test_wait_for "grep -qx four work.out" 60 &&
	pb_ctl set rest_malformed=1 >/dev/null &&
	push five &&
	test_wait_for "grep -qx five work.out" 60 &&
	kill -HUP $PB_PID &&
	pb_wait_log "info reload" &&
	pb_ctl set stream_refuse=2 >/dev/null &&
	pb_mark &&
	pb_ctl drop >/dev/null &&
	pb_wait_relistening &&
	pb_ctl ping >/dev/null &&
	pb_mark &&
	pb_ctl close >/dev/null &&
	pb_wait_relistening &&
	push "six;" &&
	test_wait_for "grep -qx \"six;\" work.out" 60 &&
	kill -TERM $PB_PID &&
	wait $PB_PID &&
	test_line_count = 0 vg.log
'

test_expect_success VALGRIND,!SAN '--stdin and the one-shot commands' '
	note="{\"iden\":\"v1\",\"type\":\"note\",\"body\":\"seven\",\"target_device_iden\":\"dev-work\",\"sender_iden\":\"owner1\"}" &&
	printf "%s\n{bad\n%s\n" "$note" "$note" |
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=9 pbroute --stdin --api-url "$PB_API" -L "$TEST_TMUX" \
		2>vg.log &&
	test_wait_for "grep -qx seven work.out" &&
	! grep "==" vg.log &&
	for cmd in devices "register vg" "send hello" "send --device nosuch x"; do
		valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
			--error-exitcode=9 pbroute --api-url "$PB_API" $cmd >out 2>vg.log;
		test $? != 9 || { echo "$cmd"; cat vg.log; return 1; }
	done
'

test_done
