#!/bin/sh
test_description='daemonctl logs: rotated and compressed files, merging, filters, follow'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonctl-lib.sh"

L=$LOGS/web

test_expect_success 'setup' '
	mkapp web sleep 7006001 &&
	mkdir -p "$L"
'

test_expect_success 'the two streams merged by timestamp, stamps stripped' '
	cat >"$L/out.log" <<-\EOT &&
	2026-11-21T09:00:01.000+00:00 one
	2026-11-21T09:00:03.000+00:00 three
	2026-11-21T09:00:05.000+00:00 five
	EOT
	cat >"$L/err.log" <<-\EOT &&
	2026-11-21T09:00:02.000+00:00 two
	2026-11-21T09:00:04.000+00:00 four
	EOT
	daemonctl logs web >out &&
	printf "%s\n" one two three four five >expect &&
	test_cmp expect out &&
	daemonctl logs web --stdout >out &&
	printf "%s\n" one three five >expect &&
	test_cmp expect out &&
	daemonctl logs web --stderr >out &&
	printf "%s\n" two four >expect &&
	test_cmp expect out
'

test_expect_success '-t keeps the timestamps' '
	daemonctl logs web -t --stderr >out &&
	test_cmp "$L/err.log" out
'

test_expect_success 'rotated files first, by the time in their names, then -N; .gz through gzip' '
	printf "2026-11-20T01:00:00.000+00:00 a1\n" >"$L/out.log.20261120T010000.000Z" &&
	printf "2026-11-20T01:00:01.000+00:00 a2\n" | gzip >"$L/out.log.20261120T010000.000Z-1.gz" &&
	printf "2026-11-20T01:00:02.000+00:00 a3\n" >"$L/out.log.20261120T010000.000Z-2" &&
	printf "2026-11-20T01:00:03.000+00:00 a4\n" | gzip >"$L/out.log.20261120T020000.000Z.gz" &&
	printf "2026-11-20T01:00:03.500+00:00 e1\n" >"$L/err.log.20261120T020000.000Z" &&
	printf "junk\n" >"$L/out.log.20261120T020000.000Z.gz.tmp" &&
	printf "junk\n" >"$L/out.log.old" &&
	daemonctl logs web >out &&
	printf "%s\n" a1 a2 a3 a4 e1 one two three four five >expect &&
	test_cmp expect out
'

test_expect_success 'a file and its compressed copy count once' '
	cp "$L/out.log.20261120T010000.000Z" x &&
	gzip <x >"$L/out.log.20261120T010000.000Z.gz" &&
	daemonctl logs web >out &&
	test_cmp expect out &&
	rm "$L/out.log.20261120T010000.000Z.gz"
'

test_expect_success '--since and --until' '
	daemonctl logs web --since 2026-11-21T09:00:02Z --until 2026-11-21T09:00:04Z >out &&
	printf "%s\n" two three four >expect &&
	test_cmp expect out &&
	daemonctl logs web --since "2026-11-21 09:00:04" >out &&
	printf "%s\n" four five >expect &&
	test_cmp expect out &&
	daemonctl logs web --until 2026-11-20T01:00:01Z >out &&
	printf "%s\n" a1 a2 >expect &&
	test_cmp expect out &&
	test_expect_code 100 daemonctl logs web --since yesterdayish 2>err &&
	test_grep "bad --since" err
'

test_expect_success '--tail N, --head N' '
	daemonctl logs web --tail 3 >out &&
	printf "%s\n" three four five >expect &&
	test_cmp expect out &&
	daemonctl logs web --tail=2 --stderr >out &&
	printf "%s\n" two four >expect &&
	test_cmp expect out &&
	daemonctl logs web --head 2 >out &&
	printf "%s\n" a1 a2 >expect &&
	test_cmp expect out &&
	daemonctl logs web --head >out &&
	test_line_count = 10 out &&
	daemonctl logs web --tail 0 >out &&
	! test -s out &&
	test_expect_code 100 daemonctl logs web --tail 1 --head 1 2>err
'

