#!/bin/sh
test_description='daemonrun --private-tmp and --private-dev: CMD and its -C directory under /tmp still run, found before the mounts'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"

if [ "$(id -u)" = 0 ] && [ "$(uname -s)" = Linux ] &&
    daemonrun --private-tmp -- true 2>/dev/null; then
	test_set_prereq SANDBOX
fi

# The app lives under the host's /tmp, wherever the checkout is.
D=$(mktemp -d /tmp/t2012.XXXXXX) || exit 1
test_cleanup_hook='rm -rf "$D"'
A=$D/app

test_expect_success 'setup: a binary, a #! script and a script without #! under /tmp' '
	chmod 755 "$D" &&
	mkdir "$A" &&
	cp "$(command -v ls)" "$A/lsbin" &&
	cat >"$A/run" <<-\EOF &&
	#!/bin/sh
	echo "0=$0 pwd=$(pwd) tmp=$(ls -A /tmp | wc -l) vartmp=$(ls -A /var/tmp | wc -l) uid=$(id -u) args=$*"
	EOF
	printf "%s\n" "echo \"plain tmp=\$(ls -A /tmp | wc -l) args=\$*\"" >"$A/plain" &&
	printf "%s\n" "#!/bin/sh" "exit 0" >"$A/noexec" &&
	chmod 755 "$A/lsbin" "$A/run" "$A/plain" &&
	chmod 644 "$A/noexec" &&
	touch "$D/host-file"
'

test_expect_success SANDBOX 'a binary under /tmp runs and sees an empty /tmp and /var/tmp' '
	daemonrun --private-tmp -- "$A/lsbin" -A /tmp /var/tmp >out &&
	printf "/tmp:\n\n/var/tmp:\n" >expect &&
	test_cmp expect out &&
	daemonrun --private-tmp --private-dev -- "$A/lsbin" -A /tmp >out &&
	test_line_count = 0 out
'

test_expect_success SANDBOX 'found in PATH under /tmp, before the mounts' '
	PATH="$A:$PATH" daemonrun --private-tmp -- lsbin -A /tmp >out &&
	test_line_count = 0 out &&
	PATH="$A:$PATH" daemonrun --private-tmp --clear-env --env PATH="$A:/usr/bin:/bin" -- run x >out &&
	test_grep "^0=/dev/fd/[0-9]* pwd=.* tmp=0 vartmp=0 uid=0 args=x$" out
'

test_expect_success SANDBOX 'the binary'"'"'s descriptor is closed by its exec' '
	daemonrun --private-tmp -- ls /proc/self/fd >expect &&
	daemonrun --private-tmp -- "$A/lsbin" /proc/self/fd >out &&
	test_cmp expect out
'

test_expect_success SANDBOX 'a #! script under /tmp runs through /dev/fd/N, with --private-dev too' '
	daemonrun --private-tmp -- "$A/run" a b >out &&
	test_grep "^0=/dev/fd/[0-9]* pwd=$PWD tmp=0 vartmp=0 uid=0 args=a b$" out &&
	daemonrun --private-tmp --private-dev -- "$A/run" a b >out &&
	test_grep "^0=/dev/fd/[0-9]* pwd=$PWD tmp=0 vartmp=0 uid=0 args=a b$" out &&
	daemonrun --private-dev -- "$A/run" c >out &&
	test_grep "^0=$A/run pwd=$PWD tmp=[1-9][0-9]* .* args=c$" out
'

test_expect_success SANDBOX 'with --seccomp; without execveat, through /proc/self/fd/N' '
	daemonrun --private-tmp --seccomp -- "$A/run" >out &&
	test_grep "^0=/dev/fd/[0-9]* pwd=$PWD tmp=0 " out &&
	printf "deny\nexecveat\n" >noat.profile &&
	daemonrun --private-tmp --seccomp-profile noat.profile -- "$A/run" >out &&
	test_grep "^0=/proc/self/fd/[0-9]* pwd=$PWD tmp=0 " out &&
	daemonrun --private-tmp --seccomp-profile noat.profile -- "$A/lsbin" -A /tmp >out &&
	test_line_count = 0 out
'

test_expect_success SANDBOX 'a file without #! runs with /bin/sh' '
	daemonrun --private-tmp -- "$A/plain" p >out &&
	echo "plain tmp=0 args=p" >expect &&
	test_cmp expect out
'

test_expect_success SANDBOX '-C under /tmp: the directory held, a relative CMD by its path' '
	daemonrun --private-tmp -C "$A" -- ./run r >out &&
	echo "0=./run pwd=$A tmp=0 vartmp=0 uid=0 args=r" >expect &&
	test_cmp expect out &&
	daemonrun --private-tmp --private-dev -C "$A" -- ./run r >out &&
	test_cmp expect out &&
	daemonrun --private-tmp -C "$A" -- "$A/run" s >out &&
	test_grep "^0=/dev/fd/[0-9]* pwd=$A tmp=0 vartmp=0 uid=0 args=s$" out &&
	daemonrun --private-tmp -C "$A" -- ./lsbin -A /tmp >out &&
	test_line_count = 0 out
