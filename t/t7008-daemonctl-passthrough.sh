#!/bin/sh
test_description='daemonctl: run options and config keys reach the app through daemonrun'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonctl-lib.sh"

if [ "$(id -u)" = 0 ] && unshare -m -n true >/dev/null 2>&1; then
	test_set_prereq UNSHARE
fi
if [ -d /sys/fs/cgroup ] && [ "$(id -u)" = 0 ] &&
	daemonrun --memory-limit 64M -- true 2>/dev/null; then
	test_set_prereq MEMLIMIT
fi

# facts: what the app sees, written to its stdout (the log).
facts() { daemonctl logs web --stdout | sed -n "s/^$1=//p" | tail -1; }

test_expect_success 'setup: an app that tells what it sees' '
	mkapp web true &&
	cat >"$APPS/web/run" <<-\EOT &&
	#!/bin/sh
	echo "user=$(id -un)"
	echo "nice=$(ps -o ni= -p $$ | tr -d " ")"
	echo "umask=$(umask)"
	echo "dir=$(pwd)"
	echo "greeting=$GREETING"
	echo "fromfile=$FROMFILE"
	echo "home=${HOME:-unset}"
	echo "nofile=$(ulimit -n)"
	echo "core=$(ulimit -c)"
	echo "app=$DAEMONCTL_APP"
	echo "ifaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " " | tr "\n" " ")"
	echo "tmp=$(ls /tmp | wc -l)"
	echo "ro=$(touch /srv/daemonctl-probe 2>/dev/null && echo writable || echo read-only)"
	rm -f /srv/daemonctl-probe
	echo "ready=yes"
	exec sleep 7008001
	EOT
	printf "FROMFILE=from the file\n" >"$APPS/web/app.env" &&
	mkdir -p "$APPS/web/sub"
'

test_expect_success ROOT 'user, nice, umask, chdir, env, env-file, limits' '
	daemonctl start web -u nobody --nice 7 --umask 027 -C sub \
		--env GREETING=hello --env-file app.env --file-limit 77 \
		--core-limit 0 >/dev/null &&
	test_wait_for "test \"\$(facts ready)\" = yes" &&
	test "$(facts user)" = nobody &&
	test "$(facts nice)" = 7 &&
	test "$(facts umask)" = 0027 &&
	test "$(facts dir)" = "$APPS/web/sub" &&
	test "$(facts greeting)" = hello &&
	test "$(facts fromfile)" = "from the file" &&
	test "$(facts nofile)" = 77 &&
	test "$(facts core)" = 0 &&
	test "$(facts app)" = web &&
	daemonctl stop web >/dev/null
'

test_expect_success 'the same from the configuration; --clear-env' '
	rm -f "$LOGS/web/out.log" &&
	daemonctl config set web process.nice=3 env.GREETING=configured clear_env=true &&
	daemonctl start web >/dev/null &&
	test_wait_for "test \"\$(facts ready)\" = yes" &&
	test "$(facts nice)" = 3 &&
	test "$(facts greeting)" = configured &&
	test "$(facts app)" = "" &&
	daemonctl stop web >/dev/null &&
	daemonctl config set web clear_env=false
'

test_expect_success 'a run option overrides the config for that run only' '
	rm -f "$LOGS/web/out.log" &&
	daemonctl start web --nice 9 >/dev/null &&
	test_wait_for "test \"\$(facts ready)\" = yes" &&
	test "$(facts nice)" = 9 &&
	test_grep -- "--nice 9" "$RUN/web/chain" &&
	daemonctl stop web >/dev/null &&
	rm -f "$LOGS/web/out.log" &&
	daemonctl start web >/dev/null &&
	test_wait_for "test \"\$(facts ready)\" = yes" &&
	test "$(facts nice)" = 3 &&
	daemonctl stop web >/dev/null
'

