#!/bin/sh
test_description='pbroute and tmuxopen together: pushes land in the sessions tmuxopen made'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/tmuxopen-lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'
test_have_prereq PYTHON || test_skip_all 'python3 is not installed (pb-fake)'

# One private tmux server (-L $TEST_TMUX) for both tools. tmuxopen's
# projects: "work" (an editor window and a shell) and "dev" (a server
# window of two panes). Every pane appends what is typed into it to a
# file named after it. The .tmux.conf of tmuxopen-lib.sh numbers windows
# and panes from 1, so a target by index would land in the wrong pane.
project work <<\EOF
root = "~"
[[session]]
name = "work"
[[session.window]]
name = "shell"
[[session.window]]
name = "editor"
command = "exec cat >>\"$HOME/editor.out\""
EOF
project dev <<\EOF
root = "~"
[[session]]
name = "dev"
[[session.window]]
name = "server"
command = "exec cat >>\"$HOME/pane1.out\""
panes = ["exec cat >>\"$HOME/pane2.out\""]
EOF
: >editor.out && : >pane1.out && : >pane2.out

# Route by device: "work" (auto-route, by nickname) to the editor window;
# "phone" (a mapping) to dev's server window, pane 2.
push() { # DEVICE BODY
	pb_ctl push "target_device_iden=$1" "body=$2" >last.json
}
iden() {
	sed -n 's/.*"iden": "\([^"]*\)".*/\1/p' last.json
}

test_expect_success 'tmuxopen opens "work" on the private server; pbroute listens' '
	start_server &&
	tmuxopen -d -L "$TEST_TMUX" work &&
	has_session work &&
	pb_fake_start &&
	pb_config "[tmux]
enter_delay = 0
target_window = \"editor\"
[device_mapping]
phone = { session = \"dev\", window = \"server\", pane = 2 }" &&
	pb_start --auto-route &&
	pb_wait_listening
'

test_expect_success 'a push to device work lands in the editor window tmuxopen made' '
	push dev-work "echo from the phone" &&
	test_wait_for "grep -qx \"echo from the phone\" editor.out" 20 &&
	pb_wait_log "routed iden=$(iden) target=\"=work:editor\" via=device-name" &&
	! test -s pane1.out
'

test_expect_success 'a push for a session tmuxopen has not opened yet is skipped' '
	push dev-phone "too early" &&
	pb_wait_log "skipped iden=$(iden) reason=no-session" &&
	! has_session dev
'

test_expect_success 'tmuxopen opens "dev": the next push lands in its pane 2, by name and index' '
	tmuxopen -d -L "$TEST_TMUX" dev &&
	has_session dev &&
	push dev-phone "make run" &&
	test_wait_for "grep -qx \"make run\" pane2.out" 20 &&
	pb_wait_log "routed iden=$(iden) target=\"=dev:server.2\" via=mapping" &&
	! test -s pane1.out &&
	! grep "too early" pane2.out editor.out
'

test_expect_success 'tmuxopen again changes nothing; routing goes on into the same panes' '
	windows >before &&
	tmuxopen -d -L "$TEST_TMUX" work &&
	tmuxopen -d -L "$TEST_TMUX" dev &&
	windows >after &&
	test_cmp before after &&
	push dev-work "second" &&
	push dev-phone "third" &&
	test_wait_for "grep -qx second editor.out && grep -qx third pane2.out" 20 &&
	printf "%s\n" "echo from the phone" second >expect &&
	test_cmp expect editor.out &&
	printf "%s\n" "make run" third >expect &&
	test_cmp expect pane2.out
'

test_expect_success 'pbroute stops on TERM; the sessions stay' '
	pb_stop &&
	has_session work && has_session dev
'

test_done