'

test_expect_success SANDBOX '-C /tmp is the private /tmp' '
	daemonrun --private-tmp -C /tmp -- sh -c "pwd; ls -A | wc -l" >out &&
	printf "/tmp\n0\n" >expect &&
	test_cmp expect out
'

test_expect_success SANDBOX 'as another user: found with its permissions (execute-only works)' '
	daemonrun --private-tmp --user nobody -C "$A" -- ./run u >out &&
	echo "0=./run pwd=$A tmp=0 vartmp=0 uid=$(id -u nobody) args=u" >expect &&
	test_cmp expect out &&
	cp "$A/lsbin" "$A/xonly" && chmod 711 "$A/xonly" &&
	daemonrun --private-tmp --user nobody -- "$A/xonly" -A /tmp >out &&
	test_line_count = 0 out &&
	mkdir -m 700 "$D/closed" && cp "$A/run" "$A/lsbin" "$D/closed/" &&
	for o in "" --private-tmp; do
		test_expect_code 126 daemonrun $o --user nobody -- "$D/closed/run" 2>err.$o &&
		test_expect_code 111 daemonrun $o --user nobody -C "$D/closed" -- ./run 2>cd.$o ||
		return 1
	done &&
	test_grep "^daemonrun: fatal: unable to run $D/closed/run: Permission denied$" err. &&
	test_cmp err. err.--private-tmp &&
	test_grep "^daemonrun: fatal: unable to change directory to $D/closed: Permission denied$" cd. &&
	test_cmp cd. cd.--private-tmp
'

test_expect_success SANDBOX 'exec failures: the same codes and messages as without the option' '
	for o in "" --private-tmp "--private-tmp --private-dev"; do
		n=$(echo "$o" | tr -d " -") &&
		test_expect_code 127 daemonrun $o -- "$A/missing" 2>miss.$n &&
		test_expect_code 127 daemonrun $o -- t2012-no-such-cmd 2>path.$n &&
		test_expect_code 126 daemonrun $o -- "$A/noexec" 2>noexec.$n &&
		test_expect_code 111 daemonrun $o -C "$D/nodir" -- ./run 2>nodir.$n ||
		return 1
	done &&
	test_grep "^daemonrun: fatal: unable to run $A/missing: No such file or directory$" miss. &&
	test_grep "^daemonrun: fatal: unable to run t2012-no-such-cmd: No such file or directory$" path. &&
	test_grep "^daemonrun: fatal: unable to run $A/noexec: Permission denied$" noexec. &&
	test_grep "^daemonrun: fatal: unable to change directory to $D/nodir: No such file or directory$" nodir. &&
	for f in miss path noexec nodir; do
		test_cmp $f. $f.privatetmp && test_cmp $f. $f.privatetmpprivatedev ||
		return 1
	done
'

test_expect_success SANDBOX 'supervised: every start finds CMD again, restarts included' '
	cat >"$A/flaky" <<-\EOF &&
	#!/bin/sh
	n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n >count
	echo "run $n tmp=$(ls -A /tmp | wc -l)"
	[ $n -ge 3 ]
	EOF
	chmod 755 "$A/flaky" &&
	daemonrun --private-tmp --private-dev -C "$A" -l ev.log --restart on-failure \
		--restart-delay 10ms -- "$A/flaky" >out &&
	printf "run 1 tmp=0\nrun 2 tmp=0\nrun 3 tmp=0\n" >expect &&
	test_cmp expect out &&
	test "$(grep -c "info start pid=[0-9]* cmd=$A/flaky$" ev.log)" = 3 &&
	test_grep "info exit pid=[0-9]* code=0 " ev.log &&
	test_expect_code 127 daemonrun --private-tmp -l ev2.log --restart always -- "$A/missing" 2>err &&
	test_grep "^daemonrun: fatal: unable to run $A/missing: No such file or directory$" err
'

test_expect_success SANDBOX 'supervised: a CMD removed (through -C) before a restart: an error event, 127' '
	cat >"$A/once" <<-\EOF &&
	#!/bin/sh
	echo "ran tmp=$(ls -A /tmp | wc -l)"
	rm -f once
	exit 1
	EOF
	chmod 755 "$A/once" &&
	test_expect_code 127 daemonrun --private-tmp -C "$A" -l ev3.log --restart on-failure \
		--restart-delay 10ms --max-restarts 1 -- "$A/once" >out &&
	echo "ran tmp=0" >expect &&
	test_cmp expect out &&
	test_grep "error start error=\"unable to run $A/once: No such file or directory\"" ev3.log
'

test_done
