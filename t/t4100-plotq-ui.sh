#!/bin/sh
test_description='plotq ui: the jobs table, selection, following a log, run, stop, kill, cancel'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-lib.sh"
. "$TEST_DIRECTORY/helpers/plotq-ui-lib.sh"

plotq_env $(plotq_stores | cut -d" " -f1)

test_expect_success 'not on a terminal: exit 100 and one clear line' '
	test_expect_code 100 plotq ui </dev/null >out 2>err &&
	test_grep "plotq: fatal: ui needs a terminal" err &&
	test_line_count = 1 err && test_path_is_missing "$SOCK"
'

test_expect_success 'usage and --help' '
	test_expect_code 100 plotq ui extra 2>err &&
	test_grep "usage: plotq ui" err &&
	plotq ui --help >out && test_grep "usage: plotq ui \[--socket" out
'

test_have_prereq TMUX || { test_done; exit; }

test_expect_success TMUX 'starts a daemon and shows jobs as they are queued' '
	ui_server 100 30 && ui_start &&
	ui_wait "Tasks \(0\)" && ui_wait "no jobs: r runs one" &&
	test_wait_for "test -S \"$SOCK\"" &&
	plotq run --name first -- sh -c "echo first; plotq-waitfile go1; echo second; echo oops >&2; plotq-waitfile go2" &&
	ui_wait "^\|.1 +running +default +first: sh -c" &&
	plotq run -- sleep 300 && plotq run -- sleep 301 &&
	ui_wait "^\|.3 +queued +default +sleep 301 +- +- +-" &&
	ui_wait "^\|.2 +queued +default +sleep 300" &&
	ui_wait "Tasks \(3\)" && ui_wait "1 running, 2 queued"
'

test_expect_success TMUX 'the selection stays on its job and moves with the keys' '
	ui_wait "^\|>1 +running" &&
	ui_keys Up && ui_wait "^\|>2 +queued" &&
	ui_keys Up Up && ui_wait "^\|>3 +queued" &&
	ui_keys j && ui_wait "^\|>2 +queued" &&
	ui_keys End && ui_wait "^\|>1 +running" &&
	ui_keys Home && ui_wait "^\|>3 +queued" &&
	ui_keys Down Down && ui_wait "^\|>1 +running"
'

test_expect_success TMUX 'Enter follows the log of the selected job, live' '
	ui_keys Enter &&
	ui_wait "Log: job 1 first \(follow\)" &&
	ui_wait "^\| \[stdout\] first" &&
	! ui_has "second" &&
	>go1 &&
	ui_wait "^\| \[stdout\] second" && ui_wait "^\| \[stderr\] oops" &&
	ui_keys Enter && ui_wait "Log: job 1 first \(not following\)" &&
	ui_has "^\| \[stdout\] second" &&
	ui_keys Enter && ui_wait "Log: job 1 first \(follow\)" &&
	>go2 &&
	ui_wait "Log: job 1 first \(done\)" &&
	ui_wait "^\|>1 +done +default +first: .* 0 +\|$"
'

test_expect_success TMUX 'l hides and shows the log pane' '
	ui_keys l && test_wait_for "! ui_has \"Log: job 1\"" &&
	ui_keys l && ui_wait "Log: job 1 first"
'

test_expect_success TMUX 's stops the running job' '
	ui_wait "^\|.2 +running" &&
	ui_keys Up && ui_wait "^\|>2 +running" &&
	ui_keys s && ui_wait "job 2: stopping" &&
	ui_wait "^\|>2 +stopped .* TERM +\|$"
'

test_expect_success TMUX 'k kills the running job' '
	ui_wait "^\|.3 +running" &&
	ui_keys Up && ui_wait "^\|>3 +running" &&
	ui_keys k && ui_wait "job 3: killed" &&
	ui_wait "^\|>3 +stopped .* KILL +\|$" &&
	plotq show --json 3 >j && test_grep "\"signal\":\"KILL\"" j
'

test_expect_success TMUX 'an error from the daemon goes to the status line' '
	ui_keys s && ui_wait "job 3 is not running \(stopped\)" &&
	ui_keys Down && ui_wait "^\|>2 " &&
	ui_keys Up && ui_wait "^\|>3 " && ui_keys c &&
	ui_wait "job 3 is not queued \(stopped\)"
'

test_expect_success TMUX 'r opens the run dialog; Enter submits the job' '
	ui_keys r && ui_wait "Run a job" &&
	ui_type "plotq-waitfile go4; echo \"from the ui\"" &&
	ui_wait "Command: plotq-waitfile go4; echo .from the ui." &&
	ui_keys Tab && ui_keys Tab && ui_type "mine" &&
	ui_wait "Name: +mine" &&
	ui_keys Enter && ui_wait "job 4 submitted" &&
	ui_wait "^\|>4 +running +default +mine: plotq-waitfile go4; echo" &&
	plotq show --json 4 >j &&
	test_grep "\"cmd\":\[\"/bin/sh\",\"-c\",\"plotq-waitfile go4; echo \\\\\"from the ui\\\\\"\"\]" j &&
	test_grep "\"name\":\"mine\"" j
'

test_expect_success TMUX 'plain words run without a shell; Esc cancels the dialog' '
	ui_keys r && ui_wait "Run a job" &&
	ui_type "sleep 303" && ui_keys Enter && ui_wait "job 5 submitted" &&
	ui_wait "^\|>5 +queued +default +sleep 303" &&
	plotq show --json 5 >j && test_grep "\"cmd\":\[\"sleep\",\"303\"\]" j &&
	ui_keys r && ui_wait "Run a job" &&
	ui_keys Escape && test_wait_for "! ui_has \"Run a job\"" &&
	ui_has "Tasks \(5\)"
'

test_expect_success TMUX 'c cancels the queued job' '
	ui_keys c && ui_wait "job 5: cancelled" &&
	ui_wait "^\|>5 +cancelled"
'

test_expect_success TMUX 'a finished job shows its whole log' '
	>go4 && ui_wait "^\|.4 +done" &&
	ui_keys Down && ui_wait "^\|>4 +done" &&
	ui_keys Enter && ui_wait "Log: job 4 mine \(done\)" &&
	ui_wait "^\| \[stdout\] from the ui"
'

test_expect_success TMUX 'p pauses the queue of the selected job, then resumes it' '
	ui_keys p && ui_wait "queue default paused" &&
	ui_wait "\(connected\)  0 running, 0 queued  paused: default  " &&
	plotq status >st && test_grep "queue default: .*, paused" st &&
	plotq run -- true && ui_wait "^\|.6 +queued" &&
	ui_keys p && ui_wait "queue default resumed" &&
	ui_wait "^\|.6 +done" && ! ui_has "paused: default"
'

test_expect_success TMUX 'Enter on a queued job follows it from its start' '
	plotq run -- plotq-waitfile go7 &&
	plotq run --name late -- sh -c "echo late start; plotq-waitfile go8" &&
	ui_wait "^\|.8 +queued" &&
	ui_keys Home && ui_wait "^\|>8 +queued" &&
	ui_keys Enter && ui_wait "Log: job 8 late \(follow\)" &&
	! ui_has "\[stdout\]" &&
	>go7 && ui_wait "^\| \[stdout\] late start" &&
	>go8 && ui_wait "Log: job 8 late \(done\)"
'

test_expect_success TMUX 'q quits and gives the terminal back' '
	ui_keys q && ui_wait "^ui-exit=0" &&
	test_cmp stty.before stty.after &&
	test "$(tm display -p -t ui "#{alternate_on}")" = 0 &&
	plotq_stop
'

test_done
