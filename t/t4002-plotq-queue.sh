#!/bin/sh
test_description='plotq: queues, slots, priorities, dependencies, pause, cancel'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

# A job that notes when it starts and ends in runs.log, holding its slot a
# moment so that jobs able to overlap do.
cat >job.sh <<'EOF'
#!/bin/sh
echo "start $1 $PLOTQ_QUEUE $PLOTQ_SLOT" >>"$TRASH_DIRECTORY/runs.log"
sleep ${2:-0.1}
echo "end $1 $PLOTQ_QUEUE $PLOTQ_SLOT" >>"$TRASH_DIRECTORY/runs.log"
EOF
chmod +x job.sh
export TRASH_DIRECTORY

# The most jobs of queue $1 running at once, per runs.log; also fails when
# two jobs held the same slot at once.
max_overlap() {
	awk -v q="$1" '
		$3 != q { next }
		$1 == "start" { n++; if (n > max) max = n;
			if (busy[$4]) { print "slot " $4 " taken twice"; bad = 1 }
			busy[$4] = 1 }
		$1 == "end" { n--; busy[$4] = 0 }
		END { if (!bad) print max + 0 }' runs.log
}

# The order in which jobs (by their tag) started.
start_order() {
	awk '$1 == "start" { printf "%s ", $2 } END { print "" }' runs.log
}

for store in $(plotq_stores); do
plotq_env $store

test_expect_success "$store: queues come from the config" '
	mkdir -p "$WS" &&
	cat >"$WS/config.toml" <<-EOF &&
	[queue.plotter]
	slots = 1
	device = "/dev/plotter0"

	[queue.pair]
	slots = 2
	colour = "red"
	EOF
	plotq list >/dev/null &&
	plotq status >out &&
	test_grep "^queue plotter: 1 slot, 0 running, 0 queued, device /dev/plotter0$" out &&
	test_grep "^queue pair: 2 slots" out &&
	test_grep "^queue default: 1 slot" out &&
	test_grep "unknown key queue.pair.colour" "$WS/plotq.log"
'

test_expect_success "$store: an unknown queue is refused" '
	test_expect_code 100 plotq run --queue nosuch -- true 2>err &&
	test_grep "unknown queue .nosuch. (queues: plotter, pair, default)" err &&
	test_expect_code 100 plotq list --queue nosuch 2>err &&
	test_expect_code 100 plotq pause nosuch 2>err
'

test_expect_success "$store: jobs of a queue with a device get PLOTQ_DEVICE" '
	id=$(plotq run --queue plotter -- sh -c "echo \$PLOTQ_DEVICE") &&
	plotq wait $id && plotq log $id >out &&
	echo /dev/plotter0 >expect && test_cmp expect out &&
	id=$(PLOTQ_DEVICE=stale plotq run -- sh -c "echo x\${PLOTQ_DEVICE}x") &&
	plotq wait $id && plotq log $id >out &&
	echo xx >expect && test_cmp expect out
'

test_expect_success "$store: one job per slot: never two at once on one slot" '
	rm -f runs.log &&
	ids= &&
	for i in 1 2 3 4 5 6; do
		ids="$ids $(plotq run --queue plotter -- ./job.sh p$i)" || return 1
	done &&
	plotq wait $ids &&
	max_overlap plotter >n && echo 1 >expect && test_cmp expect n &&
	test $(grep -c "^end p" runs.log) = 6
'

test_expect_success "$store: two slots run two jobs at once, never three" '
	rm -f runs.log &&
	cat >meet.sh <<-\EOF &&
	#!/bin/sh
	# each of a pair waits (bounded) for the other: they must overlap
	touch "$1.here"; i=0
	while [ ! -e "$2.here" ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i+1)); done
	[ -e "$2.here" ]
	EOF
	chmod +x meet.sh &&
	a=$(plotq run --queue pair -- ./meet.sh a b) &&
	b=$(plotq run --queue pair -- ./meet.sh b a) &&
	plotq wait $a $b &&
	ids= &&
	for i in 1 2 3 4 5 6; do
		ids="$ids $(plotq run --queue pair -- ./job.sh q$i 0.2)" || return 1
	done &&
	plotq wait $ids &&
	max_overlap pair >n && echo 2 >expect && test_cmp expect n
'

test_expect_success "$store: higher priority first, then submission order" '
	rm -f runs.log &&
	plotq pause plotter &&
	plotq run --queue plotter -- ./job.sh low1 0 >/dev/null &&
	plotq run --queue plotter --priority 5 -- ./job.sh high1 0 >/dev/null &&
	plotq run --queue plotter --priority -3 -- ./job.sh neg 0 >/dev/null &&
	plotq run --queue plotter -- ./job.sh low2 0 >/dev/null &&
	last=$(plotq run --queue plotter --priority 5 -- ./job.sh high2 0) &&
	plotq list --queue plotter --state queued >out &&
	test_line_count = 6 out &&
	plotq resume plotter &&
	plotq wait $last &&
	test_wait_for "test \$(grep -c ^end runs.log) = 5" &&
	echo "high1 high2 low1 low2 neg " >expect &&
	start_order >order && test_cmp expect order
'

