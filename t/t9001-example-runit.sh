#!/bin/sh
test_description='doc/examples/runit/app under runsv: daemonrun runs the app, teelog logs it'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/examples-lib.sh"

command -v runsv >/dev/null && command -v sv >/dev/null && test_set_prereq RUNIT

SV=$TRASH_DIRECTORY/sv/app
LOG=$SV/log/main
test_cleanup_hook='
	sv -w 5 exit "$SV" "$SV/log" >/dev/null 2>&1
	for f in "$SV/supervise/pid" "$SV/log/supervise/pid"; do
		[ -s "$f" ] && kill -KILL "$(cat "$f")" 2>/dev/null
	done
	ex_cleanup'

# pidof_sv DIR: the pid runsv says it runs.
pidof_sv() { cat "$1/supervise/pid"; }
# The whole log, rotated (gzipped) files first, then current.
wholelog() {
	for f in "$LOG"/current.*; do
		case $f in *.gz) gzip -dc "$f" ;; *"*") ;; *) cat "$f" ;; esac
	done
	cat "$LOG/current"
}
starts() { wholelog | grep -c " start user=" ; }

test_expect_success EXNS,RUNIT 'runsv starts the example; the log lands through teelog' '
	ex_setup &&
	ex_server "$ROOT/srv/app/server" &&
	mkdir -p sv && cp -R "$EX/runit/app" sv/ &&
	marker=$(mktemp /tmp/tk-host.XXXXXX) &&
	test_when_finished "rm -f $marker" &&
	test_bg tk-exns runsv "$SV" &&
	echo $TEST_BG_PID >runsv.pid &&
	test_wait_for "grep -q \"start user=\" \"$LOG/current\" 2>/dev/null" 30 &&
	test_wait_for "grep -q \"warn 10\" \"$LOG/current\"" 30 &&
	test_grep -E "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}(Z|[+-][0-9]{2}:[0-9]{2}) start user=app tmp=0 ro=no pid=[0-9]+$" "$LOG/current" &&
	test_grep -E "^[^ ]+ tick 1$" "$LOG/current"
'

test_expect_success EXNS,RUNIT 'sv status: runsv supervises the app itself, as app, sandboxed, limited' '
	sv status "$SV" >st &&
	test_grep "^run: $SV: (pid [0-9]*) .*; run: log: (pid [0-9]*)" st &&
	pid=$(pidof_sv "$SV") &&
	test "$(ps -o ppid= -p $pid | tr -d " ")" = "$(cat runsv.pid)" &&
	test "$(ps -o uid= -p $pid | tr -d " ")" = $APP_UID &&
	test "$(ps -o args= -p $pid)" = "/bin/sh ./server" &&
	test "$(readlink /proc/$pid/cwd)" = /srv/app &&
	test "$(readlink /proc/$pid/ns/mnt)" != "$(readlink /proc/$(cat runsv.pid)/ns/mnt)" &&
	test_grep "^Max open files  *1024  *1024 " /proc/$pid/limits &&
	grep "start user=app" "$LOG/current" | sed "s/.*pid=//" >p &&
	echo $pid >expect && test_cmp expect p
'

test_expect_success EXNS,RUNIT 'sv alarm on the log rotates, and -z gzips the rotated file' '
	sv alarm "$SV/log" &&
	test_wait_for "ls \"$LOG\"/current.*.gz >/dev/null 2>&1" 30 &&
	ls "$LOG" >files &&
	test_grep -E "^current\.[0-9]{8}T[0-9]{6}\.[0-9]{3}Z\.gz$" files &&
	test_wait_for "test \$(grep -c \" tick \" \"$LOG/current\") -gt 0" 30
'

test_expect_success EXNS,RUNIT 'sv down stops the app; sv up starts it again' '
	old=$(pidof_sv "$SV") &&
	sv -w 30 down "$SV" >out &&
	test_grep "^ok: down: $SV" out &&
	! test_alive $old &&
	sv status "$SV" >st && test_grep "^down: $SV" st &&
	sv -w 30 up "$SV" >out &&
	test_grep "^ok: run: $SV" out &&
	new=$(pidof_sv "$SV") && test "$new" != "$old" &&
	test_wait_for "test \$(starts) = 2" 30 &&
	sv -w 30 restart "$SV" >out &&
	test_wait_for "test \$(starts) = 3" 30
'

test_expect_success EXNS,RUNIT 'no line lost: every run ticks from 1 without a gap, across the rotation' '
	sv -w 30 down "$SV" &&
	wholelog >all &&
	awk "
		/ start user=/ { if (runs && n == 0) bad = 1; runs++; n = 0; next }
		/ tick / { n++; if (\$3 != n) { print \"run \" runs \": tick \" \$3 \" after \" n - 1; bad = 1 } }
		END { if (runs != 3) { print runs \" runs\"; bad = 1 } exit bad }
	" all
'

test_expect_success EXNS,RUNIT 'sv exit ends runsv and its logger' '
	lp=$(pidof_sv "$SV/log") &&
	sv exit "$SV" "$SV/log" &&
	test_wait_for "! test_alive $(cat runsv.pid)" 30 &&
	test_wait_for "! test_alive $lp" 30
'

test_done
