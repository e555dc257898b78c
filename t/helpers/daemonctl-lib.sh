# t/helpers/daemonctl-lib.sh: shell helpers the daemonctl tests share
# (sourced after t/lib.sh). Every app lives under $DAEMONCTL_HOME, in the
# trash directory; the apps still running at the end are stopped, so a
# test script leaves no process behind.

DAEMONCTL_HOME=$TRASH_DIRECTORY/home
export DAEMONCTL_HOME
RUN=$DAEMONCTL_HOME/run
LOGS=$DAEMONCTL_HOME/logs
APPS=$DAEMONCTL_HOME/apps

# mkapp NAME CMD...: a new app; quick restarts and checks for tests.
mkapp() {
	local name=$1
	shift
	daemonctl new "$name" -- "$@" >/dev/null &&
	daemonctl config set "$name" restart.delay=100ms \
		monitoring.startup_delay=0 signals.kill_timeout=10s
}

# skey APP KEY: a value from the app's daemonrun status file.
skey() { sed -n "s/^$2=//p" "$RUN/$1/status" 2>/dev/null; }
# hkey APP KEY: a value from the app's health file.
hkey() { sed -n "s/^$2=//p" "$RUN/$1/health" 2>/dev/null; }

# up APP: wait until the app runs (state up, a pid).
up() {
	test_wait_for "test \"\$(skey $1 state)\" = up && test \"\$(skey $1 pid)\" != 0" ${2:-20}
}

# apppid APP: the app's own pid, as status --json reports it.
apppid() {
	daemonctl status "$1" --json | sed -n 's/.*"pid":\([0-9]*\),.*/\1/p'
}

# mine ERE: the processes of this test script whose command line matches
# ERE ("PID ARGS" lines), told from those of other runs on the machine by
# their working directory, in the trash directory (Linux /proc).
mine() {
	ps -eo pid=,args= | grep -E "$1" | grep -v grep |
	while read -r pid rest; do
		case $(readlink "/proc/$pid/cwd" 2>/dev/null) in
		"$TRASH_DIRECTORY"/*) echo "$pid $rest" ;;
		esac
	done
}

# Whether any process of this test's home is left (by command line).
leftovers() {
	ps -eo pid=,args= | grep -F "$DAEMONCTL_HOME" | grep -v grep
}

dc_cleanup() {
	for d in "$APPS"/*/; do
		[ -d "$d" ] || continue
		n=$(basename "$d")
		daemonctl stop "$n" --timeout 5s >/dev/null 2>&1
	done
	# What a failed test may have left: kill it, with its process group
	# (the app in teelog's), but never the test's own group.
	me=$(ps -o pgid= -p $$ | tr -d " ")
	ps -eo pid=,pgid=,args= | grep -F "$DAEMONCTL_HOME" | grep -v grep |
	while read -r pid pgid rest; do
		[ "$pgid" != "$me" ] && kill -KILL -"$pgid" 2>/dev/null
		kill -KILL "$pid" 2>/dev/null
	done
}
test_cleanup_hook=dc_cleanup

if [ "$(id -u)" = 0 ]; then test_set_prereq ROOT; fi
if [ "$(uname -s)" = Linux ]; then test_set_prereq LINUX; fi
