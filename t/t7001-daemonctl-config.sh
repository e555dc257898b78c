#!/bin/sh
test_description='daemonctl: config layering, validation, show and set, and the key table'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonctl-lib.sh"

dry() { daemonctl run "$@" -n; }
val() { daemonctl config show web --resolved --path "$1"; }

test_expect_success 'setup' '
	daemonctl new web -- sleep 1000 >/dev/null &&
	daemonctl new my-app -- sleep 1000 >/dev/null &&
	rm "$APPS/web/config.toml"
'

test_expect_success 'defaults: restart always with a doubling backoff' '
	test "$(val restart.policy)" = always &&
	test "$(val restart.delay)" = 1s &&
	test "$(val restart.max_delay)" = 60s &&
	dry web >d &&
	test_grep -- "--restart always --restart-delay 1s --restart-max-delay 60s" d &&
	test_grep "health: off" d
'

test_expect_success 'layers: global, app, DAEMONCTL_{APP}_{KEY}, --config-override' '
	printf "[restart]\ndelay = \"5s\"\nmax_delay = \"9s\"\n" >"$DAEMONCTL_HOME/config.toml" &&
	test "$(val restart.delay)" = 5s &&
	printf "[restart]\ndelay = 3\n" >"$APPS/web/config.toml" &&
	test "$(val restart.delay)" = 3 &&
	test "$(val restart.max_delay)" = 9s &&
	test "$(DAEMONCTL_WEB_RESTART_DELAY=2s val restart.delay)" = 2s &&
	test "$(DAEMONCTL_WEB_RESTART_DELAY=2s daemonctl config show web --resolved \
		--path restart.delay --config-override restart.delay=1500ms)" = 1500ms &&
	DAEMONCTL_WEB_RESTART_DELAY=2s dry web --config-override restart.max_delay=7s >d &&
	test_grep -- "--restart-delay 2s --restart-max-delay 7s" d
'

test_expect_success 'run options override the config for the run' '
	dry web --restart-delay 250ms --restart on-failure >d &&
	test_grep -- "--restart on-failure --restart-delay 250ms" d
'

test_expect_success '--no-config ignores the files, not the rest' '
	test "$(daemonctl config show web --resolved --no-config --path restart.delay)" = 1s &&
	test "$(DAEMONCTL_WEB_RESTART_DELAY=4s daemonctl --no-config config show web \
		--resolved --path restart.delay)" = 4s &&
	dry web --no-config >d &&
	test_grep -- "--restart-delay 1s --restart-max-delay 60s" d
'

test_expect_success 'app names with - and . in variable names; ENV_ sets the environment' '
	DAEMONCTL_MY_APP_LIMITS_MEMORY_LIMIT=64M DAEMONCTL_MY_APP_ENV_GREETING="hi there" \
		dry my-app >d &&
	test_grep -- "--memory-limit 64M" d &&
	test_grep -- "--env=GREETING=hi there" d
'

test_expect_success 'unknown keys and sections warn with their place' '
	cat >"$APPS/web/config.toml" <<-\EOT &&
	# a comment
	[restart]
	delay = 3
	dealy = 4

	[bogus]
	x = 1
	EOT
	DAEMONCTL_WEB_NOPE=1 dry web >d 2>err &&
	test_grep "^daemonctl: warning: $APPS/web/config.toml:4: unknown key \[restart\] dealy$" err &&
	test_grep "^daemonctl: warning: $APPS/web/config.toml:6: unknown section bogus$" err &&
	test_grep "^daemonctl: warning: DAEMONCTL_WEB_NOPE: unknown key NOPE for app web$" err &&
	test_grep -- "--restart-delay 3 " d
'

