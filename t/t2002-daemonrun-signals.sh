#!/bin/sh
test_description='daemonrun supervise mode: process group, signals, stopping the whole group'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"

# Every process in process group $1, zombies aside.
group_members() {
	ps -eo pgid=,stat=,pid= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { print $3 }'
}

test_expect_success 'CMD runs in its own process group' '
	daemonrun -A -- sh -c "echo \$\$; ps -o pgid= -p \$\$" >out &&
	set -- $(cat out) &&
	test "$1" = "$2" &&
	test "$2" != "$(ps -o pgid= -p $$ | tr -d " ")"
'

test_expect_success 'the exit status is CMD last status' '
	test_expect_code 5 daemonrun -A -- sh -c "exit 5" &&
	test_expect_code 137 daemonrun -A -- sh -c "kill -KILL \$\$"
'

test_expect_success 'signals are forwarded to CMD once each; TERM stops it' '
	dr -l ev.log -- tk-sigrec sigs HUP USR1 USR2 WINCH QUIT CONT ALRM &&
	test_wait_for "grep -q ready sigs" &&
	for s in USR1 USR2 WINCH QUIT HUP CONT; do
		kill -$s $DR &&
		test_wait_for "grep -q ^$s\$ sigs" || return 1
	done &&
	kill -TERM $DR &&
	finished &&
	test $code = 0 &&
	for s in USR1 USR2 WINCH QUIT HUP TERM; do
		test "$(grep -c "^$s\$" sigs)" = 1 || { cat sigs; return 1; }
	done &&
	# CONT: the forwarded one, and maybe the one that follows the stop
	# signal (when it lands while the TERM handler runs).
	test "$(grep -c "^CONT\$" sigs)" -ge 1 &&
	test_grep "info signal name=USR1 sent=USR1 pgid=" ev.log &&
	test_grep "info signal name=TERM action=stop" ev.log &&
	test_grep "info stop pid=[0-9]* signal=TERM reason=signal" ev.log
'

test_expect_success 'ALRM is not forwarded by default, and does not kill daemonrun' '
	rm -f sigs &&
	dr -l ev.log --log-level debug -- tk-sigrec sigs ALRM USR1 &&
	test_wait_for "grep -q ready sigs" &&
	kill -ALRM $DR &&
	test_wait_for "grep -q \"signal name=ALRM action=ignore\" ev.log" &&
	kill -USR1 $DR &&
	test_wait_for "grep -q ^USR1 sigs" &&
	kill -TERM $DR && finished &&
	! grep ALRM sigs
'

test_expect_success 'HUP is forwarded as the --reload-signal' '
	rm -f sigs &&
	dr --reload-signal USR2 -- tk-sigrec sigs HUP USR2 &&
	test_wait_for "grep -q ready sigs" &&
	kill -HUP $DR &&
	test_wait_for "grep -q ^USR2 sigs" &&
	kill -TERM $DR && finished &&
	! grep HUP sigs
'

test_expect_success '--signal: only the named signals' '
	rm -f sigs &&
	dr -S USR1 -l ev.log --log-level debug -- tk-sigrec sigs USR1 USR2 HUP &&
	test_wait_for "grep -q ready sigs" &&
	kill -USR2 $DR &&
	test_wait_for "grep -q \"name=USR2 action=ignore\" ev.log" &&
	kill -HUP $DR &&
	test_wait_for "grep -q \"name=HUP action=ignore\" ev.log" &&
	kill -USR1 $DR &&
	test_wait_for "grep -q ^USR1 sigs" &&
	kill -TERM $DR && finished &&
	! grep -E "USR2|HUP" sigs
'

test_expect_success '--preserve-signals: these are never forwarded' '
	rm -f sigs &&
	dr --preserve-signals USR1,WINCH -l ev.log --log-level debug -- tk-sigrec sigs USR1 USR2 WINCH &&
	test_wait_for "grep -q ready sigs" &&
	kill -USR1 $DR &&
	test_wait_for "grep -q \"name=USR1 action=ignore\" ev.log" &&
	kill -USR2 $DR &&
	test_wait_for "grep -q ^USR2 sigs" &&
	kill -TERM $DR && finished &&
	! grep -E "USR1|WINCH" sigs
'

test_expect_success '--no-signal-forward: nothing forwarded, TERM still stops CMD' '
	rm -f sigs &&
	dr --no-signal-forward -l ev.log --log-level debug -- tk-sigrec sigs HUP &&
	test_wait_for "grep -q ready sigs" &&
	kill -HUP $DR &&
	test_wait_for "grep -q \"name=HUP action=ignore\" ev.log" &&
	kill -TERM $DR && finished &&
	test $code = 0 &&
	! grep HUP sigs && grep -q ^TERM sigs
'

