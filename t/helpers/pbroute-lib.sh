# t/helpers/pbroute-lib.sh: what the pbroute tests share (source after lib.sh).
#
#	pb_fake_start [pb-fake serve options]   the fake server in ./fake;
#	                                        sets PB_API and PB_STREAM
#	pb_ctl CMD [ARG...]                     drive it (pb-fake ctl)
#	pb_session NAME [WINDOWS]               a tmux session whose panes run
#	                                        `cat >>NAME.out` (NAME.W.P.out
#	                                        for extra windows and panes)
#	pb_start [pbroute options]              pbroute against the fake, logging
#	                                        to pb.log; pid in PB_PID
#	pb_stop                                 TERM it and wait
#	pb_wait_log PATTERN [SECONDS]           until pb.log matches (grep -E)
#	pb_wait_listening [N [SECS]]            until pbroute has said "listening"
#	                                        N times (connected, caught up)
#	pb_mark; ...; pb_wait_relistening       until it says it again after the
#	                                        mark (robust to extra reconnects)
#	pb_count 'GET /v2/devices'              requests of that kind so far
#	pb_config 'TOML'                        write the config file

PUSHBULLET_TOKEN=o.SeCrEt7oKeN$$xyz
export PUSHBULLET_TOKEN
PB_TOKEN=$PUSHBULLET_TOKEN
PB_CONFIG=$XDG_CONFIG_HOME/pbroute/config.toml

pb_fake_start() {
	mkdir -p fake &&
	test_bg pb-fake serve "$PWD/fake" --token "$PB_TOKEN" "$@" &&
	PB_FAKE_PID=$TEST_BG_PID &&
	test_wait_for 'test -s fake/port && test -s fake/ctl-port' 20 &&
	PB_PORT=$(cat fake/port) &&
	PB_API=http://127.0.0.1:$PB_PORT &&
	PB_STREAM=ws://127.0.0.1:$PB_PORT/websocket
}

pb_ctl() {
	pb-fake ctl "$PWD/fake" "$@"
}

pb_session() {
	tmux -L "$TEST_TMUX" new-session -d -s "$1" -x 120 -y 20 \
		"exec cat >>'$PWD/$1.out'" || return 1
	: >>"$1.out"
}

pb_start() {
	test_bg pbroute --api-url "$PB_API" --stream-url "$PB_STREAM" \
		-L "$TEST_TMUX" --state "$PWD/state" "$@" 2>>pb.log
	PB_PID=$TEST_BG_PID
}

pb_stop() {
	kill -TERM "$PB_PID" 2>/dev/null
	wait "$PB_PID"
}

pb_wait_log() {
	test_wait_for "grep -Eq -- '$1' pb.log" "${2:-20}" || {
		sed 's/^/| /' pb.log >&2
		return 1
	}
}

pb_count() {
	grep -c " $1[ ?]" fake/requests.log
}

pb_config() {
	mkdir -p "${PB_CONFIG%/*}" &&
	printf '%s\n' "$1" >"$PB_CONFIG"
}

# Until pbroute has said "listening" N times (default 1): connected and
# caught up.
pb_wait_listening() {
	test_wait_for "[ \$(grep -c 'info listening' pb.log) -ge ${1:-1} ]" ${2:-20} || {
		sed 's/^/| /' pb.log >&2
		return 1
	}
}

pb_mark() {
	PB_MARK=$(grep -c 'info listening' pb.log)
}

pb_wait_relistening() {
	test_wait_for "[ \$(grep -c 'info listening' pb.log) -gt $PB_MARK ]" 20 || {
		sed 's/^/| /' pb.log >&2
		return 1
	}
}