test_expect_success UNSHARE 'sandbox: --no-network, --readonly-paths' '
	rm -f "$LOGS/web/out.log" &&
	mkdir -p /srv &&
	daemonctl start web --no-network --readonly-paths /srv >/dev/null &&
	test_wait_for "test \"\$(facts ready)\" = yes" &&
	test "$(facts ifaces)" = "lo " &&
	test "$(facts ro)" = read-only &&
	daemonctl stop web >/dev/null
'

# The app directory may live under /tmp (a checkout in /tmp): daemonrun
# holds it and the app across the mounts.
test_expect_success UNSHARE 'sandbox: --private-tmp' '
	rm -f "$LOGS/web/out.log" &&
	daemonctl start web --private-tmp >/dev/null &&
	test_wait_for "test \"\$(facts ready)\" = yes" &&
	test "$(facts tmp)" = 0 &&
	daemonctl stop web >/dev/null
'

test_expect_success MEMLIMIT '--memory-limit: an app over it is killed and restarted' '
	mkapp fat tk-hog -m 256M &&
	daemonctl start fat --memory-limit 64M --wait 0 >/dev/null 2>&1;
	test_wait_for "test \"\$(skey fat restarts)\" -ge 1" 30 &&
	test_grep "exit pid=[0-9]* code=137" "$LOGS/fat/events.log" &&
	daemonctl stop fat >/dev/null
'

test_expect_success 'limits.timeout: each run is stopped after it, then restarted' '
	mkapp slow sleep 7008002 &&
	daemonctl start slow --timeout 300ms --wait 0 >/dev/null &&
	test_wait_for "test \"\$(skey slow restarts)\" -ge 2" 30 &&
	test_grep "warn timeout pid=" "$LOGS/slow/events.log" &&
	daemonctl stop slow >/dev/null
'

test_expect_success 'stop_signal and kill_timeout: a stubborn app is killed' '
	mkapp stub sh -c "trap \"echo got INT\" INT; trap \"\" TERM; echo ready; while :; do sleep 1; done" &&
	daemonctl start stub --stop-signal INT --kill-timeout 3s >/dev/null &&
	test_wait_for "daemonctl logs stub --stdout | grep -q ready" &&
	daemonctl stop stub >out &&
	test_grep "^stub: stopped (signal KILL)$" out &&
	daemonctl logs stub --stdout >log &&
	test_grep "^got INT$" log &&
	test_grep "warn kill .*reason=kill-timeout" "$LOGS/stub/events.log"
'

test_expect_success 'watch.files: a change restarts the app' '
	mkapp w sleep 7008003 &&
	echo 1 >"$APPS/w/conf.ini" &&
	daemonctl start w --watch conf.ini --reload-interval 100ms >/dev/null &&
	pid=$(apppid w) &&
	echo 2 >"$APPS/w/conf.ini" &&
	test_wait_for "test \"\$(skey w restarts)\" = 1 && test \"\$(skey w state)\" = up" 20 &&
	test_grep "info watch file=$APPS/w/conf.ini" "$LOGS/w/events.log" &&
	! test_alive $pid &&
	daemonctl stop w >/dev/null
'

test_expect_success 'logging options reach teelog: rotation and timestamps' '
	mkapp chat sh -c "i=0; while [ \$i -lt 200 ]; do echo line \$i padded to forty bytes...; i=\$((i+1)); done; exec sleep 7008004" &&
	daemonctl start chat --config-override logging.max_size=2K \
		--config-override logging.max_count=3 \
		--config-override logging.timestamps=unix >/dev/null &&
	test_wait_for "daemonctl logs chat | grep -q \"^line 199 \"" 20 &&
	test "$(ls "$LOGS/chat" | grep -c "^out.log\.")" = 3 &&
	head -1 "$LOGS/chat/out.log" | grep -q "^[0-9]*\.[0-9]\{6\} line " &&
	daemonctl stop chat >/dev/null
'

test_done
