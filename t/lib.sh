# t/lib.sh: the test harness, in the style of git's t/test-lib.sh.
#
# A test script sets test_description, sources this file, runs
# test_expect_success blocks and ends with test_done:
#
#	#!/bin/sh
#	test_description='teelog passes bytes through'
#	. "${0%/*}/lib.sh"
#	test_expect_success 'copies stdin' '
#		echo hi | teelog out.log >actual &&
#		test_cmp out.log actual
#	'
#	test_done
#
# Each script runs in its own trash directory t/trash.NAME (also $HOME),
# removed when every test passed. bin/ and the built test helpers come
# first on PATH. Output is TAP; a failing test prints its body and the
# last lines of its output as comments on stderr (prove shows them). Run
# a script with -v to see the output of every test, -x to trace every
# command of each test (set -x; TEST_TRACE=1 does the same under prove),
# -d to keep the trash directory.
#
# Prerequisites: test_expect_success PREREQ 'title' 'body' skips (as
# "ok N # skip") unless every comma-separated PREREQ is set, either by
# test_set_prereq NAME or lazily by test_lazy_prereq NAME 'script'.
# A PREREQ written !NAME means "NAME is not set".

TEST_DIRECTORY=$(cd "${0%/*}" && pwd)
TOP=$(cd "$TEST_DIRECTORY/.." && pwd)
TEST_NAME=$(basename "$0" .sh)
TRASH_DIRECTORY="$TEST_DIRECTORY/trash.$TEST_NAME"
HELPERS="$TOP/bin/.obj/t/helpers"
PATH="$TOP/bin:$HELPERS:$TEST_DIRECTORY/helpers:$PATH"
export PATH TOP TEST_DIRECTORY TRASH_DIRECTORY HELPERS

test_verbose=${TEST_VERBOSE:-}
test_debug=
test_trace=${TEST_TRACE:-}
for arg in "$@"; do
	case $arg in
	-v|--verbose) test_verbose=1 ;;
	-x|--trace) test_trace=1 test_verbose=1 ;;
	-d|--debug) test_debug=1 ;;
	esac
done

test_count=0
test_failed=0
test_fixed_ok=0
prereqs_set=" "
prereqs_lazy=

rm -rf "$TRASH_DIRECTORY" || { echo "Bail out! cannot remove $TRASH_DIRECTORY"; exit 1; }
mkdir -p "$TRASH_DIRECTORY" || { echo "Bail out! cannot create $TRASH_DIRECTORY"; exit 1; }
cd "$TRASH_DIRECTORY" || exit 1

# A clean, private environment: nothing of the developer's leaks in.
HOME=$TRASH_DIRECTORY
XDG_CONFIG_HOME=$TRASH_DIRECTORY/.config
XDG_DATA_HOME=$TRASH_DIRECTORY/.local/share
XDG_STATE_HOME=$TRASH_DIRECTORY/.local/state
XDG_RUNTIME_DIR=$TRASH_DIRECTORY/.run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME XDG_RUNTIME_DIR
unset TMUX TMUX_PANE DAEMONCTL_HOME PUSHBULLET_TOKEN PLOTQ_API_KEY NOTIFY_SOCKET
LC_ALL=C
TZ=${TEST_TZ:-UTC}
export LC_ALL TZ
# A tmux socket name private to this script (tmux -L "$TEST_TMUX").
TEST_TMUX="tk-$TEST_NAME-$$"
export TEST_TMUX

# A watchdog: a hung script must not hang make check forever.
TEST_TIMEOUT=${TEST_TIMEOUT:-300}
(
	trap 'exit 0' TERM
	i=0
	while [ $i -lt "$TEST_TIMEOUT" ]; do
		sleep 1 >/dev/null 2>&1 </dev/null & wait $!
		i=$((i + 1))
	done
	echo "Bail out! $TEST_NAME timed out after ${TEST_TIMEOUT}s"
	kill -TERM $$ 2>/dev/null
) </dev/null 2>&1 &
test_watchdog=$!

