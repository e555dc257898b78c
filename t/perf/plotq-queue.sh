#!/bin/sh
# t/perf/plotq-queue.sh: plotq against task-spooler (tsp) and nq, side by
# side in one run:
#  - N `true` jobs submitted one after the other from a shell loop and
#    waited for, end to end (plotq with 1 and 2 slots, tsp with 1 and 2,
#    nq, which runs one at a time); jobs/s and plotq's ratios;
#  - the processes alive while 100 jobs wait behind a running one (the
#    running job itself not counted);
#  - `plotq list --all --json` over 10 000 finished jobs, and the daemon's
#    RSS with them recorded.
# Run by make perf, never by make check. N=1000 and BIG=10000 by default.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$TOP/t/perf/out/plotq
N=${N:-1000}
BIG=${BIG:-10000}
PATH=$TOP/bin:$PATH
export PATH

[ -x "$TOP/bin/plotq" ] || { echo "plotq-queue: build first (make)"; exit 1; }
have_tsp=; command -v tsp >/dev/null && have_tsp=1
have_nq=; command -v nq >/dev/null && have_nq=1
[ -n "$have_tsp" ] || echo "plotq-queue: tsp (task-spooler) not installed: no anchor"
[ -n "$have_nq" ] || echo "plotq-queue: nq not installed: no anchor"

rm -rf "$OUT"
mkdir -p "$OUT"
unset PLOTQ_SOCKET PLOTQ_STORE TS_SOCKET NQDIR

