#!/bin/sh
# t/perf/tmuxopen-open.sh: opening a project of 3 sessions x 3 windows (the
# third with 2 panes), detached, on a fresh tmux server each run:
# tmuxopen, against a plain sh script of the same tmux commands (the limit),
# tmuxp (load -d) and tmuxinator (attach: false). Prints hyperfine's
# figures and the ratios. Run by make perf, never by make check.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$TOP/t/perf/out/tmuxopen
RUNS=${RUNS:-15}
SOCK=tk-perf-tmuxopen-$$

command -v hyperfine >/dev/null || { echo "tmuxopen-open: hyperfine is not installed: skipped"; exit 0; }
command -v tmux >/dev/null || { echo "tmuxopen-open: tmux is not installed: skipped"; exit 0; }
[ -x "$TOP/bin/tmuxopen" ] || { echo "tmuxopen-open: build first (make)"; exit 1; }

rm -rf "$OUT"
mkdir -p "$OUT/home/.config/tmuxopen" "$OUT/home/.config/tmuxinator" "$OUT/work"
HOME=$OUT/home
XDG_CONFIG_HOME=$HOME/.config
export HOME XDG_CONFIG_HOME
unset TMUX TMUX_PANE
W=$OUT/work
CMD='tail -f /dev/null'

# The project, as each tool writes it.
{
	echo 'name = "bench"'
	echo "root = \"$W\""
	for s in a b c; do
		printf '[[session]]\nname = "bench-%s"\n' "$s"
		printf '[[session.window]]\nname = "w1"\ncommand = "%s"\n' "$CMD"
		printf '[[session.window]]\nname = "w2"\ncommand = "%s"\n' "$CMD"
		printf '[[session.window]]\nname = "w3"\ncommand = "%s"\n' "$CMD"
		printf 'panes = ["%s"]\nlayout = "main-vertical"\n' "$CMD"
	done
} >"$XDG_CONFIG_HOME/tmuxopen/bench.toml"

for s in a b c; do
	cat >"$OUT/tmuxp-$s.yaml" <<EOF
session_name: bench-$s
start_directory: $W
windows:
  - window_name: w1
    panes: ["$CMD"]
  - window_name: w2
    panes: ["$CMD"]
  - window_name: w3
    layout: main-vertical
    panes: ["$CMD", "$CMD"]
EOF
	cat >"$XDG_CONFIG_HOME/tmuxinator/bench-$s.yml" <<EOF
name: bench-$s
root: $W
socket_name: $SOCK
attach: false
windows:
  - w1: $CMD
  - w2: $CMD
  - w3:
      layout: main-vertical
      panes:
        - $CMD
        - $CMD
EOF
done

# The limit: the very tmux commands tmuxopen runs, from sh.
cat >"$OUT/limit.sh" <<EOF
T="tmux -L $SOCK"
F='#{pid} #{session_id} #{window_id} #{pane_id}'
X='trap : INT QUIT; set -m; "\${SHELL:-/bin/sh}" -c "\$1"; exec "\${SHELL:-/bin/sh}"'
C='$CMD'
\$T list-sessions -F '#{pid} #{session_id} #{session_windows} #{session_attached} #{session_name}' >/dev/null
for s in a b c; do
	set -- \$(\$T new-session -d -s bench-\$s -n w1 -c $W -P -F "\$F" /bin/sh -c "\$X" sh "\$C")
	s1=\$2 w1=\$3
	set -- \$(\$T new-window -d -t \$s1 -n w2 -c $W -P -F "\$F" /bin/sh -c "\$X" sh "\$C")
	w2=\$3
	set -- \$(\$T new-window -d -t \$s1 -n w3 -c $W -P -F "\$F" /bin/sh -c "\$X" sh "\$C")
	w3=\$3 p3=\$4
	\$T set-option -w -t \$w1 @project bench \\; set-option -w -t \$w1 @tmux_session bench-\$s \\; \\
	    set-option -w -t \$w2 @project bench \\; set-option -w -t \$w2 @tmux_session bench-\$s \\; \\
	    set-option -w -t \$w3 @project bench \\; set-option -w -t \$w3 @tmux_session bench-\$s \\; \\
	    split-window -t \$w3 -c $W /bin/sh -c "\$X" sh "\$C" \\; \\
	    select-layout -t \$w3 main-vertical \\; select-pane -t \$p3
