#!/bin/sh
test_description='healthcheck --state: thresholds across one-shot (cron) runs'
. "${0%/*}/lib.sh"

# Nagios codes: exit 1 is WARNING (the service answers: a success for the
# thresholds); a failure is exit 2.
test_expect_success 'a failure below the threshold is WARNING, then CRITICAL' '
	touch down &&
	test_expect_code 1 healthcheck --state s --exec "test ! -f down || exit 2" >out &&
	test_grep "^HEALTHCHECK WARNING - failure 1 of 3: .test ! -f down || exit 2. exit 2 | time=.* failures=1;;3;0$" out &&
	test_expect_code 1 healthcheck --state s --exec "test ! -f down || exit 2" >out &&
	test_grep "^HEALTHCHECK WARNING - failure 2 of 3: " out &&
	test_expect_code 2 healthcheck --state s --exec "test ! -f down || exit 2" >out &&
	test_grep "^HEALTHCHECK CRITICAL - .test ! -f down || exit 2. exit 2 | time=.* failures=3;;3;0$" out &&
	test_expect_code 2 healthcheck --state s --exec "test ! -f down || exit 2" >out &&
	test_grep "failures=4;;3;0" out
'

test_expect_success 'the state file is plain key=value text' '
	test_grep "^status=unhealthy$" s &&
	test_grep "^failures=4$" s &&
	test_grep "^runs=4$" s &&
	test_grep "^first=[0-9]*$" s &&
	test_path_is_missing s.new
'

test_expect_success 'a success resets the count' '
	rm down &&
	healthcheck --state s --exec "test ! -f down || exit 2" >out &&
	test_grep "^HEALTHCHECK OK - .*failures=0;;3;0$" out &&
	touch down &&
	test_expect_code 1 healthcheck --state s --exec "test ! -f down || exit 2" >out &&
	test_grep "failure 1 of 3" out
'

test_expect_success '--failure-threshold 1: CRITICAL at once' '
	test_expect_code 2 healthcheck --state s1 --failure-threshold 1 --exec "exit 2" >out &&
	test_grep "^HEALTHCHECK CRITICAL" out
'

test_expect_success '--success-threshold: CRITICAL stays until enough successes' '
	touch down &&
	test_expect_code 2 healthcheck --state s2 --failure-threshold 1 --success-threshold 2 \
		--exec "test ! -f down || exit 2" >out &&
	rm down &&
	test_expect_code 2 healthcheck --state s2 --failure-threshold 1 --success-threshold 2 \
		--exec "test ! -f down || exit 2" >out &&
	test_grep "^HEALTHCHECK CRITICAL - success 1 of 2: " out &&
	healthcheck --state s2 --failure-threshold 1 --success-threshold 2 \
		--exec "test ! -f down || exit 2" >out &&
	test_grep "^HEALTHCHECK OK" out
'

test_expect_success '--start-period: failures inside it do not count' '
	test_expect_code 1 healthcheck --state s3 --failure-threshold 1 --start-period 1h \
		--exec "exit 2" >out &&
	test_grep "^HEALTHCHECK WARNING - in start period: " out &&
	test_expect_code 1 healthcheck --state s3 --failure-threshold 1 --start-period 1h \
		--exec "exit 2" >out &&
	test_grep "in start period" out &&
	test_grep "^failures=0$" s3
'

test_expect_success '--start-period ends with the first success' '
	healthcheck --state s3 --failure-threshold 1 --start-period 1h --exec true >out &&
	test_expect_code 2 healthcheck --state s3 --failure-threshold 1 --start-period 1h \
		--exec "exit 2" >out &&
	test_grep "^HEALTHCHECK CRITICAL" out
'

test_expect_success '--start-period counts from the first run the file remembers' '
	test_expect_code 1 healthcheck --state s4 --failure-threshold 1 --start-period 1h --exec "exit 2" &&
	sed "s/^first=.*/first=1000/" s4 >s4.tmp && mv s4.tmp s4 &&
	test_expect_code 2 healthcheck --state s4 --failure-threshold 1 --start-period 1h --exec "exit 2"
