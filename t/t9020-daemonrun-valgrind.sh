#!/bin/sh
test_description='daemonrun supervising under valgrind: no leak, no error, through a scripted session'
. "${0%/*}/lib.sh"

# The supervisor is the long-running part of daemonrun: a session of
# crashes, restarts with backoff, control-FIFO commands, a watched file,
# and the exit, under memcheck. (healthcheck --watch: t3008; pbroute:
# t6010; teelog: t1006; the plotq daemon: plotq's own tests.)

test_lazy_prereq VALGRIND 'command -v valgrind'
# Read-write: never blocks, even when the supervisor is gone.
test_cleanup_hook='[ -p run/control ] && printf x 1<>run/control'

VG="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect
	--errors-for-leak-kinds=definite,indirect --error-exitcode=9
	--trace-children=no --log-file=$TRASH_DIRECTORY/vg.log"
key() { sed -n "s/^$1=//p" run/status 2>/dev/null; }

# The app: counts its runs; the first two crash at once, later ones
# stay up until told.
cat >app <<\EOF
#!/bin/sh
n=$(($(cat runs 2>/dev/null || echo 0) + 1)); echo $n >runs
echo "run $n"
[ $n -gt 2 ] || exit 7
trap 'echo "hup $n"' HUP
trap 'echo "term $n"; exit 0' TERM
while :; do sleep 0.05; done
EOF
chmod 755 app

test_expect_success VALGRIND,!SAN 'crashes, backoff, control commands, a watched file, exit' '
	echo v1 >conf &&
	$VG daemonrun --state-dir run --restart always --restart-delay 50ms \
		--restart-max-delay 200ms --kill-timeout 5s -l events.log \
		--watch conf --reload-interval 200ms --env GREETING=hi --umask 022 -- ./app >out 2>err &
	vg=$! &&
	test_wait_for "test \"\$(cat runs 2>/dev/null)\" = 3 && test \"\$(key state)\" = up" 60 &&
	test_grep "info exit .*code=7" events.log &&
	printf h >run/control &&
	test_wait_for "grep -q \"^hup 3\" out" 60 &&
	printf t >run/control &&
	test_wait_for "test \"\$(cat runs)\" = 4 && test \"\$(key state)\" = up" 60 &&
	printf d >run/control &&
	test_wait_for "test \"\$(key state)\" = down" 60 &&
	printf u >run/control &&
	test_wait_for "test \"\$(cat runs)\" = 5 && test \"\$(key state)\" = up" 60 &&
	echo v2 >conf.new && mv conf.new conf &&
	test_wait_for "test \"\$(cat runs)\" = 6 && test \"\$(key state)\" = up" 60 &&
	printf "?" >run/control &&
	printf x >run/control &&
	{ wait $vg; code=$?; } &&
	cat out err events.log vg.log &&
	test $code = 0 &&
	test_grep "^term 6" out &&
	test_line_count = 0 vg.log
'

test_expect_success VALGRIND,!SAN 'exec mode and start-up failures' '
	$VG daemonrun --env A=1 --umask 077 -- sh -c "exit 3";
	test $? = 3 && test_line_count = 0 vg.log &&
	for args in "--bogus" "--user no-such-user -- true" "-- /no/such/cmd" \
		"--restart always --max-restarts 1 --restart-delay 10ms -- false" \
		"--timeout 100ms -- sleep 5"; do
		eval "$VG daemonrun $args" >out 2>err;
		code=$?;
		test $code != 0 && test $code != 9 &&
		test_line_count = 0 vg.log || { echo "$args: $code"; cat vg.log; return 1; }
	done
'

test_done
