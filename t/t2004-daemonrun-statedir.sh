#!/bin/sh
test_description='daemonrun --state-dir: control FIFO, status file, lock, recovery'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"

# ctl LETTERS: write to the control FIFO (never blocks: it has a reader).
ctl() { printf "%s" "$1" >sd/control; }

test_expect_success 'the state dir: FIFO, lock, status with every key' '
	dr --state-dir sd -l ev.log -- sleep 1000 &&
	test_wait_for "test \"\$(key state)\" = up" &&
	test -p sd/control &&
	test "$(stat -c %a sd/control)" = 600 &&
	test -f sd/lock &&
	cut -d= -f1 sd/status >keys &&
	printf "%s\n" state want pid pgid since started restarts last_exit \
		supervisor_pid pid_start stop_signal reload_signal >expect &&
	test_cmp expect keys &&
	test "$(key want)" = up &&
	test "$(key supervisor_pid)" = $DR &&
	pid=$(key pid) &&
	test "$(ps -o ppid= -p $pid | tr -d " ")" = $DR &&
	test "$(key pgid)" = $pid &&
	test "$(key restarts)" = 0 &&
	test "$(key last_exit)" = "" &&
	test "$(key pid_start)" = "$(cut -d")" -f2 /proc/$pid/stat | cut -d" " -f21)" &&
	key since | grep -q "^[0-9]*\.[0-9][0-9][0-9]$"
'

test_expect_success 'a second supervisor on the same dir: 111, names the first' '
	test_expect_code 111 daemonrun --state-dir sd -- true 2>err &&
	test_line_count = 1 err &&
	test_grep "^daemonrun: fatal: unable to lock sd/lock: supervisor already running (pid $DR)$" err
'

test_expect_success 't restarts CMD when want=up' '
	old=$(key pid) &&
	ctl t &&
	test_wait_for "test \"\$(key pid)\" != $old && test \"\$(key pid)\" != 0 && test \"\$(key state)\" = up" &&
	! test_alive $old &&
	test "$(key restarts)" = 1 &&
	test "$(key last_exit)" = "signal TERM" &&
	test_grep "info control cmd=t" ev.log
'

test_expect_success 'd stops CMD and it stays down' '
	old=$(key pid) &&
	ctl d &&
	test_wait_for "test \"\$(key state)\" = down" &&
	test "$(key want)" = down &&
	test "$(key pid)" = 0 &&
	! test_alive $old &&
	test_alive $DR &&
	test "$(pgrep -P $DR | wc -l)" = 0
'

test_expect_success 'u starts it again' '
	ctl u &&
	test_wait_for "test \"\$(key state)\" = up" &&
	test "$(key want)" = up &&
	test_alive "$(key pid)"
'

test_expect_success 'unknown bytes are warned about and ignored; newlines silently' '
	ctl "Z
" &&
	test_wait_for "grep -q \"warn control unknown=Z\" ev.log" &&
	test_alive "$(key pid)" &&
	! grep "unknown=\"\\\\n\"" ev.log
'

test_expect_success 'x stops CMD and exits once it is down, with its status' '
	pid=$(key pid) &&
	ctl x &&
	finished &&
	test $code = 143 &&
	! test_alive $pid &&
	test "$(key state)" = down &&
	test "$(key pid)" = 0
'

test_expect_success 'the signal letters reach CMD: h i q 1 2 a c, p stops, k kills' '
	rm -rf sd sigs &&
	dr --state-dir sd -k 300ms -- tk-sigrec -k sigs HUP INT QUIT USR1 USR2 ALRM CONT &&
	test_wait_for "grep -q ready sigs" &&
	for l in h:HUP i:INT q:QUIT 1:USR1 2:USR2 a:ALRM c:CONT; do
		ctl ${l%:*} &&
		test_wait_for "grep -q ^${l#*:}\$ sigs" || return 1
	done &&
	pid=$(key pid) &&
	ctl p &&
	test_wait_for "ps -o stat= -p $pid | grep -q T" &&
	ctl c &&
	test_wait_for "ps -o stat= -p $pid | grep -qv T" &&
	ctl k &&
	test_wait_for "test \"\$(key last_exit)\" = \"signal KILL\"" &&
	test_wait_for "test \"\$(key state)\" = up" &&
	test "$(key pid)" != $pid &&
	ctl x && finished
'

test_expect_success 'with a state dir the default policy is always' '
	rm -rf sd runs &&
	dr --state-dir sd --restart-delay 0 -- sh -c "echo run >>runs" &&
	test_wait_for "test -f runs && test \$(wc -l <runs) -ge 3" &&
	ctl x && finished
