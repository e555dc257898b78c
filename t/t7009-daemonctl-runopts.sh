#!/bin/sh
test_description='daemonctl: every run option reaches the option of its tool'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonctl-lib.sh"

# The supervision options go to the outer daemonrun (before teelog), the
# process attributes to the inner daemonrun (after teelog), the logging
# ones to teelog; run -n prints the chain. What each does is tested with
# its tool (t2*, t1*); t7008 runs a few of them end to end.

test_expect_success 'setup' '
	mkapp web sleep 7009001 &&
	touch "$APPS/web/prof" "$APPS/web/sc.json"
'

# opt 'OPTIONS' 'FRAGMENT' [outer|inner|teelog]: run -n with OPTIONS has
# FRAGMENT in that part of the supervisor line.
part() {
	sed -n "s/^supervisor: //p" d | awk -v p="$1" '{
		n = split($0, w, " -- ")
		if (p == "outer") print w[1]
		else if (p == "teelog") print w[2]
		else print w[3] }'
}
opt() {
	test_expect_success "$1" "
		eval daemonctl run web -n $1 >d &&
		part ${3:-outer} >p &&
		test_grep -F -e \"$2\" p
	"
}

opt '-u nobody' '-u nobody' inner
opt '--user nobody' '-u nobody' inner
opt '-G daemon' '-G daemon' inner
opt '--run-group daemon' '-G daemon' inner
opt '-C /tmp' '-C /tmp' inner
opt '--chdir /tmp' '-C /tmp' inner
opt '--umask 027' '--umask=027' inner
opt '--nice 5' '--nice 5' inner
opt '--notify-fd 3' '--notify-fd 3'
opt '--notify-fd 3 --ready-timeout 5s' '--notify-fd 3 --ready-timeout 5s'
opt '--no-signal-forward' '--no-signal-forward'
opt '--no-signal-forward -A' '--reload-signal HUP --log-level'
opt '-S USR1' '-S USR1'
opt '--signal USR2' '-S USR2'
opt '--preserve-signals USR2' '--preserve-signals USR2'
opt '-k 5s' '--kill-timeout 5s'
opt '--kill-timeout 7s' '--kill-timeout 7s'
opt '--stop-signal INT' '--stop-signal INT'
opt '--reload-signal USR1' '--reload-signal USR1'
opt '--log-level debug' '--log-level debug'
opt '--utc' '--utc'
opt '--stdout o.txt' "$LOGS/web/o.txt $LOGS/web/err.log" teelog
opt '--stderr e.txt' "$LOGS/web/out.log $LOGS/web/e.txt" teelog
opt '--memory-limit 64M' '--memory-limit 64M' inner
opt '--cpu-limit 50' '--cpu-limit 50' inner
opt '--file-limit 100' '--file-limit 100' inner
opt '--proc-limit 30' '--proc-limit 30' inner
opt '--core-limit 0' '--core-limit 0' inner
opt '--stack-limit 8M' '--stack-limit 8M' inner
opt '--timeout 1h' '--timeout 1h'
opt '--sandbox unshare' '--sandbox unshare' inner
opt '--sandbox firejail --sandbox-profile prof' "--sandbox firejail --sandbox-profile $APPS/web/prof" inner
opt '--private-tmp' '--private-tmp' inner
opt '--private-dev' '--private-dev' inner
opt '--no-network' '--no-network' inner
opt '--readonly-paths /srv:/opt' '--readonly-paths /srv:/opt' inner
opt '--caps-drop CAP_NET_RAW' '--caps-drop CAP_NET_RAW' inner
opt '--caps-keep CAP_NET_BIND_SERVICE' '--caps-keep CAP_NET_BIND_SERVICE' inner
opt '--seccomp' '--seccomp' inner
opt '--seccomp-profile sc.json' "--seccomp-profile $APPS/web/sc.json" inner
opt '--env A=1' '--env=A=1' inner
opt '--env-file prof' "--env-file $APPS/web/prof" inner
opt '--clear-env' '--clear-env' inner
opt '--restart on-failure' '--restart on-failure'
opt '--restart-delay 2s' '--restart-delay 2s'
opt '--restart-max-delay 9s' '--restart-max-delay 9s'
opt '--restart-reset 30s' '--restart-reset 30s'
opt '--max-restarts 4' '--max-restarts 4'
opt '--max-restarts 9 --restart-window 1m' '--max-restarts 9 --restart-window 1m'
opt '--watch prof' "--watch $APPS/web/prof"
opt '--watch prof --watch-ignore "*.swp"' "--watch-ignore '*.swp'"
opt '--watch prof --reload-interval 2s' '--reload-interval 2s'

test_expect_success '-l FILE: the event log' '
	daemonctl run web -n -l ev.log >d &&
	test_grep "^events: $LOGS/web/ev.log$" d &&
	daemonctl run web -n --log /tmp/abs.log >d &&
	test_grep "^events: /tmp/abs.log$" d
'

test_expect_success 'without options: no attribute, no inner daemonrun' '
	daemonctl run web -n >d &&
	part inner >p &&
	test_grep -F "$APPS/web/run" p &&
	! grep daemonrun p
'

test_expect_success 'a bad value names the option' '
	test_expect_code 100 daemonctl run web -n --nice 99 2>err &&
	test_grep -e "^daemonctl: fatal: --nice: \[process\] nice: bad niceness .99.: out of range" err &&
	test_expect_code 100 daemonctl run web -n --stop-signal NOPE 2>err &&
	test_grep -e "^daemonctl: fatal: --stop-signal: " err &&
	test_expect_code 100 daemonctl run web -n --memory-limit lots 2>err &&
	test_grep -e "^daemonctl: fatal: --memory-limit: " err &&
	test_expect_code 100 daemonctl run web -n --env =x 2>err &&
	test_grep -e "--env" err
'

test_done
