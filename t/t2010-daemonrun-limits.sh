#!/bin/sh
test_description='daemonrun limits that bite: memory, CPU, rlimits; cgroups and fallbacks'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"

# Cgroups this machine lets daemonrun make (as root, v2 or v1).
if daemonrun --limits-report --memory-limit 64M -- true 2>&1 | grep -q "memory 64M: cgroup"; then
	test_set_prereq CGMEM
fi
if daemonrun --limits-report --cpu-limit 50 -- true 2>&1 | grep -q "cpu 50%: cgroup"; then
	test_set_prereq CGCPU
fi

# nocg CMD...: CMD where no cgroup hierarchy is mounted (a private mount
# namespace without /sys/fs/cgroup), so the fallbacks apply.
nocg() {
	unshare -m sh -c 'umount -l /sys/fs/cgroup 2>/dev/null; umount -l /sys/fs/cgroup/unified 2>/dev/null; exec "$@"' nocg "$@"
}

# The line of /proc/self/limits for a resource, from inside CMD.
limit_line() { grep "^$1" limits.out | tr -s " "; }

test_expect_success 'bad values: 100' '
	test_expect_code 100 daemonrun --memory-limit 10x -- true 2>err &&
	test_grep "bad --memory-limit .10x." err &&
	test_expect_code 100 daemonrun --cpu-limit 0 -- true 2>err &&
	test_expect_code 100 daemonrun --cpu-limit 101 -- true 2>err &&
	test_grep "bad --cpu-limit .101.: " err &&
	test_expect_code 100 daemonrun --file-limit -1 -- true 2>err &&
	test_expect_code 100 daemonrun --stack-limit 1 -- true 2>err &&
	test_expect_code 100 daemonrun --core-limit lots -- true 2>err
'

test_expect_success LINUX 'setrlimit limits, seen from inside CMD' '
	daemonrun --file-limit 100 --proc-limit 50 --core-limit 0 --stack-limit 1M -- \
		cat /proc/self/limits >limits.out &&
	test "$(limit_line "Max open files")" = "Max open files 100 100 files " &&
	test "$(limit_line "Max processes")" = "Max processes 50 50 processes " &&
	test "$(limit_line "Max core file size")" = "Max core file size 0 0 bytes " &&
	test "$(limit_line "Max stack size")" = "Max stack size 1048576 1048576 bytes "
'

test_expect_success LINUX 'the same view as prlimit(1)' '
	daemonrun --file-limit 100 --proc-limit 50 --core-limit 0 --stack-limit 1M -- \
		cat /proc/self/limits >ours &&
	prlimit --nofile=100:100 --nproc=50:50 --core=0:0 --stack=1048576:1048576 -- \
		cat /proc/self/limits >theirs &&
	test_cmp theirs ours
'

test_expect_success LINUX 'the same soft open-file limit as chpst -o (which keeps the hard one)' '
	daemonrun --file-limit 64 -- cat /proc/self/limits >ours &&
	chpst -o 64 cat /proc/self/limits >theirs &&
	grep "Max open files" ours | tr -s " " | cut -d" " -f4 >a &&
	grep "Max open files" theirs | tr -s " " | cut -d" " -f4 >b &&
	echo 64 >expect && test_cmp expect a && test_cmp b a
'

test_expect_success '--file-limit bites' '
	test_must_fail daemonrun --file-limit 5 -- \
		sh -c "exec 3</dev/null; exec 4</dev/null; exec 5</dev/null" 2>err &&
	test_grep "Too many open files" err &&
	daemonrun --file-limit 6 -- \
		sh -c "exec 3</dev/null; exec 4</dev/null; exec 5</dev/null"
'

# RLIMIT_NPROC counts every process of the real uid on the machine, so
# the test runs as a uid of its own: nobody may be busy in other tests.
test_expect_success ROOT '--proc-limit bites (per user: with --user)' '
	uid=$((40000 + $$ % 20000)) &&
	test_must_fail daemonrun -A --user $uid --run-group 65534 \
	    --proc-limit 2 -- sh -c "
		for i in 1 2 3 4 5 6; do sleep 5 & done
		echo all-forked" >out 2>err &&
	! grep all-forked out &&
	test_grep -i "fork" err &&
	daemonrun -A --user $uid --run-group 65534 -- sh -c "
		for i in 1 2 3 4 5 6; do sleep 5 & done
		echo all-forked" >out &&
	test_grep all-forked out &&
	pkill -KILL -U $uid sleep || :
'