'

test_expect_success '--restart no with a state dir: CMD ends, daemonrun stays down' '
	rm -rf sd &&
	dr --state-dir sd --restart no -- sh -c "exit 6" &&
	test_wait_for "test \"\$(key last_exit)\" = \"exit 6\"" &&
	test_wait_for "test \"\$(key state)\" = down" &&
	test_alive $DR &&
	ctl x && finished &&
	test $code = 6
'

test_expect_success 'o runs CMD once' '
	rm -rf sd runs &&
	dr --state-dir sd --restart-delay 0 -- sh -c "echo run >>runs; exit 0" &&
	test_wait_for "test -f runs" &&
	ctl d &&
	test_wait_for "test \"\$(key want)\" = down && test \"\$(key state)\" = down" &&
	n=$(wc -l <runs) &&
	ctl o &&
	test_wait_for "test \$(wc -l <runs) = $((n + 1))" &&
	# the status may be written after CMD has run: both at once
	test_wait_for "test \"\$(key want)\" = once && test \"\$(key state)\" = down" &&
	test $(wc -l <runs) = $((n + 1)) &&
	ctl x && finished
'

test_expect_success 'd stops the whole group' '
	rm -rf sd gc &&
	dr --state-dir sd -k 300ms -- sh -c "trap \"\" TERM; sleep 1000 & echo \$! >gc; wait" &&
	test_wait_for "test -s gc" &&
	ctl d &&
	test_wait_for "test \"\$(key state)\" = down" &&
	! test_alive $(cat gc) &&
	ctl x && finished
'

test_expect_success 't restarts do not count towards --max-restarts' '
	rm -rf sd &&
	dr --state-dir sd --max-restarts 1 -- sleep 1000 &&
	test_wait_for "test \"\$(key state)\" = up" &&
	for i in 1 2 3; do
		old=$(key pid) && ctl t &&
		test_wait_for "test \"\$(key pid)\" != $old && test \"\$(key state)\" = up" || return 1
	done &&
	test "$(key restarts)" = 3 &&
	ctl x && finished
'

test_expect_success 'the status file is never seen half-written' '
	rm -rf sd &&
	dr --state-dir sd --restart-delay 0 -- true &&
	test_wait_for "test -f sd/status" &&
	i=0 &&
	while [ $i -lt 300 ]; do
		cat sd/status >snap &&
		test_grep -q "^state=" snap && test_grep -q "^reload_signal=" snap || return 1
		i=$((i + 1))
	done &&
	ctl x && finished
'

test_expect_success 'SIGKILL to daemonrun: the next one recovers the dir and the orphaned group' '
	rm -rf sd gc &&
	dr --state-dir sd -k 300ms -- sh -c "trap \"\" TERM; sleep 1000 & echo \$! >gc; wait" &&
	test_wait_for "test -s gc && test \"\$(key state)\" = up" &&
	old=$(key pid) gc=$(cat gc) olddr=$DR &&
	kill -KILL $DR &&
	test_wait_for "! test_alive $olddr" &&
	test_alive $old && test_alive $gc &&
	dr --state-dir sd -k 300ms -l ev2.log -- sleep 1000 &&
	test_wait_for "test \"\$(key supervisor_pid)\" = $DR && test \"\$(key state)\" = up" &&
	! test_alive $old && ! test_alive $gc &&
	test "$(key restarts)" = 0 &&
	test_grep "warn orphan pgid=$old supervisor_pid=$olddr signal=TERM" ev2.log &&
	test_grep "warn kill pgid=$old reason=orphan" ev2.log &&
	ctl x && finished
'

test_expect_success LINUX 'a stale status naming some other process group: left alone' '
	rm -rf sd && mkdir sd || return 1
	setsid sh -c "echo \$\$ >other.pid; exec sleep 1000" &
	test_wait_for "test -s other.pid" &&
	other=$(cat other.pid) &&
	test_when_finished "kill $other" &&
	test "$(ps -o pgid= -p $other | tr -d " ")" = $other &&
	printf "state=up\nwant=up\npid=%s\npgid=%s\nsupervisor_pid=99999\npid_start=1\n" $other $other >sd/status &&
	dr --state-dir sd -l ev3.log -- sleep 999 &&
	test_wait_for "test \"\$(key supervisor_pid)\" = $DR && test \"\$(key state)\" = up" &&
	test_alive $other &&
	! grep orphan ev3.log &&
	ctl x && finished
'

test_done
