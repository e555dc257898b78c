#!/bin/sh
test_description='plotq: kill -9 of the daemon loses no job and runs none twice'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

# crash: kill -9 the daemon and wait until it is gone.
crash() {
	local pid
	pid=$(plotq_daemon_pid) && kill -9 $pid &&
	test_wait_for "! kill -0 $pid 2>/dev/null"
}

for store in $(plotq_stores); do
plotq_env $store
rm -f go* ran.log

test_expect_success "$store: a job running through a crash is adopted; its outcome kept" '
	a=$(plotq run -- sh -c "echo before; plotq-waitfile goA; echo after; exit 3") &&
	b=$(plotq run -- sh -c "echo b >>ran.log") &&
	c=$(plotq run -- sh -c "echo c >>ran.log") &&
	test_wait_for "test -s \"$WS/jobs/$a/out.log\"" &&
	crash &&
	plotq list >out &&
	test_grep "^$a  *running" out &&
	test_grep "^$b  *queued" out &&
	test_grep "job_adopted id=$a" "$WS/plotq.log" &&
	touch goA &&
	test_expect_code 3 plotq wait $a &&
	plotq wait $b $c &&
	printf "before\nafter\n" >expect &&
	plotq log $a >out && test_cmp expect out &&
	printf "b\nc\n" >expect && test_cmp expect ran.log
'

test_expect_success "$store: a job that ends while no daemon runs is settled" '
	a=$(plotq run -- sh -c "echo one; plotq-waitfile goB; echo two; exit 4") &&
	test_wait_for "test -s \"$WS/jobs/$a/out.log\"" &&
	slot="$WS/slots/default/0.lock" &&
	test "$(plotq_rec "$slot" job)" = $a &&
	sup=$(plotq_rec "$slot" sup) &&
	crash &&
	touch goB &&
	test_wait_for "! test_alive $sup" &&
	test "$(plotq_rec "$slot" state)" = end &&
	test "$(plotq_rec "$slot" code)" = 4 &&
	test_expect_code 4 plotq wait $a &&
	printf "one\ntwo\n" >expect &&
	plotq log $a >out && test_cmp expect out &&
	test_grep "job_settled id=$a" "$WS/plotq.log"
'

test_expect_success "$store: a job whose supervisor died with the daemon is lost" '
	a=$(plotq run -- sh -c "echo up; plotq-waitfile never") &&
	b=$(plotq run --after $a -- touch ran-b) &&
	slot="$WS/slots/default/0.lock" &&
	test_wait_for "test \"\$(plotq_rec \"$slot\" cmd)\" -gt 0" &&
	set -- $(plotq_rec "$slot" sup) $(plotq_rec "$slot" cmd) &&
	crash &&
	kill -9 $1 && kill -9 -$2 &&
	test_wait_for "! kill -0 $1 2>/dev/null" &&
	test_expect_code 1 plotq wait $a &&
	plotq show --json $a >j &&
	test_grep "\"state\":\"lost\",\"reason\":\"lost\"" j &&
	test_grep "\"exit\":null" j &&
	plotq show --json $b >j &&
	test_grep "\"state\":\"failed\",\"reason\":\"dependency\"" j &&
	test_path_is_missing ran-b
'

test_expect_success "$store: an adopted job can be stopped" '
	a=$(plotq run -- sh -c "echo up; plotq-waitfile never") &&
	test_wait_for "test -s \"$WS/jobs/$a/out.log\"" &&
	crash &&
	plotq stop $a &&
	plotq show --json $a >j &&
	test_grep "\"state\":\"stopped\"" j
'

test_expect_success "$store: a job recorded running that never started is queued again" '
	plotq pause &&
	rm -f requeued.log &&
	id=$(plotq run -- sh -c "echo \$PLOTQ_JOB_ID >>requeued.log") &&
	plotq shutdown &&
	if [ $store = spool ]; then
		echo "{\"state\":\"running\",\"started\":1,\"slot\":0}" \
			>"$WS/jobs/$id/state"
	elif command -v sqlite3 >/dev/null; then
		sqlite3 "$WS/plotq.db" \
			"UPDATE jobs SET state = \"running\", started = 1, slot = 0 WHERE id = $id"
	else
		plotq resume && return 0
	fi &&
	plotq resume &&
	plotq wait $id &&
	test_grep "job_requeued id=$id reason=never_started" "$WS/plotq.log" &&
	echo $id >expect && test_cmp expect requeued.log
'

test_expect_success "$store: repeated crashes: every job runs, and once" '
	rm -f ran.log &&
	ids= &&
	for round in 1 2 3 4; do
		for i in 1 2 3 4 5 6 7 8; do
			ids="$ids $(plotq run -- sh -c "echo \$PLOTQ_JOB_ID >>ran.log")" ||
			return 1
		done &&
		want=$((round * 4)) &&
		test_wait_for "test \$(cat ran.log 2>/dev/null | wc -l) -ge $want" &&
		crash || return 1
	done &&
	plotq wait $ids &&
	sort ran.log | uniq -d >twice && test_line_count = 0 twice &&
	for id in $ids; do
		test "$(plotq_state $id)" = done &&
		grep -qx $id ran.log || return 1
	done
'

plotq_stop
done

plotq_san_check
test_done
