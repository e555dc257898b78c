#!/bin/sh
test_description='plotq: stop, kill, log -f, graceful shutdown'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

for store in $(plotq_stores); do
plotq_env $store
rm -f go*

test_expect_success "$store: stop sends TERM and waits for the end" '
	id=$(plotq run -- sh -c "trap \"echo got TERM; exit 0\" TERM; echo up; plotq-waitfile never & wait") &&
	test_wait_for "test -s \"$WS/jobs/$id/out.log\"" &&
	plotq stop $id &&
	plotq show --json $id >j &&
	test_grep "\"state\":\"stopped\",\"reason\":\"stop\"" j &&
	test_grep "\"exit\":0" j &&
	plotq log $id >out && test_grep "got TERM" out &&
	test_expect_code 1 plotq wait $id
'

test_expect_success "$store: stop gives KILL after the grace" '
	id=$(plotq run -- sh -c "trap \"\" TERM; echo up; while :; do sleep 0.05; done") &&
	test_wait_for "test -s \"$WS/jobs/$id/out.log\"" &&
	plotq stop --grace 300ms $id &&
	plotq show --json $id >j &&
	test_grep "\"state\":\"stopped\",\"reason\":\"stop\"" j &&
	test_grep "\"signal\":\"KILL\"" j &&
	test_expect_code 137 plotq wait $id &&
	test_grep "job_kill id=$id reason=grace" "$WS/plotq.log"
'

test_expect_success "$store: stop reaches the whole process group" '
	rm -f bg.pid &&
	id=$(plotq run -- sh -c "sleep 300 & echo \$! >bg.pid; wait") &&
	test_wait_for "test -s bg.pid" &&
	bg=$(cat bg.pid) && kill -0 $bg &&
	plotq stop $id &&
	test_wait_for "! test_alive $bg"
'

test_expect_success "$store: kill sends KILL at once" '
	id=$(plotq run -- sh -c "trap \"\" TERM; echo up; plotq-waitfile never") &&
	test_wait_for "test -s \"$WS/jobs/$id/out.log\"" &&
	plotq kill $id &&
	plotq show --json $id >j &&
	test_grep "\"state\":\"stopped\",\"reason\":\"kill\"" j &&
	test_grep "\"signal\":\"KILL\"" j &&
	test_expect_code 137 plotq wait $id
'

test_expect_success "$store: stop and kill refuse jobs that do not run" '
	id=$(plotq run true) && plotq wait $id &&
	test_expect_code 1 plotq stop $id 2>err &&
	test_grep "job $id is not running (done)" err &&
	test_expect_code 1 plotq kill $id 2>err &&
	plotq pause &&
	id=$(plotq run true) &&
	test_expect_code 1 plotq stop $id 2>err &&
	test_grep "job $id is not running (queued): use cancel" err &&
	plotq cancel $id && plotq resume
'

test_expect_success "$store: log -f follows live output and ends with the job" '
	id=$(plotq run -- sh -c "echo first; plotq-waitfile go1; echo second; echo oops >&2") &&
	{ plotq log -f $id >follow.out & } &&
	fpid=$! &&
	test_wait_for "test_grep -q first follow.out" &&
	kill -0 $fpid &&
	touch go1 &&
	wait $fpid &&
	printf "first\nsecond\n" >expect && test_cmp expect follow.out
'

test_expect_success "$store: log -f --stderr, options after the id" '
	id=$(plotq run -- sh -c "echo e1 >&2; plotq-waitfile go2; echo e2 >&2; echo out") &&
	{ plotq log $id --stderr -f >follow.err & } &&
	fpid=$! &&
	test_wait_for "test_grep -q e1 follow.err" &&
	touch go2 && wait $fpid &&
	printf "e1\ne2\n" >expect && test_cmp expect follow.err
'

test_expect_success "$store: log -f of a queued job waits for it to run" '
	plotq pause &&
	id=$(plotq run -- echo later) &&
	{ plotq log --follow $id >follow.q & } &&
	fpid=$! &&
	plotq resume &&
	wait $fpid &&
	echo later >expect && test_cmp expect follow.q
'

test_expect_success "$store: a large log is followed whole" '
	id=$(plotq run -- sh -c "i=0; while [ \$i -lt 2000 ]; do echo line \$i of a log that is long enough; i=\$((i+1)); done") &&
	plotq log -f $id >big.out &&
	test_line_count = 2000 big.out &&
	plotq log $id | cmp - big.out
'

test_expect_success "$store: shutdown stops accepting, lets running jobs finish" '
	run=$(plotq run -- sh -c "plotq-waitfile go3; echo finished") &&
	queued=$(plotq run -- echo queued) &&
	test_wait_for "test \"\$(plotq_state $run)\" = running" &&
	{ plotq shutdown >sd.out 2>&1 & } &&
	spid=$! &&
	test_wait_for "plotq status | test_grep -q \"daemon stopping\"" &&
	test_expect_code 111 plotq run true 2>err &&
	test_grep "shutting down" err &&
	plotq list >/dev/null &&
	kill -0 $spid &&
	touch go3 &&
	wait $spid &&
	test_path_is_missing "$SOCK" &&
	test_path_is_missing "$SOCK.pid" &&
	plotq log $run >out && test_grep finished out &&
	test "$(plotq_state $run)" = done &&
	plotq wait $queued && plotq log $queued >out && test_grep queued out &&
	test_grep "info shutdown running=1 queued=1 now=0" "$WS/plotq.log"
'

test_expect_success "$store: shutdown --now stops the running jobs" '
	id=$(plotq run -- sh -c "echo up; plotq-waitfile never") &&
	test_wait_for "test -s \"$WS/jobs/$id/out.log\"" &&
	plotq shutdown --now &&
	test_path_is_missing "$SOCK" &&
	plotq show --json $id >j &&
	test_grep "\"state\":\"stopped\"" j &&
	test_grep "\"signal\":\"TERM\"" j
'

test_expect_success "$store: shutdown --now --grace: KILL after the grace" '
	id=$(plotq run -- sh -c "trap \"\" TERM; echo up; while :; do sleep 0.05; done") &&
	test_wait_for "test -s \"$WS/jobs/$id/out.log\"" &&
	plotq shutdown --now --grace 300ms &&
	plotq show --json $id >j &&
	test_grep "\"state\":\"stopped\"" j &&
	test_grep "\"signal\":\"KILL\"" j
'

test_expect_success "$store: TERM is graceful, a second TERM stops the jobs" '
	id=$(plotq run -- sh -c "echo up; plotq-waitfile never") &&
	test_wait_for "test -s \"$WS/jobs/$id/out.log\"" &&
	pid=$(plotq_daemon_pid) &&
	kill -TERM $pid &&
	test_wait_for "plotq status | test_grep -q \"daemon stopping\"" &&
	kill -TERM $pid &&
	test_wait_for "! kill -0 $pid 2>/dev/null" 30 &&
	test_path_is_missing "$SOCK" &&
	plotq show --json $id >j &&
	test_grep "\"state\":\"stopped\"" j &&
	test_grep "\"signal\":\"TERM\"" j
'

plotq_stop
done

plotq_san_check
test_done
