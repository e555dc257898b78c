#!/bin/sh
# t/perf/daemonctl-status.sh: daemonctl against supervisord, runit and s6
# in one run, each managing the same APPS (default 100) programs, each an
# "exec sleep 100000":
#   status   the status of all of them: daemonctl status, supervisorctl
#            status, sv status DIR..., s6-svstat in a loop (it takes one)
#   start    start, then stop, of one more program, waiting each time:
#            daemonctl start --wait 0 / stop, supervisorctl start / stop
#            (startsecs=0), sv start / stop, s6-svc -uwu / -dwD
#   memory   per managed program, every process of the supervision (the
#            programs themselves not counted), PSS and RSS in kB:
#            daemonctl's chain (daemonrun --daemonize, daemonctl run,
#            daemonrun, teelog: logs and rotation included), supervisord
#            (one process for all, divided by APPS), runsv (+ runsvdir
#            divided by APPS; no log service), s6-supervise (+ s6-svscan
#            divided by APPS; no log service).
# Targets (issue 6): status faster than supervisorctl and within 2x of sv.
# Linux only (/proc). Run by make perf, never by make check.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
dc=$top/bin/daemonctl
apps=${APPS:-100}
reps=${REPS:-20}
work=$(mktemp -d /tmp/dc-perf.XXXXXX)
pids=
[ -x "$dc" ] || { echo "daemonctl-status: build first (make)"; exit 1; }
[ -r /proc/self/smaps_rollup ] || { echo "daemonctl-status: needs /proc: skipped"; exit 0; }