test_expect_success 'a bad value names its file, line, key and why; nothing runs' '
	printf "[limits]\nmemory_limit = \"12X\"\n" >"$APPS/web/config.toml" &&
	test_expect_code 100 daemonctl start web 2>err &&
	test_line_count = 1 err &&
	test_grep "^daemonctl: fatal: $APPS/web/config.toml:2: \[limits\] memory_limit: bad size .12X.: " err &&
	test_path_is_missing "$RUN/web/daemonctl.pid" &&
	printf "[restart]\npolicy = \"sometimes\"\n" >"$APPS/web/config.toml" &&
	test_expect_code 100 dry web 2>err &&
	test_grep "config.toml:2: \[restart\] policy: bad value .sometimes.: one of no, on-failure, always$" err &&
	printf "[process]\nnice = 40\n" >"$APPS/web/config.toml" &&
	test_expect_code 100 dry web 2>err &&
	test_grep "\[process\] nice: bad niceness .40.: " err &&
	printf "limits = 5\n" >"$APPS/web/config.toml" &&
	test_expect_code 100 dry web 2>err &&
	test_grep "config.toml:1: limits: not a table" err &&
	printf "[restart\n" >"$APPS/web/config.toml" &&
	test_expect_code 100 dry web 2>err &&
	test_grep "^daemonctl: fatal: $APPS/web/config.toml:1:9: " err &&
	rm "$APPS/web/config.toml" &&
	test_expect_code 100 env DAEMONCTL_WEB_SIGNALS_STOP_SIGNAL=NOPE daemonctl run web -n 2>err &&
	test_grep "^daemonctl: fatal: DAEMONCTL_WEB_SIGNALS_STOP_SIGNAL: \[signals\] stop_signal: bad signal .NOPE." err &&
	test_expect_code 100 dry web --cpu-limit 200 2>err &&
	test_grep -e "^daemonctl: fatal: --cpu-limit: \[limits\] cpu_limit: bad percentage .200." err &&
	test_expect_code 100 dry web --config-override limits.bogus=1 2>err &&
	test_grep "unknown key limits.bogus" err &&
	test_expect_code 100 dry web --config-override nokey 2>err &&
	test_grep "not KEY=VALUE" err
'

test_expect_success '[process] and [security] must agree on the user' '
	printf "[process]\nuser = \"a\"\n[security]\nuser = \"b\"\n" >"$APPS/web/config.toml" &&
	test_expect_code 100 dry web 2>err &&
	test_grep "\[security\] user: .b. is not \[process\] user .a." err &&
	rm "$APPS/web/config.toml"
'

# Every key of the table, and the option of the tool it becomes:
# KEY|VALUE|WHAT THE CHAIN GETS|MORE OPTIONS
while IFS="|" read -r key value expect more; do
	expect=$(printf "%s" "$expect" | sed "s|APPDIR|$APPS/web|g; s|LOGDIR|$LOGS/web|g")
	test_expect_success "key $key becomes $expect" '
		dry web "--config-override=$key=$value" $more >d &&
		grep -F -- "$expect" d
	'
