#!/bin/sh
test_description='pbroute: the stream: nop watchdog, reconnects, bad messages, tickles'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'
test_have_prereq PYTHON || test_skip_all 'python3 is not installed'

push() {
	pb_ctl push target_device_iden=dev-work "body=$1" >last.json
}

test_expect_success 'setup' '
	pb_fake_start --nop-interval 0.2 &&
	pb_config "[tmux]
enter_delay = 0" &&
	pb_session work &&
	pb_start --nop-timeout 2s --backoff 100ms --backoff-max 400ms --debug &&
	pb_wait_listening
'

test_expect_success 'nops keep the connection: no reconnect while they come' '
	push "first" &&
	test_wait_for "grep -qx first work.out" &&
	test $(grep -c "STREAM open" fake/requests.log) = 1
'

test_expect_success 'a push tickle fetches pushes, never the device list' '
	d=$(pb_count "GET /v2/devices") &&
	push "second" && test_wait_for "grep -qx second work.out" &&
	push "third" && test_wait_for "grep -qx third work.out" &&
	test $(pb_count "GET /v2/devices") = $d
'

test_expect_success 'a device tickle refreshes the device list' '
	d=$(pb_count "GET /v2/devices") &&
	pb_ctl tickle device >/dev/null &&
	test_wait_for "[ \$(pb_count \"GET /v2/devices\") -gt $d ]" &&
	pb_session tablet &&
	pb_ctl device tablet dev-tablet >/dev/null &&
	pb_ctl push target_device_iden=dev-tablet body=new-device >/dev/null &&
	test_wait_for "grep -qx new-device tablet.out"
'

test_expect_success 'no nop for --nop-timeout: the connection is dead, reconnect' '
	pb_mark &&
	pb_ctl set stream_mute=1 >/dev/null &&
	pb_wait_log "disconnected reason=\"no message for" &&
	pb_wait_relistening &&
	pb_ctl set stream_mute=0 >/dev/null &&
	push "after silence" &&
	test_wait_for "grep -qx \"after silence\" work.out"
'

# The push is made without a tickle: only the catch-up after the
# reconnection can find it.
test_expect_success 'a dropped connection: reconnect and catch up what was missed' '
	pb_ctl push target_device_iden=dev-work "body=while away" --no-tickle >/dev/null &&
	pb_ctl set stream_refuse=2 >/dev/null &&
	pb_mark &&
	pb_ctl drop >/dev/null &&
	pb_wait_relistening &&
	test_wait_for "grep -qx \"while away\" work.out" &&
	grep -E "disconnected reason=\"(connection closed by the server|Connection reset by peer)\"" pb.log
'

test_expect_success 'failed connects back off exponentially (with jitter)' '
	grep "connect-failed error=\"handshake refused: HTTP 503\" retry=0\.[1][0-9][0-9]s" pb.log &&
	grep "connect-failed error=\"handshake refused: HTTP 503\" retry=0\.[2][0-9][0-9]s" pb.log
'

test_expect_success 'backoff is capped at --backoff-max (plus jitter)' '
	pb_ctl set stream_refuse=5 >/dev/null &&
	pb_mark &&
	pb_ctl drop >/dev/null &&
	pb_wait_relistening &&
	grep -c "connect-failed" pb.log >n &&
	test $(cat n) -ge 7 &&
	grep "retry=0\.4[0-9][0-9]s" pb.log &&
	! grep "retry=0\.[6-9][0-9][0-9]s" pb.log &&
	! grep "retry=[1-9]" pb.log
'

test_expect_success 'malformed JSON on the stream: logged, skipped, no crash' '
	pb_ctl raw "{\"type\": \"tickle\", " >/dev/null &&
	pb_wait_log "warn bad-message error=\"1:" &&
	pb_ctl raw "[1,2]" >/dev/null &&
	pb_wait_log "bad-message error=\".*not a JSON object" &&
	pb_ctl raw "{\"type\": 42}" >/dev/null &&
	push "still fine" &&
	test_wait_for "grep -qx \"still fine\" work.out" &&
	test_alive $PB_PID
'

test_expect_success 'a ping is answered and the connection stays' '
	n=$(grep -c "STREAM open" fake/requests.log) &&
	pb_ctl ping >/dev/null &&
	push "after ping" &&
	test_wait_for "grep -qx \"after ping\" work.out" &&
	test $(grep -c "STREAM open" fake/requests.log) = $n
'

test_expect_success 'a close frame from the server: reconnect' '
	pb_mark &&
	pb_ctl close 1001 >/dev/null &&
	pb_wait_log "disconnected reason=\"closed by the server \(1001\)\"" &&
	pb_wait_relistening &&
	push "after close" &&
	test_wait_for "grep -qx \"after close\" work.out"
'

test_expect_success '--debug: nops and tickles are logged' '
	pb_wait_log "debug nop" &&
	pb_wait_log "debug tickle subtype=push"
'

test_expect_success 'SIGTERM: a clean exit 0' '
	kill -TERM $PB_PID &&
	wait $PB_PID &&
	grep "info stop signal=TERM" pb.log
'

test_expect_success 'a server that is not there: retried, not fatal' '
	port=$(test_free_port) &&
	: >pb2.log &&
	test_bg pbroute --api-url http://127.0.0.1:$port --stream-url ws://127.0.0.1:$port/ws \
		-L "$TEST_TMUX" --state "$PWD/state2" --backoff 50ms --backoff-max 100ms 2>pb2.log &&
	pid=$TEST_BG_PID &&
	test_wait_for "[ \$(grep -c connect-failed pb2.log) -ge 3 ]" &&
	test_alive $pid &&
	kill $pid && wait $pid
'

test_expect_success '--log-level warn: no info lines' '
	: >pb3.log &&
	pbroute --api-url "$PB_API" --stream-url "$PB_STREAM" -L "$TEST_TMUX" \
		--state "$PWD/state3" --log-level warn --device ghost 2>pb3.log;
	test $? = 100 &&
	grep "error fatal .*no device ghost" pb3.log &&
	! grep " info " pb3.log
'

test_expect_success '--http-timeout: a server that never answers' '
	mkdir -p quiet &&
	test_bg pb-fake silent "$PWD/quiet" &&
	test_wait_for "test -s quiet/silent-port" &&
	port=$(cat quiet/silent-port) &&
	test_expect_code 111 pbroute --api-url http://127.0.0.1:$port --http-timeout 300ms \
		devices 2>err &&
	grep "unable to list devices: timed out" err &&
	: >pb4.log &&
	test_bg pbroute --api-url http://127.0.0.1:$port --stream-url ws://127.0.0.1:$port/ws \
		-L "$TEST_TMUX" --state "$PWD/state4" --http-timeout 200ms --backoff 50ms \
		--backoff-max 100ms 2>pb4.log &&
	pid=$TEST_BG_PID &&
	test_wait_for "[ \$(grep -c \"connect-failed error=.timed out\" pb4.log) -ge 2 ]" &&
	kill $pid && wait $pid
'

test_done
