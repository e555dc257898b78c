#!/bin/sh
test_description='doc/examples/s6/app under s6-svscan and s6-supervise: sandboxed app, TAI64N log'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/examples-lib.sh"

command -v s6-svscan >/dev/null && command -v s6-svc >/dev/null && test_set_prereq S6

SCAN=$TRASH_DIRECTORY/scan
SV=$SCAN/app
LOG=$SV/log/main
test_cleanup_hook='
	s6-svscanctl -t "$SCAN" >/dev/null 2>&1
	for p in $(pgrep -f "^s6-supervise (app|log)\$" 2>/dev/null); do
		case $(readlink /proc/$p/cwd) in "$SCAN"*) kill -KILL $p ;; esac
	done
	ex_cleanup'

# The pid of the app, as s6-svstat tells it (empty when down).
svpid() { s6-svstat -o pid "$SV" | sed "s/^-1$//"; }
wholelog() {
	for f in "$LOG"/current.*; do [ -f "$f" ] && cat "$f"; done
	cat "$LOG/current"
}
starts() { wholelog | grep -c " start user=" ; }

test_expect_success EXNS,S6 's6-svscan starts the example and its logger; TAI64N lines land' '
	ex_setup &&
	ex_server "$ROOT/srv/app/server" &&
	mkdir -p "$SCAN" && cp -R "$EX/s6/app" "$SCAN/" &&
	test_bg tk-exns s6-svscan "$SCAN" &&
	echo $TEST_BG_PID >svscan.pid &&
	test_wait_for "grep -q \" start user=\" \"$LOG/current\" 2>/dev/null" 30 &&
	test_wait_for "grep -q \" warn 10$\" \"$LOG/current\"" 30 &&
	test_grep -E "^@4000[0-9a-f]{20} start user=app tmp=0 ro=yes pid=[0-9]+$" "$LOG/current" &&
	test_grep -E "^@4000[0-9a-f]{20} tick 1$" "$LOG/current"
'

test_expect_success EXNS,S6 's6-supervise runs the app itself: as app, read-only code, no caps, seccomp' '
	pid=$(svpid) && test -n "$pid" &&
	test "$(ps -o comm= -p $(ps -o ppid= -p $pid))" = s6-supervise &&
	test "$(ps -o uid= -p $pid | tr -d " ")" = $APP_UID &&
	test_grep "^CapBnd:	0000000000000000$" /proc/$pid/status &&
	test_grep "^NoNewPrivs:	1$" /proc/$pid/status &&
	test_grep "^Seccomp:	2$" /proc/$pid/status &&
	test "$(readlink /proc/$pid/ns/mnt)" != "$(readlink /proc/$(cat svscan.pid)/ns/mnt)"
'

test_lazy_prereq TAI64NLOCAL 'command -v tai64nlocal'
test_expect_success EXNS,S6,TAI64NLOCAL 'tai64nlocal reads the labels back' '
	tai64nlocal <"$LOG/current" >local &&
	test_grep -E "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{9} start user=app" local
'

test_expect_success EXNS,S6 's6-svc -a rotates the log' '
	s6-svc -a "$SV/log" &&
	test_wait_for "ls \"$LOG\"/current.* >/dev/null 2>&1" 30 &&
	ls "$LOG" >files &&
	test_grep -E "^current\.[0-9]{8}T[0-9]{6}\.[0-9]{3}Z$" files &&
	test_wait_for "grep -q \" tick \" \"$LOG/current\"" 30
'

test_expect_success EXNS,S6 's6-svc -d stops the app, -u starts it, -r restarts it' '
	old=$(svpid) &&
	s6-svc -wd -T 30000 -d "$SV" &&
	test -z "$(svpid)" &&
	! test_alive $old &&
	s6-svstat -o up "$SV" >up && echo false >expect && test_cmp expect up &&
	s6-svc -wu -T 30000 -u "$SV" &&
	test_wait_for "test \$(starts) = 2" 30 &&
	s6-svc -r "$SV" &&
	test_wait_for "test \$(starts) = 3" 30
'

test_expect_success EXNS,S6 'no line lost: every run ticks from 1 without a gap, across the rotation' '
	s6-svc -wd -T 30000 -d "$SV" &&
	wholelog >all &&
	awk "
		/ start user=/ { runs++; n = 0; next }
		/ tick / { n++; if (\$3 != n) { print \"run \" runs \": tick \" \$3 \" after \" n - 1; bad = 1 } }
		END { if (runs != 3) { print runs \" runs\"; bad = 1 } exit bad }
	" all
'

test_expect_success EXNS,S6 's6-svscanctl -t ends the scanner, the supervisors and the logger' '
	lp=$(s6-svstat -o pid "$SV/log") && test_alive $lp &&
	s6-svscanctl -t "$SCAN" &&
	test_wait_for "! test_alive $(cat svscan.pid)" 30 &&
	test_wait_for "! test_alive $lp" 30
'

test_done