'

test_expect_success 'parallel runs do not lose counts' '
	pids= &&
	for i in $(seq 24); do
		healthcheck --state par --failure-threshold 1000 --exec "exit 2" >/dev/null &
		pids="$pids $!"
	done &&
	for p in $pids; do wait $p; done;
	test_grep "^runs=24$" par &&
	test_grep "^failures=24$" par &&
	test_path_is_missing par.new
'

test_expect_success 'parallel successes and failures add up' '
	pids= &&
	for i in $(seq 10); do
		healthcheck --state mix --exec true >/dev/null &
		pids="$pids $!"
		healthcheck --state mix --exec "exit 2" >/dev/null &
		pids="$pids $!"
	done &&
	for p in $pids; do wait $p; done;
	test_grep "^runs=20$" mix
'

test_expect_success 'a WARNING result counts as a success' '
	test_expect_code 1 healthcheck --state w --failure-threshold 1 --exec "echo slow; exit 1" >out &&
	test_grep "^HEALTHCHECK WARNING - slow | .*failures=0;;1;0$" out &&
	test_expect_code 1 healthcheck --state w --failure-threshold 1 --exec "echo slow; exit 1" >out &&
	test_grep "^base=healthy$" w
'

test_expect_success 'a malformed state file is a warning and a fresh start' '
	printf "garbage\n" >bad &&
	test_expect_code 1 healthcheck --state bad --exec "exit 2" >out 2>err &&
	test_grep "state file bad is malformed" err &&
	test_grep "failure 1 of 3" out &&
	test_grep "^runs=1$" bad
'

test_expect_success 'a state file that cannot be written: UNKNOWN' '
	test_expect_code 3 healthcheck --state no/such/dir/s --exec true >out 2>err &&
	test_grep "^HEALTHCHECK UNKNOWN - unable to lock state file no/such/dir/s: No such file or directory" out &&
	test_grep "^healthcheck: fatal: unable to lock state file" err
'

test_expect_success '--on-unhealthy and --on-healthy run on state changes across runs' '
	touch down &&
	for i in 1 2; do
		healthcheck --state h --failure-threshold 2 --exec "test ! -f down || exit 2" \
			--on-unhealthy "echo \"unhealthy \$HEALTHCHECK_PREVIOUS: \$HEALTHCHECK_DETAIL\" >>hooks" \
			--on-healthy "echo \"healthy \$HEALTHCHECK_PREVIOUS\" >>hooks" >/dev/null
	done;
	test_line_count = 1 hooks &&
	test_grep "^unhealthy unknown: .test ! -f down || exit 2. exit 2$" hooks &&
	healthcheck --state h --failure-threshold 2 --exec "test ! -f down || exit 2" \
		--on-unhealthy "echo unhealthy >>hooks" --on-healthy "echo again >>hooks" >/dev/null;
	test_line_count = 1 hooks &&
	rm down &&
	healthcheck --state h --failure-threshold 2 --exec "test ! -f down || exit 2" \
		--on-unhealthy "echo unhealthy >>hooks" \
		--on-healthy "echo \"healthy \$HEALTHCHECK_PREVIOUS\" >>hooks" >/dev/null &&
	test_line_count = 2 hooks &&
	test_grep "^healthy unhealthy$" hooks
'

test_expect_success PYTHON '--json with --state has the counts' '
	test_expect_code 1 healthcheck --json --state j --exec "exit 2" >out &&
	python3 -c "import json
o=json.load(open(\"out\"))
assert o[\"status\"]==\"WARNING\" and o[\"health\"]==\"warning\" and o[\"previous\"]==\"unknown\", o
assert o[\"failures\"]==1 and o[\"failure_threshold\"]==3, o
assert o[\"summary\"].startswith(\"failure 1 of 3: \"), o"
'

test_done
