#!/bin/sh
test_description='daemonctl: usage, app directories, new, list'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonctl-lib.sh"

test_expect_success '--help and --version' '
	daemonctl --help >out &&
	test_grep "^usage: daemonctl" out &&
	test_grep "export NAME --format systemd|runit|s6" out &&
	daemonctl status --help >out2 &&
	test_cmp out out2 &&
	daemonctl --version >v &&
	test_grep "^daemonctl [0-9]" v
'

test_expect_success 'usage errors: one line, exit 100' '
	test_expect_code 100 daemonctl 2>err &&
	test_line_count = 1 err &&
	test_grep "^daemonctl: usage: daemonctl \[--home DIR\]" err &&
	test_expect_code 100 daemonctl frobnicate 2>err &&
	test_line_count = 1 err &&
	test_grep "unknown command .frobnicate." err &&
	test_expect_code 100 daemonctl status --bogus 2>err &&
	test_line_count = 1 err &&
	test_grep "^daemonctl: fatal: unknown option .--bogus.$" err &&
	test_expect_code 100 daemonctl start 2>err &&
	test_grep "^daemonctl: usage: daemonctl start NAME" err &&
	test_expect_code 100 daemonctl start a b 2>err &&
	test_expect_code 100 daemonctl logs web --tail=x 2>err &&
	test_grep "bad --tail" err &&
	test_expect_code 100 daemonctl kill web -a -p 2>err &&
	test_grep "exclude each other" err
'

test_expect_success 'bad app names are refused' '
	for n in ../x .hidden "a b" -x "" a/b; do
		test_expect_code 100 daemonctl new "$n" -- true 2>err || return 1
		test_line_count = 1 err || return 1
	done &&
	test_grep "bad app name" err
'

test_expect_success 'new: a run script and a commented config' '
	daemonctl new web -- printf "%s|%s\\n" "a b" "it'\''s" >out &&
	test_grep "^web: created $APPS/web" out &&
	test -x "$APPS/web/run" &&
	test_grep "^exec printf " "$APPS/web/run" &&
	(cd "$APPS/web" && ./run) >ran &&
	echo "a b|it'\''s" >expect &&
	test_cmp expect ran &&
	test_grep "^\[restart\]$" "$APPS/web/config.toml" &&
	test_grep "^#policy = \"always\"" "$APPS/web/config.toml" &&
	daemonctl config show web --format json >j &&
	test_grep "^  \"restart\": {},$" j &&
	! grep "= " j &&
	ls -a "$APPS" >ls &&
	! grep "\.new\." ls
'

test_expect_success 'new: an existing app is an error, left as it is' '
	cp "$APPS/web/run" run.before &&
	test_expect_code 100 daemonctl new web -- true 2>err &&
	test_grep "app web already exists" err &&
	test_cmp run.before "$APPS/web/run" &&
	test_expect_code 100 daemonctl new other 2>err &&
	test_grep "usage: daemonctl new NAME -- CMD" err
'

test_expect_success 'options before or after the app name' '
	daemonctl run web --dry-run >a &&
	daemonctl run --dry-run web >b &&
	daemonctl --home "$DAEMONCTL_HOME" run web -n >c &&
	test_cmp a b &&
	test_cmp a c &&
	test_grep "^supervisor: .*daemonrun --state-dir $RUN/web " a
'

test_expect_success 'an unknown app: a clear error' '
	test_expect_code 100 daemonctl start nosuch 2>err &&
	test_grep "^daemonctl: fatal: no such app: nosuch" err &&
	test_expect_code 4 daemonctl status nosuch >out &&
	test_grep "nosuch: unknown (no such app)" out
'

test_expect_success 'an app without an executable run script' '
	mkdir "$APPS/norun" &&
	test_expect_code 100 daemonctl start norun 2>err &&
	test_grep "norun/run: missing" err &&
	rmdir "$APPS/norun"
'

test_expect_success '--home and DAEMONCTL_HOME move apps, state and logs' '
	daemonctl --home alt new x -- true >/dev/null &&
	test -x alt/apps/x/run &&
	daemonctl run x --home alt -n >dry &&
	test_grep "state-dir $TRASH_DIRECTORY/alt/run/x " dry &&
	test_grep "$TRASH_DIRECTORY/alt/logs/x/out.log" dry &&
	DAEMONCTL_HOME=alt daemonctl list >l &&
	test_grep "^x " l
'

test_expect_success ROOT 'without a home: the XDG directories of a user' '
	mkdir -p u && chown nobody u &&
	( unset DAEMONCTL_HOME
	  HOME=$TRASH_DIRECTORY/u XDG_CONFIG_HOME= XDG_STATE_HOME= \
	  XDG_RUNTIME_DIR=$TRASH_DIRECTORY/u/rt \
	  setpriv --reuid=nobody --regid=nogroup --clear-groups \
		sh -c "daemonctl new y -- true && daemonctl run y -n" ) >dry &&
	test -x u/.config/daemonctl/apps/y/run &&
	test_grep "state-dir $TRASH_DIRECTORY/u/rt/daemonctl/y " dry &&
	test_grep "$TRASH_DIRECTORY/u/.local/state/daemonctl/y/out.log" dry
'

test_expect_success ROOT 'no XDG_RUNTIME_DIR: a private directory in /tmp' '
	( unset DAEMONCTL_HOME XDG_RUNTIME_DIR
	  HOME=$TRASH_DIRECTORY/u XDG_CONFIG_HOME= XDG_STATE_HOME= \
	  TMPDIR=$TRASH_DIRECTORY/u \
	  setpriv --reuid=nobody --regid=nogroup --clear-groups \
		daemonctl run y -n ) >dry &&
	uid=$(id -u nobody) &&
	test_grep "state-dir $TRASH_DIRECTORY/u/daemonctl-$uid/y " dry &&
	test "$(stat -c %a u/daemonctl-$uid)" = 700 &&
	chmod 755 u/daemonctl-$uid &&
	( unset DAEMONCTL_HOME XDG_RUNTIME_DIR
	  HOME=$TRASH_DIRECTORY/u TMPDIR=$TRASH_DIRECTORY/u \
	  setpriv --reuid=nobody --regid=nogroup --clear-groups \
		daemonctl run y -n ) 2>err;
	test_grep "not a private directory" err
'

test_expect_success 'root without a home: /etc, /run and /var/log' '
	if [ "$(id -u)" = 0 ]; then
		( unset DAEMONCTL_HOME; daemonctl list ) >l 2>err &&
		! test -s err
	fi
'

test_expect_success 'list: every app, stopped ones too; --json' '
	daemonctl list >l &&
	head -1 l >h &&
	test_grep "^NAME  *STATE  *PID  *UPTIME  *RESTARTS  *HEALTH$" h &&
	test_grep "^web  *down  *-  *-" l &&
	daemonctl list --json >j &&
	test_grep "^\[{\"name\":\"web\",\"state\":\"down\",\"lsb\":3," j &&
	test_expect_code 100 daemonctl list web 2>err
'

test_done
