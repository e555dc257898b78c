#!/bin/sh
# t/perf/daemonrun-footprint.sh: the memory a supervisor costs while it
# supervises one "sleep 1000": RSS and Private_Dirty of the supervisor
# process (/proc/PID/smaps_rollup), daemonrun --restart always against
# runit's runsv, s6's s6-supervise and supervisor's supervisord.
# Target: within 2x of s6-supervise, far below supervisord.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
dr=$top/bin/daemonrun
work=$(mktemp -d /tmp/dr-footprint.XXXXXX)
pids=
cleanup() {
	for p in $pids; do kill -TERM "$p" 2>/dev/null; done
	sleep 0.3
	for p in $pids; do kill -KILL "$p" 2>/dev/null; done
	pkill -KILL -f "^sleep 1000$" -P "$(echo $pids | tr " " ",")" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

# rollup PID FIELD: kB
rollup() { awk -v f="$2:" '$1 == f { print $2 }' /proc/$1/smaps_rollup; }

# wait for the supervisor $1 to have a child (the sleep)
child_of() {
	i=0
	while [ $i -lt 250 ]; do
		c=$(pgrep -P "$1" | head -1)
		[ -n "$c" ] && { echo "$c"; return 0; }
		sleep 0.02; i=$((i + 1))
	done
	return 1
}

row() { # name pid
	if [ -z "$2" ] || ! child_of "$2" >/dev/null; then
		printf "%-14s %s\n" "$1" "(did not start)"; return
	fi
	printf "%-14s %8s %8s %8s %14s\n" "$1" "$(rollup $2 Rss)" "$(rollup $2 Pss)" \
		"$(rollup $2 Private_Dirty)" "$(ps -o vsz= -p $2 | tr -d " ")"
	echo "$1 $(rollup $2 Rss) $(rollup $2 Private_Dirty)" >>"$work/rows"
}

printf "supervising one sleep 1000 (kB, the supervisor process alone)\n"
printf "%-14s %8s %8s %8s %14s\n" "" "RSS" "PSS" "Priv_Dirty" "VSZ"

"$dr" --restart always -- sleep 1000 2>/dev/null &
pids="$pids $!"; row daemonrun $!

if command -v runsv >/dev/null; then
	mkdir -p "$work/runsv"
	printf '#!/bin/sh\nexec sleep 1000\n' >"$work/runsv/run"; chmod +x "$work/runsv/run"
	runsv "$work/runsv" &
	pids="$pids $!"; row runsv $!
fi
if command -v s6-supervise >/dev/null; then
	mkdir -p "$work/s6"
	printf '#!/bin/sh\nexec sleep 1000\n' >"$work/s6/run"; chmod +x "$work/s6/run"
	s6-supervise "$work/s6" &
	pids="$pids $!"; row s6-supervise $!
fi
if command -v supervisord >/dev/null; then
	cat >"$work/supervisord.conf" <<CONF
[supervisord]
nodaemon=true
logfile=$work/supervisord.log
pidfile=$work/supervisord.pid
childlogdir=$work
[program:sleep]
command=sleep 1000
autorestart=true
CONF
	supervisord -c "$work/supervisord.conf" >/dev/null 2>&1 &
	pids="$pids $!"; row supervisord $!
fi

echo
awk '{ rss[$1] = $2; pd[$1] = $3 }
END {
	if (!("s6-supervise" in rss)) exit
	printf "%-14s %12s %18s\n", "", "RSS/s6", "Priv_Dirty/s6"
	for (n in rss)
		printf "%-14s %11.2fx %17.2fx\n", n, rss[n] / rss["s6-supervise"], pd[n] / pd["s6-supervise"]
}' "$work/rows" | sort