done <<\EOF_KEYS
process.user|nobody|daemonrun --log-level=warn -u nobody --|
process.group|nogroup|-G nogroup --|
process.chdir|sub|-C APPDIR/sub|
process.umask|"027"|--umask=027|
process.nice|5|--nice 5|
process.notify_fd|3|--notify-fd 3|
signals.forward_all|false|--no-signal-forward|
signals.forward|["HUP","USR1"]|-S HUP -S USR1|
signals.preserve|["INT","QUIT"]|--preserve-signals INT,QUIT|
signals.stop_signal|INT|--stop-signal INT|
signals.reload_signal|USR2|--reload-signal USR2|
signals.kill_timeout|5s|--kill-timeout 5s|
logging.level|debug|--log-level debug|
logging.utc|true|--utc|
logging.stdout|o.log|LOGDIR/o.log|
logging.stderr|/tmp/e.log|/tmp/e.log --|
logging.max_size|1M|--max-size=1M|
logging.max_age|1h|--max-age 1h|
logging.max_count|3|--max-count=3|
logging.timestamps|tai64n|--timestamps=tai64n|
logging.compress|xz|--compress=xz|
limits.memory_limit|512M|--memory-limit 512M|
limits.cpu_limit|50|--cpu-limit 50|
limits.file_limit|100|--file-limit 100|
limits.process_limit|20|--proc-limit 20|
limits.core_limit|0|--core-limit 0|
limits.stack_limit|8M|--stack-limit 8M|
limits.timeout|1h|--timeout 1h|
sandbox.type|unshare|--sandbox unshare|
sandbox.profile|p.profile|--sandbox-profile APPDIR/p.profile|
sandbox.private_tmp|true|--private-tmp|
sandbox.private_dev|true|--private-dev|
sandbox.readonly_paths|["/usr","/etc"]|--readonly-paths /usr:/etc|
sandbox.no_network|true|--no-network|
sandbox.seccomp|true|--seccomp|
sandbox.seccomp_profile|s.prof|--seccomp-profile APPDIR/s.prof|
security.user|nobody|-u nobody|
security.group|nogroup|-G nogroup|
security.capabilities_drop|["net_raw","sys_admin"]|--caps-drop net_raw,sys_admin|
security.capabilities_keep|net_bind_service|--caps-keep net_bind_service|
restart.policy|on-failure|--restart on-failure|
restart.delay|2s|--restart-delay 2s|
restart.max_delay|2m|--restart-max-delay 2m|
restart.reset|5m|--restart-reset 5m|
restart.max_restarts|5|--max-restarts 5 --restart-window 60s|
watch.files|["src","conf.toml"]|--watch APPDIR/src --watch APPDIR/conf.toml|
watch.reload_interval|2s|--watch APPDIR/src --reload-interval 2s|--watch src
env_file|["a.env","/etc/b.env"]|--env-file APPDIR/a.env --env-file /etc/b.env|
clear_env|true|--clear-env|
monitoring.enabled|true|healthcheck --watch --json|--config-override=monitoring.enabled=true
monitoring.check_interval|5s|--interval 5s|--config-override=monitoring.enabled=true
monitoring.check_command|"curl -f localhost"|--exec 'curl -f localhost'|--config-override=monitoring.enabled=true
monitoring.check_timeout|2s|--timeout 2s|--config-override=monitoring.enabled=true
monitoring.failure_threshold|5|--failure-threshold 5|--config-override=monitoring.enabled=true
monitoring.success_threshold|2|--success-threshold 2|--config-override=monitoring.enabled=true
monitoring.startup_delay|1s|--startup-delay 1s|--config-override=monitoring.enabled=true
monitoring.cpu_threshold|80|--tree --cpu-max 80|--config-override=monitoring.enabled=true
monitoring.memory_threshold|500|--rss-max 500M|--config-override=monitoring.enabled=true
EOF_KEYS

test_expect_success 'the template of new has every key but env' '
	sed -n "s/^\(#\)\{0,1\}\([a-z_]*\) = .*/\2/p" "$APPS/my-app/config.toml" | sort -u >keys &&
	test $(wc -l <keys) -ge 61 &&
	test_grep "^memory_threshold$" keys
'

test_expect_success 'logging.file, logging.syslog, env and watch.ignore_patterns' '
	dry web --config-override logging.file=ev.log >d &&
	test_grep "^events: $LOGS/web/ev.log$" d &&
	dry web --env A=1 --env "B=two words" >d &&
	test_grep -- "--env=A=1 .--env=B=two words. --" d &&
	dry web --watch src --watch-ignore "*.swp" --watch-ignore "" >d &&
	test_grep -- "--watch $APPS/web/src --watch-ignore .\*.swp. --watch-ignore .. --reload-interval" d &&
	daemonctl run web -n -S HUP -S TERM >d &&
	test_grep -- "-S HUP -S TERM" d
'

test_expect_success 'config show: the file as written, or as JSON and YAML' '
	cat >"$APPS/web/config.toml" <<-\EOT &&
	# keep me
	[restart]
	delay = "2s"   # and me
	[env]
	GREETING = "hi"
	EOT
	daemonctl config show web >t &&
	test_cmp "$APPS/web/config.toml" t &&
	daemonctl config show web --format json >j &&
	cat >expect <<-\EOT &&
	{
	  "restart": {
	    "delay": "2s"
	  },
	  "env": {
	    "GREETING": "hi"
	  }
	}
	EOT
	test_cmp expect j &&
	daemonctl config show web --format yaml >y &&
	test_grep "^restart:$" y &&
	test_grep "^  delay: \"2s\"$" y &&
	test_expect_code 100 daemonctl config show web --format xml 2>err
'

test_expect_success 'config show --resolved: every layer and the defaults' '
	daemonctl config show web --resolved --format json >j &&
	test_grep "\"delay\": \"2s\"" j &&
	test_grep "\"max_delay\": \"9s\"" j &&
	test_grep "\"policy\": \"always\"" j &&
	test_grep "\"GREETING\": \"hi\"" j &&
	daemonctl config show web --resolved --config-override env.X=1 >t &&
	test_grep "^X = 1$" t
