#!/bin/sh
test_description='healthcheck one-shot: --ping start/success/fail, --notify-fd, --sd-notify'
. "${0%/*}/lib.sh"

test_expect_success 'a server that records requests' '
	test_bg tk-httpd -p ping.port -l ping.log -H "/down=status=500" "*=body=OK" &&
	test_wait_for "test -s ping.port" &&
	P=$(cat ping.port)
'

test_expect_success '--ping: /start before the checks, then the URL on success' '
	: >ping.log &&
	healthcheck --ping http://127.0.0.1:$P/ping/uuid --exec "echo fine" >out &&
	test_grep "^HEALTHCHECK OK - fine" out &&
	grep "^GET" ping.log >got &&
	printf "GET /ping/uuid/start\nGET /ping/uuid\n" >expect &&
	test_cmp expect got &&
	test_grep "^  User-Agent: healthcheck/" ping.log
'

test_expect_success '--ping: URL/fail on CRITICAL; a WARNING is a success' '
	: >ping.log &&
	test_expect_code 2 healthcheck --ping http://127.0.0.1:$P/p --exec "exit 2" >out &&
	grep "^GET" ping.log >got &&
	printf "GET /p/start\nGET /p/fail\n" >expect &&
	test_cmp expect got &&
	: >ping.log &&
	test_expect_code 1 healthcheck --ping http://127.0.0.1:$P/p --exec "exit 1" >out &&
	test_grep "^GET /p$" ping.log
'

test_expect_success '--ping: a trailing slash and a query string are kept in place' '
	: >ping.log &&
	healthcheck --ping "http://127.0.0.1:$P/p/?rid=7" --exec true >out &&
	test_grep "^GET /p/start?rid=7$" ping.log &&
	test_grep "^GET /p/?rid=7$" ping.log
'

test_expect_success '--ping: a failing ping is a warning; the answer stands' '
	healthcheck --ping http://127.0.0.1:$(tk-freeport)/p --exec true >out 2>err &&
	test_grep "^HEALTHCHECK OK" out &&
	test_grep "^healthcheck: warning: ping http://127.0.0.1:[0-9]*/p/start failed: Connection refused" err &&
	healthcheck --ping http://127.0.0.1:$P/down --exec true >out 2>err &&
	test_grep "server answered 500" err
'

test_expect_success '--ping with --state reports the thresholded result' '
	: >ping.log &&
	test_expect_code 1 healthcheck --state s --ping http://127.0.0.1:$P/p --exec "exit 2" >out &&
	test_grep "^GET /p$" ping.log &&
	test_grep ! "fail" ping.log
'

test_expect_success '--notify-fd: a newline when OK, nothing otherwise' '
	healthcheck --notify-fd 3 --exec true 3>ready >out &&
	printf "\n" >expect &&
	test_cmp expect ready &&
	test_expect_code 2 healthcheck --notify-fd 3 --exec "exit 2" 3>notready >out &&
	test_line_count = 0 notready
'

test_expect_success '--sd-notify in one-shot mode: STATUS, and READY when OK' '
	test_bg tk-dgram "$TRASH_DIRECTORY/n.sock" n.log n.ready &&
	test_wait_for "test -f n.ready" &&
	NOTIFY_SOCKET=$TRASH_DIRECTORY/n.sock healthcheck --sd-notify --exec "echo yes" >out &&
	test_wait_for "grep -q READY=1 n.log" &&
	test_grep "^STATUS=OK: yes$" n.log &&
	: >n.log &&
	NOTIFY_SOCKET=$TRASH_DIRECTORY/n.sock test_expect_code 2 healthcheck --sd-notify --exec "echo no; exit 2" >out &&
	test_wait_for "test -s n.log" &&
	test_grep "^STATUS=CRITICAL: no$" n.log &&
	test_grep ! READY n.log
'

test_expect_success '--sd-notify without $NOTIFY_SOCKET does nothing' '
	healthcheck --sd-notify --exec true >out 2>err &&
	test_line_count = 0 err
'

test_done
