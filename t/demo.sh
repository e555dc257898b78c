#!/bin/sh
# t/demo.sh: what `make demo` shows: the toolkit's main job, on embedded
# defaults, in a temporary home that is removed at the end. Runs the
# built tools from bin/; takes well under a minute.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/bin:$PATH"
demo=$(mktemp -d "${TMPDIR:-/tmp}/toolkit-demo.XXXXXX")
# Nothing of the user's own setup is read, nothing of theirs is touched.
HOME=$demo
XDG_CONFIG_HOME=$demo/.config XDG_DATA_HOME=$demo/.local/share
XDG_STATE_HOME=$demo/.local/state XDG_RUNTIME_DIR=$demo/.run
DAEMONCTL_HOME=$demo/daemonctl
export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME XDG_RUNTIME_DIR DAEMONCTL_HOME
unset PLOTQ_SOCKET PLOTQ_STORE PUSHBULLET_TOKEN TMUX TMUX_PANE
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
sock=toolkit-demo-$$

cleanup() {
	set +e
	if [ -x "$top/bin/daemonctl" ] && [ -d "$DAEMONCTL_HOME/apps/web" ]; then
		daemonctl stop web >/dev/null 2>&1
	fi
	[ ! -x "$top/bin/plotq" ] || plotq shutdown --now >/dev/null 2>&1
	tmux -L "$sock" kill-server >/dev/null 2>&1
	cd / && rm -rf "$demo"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cd "$demo"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }
# wait_for 'condition' [seconds]: bounded polling, never a blind sleep.
wait_for() {
	i=0
	while ! eval "$1"; do
		i=$((i + 1))
		if [ $i -ge $((${2:-20} * 10)) ]; then
			echo "demo: gave up waiting for: $1" >&2
			return 1
		fi
		sleep 0.1
	done
}

step "the toolkit demo, in $demo (removed at the end)"

if [ -x "$top/bin/daemonctl" ]; then
	apps=$DAEMONCTL_HOME/apps
	logs=$DAEMONCTL_HOME/logs/web
	key() { sed -n "s/^$1=//p" "$DAEMONCTL_HOME/run/web/status" 2>/dev/null; }
	events() { grep -E "$1" "$logs/events.log" | sed 's/^[^ ]* //' | tail -n "${2:-3}"; }

	step "daemonctl: a new app, web; its health check; a few settings for a short demo"
	cat >server.sh <<EOF
#!/bin/sh
# A web server, as far as its logs tell: a request line every 50 ms.
# It crashes when $demo/crash appears.
echo "web: listening on :8080 (pid \$\$)"
i=0
while :; do
	i=\$((i + 1))
	echo "GET /page/\$i 200 \$((i % 9 + 1))ms"
	if [ -e $demo/crash ]; then rm -f $demo/crash; echo "web: segfault at request \$i" >&2; exit 139; fi
	sleep 0.05
done
EOF
	chmod 755 server.sh
	run daemonctl new web -- "$demo/server.sh"
	cat >"$apps/web/check" <<EOF
