#!/bin/sh
test_description='daemonctl export: a systemd unit, runit and s6 service directories'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonctl-lib.sh"

# systemd-analyze verify, where it works here (no running systemd needed).
mkdir -p "$TRASH_DIRECTORY/probe" &&
printf "[Service]\nExecStart=/bin/true\n" >"$TRASH_DIRECTORY/probe/p.service" &&
systemd-analyze verify "$TRASH_DIRECTORY/probe/p.service" >/dev/null 2>&1 &&
test_set_prereq SYSTEMD_VERIFY
command -v runsv >/dev/null && test_set_prereq RUNIT
command -v s6-svscan >/dev/null && test_set_prereq S6

# runsv and s6-svscan, should a test fail before it stops them.
export_cleanup() {
	sv exit "$TRASH_DIRECTORY/sv/web" >/dev/null 2>&1
	s6-svscanctl -t "$TRASH_DIRECTORY/s6" >/dev/null 2>&1
	dc_cleanup
}
test_cleanup_hook=export_cleanup

test_expect_success 'setup' '
	mkapp web sh -c "echo \"hello from \$DAEMONCTL_APP\"; echo to stderr >&2; exec sleep 7007001" &&
	printf "#!/bin/sh\necho \"stop \$DAEMONCTL_EVENT \$DAEMONCTL_EXIT\" >>hooks\n" >"$APPS/web/on-stop" &&
	printf "#!/bin/sh\necho \"start \$DAEMONCTL_EVENT\" >>hooks\n" >"$APPS/web/on-start" &&
	printf "#!/bin/sh\necho fine\n" >"$APPS/web/check" &&
	chmod +x "$APPS/web/on-stop" "$APPS/web/on-start" "$APPS/web/check" &&
	daemonctl config set web "env.GREETING=100% \"quoted\""
'

test_expect_success 'usage: --format is required and checked' '
	test_expect_code 100 daemonctl export web 2>err &&
	test_grep "needs --format" err &&
	test_expect_code 100 daemonctl export web --format upstart 2>err &&
	test_grep "bad --format .upstart." err
'

test_expect_success 'systemd: limits and sandbox as properties, the rest through daemonrun' '
	daemonctl config set web limits.memory_limit=64M limits.cpu_limit=50 \
		limits.file_limit=1024 limits.process_limit=64 limits.core_limit=0 \
		limits.stack_limit=8M limits.timeout=1h sandbox.private_tmp=true \
		sandbox.private_dev=true sandbox.no_network=true \
		sandbox.readonly_paths="[\"/usr\",\"/etc\"]" sandbox.seccomp=true \
		security.capabilities_drop="[\"net_raw\",\"cap_sys_admin\"]" \
		process.user=nobody process.nice=5 process.umask="027" \
		restart.max_restarts=5 restart.window=2m restart.delay=3s \
		signals.stop_signal=INT signals.kill_timeout=15s signals.reload_signal=USR1 &&
	daemonctl export web --format systemd >unit &&
	test_grep "^\[Unit\]$" unit &&
	test_grep "^\[Service\]$" unit &&
	test_grep "^\[Install\]$" unit &&
	test_grep "^StartLimitIntervalSec=120000ms$" unit &&
	test_grep "^StartLimitBurst=5$" unit &&
	test_grep "^MemoryMax=67108864$" unit &&
	test_grep "^CPUQuota=50%$" unit &&
	test_grep "^LimitNOFILE=1024$" unit &&
	test_grep "^LimitNPROC=64$" unit &&
	test_grep "^LimitCORE=0$" unit &&
	test_grep "^LimitSTACK=8388608$" unit &&
	test_grep "^RuntimeMaxSec=3600000ms$" unit &&
	test_grep "^PrivateTmp=yes$" unit &&
	test_grep "^PrivateDevices=yes$" unit &&
	test_grep "^PrivateNetwork=yes$" unit &&
	test_grep "^ReadOnlyPaths=/usr /etc$" unit &&
	test_grep "^SystemCallFilter=~@mount" unit &&
	test_grep "^CapabilityBoundingSet=~ CAP_NET_RAW CAP_SYS_ADMIN$" unit &&
	test_grep "^NoNewPrivileges=yes$" unit &&
	test_grep "^Nice=5$" unit &&
	test_grep "^UMask=027$" unit &&
	test_grep "^Restart=always$" unit &&
	test_grep "^RestartSec=3000ms$" unit &&
	test_grep "^KillMode=control-group$" unit &&
	test_grep "^KillSignal=SIGINT$" unit &&
	test_grep "^TimeoutStopSec=15000ms$" unit &&
	test_grep "^ExecReload=/bin/sh -c .kill -s USR1 -- -\$MAINPID.$" unit &&
	test_grep "^Environment=DAEMONCTL_APP=web$" unit &&
	test_grep "^Environment=\"GREETING=100%% \\\\\"quoted\\\\\"\"$" unit &&
	test_grep "^ExecStartPre=/usr/bin/env DAEMONCTL_EVENT=start $APPS/web/on-start$" unit &&
	test_grep "^ExecStopPost=/usr/bin/env DAEMONCTL_EVENT=stop DAEMONCTL_EXIT=\${EXIT_STATUS} $APPS/web/on-stop$" unit &&
	test_grep "^ExecStart=[^ ]*/teelog --no-signal-forward -q .* $LOGS/web/out.log $LOGS/web/err.log -- [^ ]*/daemonrun -u nobody -- $APPS/web/run$" unit &&
	! grep "^User=" unit &&
	test_grep "^# ---- web-health.service ----$" unit &&
	test_grep "^ExecStart=[^ ]*/healthcheck --watch .*--on-unhealthy .systemctl restart web.service. --exec-argv -- $APPS/web/check$" unit &&
	test_grep "^BindsTo=web.service$" unit
