#!/bin/sh
test_description='plotq: the HTTP and WebSocket monitor (--port), from a client written from RFC 6455'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

plotq_env spool
WSC="python3 $TEST_DIRECTORY/helpers/plotq-ws.py"

# Start a daemon in the foreground with the monitor on a free port (the
# daemon picks it: --port 0) and read the port from its log.
mon_start() {
	rm -f daemon.err &&
	test_bg plotq daemon --host 127.0.0.1 --port 0 "$@" 2>daemon.err &&
	DPID=$TEST_BG_PID &&
	test_wait_for "grep -q \" info start \" daemon.err" &&
	PORT=$(sed -n "s/.* monitor host=.* port=\([0-9]*\) .*/\1/p" daemon.err) &&
	test -n "$PORT"
}
mon_stop() {
	plotq shutdown --now >/dev/null 2>&1
	test_wait_for "! test_alive $DPID"
}
config() {
	mkdir -p "$WS" && printf "%b" "$1" >"$WS/config.toml"
}

test_expect_success PYTHON 'GET /status: the seed fields, JSON' '
	config "[websocket]\nheartbeat_interval = 0.2\n" &&
	mon_start &&
	grep " monitor host=127.0.0.1 port=$PORT url=http://127.0.0.1:$PORT/" daemon.err &&
	$WSC -g -p /status $PORT >out &&
	test_grep "^status 200" out &&
	sed 1d out >status.json &&
	for k in status uptime active_jobs queue_length memory_usage cpu_usage \
	    timestamp; do
		test_grep "\"$k\":" status.json || return 1
	done &&
	test_grep "\"type\":\"system_status\"" status.json &&
	test_grep "\"status\":\"healthy\"" status.json &&
	test_grep "\"queues\":\[{\"name\":\"default\"" status.json &&
	plotq status --json >st && test_grep "\"monitor\":{\"port\":$PORT}" st
'

test_expect_success PYTHON 'GET /: a page with no external assets; 404 elsewhere' '
	$WSC -g -p / $PORT >page &&
	test_grep "^status 200" page &&
	test_grep "<title>plotq</title>" page &&
	test_grep "new WebSocket" page &&
	test_grep ! -E "(src|href)=|https?://" page &&
	$WSC -g -p /nope $PORT >out && test_grep "^status 404" out &&
	$WSC -g -p /ws $PORT >out && test_grep "^status 400" out
'

test_expect_success PYTHON 'SUBSCRIBE jobs: a snapshot, then queued, started, finished' '
	{ $WSC $PORT send "{\"type\":\"SUBSCRIBE\",\"channels\":[\"jobs\"]}" \
		recv recv until job_finished >ev3 & } &&
	test_wait_for "test \$(wc -l <ev3) -ge 3" &&
	id=$(plotq run --name mon1 -- sh -c "exit 3") &&
	wait $! &&
	sed -n 2p ev3 >first && test_grep "\"subscribed\",\"channels\":\[\"jobs\"\]" first &&
	sed -n 3p ev3 >snap && test_grep "\"type\":\"jobs\",\"jobs\":\[\],\"more\":false" snap &&
	test_grep "\"type\":\"job_finished\".*\"id\":$id,\"name\":\"mon1\".*\"state\":\"failed\"" ev3
'

test_expect_success PYTHON 'job events arrive in order for each job' '
	{ $WSC $PORT send "{\"type\":\"SUBSCRIBE\",\"channels\":[\"jobs\"]}" \
		recv recv until job_finished 3 >ev4 & } &&
	test_wait_for "test \$(wc -l <ev4) -ge 3" &&
	a=$(plotq run true) && b=$(plotq run true) && c=$(plotq run true) &&
	wait $! &&
	test_line_count = 6 ev4 &&
	sed 1,3d ev4 | sed "s/.*\"job\":{\"id\":\([0-9]*\),.*/\1/" >got &&
	printf "%s\n" $a $b $c >want && test_cmp want got
'

test_expect_success PYTHON 'system_status every heartbeat_interval, and UNSUBSCRIBE' '
	$WSC $PORT send "{\"type\":\"SUBSCRIBE\",\"channels\":[\"system\"]}" \
		until system_status 3 \
		send "{\"type\":\"UNSUBSCRIBE\",\"channels\":[\"system\"]}" \
		until subscribed >out &&
	test_line_count = 5 out &&
	test_grep "\"active_jobs\":0,\"queue_length\":0" out &&
	tail -n 1 out >last && test_grep "\"channels\":\[\]" last
'

