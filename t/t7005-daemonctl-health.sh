#!/bin/sh
test_description='daemonctl run: health monitoring (thresholds, delay, timeout) and hooks'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonctl-lib.sh"

runs() { test -f "$APPS/$1/runs" && wc -l <"$APPS/$1/runs" || echo 0; }

test_expect_success 'setup: an app whose check fails while ./sick exists' '
	mkapp web sleep 7005001 &&
	cat >"$APPS/web/check" <<-\EOT &&
	#!/bin/sh
	echo x >>runs
	if test -f sick; then echo "sick since $(cat sick)"; exit 2; fi
	echo fine
	EOT
	chmod +x "$APPS/web/check" &&
	daemonctl config set web monitoring.check_interval=100ms
'

test_expect_success 'a check script turns monitoring on; healthy after one success' '
	daemonctl run web -n >d &&
	test_grep "^health: .*healthcheck --watch --json --interval 100ms --timeout 10 --failure-threshold 3 --success-threshold 1 --startup-delay 0 --exec-argv -- $APPS/web/check$" d &&
	daemonctl start web >/dev/null &&
	test_wait_for "test \"\$(hkey web health)\" = healthy" &&
	test "$(hkey web summary)" = fine
'

test_expect_success 'a check that fails 3 times restarts the app' '
	pid=$(apppid web) &&
	n=$(runs web) &&
	echo now >"$APPS/web/sick" &&
	test_wait_for "test \"\$(hkey web restarts)\" = 1" 30 &&
	rm "$APPS/web/sick" &&
	test $(runs web) -ge $((n + 3)) &&
	test_wait_for "test \"\$(skey web state)\" = up && test \"\$(hkey web health)\" = healthy" 30 &&
	! test_alive $pid &&
	test "$(skey web restarts)" -ge 1 &&
	grep " warn unhealthy " "$LOGS/web/events.log" >u &&
	test_grep "action=restart restarts=1 summary=\"sick since now\"" u &&
	grep -B3 " warn unhealthy " "$LOGS/web/events.log" >before &&
	test_grep "warn health state=warning summary=\"failure 1 of 3: sick since now\"" before &&
	test_grep "info control cmd=t" "$LOGS/web/events.log"
'

test_expect_success 'fewer failures than the threshold: a warning, no restart' '
	daemonctl config set web monitoring.failure_threshold=1000 &&
	daemonctl restart web >/dev/null &&
	pid=$(apppid web) &&
	test_wait_for "test \"\$(hkey web health)\" = healthy" &&
	echo later >"$APPS/web/sick" &&
	test_wait_for "test \"\$(hkey web health)\" = warning" &&
	n=$(runs web) &&
	test_wait_for "test \$(runs web) -ge \$((n + 5))" &&
	rm "$APPS/web/sick" &&
	test "$(apppid web)" = $pid &&
	test "$(hkey web restarts)" = 0 &&
	test_wait_for "test \"\$(hkey web health)\" = healthy"
'

test_expect_success 'success_threshold: healthy after that many successes' '
	daemonctl config set web monitoring.success_threshold=4 monitoring.failure_threshold=3 &&
	daemonctl restart web >/dev/null &&
	test_wait_for "test \"\$(hkey web health)\" = healthy" &&
	grep "info health state=healthy" "$LOGS/web/events.log" | tail -1 >h &&
	grep -B2 "info health state=healthy" "$LOGS/web/events.log" | tail -3 >before &&
	test_grep "warn health state=warning summary=\"success 1 of 4: fine\"" before &&
	test "$(hkey web successes)" -ge 4
'

test_expect_success 'startup_delay: no check before it' '
	daemonctl config set web monitoring.startup_delay=1h monitoring.success_threshold=1 &&
	# The checks of the running instance go on until it stops.
	daemonctl stop web >/dev/null &&
	test_wait_for "! pgrep -f \"$APPS/web/check\" >/dev/null" &&
	rm -f "$APPS/web/runs" &&
	daemonctl start web >/dev/null &&
	test_wait_for "pgrep -f \"healthcheck --watch .* --startup-delay 1h --exec-argv -- $APPS/web/check\" >/dev/null" &&
	test "$(hkey web health)" = unknown &&
	test_path_is_missing "$APPS/web/runs"
'

test_expect_success 'check_timeout: a check that hangs fails' '
	daemonctl config set web monitoring.startup_delay=0 &&
	printf "#!/bin/sh\necho x >>runs\nexec sleep 7005009\n" >"$APPS/web/check" &&
	daemonctl config set web monitoring.check_timeout=200ms monitoring.failure_threshold=1000 &&
	daemonctl restart web >/dev/null &&
	test_wait_for "test \"\$(hkey web health)\" = warning" 20 &&
	test_grep "^summary=failure [0-9]* of 1000: .*timed out after 200ms" "$RUN/web/health"
'

