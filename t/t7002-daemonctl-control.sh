#!/bin/sh
test_description='daemonctl: start, stop, restart, reload, kill, run'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonctl-lib.sh"

# Processes whose command line holds this test's marker numbers.
marked() { mine "sleep 700200[0-9]"; }

test_expect_success 'setup' '
	mkapp web sleep 7002000 &&
	cat >"$APPS/web/sig" <<-\EOT &&
	#!/bin/sh
	# Records the signals it gets in ./got, then goes on.
	for s in HUP USR1 USR2 INT; do trap "echo $s >>got" $s; done
	trap "echo TERM >>got; exit 0" TERM
	echo "$$" >main.pid
	sleep 7002009 & echo $! >child.pid
	while :; do sleep 1 & wait $!; done
	EOT
	chmod +x "$APPS/web/sig"
'

test_expect_success 'start returns once the app is up' '
	daemonctl start web >out &&
	pid=$(apppid web) &&
	test_grep "^web: up (pid $pid)$" out &&
	test_alive $pid &&
	test "$(ps -o args= -p $pid)" = "sleep 7002000" &&
	test "$(skey web state)" = up &&
	test -f "$RUN/web/daemonctl.pid" &&
	test -f "$RUN/web/run.pid"
'

test_expect_success 'start of a running app says so and exits 0' '
	pid=$(apppid web) &&
	daemonctl start web >out &&
	test_grep "^web: already running (pid $pid)$" out &&
	test "$(apppid web)" = $pid &&
	test "$(ps -eo args= | grep -c "^[^ ]*daemonrun --state-dir $RUN/web ")" = 1
'

test_expect_success 'stop: the app and its supervisors are gone' '
	pid=$(apppid web) &&
	daemonctl stop web >out &&
	test_grep "^web: stopped (exit 143)$" out &&
	! test_alive $pid &&
	test -z "$(leftovers)" &&
	test "$(skey web state)" = down &&
	test_path_is_missing "$RUN/web/daemonctl.pid" &&
	test_path_is_missing "$RUN/web/run.pid" &&
	daemonctl stop web >out &&
	test_grep "^web: not running$" out
'

