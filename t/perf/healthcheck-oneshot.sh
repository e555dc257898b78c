#!/bin/sh
# t/perf/healthcheck-oneshot.sh: one-shot checks against a local server,
# each a whole process run: healthcheck --tcp against nc -z, healthcheck
# --http against curl -s -o /dev/null (and with --expect-body, which reads
# the body too). The server is t/helpers' tk-httpd on 127.0.0.1. Prints
# hyperfine's figures and the ratios. Targets: no slower than nc for tcp,
# than curl for http. Run by make perf, never by make check.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$TOP/t/perf/out/healthcheck
RUNS=${RUNS:-300}
HC=$TOP/bin/healthcheck
HTTPD=$TOP/bin/.obj/t/helpers/tk-httpd

command -v hyperfine >/dev/null || { echo "healthcheck-oneshot: hyperfine is not installed: skipped"; exit 0; }
[ -x "$HC" ] || { echo "healthcheck-oneshot: build first (make)"; exit 1; }
[ -x "$HTTPD" ] || make -C "$TOP" build-tests >/dev/null || exit 1

rm -rf "$OUT"
mkdir -p "$OUT"
"$HTTPD" -p "$OUT/port" "/health=body=ok" &
srv=$!
trap 'kill $srv 2>/dev/null' EXIT
i=0
until [ -s "$OUT/port" ] || [ $i -gt 250 ]; do sleep 0.02; i=$((i + 1)); done
P=$(cat "$OUT/port")
URL=http://127.0.0.1:$P/health

# Each must answer "healthy" (exit 0) to count.
names="nc healthcheck-tcp curl healthcheck-http healthcheck-body"
set -- "nc -z 127.0.0.1 $P" "$HC --tcp 127.0.0.1:$P" "curl -s -o /dev/null $URL" \
	"$HC --http $URL" "$HC --http $URL --expect-body ok"
for c in "$@"; do
	$c >/dev/null 2>&1 || { echo "healthcheck-oneshot: '$c' failed"; exit 1; }
done

echo "versions: $(nc -h 2>&1 | head -n 1); $(curl --version | head -n 1 | cut -d' ' -f1-2); healthcheck $($HC --version | cut -d' ' -f2)"
hyperfine -N --warmup 30 --runs "$RUNS" --export-json "$OUT/result.json" "$@" </dev/null >"$OUT/hyperfine.txt" 2>&1 ||
	{ cat "$OUT/hyperfine.txt"; exit 1; }

python3 - "$OUT/result.json" $names <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
names = sys.argv[2:]
t = {n: r for n, r in zip(names, res)}
print("%-18s %9s %9s %9s %9s" % ("command", "mean ms", "stddev", "median", "min ms"))
for n in names:
    r = t[n]
    print("%-18s %9.2f %9.2f %9.2f %9.2f" % (n, r["mean"] * 1e3, r["stddev"] * 1e3,
          r["median"] * 1e3, r["min"] * 1e3))
print()
def ratio(a, b, target):
    print("%-28s mean %.2fx  median %.2fx  (%s)" % (a + " / " + b,
          t[a]["mean"] / t[b]["mean"], t[a]["median"] / t[b]["median"], target))
ratio("healthcheck-tcp", "nc", "target: at most 1.0x")
ratio("healthcheck-http", "curl", "target: at most 1.0x")
ratio("healthcheck-body", "curl", "reads the body as curl does")
PY
