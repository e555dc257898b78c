#!/bin/sh
test_description='healthcheck --watch: one line per transition, hooks, readiness, pings'
. "${0%/*}/lib.sh"

# The check: healthy unless the file "down" exists; counts its runs.
check='echo x >>runs; test ! -f down || { echo down; exit 2; }'
stamp='20[0-9][0-9]-[0-9-]*T[0-9:.]*\(Z\|[-+][0-9][0-9]:[0-9][0-9]\)'

# start_watch ARGS...: healthcheck --watch in the background, its stdout
# through a FIFO into watch.out (lines must arrive at once); its pid in
# $hc (never found by name: other tests run healthcheck at the same time).
start_watch() {
	rm -f runs watch.out watch.fifo
	mkfifo watch.fifo &&
	{ cat watch.fifo >watch.out & } &&
	catp=$! &&
	{ healthcheck --watch --interval 50ms "$@" >watch.fifo & } &&
	hc=$!
}

stop_watch() {
	kill -TERM "$hc" 2>/dev/null
	wait "$hc"
	wait "$catp"
}

runs() { test -f runs && wc -l <runs || echo 0; }

test_expect_success 'the first result is a line; then only transitions' '
	start_watch --failure-threshold 1 --exec "$check" &&
	test_when_finished "stop_watch" &&
	test_wait_for "test_line_count = 1 watch.out 2>/dev/null" &&
	test_grep "^$stamp healthy .echo x >>runs; .* exit 0$" watch.out &&
	test_wait_for "test \$(runs) -ge 5" &&
	test_line_count = 1 watch.out &&
	touch down &&
	test_wait_for "test_line_count = 2 watch.out 2>/dev/null" &&
	test_grep "^$stamp unhealthy down$" watch.out &&
	n=$(runs) && test_wait_for "test \$(runs) -ge \$((n + 5))" &&
	test_line_count = 2 watch.out &&
	rm down &&
	test_wait_for "test_line_count = 3 watch.out 2>/dev/null" &&
	sed -n 3p watch.out | grep "^$stamp healthy "
'

test_expect_success 'timestamps are local with their offset; --utc gives UTC' '
	TZ=JST-9 healthcheck --watch --interval 1h --exec true >wlocal &
	p=$! &&
	test_wait_for "test -s wlocal" &&
	kill $p && wait $p &&
	test_grep "^20[0-9-]*T[0-9:.]*+09:00 healthy " wlocal &&
	TZ=JST-9 healthcheck --json --exec true >local &&
	test_grep "\"time\":\"20[0-9-]*T[0-9:.]*+09:00\"" local &&
	TZ=JST-9 healthcheck --json --utc --exec true >utc &&
	test_grep "\"time\":\"20[0-9-]*T[0-9:.]*\(Z\|+00:00\)\"" utc
'

test_expect_success 'TERM ends watch mode with exit 0' '
	start_watch --exec true &&
	test_wait_for "test -s watch.out" &&
	kill -TERM $hc &&
	wait $hc
'

test_expect_success 'exit code 0 after INT too' '
	rm -f out;
	healthcheck --watch --interval 1h --exec true >out &
	p=$! &&
	test_wait_for "test -s out" &&
	kill -INT $p &&
	wait $p
'

test_expect_success '--failure-threshold: warning first, then unhealthy' '
	touch down &&
	start_watch --failure-threshold 3 --exec "$check" &&
	test_when_finished "stop_watch; rm -f down" &&
	test_wait_for "test_line_count = 2 watch.out 2>/dev/null" &&
	test_grep "^$stamp warning failure 1 of 3: down$" watch.out &&
	test_grep "^$stamp unhealthy down$" watch.out &&
	test $(runs) -ge 3
'

test_expect_success '--success-threshold: unhealthy until enough successes' '
	touch down &&
	start_watch --failure-threshold 1 --success-threshold 4 --exec "$check" &&
	test_when_finished "stop_watch" &&
	test_wait_for "test_line_count = 1 watch.out 2>/dev/null" &&
	n=$(runs) && rm down &&
	test_wait_for "test_line_count = 2 watch.out 2>/dev/null" &&
	test $(runs) -ge $((n + 3)) &&
	sed -n 2p watch.out | grep " healthy "
'

test_expect_success '--start-period: failures inside it are warnings, never unhealthy' '
	touch down &&
	start_watch --failure-threshold 1 --start-period 1h --exec "$check" &&
	test_when_finished "stop_watch; rm -f down" &&
	test_wait_for "test -s watch.out" &&
	test_wait_for "test \$(runs) -ge 5" &&
	test_line_count = 1 watch.out &&
	test_grep "^$stamp warning in start period: down$" watch.out &&
	rm down &&
	test_wait_for "test_line_count = 2 watch.out 2>/dev/null" &&
	test_grep " healthy " watch.out &&
	touch down &&
	test_wait_for "test_line_count = 3 watch.out 2>/dev/null" &&
	sed -n 3p watch.out | grep " unhealthy down$"
'

test_expect_success '--startup-delay: no check runs before it ends' '
	rm -f runs out;
	healthcheck --watch --startup-delay 1h --exec "$check" >out &
	p=$! &&
	test_wait_for "ps -o args= -p $p | grep -q startup-delay" &&
	sleep 1 &&
	test_path_is_missing runs &&
	test_line_count = 0 out &&
	kill -TERM $p &&
	wait $p
'

