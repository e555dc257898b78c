#!/bin/sh
test_description='pbroute devices, register, send'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

test_have_prereq PYTHON || test_skip_all 'python3 is not installed'

test_expect_success 'setup' '
	pb_fake_start
'

test_expect_success 'devices: nickname, iden, manufacturer, model' '
	pbroute --api-url "$PB_API" devices >out &&
	printf "work\tdev-work\tfake\tlaptop\nphone\tdev-phone\tfake\tphone\n" >expect &&
	test_cmp expect out
'

test_expect_success 'devices: control characters in names are not printed' '
	pb_ctl device "$(printf "evil\tname")" dev-evil >/dev/null &&
	pbroute --api-url "$PB_API" devices >out &&
	grep "^evil?name	dev-evil	" out
'

test_expect_success 'register NAME: creates the device, prints its iden' '
	pbroute --api-url "$PB_API" register laptop2 >out &&
	iden=$(cat out) &&
	test -n "$iden" &&
	pbroute --api-url "$PB_API" devices >list &&
	grep "^laptop2	$iden	pbroute	pbroute\$" list &&
	grep "POST /v2/devices 200" fake/requests.log
'

test_expect_success 'register an existing name: its iden, nothing created' '
	n=$(pb_count "POST /v2/devices") &&
	pbroute --api-url "$PB_API" register work >out 2>err &&
	echo dev-work >expect &&
	test_cmp expect out &&
	grep "info: device .work. exists already" err &&
	test $(pb_count "POST /v2/devices") = $n
'

test_expect_success 'register: a bad name is a usage error' '
	test_expect_code 100 pbroute --api-url "$PB_API" register "" 2>err &&
	grep "bad device name" err
'

test_expect_success 'send TEXT: a note to all devices' '
	pbroute --api-url "$PB_API" send "hello all" >out &&
	grep "^push" out &&
	pb_ctl stats >stats &&
	grep "\"POST /v2/pushes\": 1" stats
'

test_expect_success 'send --device NAME TEXT, options after the operand too' '
	pbroute --api-url "$PB_API" send "to the phone" --device phone >out &&
	test_must_fail pbroute --api-url "$PB_API" send --device nosuch "x" 2>err &&
	grep "no device .nosuch. on this account" err
'

test_expect_success 'send: the push reaches a listening pbroute' '
	test_have_prereq TMUX || return 0
	pb_config "[tmux]
enter_delay = 0" &&
	pb_session work &&
	pb_start &&
	pb_wait_listening &&
	pbroute --api-url "$PB_API" send --device work "end to end" &&
	test_wait_for "grep -qx \"end to end\" work.out" &&
	pb_stop
'

test_expect_success 'the server down: exit 111' '
	port=$(test_free_port) &&
	test_expect_code 111 pbroute --api-url http://127.0.0.1:$port devices 2>err &&
	test_line_count = 1 err &&
	grep "unable to list devices: " err
'

test_expect_success 'a refused token: exit 100' '
	test_expect_code 100 env PUSHBULLET_TOKEN=nope pbroute --api-url "$PB_API" devices 2>err &&
	grep "the server refused the token" err
'

test_expect_success 'rate limited: exit 111, says until when' '
	pb_ctl set rest_429=1:60 >/dev/null &&
	test_expect_code 111 pbroute --api-url "$PB_API" send hi 2>err &&
	grep "unable to send the push: rate limited until 20[0-9-]*T" err
'

test_expect_success 'server errors and bad JSON: exit 111' '
	pb_ctl set rest_fail=1:500 >/dev/null &&
	test_expect_code 111 pbroute --api-url "$PB_API" devices 2>err &&
	grep "HTTP 500" err &&
	pb_ctl set rest_malformed=1 >/dev/null &&
	test_expect_code 111 pbroute --api-url "$PB_API" devices 2>err &&
	grep "bad JSON" err
'

test_done
