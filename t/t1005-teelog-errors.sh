#!/bin/sh
test_description='teelog: a log that cannot be written holds the writer back'
. "${0%/*}/lib.sh"

test_lazy_prereq TMPFS '
	[ "$(id -u)" = 0 ] && mkdir -p probe.mnt &&
	mount -t tmpfs -o size=64k tmpfs probe.mnt && umount probe.mnt
'
test_lazy_prereq PRLIMIT 'command -v prlimit'

# term_pending PID: SIGTERM is pending for PID (Linux /proc).
term_pending() {
	for m in $(sed -n "s/^\(SigPnd\|ShdPnd\):[[:space:]]*//p" /proc/$1/status); do
		[ $((0x$m & 0x4000)) != 0 ] && return 0
	done
	return 1
}

test_cleanup_hook='umount -l small 2>/dev/null; umount -l small2 2>/dev/null'

# Fill the tmpfs mounted on $1 to the last byte.
fill() {
	dd if=/dev/zero of="$1/filler" bs=64k 2>/dev/null
	test -s "$1/filler"
}

test_expect_success TMPFS 'disk full (splice): warns once, holds the writer back, resumes' '
	mkdir small && mount -t tmpfs -o size=8m tmpfs small &&
	fill small &&
	seq 1 500000 >expect &&
	rm -f err && { teelog -q small/out.log -- sh -c "seq 1 500000; touch cmd-done" 2>err & } &&
	pid=$! &&
	test_wait_for "grep -q \"unable to write to small/out.log: No space left on device\" err" &&
	test_path_is_missing cmd-done &&
	test_alive $pid &&
	rm small/filler &&
	wait $pid &&
	test_path_is_file cmd-done &&
	test_cmp expect small/out.log &&
	test "$(grep -c warning err)" = 1 &&
	test_grep "teelog: info: writing to small/out.log again" err
'

test_expect_success TMPFS 'disk full (read/write, prefix, rotation): the same' '
	rm -f cmd-done &&
	mkdir -p small2 && mount -t tmpfs -o size=8m tmpfs small2 &&
	fill small2 &&
	seq 1 300000 | sed "s/^/> /" >expect &&
	rm -f err && { teelog -p "> " -s 512K small2/p.log -- sh -c "seq 1 300000; touch cmd-done" >pass 2>err & } &&
	pid=$! &&
	test_wait_for "grep -q \"No space left on device\" err" &&
	test_path_is_missing cmd-done &&
	rm small2/filler &&
	wait $pid &&
	tk-logcheck cat small2/p.log >all && test_cmp expect all &&
	seq 1 300000 >expect.pass && test_cmp expect.pass pass &&
	test "$(grep -c warning err)" = 1
'

test_expect_success PRLIMIT 'file size limit (EFBIG): held back, resumes when lifted' '
	rm -f cmd-done &&
	seq 1 200000 >expect &&
	rm -f err && { sh -c "ulimit -S -f 100; exec teelog -q big.log -- sh -c \"seq 1 200000; touch cmd-done\"" 2>err & } &&
	pid=$! &&
	test_wait_for "grep -q \"unable to write to big.log: File too large\" err" &&
	test_path_is_missing cmd-done &&
	prlimit --pid $pid --fsize=unlimited &&
	wait $pid &&
	test_cmp expect big.log &&
	test "$(grep -c warning err)" = 1 &&
	test_grep "writing to big.log again" err
'

test_expect_success PRLIMIT 'stdin form: a second TERM while held back gives up (111)' '
	rm -f in.fifo && mkfifo in.fifo &&
	rm -f err && { sh -c "ulimit -S -f 1; exec teelog -q g.log" <in.fifo 2>err & } &&
	pid=$! &&
	exec 8>in.fifo &&
	seq 1 10000 >&8 &&
	test_wait_for "grep -q \"File too large\" err" &&
	kill -TERM $pid &&
	# Two TERMs sent before teelog runs would be one: wait until the
	# first is delivered (no longer pending).
	test_wait_for "! term_pending $pid" &&
	test_alive $pid &&
	kill -TERM $pid &&
	test_expect_code 111 wait $pid &&
	exec 8>&- &&
	test_grep "teelog: fatal: unable to write to g.log: File too large; giving up, [0-9]* bytes not written" err
'

test_expect_success 'a failed reopen: held back until the directory is back' '
	mkdir d && rm -f in.fifo && mkfifo in.fifo &&
	rm -f err && { teelog d/out.log <in.fifo >/dev/null 2>err & } &&
	pid=$! &&
	exec 8>in.fifo &&
	echo one >&8 &&
	test_wait_for "grep -q one d/out.log" &&
	mv d d.old &&
	kill -HUP $pid &&
	test_wait_for "grep -q \"unable to open d/out.log: No such file or directory\" err" &&
	echo two >&8 &&
	mkdir d &&
	test_wait_for "grep -q two d/out.log" &&
	exec 8>&- &&
	wait $pid &&
	echo one >expect && test_cmp expect d.old/out.log &&
	echo two >expect && test_cmp expect d/out.log &&
	test "$(grep -c warning err)" = 1 &&
	test_grep "writing to d/out.log again" err
'

test_done