'

test_expect_success 'systemd -o DIR: the unit and its health unit as files' '
	daemonctl export web --format systemd -o units >out &&
	test_grep "units/web.service$" out &&
	test -f units/web.service &&
	test -f units/web-health.service &&
	! grep "^# ----" units/web.service
'

test_expect_success SYSTEMD_VERIFY 'systemd-analyze verify accepts both units' '
	systemd-analyze verify units/web.service units/web-health.service >v 2>&1 ||
	{ cat v; false; } &&
	! grep -i "unknown\|invalid\|ignoring" v
'

test_expect_success '!SYSTEMD_VERIFY systemd: a structural check' '
	for k in Description ExecStart Restart WantedBy; do
		grep -q "^$k=" units/web.service || return 1
	done &&
	! grep -v "^#" units/web.service | grep -v "^$" | grep -v "^\[[A-Za-z]*\]$" | grep -v "^[A-Za-z]*=" 
'

test_expect_success 'runit: run, log/run with teelog, finish, check' '
	daemonctl config set web limits.memory_limit=0 &&
	rm "$APPS/web/config.toml" &&
	printf "[env]\nGREETING = \"hi\"\n" >"$APPS/web/config.toml" &&
	daemonctl export web --format runit -o sv >out &&
	test_grep "sv/web$" out &&
	test -x sv/web/run &&
	test -x sv/web/log/run &&
	test -x sv/web/finish &&
	test -x sv/web/check &&
	test_grep "^exec [^ ]*/daemonrun --log-level=warn --env=GREETING=hi -- $APPS/web/run$" sv/web/run &&
	test_grep "^DAEMONCTL_EVENT=start $APPS/web/on-start || exit$" sv/web/run &&
	test_grep "^exec [^ ]*/teelog -q .* $LOGS/web/out.log$" sv/web/log/run
'

test_expect_success RUNIT 'runit: the service runs under runsv, its logs through teelog' '
	rm -f "$APPS/web/hooks" &&
	runsv sv/web </dev/null >runsv.out 2>&1 &
	rsv=$!
	test_wait_for "grep -q \"hello from web\" \"$LOGS/web/out.log\" 2>/dev/null" 20 &&
	test_grep " to stderr$" "$LOGS/web/out.log" &&
	sv status ./sv/web >st &&
	test_grep "^run: ./sv/web: (pid [0-9]*)" st &&
	test_grep "^start start$" "$APPS/web/hooks" &&
	sv check ./sv/web >chk &&
	sv down ./sv/web &&
	test_wait_for "grep -q \"^stop stop 143\$\" \"$APPS/web/hooks\"" 20 &&
	sv exit ./sv/web &&
	wait $rsv &&
	test -z "$(mine "sleep 7007001")"
'

test_expect_success 's6: run, log/run, finish, timeout-kill, down-signal' '
	daemonctl config set web signals.kill_timeout=5s &&
	daemonctl export web --format s6 -o s6 >out &&
	test -x s6/web/run &&
	test -x s6/web/log/run &&
	test -x s6/web/finish &&
	test "$(cat s6/web/timeout-kill)" = 5000 &&
	test "$(cat s6/web/down-signal)" = SIGTERM &&
	test_grep "256" s6/web/finish
'

test_expect_success S6 's6: the service runs under s6-svscan, logs through teelog' '
	rm -f "$APPS/web/hooks" "$LOGS/web/out.log" &&
	s6-svscan s6 </dev/null >s6.out 2>&1 &
	scan=$!
	test_wait_for "grep -q \"hello from web\" \"$LOGS/web/out.log\" 2>/dev/null" 20 &&
	test_wait_for "s6-svstat s6/web >st 2>&1 && grep -q \"^up (pid [0-9]*)\" st" 20 &&
	s6-svc -d s6/web &&
	test_wait_for "grep -q \"^stop stop 143\$\" \"$APPS/web/hooks\"" 20 &&
	s6-svscanctl -t s6 &&
	wait $scan &&
	test -z "$(mine "sleep 7007001")"
'

test_done
