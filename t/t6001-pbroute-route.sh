#!/bin/sh
test_description='pbroute: pushes reach the right tmux pane, literally'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'
test_have_prereq PYTHON || test_skip_all 'python3 is not installed'

# Pushes to device $1 with body $2 (more K=V may follow).
push() {
	dev=$1 body=$2
	shift 2
	pb_ctl push "target_device_iden=$dev" "body=$body" "$@" >last.json
}
iden() {
	sed -n 's/.*"iden": "\([^"]*\)".*/\1/p' last.json
}

test_expect_success 'setup' '
	pb_fake_start &&
	pb_config "[tmux]
enter_delay = 0" &&
	pb_session work &&
	pb_start --auto-route &&
	pb_wait_listening
'

test_expect_success 'auto-route: a push to "work" is typed into session work' '
	push dev-work "echo hello" &&
	test_wait_for "grep -qx \"echo hello\" work.out" &&
	pb_wait_log "routed iden=$(iden) target=\"=work:\" via=device-name len=10"
'

test_expect_success 'bodies that look like keys or options are typed literally' '
	push dev-work "C-c" &&
	test_wait_for "grep -qx C-c work.out" &&
	push dev-work "Enter" &&
	test_wait_for "grep -qx Enter work.out" &&
	push dev-work "-t foo" &&
	test_wait_for "grep -qx -- \"-t foo\" work.out" &&
	printf "%s\n" "a;b \$HOME \\ \"q\" \`x\` '"'"'y'"'"'" >odd &&
	push dev-work "$(cat odd)" &&
	test_wait_for "grep -qxFf odd work.out" &&
	printf "%s\n" "a ; b;" ";" "find . -exec ls {} \\;" >semi &&
	while read -r l; do push dev-work "$l" || return 1; done <semi &&
	test_wait_for "grep -qxF \";\" work.out" &&
	test_wait_for "grep -qxF \"find . -exec ls {} \\;\" work.out" &&
	printf "%s\n" "echo hello" C-c Enter "-t foo" >expect &&
	cat odd semi >>expect &&
	test_cmp expect work.out &&
	tmux -L "$TEST_TMUX" capture-pane -p -t =work: >pane &&
	grep -x C-c pane && grep -x Enter pane && grep -x -- "-t foo" pane
'

test_expect_success 'a multi-line body is typed with its newlines' '
	push dev-work "line one
line two" &&
	test_wait_for "grep -qx \"line two\" work.out" &&
	grep -x "line one" work.out
'

test_expect_success 'a push whose device has no session is skipped and logged' '
	push dev-phone "to the phone" &&
	pb_wait_log "skipped iden=$(iden) reason=no-session"
'

test_expect_success 'a push to no device is skipped under --auto-route' '
	pb_ctl push "body=to everyone" >last.json &&
	pb_wait_log "skipped iden=$(iden) reason=no-target-device"
'

test_expect_success 'only notes are routed' '
	push dev-work "http://x" type=link &&
	pb_wait_log "skipped iden=$(iden) reason=not-note" &&
	push dev-work "dismissed" dismissed=true &&
	pb_wait_log "skipped iden=$(iden) reason=dismissed" &&
	pb_ctl ephemeral "{\"iden\":\"eph1\",\"type\":\"note\",\"active\":false,\"body\":\"x\",\"target_device_iden\":\"dev-work\"}" &&
	pb_wait_log "skipped iden=eph1 reason=inactive" &&
	pb_ctl ephemeral "{\"type\":\"mirror\",\"body\":\"x\"}" &&
	pb_wait_log "skipped iden=- reason=no-iden" &&
	! grep -x "http://x" work.out && ! grep -x dismissed work.out
'

test_expect_success 'an ephemeral note on the stream is routed' '
	pb_ctl ephemeral "{\"iden\":\"eph2\",\"type\":\"note\",\"body\":\"from the stream\",\"target_device_iden\":\"dev-work\",\"sender_iden\":\"owner1\"}" &&
	test_wait_for "grep -qx \"from the stream\" work.out"
'

test_expect_success 'each push is routed once (dedupe by iden)' '
	push dev-work "only once" &&
	id=$(iden) &&
	test_wait_for "grep -qx \"only once\" work.out" &&
	pb_ctl touch "$id" >/dev/null &&
	pb_wait_log "skipped iden=$id reason=duplicate" &&
	test $(grep -cx "only once" work.out) = 1
'

test_expect_success 'SIGHUP reloads the config: default_session' '
	pb_session main &&
	pb_config "[tmux]
enter_delay = 0
default_session = \"main\"" &&
	kill -HUP $PB_PID &&
	pb_wait_log "info reload" &&
	push dev-phone "to main" &&
	test_wait_for "grep -qx \"to main\" main.out" &&
	pb_wait_log "target=\"=main:\" via=default"
'

test_expect_success 'a bad config on SIGHUP keeps the old one' '
	pb_config "[tmux" &&
	kill -HUP $PB_PID &&
	pb_wait_log "error reload" &&
	push dev-phone "still main" &&
	test_wait_for "grep -qx \"still main\" main.out"
'

test_expect_success 'device_mapping: a session name, and a table with window and pane' '
	pb_session other &&
	tmux -L "$TEST_TMUX" new-session -d -s multi -x 120 -y 20 "exec cat >>$PWD/multi.0.0.out" &&
	tmux -L "$TEST_TMUX" new-window -t =multi: "exec cat >>$PWD/multi.1.0.out" &&
	tmux -L "$TEST_TMUX" split-window -t =multi:1 "exec cat >>$PWD/multi.1.1.out" &&
	pb_config "[tmux]
