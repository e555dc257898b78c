#!/bin/sh
test_description='doc/examples/app.service: systemd-analyze verify passes; its ExecStart runs as systemd would run it'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/examples-lib.sh"

UNIT=$EX/app.service
LOGS=$ROOT/var/log/app
command -v systemd-analyze >/dev/null && test_set_prereq ANALYZE
test_cleanup_hook='
	[ -s tl.pid ] && kill -KILL "$(cat tl.pid)" 2>/dev/null
	ex_cleanup'

# unit_key KEY: the value of KEY in [Service], continuation lines joined.
unit_key() {
	awk -v k="$1" '
		/^\[/ { sec = $0; next }
		sec != "[Service]" || /^[#;]/ { next }
		cont { v = v " " $0; cont = sub(/\\$/, "", v); if (!cont) print v; next }
		index($0, k "=") == 1 { v = substr($0, length(k) + 2); cont = sub(/\\$/, "", v); if (!cont) print v }
	' "$UNIT" | tr -s " \t" "  "
}

test_expect_success EXNS,ANALYZE 'systemd-analyze verify: no complaint, with the tools in /usr/local/bin' '
	ex_setup &&
	cp "$UNIT" app.service &&
	tk-exns systemd-analyze verify "$TRASH_DIRECTORY/app.service" >out 2>&1 &&
	test_line_count = 0 out
'

test_expect_success EXNS,ANALYZE 'verify does find faults (a misspelt key, a missing program)' '
	sed -e "s/^Restart=/Restrat=/" -e "s|/usr/local/bin/teelog|/usr/local/bin/nosuch|" \
		"$UNIT" >bad.service &&
	test_must_fail tk-exns systemd-analyze verify "$TRASH_DIRECTORY/bad.service" >out 2>&1 &&
	test_grep "Unknown key .Restrat." out &&
	test_grep "/usr/local/bin/nosuch" out
'

test_expect_success 'the unit: teelog, then daemonrun with the user, sandbox and limits' '
	unit_key ExecStart >cmd &&
	test_line_count = 1 cmd &&
	test_grep "^/usr/local/bin/teelog --no-signal-forward .* -- /usr/local/bin/daemonrun --user app .* -- ./server$" cmd &&
	test "$(unit_key LogsDirectory)" = app
'

test_expect_success EXNS 'ExecStart, run as systemd runs it: logs in /var/log/app, the app as app, sandboxed' '
	ex_setup &&
	ex_server "$ROOT/srv/app/server" &&
	mkdir -p "$LOGS" &&
	test_bg tk-exns sh -c "exec $(cat cmd)" >journal 2>journal.err &&
	echo $TEST_BG_PID >tl.pid &&
	test_wait_for "grep -q \" warn 10$\" \"$LOGS/err.log\" 2>/dev/null" 30 &&
	test "$(readlink /proc/$TEST_BG_PID/exe)" = /usr/local/bin/teelog &&
	test_grep -E "^[0-9T:.+-]+ start user=app tmp=0 ro=no pid=[0-9]+$" "$LOGS/out.log" &&
	test_grep -E "^[0-9T:.+-]+ tick 1$" "$LOGS/out.log" &&
	! grep -q warn "$LOGS/out.log" &&
	test_grep "^tick 1$" journal &&
	test_grep "^warn 10$" journal.err &&
	pid=$(sed -n "s/.* start user=app.* pid=//p" "$LOGS/out.log") &&
	test "$(ps -o ppid= -p $pid | tr -d " ")" = $TEST_BG_PID &&
	test "$(ps -o uid= -p $pid | tr -d " ")" = $APP_UID &&
	test_grep "^Seccomp:	2$" /proc/$pid/status &&
	test_grep "^CapBnd:	0000000000000000$" /proc/$pid/status &&
	test_grep "^Max open files  *4096  *4096 " /proc/$pid/limits
'

test_expect_success EXNS 'systemctl stop: TERM to the whole control group; teelog exits with the app'"'"'s status' '
	tl=$(cat tl.pid) &&
	pid=$(sed -n "s/.* start user=app.* pid=//p" "$LOGS/out.log") &&
	kill -TERM $tl $pid &&
	test_wait_for "! test_alive $tl" 30 &&
	wait $tl; code=$? &&
	test $code = 143 &&
	! test_alive $pid &&
	n=$(grep -c "^tick " journal) &&
	test $(grep -c " tick " "$LOGS/out.log") = $n
'

test_done
