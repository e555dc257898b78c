#!/bin/sh
test_description='daemonrun event lines: --log, --log-level, --utc, --syslog, --stdout, --stderr'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"


ts='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}'

test_expect_success 'event lines on stderr by default, in the OVERVIEW format' '
	daemonrun -A -- sh -c "exit 2" 2>err; test $? = 2 &&
	test_grep -E "^$ts\+00:00 daemonrun\[[0-9]+\]: info start pid=[0-9]+ cmd=\"sh -c exit 2\"$" err &&
	test_grep -E "^$ts\+00:00 daemonrun\[[0-9]+\]: info exit pid=[0-9]+ code=2 uptime=[0-9.]+m?s$" err &&
	test_line_count = 2 err
'

test_expect_success 'a bare command is not quoted' '
	daemonrun -A -- true 2>err &&
	test_grep "info start pid=[0-9]* cmd=true$" err
'

test_expect_success '--log FILE appends there, nothing on stderr' '
	echo "earlier line" >ev.log &&
	daemonrun -l ev.log -- true 2>err &&
	! test -s err &&
	test "$(head -1 ev.log)" = "earlier line" &&
	test_grep " info start pid=" ev.log
'

test_expect_success '--log-level: warn hides info, debug shows more' '
	rm -f ev.log &&
	daemonrun -l ev.log --log-level warn --timeout 100ms -- sleep 1000; test $? = 124 &&
	! grep " info " ev.log &&
	test_grep " warn timeout " ev.log &&
	rm -f ev.log &&
	daemonrun -l ev.log --log-level debug -- true &&
	test_grep " debug finish code=0" ev.log
'

test_expect_success 'timestamps: local offset, or UTC with --utc' '
	TZ=Asia/Tokyo daemonrun -A -- true 2>err &&
	test_grep -E "^$ts\+09:00 daemonrun" err &&
	TZ=Asia/Tokyo daemonrun -A --utc -- true 2>err &&
	test_grep -E "^${ts}Z daemonrun" err
'

test_expect_success '--stdout and --stderr: CMD output appended, events apart' '
	echo old >out.txt &&
	daemonrun --restart on-failure --restart-delay 0 -l ev.log \
		--stdout out.txt --stderr err.txt -- \
		sh -c "echo o; echo e >&2; [ -f once ] || { touch once; exit 1; }" &&
	printf "%s\n" old o o >expect && test_cmp expect out.txt &&
	printf "%s\n" e e >expect && test_cmp expect err.txt
'

test_expect_success ROOT,UNSHARE_MOUNT,PYTHON '--syslog sends the events to syslog' '
	cat >listen.py <<-\EOF &&
	import socket, sys, time
	s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
	s.bind(sys.argv[1])
	s.settimeout(20)
	with open(sys.argv[2], "a") as out:
	    for i in range(2):
	        out.write(s.recv(4096).decode() + "\n")
	        out.flush()
	EOF
	cat >inns <<-\EOF &&
	set -e
	mkdir -p newdev
	mount -t tmpfs tmpfs newdev
	touch newdev/null
	mount --bind /dev/null newdev/null
	python3 listen.py newdev/log syslog.out &
	i=0; while [ ! -S newdev/log ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i+1)); done
	mount --bind newdev /dev
	daemonrun --syslog -- sh -c "exit 4" 2>err || echo "code $?" >code
	wait
	EOF
	unshare -m sh inns &&
	! test -s err &&
	echo "code 4" >expect && test_cmp expect code &&
	test_grep -E "^<30>.*daemonrun\[[0-9]+\]: info start pid=[0-9]+ cmd=\"sh -c exit 4\"" syslog.out &&
	test_grep -E "daemonrun\[[0-9]+\]: info exit pid=[0-9]+ code=4" syslog.out
'

test_done