test_expect_success ROOT 'a limit that cannot be set: 111 before CMD starts' '
	test_expect_code 111 daemonrun --file-limit 2000000000 -- touch started 2>err &&
	test_line_count = 1 err &&
	test_grep "unable to set RLIMIT_NOFILE (--file-limit) to 2000000000: " err &&
	test_path_is_missing started
'

test_expect_success CGMEM '--memory-limit with a cgroup: past it, CMD is OOM-killed' '
	test_expect_code 137 daemonrun -l ev.log --memory-limit 32M -- tk-alloc 512 >out &&
	test_grep "allocated 8" out &&
	! grep "allocated 512" out &&
	test_grep "info limit what=\"memory 32M: cgroup v[12] " ev.log &&
	test_grep "warn oom pid=[0-9]* limit=33554432" ev.log
'

test_expect_success CGMEM 'under the limit it runs; the cgroup is removed when CMD ends' '
	daemonrun -l ev2.log --memory-limit 64M -- sh -c "tk-alloc 8 >/dev/null; cat /proc/self/cgroup" >cg &&
	dir=$(sed -n "s/.*what=\"memory 64M: cgroup v[12] ([^)]*) in \([^\"]*\)\"/\1/p" ev2.log) &&
	test -n "$dir" &&
	grep -q "daemonrun\.[0-9]*$" cg &&
	test_path_is_missing "$dir"
'

test_expect_success CGMEM 'a cgroup left by a killed daemonrun is swept' '
	daemonrun -l ev3.log --memory-limit 64M -- true &&
	dir=$(sed -n "s/.*what=\"memory 64M: cgroup v[12] ([^)]*) in \([^\"]*\)\"/\1/p" ev3.log) &&
	stale="${dir%/*}/daemonrun.999999" &&
	mkdir "$stale" &&
	test_when_finished "rmdir \"$stale\" 2>/dev/null" &&
	daemonrun --memory-limit 64M -- true 2>/dev/null &&
	test_path_is_missing "$stale"
'

test_expect_success CGCPU '--cpu-limit 20 with a cgroup: a busy loop gets about 20%' '
	dr -l ev.log --cpu-limit 20 -- sh -c "while :; do :; done" &&
	test_wait_for "pgrep -P $DR >/dev/null" &&
	pct=$(tk-cpuuse $(pgrep -P $DR) 3) &&
	echo "cpu $pct%" &&
	test "$pct" -le 30 && test "$pct" -ge 1 &&
	test_grep "info limit what=\"cpu 20%: cgroup v[12] " ev.log &&
	kill -TERM $DR && finished
'

# (Not under ASan, whose shadow memory does not fit a small RLIMIT_AS.)
test_expect_success LINUX,UNSHARE_MOUNT,!SAN 'without a cgroup, memory falls back to RLIMIT_AS (exec mode)' '
	nocg daemonrun --limits-report --memory-limit 32M -- tk-alloc 512 >out 2>err;
	test $? = 3 &&
	test_grep "failed at" out &&
	test_grep "limit memory 32M: RLIMIT_AS" err &&
	nocg sh -c "echo \$\$; exec daemonrun --memory-limit 32M -- sh -c \"echo \\\$\\\$\"" >pids &&
	test "$(sed -n 1p pids)" = "$(sed -n 2p pids)"
'

test_expect_success LINUX,UNSHARE_MOUNT 'without a cgroup, CPU is duty-cycled to about 20%' '
	rm -f duty.log &&
	test_bg unshare -m sh -c "umount -l /sys/fs/cgroup; exec daemonrun -l duty.log --cpu-limit 20 -- sh -c \"while :; do :; done\"" &&
	u=$TEST_BG_PID &&
	test_wait_for "grep -q \"info start pid=\" duty.log" &&
	busy=$(sed -n "s/.*info start pid=\([0-9]*\).*/\1/p" duty.log) &&
	pct=$(tk-cpuuse $busy 3) &&
	echo "cpu $pct%" &&
	test "$pct" -le 30 && test "$pct" -ge 1 &&
	test_grep "info limit what=\"cpu 20%: SIGSTOP/SIGCONT duty-cycling" duty.log &&
	kill -TERM $u &&
	test_wait_for "! test_alive $u" &&
	! test_alive $busy
'

test_expect_success '--limits-report names the mechanisms' '
	daemonrun --limits-report --file-limit 10 --core-limit 0 -- true 2>err &&
	test_grep "^daemonrun: info: limit open files 10: RLIMIT_NOFILE$" err &&
	test_grep "^daemonrun: info: limit core 0: RLIMIT_CORE$" err
'

test_done
