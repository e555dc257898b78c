#!/bin/sh
test_description='healthcheck --exec and --exec-argv: Nagios plugin codes, timeouts, process groups'
. "${0%/*}/lib.sh"

test_expect_success 'exit 0 is OK, and the plugin text and perfdata pass through' '
	healthcheck --exec "echo \"DISK OK - 40% used | used=40%;80;90;0;100\"" >out &&
	test_grep "^HEALTHCHECK OK - DISK OK - 40% used | time=[0-9.]*s;;;0 used=40%;80;90;0;100$" out
'

test_expect_success 'exit 1 is WARNING, 2 CRITICAL, anything else CRITICAL' '
	test_expect_code 1 healthcheck --exec "echo slow; exit 1" >out &&
	test_grep "^HEALTHCHECK WARNING - slow |" out &&
	test_expect_code 2 healthcheck --exec "echo down; exit 2" >out &&
	test_grep "^HEALTHCHECK CRITICAL - down |" out &&
	test_expect_code 2 healthcheck --exec "echo what; exit 3" >out &&
	test_grep "^HEALTHCHECK CRITICAL - what (exit 3) |" out &&
	test_expect_code 2 healthcheck --exec "exit 42" >out &&
	test_grep "^HEALTHCHECK CRITICAL - .exit 42. exit 42 |" out &&
	test_expect_code 2 healthcheck --exec "kill -KILL \$\$" >out &&
	test_grep "signal KILL" out
'

test_expect_success 'no output: the command and its code' '
	healthcheck --exec true >out &&
	test_grep "^HEALTHCHECK OK - .true. exit 0 |" out
'

test_expect_success 'an existing Nagios-style plugin script works as a check' '
	cat >check_thing <<-\EOF &&
	#!/bin/sh
	# A plugin in the Nagios style: -w and -c thresholds, one line out.
	while getopts w:c: o; do case $o in w) w=$OPTARG ;; c) c=$OPTARG ;; esac; done
	v=$(cat value)
	if [ "$v" -ge "$c" ]; then echo "THING CRITICAL - value $v | value=$v;$w;$c"; exit 2; fi
	if [ "$v" -ge "$w" ]; then echo "THING WARNING - value $v | value=$v;$w;$c"; exit 1; fi
	echo "THING OK - value $v | value=$v;$w;$c"
	echo "a second line is long output, ignored"
	EOF
	chmod +x check_thing &&
	echo 3 >value &&
	healthcheck --exec-argv -- ./check_thing -w 5 -c 8 >out &&
	test_grep "^HEALTHCHECK OK - THING OK - value 3 | time=.* value=3;5;8$" out &&
	echo 6 >value &&
	test_expect_code 1 healthcheck --exec-argv -- ./check_thing -w 5 -c 8 >out &&
	test_grep "^HEALTHCHECK WARNING - THING WARNING - value 6" out &&
	echo 9 >value &&
	test_expect_code 2 healthcheck --exec-argv -- ./check_thing -w 5 -c 8 >out &&
	test_grep "^HEALTHCHECK CRITICAL - THING CRITICAL - value 9" out
'

test_expect_success '--exec-argv passes arguments untouched, no shell' '
	healthcheck --exec-argv -- printf "%s|%s\n" "a b" "\$HOME" >out &&
	test_grep "^HEALTHCHECK OK - a b | time=.* \$HOME$" out
'

test_expect_success '--exec-argv: a missing command is CRITICAL' '
	test_expect_code 2 healthcheck --exec-argv -- ./no-such-plugin >out &&
	test_grep "unable to run ./no-such-plugin: No such file or directory" out
'

test_expect_success 'the check reads /dev/null, not our stdin' '
	echo secret | healthcheck --exec "cat; echo done" >out &&
	test_grep "^HEALTHCHECK OK - done |" out
'

test_expect_success 'several checks: all must pass, perfdata labelled' '
	test_expect_code 1 healthcheck --exec "echo a" --exec "echo b; exit 1" >out &&
	test_grep "^HEALTHCHECK WARNING - a; b | exec_time=.*s;;;0 exec2_time=.*s;;;0$" out &&
	test_expect_code 2 healthcheck --exec "exit 2" --exec "exit 1" >out &&
	test_grep "^HEALTHCHECK CRITICAL" out
'

test_expect_success '--timeout: CRITICAL, and the whole process group is gone' '
	test_expect_code 2 healthcheck --timeout 300ms \
		--exec "sleep 1000 & echo \$! >grandchild.pid; sleep 1000" >out &&
	test_grep "^HEALTHCHECK CRITICAL - timed out after 300ms" out &&
	gc=$(cat grandchild.pid) &&
	! test_alive "$gc" &&
	! ps -eo pid=,args= | grep -v grep | grep "^ *$gc "
'

test_expect_success '--timeout: CONT goes to the group before TERM, never after' '
	command -v strace >/dev/null || { echo "# no strace: skipped"; exit 0; }
	{ ASAN_OPTIONS=detect_leaks=0 strace -e trace=kill -o kills \
		healthcheck --timeout 200ms --exec "sleep 1000" >out; test $? = 2; } &&
	grep -E "^kill\(-[0-9]+, SIG(CONT|TERM)\)" kills |
		sed "s/^kill(-[0-9]*, \(SIG[A-Z]*\)).*/\1/" >got &&
	printf "SIGCONT\nSIGTERM\n" >expect &&
	test_cmp expect got
'

test_expect_success '--timeout: members that ignore TERM get KILL' '
	test_expect_code 2 healthcheck --timeout 200ms \
		--exec "trap \"\" TERM; (trap \"\" TERM; echo \$\$ >/dev/null; exec sleep 1000) & echo \$! >gc.pid; sleep 1000" >out &&
	test_grep "timed out" out &&
	! test_alive "$(cat gc.pid)"
'

test_expect_success 'what a check leaves running in its group is killed when it exits' '
	healthcheck --exec "sleep 1000 & echo \$! >left.pid; echo fine" >out &&
	test_grep "^HEALTHCHECK OK - fine" out &&
	! test_alive "$(cat left.pid)"
'

test_expect_success 'a check that daemonizes out of its group is not our business' '
	healthcheck --exec "setsid sh -c \"echo \\\$\\\$ >away.pid; exec sleep 1000\" >/dev/null 2>&1 &
		until test -s away.pid; do sleep 0.01; done; echo ok" >out &&
	test_when_finished "kill \$(cat away.pid) 2>/dev/null" &&
	test_grep "^HEALTHCHECK OK - ok" out &&
	test_alive "$(cat away.pid)"
'

test_expect_success 'TERM while a check runs: UNKNOWN, and the check is gone' '
	healthcheck --exec "echo \$\$ >check.pid; sleep 1000" >out 2>err &
	hc=$! &&
	test_wait_for "test -s check.pid" &&
	kill -TERM $hc &&
	{ wait $hc; code=$?; } &&
	test $code = 3 &&
	test_grep "^HEALTHCHECK UNKNOWN - interrupted" out &&
	! test_alive "$(cat check.pid)"
'

test_done
