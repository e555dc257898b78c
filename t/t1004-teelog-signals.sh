#!/bin/sh
test_description='teelog: signals forwarded, kept, or acted on'
. "${0%/*}/lib.sh"

# A command that reports each signal it gets on its stdout, writes its
# pid to cmd.pid, and ends when the file stop appears.
test_expect_success 'setup' '
	cat >catcher.sh <<-\EOF
	for s in TERM INT HUP QUIT USR1 USR2 ALRM; do
		trap "echo got $s" $s
	done
	echo $$ >cmd.pid
	echo ready
	while [ ! -f stop ]; do sleep 0.02; done
	echo end
	EOF
'

start() { # start LOG [options]: teelog on catcher.sh in the background
	rm -f stop cmd.pid
	log=$1; shift
	{ teelog "$@" "$log" -- sh catcher.sh >/dev/null 2>teelog.err & } &&
	pid=$! &&
	test_wait_for "grep -q ready $log"
}

finish() { # finish CODE: stop the command, expect teelog to exit with CODE
	touch stop
	wait $pid
	code=$?
	test $code = "$1" || { echo "teelog exited $code, want $1"; cat teelog.err; return 1; }
}

test_expect_success 'TERM INT HUP QUIT USR1 USR2 are forwarded; teelog lives on' '
	start f.log &&
	for s in TERM INT HUP QUIT USR1 USR2; do
		kill -$s $pid &&
		test_wait_for "grep -q \"got $s\" f.log" || exit 1
	done &&
	finish 0 &&
	printf "ready\ngot TERM\ngot INT\ngot HUP\ngot QUIT\ngot USR1\ngot USR2\nend\n" >expect &&
	test_cmp expect f.log
'

test_expect_success 'ALRM rotates and is not forwarded' '
	start a.log &&
	kill -ALRM $pid &&
	test_wait_for "test \$(tk-logcheck list a.log | wc -l) = 1" &&
	kill -USR1 $pid &&
	test_wait_for "grep -q \"got USR1\" a.log" &&
	finish 0 &&
	tk-logcheck cat a.log >all &&
	printf "ready\ngot USR1\nend\n" >expect && test_cmp expect all
'

test_expect_success 'the command dies of a forwarded signal: 128+N' '
	{ teelog d.log -- sh -c "echo ready; while :; do sleep 0.02; done" >/dev/null & } &&
	pid=$! &&
	test_wait_for "grep -q ready d.log" &&
	kill -TERM $pid &&
	test_expect_code 143 wait $pid
'

test_expect_success '--no-signal-forward: nothing forwarded, teelog does not die' '
	start n.log --no-signal-forward &&
	for s in TERM INT HUP QUIT USR1 USR2; do
		kill -$s $pid || exit 1
	done &&
	kill -ALRM $pid &&
	test_wait_for "test \$(tk-logcheck list n.log | wc -l) = 1" &&
	test_alive $pid &&
	kill -TERM $(cat cmd.pid) &&
	test_wait_for "grep -q \"got TERM\" n.log" &&
	finish 0 &&
	tk-logcheck cat n.log >all &&
	printf "ready\ngot TERM\nend\n" >expect && test_cmp expect all
'

test_expect_success '--no-signal-forward: a signal to the whole group reaches the command once' '
	command -v setsid >/dev/null || { echo "# no setsid"; exit 0; }
	cat >once.sh <<-\EOF &&
	trap "echo got TERM; exit 5" TERM
	echo ready
	while :; do sleep 0.02; done
	EOF
	{ setsid teelog --no-signal-forward g.log -- sh once.sh >/dev/null & } &&
	pid=$! &&
	test_wait_for "grep -q ready g.log" &&
	test "$(ps -o pgid= -p $pid | tr -d " ")" = $pid &&
	kill -TERM -$pid &&
	test_expect_code 5 wait $pid &&
	test "$(grep -c "got TERM" g.log)" = 1
'

test_expect_success 'the command stays in teelog'"'"'s process group' '
	start pg.log &&
	test "$(ps -o pgid= -p $(cat cmd.pid))" = "$(ps -o pgid= -p $pid)" &&
	finish 0
'

# The command waits in a builtin (read from a FIFO), so that no child of
# its own is in the foreground group when ^C comes.
test_expect_success TMUX 'a terminal ^C reaches the command once, not twice' '
	cat >int.sh <<-\EOF &&
	trap "echo INT >>sigs" INT
	trap "echo USR1 >>sigs" USR1
	echo ready
	while :; do read x <ctl 2>/dev/null; [ "$x" = stop ] && break; done
	EOF
	rm -f sigs ctl && mkfifo ctl &&
	tmux -L "$TEST_TMUX" new-session -d -x 80 -y 20 \
		"cd \"$PWD\" && PATH=\"$PATH\" exec teelog -q c.log -- sh int.sh" &&
	test_wait_for "grep -q ready c.log" &&
	tpid=$(tmux -L "$TEST_TMUX" list-panes -F "#{pane_pid}") &&
	tmux -L "$TEST_TMUX" send-keys C-c &&
	test_wait_for "grep -q INT sigs" &&
	kill -USR1 $tpid &&
	test_wait_for "grep -q USR1 sigs" &&
	printf "INT\nUSR1\n" >expect && test_cmp expect sigs &&
	echo stop >ctl &&
	test_wait_for "! test_alive $tpid"
'

test_expect_success 'stdin form: TERM writes what the pipe holds, then exits 0' '
	rm -f in.fifo && mkfifo in.fifo &&
	{ teelog s.log <in.fifo >/dev/null & } &&
	pid=$! &&
	exec 8>in.fifo &&
	echo first >&8 &&
	test_wait_for "grep -q first s.log" &&
	kill -STOP $pid &&
	printf "second\nthird\n" >&8 &&
	kill -TERM $pid &&
	kill -CONT $pid &&
	wait $pid &&
	exec 8>&- &&
	printf "first\nsecond\nthird\n" >expect && test_cmp expect s.log
'

test_expect_success 'stdin form: INT too; QUIT USR1 USR2 do not end it' '
	rm -f in.fifo && mkfifo in.fifo &&
	{ teelog i.log <in.fifo >/dev/null & } &&
	pid=$! &&
	exec 8>in.fifo &&
	echo one >&8 &&
	test_wait_for "grep -q one i.log" &&
	kill -QUIT $pid && kill -USR1 $pid && kill -USR2 $pid &&
	echo two >&8 &&
	test_wait_for "grep -q two i.log" &&
	test_alive $pid &&
	kill -INT $pid &&
	wait $pid &&
	exec 8>&- &&
	printf "one\ntwo\n" >expect && test_cmp expect i.log
'

test_expect_success 'stdin form: TERM with a partial line held writes it' '
	rm -f in.fifo && mkfifo in.fifo &&
	{ teelog -t -s 1M p.log <in.fifo >/dev/null & } &&
	pid=$! &&
	exec 8>in.fifo &&
	printf "whole\npartial" >&8 &&
	test_wait_for "grep -q partial p.log" &&
	kill -TERM $pid &&
	wait $pid &&
	exec 8>&- &&
	test_line_count = 2 p.log &&
	tail -1 p.log | grep -q " partial\$"
'

test_done