test_expect_success '--level: the level and worse, continuation lines follow their line' '
	rm "$L"/*.log.* &&
	cat >"$L/out.log" <<-\EOT &&
	2026-11-21T10:00:00.000+00:00 DEBUG starting
	2026-11-21T10:00:01.000+00:00 [info] listening
	2026-11-21T10:00:02.000+00:00 level=warn slow request
	2026-11-21T10:00:03.000+00:00 ERROR: cannot write
	2026-11-21T10:00:03.001+00:00   at frame 1
	2026-11-21T10:00:04.000+00:00 served informational page
	2026-11-21T10:00:05.000+00:00 CRITICAL disk gone
	EOT
	: >"$L/err.log" &&
	daemonctl logs web --level warning >out &&
	cat >expect <<-\EOT &&
	level=warn slow request
	ERROR: cannot write
	  at frame 1
	CRITICAL disk gone
	EOT
	test_cmp expect out &&
	daemonctl logs web --level error >out &&
	test_line_count = 3 out &&
	daemonctl logs web --level info >out &&
	test_line_count = 5 out &&
	! grep informational out &&
	test_expect_code 100 daemonctl logs web --level loud 2>err &&
	test_grep "bad --level" err
'

test_expect_success '--grep: an extended regular expression' '
	daemonctl logs web --grep "cannot|disk" >out &&
	printf "%s\n" "ERROR: cannot write" "CRITICAL disk gone" >expect &&
	test_cmp expect out &&
	daemonctl logs web --grep "^\[info\]" >out &&
	test_line_count = 1 out &&
	test_expect_code 100 daemonctl logs web --grep "(" 2>err &&
	test_grep "bad --grep" err
'

test_expect_success '--since and --until relative to now, and in Unix seconds' '
	now=$(date +%s) &&
	rm -f "$L"/out.log.* "$L"/err.log.* &&
	printf "%s.000000 %s\n" $((now - 7200)) two-hours $((now - 1800)) half-hour \
		$((now - 60)) a-minute >"$L/out.log" &&
	: >"$L/err.log" &&
	daemonctl logs web --since -10m >out &&
	echo a-minute >expect && test_cmp expect out &&
	daemonctl logs web --since "1h ago" >out &&
	printf "%s\n" half-hour a-minute >expect && test_cmp expect out &&
	daemonctl logs web --until -45m >out &&
	echo two-hours >expect && test_cmp expect out &&
	daemonctl logs web --since $((now - 3600)) --until $((now - 600)) >out &&
	echo half-hour >expect && test_cmp expect out
'

test_expect_success 'tai64n and unix timestamps are understood' '
	printf "@400000006920000000000000 tai\n" >"$L/out.log" &&
	printf "1763709000.000001 unix\n" >"$L/err.log" &&
	daemonctl logs web >out &&
	printf "%s\n" tai unix >expect &&
	test_cmp expect out &&
	daemonctl logs web -t --stderr >out &&
	test_cmp "$L/err.log" out
'

test_expect_success 'without timestamps: stdout, then stderr; --since by the files times' '
	daemonctl config set web logging.timestamps=false &&
	printf "old\n" >"$L/out.log.20200101T000000.000Z" &&
	printf "o1\no2\n" >"$L/out.log" &&
	printf "e1\n" >"$L/err.log" &&
	daemonctl logs web >out &&
	printf "%s\n" old o1 o2 e1 >expect &&
	test_cmp expect out &&
	daemonctl logs web --since 2024-01-01 >out &&
	printf "%s\n" o1 o2 e1 >expect &&
	test_cmp expect out &&
	rm "$L"/* &&
	daemonctl config set web logging.timestamps=true
'

test_expect_success 'every one of 100000 lines is in the logs, across rotations' '
	daemonctl config set web logging.max_size=256K logging.max_count=0 logging.compress=true &&
	printf "#!/bin/sh\nseq 1 100000\necho done >&2\nexec sleep 7006001\n" >"$APPS/web/run" &&
	daemonctl start web >/dev/null &&
	test_wait_for "daemonctl logs web --stderr | grep -q ^done$" 60 &&
	test_wait_for "! ls \"$L\" | grep -q \"\\.tmp$\\|[0-9]Z$\\|[0-9]Z-[0-9]*$\"" 60 &&
	ls "$L" | grep -c "^out.log\..*Z\(-[0-9]*\)\{0,1\}\.gz$" >n &&
	test "$(cat n)" -ge 3 &&
	seq 1 100000 >expect &&
	daemonctl logs web --stdout >out &&
	test_cmp expect out &&
	daemonctl stop web >/dev/null
'

test_expect_success 'follow (-f): the last lines, then new ones, across rotations' '
	rm -f "$L"/* &&
	daemonctl config set web logging.max_size=1K logging.compress=false &&
	cat >"$APPS/web/run" <<-\EOT &&
	#!/bin/sh
	i=1
	while [ $i -le 30 ]; do echo "early $i"; i=$((i + 1)); done
	while [ ! -f go ]; do sleep 0.05; done
	i=1
	while [ $i -le 300 ]; do
		echo "line $i with some padding to fill the files faster"
		i=$((i + 1))
	done
	echo finished
	exec sleep 7006001
	EOT
	rm -f "$APPS/web/go" &&
	daemonctl start web >/dev/null &&
	test_wait_for "daemonctl logs web | grep -q \"^early 30$\"" &&
	daemonctl logs web -f --stdout >follow 2>ferr &
	f=$!
	test_wait_for "grep -q \"^early 30$\" follow" &&
	touch "$APPS/web/go" &&
	test_wait_for "grep -q ^finished$ follow" 60 &&
	kill -TERM $f &&
	wait $f &&
	ls "$L" | grep -c "^out.log\..*Z" >n &&
	test "$(cat n)" -ge 5 &&
	{ i=21; while [ $i -le 30 ]; do echo "early $i"; i=$((i + 1)); done
	  i=1; while [ $i -le 300 ]; do echo "line $i with some padding to fill the files faster"; i=$((i + 1)); done
	  echo finished; } >expect &&
	test_cmp expect follow &&
	daemonctl stop web >/dev/null
'

test_expect_success 'follow a log that does not exist yet' '
	rm -f "$L"/* &&
	daemonctl logs web -f >follow &
	f=$!
	printf "#!/bin/sh\necho hello\nexec sleep 7006001\n" >"$APPS/web/run" &&
	daemonctl start web >/dev/null &&
	test_wait_for "grep -q ^hello$ follow" &&
	kill -INT $f &&
	wait $f &&
	daemonctl stop web >/dev/null
'

test_done
