#!/bin/sh
test_description='healthcheck --tcp, --unix, --http and --ws against local servers'
. "${0%/*}/lib.sh"

# start_httpd NAME ROUTE...: a tk-httpd logging to NAME.log; its port in $port.
start_httpd() {
	name=$1
	shift
	rm -f "$name.port"
	test_bg tk-httpd -p "$name.port" -l "$name.log" -H "$@" &&
	test_wait_for "test -s $name.port" &&
	port=$(cat "$name.port")
}

test_expect_success 'start the servers' '
	start_httpd web "/=body=hello world" "/health=status=204" \
		"/chunked=chunked,body=0123456789abcdefghij" "/close=close,body=till the end" \
		"/503=status=503,body=busy" "/redir=status=302,location=/health" \
		"/redir-abs=status=301,location=http://127.0.0.1:$(cat web.port 2>/dev/null || echo 1)/" \
		"/loop=status=302,location=/loop" "/hang=hang" "/ws=ws" "/bad-accept=ws-badaccept" \
		"/big=size=300000" &&
	P=$port
'

test_expect_success '--tcp: a listening port is OK, a closed one CRITICAL' '
	healthcheck --tcp 127.0.0.1:$P >out &&
	test_grep "^HEALTHCHECK OK - tcp 127.0.0.1:$P connected in [0-9.]*ms | time=[0-9.]*s;;;0$" out &&
	closed=$(tk-freeport) &&
	test_expect_code 2 healthcheck --tcp 127.0.0.1:$closed >out &&
	test_grep "^HEALTHCHECK CRITICAL - tcp 127.0.0.1:$closed: Connection refused$" out
'

test_expect_success '--tcp with a host name and IPv6 brackets' '
	healthcheck --tcp localhost:$P >out &&
	test_grep "OK - tcp localhost:$P connected" out &&
	test_expect_code 2 healthcheck --tcp "[::1]:$(tk-freeport)" >out &&
	test_grep "CRITICAL - tcp \[::1\]:" out
'

test_expect_success PYTHON '--unix: a listening socket is OK, a missing one CRITICAL' '
	python3 -c "import socket,time,os
