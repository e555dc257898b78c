#!/bin/sh
test_description='the composition chain of OVERVIEW.md, by hand: daemonrun > teelog > daemonrun --user > app, healthcheck --watch beside it'
. "${0%/*}/lib.sh"

# daemonrun --state-dir RUN --restart always      supervise, control FIFO, status
#  └─ teelog LOGS/out.log LOGS/err.log --         capture and rotate the output
#       └─ daemonrun --user nobody --private-tmp  privileges and sandbox, then exec
#            └─ ./app                             an HTTP server (python3) and a ticker
# healthcheck --watch --http .../health | while read ...: t to RUN/control when unhealthy
#
# This is what daemonctl builds for an app; here every piece is started
# by hand, as a shell user would, and nothing needs daemonctl.

if [ "$(id -u)" = 0 ] && command -v python3 >/dev/null &&
    daemonrun --user nobody --private-tmp -- true 2>/dev/null; then
	test_set_prereq CHAIN
fi

RUN=$TRASH_DIRECTORY/run
LOGS=$TRASH_DIRECTORY/logs
WWW=$TRASH_DIRECTORY/www
# The app sees a private /tmp: when the checkout (so the trash directory)
# is under /tmp, only its working directory, held across the mounts,
# leads there. So it is given www, relative.
test_cleanup_hook='
	# Read-write: never blocks, even when the supervisor is gone.
	[ -p "$RUN/control" ] && printf x 1<>"$RUN/control"
	for p in $(cat app.pids 2>/dev/null); do kill -KILL $p 2>/dev/null; done'

key() { sed -n "s/^$1=//p" "$RUN/status" 2>/dev/null; }
# Every "tick N" in FILE follows "tick N-1". A tick may end a line another
# writer began: python -u writes a line and its newline apart.
ticks_in_order() {
	awk 'match($0, /tick [0-9]+$/) {
		t = substr($0, RSTART + 5) + 0
		if (n && t != n + 1) { print "gap after", n; exit 1 }
		n = t
	}' "$1"
}
# The output so far: the rotated files that are left, oldest first, then
# the live one.
alllogs() { cat $(ls "$LOGS"/out.log.2* 2>/dev/null | sort) "$LOGS/out.log"; }
# The app's own pids (python, ticker), from the file it writes at start
# (its start line on stdout is soon rotated away and pruned).
app_pid() { sed -n "s/.* pid=\([0-9]*\).*/\1/p" "$WWW/start" 2>/dev/null; }
ticker_pid() { sed -n "s/.* ticker=\([0-9]*\).*/\1/p" "$WWW/start" 2>/dev/null; }

test_expect_success CHAIN 'setup: the app' '
	mkdir -p "$LOGS" "$WWW" &&
	chown nobody "$WWW" &&
	PORT=$(test_free_port) && echo $PORT >port &&
	marker=$(mktemp /tmp/tk-host.XXXXXX) && echo $marker >marker &&
	cat >app <<-\EOF &&
	#!/bin/sh
	# app PORT WWW: serves WWW on 127.0.0.1:PORT, ticks on stdout.
	echo ok >"$2/health" || exit 1
	(i=0; while :; do i=$((i + 1)); echo "tick $i"; sleep 0.02; done) &
	echo "app start uid=$(id -u) tmp=$(ls -A /tmp | wc -l) ticker=$! pid=$$" >"$2/start.new"
	mv -f "$2/start.new" "$2/start" && cat "$2/start"
	i=0
	while [ $i -lt 200 ]; do i=$((i + 1)); echo "burst $i"; done
	exec python3 -u -m http.server "$1" --bind 127.0.0.1 --directory "$2"
	EOF
	chmod 755 app
'

