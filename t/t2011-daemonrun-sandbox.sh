#!/bin/sh
test_description='daemonrun sandbox: unshare, capabilities, seccomp, firejail; each shown to bite'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"

if [ "$(id -u)" = 0 ] && [ "$(uname -s)" = Linux ] &&
    daemonrun --private-tmp -- true 2>/dev/null; then
	test_set_prereq SANDBOX
fi
if command -v firejail >/dev/null &&
    timeout 30 firejail --quiet --noprofile -- true >/dev/null 2>&1 </dev/null; then
	test_set_prereq FIREJAIL
fi

caps() { grep -E "^(Cap|NoNewPrivs)" "$1"; }

test_expect_success 'bad sandbox options: 100, one line' '
	test_expect_code 100 daemonrun --sandbox jail -- true 2>err &&
	test_grep "bad --sandbox .jail.: want none, unshare or firejail" err &&
	test_expect_code 100 daemonrun --sandbox none --private-tmp -- true 2>err &&
	test_grep "sandbox options given with --sandbox none" err &&
	test_expect_code 100 daemonrun --sandbox unshare --sandbox-profile x -- true 2>err &&
	test_grep "give --sandbox firejail" err &&
	test_expect_code 100 daemonrun --caps-keep net_bind_service,warp_drive -- true 2>err &&
	test_line_count = 1 err &&
	test_grep "bad --caps-keep .*unknown capability .warp_drive." err &&
	test_expect_code 100 daemonrun --caps-drop CAP_BOGUS -- true 2>err &&
	test_grep "unknown capability .BOGUS." err
'

test_expect_success SANDBOX '--private-tmp: an empty /tmp; the host /tmp untouched' '
	host=$(mktemp /tmp/tk-host.XXXXXX) &&
	test_when_finished "rm -f $host" &&
	inside=/tmp/tk-inside-$$ &&
	daemonrun --private-tmp -- sh -c "ls -A /tmp | wc -l; touch $inside; ls $inside" >out &&
	printf "0\n$inside\n" >expect && test_cmp expect out &&
	test_path_is_missing $inside &&
	test -f $host
'

test_expect_success SANDBOX '--private-dev: only null zero full random urandom tty, a pts' '
	daemonrun --private-dev -- sh -c "ls -A /dev | tr \"\n\" \" \"; echo x >/dev/null && head -c 8 /dev/urandom | wc -c; ls -A /dev/pts" >out &&
	test "$(sed -n 1p out)" = "fd full null ptmx pts random shm stderr stdin stdout tty urandom zero 8" &&
	grep -q ptmx out &&
	test -e /dev/kmsg && ! grep kmsg out
'

