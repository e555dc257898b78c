#!/bin/sh
# t/perf/plotq-monitor.sh: the plotq monitor under load, in one run:
#  - N `true` jobs (2 slots) with no monitor client, then with C WebSocket
#    clients (Node's own WebSocket) subscribed to "jobs": every client must
#    get every event; the daemon's CPU time and peak RSS for each run;
#  - GET /status with wrk for D seconds on loopback (T threads, K
#    connections).
# Run by make perf, never by make check. N=1000 C=200 D=10 by default.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$TOP/t/perf/out/plotq-monitor
N=${N:-1000}
C=${C:-200}
D=${D:-10}
PATH=$TOP/bin:$PATH
export PATH
[ -x "$TOP/bin/plotq" ] || { echo "plotq-monitor: build first (make)"; exit 1; }
NODE=
if command -v node >/dev/null; then
	if node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2>/dev/null; then
		NODE=node
	elif node --experimental-websocket -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2>/dev/null; then
		NODE="node --experimental-websocket"
	fi
fi
[ -n "$NODE" ] || echo "plotq-monitor: no Node with WebSocket: no client run"
command -v wrk >/dev/null || echo "plotq-monitor: wrk not installed: no /status run"

rm -rf "$OUT"
mkdir -p "$OUT"
unset PLOTQ_SOCKET PLOTQ_STORE PLOTQ_API_KEY
XDG_RUNTIME_DIR=$OUT/run XDG_DATA_HOME=$OUT/data
export XDG_RUNTIME_DIR XDG_DATA_HOME
mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME/plotq"
chmod 700 "$XDG_RUNTIME_DIR"
printf '[queue.default]\nslots = 2\n[websocket]\nmax_connections = %s\n' \
    $((C + 10)) >"$XDG_DATA_HOME/plotq/config.toml"

DPID=
cleanup() {
	plotq shutdown --now >/dev/null 2>&1
	[ -n "$DPID" ] && wait "$DPID" 2>/dev/null
	return 0
}
trap cleanup EXIT

now() { date +%s.%N; }
ticks() { awk '{ print $14 + $15 }' /proc/$1/stat; }
hz=$(getconf CLK_TCK)

plotq daemon --host 127.0.0.1 --port 0 2>"$OUT/daemon.err" &
DPID=$!
i=0
while ! grep -q " info start " "$OUT/daemon.err" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 500 ] && { echo "no daemon"; exit 1; }
	sleep 0.02
done
PORT=$(sed -n 's/.* monitor host=.* port=\([0-9]*\) .*/\1/p' "$OUT/daemon.err")

# One run of N jobs: wall time, daemon CPU seconds.
batch() { # label
	c0=$(ticks $DPID); t0=$(now)
	i=0
	while [ $i -lt $N ]; do plotq run true >/dev/null; i=$((i + 1)); done
	last=$(plotq run true)
	plotq wait $last >/dev/null
	t1=$(now); c1=$(ticks $DPID)
}

echo "plotq-monitor: $N true jobs, 2 slots, submitted from a shell loop"
batch
w0=$(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }')
cpu0=$(echo "$c0 $c1 $hz" | awk '{ printf "%.2f", ($2 - $1) / $3 }')
printf '  %-40s %8s s wall %8s s daemon CPU\n' "no monitor client" "$w0" "$cpu0"
if [ -n "$NODE" ]; then
	$NODE "$TOP/t/helpers/plotq-wsnode.js" "ws://127.0.0.1:$PORT/ws" $C \
	    $((N + 1)) 600 >"$OUT/clients.out" 2>&1 &
	np=$!
	i=0
	while ! grep -q -e ready -e error -e closed -e timeout "$OUT/clients.out"; do
		i=$((i + 1)); [ $i -gt 3000 ] && break; sleep 0.02
	done
	batch
	wait $np
	w1=$(echo "$t0 $t1" | awk '{ printf "%.2f", $2 - $1 }')
	cpu1=$(echo "$c0 $c1 $hz" | awk '{ printf "%.2f", ($2 - $1) / $3 }')
	full=$(grep -c "queued $((N + 1)) started $((N + 1)) finished $((N + 1))" "$OUT/clients.out")
	printf '  %-40s %8s s wall %8s s daemon CPU\n' "$C WebSocket clients on \"jobs\"" "$w1" "$cpu1"
	printf '  %-40s %s of %s (in order: %s)\n' "clients that got all $((3 * (N + 1))) events" \
	    "$full" "$C" "$(grep -q '^all$' "$OUT/clients.out" && echo yes || echo no)"
fi
printf '  %-40s %s KiB\n' "daemon peak RSS (VmHWM)" "$(awk '/^VmHWM/ { print $2 }' /proc/$DPID/status)"

if command -v wrk >/dev/null; then
	echo "plotq-monitor: GET /status with wrk, ${D}s, 2 threads, 50 connections"
	wrk -t2 -c50 -d${D}s "http://127.0.0.1:$PORT/status" >"$OUT/wrk.out" 2>&1
	printf '  %-40s %s\n' "requests/s" "$(awk '/^Requests\/sec/ { print $2 }' "$OUT/wrk.out")"
	printf '  %-40s %s\n' "latency avg / max" "$(awk '/Latency/ { print $2 " / " $4; exit }' "$OUT/wrk.out")"
	printf '  %-40s %s\n' "errors" "$(grep -E 'Non-2xx|Socket errors' "$OUT/wrk.out" | tr -s ' ' | tr '\n' ' ')"
fi
