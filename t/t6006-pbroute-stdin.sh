#!/bin/sh
test_description='pbroute --stdin: pushes as JSON lines'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'

note() { # iden body [more JSON members]
	printf '{"iden":"%s","type":"note","active":true,"body":"%s","sender_email":"me@example.com","target_device_iden":"dev-work"%s}\n' "$1" "$2" "$3"
}

test_expect_success 'setup' '
	pb_session work &&
	pb_session other
'

test_expect_success 'no token, no allow list: every push refused, exit 0 at the end' '
	note n1 "refused" >in &&
	env -u PUSHBULLET_TOKEN pbroute --stdin --all-devices --session work \
		-L "$TEST_TMUX" <in 2>log &&
	grep "warn owner-unknown" log &&
	grep "skipped iden=n1 reason=owner-unknown" log &&
	grep "info stop reason=eof" log &&
	! grep refused work.out
'

test_expect_success 'both shapes, blank lines, bad lines, stream noise' '
	pb_config "[tmux]
enter_delay = 0
[security]
allow_senders = [\"me@example.com\"]" &&
	{
		note s1 "plain push object" &&
		echo &&
		printf "{\"type\":\"push\",\"push\":%s}\n" "$(note s2 "stream message")" &&
		echo "{\"type\":\"nop\"}" &&
		echo "{\"type\":\"tickle\",\"subtype\":\"push\"}" &&
		echo "{this is not json" &&
		echo "[1]" &&
		note s3 "crlf line" | tr "\n" "\r" && echo &&
		note s1 "duplicate iden" &&
		note s4 "no newline at the end" | tr -d "\n"
	} >in &&
	env -u PUSHBULLET_TOKEN pbroute --stdin --all-devices --session work \
		-L "$TEST_TMUX" <in 2>log &&
	printf "%s\n" "plain push object" "stream message" "crlf line" \
		"no newline at the end" >expect &&
	test_wait_for "test \$(wc -l <work.out) -ge 4" &&
	test_cmp expect work.out &&
	test $(grep -c "warn bad-message" log) = 2 &&
	grep "skipped iden=s1 reason=duplicate" log
'

test_expect_success '--stdin never reads nor writes the state file' '
	test_path_is_missing .local/state/pbroute
'

test_expect_success 'a line longer than 1 MiB is skipped, the next one is read' '
	: >work.out &&
	{
		printf "{\"iden\":\"big\",\"body\":\"" &&
		dd if=/dev/zero bs=1024 count=1100 2>/dev/null | tr "\0" x &&
		printf "\"}\n" &&
		note after "after the big one"
	} >in &&
	env -u PUSHBULLET_TOKEN pbroute --stdin --all-devices --session work \
		-L "$TEST_TMUX" <in 2>log &&
	grep "bad-message error=\"line longer than" log &&
	test_wait_for "grep -qx \"after the big one\" work.out"
'

test_expect_success PYTHON 'with a token: devices and owner from the API, auto-route' '
	pb_fake_start &&
	pb_config "[tmux]
enter_delay = 0" &&
	{
		note o1 "from the owner" ",\"sender_iden\":\"owner1\"" &&
		note o2 "from someone" ",\"sender_iden\":\"someone\""
	} >in &&
	: >work.out &&
	pbroute --stdin --api-url "$PB_API" -L "$TEST_TMUX" <in 2>log &&
	grep "info devices count=2" log &&
	grep "info owner iden=owner1" log &&
	grep "skipped iden=o2 reason=not-owner" log &&
	test_wait_for "grep -qx \"from the owner\" work.out" &&
	grep "routed iden=o1 target=\"=work:\" via=device-name" log
'

test_expect_success '--stdin with the device mapping by iden, no token' '
	pb_config "[tmux]
enter_delay = 0
[device_mapping]
dev-work = \"other\"
[security]
allow_senders = [\"me@example.com\"]" &&
	note m1 "mapped" >in &&
	env -u PUSHBULLET_TOKEN pbroute --stdin -L "$TEST_TMUX" <in 2>log &&
	test_wait_for "grep -qx mapped other.out"
'

test_done
