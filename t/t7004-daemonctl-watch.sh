#!/bin/sh
test_description='daemonctl status -w: redraws in place in a terminal until q or Ctrl-C'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonctl-lib.sh"

tm() { tmux -L "$TEST_TMUX" "$@"; }
screen() { tm capture-pane -p -t =w:; }

test_expect_success TMUX 'setup: an app and a terminal' '
	mkapp web sleep 7004001 &&
	daemonctl start web >/dev/null &&
	tm -f /dev/null new-session -d -s w -x 100 -y 20 \
		"env PATH=\"$PATH\" DAEMONCTL_HOME=\"$DAEMONCTL_HOME\" sh" &&
	test_wait_for "tm has-session -t =w:"
'

test_expect_success TMUX 'the screen shows the status, and redraws it' '
	tm send-keys -t =w: "clear; daemonctl status -w --refresh 200ms --resources; echo EXITED \$?" Enter &&
	test_wait_for "screen | grep -q \"^web: up (pid $(apppid web))\"" 20 &&
	screen >s1 &&
	test_grep "^daemonctl status - every 0.2s - q to quit - [0-9:]*$" s1 &&
	test_grep "^  resources: cpu" s1 &&
	daemonctl kill web >/dev/null &&
	test_wait_for "test \"\$(skey web restarts)\" = 1 && test \"\$(skey web state)\" = up" 20 &&
	test_wait_for "test \"\$(ps -o comm= -p \$(apppid web))\" = sleep" &&
	new=$(apppid web) &&
	test_wait_for "screen | grep -q \"^web: up (pid $new) for [0-9]*s, restarts 1, last exit 143$\"" 20
'

test_expect_success TMUX 'in place: one frame on the screen, no scrolling' '
	screen >s2 &&
	test "$(grep -c "^daemonctl status - every" s2)" = 1 &&
	test "$(grep -c "^web: " s2)" = 1 &&
	test "$(head -1 s2 | cut -c1-16)" = "daemonctl status" &&
	tm show-options -g history-limit >/dev/null &&
	test "$(tm display -p -t =w: "#{history_size}")" -le 1
'

test_expect_success TMUX 'q quits, leaving the terminal as it was' '
	tm send-keys -t =w: q &&
	test_wait_for "screen | grep -q \"^EXITED 0$\"" 20 &&
	tm send-keys -t =w: "stty -a | grep -o \" icanon \" ; echo STTY" Enter &&
	test_wait_for "screen | grep -q \"^STTY$\"" &&
	screen | grep -q "^ icanon *$"
'

# still_there: what a status -w that did not exit is doing (for the log).
still_there() {
	for p in $(pgrep -f "daemonctl status -w web"); do
		echo "# pid $p: $(tr "\n" " " </proc/$p/status |
			grep -o "State:[^:]*Tgid\|TracerPid:[^:]*Uid\|SigPnd:[^:]*ShdPnd:[^:]*SigBlk")"
		echo "# wchan $(cat /proc/$p/wchan 2>/dev/null)"
	done
	screen | sed "s/^/# screen: /"
}

test_expect_success TMUX 'Ctrl-C quits too' '
	tm send-keys -t =w: "clear; daemonctl status -w web; echo EXITED \$?" Enter &&
	# The last frame of the status -w before is still on the screen,
	# with its EXITED line: wait for this one to have cleared it (it
	# catches SIGINT before it does), or Ctrl-C could hit the shell line
	# before daemonctl is there to catch it.
	test_wait_for "screen | grep -q \"^web: up\" && ! screen | grep -q \"^EXITED\"" 20 &&
	tm send-keys -t =w: C-c &&
	{ test_wait_for "screen | grep -q \"^EXITED 0$\"" 60 ||
	  { still_there >&2; false; }; }
'

test_expect_success TMUX 'cut to the width: no line wraps' '
	tm send-keys -t =w: "clear; daemonctl status -w -p web; echo EXITED \$?" Enter &&
	test_wait_for "screen | grep -q \"daemonrun --state-dir\"" 20 &&
	screen >s3 &&
	sed "s/└/x/g; s/├/x/g; s/│/x/g; s/─/x/g" s3 >s3.ascii &&
	awk "length(\$0) > 100 { bad = 1 } END { exit bad }" s3.ascii &&
	test_grep "^    xx [0-9]* .*daemonrun --state-dir" s3.ascii &&
	test "$(grep -c "^daemonctl status - every" s3)" = 1 &&
	tm send-keys -t =w: q &&
	test_wait_for "screen | grep -q \"^EXITED 0$\"" 20
'

test_expect_success 'without a terminal: plain frames, one after another' '
	daemonctl status -w --refresh 100ms web </dev/null >frames &
	p=$!
	test_wait_for "test \$(grep -c \"^web: up\" frames) -ge 3" 20 &&
	kill -INT $p &&
	wait $p &&
	! grep -q "$(printf "\033")" frames
'

test_expect_success 'bad --refresh' '
	test_expect_code 100 daemonctl status -w --refresh 10ms 2>err &&
	test_grep "at least 100ms" err
'

test_done
