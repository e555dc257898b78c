#!/bin/sh
test_description='daemonrun as PID 1 in a new PID namespace (a container init)'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"


test_expect_success PIDNS 'as PID 1 it always supervises: CMD is pid 2, its child' '
	unshare -p -f --mount-proc daemonrun -- sh -c "echo \$\$ \$PPID" >out &&
	echo "2 1" >expect &&
	test_cmp expect out
'

test_expect_success PIDNS 'the exit status is CMD status' '
	test_expect_code 7 unshare -p -f --mount-proc daemonrun -- sh -c "exit 7"
'

test_expect_success PIDNS 'orphaned zombies are reaped' '
	cat >zombies <<-\EOF &&
	#!/bin/sh
	# Orphans: their parent subshell exits at once, they die soon after.
	(sleep 0.1 &); (sleep 0.2 &); (sleep 0.3 &)
	i=0
	while [ $i -lt 500 ]; do
		ps -eo stat=,args= >ps.now
		if ! grep -q "sleep 0\.[123]" ps.now && ! grep -q "^Z" ps.now; then
			echo clean; exit 0
		fi
		i=$((i + 1)); sleep 0.02
	done
	echo zombies; cat ps.now; exit 1
	EOF
	chmod +x zombies &&
	unshare -p -f --mount-proc daemonrun -l ev.log --log-level debug -- ./zombies >out &&
	test_grep ^clean out &&
	test "$(grep -c "debug reap pid=" ev.log)" = 3
'

test_expect_success PIDNS 'TERM is forwarded and ends CMD and daemonrun' '
	test_bg unshare -p -f --mount-proc daemonrun -- tk-sigrec sigs USR1 &&
	u=$TEST_BG_PID &&
	test_wait_for "grep -q ready sigs" &&
	test "$(sed -n "s/^ready //p" sigs)" = 2 &&
	init=$(pgrep -P $u) &&
	kill -USR1 $init &&
	test_wait_for "grep -q ^USR1 sigs" &&
	kill -TERM $init &&
	test_wait_for "! test_alive $u" &&
	wait $u &&
	grep -q ^TERM sigs
'

test_expect_success PIDNS 'adopted descendants are stopped too, daemonrun exits' '
	test_bg unshare -p -f --mount-proc daemonrun -k 300ms -l ev.log -- \
		sh -c "setsid sh -c \"trap \\\"\\\" TERM; echo \\\$\\\$ >esc; exec sleep 1000\" & trap \"\" TERM; sleep 1000" &&
	u=$TEST_BG_PID &&
	test_wait_for "test -s esc" &&
	init=$(pgrep -P $u) &&
	kill -TERM $init &&
	test_wait_for "! test_alive $u" &&
	wait $u; test $? = 137 &&
	test_grep "warn kill pid=2 pgid=2 reason=kill-timeout" ev.log
'

test_done
