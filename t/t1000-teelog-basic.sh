#!/bin/sh
test_description='teelog: both forms, pass-through, exit status, usage'
. "${0%/*}/lib.sh"

test_expect_success 'stdin form: copies stdin to FILE and to stdout' '
	printf "one\ntwo\n" >expect &&
	printf "one\ntwo\n" | teelog out.log >pass &&
	test_cmp expect out.log &&
	test_cmp expect pass
'

test_expect_success 'stdin form: appends to an existing file' '
	printf "three\n" | teelog out.log >/dev/null &&
	printf "one\ntwo\nthree\n" >expect &&
	test_cmp expect out.log
'

test_expect_success 'stdin form from a regular file (no pipe)' '
	seq 1 1000 >in &&
	teelog file.log <in >pass &&
	test_cmp in file.log && test_cmp in pass
'

test_expect_success '--quiet: nothing passed through' '
	echo hi | teelog -q q.log >pass &&
	test_must_fail test -s pass &&
	echo hi >expect && test_cmp expect q.log &&
	echo ho | teelog --quiet q2.log >pass &&
	test_must_fail test -s pass
'

test_expect_success 'command form: stdout and stderr to their files and through' '
	teelog o.log e.log -- sh -c "echo out; echo err >&2" >pass.out 2>pass.err &&
	echo out >expect.out && echo err >expect.err &&
	test_cmp expect.out o.log && test_cmp expect.err e.log &&
	test_cmp expect.out pass.out && test_cmp expect.err pass.err
'

test_expect_success 'command form without ERR.log: both streams in OUT.log' '
	teelog both.log -- sh -c "echo out; echo err >&2; echo out2" >pass.out 2>pass.err &&
	sort both.log >got && printf "err\nout\nout2\n" >expect && test_cmp expect got &&
	printf "out\nout2\n" >expect && test_cmp expect pass.out &&
	echo err >expect && test_cmp expect pass.err
'

test_expect_success 'ERR.log naming the same file as OUT.log: one log' '
	teelog same.log ./same.log -- sh -c "echo a; echo b >&2" >/dev/null 2>&1 &&
	test_line_count = 2 same.log
'

test_expect_success 'merged streams keep lines whole' '
	cat >mix.sh <<-\EOF &&
	i=0
	while [ $i -lt 300 ]; do
		printf "out-%d-aaaaaaaaaaaaaaaaaaaa" $i; printf "bbbbbbbbbbbbbbbb\n"
		printf "err-%d-cccccccccccccccccccc" $i >&2; printf "dddddddddddddddd\n" >&2
		i=$((i + 1))
	done
	EOF
	TEELOG_HOLD=30s teelog -q mix.log -- sh mix.sh &&
	test_line_count = 600 mix.log &&
	test_must_fail grep -v -E "^(out-[0-9]+-a{20}b{16}|err-[0-9]+-c{20}d{16})\$" mix.log
'

test_expect_success 'merged streams: a line waits for its end while the other stream writes' '
	cat >wait.sh <<-\EOF &&
	printf "out-start "
	echo err-line >&2
	i=0
	while ! grep -q err-line w.log; do sleep 0.02; i=$((i + 1)); [ $i -lt 1000 ] || exit 1; done
	echo out-end
	EOF
	TEELOG_HOLD=30s teelog -q w.log -- sh wait.sh &&
	printf "err-line\nout-start out-end\n" >expect &&
	test_cmp expect w.log
'

test_expect_success 'merged streams: an unterminated line is written after TEELOG_HOLD' '
	cat >hold.sh <<-\EOF &&
	printf "prompt> "
	i=0
	while ! grep -q "prompt> " h.log; do sleep 0.02; i=$((i + 1)); [ $i -lt 1000 ] || exit 1; done
	echo answer
	EOF
	TEELOG_HOLD=50ms teelog -q h.log -- sh hold.sh &&
	echo "prompt> answer" >expect &&
	test_cmp expect h.log
'

test_expect_success 'exit status of the command is teelog'"'"'s' '
	test_expect_code 0 teelog s.log -- true &&
	test_expect_code 1 teelog s.log -- false &&
	test_expect_code 42 teelog s.log -- sh -c "exit 42"
'

test_expect_success 'a command killed by signal N: 128+N' '
	test_expect_code 137 teelog s.log -- sh -c "kill -KILL \$\$" &&
	test_expect_code 143 teelog s.log -- sh -c "kill -TERM \$\$"
'

test_expect_success 'the command keeps teelog'"'"'s stdin' '
	echo from-stdin | teelog in.log -- cat >/dev/null &&
	echo from-stdin >expect && test_cmp expect in.log
'

