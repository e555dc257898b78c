#!/bin/sh
# mk/perf-report.sh: run the benchmarks named on the command line and
# write doc/PERFORMANCE.md from that one run.
#
# Each benchmark (t/perf/*.sh) runs ours and its anchors side by side and
# prints its own table; its output is kept whole in t/perf/out/NAME.txt
# and in the document. The summary table at the top gathers, from every
# benchmark, the lines that state a ratio (a figure followed by "x"), so
# the comparison with each anchor reads in one place. A benchmark that
# fails or skips (an anchor not installed) says so in the table; make
# perf then fails, after the document is written. A benchmark that states
# no ratio is summed up by its last lines.
set -u
out=t/perf/out
doc=doc/PERFORMANCE.md
mkdir -p "$out"
failed=0

# PERF_REPORT_ONLY=1: write the document again from the outputs of the
# last run (t/perf/out), running nothing.
for s in "$@"; do
	[ -z "${PERF_REPORT_ONLY:-}" ] || break
	n=$(basename "$s" .sh)
	echo "== $s"
	start=$(date +%s)
	sh "$s" >"$out/$n.txt" 2>&1
	echo $? >"$out/$n.status"
	echo $(($(date +%s) - start)) >"$out/$n.seconds"
	cat "$out/$n.txt"
	date -u +%Y-%m-%dT%H:%MZ >"$out/.when"
	cut -d' ' -f1-3 /proc/loadavg >"$out/.load" 2>/dev/null
done

{
	echo "# Performance"
	echo
	echo "Written by \`make perf\` (run ending $(cat "$out/.when")); every figure below comes"
	echo "from that one run, ours and the anchors side by side on the same machine:"
	echo "$(getconf _NPROCESSORS_ONLN) CPUs ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)),"
	echo "$(uname -sr), $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")."
	echo "Load average at the end: $(cat "$out/.load")"
	echo "(other work on the machine shows in absolute figures more than in ratios)."
	echo
	echo "## Summary: ours against each anchor"
	echo
	echo "| benchmark | result | seconds | ratios (as the benchmark states them) |"
	echo "|---|---|---|---|"
	for s in "$@"; do
		n=$(basename "$s" .sh)
		st=$(cat "$out/$n.status")
		if [ "$st" != 0 ]; then
			r="failed (exit $st)"
			failed=1
		elif grep -qi 'skipped\|not installed' "$out/$n.txt"; then
			r="skipped"
		else
			r="ok"
		fi
		# The ratio lines; a benchmark that states none: its last lines.
		ratios=$(grep -E '[0-9]\.?[0-9]*x\b' "$out/$n.txt")
		[ -n "$ratios" ] || ratios=$(grep -v '^ *$' "$out/$n.txt" | tail -n 6)
		ratios=$(printf '%s\n' "$ratios" | sed 's/^ *//; s/  */ /g; s/|/\\|/g' |
		    awk 'NR > 1 { printf "<br>" } { printf "%s", $0 }')
		echo "| $n | $r | $(cat "$out/$n.seconds") | ${ratios:--} |"
	done
	echo
	for s in "$@"; do
		n=$(basename "$s" .sh)
		echo "## $n"
		echo
		sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$s" | sed '1s/^[^:]*: //'
		echo
		echo '```'
		cat "$out/$n.txt"
		echo '```'
		echo
	done
} >"$doc.new" && mv -f "$doc.new" "$doc"
echo "perf: wrote $doc"
exit $failed
