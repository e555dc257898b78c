#!/bin/sh
test_description='teelog: rotation by size, age and signal; naming, pruning, processors'
. "${0%/*}/lib.sh"

# Lines of random lengths from 0 to $2 bytes, $1 of them; seed $3.
lines() {
	awk -v n="$1" -v max="$2" -v seed="$3" 'BEGIN { srand(seed);
		for (i = 0; i < n; i++) {
			l = int(rand() * (max + 1)); s = sprintf("%d:", i);
			while (length(s) < l) s = s "abcdefghijklmnopqrstuvwxyz0123456789";
			print substr(s, 1, l > length(i) + 1 ? l : length(i) + 1) } }'
}

# A long-running stdin-form teelog reading the FIFO in.fifo, fed through
# fd 8: start_logger ARGS...; stop_logger. To have a signal handled before
# some input, the tests stop the logger, signal it, write, and continue
# it: the signal is handled first.
start_logger() {
	rm -f in.fifo && mkfifo in.fifo &&
	{ teelog "$@" <in.fifo >/dev/null 2>logger.err & } &&
	logger_pid=$! &&
	exec 8>in.fifo
}
stop_logger() {
	exec 8>&-
	wait $logger_pid
}

test_expect_success 'setup' '
	lines 600 3000 1 >mixed &&
	lines 1500 200 2 >short
'

test_expect_success 'rotated names: OUT.YYYYMMDDTHHMMSS.mmmZ, -N on a clash' '
	teelog -q -s 4K n.log -- cat short &&
	tk-logcheck list n.log >names &&
	test $(wc -l <names) -gt 25 &&
	test_must_fail grep -v -E "^\./n\.log\.[0-9]{8}T[0-9]{6}\.[0-9]{3}Z(-[1-9][0-9]*)?\$" names &&
	tk-logcheck cat n.log >all && test_cmp short all
'

test_expect_success 'names are UTC and the rotation time' '
	before=$(date -u +%Y%m%dT%H%M%S) &&
	teelog -q -s 10K u.log -- cat short &&
	after=$(date -u +%Y%m%dT%H%M%S) &&
	first=$(tk-logcheck list u.log | head -1 | sed "s/.*u\.log\.//; s/\..*//") &&
	last=$(tk-logcheck list u.log | tail -1 | sed "s/.*u\.log\.//; s/\..*//") &&
	test "$first" \> "$before" -o "$first" = "$before" &&
	test "$last" \< "$after" -o "$last" = "$after"
'

test_expect_success '-s, quiet (splice): no file over SIZE, no line split' '
	teelog -q -s 16K --line-max 4K s1.log -- cat mixed &&
	test $(tk-logcheck list s1.log | wc -l) -gt 30 &&
	tk-logcheck check 16384 4096 s1.log &&
	tk-logcheck cat s1.log >all && test_cmp mixed all
'

test_expect_success '-s, passed through to a file (read/write): the same' '
	teelog -s 16K --line-max 4K s2.log -- cat mixed >pass &&
	tk-logcheck check 16384 4096 s2.log &&
	tk-logcheck cat s2.log >all && test_cmp mixed all && test_cmp mixed pass
'

test_expect_success '-s with both streams in one log: the same' '
	teelog -q -s 16K --line-max 4K s3.log -- sh -c "cat mixed; cat short >&2" &&
	tk-logcheck check 16384 4096 s3.log &&
	tk-logcheck cat s3.log | sort >all && cat mixed short | sort >expect &&
	test_cmp expect all
'

test_expect_success '-s with a writer that pauses mid-line: still no split' '
	cat >slow.sh <<-\EOF &&
	i=0
	while read -r l; do
		printf "%s" "$l"; printf "\n"
		i=$((i + 1))
	done <short
	EOF
	TEELOG_HOLD=1ms teelog -q -s 4K --line-max 1K s4.log -- sh slow.sh &&
	tk-logcheck check 4096 1024 s4.log &&
	tk-logcheck cat s4.log >all && test_cmp short all
'

test_expect_success '-s smaller than a line: the line goes whole into its own file' '
	head -n 60 mixed >m300 &&
	teelog -q -s 1K big.log -- cat m300 &&
	tk-logcheck check 1024 65536 big.log &&
	for f in $(tk-logcheck list big.log); do
		if [ $(wc -c <"$f") -gt 1024 ]; then test_line_count = 1 "$f" || exit 1; fi
	done &&
	tk-logcheck cat big.log >all && test_cmp m300 all
'

