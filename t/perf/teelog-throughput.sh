#!/bin/sh
# t/perf/teelog-throughput.sh: teelog against cat > file, GNU tee, s6-log,
# svlogd and multilog, side by side in one run: the same ~1 GiB of
# 100-byte lines piped through each, without and with timestamps; MB/s,
# the ratio to `cat > file`, the tool's CPU time, and its peak RSS.
#
# teelog syncs each file at rotation and at exit, as the anchors do;
# "cat>file;sync" is cat followed by a sync of its file, for comparison.
# "teelog (no -s)" is the bare byte path: one file, synced at exit.
# "(pass)" rows pass the output through to a pipe (read by cat); the
# others send it to /dev/null (teelog: -q). Every logger rotates at 16000000 bytes (multilog's limit is 16 MiB) and
# keeps 10 files; the timestamped runs use each tool's TAI64N stamps (and
# teelog's RFC 3339 too). Each figure is the best of BENCH_RUNS runs.
#
#	BENCH_MB=1024 BENCH_RUNS=3 BENCH_DIR=t/perf/out/teelog sh t/perf/teelog-throughput.sh
#
# Needs /usr/bin/time (GNU); skips the anchors that are not installed
# (Debian packages s6, runit, daemontools).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
teelog=$top/bin/teelog
mb=${BENCH_MB:-1024}
runs=${BENCH_RUNS:-3}
dir=${BENCH_DIR:-$top/t/perf/out/teelog}
size=16000000
keep=10

[ -x "$teelog" ] || { echo "build first: make"; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)"; exit 1; }
rm -rf "$dir"
mkdir -p "$dir"
src=$dir/input
[ -d /dev/shm ] && src=/dev/shm/teelog-bench-input.$$
trap 'rm -rf "$src" "$dir"/run' EXIT INT TERM

lines=$((mb * 1024 * 1024 / 100))
echo "generating $mb MiB ($lines lines of 100 bytes)..."
awk -v n="$lines" 'BEGIN {
	pad = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz0123456789"
	for (i = 0; i < n; i++) printf "%010d %s\n", i, substr(pad, 1, 88)
}' >"$src"
bytes=$(wc -c <"$src")

# run NAME CMD...: the best of $runs runs of `cat src | CMD` in a fresh
# directory $dir/run; prints "wall_ms cpu_ms rss_kb" (the tool's own user
# and system time, which other load on the machine disturbs less).
run() {
	name=$1
	shift
	best=
	bestcpu=
	bestrss=
	i=0
	while [ $i -lt "$runs" ]; do
		rm -rf "$dir/run"
		mkdir -p "$dir/run/s6" "$dir/run/sv" "$dir/run/tl"
		printf 's%s\nn%s\n' "$size" "$keep" >"$dir/run/sv/config"
		sync
		t0=$(date +%s%N)
		cat "$src" | /usr/bin/time -o "$dir/time" -f "%U %S %M" "$@"
		t1=$(date +%s%N)
		t=$(( (t1 - t0) / 1000000 ))
		cpu=$(tail -1 "$dir/time" | awk '{ printf "%d", ($1 + $2) * 1000 }')
		rss=$(tail -1 "$dir/time" | awk '{ print $3 }')
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
		if [ -z "$bestcpu" ] || [ "$cpu" -lt "$bestcpu" ]; then bestcpu=$cpu; fi
		if [ -z "$bestrss" ] || [ "$rss" -gt "$bestrss" ]; then bestrss=$rss; fi
		i=$((i + 1))
	done
	echo "$best $bestcpu $bestrss"
}

results=$dir/results
: >"$results"
measure() { # MODE NAME CMD...
	mode=$1 name=$2
	shift 2
	r=$(run "$name" "$@")
	echo "$mode $(echo "$name" | tr " " _) $r" >>"$results"
	echo "  $mode $name: $(echo "$r" | awk -v b="$bytes" '{ printf "%.0f MB/s, %.2f CPU s, %d KB", b / 1e6 / ($1 / 1000), $2 / 1000, $3 }')"
}

have() { command -v "$1" >/dev/null 2>&1; }
o=$dir/run

echo "measuring, best of $runs..."
measure raw "cat>file" sh -c "exec cat >$o/cat.out"
measure raw "cat>file;sync" sh -c "cat >$o/cat.out && exec sync $o/cat.out"
measure raw "GNU tee" sh -c "exec tee $o/tee.out >/dev/null"
measure raw "GNU tee (pass)" sh -c "exec tee $o/tee.out | cat >/dev/null"
have s6-log && measure raw s6-log s6-log n$keep s$size "$o/s6"
have svlogd && measure raw svlogd svlogd "$o/sv"
have multilog && measure raw multilog multilog n$keep s$size "$o/ml"
measure raw teelog "$teelog" -q -s $size -n $keep "$o/tl/current"
measure raw "teelog (no -s)" "$teelog" -q "$o/tl/current"
measure raw "teelog (pass)" sh -c "exec $teelog -s $size -n $keep $o/tl/current | cat >/dev/null"

have s6-log && measure stamped "s6-log t" s6-log t n$keep s$size "$o/s6"
have svlogd && measure stamped "svlogd -t" svlogd -t "$o/sv"
have multilog && measure stamped "multilog t" multilog t n$keep s$size "$o/ml"
measure stamped "teelog tai64n" "$teelog" -q --timestamps=tai64n -s $size -n $keep "$o/tl/current"
measure stamped "teelog -t" "$teelog" -q -t -s $size -n $keep "$o/tl/current"

echo
echo "$mb MiB of 100-byte lines; rotation at $size bytes, $keep kept; best of $runs"
awk -v b="$bytes" '
	$2 == "cat>file" { cat = $3; catcpu = $4 }
	{ mode[NR] = $1; name[NR] = $2; gsub("_", " ", name[NR]); t[NR] = $3; cpu[NR] = $4; rss[NR] = $5; n = NR }
	END {
		printf "%-8s %-15s %7s %7s %8s %8s %9s\n", "mode", "tool", "MB/s", "vs cat", "CPU s", "vs cat", "peak RSS"
		for (i = 1; i <= n; i++)
			printf "%-8s %-15s %7.0f %6.0f%% %8.2f %7.0f%% %6d KB\n", mode[i], name[i],
			    b / 1e6 / (t[i] / 1000), 100 * cat / t[i], cpu[i] / 1000,
			    (cpu[i] > 0 ? 100 * catcpu / cpu[i] : 0), rss[i]
	}' "$results"