test_expect_success '--stop-signal (after CONT), then SIGKILL after --kill-timeout' '
	rm -f sigs &&
	dr --stop-signal USR1 -k 300ms -l ev.log -- tk-sigrec -k sigs USR1 CONT &&
	test_wait_for "grep -q ready sigs" &&
	kill -TERM $DR && finished &&
	test $code = 137 &&
	sed -n 2,3p sigs | sort | tr "\n" " " >got &&
	printf "CONT USR1 " >expect && test_cmp expect got &&
	test_grep "info stop pid=[0-9]* signal=USR1 reason=signal" ev.log &&
	test_grep "warn kill pid=[0-9]* pgid=[0-9]* reason=kill-timeout" ev.log &&
	test_grep "info exit pid=[0-9]* signal=KILL" ev.log
'

test_expect_success 'CONT goes out before the stop signal, never after it' '
	command -v strace >/dev/null || { echo "# no strace: skipped"; exit 0; }
	rm -rf sd &&
	ASAN_OPTIONS=detect_leaks=0 strace -e trace=kill -o kills \
		daemonrun --state-dir sd -k 5s -- sleep 1000 2>/dev/null &
	test_wait_for "test \"\$(key state)\" = up" &&
	printf d >sd/control &&
	test_wait_for "test \"\$(key state)\" = down" &&
	printf x >sd/control &&
	{ wait $!; test $? = 143; } &&
	grep -E "^kill\(-[0-9]+, SIG(CONT|TERM)\)" kills >sent &&
	sed "s/^kill(-[0-9]*, \(SIG[A-Z]*\)).*/\1/" sent >got &&
	printf "SIGCONT\nSIGTERM\n" >expect &&
	test_cmp expect got
'

test_expect_success 'INT stops daemonrun too, reaching CMD as INT' '
	rm -f sigs &&
	dr -k 300ms -- tk-sigrec -k sigs INT &&
	test_wait_for "grep -q ready sigs" &&
	kill -INT $DR && finished &&
	test $code = 137 &&
	test "$(grep -c ^INT sigs)" = 1 && ! grep TERM sigs
'

test_expect_success 'TERM to daemonrun: CMD status when it obeys' '
	dr -A -- sleep 1000 &&
	test_wait_for "pgrep -P $DR sleep >/dev/null" &&
	kill -TERM $DR && finished &&
	test $code = 143
'

test_expect_success 'stop leaves nothing of the group, even a grandchild ignoring TERM' '
	dr -k 300ms -- sh -c "trap \"\" TERM; sleep 1000 & echo \$! >gc; echo \$\$ >pg; wait" &&
	test_wait_for "test -s gc && test -s pg" &&
	gc=$(cat gc) pg=$(cat pg) &&
	test_alive $gc &&
	test -n "$(group_members $pg)" &&
	kill -TERM $DR && finished &&
	test $code = 137 &&
	! test_alive $gc &&
	test -z "$(group_members $pg)"
'

test_expect_success 'when CMD exits, what is left of its group is stopped too' '
	rm -f gc pg &&
	dr -k 300ms -l ev.log -- sh -c "trap \"\" TERM; sleep 1000 & echo \$! >gc; echo \$\$ >pg; exit 3" &&
	finished &&
	test $code = 3 &&
	! test_alive $(cat gc) &&
	test -z "$(group_members $(cat pg))" &&
	test_grep "stop pid=0 signal=TERM reason=leftover" ev.log &&
	test_grep "warn kill" ev.log
'

test_expect_success LINUX 'a double-forked descendant (new session) is adopted and stopped' '
	rm -f esc &&
	dr -k 300ms -- sh -c "setsid sh -c \"trap \\\"\\\" TERM; echo \\\$\\\$ >esc; exec sleep 1000\" & sleep 1000" &&
	test_wait_for "test -s esc" &&
	esc=$(cat esc) &&
	test "$(ps -o sid= -p $esc | tr -d " ")" = $esc &&
	kill -TERM $DR && finished &&
	! test_alive $esc
'

test_expect_success LINUX 'a descendant adopted after the kill timeout is killed too' '
	rm -f esc &&
	dr -k 300ms -- sh -c "setsid sh -c \"trap \\\"\\\" TERM; echo \\\$\\\$ >esc; exec sleep 1000\" & trap \"\" TERM; sleep 1000" &&
	test_wait_for "test -s esc" &&
	esc=$(cat esc) &&
	kill -TERM $DR && finished &&
	test $code = 137 &&
	! test_alive $esc
'

test_expect_success LINUX 'a descendant orphaned when CMD exits is reaped, no zombie left' '
	dr -A -l ev.log --log-level debug -- sh -c "(sleep 0.3 &) ; sleep 1; exit 0" &&
	finished &&
	test $code = 0 &&
	test_grep "debug reap pid=" ev.log
'

test_expect_success 'stop with --kill-timeout 0 kills at once' '
	dr -k 0 -- sh -c "trap \"\" TERM; sleep 1000" &&
	test_wait_for "pgrep -P $DR sh >/dev/null" &&
	kill -TERM $DR && finished 5 &&
	test $code = 137
'

test_done