# Background processes started with test_bg are killed at the end.
test_bg_pids=
test_bg() {
	"$@" &
	test_bg_pids="$test_bg_pids $!"
	TEST_BG_PID=$!
}

test_cleanup_all() {
	for p in $test_bg_pids; do kill -KILL "$p" 2>/dev/null; done
	tmux -L "$TEST_TMUX" kill-server >/dev/null 2>&1
	kill "$test_watchdog" 2>/dev/null
	if [ -n "$test_cleanup_hook" ]; then eval "$test_cleanup_hook"; fi
}
test_cleanup_hook=
trap 'test_cleanup_all' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

say() { printf '# %s\n' "$*"; }

test_set_prereq() {
	prereqs_set="$prereqs_set$1 "
}

test_lazy_prereq() {
	prereqs_lazy="$prereqs_lazy $1"
	eval "test_lazy_script_$1=\$2"
}

# 0 if the prerequisite holds (evaluating a lazy one once).
test_have_prereq() {
	local p neg ok
	for p in $(echo "$1" | tr ',' ' '); do
		neg=
		case $p in !*) neg=1; p=${p#!} ;; esac
		case $prereqs_set in
		*" $p "*) ok=1 ;;
		*)
			ok=
			case " $prereqs_lazy " in
			*" $p "*)
				eval "test_lazy_run_=\$test_lazy_script_$p"
				if ( eval "$test_lazy_run_" ) >/dev/null 2>&1 </dev/null
				then test_set_prereq "$p"; ok=1
				else test_set_prereq "no-$p"
				fi
				prereqs_lazy=$(echo " $prereqs_lazy " | sed "s/ $p / /")
				;;
			*)
				case $prereqs_set in *" no-$p "*) ok= ;; esac
				;;
			esac
			;;
		esac
		if [ -n "$neg" ]; then
			[ -z "$ok" ] || return 1
		else
			[ -n "$ok" ] || return 1
		fi
	done
	return 0
}

test_when_finished() {
	test_cleanup="$1
$test_cleanup"
}

test_run_() {
	test_cleanup=
	test_out="$TRASH_DIRECTORY/.test-output"
	if [ -n "$test_trace" ]; then
		set -- "set -x
$1"
	fi
	if [ -n "$test_verbose" ]; then
		{ eval "$1"; test_status=$?; set +x; } </dev/null
	else
		{ eval "$1"; test_status=$?; set +x; } </dev/null >"$test_out" 2>&1
	fi
	if [ -n "$test_cleanup" ]; then
		eval "$test_cleanup" </dev/null >/dev/null 2>&1
	fi
	cd "$TRASH_DIRECTORY" || exit 1
	return $test_status
}

test_expect_() { # want-success prereq title body
	local want=$1 prereq=$2 title=$3 body=$4
	test_count=$((test_count + 1))
	if [ -n "$prereq" ] && ! test_have_prereq "$prereq"; then
		echo "ok $test_count # skip $title (missing $prereq)"
		return 0
	fi
	if test_run_ "$body"; then ok=1; else ok=; fi
	if [ "$want" = failure ]; then
		if [ -n "$ok" ]; then
			echo "ok $test_count - $title # TODO known breakage vanished"
		else
			echo "not ok $test_count - $title # TODO known breakage"
		fi
		return 0
	fi
	if [ -n "$ok" ]; then
		echo "ok $test_count - $title"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $title"
		# The diagnosis goes to stderr: prove shows it, so a failure
		# in CI says why without a rerun.
		{
			echo "# $TEST_NAME: not ok $test_count - $title"
			printf '%s\n' "$body" | sed 's/^/#	/'
			if [ -z "$test_verbose" ] && [ -s "$test_out" ]; then
				echo "# output (last 40 lines):"
				tail -n 40 "$test_out" | sed 's/^/#   /'
			fi
		} >&2
	fi
}