test_expect_success CHAIN 'the chain starts: each process where it belongs' '
	PORT=$(cat port) &&
	test_bg daemonrun --state-dir "$RUN" -l events.log --kill-timeout 5s -- \
		teelog --no-signal-forward -t -s 2K --line-max 256 -n 3 \
			"$LOGS/out.log" "$LOGS/err.log" -- \
		daemonrun --user nobody --private-tmp --caps-drop all -- \
			./app $PORT www &&
	echo $TEST_BG_PID >super.pid &&
	test_wait_for "test \"\$(key state)\" = up" 20 &&
	test_wait_for "test -n \"\$(app_pid)\"" 20 &&
	tl=$(key pid) && app=$(app_pid) &&
	echo "$app $(ticker_pid)" >app.pids &&
	test "$(ps -o ppid= -p $tl | tr -d " ")" = "$(cat super.pid)" &&
	test "$(ps -o comm= -p $tl)" = teelog &&
	test "$(ps -o ppid= -p $app | tr -d " ")" = $tl &&
	test "$(ps -o comm= -p $app)" = python3
'

test_expect_success CHAIN 'the app runs as nobody, without capabilities, in its own /tmp' '
	app=$(app_pid) &&
	test "$(ps -o user= -p $app)" = nobody &&
	test_grep "^CapBnd:	0000000000000000$" /proc/$app/status &&
	test "$(readlink /proc/$app/ns/mnt)" != "$(readlink /proc/self/ns/mnt)" &&
	test_grep "^app start uid=65534 tmp=0 " "$WWW/start" &&
	test_wait_for "healthcheck --http http://127.0.0.1:$(cat port)/health >hc" 20
'

test_expect_success CHAIN 'healthcheck checks the process daemonrun runs (RUN/pid, else the status pid)' '
	if test -f "$RUN/pid"; then
		healthcheck --pid-file "$RUN/pid" --tree --rss-max 1G >hc
	else
		healthcheck --pid "$(key pid)" --tree --rss-max 1G >hc
	fi &&
	test_grep "^HEALTHCHECK OK" hc
'

test_expect_success CHAIN 'the logs rotate: timestamped, at most 3 kept, nothing lost' '
	test_wait_for "test \$(ls \"$LOGS\" | grep -c \"^out.log.2\") = 3" 30 &&
	ls "$LOGS" >files &&
	test "$(grep -c "^out\.log\.[0-9]\{8\}T[0-9]\{6\}\.[0-9]\{3\}Z" files)" = 3 &&
	for f in "$LOGS"/out.log*; do
		test $(wc -c <"$f") -le 2048 || return 1
	done &&
	alllogs >all &&
	test_grep -E "^[0-9T:.+-]+ tick [0-9]+$" all &&
	ticks_in_order all
'

test_expect_success CHAIN 't on the control FIFO restarts the whole instance' '
	old=$(cat app.pids) &&
	printf t >"$RUN/control" &&
	test_wait_for "test \"\$(app_pid)\" != ${old%% *}" 30 &&
	for p in $old; do test_wait_for "! test_alive $p" 10 || return 1; done &&
	test "$(key restarts)" = 1 &&
	test_grep "info control cmd=t" events.log &&
	echo "$(app_pid) $(ticker_pid)" >app.pids &&
	test_wait_for "healthcheck --http http://127.0.0.1:$(cat port)/health >hc" 20
'

