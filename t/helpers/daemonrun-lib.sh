# t/helpers/daemonrun-lib.sh: shell helpers the daemonrun tests share
# (sourced after t/lib.sh).

# dr ARGS...: daemonrun in the background; its pid in $DR.
dr() {
	test_bg daemonrun "$@"
	DR=$TEST_BG_PID
}

# finished [SECONDS]: wait (bounded) for daemonrun to exit; its status in
# $code.
finished() {
	test_wait_for "! test_alive $DR" ${1:-20} || return 1
	wait $DR
	code=$?
	return 0
}

# key NAME: a value from sd/status.
key() { sed -n "s/^$1=//p" sd/status 2>/dev/null; }

# Prerequisites, set here at once: t/lib.sh evaluates a lazy
# prerequisite's script with a single eval of the variable, so one with
# quotes, $(...) or && is split into words and never holds (reported).
if [ "$(id -u)" = 0 ]; then test_set_prereq ROOT; fi
if [ "$(uname -s)" = Linux ]; then test_set_prereq LINUX; fi
if [ "$(id -u)" = 0 ] && unshare -m true >/dev/null 2>&1; then
	test_set_prereq UNSHARE_MOUNT
fi
if [ "$(id -u)" = 0 ] && unshare -p -f --mount-proc true >/dev/null 2>&1; then
	test_set_prereq PIDNS
fi
if script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	test_set_prereq SCRIPT
fi
