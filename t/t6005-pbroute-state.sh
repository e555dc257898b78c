#!/bin/sh
test_description='pbroute: the state file: first start, restarts neither replay nor miss'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'
test_have_prereq PYTHON || test_skip_all 'python3 is not installed'

push() {
	b=$1
	shift
	pb_ctl push target_device_iden=dev-work "body=$b" "$@" >last.json
}
field() {
	sed -n "s/.*\"$1\": \"*\([^\",]*\)\"*[,}].*/\1/p" last.json
}
start() {
	: >pb.log
	pb_start --state "$PWD/st/state" "$@" && pb_wait_listening
}

test_expect_success 'setup: pushes from before pbroute ever ran' '
	pb_fake_start &&
	pb_config "[tmux]
enter_delay = 0" &&
	pb_session work &&
	push "old one" --no-tickle &&
	push "old two" --no-tickle &&
	field modified >newest
'

test_expect_success 'first start: only the newest push, as the starting point' '
	start &&
	pb_wait_log "info start-point modified=$(cat newest)" &&
	grep "^modified=$(cat newest)\$" st/state &&
	push "new" &&
	test_wait_for "grep -qx new work.out" &&
	! grep old work.out
'

test_expect_success 'the state file: modified exactly as the API wrote it, routed idens' '
	grep "^modified=$(field modified)\$" st/state &&
	grep "^routed=$(field iden)\$" st/state
'

test_expect_success 'private modes: directory 0700, file 0600' '
	ls -ld st | grep "^drwx------" &&
	ls -l st/state | grep "^-rw-------"
'

test_expect_success 'a second pbroute on the same state file: exit 111' '
	test_expect_code 111 pbroute --api-url "$PB_API" --stream-url "$PB_STREAM" \
		-L "$TEST_TMUX" --state "$PWD/st/state" 2>err &&
	grep "in use by another pbroute" err
'

test_expect_success 'stop, push while down, start: the new one, not the old' '
	pb_stop &&
	push "while stopped" --no-tickle &&
	start &&
	test_wait_for "grep -qx \"while stopped\" work.out" &&
	printf "%s\n" new "while stopped" >expect &&
	test_cmp expect work.out
'

test_expect_success 'SIGKILL right after routing: nothing replayed, nothing missed' '
	push "before kill" &&
	test_wait_for "grep -qx \"before kill\" work.out" &&
	pb_wait_log "routed iden=$(field iden)" &&
	kill -KILL $PB_PID && wait $PB_PID;
	push "while dead" --no-tickle &&
	start &&
	test_wait_for "grep -qx \"while dead\" work.out" &&
	printf "%s\n" new "while stopped" "before kill" "while dead" >expect &&
	test_cmp expect work.out
'

test_expect_success 'a routed push changed while down is not routed again' '
	pb_stop &&
	id=$(field iden) &&
	pb_ctl touch "$id" >/dev/null &&
	start &&
	pb_wait_log "skipped iden=$id reason=duplicate" &&
	test $(grep -cx "while dead" work.out) = 1
'

test_expect_success 'a damaged state file: a warning, a fresh start, no replay' '
	pb_stop &&
	push "lost while damaged" --no-tickle &&
	printf "modified=yesterday\n" >st/state &&
	start &&
	pb_wait_log "warn state file=.* unusable \(bad modified\): starting afresh" &&
	pb_wait_log "start-point" &&
	push "after repair" &&
	test_wait_for "grep -qx \"after repair\" work.out" &&
	! grep "lost while damaged" work.out
'

test_expect_success 'a state directory that cannot be made: exit 111' '
	pb_stop &&
	: >plainfile &&
	test_expect_code 111 pbroute --api-url "$PB_API" --stream-url "$PB_STREAM" \
		-L "$TEST_TMUX" --state "$PWD/plainfile/sub/state" 2>err &&
	grep "fatal unable to create .*plainfile/sub: Not a directory" err
'

mkdir ro && : >ro/state && chmod 500 ro
: >ro/probe 2>/dev/null || test_set_prereq RODIR
rm -f ro/probe
test_expect_success RODIR 'a state file that cannot be written: exit 111' '
	test_when_finished "chmod 700 ro" &&
	test_expect_code 111 pbroute --api-url "$PB_API" --stream-url "$PB_STREAM" \
		-L "$TEST_TMUX" --state "$PWD/ro/state" 2>err &&
	grep "fatal unable to" err
'

test_done
