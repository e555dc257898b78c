#!/bin/sh
# t/perf/pbroute-latency.sh: tickle-to-pane latency and memory over many
# pushes: pbroute against the anchor, a push-tmux-style client in Python
# (asyncio + aiohttp from Debian's python3-aiohttp: the seed's own design),
# both against the fake server (t/helpers/pb-fake) on 127.0.0.1.
#
# Latency: the fake server notes the monotonic time it sends the tickle;
# the pane runs a recorder that notes the monotonic time each line arrives
# (the line reaches it with the Enter, so enter_delay, 0 here, counts).
# Median, p90 and max over PB_PERF_N pushes (default 100), one at a time.
# Memory: pbroute's RSS after 100 pushes and after PB_PERF_RSS_N (default
# 10000); the anchor's after its latency run and after PB_PERF_ANCHOR_RSS_N
# (default 1000). Target: median under 20 ms + enter_delay, RSS steady.
# PB_PERF_ENTER_DELAY (seconds, default 0) sets enter_delay for both (with
# a delay pbroute makes two tmux calls, the body then the Enter).
set -e
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$TOP/t/perf/out/pbroute
N=${PB_PERF_N:-100}
RSS_N=${PB_PERF_RSS_N:-10000}
ANCHOR_RSS_N=${PB_PERF_ANCHOR_RSS_N:-1000}
DELAY=${PB_PERF_ENTER_DELAY:-0}
PY=/usr/bin/python3
SOCK=pbperf-$$
export PATH="$TOP/bin:$TOP/t/helpers:$PATH"
export PUSHBULLET_TOKEN=perf0token$$
unset TMUX

rm -rf "$OUT"
mkdir -p "$OUT/fake" "$OUT/home"
cd "$OUT"
export HOME="$OUT/home" XDG_CONFIG_HOME="$OUT/home/.config" XDG_STATE_HOME="$OUT/home/.state"
mkdir -p "$XDG_CONFIG_HOME/pbroute"
printf '[tmux]\nenter_delay = %s\n' "$DELAY" >"$XDG_CONFIG_HOME/pbroute/config.toml"

pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || :; done
	tmux -L "$SOCK" kill-server 2>/dev/null || :
}
trap cleanup EXIT INT TERM

pb-fake serve "$OUT/fake" --token "$PUSHBULLET_TOKEN" --nop-interval 30 2>fake.err &
pids="$pids $!"
i=0
while [ ! -s fake/port ] || [ ! -s fake/ctl-port ]; do
	i=$((i + 1)); [ $i -lt 500 ] || { echo "fake server did not start"; exit 1; }
	sleep 0.02
done
PORT=$(cat fake/port)
CTL=$(cat fake/ctl-port)
pb-fake ctl "$OUT/fake" device bench dev-bench >/dev/null

cat >recorder.py <<'EOF'
import sys, time
out = open(sys.argv[1], "a", buffering=1)
while True:
    l = sys.stdin.readline()
    if not l:
        break
    out.write("%.6f %s\n" % (time.monotonic(), l.rstrip("\n")))
EOF

cat >driver.py <<'EOF'
import json, os, sys, time, urllib.request
ctl, stamps, n, tag = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
def call(cmd, *args):
    data = json.dumps({"cmd": cmd, "args": list(args)}).encode()
    r = urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:%d/" % ctl, data=data), timeout=30)
    return json.loads(r.read())
f = open(stamps)
seen = {}
lat = []
for i in range(n):
    body = "%s-%d" % (tag, i)
    p = call("push", "target_device_iden=dev-bench", "body=" + body)
    t0 = p["tickled_at"]
    deadline = time.monotonic() + 30
    while body not in seen:
        l = f.readline()
        if l:
            ts, _, b = l.rstrip("\n").partition(" ")
            seen[b] = float(ts)
            continue
        if time.monotonic() > deadline:
            sys.exit("no line %s after 30s" % body)
        time.sleep(0.0005)
    lat.append((seen.pop(body) - t0) * 1000)
