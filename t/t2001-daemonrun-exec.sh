#!/bin/sh
test_description='daemonrun exec mode: attributes, then CMD in our place'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"

test_expect_success 'CMD replaces daemonrun: same pid, no process left behind' '
	sh -c "echo \$\$ >outer; exec daemonrun --umask 022 --nice 1 -- sh -c \"echo \\\$\\\$ >inner; echo \\\$PPID >parent\"" &&
	test_cmp outer inner &&
	echo $$ >shell && test_cmp shell parent
'

test_expect_success 'the exit status is CMD own' '
	test_expect_code 7 daemonrun --umask 022 -- sh -c "exit 7" &&
	test_expect_code 143 daemonrun -- sh -c "kill -TERM \$\$"
'

test_expect_success 'stdin, stdout, stderr pass through' '
	echo hello | daemonrun --nice 0 -- cat >out &&
	echo hello >expect && test_cmp expect out
'

test_expect_success ROOT '--user: uid, gid, groups, HOME USER LOGNAME' '
	daemonrun --user nobody -- sh -c "id -u; id -g; id -G; echo \$HOME \$USER \$LOGNAME" >out &&
	printf "%s\n" 65534 65534 65534 "/nonexistent nobody nobody" >expect &&
	test_cmp expect out
'

test_expect_success ROOT 'a dropped process cannot regain root' '
	daemonrun --user nobody -- tk-privcheck >out &&
	test_grep "^uid=65534,65534,65534 gid=65534,65534,65534 groups=65534$" out &&
	test_grep "^regain: none$" out
'

test_expect_success ROOT 'root supplementary groups are dropped' '
	daemonrun --user nobody -- id -G >out &&
	! grep -w 0 out
'

test_expect_success ROOT,UNSHARE_MOUNT '--user sets the user supplementary groups' '
	cp /etc/group group &&
	echo "tkextra:x:4242:nobody" >>group &&
	unshare -m sh -c "mount --bind group /etc/group && daemonrun --user nobody -- id -G" >out &&
	echo "65534 4242" >expect &&
	test_cmp expect out
'

test_expect_success ROOT,UNSHARE_MOUNT 'the same groups through NSS when /etc/group alone is not the answer' '
	cp /etc/group group &&
	echo "tkextra:x:4242:nobody" >>group &&
	printf "passwd: files\ngroup: compat\n" >nsswitch.conf &&
	unshare -m sh -c "mount --bind group /etc/group && mount --bind nsswitch.conf /etc/nsswitch.conf && daemonrun --user nobody -- id -G" >out &&
	echo "65534 4242" >expect &&
	test_cmp expect out
'

test_expect_success ROOT '--run-group with --user: primary group, user groups kept' '
	daemonrun --user nobody --run-group daemon -- tk-privcheck >out &&
	test_grep "^uid=65534,65534,65534 gid=1,1,1 groups=1$" out &&
	test_grep "^regain: none$" out
'

test_expect_success ROOT '--run-group alone changes only the group' '
	daemonrun -G nogroup -- sh -c "id -u; id -g; id -G" >out &&
	printf "%s\n" 0 65534 65534 >expect &&
	test_cmp expect out
'

test_expect_success ROOT 'numeric ids; a uid without passwd entry needs a group' '
	daemonrun -u 65534 -- id -un >out &&
	echo nobody >expect && test_cmp expect out &&
	test_expect_code 100 daemonrun -u 4242 -- true 2>err &&
	test_grep "user 4242 has no passwd entry" err &&
	daemonrun -u 4242 -G 4243 -- sh -c "id -u; id -g; id -G" >out &&
	printf "%s\n" 4242 4243 4243 >expect && test_cmp expect out
'

test_expect_success '--chdir' '
	mkdir -p sub/dir &&
	daemonrun -C sub/dir -- pwd >out &&
	echo "$TRASH_DIRECTORY/sub/dir" >expect && test_cmp expect out
