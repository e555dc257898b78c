#!/bin/sh
test_description='pbroute over https and wss (TLS from libcurl)'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

test_have_prereq PYTHON || test_skip_all 'python3 is not installed'
test_have_prereq CURL || test_skip_all 'built without libcurl'
command -v openssl >/dev/null || test_skip_all 'openssl is not installed'
test_have_prereq TMUX || test_skip_all 'tmux is not installed'

test_expect_success 'setup: a certificate for 127.0.0.1, a TLS fake server' '
	openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem \
		-days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null &&
	pb_fake_start --tls cert.pem key.pem &&
	PB_API=https://127.0.0.1:$PB_PORT &&
	PB_STREAM=wss://127.0.0.1:$PB_PORT/websocket
'

test_expect_success 'https: devices with --cacert' '
	pbroute --api-url "$PB_API" --cacert cert.pem devices >out &&
	grep "^work	dev-work" out
'

test_expect_success 'https: an untrusted certificate is refused' '
	test_expect_code 111 pbroute --api-url "$PB_API" devices 2>err &&
	test_line_count = 1 err &&
	grep "unable to list devices: .*certificate" err
'

test_expect_success 'wss: a push arrives over TLS' '
	pb_config "[tmux]
enter_delay = 0" &&
	pb_session work &&
	pb_start --cacert cert.pem &&
	pb_wait_listening &&
	grep "info start .*tls=\"libcurl .*libcurl websocket: [a-z]*; pbroute.s own client" pb.log &&
	pb_ctl push target_device_iden=dev-work "body=over tls" >/dev/null &&
	test_wait_for "grep -qx \"over tls\" work.out" &&
	pb_ctl drop >/dev/null &&
	pb_wait_listening 2 &&
	pb_ctl push target_device_iden=dev-work "body=tls again" >/dev/null &&
	test_wait_for "grep -qx \"tls again\" work.out" &&
	pb_stop &&
	! grep -- "$PB_TOKEN" pb.log
'

test_expect_success 'wss: an untrusted certificate: logged, retried, not fatal' '
	: >pb.log &&
	pb_start --state "$PWD/state2" --backoff 50ms --backoff-max 100ms &&
	test_wait_for "[ \$(grep -c connect-failed pb.log) -ge 2 ]" &&
	test_alive $PB_PID &&
	pb_stop
'

test_expect_success 'a --cacert that cannot be read' '
	test_expect_code 100 pbroute --cacert nosuch.pem devices 2>err &&
	grep "unable to read --cacert nosuch.pem" err
'

test_done
