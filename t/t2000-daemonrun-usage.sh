#!/bin/sh
test_description='daemonrun: usage, bad input, exit codes; nothing started on error'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"

# fails CODE REGEX daemonrun-args...: exit CODE, exactly one line on stderr
# matching REGEX, and CMD (which would touch ./started) never ran.
fails() {
	code=$1 re=$2
	shift 2
	rm -f started err
	"$@" 2>err
	got=$?
	if [ $got -ne "$code" ]; then
		echo "want exit $code, got $got: $*"; cat err; return 1
	fi
	test_line_count = 1 err || return 1
	test_grep -E "$re" err || return 1
	test_path_is_missing started
}

test_expect_success '--help prints the usage on stdout and exits 0' '
	daemonrun --help >out 2>err &&
	test_grep "^usage: daemonrun \[option ...\] \[--\] command" out &&
	test_grep -e "--kill-timeout" out &&
	! test -s err
'

test_expect_success '--version' '
	daemonrun --version >out &&
	test_grep "^daemonrun [0-9]" out
'

test_expect_success 'no command is a usage error' '
	fails 100 "^daemonrun: usage: daemonrun \[option" daemonrun &&
	fails 100 "^daemonrun: usage:" daemonrun --restart always
'

test_expect_success 'an unknown option, a missing value' '
	fails 100 "^daemonrun: fatal: unknown option .--bogus." \
		daemonrun --bogus -- touch started &&
	fails 100 "^daemonrun: fatal: option .--kill-timeout. needs a value" \
		daemonrun --kill-timeout
'

test_expect_success 'options stop at the first operand (CMD keeps its own)' '
	daemonrun sh -c "echo \"\$0|\$1\"" --restart -x >out &&
	echo "--restart|-x" >expect &&
	test_cmp expect out
'

test_expect_success 'bad durations' '
	fails 100 "bad --kill-timeout .5x.: " daemonrun -k 5x -- touch started &&
	fails 100 "bad --timeout .0.: must be more than zero" \
		daemonrun --timeout 0 -- touch started &&
	fails 100 "bad --restart-delay" daemonrun --restart-delay -1s -- touch started &&
	fails 100 "bad --reload-interval" daemonrun --watch . --reload-interval soon -- touch started
'

test_expect_success 'bad signals' '
	fails 100 "bad --stop-signal .FOO.: unknown signal name" \
		daemonrun --stop-signal FOO -- touch started &&
	fails 100 "bad --signal .KILL.: cannot be caught" \
		daemonrun -S KILL -- touch started &&
	fails 100 "bad --preserve-signals .NOPE.: unknown signal" \
		daemonrun --preserve-signals USR1,NOPE -- touch started &&
	fails 100 "conflict" daemonrun -A --no-signal-forward -- touch started
'

test_expect_success 'bad values' '
	fails 100 "bad --nice .20.: " daemonrun --nice 20 -- touch started &&
	fails 100 "bad --umask .999.: " daemonrun --umask 999 -- touch started &&
	fails 100 "bad --restart .sometimes.: want no, on-failure or always" \
		daemonrun --restart sometimes -- touch started &&
	fails 100 "bad --log-level .loud." daemonrun --log-level loud -- touch started &&
	fails 100 "bad --notify-fd .1.: " daemonrun --notify-fd 1 -- touch started &&
	fails 100 "bad --max-restarts .-1." daemonrun --max-restarts -1 -- touch started &&
	fails 100 "ready-timeout needs --notify-fd" \
		daemonrun --ready-timeout 1s -- touch started &&
	fails 100 "bad --env .NOEQUALS.: want KEY=VALUE" \
		daemonrun --env NOEQUALS -- touch started &&
	fails 100 "bad --env .1X=y.: bad variable name" \
		daemonrun --env 1X=y -- touch started &&
	fails 100 "bad --config-override" \
		daemonrun --config-override nokey -- touch started
'

test_expect_success 'unknown user or group: 100, in both modes' '
	fails 100 "^daemonrun: fatal: unknown user .no-such-user-x." \
		daemonrun --user no-such-user-x -- touch started &&
	fails 100 "unknown group .no-such-group-x." \
		daemonrun --run-group no-such-group-x -- touch started &&
	fails 100 "unknown user" \
		daemonrun --restart always --user no-such-user-x -- touch started &&
	fails 100 "unknown user" \
		daemonrun -d --user no-such-user-x -- touch started
'

test_expect_success 'env file: unreadable is 111, a bad line 100 naming it' '
	fails 111 "unable to read missing.env: No such file or directory" \
		daemonrun --env-file missing.env -- touch started &&
	printf "A=1\n# fine\nnot a line\n" >bad.env &&
	fails 100 "bad --env-file bad.env: line 3: " \
		daemonrun --env-file bad.env -- touch started &&
	printf "A=\"open\n" >open.env &&
	fails 100 "line 1: unterminated double quote" \
		daemonrun --restart always --env-file open.env -- touch started
'

test_expect_success 'a missing command: 127, in both modes' '
	fails 127 "unable to run no-such-cmd-x: No such file or directory" \
		daemonrun -- no-such-cmd-x &&
	fails 127 "unable to run no-such-cmd-x" \
		daemonrun --restart always --state-dir sd -- no-such-cmd-x &&
	test_path_is_missing sd &&
	fails 127 "unable to run ./nope" daemonrun -d -- ./nope
'

test_expect_success 'a command that cannot be executed: 126' '
	printf "#!/bin/sh\ntouch started\n" >noexec && chmod 644 noexec &&
	fails 126 "unable to run ./noexec: Permission denied" \
		daemonrun -- ./noexec &&
	fails 126 "unable to run ./noexec: Permission denied" \
		daemonrun --restart on-failure -- ./noexec &&
	mkdir adir &&
	fails 126 "unable to run ./adir" daemonrun -- ./adir
'

test_expect_success 'a state dir that is not a directory: 111, nothing started' '
	echo file >notadir &&
	fails 111 "unable to use state dir notadir: (Not a directory|File exists)" \
		daemonrun --state-dir notadir -- touch started &&
	fails 111 "unable to use state dir notadir/sub" \
		daemonrun --state-dir notadir/sub -- touch started
'

test_expect_success 'a control that is not a FIFO: 111' '
	mkdir sd2 && echo x >sd2/control &&
	fails 111 "sd2/control: not a FIFO" \
		daemonrun --state-dir sd2 -- touch started
'

test_expect_success 'an unwritable log or output file: 111' '
	fails 111 "unable to open nodir/x.log: No such file or directory" \
		daemonrun -l nodir/x.log -- touch started &&
	fails 111 "unable to open nodir/out" \
		daemonrun --stdout nodir/out -- touch started
'

test_expect_success 'a missing watch path: 111' '
	fails 111 "unable to watch nothere: No such file or directory" \
		daemonrun --watch nothere -- touch started
'

test_expect_success 'a bad --chdir: 111 with the step named' '
	fails 111 "unable to change directory to nodir: No such file" \
		daemonrun -C nodir -- touch started &&
	fails 111 "unable to change directory to nodir" \
		daemonrun --restart always -C nodir -- touch started
'

test_expect_success '--config-override and --no-config are accepted (for daemonctl)' '
	daemonrun --no-config --config-override limits.timeout=5 -- true
'

test_done