s=socket.socket(socket.AF_UNIX); s.bind(\"sock\"); s.listen(4)
open(\"sock.ready\",\"w\").close(); time.sleep(300)" &
	test_when_finished "kill $! 2>/dev/null" &&
	test_wait_for "test -f sock.ready" &&
	healthcheck --unix sock >out &&
	test_grep "^HEALTHCHECK OK - unix sock connected" out &&
	test_expect_code 2 healthcheck --unix nosock >out &&
	test_grep "^HEALTHCHECK CRITICAL - unix nosock: No such file or directory" out
'

test_expect_success LINUX,PYTHON '--unix: abstract names with @' '
	python3 -c "import socket,time
s=socket.socket(socket.AF_UNIX); s.bind(\"\0tk-hc-abs-$$\"); s.listen(4)
open(\"abs.ready\",\"w\").close(); time.sleep(300)" &
	test_when_finished "kill $! 2>/dev/null" &&
	test_wait_for "test -f abs.ready" &&
	healthcheck --unix @tk-hc-abs-$$ >out &&
	test_grep "OK - unix @tk-hc-abs-$$ connected" out &&
	test_expect_code 2 healthcheck --unix @tk-hc-none-$$ >out &&
	test_grep "Connection refused" out
'

test_expect_success '--http: 200 and 204 are OK; 503 and 404 CRITICAL' '
	healthcheck --http http://127.0.0.1:$P/ >out &&
	test_grep "^HEALTHCHECK OK - http 200 in [0-9.]*ms | time=[0-9.]*s;;;0$" out &&
	healthcheck --http http://127.0.0.1:$P/health >out &&
	test_grep "^HEALTHCHECK OK - http 204 in" out &&
	test_expect_code 2 healthcheck --http http://127.0.0.1:$P/503 >out &&
	test_grep "^HEALTHCHECK CRITICAL - http http://127.0.0.1:$P/503: 503 Service Unavailable in .* (want 200-399)" out &&
	test_expect_code 2 healthcheck --http http://127.0.0.1:$P/nope >out &&
	test_grep "404 Not Found" out
'

test_expect_success '--expect-status takes lists and ranges' '
	healthcheck --http http://127.0.0.1:$P/503 --expect-status 200,500-599 >out &&
	test_grep "^HEALTHCHECK OK - http 503" out &&
	test_expect_code 2 healthcheck --http http://127.0.0.1:$P/health --expect-status 200 >out &&
	test_grep "204 No Content .*(want 200)" out
'

test_expect_success '--expect-body: plain, chunked and close-delimited bodies' '
	healthcheck --http http://127.0.0.1:$P/ --expect-body "lo wor" >out &&
	test_grep "^HEALTHCHECK OK - http 200" out &&
	healthcheck --http http://127.0.0.1:$P/chunked --expect-body "6789abcdefghi" >out &&
	test_grep "^HEALTHCHECK OK" out &&
	healthcheck --http http://127.0.0.1:$P/close --expect-body "the end" >out &&
	test_grep "^HEALTHCHECK OK" out &&
	test_expect_code 2 healthcheck --http http://127.0.0.1:$P/ --expect-body "goodbye" >out &&
	test_grep "200 but the body lacks .goodbye." out &&
	healthcheck --http http://127.0.0.1:$P/big --expect-body "xxxxxxxxxx" >out &&
	test_grep "^HEALTHCHECK OK" out
'

test_expect_success '--header is sent; a User-Agent is added unless given' '
	: >web.log &&
	healthcheck --http http://127.0.0.1:$P/ --header "X-Probe: yes" \
		--header "Authorization: Bearer t0k" >out &&
	test_grep "^  X-Probe: yes$" web.log &&
	test_grep "^  Authorization: Bearer t0k$" web.log &&
	test_grep "^  User-Agent: healthcheck/" web.log &&
	: >web.log &&
	healthcheck --http http://127.0.0.1:$P/ --header "User-Agent: mine" >out &&
	test_grep "^  User-Agent: mine$" web.log &&
	test_grep ! "healthcheck/" web.log
'

test_expect_success 'user:password in the URL becomes Basic auth' '
	: >web.log &&
	healthcheck --http http://probe:s3cret@127.0.0.1:$P/ >out &&
	test_grep "^  Authorization: Basic cHJvYmU6czNjcmV0$" web.log
'

test_expect_success 'redirects are not followed unless --follow' '
	: >web.log &&
	healthcheck --http http://127.0.0.1:$P/redir >out &&
	test_grep "^HEALTHCHECK OK - http 302" out &&
	test_expect_code 2 healthcheck --http http://127.0.0.1:$P/redir --expect-status 200-299 >out &&
	test_grep "302 Found" out &&
	test_grep ! "GET /health" web.log &&
	healthcheck --http http://127.0.0.1:$P/redir --follow --expect-status 200-299 >out &&
	test_grep "^HEALTHCHECK OK - http 204" out &&
	test_grep "^GET /health$" web.log &&
	test_expect_code 2 healthcheck --http http://127.0.0.1:$P/loop --follow >out &&
	test_grep "more than 10 redirects" out
'

test_expect_success '--timeout against a server that never answers' '
	test_expect_code 2 healthcheck --timeout 300ms --http http://127.0.0.1:$P/hang >out &&
	test_grep "^HEALTHCHECK CRITICAL - http http://127.0.0.1:$P/hang: timed out after 300ms$" out
'

test_expect_success PYTHON 'not HTTP at all: CRITICAL' '
	python3 -c "import socket
s=socket.socket(); s.bind((\"127.0.0.1\",0)); s.listen(4)
open(\"ssh.port\",\"w\").write(str(s.getsockname()[1]))
while True:
    c,_=s.accept(); c.recv(4096); c.sendall(b\"SSH-2.0-OpenSSH_9.2\r\n\"); c.close()" &
	test_when_finished "kill $! 2>/dev/null" &&
	test_wait_for "test -s ssh.port" &&
	test_expect_code 2 healthcheck --http http://127.0.0.1:$(cat ssh.port)/ >out &&
	test_grep "CRITICAL - http .*: malformed status line" out
'

test_expect_success '--ws: a handshake that succeeds is OK' '
	: >web.log &&
	healthcheck --ws ws://127.0.0.1:$P/ws --header "Origin: http://me" >out &&
	test_grep "^HEALTHCHECK OK - ws 101 in [0-9.]*ms | time=" out &&
	test_grep "^  Sec-WebSocket-Version: 13$" web.log &&
	test_grep "^  Origin: http://me$" web.log
'

test_expect_success '--ws: a 200 instead of 101, or a wrong accept key, is CRITICAL' '
	test_expect_code 2 healthcheck --ws ws://127.0.0.1:$P/ >out &&
	test_grep "^HEALTHCHECK CRITICAL - ws ws://127.0.0.1:$P/: server answered 200 OK, not 101 Switching Protocols" out &&
	test_expect_code 2 healthcheck --ws ws://127.0.0.1:$P/bad-accept >out &&
	test_grep "wrong Sec-WebSocket-Accept" out &&
	test_expect_code 2 healthcheck --timeout 300ms --ws ws://127.0.0.1:$P/hang >out &&
	test_grep "timed out after 300ms" out
'

test_expect_success 'several kinds at once: perfdata per check' '
	healthcheck --tcp 127.0.0.1:$P --http http://127.0.0.1:$P/ --http http://127.0.0.1:$P/health >out &&
	test_grep "^HEALTHCHECK OK - tcp .*; http 200 in .*; http 204 in .* | tcp_time=.* http_time=.* http2_time=.*$" out
'

test_expect_success PYTHON '--json: one object with every check' '
	test_expect_code 2 healthcheck --json --tcp 127.0.0.1:$P --http http://127.0.0.1:$P/503 >out &&
	test_line_count = 1 out &&
	python3 -c "import json,sys
o=json.load(open(\"out\"))
assert o[\"status\"]==\"CRITICAL\" and o[\"code\"]==2, o
c=o[\"checks\"]
assert c[0][\"check\"]==\"tcp\" and c[0][\"status\"]==\"OK\" and c[0][\"seconds\"]>=0, c
assert c[1][\"check\"]==\"http\" and c[1][\"http_status\"]==503 and c[1][\"target\"].endswith(\"/503\"), c
assert \"503\" in o[\"summary\"]
"
'

test_done
