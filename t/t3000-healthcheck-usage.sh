#!/bin/sh
test_description='healthcheck: bad usage is UNKNOWN (3) with one clear line'
. "${0%/*}/lib.sh"

# usage_fails 'stderr pattern' ARGS...: exit 3, one line on stderr, nothing on stdout.
usage_fails() {
	pat=$1
	shift
	test_expect_code 3 healthcheck "$@" >out 2>err &&
	test_line_count = 1 err &&
	test_grep -e "$pat" err &&
	test_line_count = 0 out
}

test_expect_success 'no check given' '
	usage_fails "^healthcheck: usage: healthcheck .*no check given"
'

test_expect_success 'unknown option' '
	usage_fails "^healthcheck: fatal: unknown option .--bogus." --bogus --tcp 127.0.0.1:1
'

test_expect_success 'option without its value' '
	usage_fails "needs a value" --tcp
'

test_expect_success 'bad URLs' '
	usage_fails "bad --http .ftp://x/.: unsupported URL scheme" --http ftp://x/ &&
	usage_fails "bad --http .http://.: missing host" --http http:// &&
	usage_fails "bad --http .*space or control" --http "http://h/a b" &&
	usage_fails "bad --http .*bad port" --http http://h:99999/ &&
	usage_fails "use --ws" --http ws://h/ &&
	usage_fails "want a ws:// or wss:// URL" --ws http://h/ &&
	usage_fails "bad --ping" --tcp 127.0.0.1:1 --ping nothttp
'

test_expect_success 'bad host:port and paths' '
	usage_fails "bad --tcp .127.0.0.1.: missing port" --tcp 127.0.0.1 &&
	usage_fails "bad --tcp .*bad port" --tcp h:0 &&
	usage_fails "bad --unix .*too long" --unix "$(printf "%0200d" 0)" &&
	usage_fails "bad --pid .x." --pid x &&
	usage_fails "bad --pid .0." --pid 0 &&
	usage_fails "bad --exec" --exec ""
'

test_expect_success 'bad durations and numbers' '
	usage_fails "bad --timeout .10x.: unknown unit" --timeout 10x --tcp 127.0.0.1:1 &&
	usage_fails "bad --timeout .0.: must be more than zero" --timeout 0 --tcp 127.0.0.1:1 &&
	usage_fails "bad --interval .-1." --watch --interval -1 --tcp 127.0.0.1:1 &&
	usage_fails "bad --startup-delay" --startup-delay soon --tcp 127.0.0.1:1 &&
	usage_fails "bad --failure-threshold .0." --watch --failure-threshold 0 --tcp 127.0.0.1:1 &&
	usage_fails "bad --success-threshold" --watch --success-threshold many --tcp 127.0.0.1:1 &&
	usage_fails "bad --expect-status .2xx." --http http://h/ --expect-status 2xx &&
	usage_fails "bad --expect-status .300-200." --http http://h/ --expect-status 300-200 &&
	usage_fails "bad --cpu-max" --pid 1 --cpu-max lots &&
	usage_fails "bad --rss-max .5Q." --pid 1 --rss-max 5Q &&
	usage_fails "bad --header .NoColon." --http http://h/ --header NoColon
'

test_expect_success 'options that need another' '
	usage_fails "need --pid or --pid-file" --tcp 127.0.0.1:1 --cpu-max 50 &&
	usage_fails "--tree and --sample need" --pid 1 --tree &&
	usage_fails "--sample needs --cpu-max" --pid 1 --rss-max 1M --sample 2s &&
	usage_fails "--cpu-warn must be below --cpu-max" --pid 1 --cpu-max 50 --cpu-warn 60 &&
	usage_fails "--rss-warn must be below --rss-max" --pid 1 --rss-max 1M --rss-warn 2M &&
	usage_fails "need --http" --tcp 127.0.0.1:1 --expect-status 200 &&
	usage_fails "need --http" --tcp 127.0.0.1:1 --follow &&
	usage_fails "--header needs --http or --ws" --tcp 127.0.0.1:1 --header "A: b" &&
	usage_fails "--interval needs --watch" --interval 5s --tcp 127.0.0.1:1 &&
	usage_fails "need --watch or --state" --failure-threshold 2 --tcp 127.0.0.1:1 &&
	usage_fails "need --watch or --state" --start-period 1m --tcp 127.0.0.1:1 &&
	usage_fails "need --watch or --state" --on-healthy true --tcp 127.0.0.1:1 &&
	usage_fails "--state is for one-shot runs" --watch --state s --tcp 127.0.0.1:1
'

test_expect_success 'operands need --exec-argv, which needs a command' '
	usage_fails "unexpected argument .true." --tcp 127.0.0.1:1 true &&
	usage_fails "exec-argv needs a command" --exec-argv &&
	usage_fails "exec-argv needs a command" --exec-argv --
'

test_expect_success '--notify-fd must be open, and not 0-2' '
	usage_fails "not an open file descriptor" --notify-fd 9 --tcp 127.0.0.1:1 &&
	usage_fails "stdin, stdout and stderr" --notify-fd 1 --tcp 127.0.0.1:1
'

test_expect_success '--cacert must be readable' '
	usage_fails "bad --cacert .nope.pem." --cacert nope.pem --tcp 127.0.0.1:1
'

test_expect_success !CURL 'https, wss and TLS options without libcurl: exit 3' '
	usage_fails "built without libcurl" --http https://127.0.0.1/ &&
	usage_fails "built without libcurl" --ws wss://127.0.0.1/ &&
	usage_fails "built without libcurl" --tcp 127.0.0.1:1 --ping https://127.0.0.1/ &&
	usage_fails "built without libcurl" --tcp 127.0.0.1:1 --insecure
'

test_expect_success '--help and --version' '
	healthcheck --help >out &&
	test_grep "^usage: healthcheck" out &&
	test_grep -e "--pid-file" out &&
	healthcheck --version >out &&
	test_grep "^healthcheck [0-9]" out
'

test_done