test_expect_success '--startup-delay also delays a one-shot run' '
	rm -f runs out;
	healthcheck --startup-delay 1h --exec "$check" >out &
	p=$! &&
	test_wait_for "ps -o args= -p $p | grep -q startup-delay" &&
	sleep 1 &&
	test_path_is_missing runs &&
	kill -TERM $p;
	wait $p; test $? = 3 &&
	test_grep "UNKNOWN - interrupted" out
'

test_expect_success '--interval: the check runs again and again; 1h means once' '
	rm -f runs out;
	healthcheck --watch --interval 1h --exec "$check" >out &
	p=$! &&
	test_wait_for "test -s out" &&
	sleep 1 &&
	test $(runs) = 1 &&
	kill $p && wait $p &&
	start_watch --exec "$check" &&
	test_wait_for "test \$(runs) -ge 4" &&
	stop_watch
'

test_expect_success '--on-unhealthy and --on-healthy run on transitions, with the details' '
	touch down &&
	start_watch --failure-threshold 1 --exec "$check" \
		--on-unhealthy "echo \"bad \$HEALTHCHECK_STATUS \$HEALTHCHECK_PREVIOUS \$HEALTHCHECK_DETAIL\" >>hooks; echo to-stdout" \
		--on-healthy "echo \"good \$HEALTHCHECK_STATUS \$HEALTHCHECK_PREVIOUS\" >>hooks" &&
	test_when_finished "stop_watch" &&
	test_wait_for "test -s hooks" &&
	test_grep "^bad unhealthy unknown down$" hooks &&
	rm down &&
	test_wait_for "test_line_count = 2 hooks 2>/dev/null" &&
	test_grep "^good healthy unhealthy$" hooks &&
	test_grep ! to-stdout watch.out
'

test_expect_success '--notify-fd: one newline at the first healthy result' '
	touch down &&
	rm -f ready &&
	start_watch --failure-threshold 1 --notify-fd 3 --exec "$check" 3>ready &&
	test_when_finished "stop_watch" &&
	test_wait_for "test -s watch.out" &&
	test_wait_for "test \$(runs) -ge 3" &&
	test_line_count = 0 ready &&
	rm down &&
	test_wait_for "test -s ready" &&
	touch down && test_wait_for "test_line_count = 3 watch.out 2>/dev/null" &&
	rm down && test_wait_for "test_line_count = 4 watch.out 2>/dev/null" &&
	printf "\n" >expect &&
	test_cmp expect ready
'

test_expect_success '--sd-notify: READY, STATUS and WATCHDOG to $NOTIFY_SOCKET' '
	test_bg tk-dgram "$TRASH_DIRECTORY/notify.sock" notify.log notify.ready &&
	test_wait_for "test -f notify.ready" &&
	NOTIFY_SOCKET=$TRASH_DIRECTORY/notify.sock start_watch --sd-notify --exec "$check" &&
	test_when_finished "stop_watch" &&
	test_wait_for "test \$(grep -c WATCHDOG=1 notify.log) -ge 3" &&
	test_grep -x "READY=1" notify.log &&
	test $(grep -c "^READY=1$" notify.log) = 1 &&
	test_grep "^STATUS=healthy: " notify.log
'

test_expect_success LINUX '--sd-notify: an abstract socket (@name)' '
	test_bg tk-dgram "@tk-hc-notify-$$" anotify.log anotify.ready &&
	test_wait_for "test -f anotify.ready" &&
	NOTIFY_SOCKET=@tk-hc-notify-$$ healthcheck --sd-notify --exec true >out &&
	test_wait_for "grep -q READY=1 anotify.log" &&
	test_grep "^STATUS=OK: " anotify.log
'

test_expect_success '--ping: each result to URL or URL/fail' '
	test_bg tk-httpd -p ping.port -l ping.log "*=body=OK" &&
	test_wait_for "test -s ping.port" &&
	start_watch --failure-threshold 1 --ping "http://127.0.0.1:$(cat ping.port)/hc/abc" --exec "$check" &&
	test_when_finished "stop_watch" &&
	test_wait_for "grep -q \"^GET /hc/abc$\" ping.log" &&
	touch down &&
	test_wait_for "grep -q \"^GET /hc/abc/fail$\" ping.log" &&
	rm down &&
	test_grep ! start ping.log
'

test_expect_success PYTHON '--json: one object per transition' '
	touch down &&
	start_watch --json --failure-threshold 1 --exec "$check" &&
	test_when_finished "stop_watch" &&
	test_wait_for "test -s watch.out" &&
	rm down &&
	test_wait_for "test_line_count = 2 watch.out 2>/dev/null" &&
	python3 -c "import json
a,b=[json.loads(l) for l in open(\"watch.out\")]
assert a[\"health\"]==\"unhealthy\" and a[\"previous\"]==\"unknown\" and a[\"code\"]==2, a
assert b[\"health\"]==\"healthy\" and b[\"previous\"]==\"unhealthy\" and b[\"status\"]==\"OK\", b
assert b[\"checks\"][0][\"check\"]==\"exec\""
'

test_expect_success 'a reader that goes away ends watch mode (exit 3)' '
	{ healthcheck --watch --interval 50ms --exec true 2>err; echo $? >rc; } | head -n 1 >line &
	test_wait_for "test -s rc" &&
	test_grep " healthy " line &&
	test "$(cat rc)" = 3 &&
	test_grep "standard output is gone" err
'

test_expect_success 'TERM during a check: the check is killed, exit 0' '
	rm -f check.pid out;
	healthcheck --watch --exec "echo \$\$ >check.pid; exec sleep 1000" >out &
	p=$! &&
	test_wait_for "test -s check.pid" &&
	kill -TERM $p &&
	wait $p &&
	! test_alive "$(cat check.pid)"
'

test_done