done
EOF

# A fresh server (no project session), before every run.
cat >"$OUT/reset.sh" <<EOF
tmux -L $SOCK kill-server >/dev/null 2>&1
i=0
until tmux -L $SOCK list-sessions 2>&1 | grep -q -e '^no server running' -e '^error connecting'; do
	i=\$((i + 1)); [ \$i -gt 500 ] && break; sleep 0.01
done
printf 'set -g base-index 1\nset -g pane-base-index 1\n' >"$OUT/tmux.conf"
tmux -L $SOCK -f "$OUT/tmux.conf" new-session -d -s keep
EOF
trap 'tmux -L $SOCK kill-server >/dev/null 2>&1' EXIT

names="tmuxopen sh-limit"
set -- "$TOP/bin/tmuxopen -d -L $SOCK bench" "sh $OUT/limit.sh"
TMUXP= TMUXINATOR=
if command -v tmuxp >/dev/null; then
	TMUXP=$(tmuxp --version 2>/dev/null | head -n 1)
	names="$names tmuxp"
	set -- "$@" "tmuxp load -d -L $SOCK $OUT/tmuxp-a.yaml $OUT/tmuxp-b.yaml $OUT/tmuxp-c.yaml"
else
	echo "tmuxopen-open: tmuxp is not installed: left out"
fi
if command -v tmuxinator >/dev/null; then
	# One project (one session) per run of tmuxinator: three runs.
	TMUXINATOR="tmuxinator $(tmuxinator version 2>/dev/null | sed -n "s/^tmuxinator //p" | head -n 1)"
	names="$names tmuxinator"
	set -- "$@" "tmuxinator start bench-a && tmuxinator start bench-b && tmuxinator start bench-c"
else
	echo "tmuxopen-open: tmuxinator is not installed: left out"
fi

# Each must build the same thing: 13 panes (keep, then 3 x 4), the
# third window with 2.
check() {
	sh "$OUT/reset.sh"
	sh -c "$2" </dev/null >/dev/null 2>&1
	got=$(tmux -L $SOCK list-panes -a -F '#{session_name}:#{window_name}' | sort | tr '\n' ' ')
	want="bench-a:w1 bench-a:w2 bench-a:w3 bench-a:w3 bench-b:w1 bench-b:w2 bench-b:w3 bench-b:w3 bench-c:w1 bench-c:w2 bench-c:w3 bench-c:w3 keep:"
	case $got in
	"$want"*) ;;
	*) echo "tmuxopen-open: $1 did not build the project: $got"; exit 1 ;;
	esac
}
i=0
for n in $names; do
	i=$((i + 1))
	eval "c=\${$i}"
	check "$n" "$c"
done

echo "versions: $(tmux -V)${TMUXP:+; $TMUXP}${TMUXINATOR:+; $TMUXINATOR}"
hyperfine --warmup 2 --runs "$RUNS" --prepare "sh $OUT/reset.sh" \
	--export-json "$OUT/result.json" "$@" </dev/null || exit 1

python3 - "$OUT/result.json" $names <<'EOF'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
names = sys.argv[2:]
t = {n: r for n, r in zip(names, res)}
print()
print("%-12s %10s %10s %10s" % ("tool", "mean ms", "stddev", "min ms"))
for n in names:
    r = t[n]
    print("%-12s %10.1f %10.1f %10.1f" % (n, r["mean"] * 1e3, r["stddev"] * 1e3, r["min"] * 1e3))
ours = t["tmuxopen"]["mean"]
print()
print("tmuxopen / sh-limit:  %.2fx  (target: at most 1.5x)" % (ours / t["sh-limit"]["mean"]))
for n in ("tmuxp", "tmuxinator"):
    if n in t:
        print("%s / tmuxopen: %6.1fx%s" % (n, t[n]["mean"] / ours,
              "  (target: at least 5x)" if n == "tmuxp" else ""))
EOF
