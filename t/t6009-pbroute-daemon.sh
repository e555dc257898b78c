#!/bin/sh
test_description='pbroute daemon: the seed daemon mode as daemonrun --restart always --watch'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

# A stand-in daemonrun that writes its argv, one per line, to argv.out.
fake_daemonrun() {
	printf '#!/bin/sh\nfor a; do printf "%%s\\n" "$a"; done >"%s/argv.out"\n' "$PWD" >"$1/daemonrun" &&
	chmod +x "$1/daemonrun"
}

test_expect_success 'setup: pbroute beside a stand-in daemonrun' '
	mkdir -p side &&
	cp "$TOP/bin/pbroute" side/pbroute &&
	fake_daemonrun side &&
	pb_config "[tmux]
enter_delay = 0
[daemon]
reload_interval = 2.5
watch_files = [\"extra.conf\", \"missing.conf\"]
ignore_patterns = [\"*.tmp\", \".git/*\"]
[daemon.logging]
log_file = \"daemon.log\"
log_level = \"INFO\"" &&
	: >"${PB_CONFIG%/*}/extra.conf" &&
	: >my.env
'

test_expect_success 'the daemonrun argv from the config' '
	side/pbroute daemon 2>err &&
	cfgdir=${PB_CONFIG%/*} &&
	cat >expect <<-EOF &&
	--restart
	always
	--watch
	$PB_CONFIG
	--watch
	$cfgdir/extra.conf
	--watch-ignore
	*.tmp
	--watch-ignore
	.git/*
	--reload-interval
	2500ms
	--log-level
	info
	--log
	$cfgdir/daemon.log
	--stderr
	$cfgdir/daemon.log
	--
	$PWD/side/pbroute
	--auto-route
	EOF
	test_cmp expect argv.out &&
	grep "warning: not watching $cfgdir/missing.conf" err
'

test_expect_success 'options win over the config; the listen options are passed on' '
	side/pbroute daemon --device phone --session s --debug --reload-interval 5.0 \
		--watch-files my.env -L sock --env-file my.env --state st \
		--api-url http://127.0.0.1:9/ --stream-url ws://127.0.0.1:9/ws \
		--nop-timeout 3s --backoff 10ms --backoff-max 1s --http-timeout 2s &&
	cat >expect <<-EOF &&
	--restart
	always
	--watch
	$PB_CONFIG
	--watch
	my.env
	--watch
	my.env
	--watch-ignore
	*.tmp
	--watch-ignore
	.git/*
	--reload-interval
	5000ms
	--log-level
	debug
	--log
	${PB_CONFIG%/*}/daemon.log
	--stderr
	${PB_CONFIG%/*}/daemon.log
	--
	$PWD/side/pbroute
	--device
	phone
	--session
	s
	-L
	sock
	--env-file
	my.env
	--state
	st
	--api-url
	http://127.0.0.1:9
	--stream-url
	ws://127.0.0.1:9/ws
	--log-level
	debug
	--nop-timeout
	3000ms
	--backoff
	10ms
	--backoff-max
	1000ms
	--http-timeout
	2000ms
	EOF
	test_cmp expect argv.out
'

test_expect_success 'the token is passed in the environment, never in argv' '
	! grep -- "$PB_TOKEN" argv.out
'

test_expect_success 'daemonrun from PATH when there is none beside pbroute' '
	mkdir -p alone path &&
	cp "$TOP/bin/pbroute" alone/pbroute &&
	fake_daemonrun path &&
	rm -f argv.out &&
	PATH=$PWD/path:$PATH alone/pbroute daemon &&
	grep -x -- "$PWD/alone/pbroute" argv.out
'

test_expect_success 'no daemonrun anywhere: exit 127' '
	rm -f path/daemonrun &&
	test_expect_code 127 env PATH=$PWD/path:/usr/bin:/bin alone/pbroute daemon 2>err &&
	grep "unable to find daemonrun" err
'

test_expect_success 'daemon: a missing token is caught before daemonrun runs' '
	rm -f argv.out &&
	test_expect_code 100 env -u PUSHBULLET_TOKEN side/pbroute daemon 2>err &&
	test_path_is_missing argv.out
'

test -x "$TOP/bin/daemonrun" && test_set_prereq DAEMONRUN

test_expect_success DAEMONRUN,TMUX,PYTHON 'with daemonrun: a crash is restarted' '
	pb_fake_start &&
	pb_config "[tmux]
enter_delay = 0" &&
	pb_session work &&
	test_bg pbroute daemon --api-url "$PB_API" --stream-url "$PB_STREAM" \
		-L "$TEST_TMUX" --state "$PWD/state" --reload-interval 100ms 2>pb.log &&
	DR_PID=$TEST_BG_PID &&
	pb_wait_listening &&
	pid1=$(sed -n "s/.*pbroute\[\([0-9]*\)\]: info start .*/\1/p" pb.log | head -1) &&
	kill -KILL $pid1 &&
	pb_wait_listening 2 &&
	pid2=$(sed -n "s/.*pbroute\[\([0-9]*\)\]: info start .*/\1/p" pb.log | tail -1) &&
	test "$pid1" != "$pid2" &&
	pb_ctl push target_device_iden=dev-work "body=after the crash" >/dev/null &&
	test_wait_for "grep -qx \"after the crash\" work.out"
'

test_expect_success DAEMONRUN,TMUX,PYTHON 'with daemonrun: a config change restarts it' '
	pb_session other &&
	pb_config "[tmux]
enter_delay = 0
[device_mapping]
work = \"other\"" &&
	test_wait_for "grep -q \"pbroute\\[.*info exit code=0\" pb.log" 60 &&
	pb_wait_listening 3 60 &&
	pb_ctl push target_device_iden=dev-work "body=after the change" >/dev/null &&
	test_wait_for "grep -qx \"after the change\" other.out" &&
	kill -TERM $DR_PID &&
	wait $DR_PID
'

test_done
