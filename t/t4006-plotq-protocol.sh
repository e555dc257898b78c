#!/bin/sh
test_description='plotq: the socket protocol; bad messages never hurt the daemon'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

plotq_env $(plotq_stores | cut -d" " -f1)

test_expect_success 'setup: a daemon' '
	plotq run true >/dev/null &&
	plotq_daemon_pid >daemon.pid
'

test_expect_success 'a request is a framed JSON object; so is the reply' '
	echo "{\"v\":1,\"op\":\"status\"}" | plotq-raw -f -n 1 "$SOCK" >out &&
	test_grep "^{\"ok\":true,\"version\":\"[0-9.]*\",\"protocol\":1," out
'

test_expect_success 'several requests on one connection, answered in order' '
	printf "%s\n" "{\"v\":1,\"op\":\"show\",\"id\":1}" \
		"{\"v\":1,\"op\":\"nosuch\"}" \
		"{\"v\":1,\"op\":\"show\",\"id\":99}" \
		"{\"v\":1,\"op\":\"status\"}" |
		plotq-raw -f -n 4 "$SOCK" >out &&
	sed -n 1p out | test_grep "^{\"ok\":true,\"job\":{\"id\":1," &&
	sed -n 2p out | test_grep "^{\"ok\":false,\"error\":\"unknown op .nosuch.\",\"code\":100}$" &&
	sed -n 3p out | test_grep "\"error\":\"no job 99\",\"code\":100" &&
	sed -n 4p out | test_grep "^{\"ok\":true,\"version\""
'

test_expect_success 'another protocol version is refused and the connection closed' '
	echo "{\"v\":2,\"op\":\"status\"}" | plotq-raw -f "$SOCK" >out &&
	test_grep "unsupported protocol version 2 (this daemon speaks 1)" out &&
	test_grep "^EOF$" out &&
	echo "{\"op\":\"status\"}" | plotq-raw -f "$SOCK" >out &&
	test_grep "unsupported protocol version (none)" out &&
	test_grep "^EOF$" out
'

test_expect_success 'malformed JSON gets an error and the connection closed' '
	echo "{\"v\":1,\"op\":" | plotq-raw -f "$SOCK" >out &&
	test_grep "^{\"ok\":false,\"error\":\"malformed request: 1:13: " out &&
	test_grep "^EOF$" out &&
	echo "[1,2]" | plotq-raw -f "$SOCK" >out &&
	test_grep "malformed request: not a JSON object" out &&
	printf "\000\000\000\000" | plotq-raw "$SOCK" >out &&
	test_grep "malformed request" out &&
	printf "\000\000\000\003\377\376\375" | plotq-raw "$SOCK" >out &&
	test_grep "malformed request" out
'

test_expect_success 'an oversized message gets an error, without being read' '
	printf "\177\377\377\377{" | plotq-raw "$SOCK" >out &&
	test_grep "message of 2147483647 bytes is larger than the limit of 1048576" out &&
	test_grep "^EOF$" out &&
	printf "\000\020\000\001" | plotq-raw "$SOCK" >out &&
	test_grep "message of 1048577 bytes is larger" out
'

test_expect_success 'bad fields are refused one by one' '
	printf "%s\n" \
		"{\"v\":1,\"op\":\"run\",\"cmd\":\"true\",\"cwd\":\"/\"}" \
		"{\"v\":1,\"op\":\"run\",\"cmd\":[],\"cwd\":\"/\"}" \
		"{\"v\":1,\"op\":\"run\",\"cmd\":[\"true\"],\"cwd\":\"rel\"}" \
		"{\"v\":1,\"op\":\"run\",\"cmd\":[\"a\\u0000b\"],\"cwd\":\"/\"}" \
		"{\"v\":1,\"op\":\"run\",\"cmd\":[{\"base64\":\"!!\"}],\"cwd\":\"/\"}" \
		"{\"v\":1,\"op\":\"run\",\"cmd\":[\"true\"],\"cwd\":\"/\",\"priority\":1.5}" \
		"{\"v\":1,\"op\":\"run\",\"cmd\":[\"true\"],\"cwd\":\"/\",\"after\":[\"x\"]}" \
		"{\"v\":1,\"op\":\"show\",\"id\":\"1\"}" \
		"{\"v\":1,\"op\":\"wait\",\"ids\":[]}" \
		"{\"v\":1,\"op\":\"stop\",\"id\":1,\"grace\":-1}" \
		"{\"v\":1,\"op\":\"log\",\"id\":1,\"stream\":\"both\"}" \
		"{\"v\":1,\"op\":\"list\",\"state\":\"asleep\"}" |
		plotq-raw -f -n 12 "$SOCK" >out &&
	test_line_count = 12 out &&
	! test_grep "\"ok\":true" out &&
	test $(grep -c "\"code\":100" out) = 12