test_expect_success 'two racing starts start one supervisor' '
	daemonctl start web >o1 2>e1 &
	p1=$!
	daemonctl start web >o2 2>e2 &
	p2=$!
	wait $p1 && wait $p2 &&
	cat o1 o2 >both &&
	test "$(grep -c "already running" both)" = 1 &&
	test "$(grep -c "^web: up (pid" both)" = 1 &&
	test "$(ps -eo args= | grep -c "^[^ ]*daemonrun --state-dir $RUN/web ")" = 1 &&
	test "$(ps -eo args= | grep -c "^[^ ]*/daemonctl run web --home $DAEMONCTL_HOME")" = 1 &&
	daemonctl stop web >/dev/null
'

test_expect_success 'stop leaves no process behind, grandchildren included' '
	cat >"$APPS/web/run" <<-\EOT &&
	#!/bin/sh
	sleep 7002001 &
	( setsid sh -c "sleep 7002002 & exec sleep 7002003" & )
	exec sleep 7002004
	EOT
	daemonctl start web >/dev/null &&
	test_wait_for "test \$(marked | wc -l) -ge 4" &&
	daemonctl stop web >out &&
	test -z "$(marked)" &&
	test -z "$(leftovers)"
'

test_expect_success 'a start that fails says why and exits non-zero' '
	printf "#!/bin/sh\necho cannot open the port >&2\nexit 3\n" >"$APPS/web/run" &&
	test_expect_code 1 daemonctl start web 2>err &&
	test_grep "^daemonctl: web: failed to start: exit 3 (restarting with backoff)$" err &&
	test_grep "cannot open the port" err &&
	daemonctl stop web >/dev/null &&
	test -z "$(leftovers)"
'

test_expect_success 'a daemonrun option it cannot honour: the reason' '
	printf "#!/bin/sh\nexec sleep 7002000\n" >"$APPS/web/run" &&
	test_expect_code 1 daemonctl start web --user no-such-user-here 2>err &&
	test_grep "failed to start: exit 100" err &&
	test_grep "no-such-user-here" err &&
	daemonctl stop web >/dev/null
'

test_expect_success 'a crash is restarted, with a doubling backoff' '
	printf "#!/bin/sh\necho crash >&2\nexit 1\n" >"$APPS/web/run" &&
	test_expect_code 1 daemonctl start web --wait 5s 2>/dev/null &&
	test_wait_for "test \"\$(skey web restarts)\" -ge 4" 30 &&
	test "$(skey web last_exit)" = "exit 1" &&
	grep " warn backoff " "$LOGS/web/events.log" >backoff &&
	test_grep "delay=200ms consecutive=2" backoff &&
	test_grep "delay=400ms consecutive=3" backoff &&
	test_grep "delay=800ms consecutive=4" backoff &&
	test "$(daemonctl logs web --stderr | grep -c "^crash$")" -ge 4 &&
	daemonctl stop web >/dev/null &&
	test -z "$(leftovers)"
'

test_expect_success 'max_restarts: the supervisor gives up, status says failed' '
	daemonctl config set web restart.max_restarts=2 restart.window=1m &&
	test_expect_code 1 daemonctl start web --wait 5s 2>/dev/null &&
	test_wait_for "test \"\$(skey web state)\" = failed" 30 &&
	test_wait_for "test ! -f \"$RUN/web/daemonctl.pid\"" &&
	test_expect_code 1 daemonctl status web >st &&
	test_grep "^web: failed, last exit 1" st &&
	daemonctl config set web restart.max_restarts=0
'

test_expect_success 'restart in place: a new instance, the same supervisor' '
	cp "$APPS/web/sig" "$APPS/web/run" &&
	daemonctl start web >/dev/null &&
	pid=$(apppid web) &&
	sup=$(skey web supervisor_pid) &&
	daemonctl restart web >out &&
	test_grep "^web: up (pid" out &&
	new=$(apppid web) &&
	test "$new" != "$pid" &&
	! test_alive $pid &&
	test "$(skey web supervisor_pid)" = $sup &&
	test "$(skey web restarts)" = 1
'

test_expect_success 'restart after a config change: a new supervisor too' '
	sup=$(skey web supervisor_pid) &&
	daemonctl config set web signals.kill_timeout=9s &&
	daemonctl restart web >out &&
	test_grep "configuration changed" out &&
	test "$(skey web supervisor_pid)" != $sup &&
	test_alive "$(skey web supervisor_pid)" &&
	test_grep -- "--kill-timeout 9s" "$RUN/web/chain"
'

test_expect_success 'reload sends the reload signal to the app' '
	rm -f "$APPS/web/got" &&
	daemonctl reload web >out &&
	test_grep "^web: sent HUP to pid $(apppid web)$" out &&
	test_wait_for "grep -q HUP \"$APPS/web/got\"" &&
	daemonctl config set web signals.reload_signal=USR2 &&
	daemonctl restart web >/dev/null &&
	daemonctl reload web >out &&
	test_grep "^web: sent USR2 to pid $(apppid web)$" out &&
	test_alive "$(cat "$APPS/web/child.pid")" &&
	test_wait_for "grep -q USR2 \"$APPS/web/got\""
'

test_expect_success 'kill -p: only the main process' '
	rm -f "$APPS/web/got" &&
	main=$(cat "$APPS/web/main.pid") &&
	test "$(apppid web)" = $main &&
	child=$(cat "$APPS/web/child.pid") &&
	daemonctl kill web USR1 -p >out &&
	test_grep "^web: sent USR1 to pid $main$" out &&
	test_wait_for "grep -q USR1 \"$APPS/web/got\"" &&
	test_alive $child &&
	test "$(apppid web)" = $main
'

test_expect_success 'kill (-a, the default): the whole group; -w waits' '
	child=$(cat "$APPS/web/child.pid") &&
	pid=$(apppid web) &&
	restarts=$(skey web restarts) &&
	daemonctl kill web -w --timeout 20s >out &&
	test_grep "^web: sent TERM to process group" out &&
	! test_alive $pid &&
	test_wait_for "! test_alive $child" &&
	test_wait_for "test \"\$(skey web restarts)\" -gt $restarts && test \"\$(skey web state)\" = up"
'

test_expect_success 'kill KILL: the app dies, its logs survive (teelog is spared)' '
	tee=$(skey web pid) &&
	pid=$(apppid web) &&
	daemonctl kill web KILL -w >/dev/null &&
	! test_alive $pid &&
	test_wait_for "test \"\$(skey web pid)\" != $tee" &&
	test_grep "exit pid=$tee code=137" "$LOGS/web/events.log"
'

test_expect_success 'kill: bad signal, not running' '
	test_expect_code 100 daemonctl kill web NOPE 2>err &&
	test_grep "bad signal .NOPE." err &&
	daemonctl stop web >/dev/null &&
	test_expect_code 1 daemonctl kill web 2>err &&
	test_grep "web: not running" err &&
	test_expect_code 1 daemonctl reload web 2>err
'

test_expect_success 'run in the foreground: TERM stops it cleanly' '
	printf "#!/bin/sh\nexec sleep 7002000\n" >"$APPS/web/run" &&
	test_bg daemonctl run web 2>run.err &&
	runner=$TEST_BG_PID &&
	up web &&
	pid=$(apppid web) &&
	test_expect_code 111 daemonctl run web 2>err &&
	test_grep "app web is already running (daemonctl run, pid $runner)" err &&
	kill -TERM $runner &&
	test_wait_for "! test_alive $runner" &&
	! test_alive $pid &&
	test -z "$(leftovers)" &&
	test_grep "daemonrun\[[0-9]*\]: info start pid=" run.err &&
	test_grep "daemonctl\[$runner\]: info exit app=web code=143" run.err
'

test_expect_success LINUX 'daemonctl run killed: the chain stops itself' '
	test_bg daemonctl run web 2>/dev/null &&
	runner=$TEST_BG_PID &&
	up web &&
	pid=$(apppid web) &&
	kill -KILL $runner &&
	test_wait_for "! test_alive $pid" 30 &&
	test_wait_for "test -z \"\$(leftovers)\"" 30
'

test_expect_success 'status after a supervisor was killed: dead (1)' '
	daemonctl start web >/dev/null &&
	sup=$(skey web supervisor_pid) &&
	outer=$(cat "$RUN/web/daemonctl.pid") &&
	runner=$(cat "$RUN/web/run.pid") &&
	# The supervisor first: killed after daemonctl run, it would get
	# the TERM of its parent death signal and stop the app itself.
	kill -KILL $sup $runner $outer &&
	test_wait_for "! test_alive $sup" &&
	test_expect_code 1 daemonctl status web >st &&
	test_grep "^web: dead" st &&
	pid=$(cat "$RUN/web/pid") &&
	test_alive $pid &&
	daemonctl start web >/dev/null &&
	test_grep "warn orphan" "$LOGS/web/events.log" &&
	! test_alive $pid &&
	daemonctl stop web >/dev/null &&
	test -z "$(marked)"
'

test_done
