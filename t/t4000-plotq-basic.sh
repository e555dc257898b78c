#!/bin/sh
test_description='plotq: run, list, show, wait, log, exit statuses (both stores)'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"

test_expect_success 'usage errors exit 100 with one line' '
	test_expect_code 100 plotq 2>err &&
	test_line_count = 1 err &&
	test_expect_code 100 plotq frobnicate 2>err &&
	test_grep "unknown command" err &&
	test_expect_code 100 plotq run 2>err &&
	test_grep "usage: plotq run" err &&
	test_expect_code 100 plotq list --bogus 2>err &&
	test_grep "unknown option .--bogus." err &&
	test_line_count = 1 err &&
	test_expect_code 100 plotq show abc 2>err &&
	test_grep "bad job id" err &&
	test_expect_code 100 plotq run --priority x -- true 2>err &&
	test_expect_code 100 plotq run --env NOEQUALS -- true 2>err &&
	test_expect_code 100 plotq run --queue "a b" -- true 2>err &&
	test_expect_code 100 plotq run --after 0 -- true 2>err &&
	test_expect_code 100 plotq list --state sleeping 2>err &&
	test_expect_code 100 plotq stop 1 --grace soon 2>err
'

test_expect_success '--help and --version' '
	plotq --help >out && test_grep "plotq run" out &&
	plotq run --help >out && test_grep "usage: plotq run" out &&
	plotq --version >out && test_grep "^plotq [0-9]" out
'

for store in $(plotq_stores); do
plotq_env $store

test_expect_success "$store: run prints only the id, and starts a daemon" '
	plotq run -- echo hello >id &&
	echo 1 >expect && test_cmp expect id &&
	test -S "$SOCK" &&
	plotq wait 1 &&
	plotq log 1 >out && echo hello >expect && test_cmp expect out
'

test_expect_success "$store: ids increase; options also after operands" '
	plotq run true >id2 && echo 2 >expect && test_cmp expect id2 &&
	plotq show 2 --json >j && test_grep "\"id\":2" j &&
	plotq wait 2 &&
	plotq log 1 >out && plotq log 1 >out2 && test_cmp out out2
'

test_expect_success "$store: wait gives the exit status of the job" '
	id=$(plotq run -- sh -c "exit 7") &&
	test_expect_code 7 plotq wait $id &&
	id=$(plotq run -- sh -c "kill -TERM \$\$") &&
	test_expect_code 143 plotq wait $id &&
	ok=$(plotq run true) && bad=$(plotq run false) &&
	plotq wait $ok &&
	test_expect_code 1 plotq wait $ok $bad &&
	plotq wait $ok $ok
'

test_expect_success "$store: show gives the record, --json too" '
	id=$(plotq run --name demo -- sh -c "exit 3") &&
	test_expect_code 3 plotq wait $id &&
	plotq show $id >out &&
	test_grep "^name: *demo$" out &&
	test_grep "^state: *failed (exit)$" out &&
	test_grep "^exit: *3$" out &&
	test_grep "^command: *sh -c .exit 3.$" out &&
	test_grep "^queue: *default$" out &&
	plotq show --json $id >j &&
	test_grep "\"state\":\"failed\"" j &&
	test_grep "\"exit\":3" j &&
	test_grep "\"name\":\"demo\"" j &&
	test_grep "\"cmd\":\\[\"sh\",\"-c\",\"exit 3\"\\]" j &&
	test_grep "\"submitted\":\"20[0-9-]*T[0-9:.]*\(Z\|[+-][0-9:]*\)\"" j
'

test_expect_success "$store: list shows jobs; --json is an array" '
	plotq list >out &&
	head -1 out | test_grep "^ID  *STATE  *QUEUE  *EXIT" &&
	test_grep "^1  *done  *default  *0 .* echo hello$" out &&
	plotq list --json >j &&
	test_grep "^\\[{\"id\":1," j &&
	test_grep "}\\]$" j &&
	plotq list --state failed >out &&
	! test_grep " done " out &&
	test_grep " failed " out &&
	plotq list --queue default --state done --json >j &&
	! test_grep failed j
'

test_expect_success "$store: list without --all keeps to the last 20 finished" '
	for i in $(seq 25); do plotq run true >/dev/null || return 1; done &&
	plotq wait $(plotq run true) &&
	plotq list >out &&
	test_line_count = 21 out &&
	plotq list --all >out &&
	n=$(plotq show --json $(plotq run true) | sed "s/.*\"id\":\([0-9]*\).*/\1/") &&
	test $(wc -l <out) -eq $n
