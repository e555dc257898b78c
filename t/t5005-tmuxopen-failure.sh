#!/bin/sh
test_description='tmuxopen: failing midway removes what the run created, and only that'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/tmuxopen-lib.sh"

test_have_prereq TMUX || test_skip_all 'tmux is not installed'

# A tmux that, at its call number $AT (counting from 1), first does
# $WHAT: "kill" kills the server and waits until it is gone, "term"
# sends SIGTERM to its parent (tmuxopen), "create NAME" makes session
# NAME behind tmuxopen's back.
REAL_TMUX=$(command -v tmux)
mkdir -p fakebin
cat >fakebin/tmux <<EOF
#!/bin/sh
n=\$(cat "$TRASH_DIRECTORY/calls" 2>/dev/null || echo 0)
n=\$((n + 1))
echo \$n >"$TRASH_DIRECTORY/calls"
echo "\$*" >>"$TRASH_DIRECTORY/tmux.log"
if [ "\$n" = "\$AT" ]; then
	case \$WHAT in
	kill)
		"$REAL_TMUX" -L "$TEST_TMUX" kill-server
		i=0
		while "$REAL_TMUX" -L "$TEST_TMUX" list-sessions >/dev/null 2>&1 ||
		    ! "$REAL_TMUX" -L "$TEST_TMUX" list-sessions 2>&1 | grep -q -e "^no server" -e "^error connecting"; do
			i=\$((i + 1)); [ \$i -gt 500 ] && break; sleep 0.02
		done ;;
	term) kill -TERM \$PPID ;;
	create\ *) "$REAL_TMUX" -L "$TEST_TMUX" new-session -d -s "\${WHAT#create }" ;;
	esac
fi
exec "$REAL_TMUX" "\$@"
EOF
chmod +x fakebin/tmux

# faulty AT WHAT tmuxopen ARGS...
faulty() {
	rm -f calls tmux.log
	AT=$1 WHAT=$2
	shift 2
	AT=$AT WHAT=$WHAT PATH="$TRASH_DIRECTORY/fakebin:$PATH" "$@"
}

mkdir -p src
cat >layout.toml <<'EOF'
name = "f"
[[session]]
name = "f-pre"
[[session]]
name = "f-one"
[[session.window]]
name = "a"
[[session.window]]
name = "b"
[[session]]
name = "f-two"
[[session.window]]
name = "w"
panes = ["sleep 1000"]
layout = "abcd,80x24,0,0"
EOF

test_expect_success 'set up: a server with sessions of its own' '
	start_server &&
	tm new-session -d -s f-pre &&
	tm new-window -d -t =f-pre: -n mine &&
	tm new-session -d -s f-one-old &&
	windows >before
'

test_expect_success 'tmux fails midway: exit 111, what this run made is removed' '
	test_expect_code 111 tmuxopen -d -L "$TEST_TMUX" -f layout.toml 2>err &&
	test_line_count = 1 err &&
	test_grep "^tmuxopen: fatal: session f-two: tmux: invalid layout: abcd,80x24,0,0; removed what this run created: f-two f-one\$" err &&
	windows >after &&
	test_cmp before after
'

test_expect_success 'a retry starts clean' '
	sed "s/^layout = .*/layout = \"tiled\"/" layout.toml >fixed.toml &&
	tmuxopen -d -L "$TEST_TMUX" -f fixed.toml &&
	has_session f-one && has_session f-two &&
	test "$(fmt =f-pre: "#{session_windows}")" = 2 &&
	tmuxopen --kill -L "$TEST_TMUX" -f fixed.toml &&
	tm new-session -d -s f-pre &&
	tm new-window -d -t =f-pre: -n mine
'

cat >three.toml <<'EOF'
name = "g"
[[session]]
name = "g-one"
[[session.window]]
name = "a"
[[session.window]]
name = "b"
[[session]]
name = "g-two"
[[session]]
name = "g-three"
EOF

test_expect_success 'the server killed between two calls: a clear error' '
	# 1 list-sessions, 2 new-session g-one, 3 new-window: killed before.
	test_expect_code 111 faulty 3 kill tmuxopen -d -L "$TEST_TMUX" -f three.toml 2>err &&
	test_line_count = 1 err &&
	test_grep "^tmuxopen: fatal: session g-one: tmux new-window: no server running on " err
'

test_expect_success 'a new server appearing midway is noticed and cleaned' '
	start_server &&
	# 1 list-sessions, 2-4 g-one, 5 the new-session of g-two: it
	# starts a new server.
	test_expect_code 111 faulty 5 kill tmuxopen -d -L "$TEST_TMUX" -f three.toml 2>err &&
	test_grep "session g-two: the tmux server changed during the run (pid [0-9]*, then [0-9]*); removed what this run created: g-two\$" err &&
	! has_session g-one && ! has_session g-two && ! has_session g-three
'

test_expect_success 'a retry starts clean' '
	start_server &&
	tmuxopen -d -L "$TEST_TMUX" -f three.toml &&
	has_session g-one && has_session g-two && has_session g-three &&
	tmuxopen --kill -L "$TEST_TMUX" -f three.toml
'

test_expect_success 'SIGTERM midway: the run stops, undoes, exits 143' '
	windows >before &&
	# 4 is the set-option call after g-one'"'"'s windows.
	test_expect_code 143 faulty 4 term tmuxopen -d -L "$TEST_TMUX" -f three.toml 2>err &&
	test_grep "^tmuxopen: fatal: interrupted by SIGTERM; removed what this run created: g-one\$" err &&
	windows >after &&
	test_cmp before after
'

test_expect_success 'a session made by someone else meanwhile is left alone' '
	# 2 is the new-session of g-one: someone makes it just before.
	faulty 2 "create g-one" tmuxopen -d -L "$TEST_TMUX" -f three.toml &&
	test "$(fmt =g-one: "#{session_windows} #{@project}")" = "1 " &&
	has_session g-two && has_session g-three &&
	test "$(fmt =g-two: "#{@project}")" = g
'

test_expect_success 'a failure spares the project'"'"'s sessions that existed' '
	tmuxopen --kill -L "$TEST_TMUX" -f three.toml &&
	tm new-session -d -s g-one &&
	windows >before &&
	# 1 list-sessions (g-one runs), 2 new-session g-two, 3 its
	# set-option: SIGTERM.
	test_expect_code 143 faulty 3 term tmuxopen -d -L "$TEST_TMUX" -f three.toml 2>err &&
	test_grep "removed what this run created: g-two\$" err &&
	! has_session g-two && ! has_session g-three &&
	windows >after &&
	test_cmp before after
'

test_done