test_expect_success 'command not found: 127, one line' '
	test_expect_code 127 teelog nf.log -- no-such-command-xyz 2>err &&
	test_line_count = 1 err &&
	test_grep "teelog: fatal: unable to run no-such-command-xyz: No such file" err
'

test_expect_success 'command not executable: 126, one line' '
	echo "echo hi" >noexec && chmod 644 noexec &&
	test_expect_code 126 teelog ne.log -- ./noexec 2>err &&
	test_line_count = 1 err &&
	test_grep "teelog: fatal: unable to run ./noexec: Permission denied" err
'

test_expect_success 'a log that cannot be opened: 111 before the command starts' '
	test_expect_code 111 teelog no/such/dir/out.log -- touch started 2>err &&
	test_path_is_missing started &&
	test_line_count = 1 err &&
	test_grep "teelog: fatal: unable to open no/such/dir/out.log: No such file or directory" err &&
	test_expect_code 111 teelog ok.log no/such/dir/err.log -- touch started 2>err &&
	test_path_is_missing started &&
	test_grep "unable to open no/such/dir/err.log" err
'

test_expect_success 'stdin form: unopenable FILE is 111' '
	echo x | test_expect_code 111 teelog no/such/dir/out.log 2>err &&
	test_line_count = 1 err
'

test_expect_success 'a log held by another teelog is refused (111)' '
	mkfifo hold.fifo &&
	{ teelog held.log <hold.fifo >/dev/null & } &&
	pid=$! &&
	exec 9>hold.fifo &&
	echo first >&9 &&
	test_wait_for "test -s held.log" &&
	test_expect_code 111 teelog held.log -- touch started 2>err &&
	test_path_is_missing started &&
	test_grep "in use by another writer" err &&
	exec 9>&- &&
	wait $pid
'

test_expect_success 'usage errors: 100 and exactly one line' '
	for args in "" "--bogus x.log" "-s" "-s 0 x.log" "-s 10Q x.log" \
		"-a soon x.log" "-a 0 x.log" "-n -1 x.log" "-n many x.log" \
		"--timestamps=iso x.log" "--line-max 0 x.log" "--mode 999 x.log" \
		"--compress= x.log" "x.log y.log" "x.log y.log z" "x.log --" \
		"x.log y.log --" "x.log -q -- true" "--quiet=1 x.log" \
		"-t=utc x.log"; do
		test_expect_code 100 teelog $args </dev/null >out 2>err || {
			echo "args: $args"; exit 1; }
		test_line_count = 1 err || { echo "args: $args"; cat err; exit 1; }
		test_must_fail test -s out || exit 1
		grep -q "^teelog: \(usage\|fatal\): " err || { cat err; exit 1; }
	done &&
	test_path_is_missing x.log
'

test_expect_success 'a bad value names the option and the value' '
	test_expect_code 100 teelog -s 12X x.log 2>err &&
	test_grep "bad --max-size .12X." err &&
	TEELOG_HOLD=never test_expect_code 100 teelog x.log 2>err </dev/null &&
	test_grep "bad TEELOG_HOLD" err &&
	test_path_is_missing x.log
'

test_expect_success '--help and --version' '
	teelog --help >out && test_grep "usage: teelog" out &&
	test_grep -- "--no-signal-forward" out &&
	teelog --version >out && test_grep "^teelog [0-9]" out
'

test_expect_success 'options after OUT.log are not options' '
	test_expect_code 100 teelog x.log -t -- true 2>err &&
	test_grep "options come before OUT.log" err
'

test_expect_success '--mode sets the mode of created files, umask aside' '
	(umask 077 && echo a | teelog m1.log >/dev/null) &&
	test "$(stat -c %a m1.log)" = 640 &&
	echo a | teelog --mode 0604 m2.log >/dev/null &&
	test "$(stat -c %a m2.log)" = 604 &&
	chmod 600 m2.log && echo b | teelog --mode 0644 m2.log >/dev/null &&
	test "$(stat -c %a m2.log)" = 600
'

test_expect_success '--mode applies to rotated and compressed files' '
	seq 1 2000 | teelog -q --mode 0600 -s 2K -z mz.log &&
	for f in mz.log*; do
		test "$(stat -c %a "$f")" = 600 || { echo "$f"; exit 1; }
	done
'

test_expect_success 'closed stdout: no pass-through, logging goes on' '
	teelog c.log -- echo hello >&- &&
	echo hello >expect && test_cmp expect c.log
'

test_expect_success 'stdout to a closed pipe: one warning, logging goes on' '
	teelog p.log -- sh -c "echo first; sleep 0.2; seq 1 20000" 2>err | head -c 1 >/dev/null &&
	test_line_count = 20001 p.log &&
	test "$(grep -c "unable to pass output through to stdout" err)" = 1
'

test_done
