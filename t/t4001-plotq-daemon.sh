#!/bin/sh
test_description='plotq: the daemon, its socket, auto-spawn, peer check'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

test_lazy_prereq SETPRIV 'command -v setpriv && [ "$(id -u)" = 0 ] &&
	setpriv --reuid=nobody --regid=nogroup --clear-groups true'
test_lazy_prereq DAEMONRUN 'test -x "$TOP/bin/daemonrun" || command -v daemonrun'

for store in $(plotq_stores); do
plotq_env $store

test_expect_success "$store: 8 clients racing start exactly one daemon" '
	pids= &&
	for i in 1 2 3 4 5 6 7 8; do
		plotq run -- echo $i >id.$i 2>err.$i &
		pids="$pids $!"
	done &&
	wait $pids &&
	cat id.* | sort -n >ids &&
	seq 8 >expect && test_cmp expect ids &&
	test_grep -c "info start" "$WS/plotq.log" >n && echo 1 >expect &&
	test_cmp expect n &&
	! test_grep "already running" "$WS/plotq.log" &&
	cat err.* >errs && test_line_count = 0 errs
'

test_expect_success "$store: socket 0600 in a 0700 directory, pid file beside it" '
	test "$(stat -c %a "$SOCK")" = 600 &&
	test "$(stat -c %a "$XDG_RUNTIME_DIR/plotq")" = 700 &&
	test "$(cat "$SOCK.pid")" = "$(plotq status --json | sed "s/.*\"pid\":\([0-9]*\).*/\1/")"
'

test_expect_success "$store: a second daemon on the same socket is refused" '
	test_expect_code 111 plotq daemon 2>err &&
	test_grep "already running on .*sock (pid [0-9]*)" err
'

test_expect_success "$store: a stale socket is removed and a daemon started" '
	pid=$(plotq_daemon_pid) &&
	kill -9 $pid &&
	test_wait_for "! kill -0 $pid 2>/dev/null" &&
	test -S "$SOCK" &&
	plotq run true >/dev/null &&
	test "$(plotq_daemon_pid)" != "$pid" &&
	test_grep -c "info start" "$WS/plotq.log" >n && echo 2 >expect &&
	test_cmp expect n
'

test_expect_success "$store: a socket directory open to others is refused" '
	chmod 755 "$XDG_RUNTIME_DIR/plotq" &&
	test_when_finished "chmod 700 \"$XDG_RUNTIME_DIR/plotq\"" &&
	test_expect_code 111 plotq list 2>err &&
	test_grep "unsafe socket directory .*mode 0755, want 0700" err &&
	test_expect_code 111 plotq daemon 2>err &&
	test_grep "unsafe socket directory" err
'

test_expect_success SETPRIV "$store: a client of another uid is refused, and logged" '
	chmod 711 "$XDG_RUNTIME_DIR" "$XDG_RUNTIME_DIR/plotq" "$TRASH_DIRECTORY/$store" &&
	chmod 666 "$SOCK" &&
	test_when_finished "chmod 700 \"$XDG_RUNTIME_DIR\" \"$XDG_RUNTIME_DIR/plotq\"; chmod 600 \"$SOCK\"" &&
	test_expect_code 111 setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env PLOTQ_SOCKET="$SOCK" HOME=/ plotq list 2>err &&
	test_grep "permission denied: this daemon belongs to uid 0; uid 65534 may not use it" err &&
	test_grep "warn refused uid=65534" "$WS/plotq.log" &&
	PLOTQ_SOCKET="$SOCK" plotq list >/dev/null
'

test_expect_success "$store: shutdown removes the socket and pid file" '
	plotq shutdown &&
	test_path_is_missing "$SOCK" &&
	test_path_is_missing "$SOCK.pid" &&
	test_path_is_missing "$WS/plotq.pid" &&
	test_grep "info exit" "$WS/plotq.log"
'

test_expect_success "$store: the foreground daemon takes its options" '
	mkdir -p $store-ws2 &&
	test_bg plotq daemon -w $store-ws2 --socket "$TRASH_DIRECTORY/$store-s2" -l debug \
		--log-file "$TRASH_DIRECTORY/$store-d2.log" &&
	dpid=$TEST_BG_PID &&
	test_wait_for "test -S $TRASH_DIRECTORY/$store-s2" &&
	id=$(plotq run --socket "$TRASH_DIRECTORY/$store-s2" true) &&
	PLOTQ_SOCKET="$TRASH_DIRECTORY/$store-s2" plotq wait $id &&
	PLOTQ_SOCKET="$TRASH_DIRECTORY/$store-s2" plotq wait $(plotq run --socket "$TRASH_DIRECTORY/$store-s2" echo x) &&
	test_path_is_file $store-ws2/jobs/$((id + 1))/out.log &&
	test_grep "debug job_queued id=$id" $store-d2.log &&
	test_grep "workspace=$TRASH_DIRECTORY/$store-ws2 " $store-d2.log &&
	test_path_is_missing "$SOCK" &&
	kill -TERM $dpid &&
	test_wait_for "! test -S $TRASH_DIRECTORY/$store-s2" &&
	wait $dpid &&
	test_grep "info shutdown" $store-d2.log &&
	test_grep "info exit" $store-d2.log