test_expect_success PYTHON 'ping/pong, fragments joined, errors answered, close echoed' '
	$WSC $PORT ping hello recv \
		frag "{\"type\":\"SUB" "SCRIBE\",\"channels\":[\"jobs\"]}" recv recv \
		send "not json" recv send "{\"type\":\"DANCE\"}" recv \
		send "{\"type\":\"SUBSCRIBE\",\"channels\":[\"nope\"]}" recv \
		close 1000 wait-close >out &&
	sed -n 2p out >l && test_grep "^pong hello" l &&
	sed -n 3p out >l && test_grep "subscribed" l &&
	sed -n 5p out >l && test_grep "\"type\":\"error\"" l &&
	sed -n 6p out >l && test_grep "\"type\":\"error\".*unknown type" l &&
	sed -n 7p out >l && test_grep "\"type\":\"error\".*channels" l &&
	tail -n 1 out >l && test_grep "^close 1000" l
'

test_expect_success PYTHON 'an unmasked frame gets 1002, a message too big 1009' '
	$WSC $PORT unmasked "{}" wait-close >out &&
	test_grep "^close 1002" out &&
	$WSC $PORT big 70000 wait-close >out &&
	test_grep "^close 1009" out &&
	$WSC -g -p /status $PORT >out && test_grep "^status 200" out
'

test_expect_success PYTHON 'a binary message gets 1003; eleven bad messages in a row 1008' '
	$WSC $PORT binary "{}" wait-close >out &&
	test_grep "^close 1003" out &&
	$WSC $PORT send x send x send x send x send x send x send x send x \
		send x send x send "{\"type\":\"PING\"}" send x \
		send "{\"type\":\"PING\"}" until pong 2 >out &&
	test $(grep -c "\"type\":\"pong\"" out) = 2 &&
	$WSC $PORT send x send x send x send x send x send x send x send x \
		send x send x send x wait-close >out &&
	test_grep "^close 1008" out
'

test_expect_success PYTHON 'a client that does not read is dropped; the others get everything' '
	{ $WSC -t 60 $PORT send "{\"type\":\"SUBSCRIBE\",\"channels\":[\"jobs\"]}" \
		recv noread 60 >/dev/null 2>&1 & } && slow=$! &&
	big=$(head -c 100000 /dev/zero | tr "\0" x) &&
	{ $WSC -t 60 $PORT send "{\"type\":\"SUBSCRIBE\",\"channels\":[\"jobs\"]}" \
		recv recv until job_finished 60 >fast & } && fast=$! &&
	test_wait_for "test \$(wc -l <fast) -ge 3" &&
	for i in $(seq 60); do plotq run -- true "$big" >/dev/null || return 1; done &&
	test_wait_for "grep -q \"monitor_dropped .*reason=not_reading\" daemon.err" 30 &&
	wait $fast &&
	test $(grep -c job_finished fast) = 60 &&
	kill $slow 2>/dev/null; wait $slow; plotq status >/dev/null
'

test_expect_success PYTHON 'shutdown closes WebSocket clients with 1001' '
	{ $WSC $PORT send "{\"type\":\"SUBSCRIBE\",\"channels\":[\"system\"]}" \
		recv wait-close >shut & } && c=$! &&
	test_wait_for "test \$(wc -l <shut) -ge 2" &&
	mon_stop &&
	wait $c &&
	tail -n 1 shut >l && test_grep "^close 1001" l
'

test_expect_success PYTHON 'api_key: 401 before the upgrade without it; Bearer or ?api_key=' '
	config "[websocket]\napi_key = \"s3cret\"\n" &&
	mon_start &&
	$WSC $PORT >out && test_grep "^status 401" out &&
	$WSC -H "Authorization: Bearer nope" $PORT >out && test_grep "^status 401" out &&
	$WSC -H "Authorization: Bearer s3cret" $PORT >out && test_grep "^status 101" out &&
	$WSC -p "/ws?api_key=s3cret" $PORT >out && test_grep "^status 101" out &&
	$WSC -g -p /status $PORT >out && test_grep "^status 401" out &&
	$WSC -g -p "/status?api_key=s3cret" $PORT >out && test_grep "^status 200" out &&
	$WSC -g -p / $PORT >out && test_grep "^status 200" out &&
	test_grep "monitor_refused reason=api_key" daemon.err &&
	mon_stop
'

test_expect_success PYTHON 'PLOTQ_API_KEY wins over the file; authenticate = false turns it off' '
	PLOTQ_API_KEY=fromenv && export PLOTQ_API_KEY &&
	mon_start &&
	$WSC -p "/ws?api_key=s3cret" $PORT >out && test_grep "^status 401" out &&
	$WSC -p "/ws?api_key=fromenv" $PORT >out && test_grep "^status 101" out &&
	mon_stop &&
	unset PLOTQ_API_KEY &&
	config "[websocket]\napi_key = \"s3cret\"\nauthenticate = false\n" &&
	mon_start &&
	$WSC $PORT >out && test_grep "^status 101" out &&
	mon_stop &&
	config "[websocket]\nauthenticate = true\n" &&
	test_expect_code 111 plotq daemon --host 127.0.0.1 --port 0 2>err &&
	test_grep "authenticate = true, but no api_key" err
'

