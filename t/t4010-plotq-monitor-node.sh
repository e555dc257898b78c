#!/bin/sh
test_description='plotq: the monitor against Node'"'"'s own WebSocket client'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

# Node 20 has WebSocket behind --experimental-websocket; later ones have it.
if command -v node >/dev/null; then
	if node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2>/dev/null; then
		NODE="node"
	elif node --experimental-websocket -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2>/dev/null; then
		NODE="node --experimental-websocket"
	fi
fi
[ -n "${NODE:-}" ] && test_set_prereq NODEWS

plotq_env spool
mkdir -p "$WS" && printf "[websocket]\napi_key = \"k3y\"\n" >"$WS/config.toml"

test_expect_success NODEWS 'five Node clients each get every event of 20 jobs, in order' '
	test_bg plotq daemon --host 127.0.0.1 --port 0 2>daemon.err &&
	test_wait_for "grep -q \" info start \" daemon.err" &&
	PORT=$(sed -n "s/.* monitor host=.* port=\([0-9]*\) .*/\1/p" daemon.err) &&
	{ $NODE "$TEST_DIRECTORY/helpers/plotq-wsnode.js" \
		"ws://127.0.0.1:$PORT/ws?api_key=k3y" 5 20 60 >out 2>&1 & } &&
	nodepid=$! &&
	test_wait_for "grep -q -e ready -e error -e closed out" 30 &&
	test_grep "^ready" out &&
	for i in $(seq 20); do plotq run -- true >/dev/null || return 1; done &&
	wait $nodepid &&
	test_grep "^all$" out &&
	test $(grep -c "queued 20 started 20 finished 20" out) = 5
'

test_expect_success NODEWS 'a Node client with a wrong key is refused before the upgrade' '
	$NODE "$TEST_DIRECTORY/helpers/plotq-wsnode.js" \
		"ws://127.0.0.1:$PORT/ws?api_key=nope" 1 1 20 >out 2>&1;
	test_grep -e "error" -e "closed 1006" out &&
	test_grep ! "^ready" out &&
	test_grep "monitor_refused reason=api_key" daemon.err &&
	plotq_stop
'

test_done
