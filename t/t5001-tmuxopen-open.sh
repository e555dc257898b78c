#!/bin/sh
test_description='tmuxopen: creating sessions, windows, panes on a real server'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/tmuxopen-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'

mkdir -p src/web/app src/web/log out "sp ace"
project web <<EOF
name = "web"
root = "~/src/web"
[[session]]
name = "web-edit"
root = "app"
[[session.window]]
name = "editor"
command = "pwd >\"\$HOME/out/editor\""
[[session.window]]
name = "server"
root = "../log"
command = "pwd >\"\$HOME/out/server\""
panes = ["pwd >\"\$HOME/out/pane2\"", { command = "pwd >\"\$HOME/out/pane3\"", root = "~/sp ace" }]
layout = "even-horizontal"
[[session.window]]
name = "shell"
[[session]]
name = "web-db"
root = "/"
EOF

test_expect_success 'a running server with base-index 1 and pane-base-index 1' '
	start_server &&
	test "$(tm show-options -gv base-index)" = 1 &&
	test "$(tm show-options -gv pane-base-index)" = 1
'

test_expect_success 'opens every session, detached, with its windows and panes' '
	tmuxopen -d -L "$TEST_TMUX" web &&
	has_session web-edit && has_session web-db &&
	panes >actual &&
	cat >expect <<-\EOF &&
	keep 1 sh 1
	web-db 1 sh 1
	web-edit 1 editor 1
	web-edit 2 server 1
	web-edit 2 server 2
	web-edit 2 server 3
	web-edit 3 shell 1
	EOF
	test_cmp expect actual
'

test_expect_success 'each command runs as the pane'"'"'s own command, in its directory' '
	test_wait_for "test -s out/editor && test -s out/server && test -s out/pane2 && test -s out/pane3" 20 &&
	echo "$HOME/src/web/app" >expect && test_cmp expect out/editor &&
	echo "$HOME/src/web/app/../log" >expect && test_cmp expect out/server &&
	test_cmp expect out/pane2 &&
	echo "$HOME/sp ace" >expect && test_cmp expect out/pane3 &&
	tm list-panes -t "=web-edit:editor" -F "#{pane_start_command}" >cmd &&
	test_grep -F "out/editor" cmd
'

test_expect_success 'a window or session without a command starts a shell in its root' '
	test "$(fmt "=web-db:" "#{pane_current_path}")" = / &&
	test "$(fmt "=web-db:" "#{pane_start_command}")" = "" &&
	test "$(fmt "=web-edit:shell" "#{pane_current_path}")" = "$HOME/src/web/app"
'

test_expect_success 'every window is tagged with @project and @tmux_session' '
	tm list-windows -a -F "#{session_name} #{window_name} #{@project} #{@tmux_session}" | sort >actual &&
	cat >expect <<-\EOF &&
	keep sh  
	web-db sh web web-db
	web-edit editor web web-edit
	web-edit server web web-edit
	web-edit shell web web-edit
	EOF
	test_cmp expect actual
'

test_expect_success 'panes in the order given, the layout applied, focus on the first' '
	tm list-panes -t "=web-edit:server" -F "#{pane_index} #{pane_active} #{pane_left}" >actual &&
	awk "{print \$1, \$2}" actual >got &&
	printf "1 1\n2 0\n3 0\n" >expect &&
	test_cmp expect got &&
	# even-horizontal: side by side, left to right in order.
	awk "NR > 1 && \$3 <= prev { exit 1 } { prev = \$3 }" actual
'

test_expect_success 'the first window is the current one' '
	test "$(fmt "=web-edit:" "#{window_name}")" = editor
'

test_expect_success 'a second run changes nothing' '
	windows >before &&
	tmuxopen -d -L "$TEST_TMUX" web &&
	windows >after &&
	test_cmp before after
'

test_expect_success 'an existing session is kept as it is' '
	tm kill-window -t "=web-edit:shell" &&
	windows >before &&
	tmuxopen -d -L "$TEST_TMUX" web &&
	windows >after &&
	test_cmp before after
'

test_expect_success 'exact names: web-edit-old is not web-edit' '
	kill_server &&
	tm new-session -d -s web-edit-old &&
	tm new-session -d -s web &&
	tm set-option -w -t "=web-edit-old:" @mark old &&
	tmuxopen -d -L "$TEST_TMUX" web &&
	has_session web-edit &&
	test "$(fmt "=web-edit-old:" "#{session_windows} #{@mark}")" = "1 old" &&
	test "$(fmt "=web-edit:" "#{session_windows}")" = 3
'

test_expect_success 'no server: tmuxopen starts one, with the user'"'"'s tmux.conf' '
	kill_server &&
	tmuxopen -d -L "$TEST_TMUX" web &&
	panes >actual &&
	test_grep "^web-edit 2 server 3\$" actual &&
	test_grep "^web-db 1 sh 1\$" actual
'

test_expect_success '-S PATH talks to that socket' '
	test_when_finished "tmux -S \"$TRASH_DIRECTORY/sock\" kill-server" &&
	tmuxopen -d -S "$TRASH_DIRECTORY/sock" web &&
	tmux -S "$TRASH_DIRECTORY/sock" has-session -t =web-db
'

test_expect_success '-v prints each tmux command on stderr' '
	tm kill-session -t =web-db &&
	tmuxopen -d -v -L "$TEST_TMUX" web 2>err &&
	test_grep "^+ tmux -L $TEST_TMUX list-sessions -F " err &&
	test_grep "^+ tmux -L $TEST_TMUX new-session -d -s web-db -c / -P -F " err &&
	! test_grep "new-session -d -s web-edit" err
'

test_expect_success 'names, directories and commands with # and ; reach tmux intact' '
	mkdir -p "d#{x}" &&
	project esc <<-EOF &&
	[[session]]
	name = "s#1;"
	root = "$TRASH_DIRECTORY/d#{x}"
	[[session.window]]
	name = "w#{pid}"
	command = "pwd >\"\$HOME/out/esc\"; echo x;"
	panes = ["echo a >\"\$HOME/out/semi\" \\\\;"]
	EOF
	tmuxopen -d -L "$TEST_TMUX" esc &&
	has_session "s#1\\;" &&
	test "$(fmt "=s#1;:" "#{window_name}")" = "w#{pid}" &&
	test_wait_for "test -s out/esc && test -s out/semi" 20 &&
	echo "$TRASH_DIRECTORY/d#{x}" >expect &&
	test_cmp expect out/esc &&
	echo "a ;" >expect &&
	test_cmp expect out/semi &&
	test "$(fmt "=s#1;:" "#{@tmux_session}")" = "s#1;"
'

test_done
