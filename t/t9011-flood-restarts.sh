#!/bin/sh
test_description='a log flood across restarts of the app and of the logger: not a byte lost'
. "${0%/*}/lib.sh"

# Three ways a flood meets a restart, each checked byte for byte:
#  1. teelog over daemonrun --restart: the app crashes again and again
#     while it floods; the pipe is teelog's, every incarnation's output
#     lands, through rotations.
#  2. the chain of OVERVIEW.md: daemonrun > teelog > app, restarted by
#     `t` on the control FIFO mid-flood; teelog drains the pipe before it
#     exits, so each incarnation's lines are all there, up to its last.
#  3. runit's logger design: the pipe outlives the logger; daemonrun
#     restarts teelog (stdin form) by `t` while the app floods; each
#     logger writes what it read and leaves the rest for the next one.

RUN=$TRASH_DIRECTORY/run
test_cleanup_hook='
	for d in run run3; do
		[ -p "$d/control" ] && printf x 1<>"$d/control"   # read-write: never blocks
	done'

key() { sed -n "s/^$2=//p" "$1/status" 2>/dev/null; }
# Every rotated file, oldest first, then the live one: the whole output.
alllogs() { cat $(ls "$1".2* 2>/dev/null | sort) "$1"; }
# The size of the whole output, without reading it.
size() { wc -c "$1" "$1".2* 2>/dev/null | tail -n 1 | awk '{ print $1 }'; }

# flood N: lines "RUN SEQ" and padding, N of them, then crash (exit 3).
# RUN counts the incarnations (a file beside it).
cat >flood <<\EOF
#!/bin/sh
r=$(($(cat runs 2>/dev/null || echo 0) + 1)); echo $r >runs
i=0
while [ $i -lt $1 ]; do
	i=$((i + 1))
	echo "$r $i ................................................................"
done
exit 3
EOF
chmod 755 flood

# Every incarnation R of 1..$2 wrote lines "R 1" to "R $1", in order, and
# nothing else is there.
check_runs() { # PER RUNS FILE
	awk -v per="$1" -v runs="$2" '
		BEGIN { r = 0; n = per }
		NF != 3 || length($3) != 64 { print "bad line " NR ": " $0; bad = 1; exit }
		$1 != r || $2 != n + 1 {
			if (!($1 == r + 1 && $2 == 1 && n == per)) {
				print "at line " NR ": run " $1 " seq " $2 " after run " r " seq " n
				bad = 1; exit
			}
			r = $1; n = 0
		}
		{ n = $2 }
		END { if (!bad && !(r == runs && n == per)) { print "ends at run " r " seq " n; bad = 1 }
			exit bad }' "$3"
}

test_expect_success 'the app crashes and restarts while it floods; teelog keeps every byte' '
	mkdir one && cd one && cp ../flood . &&
	teelog -s 128K -n 1000 out.log err.log -- \
		daemonrun --restart on-failure --restart-delay 10ms --max-restarts 4 \
			--log-level error -- ./flood 2000 >/dev/null;
	test $? = 3 &&
	test "$(cat runs)" = 5 &&
	ls out.log.2* >rotated && test $(wc -l <rotated) -ge 4 &&
	alllogs out.log >all &&
	check_runs 2000 5 all &&
	test_grep "error failed restarts=4 .*last_exit=\"exit 3\"" err.log
'

# A flood that stops at TERM and says how far it got: "R end N".
cat >flood2 <<\EOF
#!/bin/sh
i=0
trap 'echo "$r end $i"; exit 0' TERM
r=$(($(cat runs 2>/dev/null || echo 0) + 1)); echo $r >runs
# One command per line: the trap, run between commands, never sees i
# counted but its line not yet written.
while :; do
	echo "$r $((i += 1)) ................................................................"
done
EOF
chmod 755 flood2

# For each incarnation R with "R end N", lines "R 1" to "R N" are there,
# in order and once, and nothing after them.
check_ends() { # FILE
	awk '
		$2 == "end" { if (n[$1] != $3) { print "run " $1 " ends at " n[$1] " but said " $3; bad = 1 }
			ended[$1] = 1; next }
		NF != 3 || length($3) != 64 { print "bad line " NR ": " $0; bad = 1; next }
		ended[$1] { print "run " $1 " wrote after its end"; bad = 1 }
		$2 != n[$1] + 1 { print "run " $1 ": " $2 " after " n[$1]; bad = 1 }
		{ n[$1] = $2 }
		END { exit bad }' "$1"
}

test_expect_success 'the chain restarted by t mid-flood: each run is whole up to its last line' '
	mkdir two && cd two && cp ../flood2 . &&
	test_bg daemonrun --state-dir "$RUN" --restart always --restart-delay 10ms \
		--log-level error -- \
		teelog -q -s 1M -n 1000 out.log -- ./flood2 &&
	for n in 1 2 3; do
		test_wait_for "test \"\$(cat runs 2>/dev/null)\" = $n &&
			tail -c 100 out.log | grep -q \"^$n [0-9]* \"" 30 &&
		printf t >"$RUN/control" || return 1
	done &&
	test_wait_for "test \"\$(cat runs)\" = 4" 30 &&
	printf x >"$RUN/control" &&
	test_wait_for "test \"\$(key \"$RUN\" state)\" = down" 30 &&
	alllogs out.log >all &&
	for n in 1 2 3 4; do
		grep -q "^$n end [0-9]*$" all || { echo "no end for run $n"; return 1; }
	done &&
	check_ends all
'

test_expect_success 'the logger restarted by t mid-flood, runit style: what one did not read, the next one does' '
	mkdir three && cd three && cp ../flood2 . &&
	mkfifo pipe &&
	exec 7<>pipe &&
	test_bg sh -c "exec daemonrun --state-dir \"$RUN\"3 --restart always \
		--restart-delay 10ms --log-level error -- teelog -q -s 1M -n 1000 out.log <pipe" &&
	test_bg ./flood2 >pipe &&
	fl=$TEST_BG_PID &&
	exec 7>&- &&
	for n in 1 2 3 4 5; do
		test_wait_for "test \"\$(key \"$RUN\"3 restarts)\" = $((n - 1)) &&
			test \"\$(key \"$RUN\"3 state)\" = up" 30 &&
		s=$(size out.log) &&
		test_wait_for "test \$(size out.log) -gt $((s + 20000))" 30 &&
		printf t >"$RUN"3/control || return 1
	done &&
	# The fifth t has restarted the logger before x can stop it.
	test_wait_for "test \"\$(key \"$RUN\"3 restarts)\" = 5 &&
		test \"\$(key \"$RUN\"3 state)\" = up" 30 &&
	kill -TERM $fl &&
	test_wait_for "alllogs out.log | grep -q \"^1 end\"" 30 &&
	printf x >"$RUN"3/control &&
	test_wait_for "test \"\$(key \"$RUN\"3 state)\" = down" 30 &&
	test "$(key "$RUN"3 restarts)" -ge 5 &&
	alllogs out.log >all &&
	check_ends all &&
	test_grep "^1 end [0-9]*$" all
'

test_done
