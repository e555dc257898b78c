#!/bin/sh
test_description='plotq: the job stores, corrupt stores, check'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

test_lazy_prereq SQLITE3 'command -v sqlite3'

for store in $(plotq_stores); do
plotq_env $store

test_expect_success "$store: the store and workspace are private" '
	plotq wait $(plotq run true) &&
	test "$(cat "$WS/store")" = $store &&
	test "$(stat -c %a "$WS")" = 700 &&
	if [ $store = sqlite ]; then
		test "$(stat -c %a "$WS/plotq.db")" = 600
	else
		test "$(stat -c %a "$WS/jobs/1/spec")" = 600
	fi
'

test_expect_success "$store: an acknowledged job is in the store (kill -9 right after)" '
	plotq pause &&
	id=$(plotq run -- echo kept) &&
	pid=$(plotq_daemon_pid) && kill -9 $pid &&
	test_wait_for "! kill -0 $pid 2>/dev/null" &&
	test "$(plotq_state $id)" = queued &&
	plotq resume && plotq wait $id &&
	plotq log $id >out && echo kept >expect && test_cmp expect out
'

test_expect_success "$store: check store and check config say ok" '
	plotq check >out &&
	test_grep "^config: ok: no .*config.toml, defaults$" out &&
	test_grep "^store: ok: $store .*, [0-9]* jobs$" out &&
	plotq check store >out && ! test_grep config out &&
	printf "[queue.x]\nslots = 2\n" >"$WS/config.toml" &&
	plotq check config >out &&
	test_grep "^config: ok: .*config.toml (1 queue)$" out &&
	rm "$WS/config.toml" &&
	test_expect_code 100 plotq check frob 2>err
'

test_expect_success "$store: sync = full is taken from the config" '
	printf "[daemon]\nsync = \"full\"\n" >"$WS/config.toml" &&
	plotq shutdown && plotq wait $(plotq run true) &&
	test_grep "info start .* store=$store sync=full" "$WS/plotq.log" &&
	rm "$WS/config.toml" && plotq shutdown
'

test_expect_success "$store: the other backend is refused on this workspace" '
	test_expect_code 111 plotq daemon --store $(
		[ $store = sqlite ] && echo spool || echo sqlite) 2>err &&
	test_grep "holds a $store store" err
'

test_expect_success SQLITE3 "$store: the SQLite store is in WAL mode" '
	if [ $store = sqlite ]; then
		echo wal >expect &&
		sqlite3 "$WS/plotq.db" "PRAGMA journal_mode" >out &&
		test_cmp expect out
	fi
'

test_expect_success "$store: a corrupt store: the daemon refuses, naming the file" '
	plotq shutdown 2>/dev/null;
	if [ $store = sqlite ]; then
		f="$WS/plotq.db" &&
		rm -f "$WS/plotq.db-wal" "$WS/plotq.db-shm" &&
		head -c 8192 /dev/urandom >"$f"
	else
		f="$WS/jobs/1/spec" &&
		echo "{\"id\":1,\"cmd\":" >"$f"
	fi &&
	cp "$f" before &&
	test_expect_code 111 plotq daemon 2>err &&
	test_grep "corrupt.*$f" err &&
	test_grep "refusing to start" err &&
	test_expect_code 111 plotq list 2>err &&
	test_grep "the daemon did not start (exit 111): .*$f" err &&
	test_expect_code 1 plotq check store >out &&
	test_grep "^store: .*corrupt.*$f" out &&
	cmp before "$f"
'

test_expect_success "$store: a bad state file is refused too" '
	if [ $store = spool ]; then
		cp before "$WS/jobs/1/spec" &&
		echo "{\"id\":1,\"cmd\":[\"true\"],\"name\":\"\",\"queue\":\"default\",\"cwd\":\"/\"}" >"$WS/jobs/1/spec" &&
		echo "{\"state\":\"sleeping\"}" >"$WS/jobs/1/state" &&
		test_expect_code 111 plotq daemon 2>err &&
		test_grep "corrupt store file .*jobs/1/state" err
	fi
'

done

test_expect_success !SQLITE 'built without libsqlite3, --store sqlite is a usage error' '
	test_expect_code 100 plotq daemon -w nosql --store sqlite 2>err &&
	test_grep "built without libsqlite3" err
'

test_expect_success 'spool: a submission never acknowledged is ignored' '
	plotq_env spool2 &&
	PLOTQ_STORE=spool && export PLOTQ_STORE &&
	plotq wait $(plotq run true) && plotq shutdown &&
	mkdir "$WS/jobs/2" && echo "{" >"$WS/jobs/2/spec.new" &&
	id=$(plotq run -- echo two) && test $id = 2 &&
	plotq wait $id && plotq log $id >out && echo two >expect &&
	test_cmp expect out &&
	plotq check store >out && test_grep "2 jobs" out &&
	plotq shutdown
'

plotq_san_check
test_done
