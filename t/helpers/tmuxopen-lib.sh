# t/helpers/tmuxopen-lib.sh: shared setup for the tmuxopen tests (sourced
# after t/lib.sh: . "$TEST_DIRECTORY/helpers/tmuxopen-lib.sh").
#
# The test server reads $HOME/.tmux.conf (HOME is the trash directory):
# base-index 1 and pane-base-index 1, so that anything addressing windows
# or panes by index instead of id would break; /bin/sh as the shell.

tm() {
	tmux -L "$TEST_TMUX" "$@"
}

cat >"$HOME/.tmux.conf" <<'EOF'
set -g base-index 1
set -g pane-base-index 1
set -g default-shell /bin/sh
set -g default-size 200x50
set -g automatic-rename off
EOF

SHELL=/bin/sh
# An interactive bash in a pane must not write ~/.bash_history into the
# trash directory while it is being removed.
HISTFILE=
export SHELL HISTFILE

mkdir -p "$XDG_CONFIG_HOME/tmuxopen"

# project NAME: the project file NAME.toml from stdin.
project() {
	cat >"$XDG_CONFIG_HOME/tmuxopen/$1.toml"
}

# Start the test server with a session of its own, and wait for it.
start_server() {
	tm new-session -d -s "${1:-keep}" &&
	tm has-session -t "=${1:-keep}"
}

# Every pane on the server, one line each, in a stable order.
PANES_FORMAT='#{session_name} #{window_index} #{window_name} #{pane_index}'
panes() {
	tm list-panes -a -F "$PANES_FORMAT" | sort
}

# Every window: what a second run must leave exactly as it was.
windows() {
	tm list-windows -a -F '#{session_id} #{window_id} #{session_name} #{window_index} #{window_name} #{window_panes}' | sort
}

# Whether a session of exactly that name runs.
has_session() {
	tm has-session -t "=$1" 2>/dev/null
}

# The value of format FMT for target T.
fmt() {
	tm display-message -p -t "$1" "$2"
}

# Kill the test server and wait until it is gone (not merely exiting).
kill_server() {
	tm kill-server 2>/dev/null
	test_wait_for 'tm list-sessions 2>&1 | grep -q -e "^no server running" -e "^error connecting"' 20
}