lat.sort()
if lat:
    print("%.2f %.2f %.2f" % (lat[len(lat) // 2], lat[int(len(lat) * 0.9)], lat[-1]))
EOF

cat >anchor.py <<'EOF'
# A push-tmux-style client: asyncio + aiohttp, as the seed's Python tool.
import asyncio, os, sys, aiohttp
api, stream, sock, delay = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
token = os.environ["PUSHBULLET_TOKEN"]
H = {"Access-Token": token}
async def tmux(*a):
    p = await asyncio.create_subprocess_exec("tmux", "-L", sock, *a)
    await p.wait()
async def main():
    async with aiohttp.ClientSession() as s:
        async with s.get(api + "/v2/devices", headers=H) as r:
            devs = {d["iden"]: d["nickname"] for d in (await r.json())["devices"]}
        async with s.get(api + "/v2/pushes?limit=1", headers=H) as r:
            ps = (await r.json())["pushes"]
        last = ps[0]["modified"] if ps else 0
        seen = set()
        async with s.ws_connect(stream + "/" + token) as ws:
            async for msg in ws:
                m = msg.json()
                if m.get("type") != "tickle" or m.get("subtype") != "push":
                    continue
                async with s.get(api + "/v2/pushes?active=true&modified_after=%r" % last,
                                 headers=H) as r:
                    ps = (await r.json())["pushes"]
                for p in sorted(ps, key=lambda p: p["modified"]):
                    last = max(last, p["modified"])
                    if p["iden"] in seen or p.get("type") != "note":
                        continue
                    seen.add(p["iden"])
                    target = "=" + devs.get(p.get("target_device_iden"), "?") + ":"
                    await tmux("send-keys", "-l", "-t", target, "--", p["body"])
                    await asyncio.sleep(delay)
                    await tmux("send-keys", "-t", target, "Enter")
asyncio.run(main())
EOF

rss() {
	awk '/^VmRSS/ { print $2 }' "/proc/$1/status"
}

tmux -L "$SOCK" new-session -d -s bench -x 120 -y 20 "exec $PY -u $OUT/recorder.py $OUT/stamps"
: >stamps

# --- pbroute ---------------------------------------------------------------
pbroute --api-url "http://127.0.0.1:$PORT" --stream-url "ws://127.0.0.1:$PORT/websocket" \
	-L "$SOCK" --state "$OUT/state" 2>pbroute.log &
PB=$!
pids="$pids $PB"
i=0
until grep -q "info listening" pbroute.log; do
	i=$((i + 1)); [ $i -lt 500 ] || { echo "pbroute did not start"; cat pbroute.log; exit 1; }
	sleep 0.02
done
set -- $($PY driver.py "$CTL" stamps "$N" pb)
pb_med=$1 pb_p90=$2 pb_max=$3
pb_rss1=$(rss $PB)
$PY driver.py "$CTL" stamps "$RSS_N" pbrss >/dev/null
pb_rss2=$(rss $PB)
kill $PB; wait $PB || :
routed=$(grep -c "info routed" pbroute.log)

# --- the anchor ------------------------------------------------------------
anchor=yes
if ! $PY -c 'import aiohttp' 2>/dev/null; then
	anchor="no (apt-get install python3-aiohttp)"
else
	$PY anchor.py "http://127.0.0.1:$PORT" "ws://127.0.0.1:$PORT/websocket" "$SOCK" "$DELAY" 2>anchor.log &
	AN=$!
	pids="$pids $AN"
	i=0
	until grep -q "STREAM open" fake/requests.log && [ "$(grep -c 'STREAM open' fake/requests.log)" -ge 2 ]; do
		i=$((i + 1)); [ $i -lt 500 ] || { echo "anchor did not start"; cat anchor.log; exit 1; }
		sleep 0.02
	done
	sleep 0.5	# its start-point request
	set -- $($PY driver.py "$CTL" stamps "$N" an)
	an_med=$1 an_p90=$2 an_max=$3
	an_rss1=$(rss $AN)
	$PY driver.py "$CTL" stamps "$ANCHOR_RSS_N" anrss >/dev/null
	an_rss2=$(rss $AN)
	kill $AN; wait $AN 2>/dev/null || :
fi

echo "pbroute tickle-to-pane latency, $N pushes one at a time, enter_delay ${DELAY}s"
printf '%-28s %10s %10s %10s %12s %14s\n' "" "median ms" "p90 ms" "max ms" "RSS@100 KiB" "RSS@more KiB"
printf '%-28s %10s %10s %10s %12s %14s\n' "pbroute" "$pb_med" "$pb_p90" "$pb_max" "$pb_rss1" "$pb_rss2 @$RSS_N"
if [ "$anchor" = yes ]; then
	printf '%-28s %10s %10s %10s %12s %14s\n' "anchor (python3-aiohttp)" "$an_med" "$an_p90" "$an_max" "$an_rss1" "$an_rss2 @$ANCHOR_RSS_N"
	awk -v a="$an_med" -v b="$pb_med" -v r1="$an_rss1" -v r2="$pb_rss1" 'BEGIN {
		printf "ratio anchor/pbroute: latency %.1fx, memory %.1fx\n", a / b, r1 / r2 }'
else
	echo "anchor: $anchor"
fi
echo "pbroute routed $routed pushes; RSS growth over $RSS_N pushes: $((pb_rss2 - pb_rss1)) KiB"
awk -v m="$pb_med" -v d="$DELAY" 'BEGIN { exit !(m < 20 + d * 1000) }' && echo "target (median < 20 ms + enter_delay): met" ||
	echo "target (median < 20 ms + enter_delay): NOT met"
