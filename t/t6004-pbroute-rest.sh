#!/bin/sh
test_description='pbroute: the REST side: 429, errors, bad JSON, pages'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'
test_have_prereq PYTHON || test_skip_all 'python3 is not installed'

push() {
	pb_ctl push target_device_iden=dev-work "body=$1" >last.json
}

# Seconds between the first answer with status $2 to "$1" and the next
# request of that kind.
gap() {
	awk -v what="$1" -v st="$2" '
		$2 " " $3 ~ "^" what && $NF == st && !t { t = $1; next }
		$2 " " $3 ~ "^" what && t { printf "%.3f\n", $1 - t; exit }
	' fake/requests.log
}

test_expect_success 'setup' '
	pb_fake_start --nop-interval 0.2 &&
	pb_config "[tmux]
enter_delay = 0" &&
	pb_session work &&
	pb_start --nop-timeout 2s --backoff 100ms --backoff-max 1s &&
	pb_wait_listening
'

test_expect_success '429: wait for X-Ratelimit-Reset, keep the stream' '
	pb_ctl set rest_429=1:4 >/dev/null &&
	push "after the limit" &&
	pb_wait_log "warn ratelimit request=pushes reset=[0-9]+ wait=[0-9.]+s" &&
	test_wait_for "grep -qx \"after the limit\" work.out" &&
	g=$(gap "GET /v2/pushes" 429) &&
	echo "gap $g" &&
	awk -v g="$g" "BEGIN { exit !(g >= 3.9) }" &&
	! grep disconnected pb.log
'

test_expect_success 'HTTP errors: logged and retried with backoff' '
	pb_ctl set rest_fail=2:503 >/dev/null &&
	push "after errors" &&
	test_wait_for "grep -qx \"after errors\" work.out" &&
	test $(grep -c "api-error request=pushes error=\"HTTP 503: failed\" retry=" pb.log) = 2 &&
	test_alive $PB_PID
'

test_expect_success 'malformed JSON from the server: logged, retried, no crash' '
	pb_ctl set rest_malformed=1 >/dev/null &&
	push "after bad json" &&
	test_wait_for "grep -qx \"after bad json\" work.out" &&
	grep "api-error request=pushes error=\"bad JSON in the answer: 1:" pb.log
'

test_expect_success 'a failed device refresh is retried too' '
	pb_ctl set rest_fail=1:500 >/dev/null &&
	d=$(pb_count "GET /v2/devices") &&
	pb_ctl tickle device >/dev/null &&
	pb_wait_log "api-error request=devices" &&
	test_wait_for "[ \$(pb_count \"GET /v2/devices\") -ge $((d + 2)) ]"
'

test_expect_success 'pages: every push missed while down, oldest first' '
	pb_stop &&
	pb_ctl set page_size=2 >/dev/null &&
	for i in 1 2 3 4 5; do
		pb_ctl push target_device_iden=dev-work "body=page $i" --no-tickle >/dev/null || return 1
	done &&
	pb_start --nop-timeout 2s &&
	test_wait_for "grep -qx \"page 5\" work.out" &&
	grep "^page" work.out >got &&
	printf "page %s\n" 1 2 3 4 5 >expect &&
	test_cmp expect got &&
	grep "GET /v2/pushes?modified_after=.*&cursor=2 200" fake/requests.log
'

test_expect_success 'a refused token (401) on the REST side: exit 100' '
	pb_ctl set rest_fail=1:401 >/dev/null &&
	push "never" &&
	wait $PB_PID; code=$? &&
	test $code = 100 &&
	grep "fatal .*: the server refused the token (HTTP 401" pb.log
'

test_done