test_expect_success "$store: --after waits for its dependencies to succeed" '
	rm -f runs.log &&
	a=$(plotq run --queue pair -- ./job.sh A 0.3) &&
	b=$(plotq run --queue pair -- ./job.sh B 0) &&
	c=$(plotq run --queue pair --after $a,$b -- ./job.sh C 0) &&
	d=$(plotq run --queue pair --after $a --after $c -- ./job.sh D 0) &&
	plotq wait $d &&
	grep -n "" runs.log >lines &&
	test $(grep -n "start C" runs.log | cut -d: -f1) -gt \
	     $(grep -n "end A" runs.log | cut -d: -f1) &&
	test $(grep -n "start D" runs.log | cut -d: -f1) -gt \
	     $(grep -n "end C" runs.log | cut -d: -f1) &&
	plotq show --json $c >j && test_grep "\"after\":\\[$a,$b\\]" j
'

test_expect_success "$store: a failed dependency fails its dependants (reason dependency)" '
	f=$(plotq run -- sh -c "sleep 0.2; exit 2") &&
	x=$(plotq run --after $f -- touch ran-x) &&
	y=$(plotq run --after $x -- touch ran-y) &&
	test_expect_code 1 plotq wait $y &&
	test_expect_code 2 plotq wait $f &&
	for j in $x $y; do
		plotq show --json $j >j &&
		test_grep "\"state\":\"failed\",\"reason\":\"dependency\"" j || return 1
	done &&
	test_path_is_missing ran-x && test_path_is_missing ran-y &&
	z=$(plotq run --after $f -- touch ran-z) &&
	test_expect_code 1 plotq wait $z && test_path_is_missing ran-z &&
	plotq show $z >out && test_grep "^state: *failed (dependency)" out
'

test_expect_success "$store: pause holds jobs back, resume lets them go" '
	plotq pause &&
	id=$(plotq run -- touch paused-ran) &&
	plotq status >out && test_grep "^queue default: .*, paused$" out &&
	test_grep "^queue plotter: .*, paused$" out &&
	plotq list --state queued >out && test_grep "^$id " out &&
	plotq resume default &&
	plotq wait $id && test_path_is_file paused-ran &&
	plotq status >out && test_grep "^queue plotter: .*, paused$" out &&
	! test_grep "^queue default: .*paused" out &&
	plotq resume &&
	plotq status >out && ! test_grep paused out
'

test_expect_success "$store: a pause outlives the daemon" '
	plotq pause pair &&
	plotq shutdown &&
	id=$(plotq run --queue pair -- touch pair-ran) &&
	plotq status >out && test_grep "^queue pair: .*, paused$" out &&
	test "$(plotq_state $id)" = queued &&
	plotq resume pair && plotq wait $id && test_path_is_file pair-ran
'

test_expect_success "$store: cancel a queued job; its dependants fail" '
	plotq pause plotter &&
	a=$(plotq run --queue plotter -- touch cancelled-ran) &&
	b=$(plotq run --after $a -- true) &&
	plotq cancel $a &&
	test "$(plotq_state $a)" = cancelled &&
	test_expect_code 1 plotq wait $a $b &&
	plotq show --json $b >j && test_grep "\"reason\":\"dependency\"" j &&
	test_expect_code 1 plotq cancel $a 2>err &&
	test_grep "job $a is not queued (cancelled)" err &&
	plotq resume plotter && test_path_is_missing cancelled-ran
'

test_expect_success "$store: cancel refuses a running job" '
	id=$(plotq run -- sleep 30) &&
	test_wait_for "test \"\$(plotq_state $id)\" = running" &&
	test_expect_code 1 plotq cancel $id 2>err &&
	test_grep "job $id is not queued (running): use stop or kill" err &&
	plotq kill $id
'

test_expect_success "$store: a bad config stops the daemon; check config says why" '
	plotq shutdown &&
	cp "$WS/config.toml" good.toml &&
	test_when_finished "cp good.toml \"$WS/config.toml\"" &&
	printf "[queue.big]\nslots = 0\n" >"$WS/config.toml" &&
	test_expect_code 100 plotq daemon 2>err &&
	test_grep "config.toml:2:9: queue.big.slots: slots 0 out of range" err &&
	test_expect_code 1 plotq check config >out &&
	test_grep "config.toml:2:9" out &&
	printf "[queue.x\n" >"$WS/config.toml" &&
	test_expect_code 100 plotq daemon 2>err &&
	test_grep "config.toml:1:" err
'

test_expect_success "$store: a slot whose lock is still held: the job waits for it, then runs" '
	plotq_stop &&
	cp "$WS/config.toml" good2.toml &&
	test_when_finished "cp good2.toml \"\$WS/config.toml\"; plotq_stop" &&
	printf "[queue.solo]\nslots = 1\n[logging]\nlevel = \"debug\"\n" >>"$WS/config.toml" &&
	mkdir -p "$WS/slots/solo" &&
	rm -f held.ready &&
	test_bg tk-lockpid "$WS/slots/solo/0.lock" held.ready &&
	holder=$TEST_BG_PID &&
	test_wait_for "test -f held.ready" &&
	id=$(plotq run --queue solo -- echo ran) &&
	test_wait_for "grep -q \"slot_busy id=$id \" \"\$WS/plotq.log\"" &&
	plotq show --json $id >j &&
	test_grep "\"state\":\"queued\"" j &&
	kill $holder &&
	plotq wait $id &&
	plotq log $id >out && echo ran >expect && test_cmp expect out
'

plotq_stop
done

plotq_san_check
test_done
