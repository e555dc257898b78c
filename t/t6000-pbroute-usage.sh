#!/bin/sh
test_description='pbroute: options, usage errors, config and token errors'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/pbroute-lib.sh"

test_expect_success '--help and --version' '
	pbroute --help >out &&
	grep "^usage: pbroute " out &&
	pbroute --version >out &&
	grep "^pbroute [0-9]" out
'

test_expect_success 'unknown option: one line, exit 100' '
	test_expect_code 100 pbroute --bogus 2>err &&
	test_line_count = 1 err &&
	grep "^pbroute: fatal: unknown option" err
'

test_expect_success 'missing option value' '
	test_expect_code 100 pbroute --device 2>err &&
	test_line_count = 1 err
'

test_expect_success 'unknown command' '
	test_expect_code 100 pbroute frobnicate 2>err &&
	grep "unknown command .frobnicate." err
'

test_expect_success 'missing token: exit 100, clear message' '
	(
		unset PUSHBULLET_TOKEN &&
		test_expect_code 100 pbroute 2>err &&
		test_line_count = 1 err &&
		grep "PUSHBULLET_TOKEN is not set" err &&
		test_expect_code 100 pbroute devices 2>err &&
		grep "PUSHBULLET_TOKEN is not set" err
	)
'

test_expect_success 'a token with a bad character is refused, not printed' '
	test_expect_code 100 env PUSHBULLET_TOKEN="abc def" pbroute devices 2>err &&
	grep "holds a character" err &&
	! grep "abc def" err
'

test_expect_success 'modes exclude one another' '
	test_expect_code 100 pbroute --device a --all-devices 2>err &&
	grep "exclude one another" err &&
	test_expect_code 100 pbroute --auto-route --all-devices 2>err &&
	test_expect_code 100 pbroute --all-devices --device x 2>err
'

test_expect_success '--session needs --device or --all-devices' '
	test_expect_code 100 pbroute --session s 2>err &&
	grep "goes with --device or --all-devices" err &&
	test_expect_code 100 pbroute --auto-route --session s 2>err
'

test_expect_success 'daemon-only options outside daemon' '
	test_expect_code 100 pbroute --reload-interval 5 2>err &&
	grep "options of .pbroute daemon." err &&
	test_expect_code 100 pbroute --watch-files x devices 2>err
'

test_expect_success 'bad durations' '
	test_expect_code 100 pbroute --nop-timeout soon 2>err &&
	grep "bad --nop-timeout" err &&
	test_expect_code 100 pbroute --backoff 10s --backoff-max 1s 2>err &&
	grep "shorter than --backoff" err
'

test_expect_success 'operands: register and send need exactly one' '
	test_expect_code 100 pbroute register 2>err &&
	grep "^pbroute: usage: " err &&
	test_expect_code 100 pbroute send a b 2>err &&
	test_expect_code 100 pbroute devices extra 2>err
'

test_expect_success 'options that do not go with a command' '
	test_expect_code 100 pbroute --stdin devices 2>err &&
	test_expect_code 100 pbroute --session x --all-devices send hi 2>err &&
	test_expect_code 100 pbroute --device x register y 2>err
'

test_expect_success 'bad URLs' '
	test_expect_code 100 pbroute --api-url ftp://x devices 2>err &&
	grep "bad --api-url" err &&
	test_expect_code 100 pbroute --stream-url http://x 2>err &&
	grep "bad --stream-url" err
'

test_expect_success !CURL 'https without libcurl: a clear error' '
	test_expect_code 100 pbroute --api-url https://127.0.0.1:1 devices 2>err &&
	grep "built without libcurl" err
'

test_expect_success 'a bad config file names file, line and column' '
	pb_config "[tmux]
default_session = = 3" &&
	test_expect_code 100 pbroute devices 2>err &&
	test_line_count = 1 err &&
	grep "config.toml:2:" err
'

test_expect_success 'a bad config value' '
	pb_config "[security]
max_body = -5" &&
	test_expect_code 100 pbroute devices 2>err &&
	grep "config.toml:2:.*security.max_body" err &&
	pb_config "[tmux]
enter_delay = \"soon\"" &&
	test_expect_code 100 pbroute devices 2>err &&
	grep "tmux.enter_delay: bad duration" err &&
	pb_config "[device_mapping]
phone = { window = 1 }" &&
	test_expect_code 100 pbroute devices 2>err &&
	grep "missing session" err &&
	pb_config "[security]
allow_senders = \"me@example.com\"" &&
	test_expect_code 100 pbroute devices 2>err &&
	grep "expected an array" err
'

test_expect_success 'an explicit config that does not exist' '
	rm -f "$PB_CONFIG" &&
	test_expect_code 100 pbroute -c nowhere.toml devices 2>err &&
	grep "unable to read nowhere.toml" err
'

test_expect_success 'unknown keys are warnings' '
	pb_fake_start &&
	pb_config "[tmux]
colour = 3
[daemon.monitoring]
cpu_threshold = 80.0" &&
	pbroute --api-url "$PB_API" devices >out 2>err &&
	grep "warning: .*config.toml:2: tmux.colour: unknown key" err &&
	grep "warning: .*daemon.monitoring: ignored: monitoring is healthcheck" err
'

test_expect_success 'env file: token read from it, a bad line is an error' '
	printf "# secrets\nPUSHBULLET_TOKEN=%s\n" "$PB_TOKEN" >tok.env &&
	env -u PUSHBULLET_TOKEN pbroute --api-url "$PB_API" --env-file tok.env devices >out &&
	grep "^work	dev-work	" out &&
	printf "PUSHBULLET_TOKEN\n" >bad.env &&
	test_expect_code 100 pbroute --env-file bad.env devices 2>err &&
	grep "bad.env:1:" err &&
	test_expect_code 100 pbroute --env-file missing.env devices 2>err &&
	grep "unable to read missing.env" err
'

test_expect_success 'the env file wins over the environment' '
	PUSHBULLET_TOKEN=wrong pbroute --api-url "$PB_API" --env-file tok.env devices >out &&
	grep "^phone	" out
'

test_done