cleanup() {
	for s in "$OUT"/*/run/plotq/sock; do
		[ -S "$s" ] && plotq shutdown --now --socket "$s" >/dev/null 2>&1
	done
	[ -n "$have_tsp" ] && for s in "$OUT"/tsp*.sock; do
		[ -S "$s" ] && TS_SOCKET=$s tsp -K >/dev/null 2>&1
	done
	return 0
}
trap cleanup EXIT

now() { date +%s.%N; }
rate() { echo "$1 $2 $3" | awk '{ printf "%.0f", $1 / ($3 - $2) }'; }

# A plotq corner: its own socket and workspace, SLOTS slots in default.
corner() { # name slots
	XDG_RUNTIME_DIR=$OUT/$1/run
	XDG_DATA_HOME=$OUT/$1/data
	export XDG_RUNTIME_DIR XDG_DATA_HOME
	mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME/plotq"
	chmod 700 "$XDG_RUNTIME_DIR"
	printf '[queue.default]\nslots = %s\n' "$2" >"$XDG_DATA_HOME/plotq/config.toml"
	plotq list >/dev/null	# the daemon is started before the clock
}

bench_plotq() { # slots
	corner plotq$1 $1
	t0=$(now)
	i=0
	while [ $i -lt $N ]; do plotq run true >/dev/null; i=$((i + 1)); done
	plotq wait $(seq 1 $N)
	t1=$(now)
	rate $N $t0 $t1
}

bench_tsp() { # slots
	TS_SOCKET=$OUT/tsp$1.sock TS_MAXFINISHED=$((N + 10)) TMPDIR=$OUT
	export TS_SOCKET TS_MAXFINISHED TMPDIR
	tsp -S $1 >/dev/null
	t0=$(now)
	i=0
	while [ $i -lt $N ]; do tsp true >/dev/null; i=$((i + 1)); done
	if [ $1 = 1 ]; then
		tsp -w >/dev/null
	else
		while tsp | grep -q -E ' (running|queued) '; do sleep 0.01; done
	fi
	t1=$(now)
	rate $N $t0 $t1
	tsp -K >/dev/null 2>&1
	unset TS_SOCKET TS_MAXFINISHED TMPDIR
}

bench_nq() {
	NQDIR=$OUT/nq
	export NQDIR
	mkdir -p "$NQDIR"
	t0=$(now)
	i=0
	while [ $i -lt $N ]; do nq true >/dev/null; i=$((i + 1)); done
	nq -w >/dev/null 2>&1
	t1=$(now)
	rate $N $t0 $t1
	unset NQDIR
}

echo "plotq-queue: $N true jobs end to end (submit from a shell loop, then wait)"
p1=$(bench_plotq 1)
p2=$(bench_plotq 2)
t1=-; t2=-; nq=-
[ -n "$have_tsp" ] && t1=$(bench_tsp 1) && t2=$(bench_tsp 2)
[ -n "$have_nq" ] && nq=$(bench_nq)
ratio() { [ "$2" = - ] && echo - || echo "$1 $2" | awk '{ printf "%.2fx", $1 / $2 }'; }
printf '  %-22s %8s %12s %12s\n' tool jobs/s vs-tsp-1 vs-tsp-same
printf '  %-22s %8s %12s %12s\n' "plotq, 1 slot" "$p1" "$(ratio $p1 $t1)" "$(ratio $p1 $t1)"
printf '  %-22s %8s %12s %12s\n' "plotq, 2 slots" "$p2" "$(ratio $p2 $t1)" "$(ratio $p2 $t2)"
printf '  %-22s %8s\n' "tsp, 1 slot" "$t1"
printf '  %-22s %8s\n' "tsp, 2 slots (-S 2)" "$t2"
printf '  %-22s %8s\n' "nq (one at a time)" "$nq"

echo "plotq-queue: processes while 100 jobs wait behind a running one"
count() { ps -e -o comm= | grep -c -x "$1"; }
base=$(count plotq)
corner plotqwait 1
plotq run -- sleep 30 >/dev/null
i=0; while [ $i -lt 100 ]; do plotq run true >/dev/null; i=$((i + 1)); done
pw=$(( $(count plotq) - base ))
plotq shutdown --now --grace 0 >/dev/null
tw=-; nw=-
if [ -n "$have_tsp" ]; then
	TS_SOCKET=$OUT/tspwait.sock TMPDIR=$OUT; export TS_SOCKET TMPDIR
	base=$(count tsp)
	tsp sleep 30 >/dev/null
	i=0; while [ $i -lt 100 ]; do tsp true >/dev/null; i=$((i + 1)); done
	tw=$(( $(count tsp) - base ))
	tsp -K >/dev/null 2>&1
	unset TS_SOCKET TMPDIR
fi
if [ -n "$have_nq" ]; then
	NQDIR=$OUT/nqwait; export NQDIR; mkdir -p "$NQDIR"
	base=$(count nq)
	nq sleep 30 >/dev/null
	i=0; while [ $i -lt 100 ]; do nq true >/dev/null; i=$((i + 1)); done
	nw=$(( $(count nq) - base ))
	for f in "$NQDIR"/,*; do
		p=${f##*,}; p=${p%%.*}
		kill "$p" 2>/dev/null	# nq's own jobs, by the pid in their name
	done
	unset NQDIR
fi
printf '  %-34s %8s\n' "plotq (daemon and its runner)" "$pw" \
    "tsp (server, one client per job)" "$tw" "nq (per job)" "$nw"

echo "plotq-queue: $BIG finished jobs recorded"
corner plotqbig 4
pids=
for c in 1 2 3 4 5 6 7 8; do
	( i=0; while [ $i -lt $((BIG / 8)) ]; do plotq run true >/dev/null; i=$((i + 1)); done ) &
	pids="$pids $!"
done
wait $pids
last=$(plotq run true)
plotq wait $last
best=
for k in 1 2 3; do
	t0=$(now)
	plotq list --all --json >"$OUT/list.json"
	t1=$(now)
	t=$(echo "$t0 $t1" | awk '{ printf "%.3f", $2 - $1 }')
	if [ -z "$best" ] || [ "$(echo "$t $best" | awk '{ print ($1 < $2) }')" = 1 ]; then best=$t; fi
done
jobs=$(grep -o '"id":' "$OUT/list.json" | wc -l)
pid=$(cat "$XDG_RUNTIME_DIR/plotq/sock.pid")
rss=$(awk '/^VmRSS/ { print $2 }' /proc/$pid/status 2>/dev/null || ps -o rss= -p $pid)
size=$(wc -c <"$OUT/list.json")
printf '  %-34s %s s (%s jobs, %s bytes)\n' "plotq list --all --json" "$best" "$jobs" "$size"
printf '  %-34s %s KiB\n' "daemon RSS (after taking them in)" "$rss"
# The same jobs loaded by a fresh daemon (finished jobs' environments are
# not kept): the steady state.
plotq shutdown >/dev/null
plotq list >/dev/null
pid=$(cat "$XDG_RUNTIME_DIR/plotq/sock.pid")
rss=$(awk '/^VmRSS/ { print $2 }' /proc/$pid/status 2>/dev/null || ps -o rss= -p $pid)
printf '  %-34s %s KiB\n' "daemon RSS (restarted, all loaded)" "$rss"