test_expect_success 'check_command, and check.sh run by sh when not executable' '
	rm "$APPS/web/check" &&
	printf "echo from check.sh\n" >"$APPS/web/check.sh" &&
	daemonctl config set web monitoring.check_command="echo from command" &&
	daemonctl restart web >/dev/null &&
	test_wait_for "test \"\$(hkey web health)\" = healthy" &&
	test "$(hkey web summary)" = "from command; from check.sh" &&
	daemonctl run web -n >d &&
	test_grep -- "--exec .echo from command. --exec-argv -- /bin/sh $APPS/web/check.sh$" d
'

test_expect_success 'monitoring.enabled = false turns it off' '
	daemonctl config set web monitoring.enabled=false &&
	daemonctl restart web >/dev/null &&
	test "$(hkey web health)" = off &&
	daemonctl status web --health >out &&
	test_grep "health: off" out &&
	daemonctl stop web >/dev/null
'

test_expect_success LINUX 'cpu_threshold: an app that spins is restarted' '
	mkapp hog tk-hog -c &&
	# 10%: a busy loop gets that much even on a loaded machine.
	daemonctl config set hog monitoring.cpu_threshold=10 monitoring.check_interval=100ms \
		monitoring.failure_threshold=2 &&
	daemonctl run hog -n >d &&
	test_grep "healthcheck .*--pid-file $RUN/hog/pid --tree --cpu-max 10$" d &&
	daemonctl start hog --wait 0 >/dev/null &&
	test_wait_for "test \"\$(hkey hog restarts)\" -ge 1" 60 &&
	test_grep "warn unhealthy .*cpu" "$LOGS/hog/events.log" &&
	daemonctl stop hog >/dev/null
'

test_expect_success LINUX 'memory_threshold (MB): an app that grows is restarted' '
	mkapp fat tk-hog -m 64M &&
	daemonctl config set fat monitoring.memory_threshold=16 monitoring.check_interval=100ms \
		monitoring.failure_threshold=2 &&
	test_expect_code 1 daemonctl start fat 2>err &&
	test_grep "fat: restarted before it was up for 1s: exit 143; unhealthy: .*rss" err &&
	test_wait_for "test \"\$(hkey fat restarts)\" -ge 1" 60 &&
	test_grep "^unhealthy=.*rss" "$RUN/fat/health" &&
	test_grep "warn unhealthy .*rss" "$LOGS/fat/events.log" &&
	daemonctl stop fat >/dev/null
'

test_expect_success 'hooks: on-start before each start, on-stop after each stop' '
	mkapp hk sh -c "echo started; echo run >>hooks; test -f crash && exit 3; exec sleep 7005002" &&
	cat >"$APPS/hk/on-start" <<-\EOT &&
	#!/bin/sh
	echo "on-start app=$DAEMONCTL_APP event=$DAEMONCTL_EVENT pid=$$" >>hooks
	echo "hook output goes to the log"
	EOT
	cat >"$APPS/hk/on-stop" <<-\EOT &&
	#!/bin/sh
	echo "on-stop app=$DAEMONCTL_APP event=$DAEMONCTL_EVENT exit=$DAEMONCTL_EXIT" >>hooks
	EOT
	chmod +x "$APPS/hk/on-start" "$APPS/hk/on-stop" &&
	daemonctl start hk >/dev/null &&
	printf "%s\n" "on-start app=hk event=start" run >expect &&
	sed "s/ pid=.*//" "$APPS/hk/hooks" >got &&
	test_cmp expect got &&
	daemonctl logs hk --stdout >out &&
	test_grep "^hook output goes to the log$" out &&
	test_grep "^started$" out &&
	daemonctl stop hk >/dev/null &&
	tail -1 "$APPS/hk/hooks" >last &&
	test_grep "^on-stop app=hk event=stop exit=143$" last
'

test_expect_success 'hooks run around daemonrun restarts too (a crash)' '
	rm "$APPS/hk/hooks" &&
	touch "$APPS/hk/crash" &&
	test_expect_code 1 daemonctl start hk --wait 5s 2>/dev/null &&
	test_wait_for "test \$(grep -c \"^on-stop app=hk event=stop exit=3$\" \"$APPS/hk/hooks\") -ge 2" 30 &&
	test "$(grep -c "^on-start app=hk event=start" "$APPS/hk/hooks")" -ge 2 &&
	rm "$APPS/hk/crash" &&
	daemonctl stop hk >/dev/null
'

test_expect_success 'a failing on-start: the app does not start, the run fails' '
	printf "#!/bin/sh\necho no database >&2\nexit 4\n" >"$APPS/hk/on-start" &&
	test_expect_code 1 daemonctl start hk --wait 5s 2>err &&
	test_grep "failed to start: exit 4" err &&
	test_grep "no database" err &&
	daemonctl stop hk >/dev/null &&
	test -z "$(leftovers)"
'

test_expect_success 'hooks that are not executable are an error' '
	chmod -x "$APPS/hk/on-stop" &&
	test_expect_code 100 daemonctl start hk 2>err &&
	test_grep "on-stop: not an executable file" err
'

test_done