test_expect_success 'raw mode: a line over --line-max may be cut, nothing added' '
	awk "BEGIN { for (i = 0; i < 50; i++) { s = \"\"; while (length(s) < 5000) s = s \"x\"; print i s } }" >long &&
	teelog -q -s 4K --line-max 1K l.log -- cat long &&
	tk-logcheck check 5200 1024 l.log &&
	tk-logcheck cat l.log >all && test_cmp long all
'

test_expect_success 'an existing log is continued and counted' '
	head -c 1000 short | sed "\$d" >ex.log && cp ex.log expect &&
	sz=$(wc -c <ex.log) &&
	printf "%0200d\n" 1 | teelog -q -s 1K ex.log &&
	test $(tk-logcheck list ex.log | wc -l) = 1 &&
	test_cmp expect $(tk-logcheck list ex.log) &&
	test $(wc -c <ex.log) = 201
'

test_expect_success 'SIGALRM rotates now; not on an empty file' '
	start_logger -s 1M a.log &&
	echo one >&8 &&
	test_wait_for "grep -q one a.log" &&
	kill -ALRM $logger_pid &&
	test_wait_for "test \$(tk-logcheck list a.log | wc -l) = 1" &&
	test_wait_for "test -f a.log && ! test -s a.log" &&
	kill -STOP $logger_pid &&
	kill -ALRM $logger_pid &&
	echo two >&8 &&
	kill -CONT $logger_pid &&
	test_wait_for "grep -q two a.log" &&
	test $(tk-logcheck list a.log | wc -l) = 1 &&
	stop_logger &&
	echo one >expect && test_cmp expect $(tk-logcheck list a.log)
'

test_expect_success 'SIGALRM in the middle of a line waits for its end' '
	start_logger a2.log &&
	printf "half" >&8 &&
	test_wait_for "grep -q half a2.log" &&
	kill -STOP $logger_pid &&
	kill -ALRM $logger_pid &&
	printf " whole\nnext\n" >&8 &&
	kill -CONT $logger_pid &&
	test_wait_for "grep -q next a2.log" &&
	stop_logger &&
	echo "half whole" >expect && test_cmp expect $(tk-logcheck list a2.log) &&
	echo next >expect && test_cmp expect a2.log
'

test_expect_success '--max-age: a quiet log still rotates' '
	start_logger -a 300ms q.log &&
	echo quiet >&8 &&
	test_wait_for "test \$(tk-logcheck list q.log | wc -l) = 1" &&
	echo quiet >expect && test_cmp expect $(tk-logcheck list q.log) &&
	test_wait_for "test -f q.log && ! test -s q.log" &&
	echo again >&8 &&
	test_wait_for "test \$(tk-logcheck list q.log | wc -l) = 2" &&
	stop_logger &&
	test_line_count = 0 q.log
'

test_expect_success '--max-age counts from the first line of an existing file' '
	echo old >old.log && touch -d "2 hours ago" old.log &&
	echo new | teelog -q --max-age 1h old.log &&
	test $(tk-logcheck list old.log | wc -l) = 1 &&
	echo old >expect && test_cmp expect $(tk-logcheck list old.log) &&
	echo new >expect && test_cmp expect old.log
'

test_expect_success '-n N keeps the N newest rotated files' '
	teelog -q -s 8K -n 3 c.log -- cat short &&
	test $(tk-logcheck list c.log | wc -l) = 3 &&
	tk-logcheck cat c.log >kept &&
	tail -c $(wc -c <kept) short >expect && test_cmp expect kept &&
	teelog -q -s 8K --max-count 1 c.log -- cat short &&
	test $(tk-logcheck list c.log | wc -l) = 1
'

test_expect_success '-n orders by (time, N), not by name' '
	for n in 20200101T000000.000Z.gz 20200101T000000.000Z-1.gz 20200101T000000.000Z-2.gz; do
		echo $n >o.log.$n || exit 1
	done &&
	echo x | teelog -q -n 2 -s 1 o.log &&
	echo y | teelog -q -n 2 -s 1 o.log &&
	ls o.log.* >left &&
	test_line_count = 2 left &&
	grep -q "o.log.20200101T000000.000Z-2.gz" left &&
	test_must_fail grep -q "000Z.gz\$" left
'

test_expect_success '-n 0 keeps no rotated file' '
	teelog -q -s 8K -n 0 z.log -- cat short &&
	test $(tk-logcheck list z.log | wc -l) = 0 &&
	test -s z.log
'