'

test_expect_success "$store: stdout and stderr go to out.log and err.log" '
	id=$(plotq run -- sh -c "echo to-out; echo to-err >&2") &&
	plotq wait $id &&
	plotq log $id >out && echo to-out >expect && test_cmp expect out &&
	plotq log $id --stderr >err && echo to-err >expect && test_cmp expect err &&
	test_cmp out "$WS/jobs/$id/out.log" &&
	test_cmp err "$WS/jobs/$id/err.log"
'

test_expect_success "$store: output bytes are kept exactly (binary, no newline)" '
	printf "a\0b\377\376\nlast" >bin &&
	id=$(plotq run -- cat bin) && plotq wait $id &&
	plotq log $id >out && cmp bin out
'

test_expect_success "$store: jobs get the environment and directory of the submitter" '
	mkdir -p sub && (cd sub && FOO=bar plotq run -- sh -c "pwd; echo \$FOO" >../id) &&
	plotq wait $(cat id) && plotq log $(cat id) >out &&
	printf "%s\n%s\n" "$TRASH_DIRECTORY/sub" bar >expect && test_cmp expect out
'

test_expect_success "$store: --env and --cwd override them" '
	mkdir -p other &&
	id=$(FOO=bar plotq run --env FOO=baz --env NEW=1 --cwd other -- \
		sh -c "pwd; echo \$FOO \$NEW") &&
	plotq wait $id && plotq log $id >out &&
	printf "%s\n%s\n" "$TRASH_DIRECTORY/other" "baz 1" >expect &&
	test_cmp expect out &&
	test_expect_code 100 plotq run --cwd nowhere -- true 2>err &&
	test_grep "bad --cwd" err
'

test_expect_success "$store: arguments that are not UTF-8 arrive intact" '
	arg=$(printf "x\377y") &&
	id=$(plotq run -- printf "%s" "$arg") && plotq wait $id &&
	plotq log $id >out && printf "x\377y" >expect && cmp expect out
'

test_expect_success "$store: jobs see PLOTQ_JOB_ID, PLOTQ_QUEUE, PLOTQ_SLOT" '
	id=$(PLOTQ_JOB_ID=forged plotq run -- sh -c "echo \$PLOTQ_JOB_ID \$PLOTQ_QUEUE \$PLOTQ_SLOT") &&
	plotq wait $id && plotq log $id >out &&
	echo "$id default 0" >expect && test_cmp expect out
'

test_expect_success "$store: a command that does not exist fails with 127" '
	id=$(plotq run -- no-such-command-here) &&
	test_expect_code 127 plotq wait $id &&
	plotq show --json $id >j && test_grep "\"exit\":127" j &&
	plotq log --stderr $id >err && test_grep "no-such-command-here" err &&
	id=$(plotq run -- ./bin) && test_expect_code 126 plotq wait $id &&
	plotq status >/dev/null
'

test_expect_success "$store: unknown ids exit 100" '
	test_expect_code 100 plotq show 99999 2>err && test_grep "no job 99999" err &&
	test_expect_code 100 plotq wait 1 99999 2>err &&
	test_expect_code 100 plotq log 99999 2>err &&
	test_expect_code 100 plotq stop 99999 2>err &&
	test_expect_code 100 plotq kill 99999 2>err &&
	test_expect_code 100 plotq cancel 99999 2>err &&
	test_expect_code 100 plotq run --after 99999 -- true 2>err &&
	test_grep "no job 99999" err
'

test_expect_success "$store: status answers, and says so when no daemon runs" '
	plotq status >out &&
	test_grep "^plotq daemon running, pid [0-9]" out &&
	test_grep "store: $store" out &&
	test_grep "^queue default: 1 slot" out &&
	plotq status --json >j && test_grep "\"running\":true" j &&
	test_grep "\"store\":\"$store\"" j &&
	plotq shutdown &&
	test_path_is_missing "$SOCK" &&
	test_expect_code 1 plotq status >out &&
	test_grep "no daemon" out &&
	plotq status --json >j; test_grep "\"running\":false" j &&
	test_path_is_missing "$SOCK" &&
	test_expect_code 1 plotq shutdown 2>err
'

test_expect_success "$store: jobs and logs survive a daemon restart" '
	plotq log 1 >out && echo hello >expect && test_cmp expect out &&
	plotq show 1 >out && test_grep "^state: *done" out &&
	id=$(plotq run true) && test $id -gt 30
'

plotq_stop
done

plotq_san_check
test_done