'

test_expect_success 'config show -g, -a, --path' '
	daemonctl config show -g >g &&
	test_cmp "$DAEMONCTL_HOME/config.toml" g &&
	daemonctl config show >g2 &&
	test_cmp g g2 &&
	daemonctl config show -a >a &&
	test_grep "^# web ($APPS/web/config.toml)$" a &&
	test_grep "^# my-app " a &&
	daemonctl config show -a --format json >aj &&
	test_grep "^  \"web\": {" aj &&
	daemonctl config show web --path restart >p &&
	test_grep "^delay = \"2s\"$" p &&
	daemonctl config show web --path restart.delay >p &&
	test "$(cat p)" = 2s &&
	daemonctl config show web --path restart.delay --format json >p &&
	test "$(cat p)" = "\"2s\"" &&
	test_expect_code 1 daemonctl config show web --path restart.nope 2>err &&
	test_grep "restart.nope: not set" err
'

test_expect_success 'config set keeps comments and order, writes atomically' '
	daemonctl config set web restart.delay=4s limits.memory_limit=256M env.NEW=x &&
	cat >expect <<-\EOT &&
	# keep me
	[restart]
	delay = "4s"   # and me
	[env]
	GREETING = "hi"
	NEW = "x"

	[limits]
	memory_limit = "256M"
	EOT
	test_cmp expect "$APPS/web/config.toml" &&
	ls "$APPS/web" >ls &&
	! grep "\.new" ls
'

test_expect_success 'config set refuses unknown keys and bad values, changing nothing' '
	cp "$APPS/web/config.toml" before &&
	test_expect_code 100 daemonctl config set web restart.delya=1 2>err &&
	test_grep "unknown key restart.delya" err &&
	test_expect_code 100 daemonctl config set web restart.delay=1 limits.memory_limit=lots 2>err &&
	test_grep "bad limits.memory_limit=lots: bad size" err &&
	test_expect_code 100 daemonctl config set web env={} 2>err &&
	test_cmp before "$APPS/web/config.toml"
'

test_expect_success 'config set without an app: the global file' '
	daemonctl config set restart.max_restarts=3 &&
	test_grep "^max_restarts = 3$" "$DAEMONCTL_HOME/config.toml" &&
	rm "$DAEMONCTL_HOME/config.toml" &&
	daemonctl config set -g logging.max_count=2 &&
	test_grep "^max_count = 2$" "$DAEMONCTL_HOME/config.toml"
'

test_expect_success 'config set creates a missing file; types follow the value' '
	rm -f "$APPS/my-app/config.toml" &&
	daemonctl config set my-app monitoring.enabled=true monitoring.cpu_threshold=75.5 &&
	test_grep "^enabled = true$" "$APPS/my-app/config.toml" &&
	test_grep "^cpu_threshold = 75.5$" "$APPS/my-app/config.toml"
'

test_expect_success MANDOC 'the man page has the key table of the code, defaults included' '
	rm -f "$DAEMONCTL_HOME/config.toml" "$APPS/web/config.toml" &&
	sed -n "s/^\.It Li \([a-z_.]*\) Ta \(.*\) Ta \([a-z]*\) Ta .*/\1 \2/p" \
		"$TOP/doc/daemonctl.1" >table &&
	test $(wc -l <table) -ge 64 &&
	sed -n "s/^#\{0,1\}\([a-z_]*\) = .*/\1/p" "$APPS/my-app/config.toml" >flat &&
	while read -r key def; do
		case $def in
		"\\(em")
			test_expect_code 1 daemonctl config show web --resolved \
				--path "$key" >/dev/null 2>&1 ||
				{ echo "$key has a default"; return 1; } ;;
		*)
			got=$(daemonctl config show web --resolved --path "$key") &&
			test "$got" = "$def" ||
				{ echo "$key: $got, not $def"; return 1; } ;;
		esac
	done <table &&
	for k in $(cat flat); do
		grep -q "^\.It Li \([a-z]*\.\)\{0,1\}$k Ta" "$TOP/doc/daemonctl.1" ||
			{ echo "$k not in the man page"; return 1; }
	done
'

test_done
