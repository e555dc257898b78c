#!/bin/sh
test_description='tmuxopen: attach outside tmux, switch-client inside, --cc'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/tmuxopen-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'

# A second server, B, whose panes play the user's terminal.
OUTER="$TEST_TMUX-b"
tb() {
	tmux -L "$OUTER" "$@"
}
test_cleanup_hook='tmux -L "$OUTER" kill-server >/dev/null 2>&1'

project web <<'EOF'
[[session]]
name = "web-edit"
[[session.window]]
name = "editor"
[[session.window]]
name = "server"
[[session]]
name = "web-db"
EOF

# The session each client of the project's server is attached to.
clients() {
	tm list-clients -F '#{client_session} #{client_control_mode}' 2>/dev/null
}

# run_in_b NAME CMD: a window of B running CMD (as the user would type it
# in a terminal outside tmux).
run_in_b() {
	tb new-window -d -n "$1" "$2"
}

test_expect_success 'start the outer server' '
	tb new-session -d -s outer -x 120 -y 40 &&
	tb has-session -t =outer
'

test_expect_success 'outside tmux: creates, then attaches to the first session' '
	run_in_b a1 "exec env -u TMUX tmuxopen -L $TEST_TMUX web" &&
	test_wait_for "clients | grep -qx \"web-edit 0\"" 20 &&
	has_session web-db &&
	test_wait_for "tb capture-pane -p -t =outer:a1 | grep -q \"^\\[web-edit\\]\"" 20
'

test_expect_success 'the attach is an exec: the pane runs tmux, no tmuxopen stays' '
	pid=$(tb display-message -p -t =outer:a1 "#{pane_pid}") &&
	test "$(ps -o args= -p "$pid")" = "tmux -L $TEST_TMUX attach-session -t =web-edit"
'

test_expect_success '--status counts the attached client' '
	tmuxopen --status -L "$TEST_TMUX" web >out &&
	test_grep "^web-edit running windows=2 clients=1\$" out
'

test_expect_success 'sessions that exist: attaches without creating anything' '
	tm detach-client -s =web-edit &&
	test_wait_for "! clients | grep -q web-edit" 20 &&
	windows >before &&
	run_in_b a2 "exec env -u TMUX tmuxopen -L $TEST_TMUX web" &&
	test_wait_for "clients | grep -qx \"web-edit 0\"" 20 &&
	windows >after &&
	test_cmp before after &&
	tm detach-client -s =web-edit &&
	test_wait_for "! clients | grep -q web-edit" 20
'

test_expect_success '--cc attaches a control-mode client (tmux -CC)' '
	run_in_b cc "exec env -u TMUX tmuxopen --cc -L $TEST_TMUX web" &&
	test_wait_for "clients | grep -qx \"web-edit 1\"" 20 &&
	tm detach-client -s =web-edit &&
	test_wait_for "! clients | grep -q web-edit" 20
'

# inside ARGS: run "tmuxopen ARGS" in a new window of session other (so
# inside tmux, $TMUX set), with the client back on other first; it must
# exit 0.
inside() {
	test_wait_for "clients | grep -q ." 20 &&
	tm switch-client -t =other &&
	test_wait_for "clients | grep -qx \"other 0\"" 20 &&
	rm -f sw.rc &&
	tm new-window -d -t =other: "tmuxopen $* >\"\$HOME/sw.out\" 2>&1; echo \$? >\"\$HOME/sw.rc\"" &&
	test_wait_for "test -s sw.rc" 20 &&
	echo 0 >expect &&
	test_cmp expect sw.rc
}

test_expect_success 'inside tmux: switch-client, no nested attach' '
	tm new-session -d -s other &&
	tmuxopen --kill -L "$TEST_TMUX" web &&
	run_in_b client "exec env -u TMUX tmux -L $TEST_TMUX attach -t =other" &&
	inside web &&
	test_wait_for "clients | grep -qx \"web-edit 0\"" 20 &&
	test "$(clients | wc -l)" = 1 &&
	has_session web-db
'

test_expect_success 'inside tmux with -L naming the same server: switches too' '
	inside -L "$TEST_TMUX" web &&
	test_wait_for "clients | grep -qx \"web-edit 0\"" 20
'

test_expect_success 'inside tmux with -d: no switch' '
	inside -d web &&
	test "$(clients)" = "other 0"
'

test_done
