#!/bin/sh
# t/perf/daemonrun-exec.sh: exec-mode overhead, side by side with the
# anchors: daemonrun --user nobody --nice 5 -- true against runit's
# chpst -u nobody -n 5 true and s6's s6-setuidgid nobody true (all drop
# root to nobody, then exec true). Target: no slower than chpst.
# Needs root (to drop privileges), hyperfine, runit, s6.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/t/perf/out
mkdir -p "$out"
dr=$top/bin/daemonrun
runs=${PERF_RUNS:-2000}

for c in hyperfine chpst s6-setuidgid; do
	command -v $c >/dev/null || { echo "skip: $c not installed"; exit 0; }
done
[ "$(id -u)" = 0 ] || { echo "skip: needs root"; exit 0; }

hyperfine -N -w 100 -r "$runs" --export-json "$out/exec.json" \
	-n daemonrun "$dr --user nobody --nice 5 -- true" \
	-n chpst "chpst -u nobody -n 5 true" \
	-n s6-setuidgid "s6-setuidgid nobody true" >"$out/exec.txt" 2>&1 ||
	{ cat "$out/exec.txt"; exit 1; }

python3 - "$out/exec.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
base = r["chpst"]["median"]
print("exec mode: drop to nobody, nice 5, exec true (hyperfine, %d runs each)" % len(r["chpst"]["times"]))
cpu = lambda x: x["user"] + x["system"]
print("%-14s %9s %9s %9s %9s %9s %9s" % ("", "min us", "median", "mean", "cpu us",
      "median/", "cpu/"))
print("%-14s %9s %9s %9s %9s %9s %9s" % ("", "", "", "", "", "chpst", "chpst"))
for name in ("daemonrun", "chpst", "s6-setuidgid"):
    x = r[name]
    print("%-14s %9.0f %9.0f %9.0f %9.0f %8.2fx %8.2fx" % (name, x["min"] * 1e6,
          x["median"] * 1e6, x["mean"] * 1e6, cpu(x) * 1e6, x["median"] / base,
          cpu(x) / cpu(r["chpst"])))
PY

# System calls, which the machine's load does not move.
if command -v strace >/dev/null; then
	echo
	printf "%-14s %10s\n" "" "syscalls"
	for c in "$dr --user nobody --nice 5 -- true" "$(command -v chpst) -u nobody -n 5 true" \
	    "$(command -v s6-setuidgid) nobody true"; do
		n=$(strace -c -f $c 2>&1 >/dev/null | awk '/ total$/ { print $(NF-2) }')
		printf "%-14s %10s\n" "$(basename "${c%% *}")" "$n"
	done
fi
