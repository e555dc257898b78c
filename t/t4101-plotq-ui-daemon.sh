#!/bin/sh
test_description='plotq ui: shutdown, a daemon that goes away, reconnection, resize, the terminal given back'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-ui-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'

plotq_env $(plotq_stores | cut -d" " -f1)

daemon_alive() {
	test -s "$SOCK.pid" && test_alive "$(cat "$SOCK.pid")"
}

test_expect_success 'the UI starts a daemon and lists what it has' '
	plotq run --name before -- true &&
	plotq wait 1 && plotq_stop && test_path_is_missing "$SOCK" &&
	ui_server 100 30 && ui_start &&
	ui_wait "connected to the daemon on" &&
	ui_wait "^\|>1 +done +default +before: true" &&
	daemon_alive
'

test_expect_success 'd asks first; n leaves the daemon running' '
	ui_keys d && ui_wait "Shut the daemon down\?" &&
	ui_wait "y shuts it down   n or Esc cancels" &&
	ui_keys n && ui_wait "shutdown cancelled" &&
	! ui_has "Shut the daemon down" &&
	daemon_alive && plotq status >/dev/null
'

test_expect_success 'd then y shuts the daemon down' '
	pid=$(cat "$SOCK.pid") &&
	ui_keys d && ui_wait "Shut the daemon down\?" &&
	ui_keys y && ui_wait "The daemon has shut down\." &&
	ui_wait "r reconnects \(starting a daemon\)" &&
	ui_has "\(disconnected\)" &&
	test_wait_for "! test_alive $pid" && test_path_is_missing "$SOCK"
'

test_expect_success 'keys that need the daemon say so while there is none' '
	ui_keys s && ui_wait "not connected to the daemon: r reconnects"
'

test_expect_success 'r reconnects, starting a new daemon' '
	ui_keys r && ui_wait "connected to the daemon on" &&
	! ui_has "Disconnected" && daemon_alive &&
	plotq run -- sleep 300 >id && ui_wait "^\|.2 +running +default +sleep 300"
'

test_expect_success 'a daemon killed: a clear message; r brings it back' '
	pid=$(cat "$SOCK.pid") && kill -9 $pid &&
	ui_wait "The daemon went away: the daemon closed the connection\." &&
	ui_wait "Disconnected" &&
	ui_keys r && ui_wait "connected to the daemon on" &&
	test "$(cat "$SOCK.pid")" != $pid &&
	ui_wait "^\|.2 +running +default +sleep 300" &&
	plotq kill 2 && ui_wait "^\|.2 +stopped .* KILL +\|$"
'

test_expect_success 'a resize redraws the whole screen at the new size' '
	tm resize-window -t ui -x 72 -y 20 &&
	test_wait_for "test \"\$(ui_screen | sed -n 2p | wc -c)\" = 73" &&
	ui_wait "^\+- Tasks \(2\) -+\+$" &&
	ui_screen >screen && test_line_count = 20 screen &&
	sed -n 2,19p screen >frame && test_line_count = 18 frame &&
	! grep -v -E "^[|+].{70}[|+]$" frame
'

test_expect_success 'a terminal too small says so, and a larger one is used again' '
	tm resize-window -t ui -x 24 -y 6 &&
	ui_wait "^terminal too small" &&
	tm resize-window -t ui -x 90 -y 25 &&
	ui_wait "^\+- Tasks \(2\) -{76}\+$"
'

test_expect_success 'q leaves the alternate screen and restores the modes' '
	ui_keys q && ui_wait "^ui-exit=0" &&
	test_cmp stty.before stty.after &&
	test "$(tm display -p -t ui "#{alternate_on}")" = 0
'

test_expect_success 'SIGTERM: the terminal is restored, and the UI dies of it' '
	ui_start && ui_wait "connected to the daemon on" &&
	kill -TERM $(cat ui.pid) && ui_wait "^ui-exit=143" &&
	test_cmp stty.before stty.after &&
	test "$(tm display -p -t ui "#{alternate_on}")" = 0
'

test_expect_success 'Ctrl-C quits like q' '
	ui_start && ui_wait "connected to the daemon on" &&
	ui_keys C-c && ui_wait "^ui-exit=0" &&
	test_cmp stty.before stty.after &&
	test "$(tm display -p -t ui "#{alternate_on}")" = 0
'

alt_screen() {
	test "$(tm display -p -t ui "#{alternate_on}")" = "$1"
}

test_expect_success 'Ctrl-Z gives the terminal back; fg brings the UI back' '
	ui_start && ui_wait "connected to the daemon on" &&
	ui_keys C-z && ui_wait "^ui-exit=148" &&
	test_cmp stty.before stty.after && alt_screen 0 &&
	ui_keys "clear; fg" Enter && ui_wait "^\+- Tasks" &&
	alt_screen 1 &&
	ui_keys q && test_wait_for "alt_screen 0" &&
	plotq_stop
'

test_done