#!/bin/sh
# The health check (Nagios exit codes): /health fails while $demo/sick exists.
if [ -e $demo/sick ]; then echo "CRITICAL - /health answered 503"; exit 2; fi
echo "OK - /health answered 200"
EOF
	chmod 755 "$apps/web/check"
	run cat "$apps/web/check"
	run daemonctl config set web logging.max_size=4K logging.max_count=3 \
	    monitoring.check_interval=500ms monitoring.startup_delay=1s \
	    monitoring.failure_threshold=2 restart.delay=1s

	step "daemonctl start: daemonrun supervises teelog, which logs the app; healthcheck watches it"
	run daemonctl start web
	wait_for '[ "$(key state)" = up ] && grep -q "state=healthy" "$logs/events.log"'
	run daemonctl status web --resources --health
	echo '$ ps -o pid,args --forest -s $(ps -o sid= -p $(cat $DAEMONCTL_HOME/run/web/daemonctl.pid))'
	sid=$(ps -o sid= -p "$(cat "$DAEMONCTL_HOME/run/web/daemonctl.pid")" | tr -d ' ')
	ps -o pid,args --forest -s "$sid" | sed "s|$top/bin/||g; s|$demo|\$demo|g" | cut -c 1-100

	step "its logs rotate through teelog: 4 KiB files, timestamped, 3 kept"
	wait_for '[ $(ls "$logs" | grep -c "^out\.log\.") -ge 2 ]' 30
	echo "\$ ls $logs"
	ls "$logs"
	run tail -n 2 "$logs/out.log"
	run daemonctl logs web --tail 3
	echo '$ daemonctl logs web | grep -c "GET /page"'
	daemonctl logs web | grep -c "GET /page"

	step "a crash: the supervisor restarts it after 1s, then, crashing again soon, after 2s (backoff)"
	run touch "$demo/crash"
	wait_for '[ "$(key restarts)" = 1 ] && [ "$(key state)" = up ]'
	run touch "$demo/crash"
	wait_for '[ "$(key restarts)" = 2 ] && [ "$(key state)" = up ]'
	echo "\$ grep -E 'exit|restart|backoff' $logs/events.log | tail -n 5"
	events ' info exit | restart | backoff ' 5
	run daemonctl logs web --stderr
	run daemonctl status web

	step "a failing health check: two failures in a row, and daemonctl restarts it"
	run touch "$demo/sick"
	wait_for 'grep -q " unhealthy action=restart" "$logs/events.log"'
	run rm "$demo/sick"
	wait_for '[ "$(key state)" = up ] && events "health state=" 1 | grep -q state=healthy' 30
	echo "\$ grep -E ' health | unhealthy | control | exit ' $logs/events.log | tail -n 5"
	events ' health | unhealthy | control | exit ' 5
	run daemonctl status web --health
fi

step "teelog alone: a command's output passed through, and logged with timestamps"
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
echo '$ teelog -t -s 2K -n 3 -z logs/out.log logs/err.log -- sh chatty.sh 2>/dev/null | tail -n 2'
set +e
teelog -t -s 2K -n 3 -z logs/out.log logs/err.log -- sh chatty.sh 2>/dev/null >pass
status=$?
set -e
tail -n 2 pass
echo "(teelog exited $status, the command's own status)"
run ls logs
run cat logs/err.log

# plotq: three jobs on one slot, their logs, the queue; its own socket and
# workspace in the demo directory, the daemon shut down at the end.
if [ -x "$top/bin/plotq" ]; then
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
fi

if command -v tmux >/dev/null 2>&1 && [ -x "$top/bin/pbroute" ]; then
	step "pbroute: a note typed into a tmux pane (read from --stdin: no network)"
	tmux -L "$sock" -f /dev/null new-session -d -s work -x 60 -y 4 "cat"
	printf '[tmux]\nenter_delay = 0\n[security]\nallow_senders = ["me@example.com"]\n' >pb.toml
	echo '{"iden":"d1","type":"note","body":"echo hello from a phone","sender_email":"me@example.com"}' >push.json
	run sh -c "pbroute --stdin --all-devices --session work -L $sock -c pb.toml <push.json"
	wait_for 'tmux -L "$sock" capture-pane -p -t =work: | grep -q hello' 10
	run tmux -L "$sock" capture-pane -p -t =work:
	tmux -L "$sock" kill-server
fi

if [ -x "$top/bin/daemonctl" ]; then
	step "daemonctl stop: the app, its logger, its health check and the supervisor end"
	run daemonctl stop web
	run daemonctl status web || echo "(status exits 3: not running)"
	echo "\$ grep -c 'GET /page' $logs/out.log*   # what is kept: 3 rotated files and the live one"
	grep -c 'GET /page' "$logs"/out.log*
fi

step "done; $demo is removed"
