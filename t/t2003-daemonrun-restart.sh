#!/bin/sh
test_description='daemonrun restart policies, backoff, crash-loop limit'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"

# A command that counts its runs in ./runs and exits with the status
# given for that run (the last one given for later runs).
cat >flaky <<\EOF
#!/bin/sh
echo run >>runs
n=$(wc -l <runs)
eval "code=\${$n:-}"
[ -n "$code" ] || { for c; do code=$c; done; }
exit $code
EOF
chmod +x flaky

runs() { if test -f runs; then wc -l <runs | tr -d " "; else echo 0; fi; }

test_expect_success '--restart no (the default): CMD runs once' '
	rm -f runs &&
	test_expect_code 3 daemonrun -A -- ./flaky 3 &&
	test $(runs) = 1
'

test_expect_success '--restart on-failure: until it succeeds' '
	rm -f runs &&
	daemonrun --restart on-failure --restart-delay 10ms -l ev.log -- ./flaky 1 2 0 &&
	test $(runs) = 3 &&
	test "$(grep -c " info start " ev.log)" = 3 &&
	test_grep "info exit pid=[0-9]* code=2 uptime=" ev.log &&
	test_grep "info restart delay=10ms reason=exit restarts=1" ev.log
'

test_expect_success '--restart on-failure: death by a signal is a failure' '
	rm -f runs &&
	cat >killed <<-\EOF &&
	#!/bin/sh
	echo run >>runs
	[ $(wc -l <runs) -ge 2 ] && exit 0
	kill -KILL $$
	EOF
	chmod +x killed &&
	daemonrun --restart on-failure --restart-delay 0 -- ./killed &&
	test $(runs) = 2
'

test_expect_success '--restart always: even after success, until stopped' '
	rm -f runs ev.log &&
	dr --restart always --restart-delay 0 -l ev.log -- ./flaky 0 &&
	test_wait_for "test \$(runs) -ge 5" &&
	kill -TERM $DR && finished &&
	test "$(grep -c "reason=exit" ev.log)" -ge 4
'

test_expect_success 'the delay doubles up to --restart-max-delay' '
	rm -f runs ev.log &&
	test_expect_code 1 daemonrun --restart always --restart-delay 50ms \
		--restart-max-delay 200ms --max-restarts 5 -l ev.log -- ./flaky 1 &&
	grep -o "info restart delay=[0-9a-z]*" ev.log | cut -d= -f2 >delays &&
	printf "%s\n" 50ms 100ms 200ms 200ms 200ms >expect &&
	test_cmp expect delays &&
	test_grep "warn backoff delay=100ms consecutive=2" ev.log &&
	test_grep "warn backoff delay=200ms consecutive=4" ev.log
'

test_expect_success 'the backoff resets once CMD stayed up --restart-reset' '
	rm -f runs ev.log &&
	cat >slowfail <<-\EOF &&
	#!/bin/sh
	echo run >>runs
	n=$(wc -l <runs)
	[ $n = 3 ] && sleep 1.2
	[ $n = 5 ] && exit 0
	exit 1
	EOF
	chmod +x slowfail &&
	daemonrun --restart on-failure --restart-delay 50ms --restart-reset 1s \
		-l ev.log -- ./slowfail &&
	grep -o "info restart delay=[0-9a-z]*" ev.log | cut -d= -f2 >delays &&
	printf "%s\n" 50ms 100ms 50ms 100ms >expect &&
	test_cmp expect delays
'

test_expect_success '--max-restarts: the next exit gives up, with CMD status' '
	rm -f runs ev.log &&
	test_expect_code 4 daemonrun --restart always --restart-delay 0 \
		--max-restarts 3 -l ev.log -- ./flaky 4 &&
	test $(runs) = 4 &&
	test_grep "error failed restarts=3 window=1m last_exit=\"exit 4\"" ev.log
'

test_expect_success '--max-restarts with a state dir: status failed' '
	rm -f runs &&
	test_expect_code 4 daemonrun --state-dir sd --restart-delay 0 \
		--max-restarts 2 -- ./flaky 4 &&
	test $(runs) = 3 &&
	test_grep "^state=failed$" sd/status &&
	test_grep "^last_exit=exit 4$" sd/status &&
	test_grep "^pid=0$" sd/status
'

test_expect_success '--restart-window: restarts older than the window do not count' '
	rm -f runs &&
	daemonrun --restart on-failure --restart-delay 400ms --restart-max-delay 400ms \
		--max-restarts 1 --restart-window 300ms -- ./flaky 1 1 1 0 &&
	test $(runs) = 4
'

test_expect_success 'a command that vanishes between restarts: 127, no loop' '
	rm -f runs ev.log &&
	printf "#!/bin/sh\necho run >>runs\nrm -f \$0\nexit 1\n" >vanish &&
	chmod +x vanish &&
	test_expect_code 127 daemonrun --restart always --restart-delay 0 \
		--max-restarts 3 -l ev.log -- ./vanish &&
	test $(runs) = 1 &&
	test "$(grep -c "error start error=\"unable to run ./vanish" ev.log)" = 3
'

test_expect_success '100 crash-restart cycles: no zombie, no stray process' '
	rm -f runs &&
	cat >crash <<-\EOF &&
	#!/bin/sh
	echo run >>runs
	sleep 4242.1 &
	[ $(wc -l <runs) -ge 100 ] && { echo $$ >last; exec sleep 4242.2; }
	exit 1
	EOF
	chmod +x crash &&
	dr --restart always --restart-delay 0 --restart-max-delay 0 -k 5s -- ./crash &&
	test_wait_for "test -s last" 60 &&
	test $(runs) = 100 &&
	ps -o pid=,stat= --ppid $DR >kids &&
	test_line_count = 1 kids &&
	! grep " Z" kids &&
	test "$(awk "{print \$1}" kids)" = "$(cat last)" &&
	test "$(pgrep -f "^sleep 4242.1" | wc -l)" -le 1 &&
	kill -TERM $DR && finished &&
	! pgrep -f "^sleep 4242"
'

test_done
