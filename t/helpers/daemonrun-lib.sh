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