cleanup() {
	sp=
	DAEMONCTL_HOME=$work/dc1 "$dc" stop one >/dev/null 2>&1
	for n in $(ls "$work/dc/apps" 2>/dev/null); do
		DAEMONCTL_HOME=$work/dc "$dc" stop "$n" --timeout 10s >/dev/null 2>&1 &
		sp="$sp $!"
	done
	for p in $sp; do wait "$p"; done
	[ -S "$work/supervisor.sock" ] &&
	    supervisorctl -c "$work/supervisord.conf" shutdown >/dev/null 2>&1
	for d in "$work/s6" "$work/s6one"; do
		[ -d "$d" ] && s6-svscanctl -t "$d" >/dev/null 2>&1
	done
	# runsvdir: HUP stops every runsv it started.
	for p in $pids; do kill -HUP "$p" 2>/dev/null; done
	sleep 2
	for p in $pids; do kill -KILL "$p" 2>/dev/null; done
	# Whatever is left working in our directory (a service's sleep).
	for p in $(ls /proc | grep "^[0-9][0-9]*$"); do
		case $(readlink "/proc/$p/cwd" 2>/dev/null) in
		"$work"/*) kill -KILL "$p" 2>/dev/null ;;
		esac
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

now_us() { echo $(($(date +%s%N) / 1000)); }

# wait_for 'cond' [seconds]: bounded polling.
wait_for() {
	i=0
	while ! eval "$1"; do
		i=$((i + 1))
		[ $i -ge $((${2:-60} * 10)) ] && return 1
		sleep 0.1
	done
}

# bench NAME CMD...: run CMD reps times; print the mean per run, in ms.
bench() {
	name=$1; shift
	# Once first, and it must say something (exit codes differ: status
	# is not 0 when some program is down).
	[ -n "$("$@" 2>&1)" ] || { printf "%-22s %s\n" "$name" "(no output: $*)"; return; }
	t0=$(now_us)
	i=0
	while [ $i -lt "$reps" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
	t1=$(now_us)
	ms=$(echo "$t0 $t1 $reps" | awk '{ printf "%.2f", ($2 - $1) / $3 / 1000 }')
	printf "%-22s %10s\n" "$name" "$ms"
	echo "$name $ms" >>"$work/$section"
}

# pss_of PID...: the sum of their PSS and RSS, kB.
pss_of() {
	for p in "$@"; do
		cat "/proc/$p/smaps_rollup" 2>/dev/null
	done | awk '$1 == "Pss:" { p += $2 } $1 == "Rss:" { r += $2 }
	    END { print p + 0, r + 0 }'
}

# descendants PID: PID and every process below it, one a line.
descendants() {
	ps -eo pid=,ppid= | awk -v root="$1" '
	    { kids[$2] = kids[$2] " " $1 }
	    END { q = root; while (q != "") {
		n = split(q, a, " "); q = ""
		for (i = 1; i <= n; i++) { print a[i]; q = q " " kids[a[i]] } } }'
}

svc() { # DIR: a service directory running sleep
	mkdir -p "$1"
	printf '#!/bin/sh\nexec sleep 100000\n' >"$1/run"
	chmod +x "$1/run"
}

names=
i=1
while [ $i -le "$apps" ]; do names="$names $(printf 'app%03d' $i)"; i=$((i + 1)); done

echo "setting up $apps programs under each supervisor..."
# daemonctl
export DAEMONCTL_HOME=$work/dc
for n in $names; do "$dc" new "$n" -- sleep 100000 >/dev/null || exit 1; done
DAEMONCTL_HOME=$work/dc1 "$dc" new one -- sleep 100000 >/dev/null || exit 1
for n in $names; do "$dc" start "$n" --wait 0 >/dev/null || exit 1; done

# supervisord
have_sup=0
if command -v supervisord >/dev/null && command -v supervisorctl >/dev/null; then
	{
		printf '[unix_http_server]\nfile=%s/supervisor.sock\n' "$work"
		printf '[supervisord]\nlogfile=%s/supervisord.log\n' "$work"
		printf 'pidfile=%s/supervisord.pid\nchildlogdir=%s\n' "$work" "$work"
		printf '[rpcinterface:supervisor]\n'
		printf 'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n'
		printf '[supervisorctl]\nserverurl=unix://%s/supervisor.sock\n' "$work"
		for n in $names; do
			printf '[program:%s]\ncommand=sleep 100000\nautorestart=true\n' "$n"
		done
		printf '[program:one]\ncommand=sleep 100000\nautostart=false\nstartsecs=0\n'
	} >"$work/supervisord.conf"
	supervisord -c "$work/supervisord.conf" || exit 1
	wait_for '[ -s "$work/supervisord.pid" ]' &&
	    pids="$pids $(cat "$work/supervisord.pid")" &&
	    wait_for '[ "$(supervisorctl -c "$work/supervisord.conf" status 2>/dev/null |
		grep -c RUNNING)" = "$apps" ]' && have_sup=1
fi

# runit
have_sv=0
if command -v runsvdir >/dev/null && command -v sv >/dev/null; then
	mkdir -p "$work/sv" "$work/svone"
	for n in $names; do svc "$work/sv/$n"; done
	svc "$work/svone/one"
	touch "$work/svone/one/down"
	runsvdir -P "$work/sv" >/dev/null 2>&1 &
	pids="$pids $!"
	runsvdir -P "$work/svone" >/dev/null 2>&1 &
	pids="$pids $!"
	wait_for '[ "$(sv status "$work"/sv/* 2>/dev/null | grep -c "^run:")" = "$apps" ]' &&
	    wait_for 'sv status "$work/svone/one" >/dev/null 2>&1' && have_sv=1
fi

# s6
have_s6=0
if command -v s6-svscan >/dev/null && command -v s6-svc >/dev/null; then
	mkdir -p "$work/s6" "$work/s6one"
	for n in $names; do svc "$work/s6/$n"; done
	svc "$work/s6one/one"
	touch "$work/s6one/one/down"
	s6-svscan "$work/s6" >/dev/null 2>&1 &
	pids="$pids $!"
	s6-svscan "$work/s6one" >/dev/null 2>&1 &
	pids="$pids $!"
	s6status() { for d in "$work"/s6/*; do s6-svstat "$d" || return 1; done; }
	wait_for '[ "$(s6status 2>/dev/null | grep -c "^up")" = "$apps" ]' &&
	    wait_for 's6-svstat "$work/s6one/one" >/dev/null 2>&1' && have_s6=1
fi
wait_for '[ "$("$dc" status 2>/dev/null | grep -c ": up")" = "$apps" ]' ||
    { echo "daemonctl: not all $apps apps up"; exit 1; }

echo
section=status
echo "status of $apps programs, ms per call (mean of $reps)"
bench "daemonctl status" "$dc" status
bench "daemonctl status --json" "$dc" status --json
[ $have_sup = 1 ] && bench "supervisorctl status" supervisorctl -c "$work/supervisord.conf" status
[ $have_sv = 1 ] && bench "sv status" sv status "$work"/sv/*
[ $have_s6 = 1 ] && bench "s6-svstat (loop)" s6status

echo
section=startstop
echo "start then stop of one program, waiting for each, ms per pair (mean of $reps)"
dcss() { DAEMONCTL_HOME=$work/dc1 "$dc" start one --wait 0 &&
    DAEMONCTL_HOME=$work/dc1 "$dc" stop one; }
bench "daemonctl start/stop" dcss
if [ $have_sup = 1 ]; then
	supss() { supervisorctl -c "$work/supervisord.conf" start one | grep -q started &&
	    supervisorctl -c "$work/supervisord.conf" stop one | grep -q stopped &&
	    echo ok; }
	bench "supervisorctl start/stop" supss
fi
if [ $have_sv = 1 ]; then
	# sv waits by polling its status once a second (-w 7 by default).
	svss() { sv start "$work/svone/one" && sv stop "$work/svone/one"; }
	bench "sv start/stop" svss
fi
if [ $have_s6 = 1 ]; then
	s6ss() { s6-svc -uwu "$work/s6one/one" && s6-svc -dwD "$work/s6one/one" && echo ok; }
	bench "s6-svc -uwu/-dwD" s6ss
fi

echo
echo "memory per managed program, kB (the programs themselves not counted)"
printf "%-22s %10s %10s\n" "" "PSS" "RSS"
all=
for n in $names; do
	all="$all $(descendants "$(cat "$work/dc/run/$n/daemonctl.pid")")"
done
# Leave out the apps themselves (the sleeps).
chain=$(for p in $all; do
	c=$(cat /proc/$p/comm 2>/dev/null) && [ "$c" != sleep ] && echo $p
done)
np=$(echo $chain | wc -w)
set -- $(pss_of $chain)
printf "%-22s %10.0f %10.0f   (%d processes each)\n" "daemonctl chain" $(($1 / apps)) \
    $(($2 / apps)) $((np / apps))
echo "daemonctl $(($1 / apps))" >>"$work/mem"
if [ $have_sup = 1 ]; then
	set -- $(pss_of "$(cat "$work/supervisord.pid")")
	printf "%-22s %10.0f %10.0f\n" "supervisord / $apps" $(($1 / apps)) $(($2 / apps))
	echo "supervisord $(($1 / apps))" >>"$work/mem"
fi
if [ $have_sv = 1 ]; then
	rs=$(pgrep -x runsv | while read -r p; do
		case $(readlink /proc/$p/cwd) in "$work"/sv/*) echo $p ;; esac; done)
	rd=$(pgrep -f "^runsvdir -P $work/sv\$")
	set -- $(pss_of $rs) $(pss_of $rd)
	printf "%-22s %10.0f %10.0f\n" "runsv (+runsvdir/$apps)" $((($1 + $3 / apps) / apps)) \
	    $((($2 + $4 / apps) / apps))
	echo "runsv $((($1 + $3 / apps) / apps))" >>"$work/mem"
fi
if [ $have_s6 = 1 ]; then
	ss=$(pgrep -x s6-supervise | while read -r p; do
		case $(readlink /proc/$p/cwd) in "$work"/s6/*) echo $p ;; esac; done)
	sd=$(pgrep -f "^s6-svscan $work/s6\$")
	set -- $(pss_of $ss) $(pss_of $sd)
	printf "%-22s %10.0f %10.0f\n" "s6-supervise (+scan)" $((($1 + $3 / apps) / apps)) \
	    $((($2 + $4 / apps) / apps))
	echo "s6 $((($1 + $3 / apps) / apps))" >>"$work/mem"
fi

echo
echo "ratios (daemonctl / anchor; below 1 is faster or smaller)"
val() { # FILE NAME: the figure of that row
	awk -v k="$2" '{ v = $NF; $NF = ""; sub(/ $/, "") } $0 == k { print v }' "$1" 2>/dev/null
}
ratio() { # FILE OURS THEIRS LABEL
	o=$(val "$work/$1" "$2")
	t=$(val "$work/$1" "$3")
	[ -n "$o" ] && [ -n "$t" ] &&
	    echo "$o $t" | awk -v l="$4" '{ printf "%-40s %6.2fx\n", l, $1 / $2 }'
}
ratio status "daemonctl status" "supervisorctl status" "status: daemonctl / supervisorctl"
ratio status "daemonctl status" "sv status" "status: daemonctl / sv"
ratio status "daemonctl status" "s6-svstat (loop)" "status: daemonctl / s6-svstat loop"
ratio startstop "daemonctl start/stop" "supervisorctl start/stop" "start+stop: daemonctl / supervisorctl"
ratio startstop "daemonctl start/stop" "sv start/stop" "start+stop: daemonctl / sv"
ratio startstop "daemonctl start/stop" "s6-svc -uwu/-dwD" "start+stop: daemonctl / s6"
ratio mem daemonctl supervisord "memory (PSS): daemonctl / supervisord"
ratio mem daemonctl runsv "memory (PSS): daemonctl / runsv"
ratio mem daemonctl s6 "memory (PSS): daemonctl / s6-supervise"
