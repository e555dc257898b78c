#!/bin/sh
test_description='plotq: headless Chromium shows a job appear on the monitor page'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

# Debian's chromium, driven by playwright-core from npm (installed in
# t/helpers/plotq-browser by `npm install` there; CI does it).
B=$TEST_DIRECTORY/helpers/plotq-browser
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export CHROMIUM
if [ -x "$CHROMIUM" ] && command -v node >/dev/null &&
    (cd "$B" && node -e 'require.resolve("playwright-core")') >/dev/null 2>&1; then
	test_set_prereq BROWSER
fi

plotq_env spool

test_expect_success BROWSER 'GET / in Chromium: the page goes live and a new job shows up done' '
	test_bg plotq daemon --host 127.0.0.1 --port 0 2>daemon.err &&
	test_wait_for "grep -q \" info start \" daemon.err" &&
	PORT=$(sed -n "s/.* monitor host=.* port=\([0-9]*\) .*/\1/p" daemon.err) &&
	{ node "$B/shot.js" "http://127.0.0.1:$PORT/" browserjob done \
		"$TRASH_DIRECTORY/monitor.png" "$TRASH_DIRECTORY/profile" >out 2>&1 & } &&
	shot=$! &&
	test_wait_for "grep -q -e live -e error out" 60 &&
	test_grep "^live" out &&
	plotq run --name browserjob -- sh -c "echo drawn" >id &&
	wait $shot &&
	test_grep "^row $(cat id) browserjob default done 0 sh -c echo drawn" out &&
	test_grep "^status healthy" out &&
	test_grep ! "^errors" out &&
	head -c 4 monitor.png | od -c | test_grep "211   P   N   G" &&
	plotq_stop
'

test_done