test_expect_success CHAIN 'unhealthy: the watcher writes t, the app comes back healthy' '
	mkfifo hc.fifo &&
	extra= &&
	if test -f "$RUN/pid"; then extra="--pid-file $RUN/pid"; fi &&
	test_bg sh -c "exec healthcheck --watch --interval 100ms --timeout 2s \
		--failure-threshold 2 --http http://127.0.0.1:$(cat port)/health $extra >hc.fifo" &&
	test_bg sh -c "exec <hc.fifo; while read -r when health detail; do
		echo \"\$health \$detail\" >>hc.out
		if [ \"\$health\" = unhealthy ]; then printf t >\"$RUN/control\"; fi
	done" &&
	test_wait_for "grep -q ^healthy hc.out" 20 &&
	old=$(app_pid) &&
	rm "$WWW/health" &&
	test_wait_for "grep -q ^unhealthy hc.out" 20 &&
	test_wait_for "test \"\$(app_pid)\" != $old" 30 &&
	test_wait_for "test \$(grep -c ^healthy hc.out) = 2" 30 &&
	test "$(key restarts)" = 2 &&
	test_grep "^unhealthy http .*404" hc.out &&
	echo "$(app_pid) $(ticker_pid)" >app.pids
'

test_expect_success CHAIN 'x stops the app and the supervisor; nothing is left' '
	pids=$(cat app.pids) &&
	printf x >"$RUN/control" &&
	test_wait_for "! test_alive $(cat super.pid)" 30 &&
	for p in $pids; do ! test_alive $p || return 1; done &&
	test "$(key state)" = down
'

# The same chain as daemonctl builds it from an app's configuration.
if test_have_prereq CHAIN && [ -x "$TOP/bin/daemonctl" ]; then
	test_set_prereq DAEMONCTL
fi
# The app, and what it serves, from the trash directory (-C): under a
# private /tmp, only relative paths lead there.
DCH=$TRASH_DIRECTORY/dc
DC="daemonctl --home $DCH"
test_cleanup_hook="$test_cleanup_hook
	$DC stop web >/dev/null 2>&1"
dkey() { sed -n "s/^$1=//p" "$DCH/run/web/status" 2>/dev/null; }

test_expect_success DAEMONCTL 'daemonctl builds the chain: user, capabilities and sandbox from the config' '
	rm -f "$WWW/start" &&
	$DC new web -- ./app $(cat port) www &&
	$DC config set web process.chdir="$TRASH_DIRECTORY" security.user=nobody security.capabilities_drop=all \
		sandbox.private_tmp=true logging.max_size=2K logging.max_count=3 \
		monitoring.check_command="healthcheck --http http://127.0.0.1:$(cat port)/health" \
		monitoring.check_interval=100ms monitoring.startup_delay=3s \
		monitoring.failure_threshold=2 restart.delay=100ms &&
	$DC start web &&
	test_wait_for "test -n \"\$(app_pid)\" && test \"\$(dkey state)\" = up" 30 &&
	app=$(app_pid) && tl=$(dkey pid) &&
	test "$(ps -o comm= -p $tl)" = teelog &&
	test "$(ps -o ppid= -p $app | tr -d " ")" = $tl &&
	sup=$(ps -o ppid= -p $tl | tr -d " ") &&
	test "$(ps -o comm= -p $sup)" = daemonrun &&
	dc=$(ps -o ppid= -p $sup | tr -d " ") &&
	ps -o args= -p $dc | grep "daemonctl run web" &&
	ps -o comm= --ppid $dc | grep -x healthcheck &&
	test "$(ps -o user= -p $app)" = nobody &&
	test_grep "^CapBnd:	0000000000000000$" /proc/$app/status &&
	test "$(readlink /proc/$app/ns/mnt)" != "$(readlink /proc/self/ns/mnt)" &&
	test_grep "^app start uid=65534 tmp=0 " "$WWW/start"
'

test_expect_success DAEMONCTL 'unhealthy: daemonctl restarts it; the logs rotate, daemonctl logs reads them' '
	test_wait_for "$DC status web --health | grep -q \"health: healthy\"" 30 &&
	old=$(app_pid) &&
	rm "$WWW/health" &&
	test_wait_for "test \"\$(app_pid)\" != $old && test \"\$(dkey state)\" = up" 30 &&
	test_grep "unhealthy action=restart" $DCH/logs/web/events.log &&
	test_wait_for "test \$(ls $DCH/logs/web | grep -c \"^out.log.2\") = 3" 30 &&
	test_wait_for "$DC logs web | grep -q \"tick [0-9]\"" 30
'

test_expect_success DAEMONCTL 'daemonctl stop: nothing of the chain is left' '
	app=$(app_pid) && tk=$(ticker_pid) &&
	$DC stop web &&
	! test_alive $app && ! test_alive $tk &&
	! $DC status web
'

test_done