enter_delay = 0
[device_mapping]
phone = \"other\"
dev-work = { session = \"multi\", window = 1, pane = 1 }" &&
	kill -HUP $PB_PID &&
	test_wait_for "[ \$(grep -c \"info reload\" pb.log) -ge 2 ]" &&
	push dev-phone "mapped by nickname" &&
	test_wait_for "grep -qx \"mapped by nickname\" other.out" &&
	push dev-work "mapped by iden" &&
	test_wait_for "test -f multi.1.1.out && grep -qx \"mapped by iden\" multi.1.1.out" &&
	pb_wait_log "target=\"=multi:1.1\" via=mapping" &&
	! grep "mapped" work.out
'

test_expect_success '[tmux] target_window and target_pane' '
	pb_config "[tmux]
enter_delay = 0
target_window = 1
target_pane = 0" &&
	kill -HUP $PB_PID &&
	test_wait_for "[ \$(grep -c \"info reload\" pb.log) -ge 3 ]" &&
	pb_ctl device multi dev-multi >/dev/null &&
	push dev-multi "window one" &&
	test_wait_for "grep -qx \"window one\" multi.1.0.out"
'

test_expect_success 'a mapped session that does not exist: skipped, logged' '
	pb_config "[tmux]
enter_delay = 0
[device_mapping]
work = \"nosuch\"" &&
	kill -HUP $PB_PID &&
	test_wait_for "[ \$(grep -c \"info reload\" pb.log) -ge 4 ]" &&
	push dev-work "lost" &&
	pb_wait_log "skipped iden=$(iden) reason=no-session target=\"=nosuch:\"" &&
	test_alive $PB_PID
'

test_expect_success 'device nicknames with . and : name sessions with _' '
	pb_config "[tmux]
enter_delay = 0" &&
	kill -HUP $PB_PID &&
	test_wait_for "[ \$(grep -c \"info reload\" pb.log) -ge 5 ]" &&
	pb_session my_box &&
	pb_ctl device "my.box" dev-box >/dev/null &&
	push dev-box "dotted" &&
	test_wait_for "grep -qx dotted my_box.out"
'

test_expect_success 'enter_delay: the text is there before the Enter' '
	pb_config "[tmux]
enter_delay = \"3s\"" &&
	kill -HUP $PB_PID &&
	test_wait_for "[ \$(grep -c \"info reload\" pb.log) -ge 6 ]" &&
	push dev-work "slow enter;" &&
	test_wait_for "tmux -L $TEST_TMUX capture-pane -p -t =work: | grep -q \"slow enter;\"" &&
	! grep -x "slow enter;" work.out &&
	test_wait_for "grep -qx \"slow enter;\" work.out"
'

test_expect_success '--device NAME: only that device, into session NAME' '
	pb_stop &&
	pb_config "[tmux]
enter_delay = 0" &&
	pb_session phone &&
	: >pb.log &&
	pb_start --device phone &&
	pb_wait_listening &&
	push dev-work "not for phone" &&
	pb_wait_log "skipped iden=$(iden) reason=other-device" &&
	push dev-phone "for phone" &&
	test_wait_for "grep -qx \"for phone\" phone.out" &&
	pb_ctl push "body=for all devices" >last.json &&
	test_wait_for "grep -qx \"for all devices\" phone.out"
'

test_expect_success '--device NAME --session S' '
	pb_stop &&
	: >pb.log &&
	pb_start --device phone --session other &&
	pb_wait_listening &&
	push dev-phone "phone to other" &&
	test_wait_for "grep -qx \"phone to other\" other.out"
'

test_expect_success '--device with a device the account does not have: exit 100' '
	pb_stop &&
	: >pb.log &&
	test_expect_code 100 pbroute --api-url "$PB_API" --stream-url "$PB_STREAM" \
		-L "$TEST_TMUX" --state "$PWD/state" --device ghost 2>pb.log &&
	grep "fatal .*no device ghost" pb.log
'

test_expect_success '--all-devices: pushes to no device go to default_session' '
	pb_config "[tmux]
enter_delay = 0
default_session = \"main\"" &&
	: >pb.log &&
	pb_start --all-devices &&
	pb_wait_listening &&
	pb_ctl push "body=broadcast" >last.json &&
	test_wait_for "grep -qx broadcast main.out" &&
	push dev-work "work still by name" &&
	test_wait_for "grep -qx \"work still by name\" work.out"
'

test_expect_success '--all-devices --session S: everything into S' '
	pb_stop &&
	: >pb.log &&
	pb_start --all-devices --session other &&
	pb_wait_listening &&
	pb_ctl push "body=all to other" >last.json &&
	push dev-work "work to other" &&
	test_wait_for "grep -qx \"work to other\" other.out" &&
	grep -qx "all to other" other.out &&
	pb_stop
'

test_expect_success '-S PATH and -c FILE: another tmux server, another config' '
	tmux -S "$PWD/sock" new-session -d -s alt -x 80 -y 10 "exec cat >>$PWD/alt.out" &&
	test_when_finished "tmux -S \"$PWD/sock\" kill-server" &&
	printf "[tmux]\nenter_delay = 0\n[device_mapping]\nwork = \"alt\"\n" >alt.toml &&
	: >pb.log &&
	test_bg pbroute --api-url "$PB_API" --stream-url "$PB_STREAM" -S "$PWD/sock" \
		-c alt.toml --state "$PWD/state" 2>>pb.log &&
	PB_PID=$TEST_BG_PID &&
	pb_wait_listening &&
	pb_ctl push target_device_iden=dev-work "body=on the other server" >/dev/null &&
	test_wait_for "grep -qx \"on the other server\" alt.out" &&
	pb_stop
'

test_done
