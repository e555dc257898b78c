#!/bin/sh
test_description='tmuxopen: --list, --status, --kill'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/tmuxopen-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'

CFG=$XDG_CONFIG_HOME/tmuxopen

test_expect_success '--list without a configuration directory lists nothing' '
	rmdir "$CFG" &&
	tmuxopen --list -L "$TEST_TMUX" >out &&
	test_must_fail test -s out &&
	mkdir -p "$CFG"
'

test_expect_success 'projects' '
	project web <<-\EOF &&
	[[session]]
	name = "web-edit"
	[[session.window]]
	name = "a"
	[[session.window]]
	name = "b"
	[[session]]
	name = "web-db"
	EOF
	project api <<-\EOF &&
	[[session]]
	name = "api"
	EOF
	printf "[[session]]\nname = \"x\"\n" >"$CFG/.hidden.toml" &&
	printf "[[session]]\nname = \"x\"\n" >"$CFG/notes.txt" &&
	mkdir "$CFG/dir.toml"
'

test_expect_success '--list with no server: every project stopped' '
	tmuxopen --list -L "$TEST_TMUX" >out &&
	printf "api stopped 0/1 api:stopped\nweb stopped 0/2 web-edit:stopped web-db:stopped\n" >expect &&
	test_cmp expect out
'

test_expect_success '--status with no server: every session stopped, exit 1' '
	test_expect_code 1 tmuxopen --status -L "$TEST_TMUX" web >out &&
	printf "web-edit stopped\nweb-db stopped\n" >expect &&
	test_cmp expect out
'

test_expect_success '--kill with no server: nothing to do, exit 0' '
	tmuxopen --kill -L "$TEST_TMUX" web
'

test_expect_success 'running, partial, stopped' '
	start_server web-edit-old &&
	tm new-session -d -s web-db &&
	tmuxopen --list -L "$TEST_TMUX" >out &&
	printf "api stopped 0/1 api:stopped\nweb partial 1/2 web-edit:stopped web-db:running\n" >expect &&
	test_cmp expect out &&
	test_expect_code 1 tmuxopen --status -L "$TEST_TMUX" web >out &&
	printf "web-edit stopped\nweb-db running windows=1 clients=0\n" >expect &&
	test_cmp expect out &&
	tmuxopen -d -L "$TEST_TMUX" web &&
	tmuxopen --list -L "$TEST_TMUX" >out &&
	printf "api stopped 0/1 api:stopped\nweb running 2/2 web-edit:running web-db:running\n" >expect &&
	test_cmp expect out &&
	tmuxopen --status -L "$TEST_TMUX" web >out &&
	printf "web-edit running windows=2 clients=0\nweb-db running windows=1 clients=0\n" >expect &&
	test_cmp expect out
'

test_expect_success '--status with -f FILE' '
	cp "$CFG/web.toml" w.toml &&
	tmuxopen --status -L "$TEST_TMUX" -f w.toml >out 2>err &&
	test_grep "^web-edit running" out &&
	test_expect_code 100 tmuxopen --status -L "$TEST_TMUX" -f w.toml web 2>err &&
	test_grep "is project .w., not .web." err
'

test_expect_success 'an invalid project file: listed as invalid, with a warning' '
	printf "[[session]]\nname = \"a.b\"\n" >"$CFG/bad.toml" &&
	tmuxopen --list -L "$TEST_TMUX" >out 2>err &&
	printf "api stopped 0/1 api:stopped\nbad invalid\nweb running 2/2 web-edit:running web-db:running\n" >expect &&
	test_cmp expect out &&
	test_grep "^tmuxopen: warning: $CFG/bad.toml:2: session.name:" err &&
	rm "$CFG/bad.toml"
'

test_expect_success '--kill kills the project'"'"'s sessions and nothing else' '
	tmuxopen --kill -L "$TEST_TMUX" web &&
	! has_session web-edit && ! has_session web-db &&
	has_session web-edit-old &&
	test_expect_code 1 tmuxopen --status -L "$TEST_TMUX" web
'

test_expect_success '--kill when none runs: exit 0' '
	tmuxopen --kill -L "$TEST_TMUX" web &&
	has_session web-edit-old
'

test_expect_success '--kill of an unknown project: exit 100' '
	test_expect_code 100 tmuxopen --kill -L "$TEST_TMUX" nope 2>err &&
	test_grep "unknown project" err
'

test_done