test_expect_success SANDBOX,PYTHON '--no-network: the host loopback cannot be reached, only lo exists' '
	port=$(test_free_port) &&
	test_bg python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((\"127.0.0.1\", $port)); s.listen(5); open(\"up\", \"w\").close()
while True:
    c, _ = s.accept(); c.close()
" &&
	test_wait_for "test -f up" &&
	cat >connect.py <<-EOF &&
	import socket, sys
	try:
	    socket.create_connection(("127.0.0.1", $port), timeout=5); print("connected")
	except OSError as e:
	    print("failed")
	EOF
	daemonrun -- python3 connect.py >out && test_grep ^connected out &&
	daemonrun --no-network -- python3 connect.py >out && test_grep ^failed out &&
	daemonrun --no-network -- sh -c "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d \" \"" >ifs &&
	echo lo >expect && test_cmp expect ifs
'

test_expect_success SANDBOX '--no-network: the same interfaces as unshare -n' '
	daemonrun --no-network -- sh -c "tail -n +3 /proc/net/dev | cut -d: -f1" >ours &&
	unshare -n sh -c "tail -n +3 /proc/net/dev | cut -d: -f1" >theirs &&
	test_cmp theirs ours
'

test_expect_success SANDBOX '--readonly-paths: EROFS there, writable elsewhere' '
	mkdir -p ro1/sub ro2 rw &&
	daemonrun --readonly-paths ro1:ro2 -- sh -c "
		touch ro1/x 2>>err; touch ro1/sub/y 2>>err; touch ro2/z 2>>err; touch rw/ok" &&
	test "$(grep -c "Read-only file system" err)" = 3 &&
	test -f rw/ok && test_path_is_missing ro1/x &&
	touch ro1/x
'

test_expect_success SANDBOX,UNSHARE_MOUNT '--readonly-paths covers mounts below the path' '
	mkdir -p ro3/mnt &&
	unshare -m sh -c "mount -t tmpfs tmpfs ro3/mnt && daemonrun --readonly-paths ro3 -- touch ro3/mnt/x" 2>err;
	test_grep "Read-only file system" err
'

test_expect_success SANDBOX 'a missing read-only path: 111 before CMD starts' '
	test_expect_code 111 daemonrun --readonly-paths nothere -- touch started 2>err &&
	test_grep "unable to make nothere read-only: No such file or directory" err &&
	test_path_is_missing started
'

test_expect_success ROOT 'no privilege for a namespace: 111, CMD not started' '
	chmod 777 . &&
	test_expect_code 111 daemonrun --user nobody -- daemonrun --private-tmp -- touch started 2>err &&
	test_grep "unable to create the mount namespace: Operation not permitted" err &&
	test_path_is_missing started
'

test_expect_success SANDBOX 'any sandbox sets no_new_privs' '
	daemonrun -- grep NoNewPrivs /proc/self/status >out &&
	test_grep "0$" out &&
	daemonrun --private-tmp -- grep NoNewPrivs /proc/self/status >out &&
	test_grep "1$" out &&
	daemonrun --caps-drop net_raw -- grep NoNewPrivs /proc/self/status >out &&
	test_grep "1$" out
'

test_expect_success SANDBOX '--caps-keep as root: the same sets as setpriv' '
	daemonrun --caps-keep net_bind_service -- cat /proc/self/status >s1 &&
	setpriv --no-new-privs --bounding-set -all,+net_bind_service \
		-- cat /proc/self/status >s2 &&
	caps s1 >ours && caps s2 >theirs && test_cmp theirs ours &&
	test_grep "CapEff:	0000000000000400" ours
'

test_expect_success SANDBOX '--caps-drop as root: the same sets as setpriv' '
	daemonrun --caps-drop net_raw,cap_sys_admin -- cat /proc/self/status >s1 &&
	setpriv --no-new-privs --bounding-set -net_raw,-sys_admin -- cat /proc/self/status >s2 &&
	caps s1 >ours && caps s2 >theirs && test_cmp theirs ours
'

test_expect_success SANDBOX '--caps-keep with --user: ambient, the same sets as setpriv' '
	daemonrun --user nobody --caps-keep net_bind_service -- cat /proc/self/status >s1 &&
	setpriv --reuid nobody --regid nogroup --init-groups --no-new-privs \
		--inh-caps -all,+net_bind_service --ambient-caps -all,+net_bind_service \
		--bounding-set -all,+net_bind_service -- cat /proc/self/status >s2 &&
	caps s1 >ours && caps s2 >theirs && test_cmp theirs ours &&
	test_grep "CapAmb:	0000000000000400" ours
'

test_expect_success SANDBOX,PYTHON '--caps-keep bites: nobody binds port 80 only with it' '
	cat >bind.py <<-\EOF &&
	import socket
	s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	try:
	    s.bind(("127.0.0.1", 80)); print("bound")
	except OSError as e:
	    print("refused")
	EOF
	daemonrun --user nobody -- python3 bind.py >out && test_grep ^refused out &&
	daemonrun --user nobody --caps-keep net_bind_service -- python3 bind.py >out &&
	test_grep ^bound out &&
	daemonrun --caps-drop net_bind_service -- python3 bind.py >out &&
	test_grep ^refused out
'

test_expect_success SANDBOX '--seccomp: the dangerous calls get EPERM, the rest work' '
	tk-syscall mount ptrace reboot swapon getpid >plain &&
	test_grep "^mount: ENOENT" plain && test_grep "^ptrace: ESRCH" plain &&
	ASAN_OPTIONS=detect_leaks=0 daemonrun --seccomp -- \
		tk-syscall mount umount2 ptrace reboot swapon init_module getpid uname >out &&
	printf "%s\n" "mount: EPERM" "umount2: EPERM" "ptrace: EPERM" "reboot: EPERM" \
		"swapon: EPERM" "init_module: EPERM" "getpid: OK" "uname: OK" >expect &&
	test_cmp expect out &&
	daemonrun --seccomp -- grep -q "^Seccomp:	2" /proc/self/status
'

test_expect_success SANDBOX '--seccomp-profile deny: only the listed calls' '
	printf "# no uname here\ndeny\n\nuname   # the kernel name\nptrace\n" >deny.prof &&
	ASAN_OPTIONS=detect_leaks=0 daemonrun --seccomp-profile deny.prof -- \
		tk-syscall uname ptrace mount getpid >out &&
	printf "%s\n" "uname: EPERM" "ptrace: EPERM" "mount: ENOENT" "getpid: OK" >expect &&
	test_cmp expect out
'

test_expect_success SANDBOX '--seccomp-profile allow: everything else EPERM' '
	{ echo allow && for c in execve brk mmap mprotect munmap openat read write \
		close fstat newfstatat pread64 arch_prctl set_tid_address set_robust_list \
		rseq prlimit64 getrandom exit_group access futex ioctl lseek; do echo $c; done; } >allow.prof &&
	daemonrun --seccomp-profile allow.prof -- /bin/true &&
	test_must_fail daemonrun --seccomp-profile allow.prof -- uname 2>err &&
	test_grep "Operation not permitted" err &&
	echo uname >>allow.prof &&
	daemonrun --seccomp-profile allow.prof -- uname >out &&
	test_grep Linux out
'

test_expect_success 'a bad seccomp profile names its line: 100; unreadable: 111' '
	printf "deny\nmount\nmounty\n" >bad.prof &&
	test_expect_code 100 daemonrun --seccomp-profile bad.prof -- touch started 2>err &&
	test_line_count = 1 err &&
	test_grep "bad --seccomp-profile bad.prof: line 3: unknown system call .mounty." err &&
	printf "# mode\npermit\n" >bad2.prof &&
	test_expect_code 100 daemonrun --seccomp-profile bad2.prof -- touch started 2>err &&
	test_grep "line 2: the first line must be allow or deny" err &&
	test_expect_code 111 daemonrun --seccomp-profile nothere.prof -- touch started 2>err &&
	test_grep "unable to read nothere.prof: No such file" err &&
	test_path_is_missing started
'

test_expect_success 'firejail: the equivalent argv, execd (a fake firejail)' '
	mkdir -p fake &&
	printf "#!/bin/sh\nfor a; do printf \"%%s\\\\n\" \"\$a\"; done\n" >fake/firejail &&
	chmod +x fake/firejail &&
	printf "deny\nmount\nptrace\n" >d.prof &&
	PATH="$TRASH_DIRECTORY/fake:$PATH" daemonrun --sandbox firejail --sandbox-profile app.profile \
		--private-tmp --private-dev --no-network --readonly-paths /etc:/usr \
		--caps-keep net_bind_service --seccomp-profile d.prof -- sh -c "echo hi" >out &&
	printf "%s\n" --quiet --nonewprivs --profile=app.profile --private-tmp --private-dev \
		--net=none --read-only=/etc --read-only=/usr --caps.keep=net_bind_service \
		--seccomp.drop=mount,ptrace -- sh -c "echo hi" >expect &&
	test_cmp expect out &&
	PATH="$TRASH_DIRECTORY/fake:$PATH" daemonrun --sandbox-profile p --caps-drop net_raw --seccomp -- true >out &&
	printf "%s\n" --quiet --nonewprivs --profile=p --caps.drop=net_raw --seccomp -- true >expect &&
	test_cmp expect out
'

test_expect_success 'firejail missing: 127' '
	test_expect_code 127 env PATH=/nonexistent "$TOP/bin/daemonrun" --sandbox firejail -- true 2>err &&
	test_grep "unable to run firejail" err
'

test_expect_success FIREJAIL,SANDBOX 'firejail for real: private /tmp, no network, kept caps' '
	timeout 60 daemonrun --sandbox firejail --private-tmp --no-network --caps-keep net_bind_service -- \
		sh -c "ls -A /tmp | wc -l; tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d \" \"; grep -E \"CapBnd|NoNewPrivs\" /proc/self/status" >out &&
	printf "0\nlo\nCapBnd:\t0000000000000400\nNoNewPrivs:\t1\n" >expect &&
	test_cmp expect out
'

test_expect_success SANDBOX 'in supervise mode the sandbox applies to each run' '
	rm -rf sd && mkdir -p ro4 &&
	daemonrun --restart on-failure --restart-delay 0 --readonly-paths ro4 -- \
		sh -c "touch ro4/x 2>/dev/null && exit 0; echo try >>tries; [ \$(wc -l <tries) -ge 2 ]" &&
	test "$(wc -l <tries)" = 2 && test_path_is_missing ro4/x
'

test_done
