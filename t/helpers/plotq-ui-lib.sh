# plotq-ui-lib.sh: shared by the t41NN-plotq-ui-*.sh tests, sourced after
# lib.sh and plotq-lib.sh. The UI runs in a pane of a private tmux server
# (no status line, so the pane is the whole window), started from an
# interactive /bin/sh that records the terminal's modes before and after.
#
# ui_server W H	start the server with one session "ui", W x H
# ui_start	run `plotq ui` in the pane (its pid in ui.pid), then
#		the modes again (stty.before, stty.after), then "ui-exit=N"
# ui_screen	the pane's text now
# ui_has ERE	whether the screen matches
# ui_wait ERE	wait (bounded) until it does
# ui_keys K...	tmux send-keys to the pane; ui_type TEXT sends it literally

tm() {
	tmux -L "$TEST_TMUX" "$@"
}

cat >"$HOME/ui.tmux.conf" <<'CONF'
set -g default-shell /bin/sh
set -g default-command "exec /bin/sh"
set -g status off
set -g escape-time 0
CONF
SHELL=/bin/sh
HISTFILE=
export SHELL HISTFILE

ui_server() {
	tm -f "$HOME/ui.tmux.conf" new-session -d -s ui -x "$1" -y "$2" &&
	tm has-session -t ui
}

ui_start() {
	rm -f ui.pid stty.before stty.after &&
	tm send-keys -t ui "clear; stty -g >stty.before; sh -c 'echo \$\$ >ui.pid; exec plotq ui'; rc=\$?; stty -g >stty.after; echo ui-exit=\$rc" Enter &&
	test_wait_for "test -s ui.pid" 30
}

ui_screen() {
	tm capture-pane -p -t ui
}

ui_has() {
	ui_screen | grep -E -q -e "$1"
}

ui_wait() {
	ui_pat=$1
	test_wait_for 'ui_has "$ui_pat"' "${2:-30}" || { ui_screen >&2; return 1; }
}

ui_keys() {
	tm send-keys -t ui "$@"
}

ui_type() {
	tm send-keys -t ui -l "$1"
}
