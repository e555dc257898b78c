#!/bin/sh
# t/perf/daemonrun-restart.sh: restart latency, from a SIGKILL of the
# supervised child to the new child's first instruction after exec:
# daemonrun --restart always --restart-delay 0 against runit's runsv and
# s6's s6-supervise. Each supervisor execs the same small program (the
# helper tk-restartlat, as ./run), which writes its CLOCK_MONOTONIC
# start time; the driver kills it PERF_N times, PERF_GAP ms apart (runsv
# and s6-supervise wait a second before restarting a child that died
# within a second of its start; the gap keeps them out of that).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
make -s -C "$top" build-tests >/dev/null || exit 1
dr=$top/bin/daemonrun
lat=$top/bin/.obj/t/helpers/tk-restartlat
n=${PERF_N:-20}
gap=${PERF_GAP:-1100}
work=$(mktemp -d /tmp/dr-restart.XXXXXX)
pids=
cleanup() {
	for p in $pids; do kill -TERM "$p" 2>/dev/null; done
	sleep 0.3
	for p in $pids; do pkill -KILL -P "$p" 2>/dev/null; kill -KILL "$p" 2>/dev/null; done
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

svcdir() { mkdir -p "$work/$1" && ln -s "$lat" "$work/$1/run" && echo "$work/$1"; }

# measure NAME DIR: wait for the first stamp, then run the driver.
measure() {
	i=0
	while [ ! -s "$2/stamp" ] && [ $i -lt 250 ]; do sleep 0.02; i=$((i + 1)); done
	[ -s "$2/stamp" ] || { echo "$1: did not start" >&2; return 1; }
	"$lat" "$2/stamp" "$n" "$gap" >"$work/$1.lat" || return 1
	echo "$1" >>"$work/names"
}

echo "restart latency, SIGKILL to the new child's exec, us ($n kills each)"
d=$(svcdir daemonrun)
(cd "$d" && exec "$dr" --restart always --restart-delay 0 -- ./run 2>/dev/null) &
pids="$pids $!"
measure daemonrun "$d"

if command -v runsv >/dev/null; then
	d=$(svcdir runsv); runsv "$d" & pids="$pids $!"; measure runsv "$d"
fi
if command -v s6-supervise >/dev/null; then
	d=$(svcdir s6); s6-supervise "$d" & pids="$pids $!"; measure s6-supervise "$d"
fi

printf "%-14s %8s %8s %8s %8s %8s\n" "" min median mean p90 max
for name in $(cat "$work/names"); do
	awk -v name="$name" '{ v[NR] = $1; s += $1 }
	END { printf "%-14s %8d %8d %8d %8d %8d\n", name, v[1], v[int((NR + 1) / 2)],
		s / NR, v[int(NR * 0.9 + 0.5)], v[NR] }' "$work/$name.lat"
done | tee "$work/table"
echo
awk '{ med[$1] = $3 } END {
	for (n in med) if (n != "daemonrun")
		printf "daemonrun median / %s median: %.2fx\n", n, med["daemonrun"] / med[n] }' "$work/table"
