#!/bin/sh
test_description='daemonctl status and list: LSB codes, JSON, resources, process tree, health'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonctl-lib.sh"

test_expect_success 'setup' '
	mkapp web tk-threads -t 3 -f 5 -m 8192 -r ready &&
	cat >"$APPS/web/run" <<-EOT &&
	#!/bin/sh
	rm -f ready
	sleep 7003001 &
	exec tk-threads -t 3 -f 5 -m 8192 -r ready
	EOT
	mkapp idle sleep 7003002
'

test_expect_success 'never started: down, 3' '
	test_expect_code 3 daemonctl status web >out &&
	test_grep "^web: down$" out
'

test_expect_success 'running: up, 0, with the pid of the app itself' '
	daemonctl start web >/dev/null &&
	test_wait_for "test -f \"$APPS/web/ready\"" &&
	daemonctl status web >out &&
	pid=$(apppid web) &&
	test "$(ps -o comm= -p $pid)" = tk-threads &&
	test_grep "^web: up (pid $pid) for [0-9]*s, restarts 0$" out
'

test_expect_success 'several apps: the highest code; no name: all apps' '
	test_expect_code 3 daemonctl status web idle >out &&
	test_line_count = 2 out &&
	test_expect_code 4 daemonctl status web nosuch idle >out &&
	test_grep "^nosuch: unknown (no such app)$" out &&
	test_expect_code 3 daemonctl status >all &&
	test_grep "^idle: down$" all &&
	test_grep "^web: up" all &&
	daemonctl start idle >/dev/null &&
	daemonctl status >all &&
	test_line_count = 2 all
'

test_expect_success '--json' '
	daemonctl status web --json >j &&
	pid=$(apppid web) &&
	test_grep "^\[{\"name\":\"web\",\"state\":\"up\",\"lsb\":0,\"running\":true,\"pid\":$pid,\"supervised_pid\":$(skey web pid),\"supervisor_pid\":$(skey web supervisor_pid),\"daemonctl_pid\":$(cat "$RUN/web/run.pid"),\"want\":\"up\",\"since\":[0-9.]*,\"uptime\":[0-9.]*,\"restarts\":0,\"last_exit\":\"\",\"health\":{\"state\":\"off\"" j &&
	test_expect_code 4 daemonctl status nosuch --json >j &&
	test "$(cat j)" = "[{\"name\":\"nosuch\",\"state\":\"unknown\",\"lsb\":4}]"
'

test_expect_success LINUX '--resources: CPU, RSS, threads and fds of the app and its children' '
	daemonctl status web --resources >out &&
	test_grep "^  resources: cpu [0-9.]*%, rss [0-9.]*M, threads 5, fds [0-9]*$" out &&
	fds=$(sed -n "s/.*fds \([0-9]*\)$/\1/p" out) &&
	test "$fds" -ge 11 &&
	daemonctl status web --resources --json >j &&
	test_grep "\"resources\":{\"cpu_percent\":[0-9.]*,\"rss_bytes\":[0-9]*,\"threads\":5,\"fds\":$fds}" j &&
	rss=$(sed -n "s/.*\"rss_bytes\":\([0-9]*\),\"threads.*/\1/p" j) &&
	test "$rss" -gt 8388608
'

test_expect_success LINUX '-p: the process tree, threads counted, children by parent' '
	daemonctl status web -p >out &&
	runner=$(cat "$RUN/web/run.pid") &&
	sup=$(skey web supervisor_pid) &&
	tee=$(skey web pid) &&
	pid=$(apppid web) &&
	test_grep "^  processes:$" out &&
	test_grep "^    $runner [^ ]*daemonctl run web" out &&
	test_grep "^    └─ $sup [^ ]*daemonrun --state-dir" out &&
	test_grep "^       └─ $tee [^ ]*teelog " out &&
	test_grep "^          └─ $pid tk-threads -t 3 -f 5 -m 8192 -r ready (4 threads)$" out &&
	test_grep "^             └─ [0-9]* sleep 7003001$" out &&
	daemonctl status web -p --json >j &&
	test_grep "\"processes\":{\"pid\":$runner," j &&
	test_grep "\"name\":\"tk-threads\",\"cmdline\":\"tk-threads -t 3 -f 5 -m 8192 -r ready\",\"threads\":4," j
'