'

test_expect_success 'byte strings: a string, or {"base64": ...}' '
	printf "%s\n" "{\"v\":1,\"op\":\"run\",\"cmd\":[\"printf\",{\"base64\":\"/3g=\"}],\"cwd\":\"$TRASH_DIRECTORY\"}" |
		plotq-raw -f -n 1 "$SOCK" >out &&
	id=$(sed "s/.*\"id\":\([0-9]*\).*/\1/" out) &&
	plotq wait $id && plotq log $id >got &&
	printf "\377x" >expect && cmp expect got &&
	plotq show --json $id >j &&
	test_grep "\"cmd\":\\[\"printf\",{\"base64\":\"/3g=\"}\\]" j
'

test_expect_success 'random bytes do not hurt the daemon' '
	for i in 1 2 3 4 5; do
		head -c 65536 /dev/urandom | plotq-raw -t 2 "$SOCK" >/dev/null || return 1
	done &&
	kill -0 $(cat daemon.pid) &&
	test "$(plotq_daemon_pid)" = "$(cat daemon.pid)"
'

test_expect_success 'a half-sent message does not block other clients' '
	mkfifo feed &&
	{ plotq-raw -t 30 "$SOCK" <feed >half.out & } &&
	rpid=$! &&
	exec 9>feed &&
	printf "\000\000\000\100{\"v\":1" >&9 &&
	plotq status >/dev/null &&
	plotq run true >/dev/null &&
	exec 9>&- &&
	wait $rpid
'

test_expect_success 'a client that vanishes while waiting does no harm' '
	id=$(plotq run -- sleep 0.3) &&
	echo "{\"v\":1,\"op\":\"wait\",\"ids\":[$id]}" | plotq-raw -f -n 0 "$SOCK" >/dev/null &&
	plotq wait $id &&
	test "$(plotq_daemon_pid)" = "$(cat daemon.pid)"
'

test_expect_success 'events stream job changes to subscribers' '
	mkfifo ev &&
	{ plotq-raw -f -n 4 -t 20 "$SOCK" <ev >events.out & } &&
	epid=$! &&
	exec 8>ev &&
	echo "{\"v\":1,\"op\":\"events\"}" >&8 &&
	test_wait_for "test -s events.out" &&
	id=$(plotq run true) &&
	wait $epid && exec 8>&- &&
	sed -n 1p events.out | test_grep "^{\"ok\":true,\"heartbeat\":30}$" &&
	sed -n 2p events.out | test_grep "^{\"type\":\"job_queued\",\"job\":{\"id\":$id," &&
	sed -n 3p events.out | test_grep "^{\"type\":\"job_started\",\"job\":{\"id\":$id," &&
	sed -n 4p events.out | test_grep "^{\"type\":\"job_finished\",\"job\":{\"id\":$id,.*\"state\":\"done\""
'

test_expect_success 'list: jobs with long commands are sent in messages under the limit' '
	big=$(head -c 100000 /dev/zero | tr "\0" x) &&
	for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
		plotq run --name big$i -- true "$big" >/dev/null || return 1
	done &&
	plotq list --all --json >l.json &&
	test $(grep -o "\"name\":\"big[0-9]*\"" l.json | wc -l) = 12
'

test_expect_success 'wait: the records of many long jobs come in several messages' '
	ids=$(plotq list --all --json | grep -o "\"id\":[0-9]*" | cut -d: -f2) &&
	ids=$(for i in 1 2 3 4 5 6; do echo $ids; done) &&
	{ plotq wait $ids; test $? -le 1; } &&
	printf "{\"v\":1,\"op\":\"wait\",\"ids\":[%s]}\n" "$(echo $ids | tr " " ,)" |
		plotq-raw -f -n 1 "$SOCK" >w.out &&
	test_grep "\"more\":true}$" w.out
'

test_expect_success 'the daemon is the same one, and logged what it refused' '
	test "$(plotq_daemon_pid)" = "$(cat daemon.pid)" &&
	test_grep "warn bad_request .*reason=malformed" "$WS/plotq.log" &&
	test_grep "warn bad_request .*reason=too_large" "$WS/plotq.log" &&
	plotq shutdown
'

plotq_san_check
test_done