'

test_expect_success "$store: a workspace serves one daemon at a time" '
	test_bg plotq daemon -w $store-ws2 --socket "$TRASH_DIRECTORY/$store-s3" &&
	test_wait_for "test -S $TRASH_DIRECTORY/$store-s3" &&
	test_expect_code 111 plotq daemon -w $store-ws2 --socket "$TRASH_DIRECTORY/$store-s4" 2>err &&
	test_grep "workspace .*$store-ws2 is in use by another daemon (pid $TEST_BG_PID)" err &&
	plotq shutdown --socket "$TRASH_DIRECTORY/$store-s3"
'

test_expect_success "$store: bad daemon options exit 100" '
	test_expect_code 100 plotq daemon --log-level loud 2>err &&
	test_grep "bad --log-level" err &&
	test_expect_code 100 plotq daemon --store paper 2>err &&
	test_expect_code 100 plotq daemon extra 2>err &&
	test_expect_code 100 plotq daemon --config nowhere.toml 2>err &&
	test_grep "unable to read nowhere.toml" err &&
	plotq daemon --help >out && test_grep "usage: plotq daemon" out
'

test_expect_success !DAEMONRUN "$store: --daemonize needs daemonrun" '
	test_expect_code 111 plotq daemon --daemonize 2>err &&
	test_grep "need daemonrun" err
'

test_expect_success DAEMONRUN "$store: --daemonize --pid-file run under daemonrun" '
	plotq daemon --daemonize --pid-file "$TRASH_DIRECTORY/$store-dr.pid" -w $store-ws3 \
		--socket "$TRASH_DIRECTORY/$store-s5" &&
	test_wait_for "test -S $TRASH_DIRECTORY/$store-s5" &&
	test -s $store-dr.pid &&
	plotq shutdown --socket "$TRASH_DIRECTORY/$store-s5" &&
	test_wait_for "test_path_is_missing $TRASH_DIRECTORY/$store-dr.pid"
'

test_expect_success "$store: without XDG_RUNTIME_DIR the socket is in /tmp/plotq-UID" '
	(unset XDG_RUNTIME_DIR && test_expect_code 1 plotq status >out) &&
	test_grep "no daemon on /tmp/plotq-$(id -u)/sock" out
'

plotq_stop
done

test_expect_success SETPRIV 'a client refuses a daemon of another (non-root) user' '
	mkdir -m 777 other && 
	test_bg setpriv --reuid=daemon --regid=daemon --clear-groups \
		env HOME=/ plotq daemon -w "$TRASH_DIRECTORY/other/ws" \
		--socket "$TRASH_DIRECTORY/other/sock" &&
	test_wait_for "test -S other/sock" &&
	chmod 666 other/sock &&
	test_expect_code 111 setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env HOME=/ plotq list --socket "$TRASH_DIRECTORY/other/sock" 2>err &&
	test_grep "refusing the daemon on .*other/sock: it runs as uid 1, not 65534" err &&
	plotq shutdown --socket "$TRASH_DIRECTORY/other/sock"
'

test_expect_success DAEMONRUN,SETPRIV '--user and --group: the daemon runs as that user' '
	mkdir nob && chown nobody:nogroup nob &&
	plotq daemon --daemonize --user nobody --group nogroup \
		-w "$TRASH_DIRECTORY/nob/ws" --socket "$TRASH_DIRECTORY/nob/sock" \
		--pid-file "$TRASH_DIRECTORY/nob.pid" &&
	test_wait_for "test -S nob/sock" &&
	pid=$(plotq status --json --socket "$TRASH_DIRECTORY/nob/sock" |
		sed "s/.*\"pid\":\([0-9]*\).*/\1/") &&
	grep "^Uid:" /proc/$pid/status >uid &&
	test_grep "65534" uid &&
	grep "^Gid:" /proc/$pid/status >gid && test_grep "65534" gid &&
	id=$(plotq run --socket "$TRASH_DIRECTORY/nob/sock" -- id -u) &&
	PLOTQ_SOCKET="$TRASH_DIRECTORY/nob/sock" plotq wait $id &&
	PLOTQ_SOCKET="$TRASH_DIRECTORY/nob/sock" plotq log $id >out &&
	echo 65534 >expect && test_cmp expect out &&
	plotq shutdown --socket "$TRASH_DIRECTORY/nob/sock"
'

plotq_san_check
test_done
