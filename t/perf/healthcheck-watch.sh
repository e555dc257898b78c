#!/bin/sh
# t/perf/healthcheck-watch.sh: what a watch-mode healthcheck costs over
# time, checking every second: CPU time (its own, and its children's for
# --exec) and resident memory, read from /proc every STEP seconds for
# DURATION seconds (default 120; the target, under 0.1% CPU and a steady
# RSS, is stated for 10 minutes: DURATION=600). Three at once:
#   net   --http URL --tcp HOST:PORT against tk-httpd
#   exec  --exec true (a process per check)
#   proc  --pid PID --cpu-max --rss-max --sample 500ms
# Linux only (/proc). Run by make perf, never by make check.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$TOP/t/perf/out/healthcheck-watch
DURATION=${DURATION:-120}
STEP=${STEP:-10}
HC=$TOP/bin/healthcheck
HTTPD=$TOP/bin/.obj/t/helpers/tk-httpd

[ -r /proc/self/stat ] || { echo "healthcheck-watch: needs /proc: skipped"; exit 0; }
[ -x "$HC" ] || { echo "healthcheck-watch: build first (make)"; exit 1; }
[ -x "$HTTPD" ] || make -C "$TOP" build-tests >/dev/null || exit 1

rm -rf "$OUT"
mkdir -p "$OUT"
"$HTTPD" -p "$OUT/port" "/health=body=ok" &
srv=$!
pids=$srv
trap 'kill $pids 2>/dev/null' EXIT
i=0
until [ -s "$OUT/port" ] || [ $i -gt 250 ]; do sleep 0.02; i=$((i + 1)); done
P=$(cat "$OUT/port")

"$HC" --watch --interval 1s --http "http://127.0.0.1:$P/health" --tcp "127.0.0.1:$P" >"$OUT/net.out" &
net=$!
"$HC" --watch --interval 1s --exec true >"$OUT/exec.out" &
exe=$!
"$HC" --watch --interval 1s --pid $srv --cpu-max 90 --rss-max 1G --sample 500ms >"$OUT/proc.out" &
prc=$!
pids="$pids $net $exe $prc"

HZ=$(getconf CLK_TCK)
# ticks PID: own utime+stime, children's cutime+cstime
ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13, $14 + $15 }' /proc/$1/stat; }
# ns PID: nanoseconds on a CPU (the scheduler's count: finer than ticks)
ns() { cut -d' ' -f1 /proc/$1/schedstat 2>/dev/null || echo 0; }
rss() { awk '$1 == "VmRSS:" { print $2 }' /proc/$1/status; }

start=$(date +%s.%N)
n0=$(ns $net)
set -- $(ticks $exe); e0=$(ns $exe); ec0=$2
p0=$(ns $prc)
printf "%6s %10s %10s %10s %12s %12s\n" "t (s)" "net kB" "exec kB" "proc kB" "net cpu ms" "exec cpu ms"
t=0
while [ $t -lt "$DURATION" ]; do
	sleep "$STEP"
	t=$((t + STEP))
	printf "%6d %10s %10s %10s %12s %12s\n" $t "$(rss $net)" "$(rss $exe)" "$(rss $prc)" \
		$(( ($(ns $net) - n0) / 1000000 )) $(( ($(ns $exe) - e0) / 1000000 ))
	echo "$t $(rss $net) $(rss $exe) $(rss $prc)" >>"$OUT/rss"
done
end=$(date +%s.%N)
n1=$(ns $net)
set -- $(ticks $exe); e1=$(ns $exe); ec1=$2
p1=$(ns $prc)
for p in $net $exe $prc; do
	kill -0 $p 2>/dev/null || { echo "healthcheck-watch: a watcher died"; exit 1; }
done
python3 - "$OUT/rss" "$start" "$end" "$HZ" $n0 $n1 $e0 $e1 $ec0 $ec1 $p0 $p1 "$(grep -c . "$OUT/net.out")" <<'PY'
import sys
rows = [list(map(int, l.split())) for l in open(sys.argv[1])]
start, end, hz = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
n0, n1, e0, e1, ec0, ec1, p0, p1, lines = map(int, sys.argv[5:14])
secs = end - start
def pct(ns): return 100.0 * ns / 1e9 / secs
def tpct(t): return 100.0 * t / hz / secs
print()
print("over %.0f s, a check every second:" % secs)
print("  net  (--http + --tcp):    CPU %.4f%%  (%.1f ms)" % (pct(n1 - n0), (n1 - n0) / 1e6))
print("  exec (--exec true):       CPU %.4f%% own, + %.3f%% in the checks it ran" %
      (pct(e1 - e0), tpct(ec1 - ec0)))
print("  proc (--pid, cpu/rss):    CPU %.4f%%" % pct(p1 - p0))
print("  transition lines printed by net: %d (steady: 1)" % lines)
for i, name in ((1, "net"), (2, "exec"), (3, "proc")):
    first, last = rows[0][i], rows[-1][i]
    slope = (last - first) / max(rows[-1][0] - rows[0][0], 1) * 3600
    print("  %-5s RSS %d kB -> %d kB (%+d kB; %+.0f kB/hour if it went on)" %
          (name, first, last, last - first, slope))
print("target: under 0.1% CPU, RSS steady")
PY