test_expect_success() {
	if [ $# = 3 ]; then test_expect_ success "$1" "$2" "$3"
	else test_expect_ success "" "$1" "$2"; fi
}

test_expect_failure() {
	if [ $# = 3 ]; then test_expect_ failure "$1" "$2" "$3"
	else test_expect_ failure "" "$1" "$2"; fi
}

test_skip_all() {
	echo "1..0 # SKIP $*"
	test_debug=1
	exit 0
}

test_done() {
	echo "1..$test_count"
	if [ "$test_failed" -eq 0 ]; then
		if [ -z "$test_debug" ]; then
			test_cleanup_all
			trap - EXIT
			cd "$TEST_DIRECTORY" && rm -rf "$TRASH_DIRECTORY"
		fi
		exit 0
	fi
	say "failed $test_failed of $test_count; trash kept in $TRASH_DIRECTORY"
	exit 1
}

# --- assertions -----------------------------------------------------------

# The command must fail normally: non-zero, and not killed by a signal
# (a crash is never an acceptable way to fail).
test_must_fail() {
	"$@"
	local code=$?
	if [ $code -eq 0 ]; then
		echo "test_must_fail: command succeeded: $*" >&2
		return 1
	elif [ $code -gt 128 ] && [ $code -le 192 ] && [ $code -ne 100 ]; then
		echo "test_must_fail: command died of signal $((code - 128)): $*" >&2
		return 1
	fi
	return 0
}

test_expect_code() {
	local want=$1
	shift
	"$@"
	local code=$?
	if [ $code -ne "$want" ]; then
		echo "test_expect_code: want $want, got $code: $*" >&2
		return 1
	fi
	return 0
}

test_cmp() {
	diff -u "$1" "$2"
}

test_path_is_file() {
	[ -f "$1" ] || { echo "not a file: $1" >&2; return 1; }
}

test_path_is_dir() {
	[ -d "$1" ] || { echo "not a directory: $1" >&2; return 1; }
}

test_path_is_missing() {
	[ ! -e "$1" ] || { echo "exists: $1" >&2; return 1; }
}

test_line_count() { # OP N FILE
	local n
	n=$(wc -l <"$3")
	[ "$n" "$1" "$2" ] || { echo "line count of $3 is $n, want $1 $2" >&2; return 1; }
}

# grep that shows the file when it does not match.
test_grep() {
	local neg=
	if [ "$1" = "!" ]; then neg=1; shift; fi
	if [ -n "$neg" ]; then
		if grep "$@"; then echo "test_grep: unexpected match: $*" >&2; return 1; fi
		return 0
	fi
	grep "$@" && return 0
	local last
	for last; do :; done
	echo "test_grep: no match for: $*" >&2
	[ -f "$last" ] && sed 's/^/| /' "$last" >&2
	return 1
}

# Wait, by bounded polling, until the shell condition holds.
# test_wait_for 'cond' [seconds, default 10]
test_wait_for() {
	local cond=$1 limit=${2:-10} i=0 max
	max=$((limit * 50))
	while ! eval "$cond"; do
		i=$((i + 1))
		if [ $i -ge $max ]; then
			echo "test_wait_for: timed out after ${limit}s: $cond" >&2
			return 1
		fi
		sleep 0.02
	done
	return 0
}

# A free TCP port on 127.0.0.1 (bound and released: racy in principle,
# fine for tests). Prefer servers that bind port 0 and report it.
test_free_port() {
	tk-freeport
}

# Whether a pid is alive and not a zombie.
test_alive() {
	local s
	s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case $s in Z*) return 1 ;; esac
	return 0
}

test_lazy_prereq ROOT '[ "$(id -u)" = 0 ]'
test_lazy_prereq TMUX 'command -v tmux'
test_lazy_prereq MANDOC 'command -v mandoc'
test_lazy_prereq PYTHON 'command -v python3'
test_lazy_prereq LINUX '[ "$(uname -s)" = Linux ]'
test_lazy_prereq SAN '[ "$TOOLKIT_SAN" = 1 ]'
test_lazy_prereq SQLITE '[ "$TOOLKIT_WITH_SQLITE" != 0 ]'
test_lazy_prereq CURL '[ "$TOOLKIT_WITH_CURL" != 0 ]'