test_expect_success LINUX 'a daemonrun staying above the app (CPU limit): still the app'"'"'s pid' '
	mkapp capped sleep 7003003 &&
	daemonctl config set capped limits.cpu_limit=50 &&
	daemonctl start capped >/dev/null &&
	up capped &&
	test "$(hkey capped inner_daemonrun)" = 1 &&
	test "$(hkey web inner_daemonrun)" = 0 &&
	pid=$(apppid capped) &&
	test "$(ps -o args= -p $pid)" = "sleep 7003003" &&
	test "$(ps -o comm= -p $(ps -o ppid= -p $pid))" = daemonrun &&
	test_wait_for "test \"\$(hkey capped app_pid)\" = $pid" &&
	test "$(hkey capped supervised_pid)" = "$(skey capped pid)" &&
	daemonctl status capped >out &&
	test_grep "^capped: up (pid $pid) for [0-9]*s, restarts 0$" out &&
	daemonctl status >all &&
	test_grep "^capped: up (pid $pid) for " all &&
	test_grep "^web: up (pid $(apppid web)) for " all &&
	daemonctl stop capped >/dev/null
'

test_expect_success LINUX 'daemonctl run records the app'"'"'s pid once the chain settles (hook, inner daemonrun)' '
	pid=$(apppid web) &&
	test_wait_for "test \"\$(hkey web app_pid)\" = $pid" &&
	test "$(hkey web supervised_pid)" = "$(skey web pid)" &&
	mkapp hooked sleep 7003004 &&
	printf "#!/bin/sh\nsleep 0.4\n" >"$APPS/hooked/on-start" &&
	chmod +x "$APPS/hooked/on-start" &&
	daemonctl config set hooked process.umask=022 &&
	daemonctl start hooked >/dev/null &&
	test_wait_for "test \"\$(hkey hooked app_pid)\" -gt 0" &&
	test "$(hkey hooked inner_daemonrun)" = 1 &&
	pid=$(hkey hooked app_pid) &&
	test "$(ps -o args= -p $pid)" = "sleep 7003004" &&
	test "$(apppid hooked)" = $pid &&
	daemonctl stop hooked >/dev/null &&
	test "$(hkey hooked app_pid)" = 0
'

test_expect_success LINUX 'a record for another start is not used: status looks in /proc' '
	pid=$(apppid web) &&
	sed -e "s/^app_pid=.*/app_pid=1/" -e "s/^supervised_pid=.*/supervised_pid=99999999/" \
		"$RUN/web/health" >h && mv h "$RUN/web/health" &&
	daemonctl status web >out &&
	test_grep "^web: up (pid $pid) for " out &&
	sed -e "s/^supervised_pid=.*/supervised_pid=$(skey web pid)/" \
		"$RUN/web/health" >h && mv h "$RUN/web/health" &&
	daemonctl status web >out &&
	test_grep "^web: up (pid 1) for " out &&
	sed -e "s/^app_pid=.*/app_pid=$pid/" "$RUN/web/health" >h &&
	mv h "$RUN/web/health"
'

test_expect_success 'all apps: a link to an app directory counts, a file does not' '
	ln -s "$APPS/idle" "$APPS/alias" &&
	echo x >"$APPS/afile" &&
	test_expect_code 3 daemonctl status >all &&
	test_grep "^alias: down$" all &&
	! grep "^afile" all &&
	rm "$APPS/alias" "$APPS/afile"
'

test_expect_success '--health without a check: off' '
	daemonctl status web --health >out &&
	test_grep "^  health: off (no check configured)$" out
'

test_expect_success '--health with a check' '
	printf "#!/bin/sh\necho all good\n" >"$APPS/idle/check" &&
	chmod +x "$APPS/idle/check" &&
	daemonctl config set idle monitoring.check_interval=100ms &&
	daemonctl restart idle >/dev/null &&
	test_wait_for "test \"\$(hkey idle health)\" = healthy" &&
	daemonctl status idle --health >out &&
	test_grep "^idle: up (pid [0-9]*) for [0-9]*s, restarts 0, healthy$" out &&
	test_grep "^  health: healthy for [0-9]*s: all good (failures 0, successes 1; restarts by health 0)$" out &&
	daemonctl status idle --json >j &&
	test_grep "\"health\":{\"state\":\"healthy\",\"summary\":\"all good\"," j
'

test_expect_success 'list: one line per app' '
	daemonctl list >l &&
	test_grep "^idle  *up  *[0-9][0-9]*  *[0-9]*s  *0  *healthy$" l &&
	test_grep "^web  *up  *$(apppid web)  *[0-9]*s  *0  *off$" l &&
	daemonctl list --json >j &&
	test_grep "{\"name\":\"idle\",\"state\":\"up\"" j
'

test_expect_success 'stopped: down, 3, the last exit kept' '
	daemonctl stop web >/dev/null &&
	test_expect_code 3 daemonctl status web >out &&
	test_grep "^web: down, last exit 143$" out
'

test_done