'

test_expect_success ROOT '--chdir happens after the privilege drop' '
	mkdir private && chmod 700 private &&
	test_expect_code 111 daemonrun --user nobody -C private -- true 2>err &&
	test_grep "unable to change directory to private: Permission denied" err
'

test_expect_success '--umask' '
	daemonrun --umask 027 -- sh -c "umask; echo x >f" >out &&
	echo 0027 >expect && test_cmp expect out &&
	test "$(stat -c %a f)" = 640
'

test_expect_success '--nice is absolute, not an increment' '
	nice -n 3 daemonrun --nice 5 -- nice >out &&
	echo 5 >expect && test_cmp expect out &&
	nice -n 7 daemonrun --nice 7 -- nice >out &&
	echo 7 >expect && test_cmp expect out
'

test_expect_success ROOT '--nice can lower the niceness (root) before the drop' '
	nice -n 10 daemonrun --nice -5 --user nobody -- nice >out &&
	echo -5 >expect && test_cmp expect out
'

test_expect_success '--env sets, in order, last wins' '
	FOO=old daemonrun --env FOO=new --env BAR=1 --env BAR="two words" -- \
		sh -c "echo \$FOO; echo \$BAR" >out &&
	printf "%s\n" new "two words" >expect && test_cmp expect out
'

test_expect_success '--env-file: quotes, export, comments; --env wins over it' '
	cat >app.env <<-\EOF &&
	# the app
	export PORT=8080
	NAME="my app"   # quoted
	EMPTY=
	LITERAL='\''$HOME'\''
	OVERRIDE=fromfile
	EOF
	daemonrun --env-file app.env --env OVERRIDE=fromflag -- \
		sh -c "echo \$PORT; echo \$NAME; echo \"[\$EMPTY]\"; echo \$LITERAL; echo \$OVERRIDE" >out &&
	printf "%s\n" 8080 "my app" "[]" "\$HOME" fromflag >expect &&
	test_cmp expect out
'

test_expect_success 'several env files apply in order' '
	echo A=1 >one.env && printf "A=2\nB=3\n" >two.env &&
	daemonrun --env-file one.env --env-file two.env -- sh -c "echo \$A\$B" >out &&
	echo 23 >expect && test_cmp expect out
'

test_expect_success '--clear-env: only what is given, PATH a safe default' '
	SECRET=x daemonrun --clear-env --env ONE=1 -- /usr/bin/env >out &&
	sort out >sorted &&
	printf "%s\n" ONE=1 PATH=/usr/local/bin:/usr/bin:/bin >expect &&
	test_cmp expect sorted
'

test_expect_success ROOT '--clear-env --user: HOME USER LOGNAME PATH' '
	daemonrun --clear-env --user nobody -- /usr/bin/env | sort >out &&
	printf "%s\n" HOME=/nonexistent LOGNAME=nobody PATH=/usr/local/bin:/usr/bin:/bin USER=nobody >expect &&
	test_cmp expect out
'

test_expect_success ROOT 'an explicit --env wins over what --user sets' '
	daemonrun --user nobody --env HOME=/srv -- sh -c "echo \$HOME" >out &&
	echo /srv >expect && test_cmp expect out
'

test_expect_success 'CMD is found through the new PATH' '
	mkdir bin2 && printf "#!/bin/sh\necho mine\n" >bin2/mytool && chmod +x bin2/mytool &&
	daemonrun --env PATH="$TRASH_DIRECTORY/bin2:/usr/bin:/bin" -- mytool >out &&
	echo mine >expect && test_cmp expect out
'

test_expect_success '--stdout and --stderr append' '
	echo old >o.log &&
	daemonrun --stdout o.log --stderr e.log -- sh -c "echo out; echo err >&2" &&
	printf "%s\n" old out >expect && test_cmp expect o.log &&
	echo err >expect && test_cmp expect e.log
'

test_done
