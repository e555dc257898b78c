#!/bin/sh
# t/demo.sh: what `make demo` shows. Runs the built tools from bin/ in a
# temporary directory that is removed at the end.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/bin:$PATH"
demo=$(mktemp -d "${TMPDIR:-/tmp}/toolkit-demo.XXXXXX")
trap 'rm -rf "$demo"' EXIT
cd "$demo"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

step "the toolkit demo, in $demo"

step "teelog: a chatty command logged with timestamps, rotated at 2 KiB, 3 kept gzipped"
cat >chatty.sh <<'EOF'
i=1
while [ $i -le 150 ]; do
	echo "request $i served in $((i % 7 + 1)) ms"
	[ $((i % 50)) -ne 0 ] || echo "warning: slow disk at request $i" >&2
	i=$((i + 1))
done
exit 3
EOF
mkdir logs
echo '$ teelog -t -s 2K -n 3 -z logs/out.log logs/err.log -- sh chatty.sh | tail -n 2'
set +e
teelog -t -s 2K -n 3 -z logs/out.log logs/err.log -- sh chatty.sh 2>/dev/null >pass
status=$?
set -e
tail -n 2 pass
echo "(teelog exited $status, the command's own status)"
run ls logs
run tail -n 2 logs/out.log
last=$(ls logs/out.log.*.gz | tail -n 1)
echo "\$ gunzip -c $last | head -n 2"
gunzip -c "$last" | head -n 2
run cat logs/err.log

if command -v tmux >/dev/null 2>&1 && [ -x "$top/bin/pbroute" ]; then
	step "pbroute: a note typed into a tmux pane (read from --stdin: no network)"
	sock=toolkit-demo-$$
	tmux -L "$sock" new-session -d -s work -x 60 -y 4 "cat"
	printf '[tmux]\nenter_delay = 0\n[security]\nallow_senders = ["me@example.com"]\n' >pb.toml
	echo '{"iden":"d1","type":"note","body":"echo hello from a phone","sender_email":"me@example.com"}' >push.json
	run sh -c "env -u PUSHBULLET_TOKEN pbroute --stdin --all-devices --session work -L $sock -c pb.toml <push.json"
	run tmux -L "$sock" capture-pane -p -t =work:
	tmux -L "$sock" kill-server
fi

# plotq: three jobs on one slot, their logs, the queue; its own socket and
# workspace in the demo directory, and the daemon shut down at the end.
if [ -x "$top/bin/plotq" ]; then
(
	XDG_RUNTIME_DIR=$demo/plotq/run XDG_DATA_HOME=$demo/plotq/data
	export XDG_RUNTIME_DIR XDG_DATA_HOME
	unset PLOTQ_SOCKET PLOTQ_STORE
	mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
	trap 'plotq shutdown --now >/dev/null 2>&1 || :' EXIT
	step "plotq: three jobs queued on one slot (the first client starts the daemon)"
	for f in a b c; do
		run plotq run --name "plot-$f" -- sh -c \
		    "echo drawing $f.svg; sleep 0.3; echo $f.svg done"
	done
	run plotq list
	step "plotq: follow the last one's log until it ends"
	run plotq log -f 3
	run plotq wait 1 2 3
	run plotq list
	run plotq show 2
	run plotq shutdown
)
fi
