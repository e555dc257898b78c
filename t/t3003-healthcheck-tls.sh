#!/bin/sh
test_description='healthcheck over TLS (https, wss, --ping https) through libcurl'
. "${0%/*}/lib.sh"

test_lazy_prereq OPENSSL 'command -v openssl'

test_expect_success CURL,PYTHON,OPENSSL 'a self-signed certificate, a server and its TLS front' '
	openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem \
		-days 2 -subj /CN=localhost \
		-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null &&
	test_bg tk-httpd -p web.port -l web.log "/=body=secure hello" "/ws=ws" \
		"/ping=body=OK" "/ping/fail=body=OK" "/ping/start=body=OK" &&
	test_wait_for "test -s web.port" &&
	test_bg tk-tlsproxy cert.pem key.pem "$(cat web.port)" tls.port &&
	test_wait_for "test -s tls.port" &&
	T=$(cat tls.port)
'

test_expect_success CURL,PYTHON,OPENSSL 'https with --cacert is OK, body and all' '
	healthcheck --cacert cert.pem --http https://127.0.0.1:$T/ --expect-body "secure hello" >out &&
	test_grep "^HEALTHCHECK OK - http 200 in" out &&
	healthcheck --cacert cert.pem --http https://localhost:$T/ >out &&
	test_grep "^HEALTHCHECK OK - http 200" out
'

test_expect_success CURL,PYTHON,OPENSSL 'an untrusted certificate is CRITICAL; --insecure accepts it' '
	test_expect_code 2 healthcheck --http https://127.0.0.1:$T/ >out &&
	test_grep "^HEALTHCHECK CRITICAL - http https://127.0.0.1:$T/: .*certificate" out &&
	healthcheck --insecure --http https://127.0.0.1:$T/ >out &&
	test_grep "^HEALTHCHECK OK - http 200" out
'

test_expect_success CURL,PYTHON,OPENSSL 'a certificate for another name is CRITICAL' '
	openssl req -x509 -newkey rsa:2048 -nodes -keyout okey.pem -out other.pem \
		-days 2 -subj /CN=other.example \
		-addext "subjectAltName=DNS:other.example" 2>/dev/null &&
	test_bg tk-tlsproxy other.pem okey.pem "$(cat web.port)" other.port &&
	test_wait_for "test -s other.port" &&
	test_expect_code 2 healthcheck --cacert other.pem --http https://127.0.0.1:$(cat other.port)/ >out &&
	test_grep "CRITICAL - http https:.*: .*\(certificate\|match\|name\)" out
'

test_expect_success CURL,PYTHON,OPENSSL 'wss: a WebSocket handshake over TLS' '
	healthcheck --cacert cert.pem --ws wss://127.0.0.1:$T/ws >out &&
	test_grep "^HEALTHCHECK OK - ws 101" out &&
	test_expect_code 2 healthcheck --cacert cert.pem --ws wss://127.0.0.1:$T/ >out &&
	test_grep "server answered 200 OK, not 101" out
'

test_expect_success CURL,PYTHON,OPENSSL '--ping over https' '
	: >web.log &&
	healthcheck --cacert cert.pem --tcp 127.0.0.1:$(cat web.port) --ping https://127.0.0.1:$T/ping >out &&
	test_grep "^GET /ping/start$" web.log &&
	test_grep "^GET /ping$" web.log
'

test_expect_success CURL 'https to a closed port is CRITICAL, not a hang' '
	test_expect_code 2 healthcheck --timeout 5s --http https://127.0.0.1:$(tk-freeport)/ >out &&
	test_grep "^HEALTHCHECK CRITICAL - http https://127.0.0.1:[0-9]*/: " out
'

test_expect_success !CURL 'without libcurl, https is a clear exit 3' '
	test_expect_code 3 healthcheck --http https://127.0.0.1/ 2>err &&
	test_grep "built without libcurl" err
'

test_done
