#!/bin/sh
test_description='healthcheck --pid and --pid-file, with CPU and RSS thresholds'
. "${0%/*}/lib.sh"

test_expect_success '--pid: a live process is OK, a dead one CRITICAL' '
	sleep 1000 &
	pid=$! &&
	test_when_finished "kill $pid 2>/dev/null" &&
	healthcheck --pid $pid >out &&
	test_grep "^HEALTHCHECK OK - pid $pid alive$" out &&
	kill $pid && wait $pid;
	test_expect_code 2 healthcheck --pid $pid >out &&
	test_grep "^HEALTHCHECK CRITICAL - pid $pid is not running$" out
'

test_expect_success LINUX,PYTHON '--pid: a zombie is not alive' '
	python3 -c "import os, time
pid = os.fork()
if pid == 0:
    os._exit(0)
open(\"z.pid\", \"w\").write(str(pid))
time.sleep(1000)" &
	parent=$! &&
	test_when_finished "kill $parent 2>/dev/null" &&
	test_wait_for "test -s z.pid" &&
	z=$(cat z.pid) &&
	test_wait_for "ps -o stat= -p $z | grep -q Z" &&
	test_expect_code 2 healthcheck --pid $z >out &&
	test_grep "is not running" out
'

test_expect_success '--pid-file: locked is alive; killed, the file is stale' '
	test_bg tk-lockpid app.pid app.ready &&
	holder=$TEST_BG_PID &&
	test_wait_for "test -f app.ready" &&
	healthcheck --pid-file app.pid >out &&
	test_grep "^HEALTHCHECK OK - pid $holder (app.pid) alive$" out &&
	kill -KILL $holder && wait $holder;
	test_path_is_file app.pid &&
	test_expect_code 2 healthcheck --pid-file app.pid >out &&
	test_grep "^HEALTHCHECK CRITICAL - pid file app.pid is stale: no process holds its lock (it names pid $holder)$" out
'

test_expect_success '--pid-file: a file written without a lock is stale even if the pid lives' '
	echo $$ >plain.pid &&
	test_expect_code 2 healthcheck --pid-file plain.pid >out &&
	test_grep "is stale" out &&
	healthcheck --pid "$(cat plain.pid)" >out &&
	test_grep "^HEALTHCHECK OK - pid $$ alive" out
'

test_expect_success '--pid-file: a missing file is CRITICAL' '
	test_expect_code 2 healthcheck --pid-file none.pid >out &&
	test_grep "^HEALTHCHECK CRITICAL - pid file none.pid: no such file$" out
'

test_expect_success LINUX '--rss-max and --rss-warn' '
	test_bg tk-hog -m 40M -r hog.ready &&
	hog=$TEST_BG_PID &&
	test_wait_for "test -f hog.ready" &&
	healthcheck --pid $hog --rss-max 200M >out &&
	test_grep "^HEALTHCHECK OK - pid $hog alive, rss [0-9.]*MiB | rss=[0-9]*B;;209715200;0$" out &&
	test_expect_code 2 healthcheck --pid $hog --rss-max 20M >out &&
	test_grep "^HEALTHCHECK CRITICAL - pid $hog alive, rss [0-9.]*MiB over 20.0MiB" out &&
	test_expect_code 1 healthcheck --pid $hog --rss-warn 20M --rss-max 200M >out &&
	test_grep "^HEALTHCHECK WARNING - .* over warning 20.0MiB | rss=[0-9]*B;20971520;209715200;0$" out
'

test_expect_success LINUX '--tree sums the descendants' '
	test_bg tk-hog -m 30M -f 2 -r tree.ready &&
	root=$TEST_BG_PID &&
	test_wait_for "test -f tree.ready" &&
	healthcheck --pid $root --rss-max 50M >out &&
	test_grep "^HEALTHCHECK OK" out &&
	test_wait_for "test \$(pgrep -P $root | wc -l) = 2" &&
	test_expect_code 2 healthcheck --pid $root --tree --rss-max 50M >out &&
	test_grep "^HEALTHCHECK CRITICAL - pid $root alive with 3 processes, rss" out
'

test_expect_success LINUX '--cpu-max: a busy process over the limit, an idle one under' '
	test_bg tk-hog -c -r spin.ready &&
	spin=$TEST_BG_PID &&
	test_wait_for "test -f spin.ready" &&
	test_expect_code 2 healthcheck --pid $spin --cpu-max 0.5 --sample 1s >out &&
	test_grep "^HEALTHCHECK CRITICAL - pid $spin alive, cpu [0-9.]*% over 0.5% | cpu=[0-9.]*%;;0.5;0$" out
'

test_expect_success LINUX '--cpu-max: an idle process is under it' '
	sleep 1000 &
	idle=$! &&
	test_when_finished "kill $idle" &&
	healthcheck --pid $idle --cpu-max 50 --cpu-warn 40 --sample 200ms >out &&
	test_grep "^HEALTHCHECK OK - pid $idle alive, cpu 0.0% | cpu=0.0%;40.0;50.0;0$" out
'

test_expect_success LINUX '--cpu-warn alone gives WARNING' '
	test_expect_code 1 healthcheck --pid $spin --cpu-warn 0.5 --sample 1s >out &&
	test_grep "^HEALTHCHECK WARNING - .*over warning 0.5%" out
'

test_expect_success LINUX '--tree --cpu-max counts busy children' '
	test_bg tk-hog -f 1 -C -r kids.ready &&
	k=$TEST_BG_PID &&
	test_wait_for "test -f kids.ready" &&
	healthcheck --pid $k --cpu-max 0.5 --sample 1s >out &&
	test_grep "^HEALTHCHECK OK - pid $k alive, cpu 0.0%" out &&
	test_expect_code 2 healthcheck --pid $k --tree --cpu-max 0.5 --sample 1s >out &&
	test_grep "^HEALTHCHECK CRITICAL - pid $k alive with 2 processes, cpu [0-9.]*% over 0.5%" out
'

test_expect_success 'a process that is gone during the CPU sample is CRITICAL' '
	sh -c "sleep 0.3" &
	p=$! &&
	test_expect_code 2 healthcheck --pid $p --cpu-max 90 --sample 3s >out &&
	test_grep "CRITICAL - pid $p" out
'

test_done
