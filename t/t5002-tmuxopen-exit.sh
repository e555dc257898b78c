#!/bin/sh
test_description='tmuxopen: what a pane does when its command ends (on_exit)'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/tmuxopen-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'

project ex <<'EOF'
[[session]]
name = "ex"
[[session.window]]
name = "done"
command = "echo finished; exit 3"
[[session.window]]
name = "long"
command = "echo started; sleep 1000"
[[session.window]]
name = "closes"
command = "true"
on_exit = "close"
[[session.window]]
name = "split"
command = "sleep 1000"
panes = ["sleep 1000", { command = "true", on_exit = "close" }]
EOF

project inherit <<'EOF'
on_exit = "close"
[[session]]
name = "inh"
[[session.window]]
name = "keep"
[[session.window]]
name = "gone"
command = "true"
[[session.window]]
name = "back"
command = "true"
on_exit = "shell"
EOF

# The pane of window W of session ex runs an interactive shell: it takes
# a command typed into it.
interactive() {
	rm -f "typed.$1" &&
	tm send-keys -t "$2:$1" "echo alive >$HOME/typed.$1" Enter &&
	test_wait_for "test -s typed.$1" 20
}

test_expect_success 'open' '
	start_server &&
	tmuxopen -d -L "$TEST_TMUX" ex &&
	tmuxopen -d -L "$TEST_TMUX" inherit
'

test_expect_success 'a command that ends leaves an interactive shell in its pane' '
	test_wait_for "tm capture-pane -p -t =ex:done | grep -q ^finished" 20 &&
	interactive done =ex
'

test_expect_success 'Ctrl-C ends the command and leaves a shell, not a closed pane' '
	test_wait_for "tm capture-pane -p -t =ex:long | grep -q ^started" 20 &&
	tm send-keys -t =ex:long C-c &&
	interactive long =ex
'

test_expect_success 'on_exit = "close": the window closes with its command' '
	test_wait_for "! tm list-windows -t =ex -F \"#{window_name}\" | grep -qx closes" 20
'

test_expect_success 'on_exit on one pane: only that pane closes' '
	test_wait_for "test \"\$(fmt =ex:split \"#{window_panes}\")\" = 2" 20 &&
	tm list-panes -t =ex:split -F "#{pane_dead}" >dead &&
	printf "0\n0\n" >expect &&
	test_cmp expect dead
'

test_expect_success 'on_exit is inherited, and overridden below' '
	test_wait_for "! tm list-windows -t =inh -F \"#{window_name}\" | grep -qx gone" 20 &&
	tm list-windows -t =inh -F "#{window_name}" >names &&
	printf "keep\nback\n" >expect &&
	test_cmp expect names &&
	interactive back =inh
'

test_lazy_prereq BASH 'test -x /bin/bash'

test_expect_success BASH 'with bash as the shell: Ctrl-C leaves an interactive bash' '
	project bash <<-\EOF &&
	[[session]]
	name = "b"
	[[session.window]]
	name = "long"
	command = "echo \"started $BASH_VERSION\"; sleep 1000"
	EOF
	tm set-option -g default-shell /bin/bash &&
	test_when_finished "tm set-option -g default-shell /bin/sh" &&
	tmuxopen -d -L "$TEST_TMUX" bash &&
	test_wait_for "tm capture-pane -p -t =b:long | grep -q \"^started [0-9]\"" 20 &&
	tm send-keys -t =b:long C-c &&
	interactive long =b &&
	test "$(fmt =b:long "#{pane_current_command}")" = bash
'

test_done
