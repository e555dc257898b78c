#!/bin/sh
test_description='plotq: 1000 submissions from 8 concurrent clients'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

for store in $(plotq_stores); do
plotq_env $store

test_expect_success "$store: 1000 jobs from 8 clients: 1000 ids, 1000 done" '
	mkdir -p "$WS" &&
	printf "[queue.default]\nslots = 4\n" >"$WS/config.toml" &&
	pids= &&
	for c in 1 2 3 4 5 6 7 8; do
		(for i in $(seq 125); do plotq run true || exit 1; done >ids.$c) &
		pids="$pids $!"
	done &&
	wait $pids &&
	cat ids.? | sort | uniq >ids &&
	test_line_count = 1000 ids &&
	plotq wait $(cat ids) &&
	plotq list --all --state done --json | tr "{" "\n" |
		sed -n "s/^\"id\":\([0-9]*\),.*/\1/p" | sort >done.ids &&
	comm -23 ids done.ids >missing &&
	test_line_count = 0 missing
'

plotq_stop
done

plotq_san_check
test_done
