#!/bin/sh
test_description='plotq: the config file and the daemon options that read it'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

test_lazy_prereq DAEMONRUN 'test -x "$TOP/bin/daemonrun" || command -v daemonrun'

plotq_env $(plotq_stores | cut -d" " -f1)
S=$TRASH_DIRECTORY/c.sock

test_expect_success '-c FILE: workspace, logging and queues from the file' '
	cat >my.toml <<-EOF &&
	[daemon]
	workspace = "$TRASH_DIRECTORY/cws"

	[logging]
	level = "debug"
	file = "events.log"

	[queue.plotter]
	slots = 2
	device = "/dev/pl"
	EOF
	test_bg plotq daemon -c my.toml --socket "$S" &&
	test_wait_for "test -S \"$S\"" &&
	id=$(plotq run --socket "$S" --queue plotter -- sh -c "echo \$PLOTQ_DEVICE") &&
	PLOTQ_SOCKET=$S plotq wait $id &&
	test_path_is_file cws/jobs/$id/out.log &&
	echo /dev/pl >expect && test_cmp expect cws/jobs/$id/out.log &&
	test_grep "debug job_queued id=$id" cws/events.log &&
	PLOTQ_SOCKET=$S plotq status >out &&
	test_grep "^queue plotter: 2 slots" out &&
	plotq shutdown --socket "$S"
'

test_expect_success 'the command line wins over the file' '
	test_bg plotq daemon -c my.toml -w "$TRASH_DIRECTORY/cws2" -l warning \
		--log-file "$TRASH_DIRECTORY/cli.log" --socket "$S" &&
	test_wait_for "test -S \"$S\"" &&
	id=$(plotq run --socket "$S" true) && PLOTQ_SOCKET=$S plotq wait $id &&
	test_path_is_missing cws2/jobs/$id/out.log &&
	test_path_is_file cws2/store &&
	plotq shutdown --socket "$S" &&
	! test_grep "job_queued" cli.log &&
	! test_grep "info " cli.log &&
	test_grep -c . cli.log >/dev/null || :
'

test_expect_success 'critical is the same as error' '
	test_bg plotq daemon -w "$TRASH_DIRECTORY/cws3" -l critical \
		--log-file "$TRASH_DIRECTORY/crit.log" --socket "$S" &&
	test_wait_for "test -S \"$S\"" &&
	plotq shutdown --socket "$S" &&
	! test_grep "info " crit.log
'

test_expect_success '--utc writes event times in UTC' '
	TZ=Asia/Tokyo && export TZ &&
	test_when_finished "TZ=UTC" &&
	test_bg plotq daemon -w "$TRASH_DIRECTORY/cws4" --log-file "$TRASH_DIRECTORY/local.log" \
		--socket "$S" &&
	test_wait_for "test -S \"$S\"" &&
	plotq shutdown --socket "$S" &&
	test_grep "^20[0-9-]*T[0-9:.]*+09:00 plotq\\[" local.log &&
	test_bg plotq daemon -w "$TRASH_DIRECTORY/cws4" --utc --log-file "$TRASH_DIRECTORY/utc.log" \
		--socket "$S" &&
	test_wait_for "test -S \"$S\"" &&
	id=$(plotq run --socket "$S" true) && PLOTQ_SOCKET=$S plotq wait $id &&
	PLOTQ_SOCKET=$S plotq show --json $id >j &&
	plotq shutdown --socket "$S" &&
	test_grep "^20[0-9-]*T[0-9:.]*Z plotq\\[" utc.log &&
	test_grep "\"submitted\":\"20[0-9-]*T[0-9:.]*Z\"" j
'

test_expect_success 'SIGHUP reopens the log file' '
	test_bg plotq daemon -w "$TRASH_DIRECTORY/cws5" --log-file "$TRASH_DIRECTORY/hup.log" \
		--socket "$S" &&
	test_wait_for "test -S \"$S\"" &&
	mv hup.log hup.log.1 &&
	kill -HUP $TEST_BG_PID &&
	test_wait_for "test -s hup.log" &&
	test_grep "info reopen file=" hup.log &&
	plotq shutdown --socket "$S" &&
	test_grep "info exit" hup.log
'

test_expect_success 'a [daemon] workspace inside the workspace is ignored, with a warning' '
	mkdir -p cws6 &&
	printf "[daemon]\nworkspace = \"/elsewhere\"\n" >cws6/config.toml &&
	test_bg plotq daemon -w "$TRASH_DIRECTORY/cws6" --log-file "$TRASH_DIRECTORY/ign.log" \
		--socket "$S" 2>ign.err &&
	test_wait_for "test -S \"$S\"" &&
	plotq shutdown --socket "$S" &&
	test_grep "workspace ignored" ign.err
'

test_expect_success 'bad values in the config are refused, naming the place' '
	printf "[daemon]\nsync = \"sometimes\"\n" >bad1.toml &&
	test_expect_code 100 plotq daemon -c bad1.toml 2>err &&
	test_grep "bad1.toml:2:8: daemon.sync: bad sync .sometimes." err &&
	printf "[logging]\nlevel = \"loud\"\n" >bad2.toml &&
	test_expect_code 100 plotq daemon -c bad2.toml 2>err &&
	test_grep "bad2.toml:2:9: logging.level: unknown level .loud." err &&
	printf "[daemon]\nstore = \"paper\"\n" >bad3.toml &&
	test_expect_code 100 plotq daemon -c bad3.toml 2>err &&
	test_grep "unknown store .paper." err &&
	printf "queue = 3\n" >bad4.toml &&
	test_expect_code 100 plotq daemon -c bad4.toml 2>err &&
	test_grep "queue: expected a table" err &&
	test_expect_code 1 plotq check config -c bad1.toml >out &&
	test_grep "bad sync" out
'

test_expect_success DAEMONRUN '[daemon] pid_file runs the daemon under daemonrun' '
	cat >pf.toml <<-EOF &&
	[daemon]
	workspace = "$TRASH_DIRECTORY/cws7"
	pid_file = "$TRASH_DIRECTORY/cfg.pid"
	EOF
	test_bg plotq daemon -c pf.toml --socket "$S" &&
	test_wait_for "test -S \"$S\"" &&
	test_wait_for "test -s cfg.pid" &&
	test "$(cat cfg.pid)" = $TEST_BG_PID &&
	plotq shutdown --socket "$S" &&
	test_wait_for "! test -e cfg.pid"
'

test_expect_success '--store picks the kind of a new workspace; check -w finds it' '
	test_bg plotq daemon -w "$TRASH_DIRECTORY/cws8" --store spool --socket "$S" &&
	test_wait_for "test -S \"$S\"" &&
	plotq shutdown --socket "$S" &&
	echo spool >expect && test_cmp expect cws8/store &&
	plotq check store -w "$TRASH_DIRECTORY/cws8" >out &&
	test_grep "^store: ok: spool .*cws8/jobs, 0 jobs" out
'

plotq_san_check
test_done
