#!/bin/sh
test_description='pbroute: who may type, what may be typed, the token stays secret'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'
test_have_prereq PYTHON || test_skip_all 'python3 is not installed'

push() {
	pb_ctl push target_device_iden=dev-work "$@" >last.json
}
iden() {
	sed -n 's/.*"iden": "\([^"]*\)".*/\1/p' last.json
}
reload() {
	n=$(grep -c "info reload" pb.log)
	pb_config "$1" &&
	kill -HUP $PB_PID &&
	test_wait_for "[ \$(grep -c \"info reload\" pb.log) -gt $n ]"
}

test_expect_success 'setup' '
	pb_fake_start &&
	pb_config "[tmux]
enter_delay = 0" &&
	pb_session work &&
	mkdir wrap &&
	real=$(command -v tmux) &&
	printf "#!/bin/sh\nenv >\"%s/tmux-env.\$\$\"\nexec %s \"\$@\"\n" "$PWD" "$real" >wrap/tmux &&
	chmod +x wrap/tmux &&
	PATH=$PWD/wrap:$PATH pb_start --debug &&
	pb_wait_listening
'

test_expect_success 'by default only the account owner may route' '
	push "body=from a stranger" sender_iden=someone sender_email=evil@example.com \
		sender_email_normalized=evil@example.com direction=incoming &&
	pb_wait_log "skipped iden=$(iden) reason=not-owner" &&
	push "body=from me" &&
	test_wait_for "grep -qx \"from me\" work.out" &&
	! grep stranger work.out
'

test_expect_success 'the owner comes from /v2/users/me, asked once' '
	test $(pb_count "GET /v2/users/me") = 1
'

test_expect_success 'a push without sender_iden is matched by the owner e-mail' '
	push "body=by email" sender_iden=null &&
	test_wait_for "grep -qx \"by email\" work.out" &&
	push "body=stranger by email" sender_iden=null sender_email_normalized=x@y.z &&
	pb_wait_log "skipped iden=$(iden) reason=not-owner"
'

test_expect_success 'allow_senders: only those senders (case-insensitive)' '
	reload "[tmux]
enter_delay = 0
[security]
allow_senders = [\"Friend@Example.com\"]" &&
	push "body=from the owner, not listed" &&
	pb_wait_log "skipped iden=$(iden) reason=sender-not-allowed" &&
	push "body=from a friend" sender_iden=friend sender_email=friend@example.com \
		sender_email_normalized=friend@example.com &&
	test_wait_for "grep -qx \"from a friend\" work.out"
'

test_expect_success 'allow_devices: only pushes sent from those devices' '
	reload "[tmux]
enter_delay = 0
[security]
allow_devices = [\"phone\"]" &&
	push "body=from the laptop" source_device_iden=dev-work &&
	pb_wait_log "skipped iden=$(iden) reason=device-not-allowed" &&
	push "body=from nowhere" &&
	pb_wait_log "skipped iden=$(iden) reason=device-not-allowed" &&
	push "body=from the phone" source_device_iden=dev-phone &&
	test_wait_for "grep -qx \"from the phone\" work.out"
'

test_expect_success 'both lists: both must allow' '
	reload "[tmux]
enter_delay = 0
[security]
allow_devices = [\"dev-phone\"]
allow_senders = [\"owner@example.com\"]" &&
	push "body=phone but stranger" source_device_iden=dev-phone sender_email_normalized=x@y.z \
		sender_email=x@y.z &&
	pb_wait_log "skipped iden=$(iden) reason=sender-not-allowed" &&
	push "body=both good" source_device_iden=dev-phone &&
	test_wait_for "grep -qx \"both good\" work.out"
'

test_expect_success 'max_body: longer bodies are refused' '
	reload "[tmux]
enter_delay = 0
[security]
max_body = 10" &&
	push "body=0123456789" &&
	test_wait_for "grep -qx 0123456789 work.out" &&
	push "body=0123456789x" &&
	pb_wait_log "skipped iden=$(iden) reason=too-long" &&
	reload "[tmux]
enter_delay = 0
[security]
max_body = \"1K\"" &&
	push "body=$(printf %01100d 0)" &&
	pb_wait_log "skipped iden=$(iden) reason=too-long"
'

test_expect_success 'the default max_body is 4096 bytes' '
	reload "[tmux]
enter_delay = 0" &&
	push "body=$(printf %04097d 0)" &&
	pb_wait_log "skipped iden=$(iden) reason=too-long" &&
	push "body=$(printf %04096d 7)" &&
	pb_wait_log "routed iden=$(iden) .* len=4096"
'

test_expect_success 'control characters are refused (but newline and tab)' '
	push "body=\"esc \\u001b[31m\"" &&
	pb_wait_log "skipped iden=$(iden) reason=control-char" &&
	push "body=\"del \\u007f\"" &&
	pb_wait_log "skipped iden=$(iden) reason=control-char" &&
	push "body=\"nul \\u0000 x\"" &&
	pb_wait_log "skipped iden=$(iden) reason=control-char" &&
	push "body=\"c1 \\u009b\"" &&
	pb_wait_log "skipped iden=$(iden) reason=control-char" &&
	push "body=\"cr \\r\"" &&
	pb_wait_log "skipped iden=$(iden) reason=control-char" &&
	push "body=\"tab\\there\"" &&
	test_wait_for "grep -q \"^tab.here\$\" work.out" &&
	! grep esc work.out
'

test_expect_success 'UTF-8 text is typed as is' '
	push "body=héllo wörld ✓" &&
	test_wait_for "grep -qx \"héllo wörld ✓\" work.out"
'

test_expect_success 'tmux never sees the token in its environment' '
	ls tmux-env.* >envs &&
	test -s envs &&
	! grep PUSHBULLET tmux-env.*
'

test_expect_success 'the token appears in no output and no log' '
	pb_ctl drop >/dev/null &&
	pb_wait_listening 2 &&
	pb_ctl set stream_refuse=1 >/dev/null &&
	pb_ctl drop >/dev/null &&
	pb_wait_log "connect-failed" &&
	pb_wait_listening 3 &&
	pb_ctl raw "{bad json $PB_TOKEN" >/dev/null &&
	pb_wait_log "bad-message" &&
	pb_stop &&
	pbroute --api-url "$PB_API" devices >>pb.log 2>&1 &&
	pbroute --api-url "$PB_API" --debug send "hello" >>pb.log 2>&1 &&
	test_expect_code 100 env PUSHBULLET_TOKEN=wrong$PB_TOKEN pbroute --api-url "$PB_API" \
		--stream-url "$PB_STREAM" -L "$TEST_TMUX" --state "$PWD/state2" >>pb.log 2>&1 &&
	grep "stream=ws://127.0.0.1:$PB_PORT/websocket/\*\*\*" pb.log &&
	grep "refused the token" pb.log &&
	! grep -r -- "$PB_TOKEN" pb.log state fake/requests.log *.out
'

test_done