test_expect_success PYTHON 'allowed_origins, and the same origin by default' '
	config "" &&
	mon_start &&
	$WSC -H "Origin: http://evil.example" $PORT >out && test_grep "^status 403" out &&
	$WSC -H "Origin: http://127.0.0.1:$PORT" $PORT >out && test_grep "^status 101" out &&
	mon_stop &&
	config "[websocket]\nallowed_origins = [\"http://ok.example\"]\n" &&
	mon_start &&
	$WSC -H "Origin: http://ok.example" $PORT >out && test_grep "^status 101" out &&
	$WSC -H "Origin: http://127.0.0.1:$PORT" $PORT >out && test_grep "^status 403" out &&
	test_grep "monitor_refused reason=origin" daemon.err &&
	mon_stop
'

test_expect_success PYTHON 'max_connections: the next upgrade gets 503, the others go on' '
	config "[websocket]\nmax_connections = 2\n" &&
	mon_start &&
	{ $WSC -t 30 $PORT send "{\"type\":\"SUBSCRIBE\",\"channels\":[\"jobs\"]}" \
		recv recv until job_finished >c1 & } && c1=$! &&
	{ $WSC -t 30 $PORT send "{\"type\":\"SUBSCRIBE\",\"channels\":[\"jobs\"]}" \
		recv recv until job_finished >c2 & } && c2=$! &&
	test_wait_for "test \$(cat c1 c2 | wc -l) -ge 6" &&
	$WSC $PORT >out && test_grep "^status 503" out &&
	$WSC -g -p /status $PORT >out && test_grep "^status 200" out &&
	plotq run true >/dev/null &&
	wait $c1 && wait $c2 &&
	test_grep job_finished c1 && test_grep job_finished c2 &&
	test_wait_for "$WSC $PORT >out; grep -q \"^status 101\" out" &&
	mon_stop
'

test_expect_success PYTHON '[websocket] enabled and port start the monitor without --port' '
	port=$(test_free_port) &&
	config "[websocket]\nenabled = true\nhost = \"127.0.0.1\"\nport = $port\n" &&
	test_bg plotq daemon 2>daemon.err && DPID=$TEST_BG_PID &&
	test_wait_for "grep -q \" info start \" daemon.err" &&
	$WSC -g -p /status $port >out && test_grep "^status 200" out &&
	mon_stop &&
	config "[websocket]\nenabled = false\nport = $port\n" &&
	test_bg plotq daemon 2>daemon.err && DPID=$TEST_BG_PID &&
	test_wait_for "grep -q \" info start \" daemon.err" &&
	test_grep ! " monitor " daemon.err &&
	mon_stop
'

test_expect_success PYTHON 'bad --port and [websocket] values: exit 100; a port in use: 111' '
	config "" &&
	test_expect_code 100 plotq daemon --port 70000 2>err &&
	test_grep "bad --port .70000." err &&
	test_expect_code 100 plotq daemon --port x 2>err &&
	config "[websocket]\nheartbeat_interval = \"often\"\n" &&
	test_expect_code 100 plotq daemon 2>err &&
	test_grep "config.toml:2:.*websocket.heartbeat_interval.*expected seconds" err &&
	config "[websocket]\nmax_connections = 0\n" &&
	test_expect_code 100 plotq daemon 2>err &&
	config "[websocket]\nallowed_origins = \"x\"\n" &&
	test_expect_code 100 plotq daemon 2>err &&
	config "" &&
	mon_start &&
	test_expect_code 111 plotq daemon --socket "$TRASH_DIRECTORY/s2" \
		--workspace "$TRASH_DIRECTORY/ws2" --host 127.0.0.1 --port $PORT 2>err &&
	test_grep "unable to listen on 127.0.0.1 port $PORT" err &&
	mon_stop
'

test_expect_success 'the Unix socket streams events too: op events with channels' '
	config "[websocket]\nheartbeat_interval = 0.2\n" &&
	plotq list >/dev/null &&
	echo "{\"v\":1,\"op\":\"events\",\"channels\":[\"system\",\"jobs\"]}" |
		plotq-raw -f -n 3 "$SOCK" >out &&
	sed -n 1p out >l && test_grep "^{\"ok\":true,\"heartbeat\":0.2" l &&
	test $(grep -c "\"type\":\"system_status\"" out) = 2 &&
	{ echo "{\"v\":1,\"op\":\"events\"}" | plotq-raw -f -n 4 -t 20 "$SOCK" >ev & } &&
	test_wait_for "test -s ev" &&
	id=$(plotq run true) && wait $! &&
	test_grep "\"type\":\"job_finished\".*\"id\":$id" ev &&
	test_grep ! system_status ev &&
	echo "{\"v\":1,\"op\":\"events\",\"channels\":[\"x\"]}" |
		plotq-raw -f -n 1 "$SOCK" >out &&
	test_grep "unknown channel .x." out &&
	plotq_stop
'

test_done
