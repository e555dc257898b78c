#!/bin/sh
test_description='plotq daemon under valgrind: a session through every path, no leak, no error'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

# bin/plotq is linked statically (its client starts faster), and valgrind
# cannot follow malloc in a static glibc: link the same objects
# dynamically here.
test_lazy_prereq VALGRIND 'command -v valgrind && command -v cc'
test_lazy_prereq DYN '
	for f in "$TOP"/src/plotq/*.c; do
		b=${f##*/}; echo "$TOP/bin/.obj/src/plotq/${b%.c}.o"
	done >objs &&
	cc -o "$TRASH_DIRECTORY/plotq-dyn" $(cat objs) "$TOP/bin/.obj/libtk.a" \
		-lsqlite3 -lm 2>/dev/null ||
	cc -o "$TRASH_DIRECTORY/plotq-dyn" $(cat objs) "$TOP/bin/.obj/libtk.a" -lm
'
WSC="python3 $TEST_DIRECTORY/helpers/plotq-ws.py"

for store in $(plotq_stores); do
plotq_env $store

test_expect_success VALGRIND,!SAN,DYN,PYTHON "$store: a scripted session: no leak, no error" '
	mkdir -p "$WS" &&
	printf "[queue.default]\nslots = 2\n[queue.other]\n[websocket]\nheartbeat_interval = 0.2\n" >"$WS/config.toml" &&
	rm -f vg.*.log ws.out shut.out &&
	test_bg valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
		--log-file="$TRASH_DIRECTORY/vg.%p.log" \
		./plotq-dyn daemon --host 127.0.0.1 --port 0 2>daemon.err &&
	VG=$TEST_BG_PID &&
	test_wait_for "grep -q \" info start \" daemon.err" 60 &&
	PORT=$(sed -n "s/.* monitor host=.* port=\([0-9]*\) .*/\1/p" daemon.err) &&
	{ $WSC -t 60 $PORT send "{\"type\":\"SUBSCRIBE\",\"channels\":[\"system\",\"jobs\"]}" \
		recv recv recv until job_finished 4 >ws.out & } && wsc=$! &&
	test_wait_for "test \$(wc -l <ws.out) -ge 4" 30 &&
	a=$(plotq run --name one -- sh -c "echo out; echo err >&2") &&
	b=$(plotq run -- sh -c "exit 3") &&
	c=$(plotq run -- no-such-command-here) &&
	d=$(plotq run --queue other --after $a -- true) &&
	plotq wait $a $d &&
	test_expect_code 3 plotq wait $b &&
	test_expect_code 127 plotq wait $c &&
	wait $wsc &&
	plotq list --all --json >/dev/null &&
	plotq show --json $a >/dev/null &&
	plotq log $a >/dev/null && plotq log --stderr $a >/dev/null &&
	s=$(plotq run -- sleep 60) &&
	test_wait_for "plotq show --json $s | grep -q running" 30 &&
	plotq pause other &&
	q=$(plotq run --queue other -- true) &&
	plotq cancel $q &&
	plotq resume other &&
	plotq stop --grace 1s $s &&
	echo "{bad" | plotq-raw -f -n 1 "$SOCK" >/dev/null &&
	echo "{\"v\":1,\"op\":\"events\",\"channels\":[\"system\"]}" |
		plotq-raw -f -n 2 "$SOCK" >/dev/null &&
	$WSC -g -p /status $PORT >/dev/null &&
	$WSC -g -p / $PORT >/dev/null &&
	$WSC -g -p /nope $PORT >/dev/null &&
	$WSC $PORT unmasked "{}" wait-close >/dev/null &&
	{ $WSC -t 60 $PORT send "{\"type\":\"SUBSCRIBE\",\"channels\":[\"jobs\"]}" \
		recv wait-close >shut.out & } && wsc=$! &&
	test_wait_for "test \$(wc -l <shut.out) -ge 2" 30 &&
	plotq shutdown &&
	wait $VG &&
	wait $wsc && test_grep "close 1001" shut.out &&
	cat vg.*.log >vg.all &&
	{ test ! -s vg.all || { cat vg.all; false; }; }
'
done

test_done
