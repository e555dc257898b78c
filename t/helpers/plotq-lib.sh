# plotq-lib.sh: shared by the t4NNN-plotq-*.sh tests, sourced after lib.sh.
#
# plotq_env STORE	point XDG_RUNTIME_DIR, XDG_DATA_HOME and PLOTQ_STORE at
#			a fresh corner of the trash directory for that store
#			backend; sets WS (the workspace) and SOCK.
# plotq_stores		the backends this build has: "sqlite spool" or "spool"
# plotq_stop		shut the daemon of the current corner down (--now)
# plotq_rec FILE KEY	a field of a slot record (slots/QUEUE/N.lock): job,
#			state, sup, cmd, code, sig, ended
# plotq_kill_all	(the cleanup hook) kill -9 every process started from this
#			script that is still there (daemons, runners, jobs)

plotq_stores() {
	if [ "${TOOLKIT_WITH_SQLITE:-1}" != 0 ]; then echo "sqlite spool"
	else echo spool; fi
}

plotq_env() {
	PLOTQ_STORE=$1
	XDG_RUNTIME_DIR=$TRASH_DIRECTORY/$1/run
	XDG_DATA_HOME=$TRASH_DIRECTORY/$1/data
	mkdir -p "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME" &&
	chmod 700 "$XDG_RUNTIME_DIR"
	WS=$XDG_DATA_HOME/plotq
	SOCK=$XDG_RUNTIME_DIR/plotq/sock
	export PLOTQ_STORE XDG_RUNTIME_DIR XDG_DATA_HOME WS SOCK
	unset PLOTQ_SOCKET
}

plotq_stop() {
	if [ -S "$SOCK" ]; then plotq shutdown --now --grace 1s >/dev/null 2>&1; fi
	return 0
}

# The pid of the daemon on $SOCK (empty when none holds its pid file).
plotq_daemon_pid() {
	[ -f "$SOCK.pid" ] && cat "$SOCK.pid"
}

plotq_rec() {
	tr " " "\n" <"$1" 2>/dev/null | sed -n "s/^$2=//p"
}

plotq_kill_all() {
	local pids
	# Not by the pids the trash directory records: those processes ended
	# long ago, and under load (pid_max wraps during make check) the
	# same pids belong to other scripts' daemons and jobs by now. Ours
	# are those whose environment holds this TRASH_DIRECTORY.
	pids=$(grep -lzxF "TRASH_DIRECTORY=$TRASH_DIRECTORY" \
	    /proc/[0-9]*/environ 2>/dev/null | sed -n "s|^/proc/\([0-9]*\)/.*|\1|p" |
	    grep -vx "$$")
	[ -n "$pids" ] && kill -9 $pids 2>/dev/null
	return 0
}
test_cleanup_hook=plotq_kill_all

# Wait until job ID has state STATE (by plotq show --json).
plotq_state() {
	plotq show --json "$1" | sed 's/.*"state":"\([a-z]*\)".*/\1/'
}

# With SAN=1, the daemons' own output (their logs) must hold no report.
plotq_san_check() {
	test_expect_success SAN 'no sanitizer report in any daemon log' '
		find "$TRASH_DIRECTORY" -name "*.log" -path "*plotq*" >logs &&
		! xargs grep -l -E "Sanitizer|runtime error:" <logs
	'
}