test_expect_success '-z: rotated files gzipped in the background, gunzip reads them' '
	teelog -q -s 8K -z g.log -- cat short &&
	tk-logcheck list g.log >names &&
	test $(wc -l <names) -gt 5 &&
	test_must_fail grep -v "\.gz\$" names &&
	for f in $(cat names); do gunzip -t "$f" || exit 1; done &&
	test_must_fail ls g.log*.tmp 2>/dev/null &&
	tk-logcheck cat g.log >all && test_cmp short all &&
	tk-logcheck check 8192 65536 g.log
'

test_expect_success '-z with -n: files pruned while processed stay gone' '
	teelog -q -s 4K -n 3 -z gn.log -- cat short &&
	tk-logcheck list gn.log >names &&
	test_line_count = 3 names &&
	test_must_fail grep -v "\.gz\$" names &&
	tk-logcheck cat gn.log >kept &&
	tail -c $(wc -c <kept) short >expect && test_cmp expect kept &&
	mkdir sub &&
	teelog -q -s 4K -n 2 -z sub/gn.log -- cat short &&
	test $(tk-logcheck list sub/gn.log | wc -l) = 2
'

test_expect_success '--compress=CMD: the suffix follows the processor' '
	teelog -q -s 8K --compress="xz -1" x.log -- cat short &&
	tk-logcheck list x.log >names &&
	test_must_fail grep -v "\.xz\$" names &&
	tk-logcheck cat x.log >all && test_cmp short all
'

test_expect_success 'an unknown processor keeps the name' '
	teelog -q -s 8K --compress="tr a-z A-Z" up.log -- cat short &&
	tk-logcheck list up.log >names &&
	test_must_fail grep -v "Z\(-[0-9]*\)\?\$" names &&
	tk-logcheck cat up.log >all &&
	tr a-z A-Z <short | head -c $(wc -c <all | tr -d " ") >e1 &&
	head -c $(( $(wc -c <all) - $(wc -c <up.log) )) all >a1 &&
	head -c $(( $(wc -c <all) - $(wc -c <up.log) )) e1 >e2 &&
	test_cmp e2 a1
'

test_expect_success 'a failing processor: the rotated file is kept, with a warning' '
	teelog -q -s 8K --compress="exit 3" bad.log -- cat short 2>err &&
	tk-logcheck list bad.log >names &&
	test_must_fail grep "\.tmp\$" names &&
	tk-logcheck cat bad.log >all && test_cmp short all &&
	test_grep "processor failed on .*bad.log.*(exit 3); kept as it is" err
'

test_expect_success 'SIGHUP (stdin form) reopens after a move, logrotate style' '
	start_logger h.log &&
	echo before >&8 &&
	test_wait_for "grep -q before h.log" &&
	mv h.log h.log.1 &&
	echo between >&8 &&
	test_wait_for "grep -q between h.log.1" &&
	kill -HUP $logger_pid &&
	test_wait_for "test -f h.log" &&
	echo after >&8 &&
	stop_logger &&
	printf "before\nbetween\n" >expect && test_cmp expect h.log.1 &&
	echo after >expect && test_cmp expect h.log
'

test_expect_success '--reopen-on-hup: HUP reopens instead of being forwarded' '
	cat >hup.sh <<-\EOF &&
	trap "echo got HUP" HUP
	echo ready
	while [ ! -f done ]; do sleep 0.02; done
	echo end
	EOF
	{ teelog --reopen-on-hup r.log -- sh hup.sh >/dev/null & } &&
	pid=$! &&
	test_wait_for "grep -q ready r.log" &&
	mv r.log r.log.1 &&
	kill -HUP $pid &&
	test_wait_for "test -f r.log" &&
	touch done &&
	wait $pid &&
	echo ready >expect && test_cmp expect r.log.1 &&
	echo end >expect && test_cmp expect r.log
'

test_expect_success '--fsync: an fsync after each batch' '
	command -v strace >/dev/null || { echo "# no strace: skipped"; exit 0; }
	printf "a\nb\n" >two &&
	ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=fsync,fdatasync -o plain.trace teelog -q fs1.log -- sh -c "cat two; sleep 0.1; cat two" &&
	ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=fsync,fdatasync -o sync.trace teelog -q --fsync fs2.log -- sh -c "cat two; sleep 0.1; cat two" &&
	plain=$(grep -c fsync plain.trace) && synced=$(grep -c fsync sync.trace) &&
	test "$synced" -gt "$plain" &&
	test "$synced" -ge 3
'

test_done
