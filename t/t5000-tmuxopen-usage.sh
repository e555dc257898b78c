#!/bin/sh
test_description='tmuxopen: options, project files, bad input, dry run'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/tmuxopen-lib.sh"

CFG=$XDG_CONFIG_HOME/tmuxopen

# A tmux that logs every call, to prove that nothing ran.
REAL_TMUX=$(command -v tmux)
mkdir -p fakebin
cat >fakebin/tmux <<EOF
#!/bin/sh
echo "\$*" >>"$TRASH_DIRECTORY/tmux.log"
exec "$REAL_TMUX" "\$@"
EOF
chmod +x fakebin/tmux
logged() { PATH="$TRASH_DIRECTORY/fakebin:$PATH" "$@"; }

mkdir -p src/web/app
project web <<'EOF'
name = "web"
root = "~/src/web"
[[session]]
name = "web-edit"
root = "app"
[[session.window]]
name = "editor"
command = "vim ."
[[session.window]]
name = "server"
command = "make run"
panes = ["tail -f log/dev.log"]
layout = "main-vertical"
[[session]]
name = "web-db"
EOF

test_expect_success '--help prints the usage on stdout' '
	tmuxopen --help >out &&
	test_grep "tmuxopen --status PROJECT" out &&
	test_grep -e "--dry-run" out
'

test_expect_success '--version' '
	tmuxopen --version >out &&
	test_grep "^tmuxopen [0-9]" out
'

test_expect_success 'an unknown option is one line and exit 100' '
	test_expect_code 100 tmuxopen --bogus web 2>err &&
	test_line_count = 1 err &&
	test_grep "^tmuxopen: fatal: unknown option" err
'

test_expect_success 'no project is a usage error' '
	test_expect_code 100 tmuxopen 2>err &&
	test_grep "^tmuxopen: usage: tmuxopen " err
'

test_expect_success 'two projects are a usage error' '
	test_expect_code 100 tmuxopen -d web web 2>err &&
	test_grep "^tmuxopen: usage:" err
'

test_expect_success 'options that exclude one another' '
	test_expect_code 100 tmuxopen -L a -S b -d web 2>err &&
	test_grep "use -L or -S, not both" err &&
	test_expect_code 100 tmuxopen --status --kill web 2>err &&
	test_grep "exclude one another" err &&
	test_expect_code 100 tmuxopen --list web 2>err &&
	test_grep "takes no project" err &&
	test_expect_code 100 tmuxopen -d --status web 2>err &&
	test_expect_code 100 tmuxopen --dry-run --kill web 2>err &&
	test_expect_code 100 tmuxopen -d --cc web 2>err &&
	test_grep "exclude one another" err &&
	test_expect_code 100 tmuxopen -L "" -d web 2>err &&
	test_grep "bad -L" err
'

test_expect_success 'an unknown project is exit 100, naming the file' '
	test_expect_code 100 logged tmuxopen -d -L "$TEST_TMUX" nope 2>err &&
	test_grep "unknown project .nope.: no $CFG/nope.toml" err &&
	test_path_is_missing tmux.log
'

test_expect_success 'bad project names' '
	test_expect_code 100 tmuxopen -d a/b 2>err &&
	test_grep "bad project name .a/b.: contains ./. (use -f FILE" err &&
	test_expect_code 100 tmuxopen -d .hidden 2>err &&
	test_grep "begins with" err &&
	test_expect_code 100 tmuxopen -d "" 2>err &&
	test_grep "empty" err
'

# bad NAME LINE-OF-KEY 'key: why' <toml: the message and exit 100, and
# no tmux call at all.
bad() {
	cat >"$CFG/$1.toml" &&
	rm -f tmux.log &&
	test_expect_code 100 logged tmuxopen -d -L "$TEST_TMUX" "$1" 2>err &&
	test_line_count = 1 err &&
	test_grep -F "tmuxopen: fatal: $CFG/$1.toml:$2: $3" err &&
	test_path_is_missing tmux.log
}

test_expect_success 'a session name with a dot: file:line: key, before tmux runs' '
	bad dot 3 "session.name: '"'"'a.b'"'"': tmux session names cannot contain '"'"'.'"'"' or '"'"':'"'"'" <<-\EOF
	name = "p"
	[[session]]
	name = "a.b"
	EOF
'

test_expect_success 'a session name with a colon' '
	bad colon 4 "session.name: '"'"'a:b'"'"'" <<-\EOF
	[[session]]
	name = "ok"
	[[session]]
	name = "a:b"
	EOF
'

test_expect_success 'names tmux would rewrite: backslash, control characters' '
	bad bs 2 "session.name: " <<-\EOF &&
	[[session]]
	name = "a\\b"
	EOF
	test_grep "rewrite" err &&
	bad ctl 2 "session.name: " <<-\EOF &&
	[[session]]
	name = "a\tb"
	EOF
	test_grep "control characters" err
'

test_expect_success 'a TOML syntax error names file, line and column' '
	printf "[[session]]\nname = \"x\nroot = 1\n" >"$CFG/syn.toml" &&
	test_expect_code 100 tmuxopen -d syn 2>err &&
	test_line_count = 1 err &&
	test_grep "^tmuxopen: fatal: $CFG/syn.toml:2:[0-9]*: " err
'

test_expect_success 'wrong types' '
	bad t1 1 "name: expected a string, not integer" <<-\EOF &&
	name = 3
	[[session]]
	name = "x"
	EOF
	bad t2 3 "session.window.command: expected a string, not array" <<-\EOF &&
	[[session]]
	name = "x"
	window = [{ command = ["a"] }]
	EOF
	bad t3 4 "session.window.panes: expected an array, not string" <<-\EOF &&
	[[session]]
	name = "x"
	[[session.window]]
	panes = "top"
	EOF
	bad t4 4 "session.window.panes: expected a string or a table, not integer" <<-\EOF &&
	[[session]]
	name = "x"
	[[session.window]]
	panes = [1]
	EOF
	bad t5 3 "session.window: expected an array of tables" <<-\EOF
	[[session]]
	name = "x"
	[session.window]
	name = "w"
	EOF
'

test_expect_success 'missing, duplicate and bad values' '
	bad m1 1 "session: missing name" <<-\EOF &&
	[[session]]
	root = "/"
	EOF
	bad m2 4 "session.name: duplicate session '"'"'x'"'"' (also at line 2)" <<-\EOF &&
	[[session]]
	name = "x"
	[[session]]
	name = "x"
	EOF
	bad m3 3 "session.on_exit: '"'"'never'"'"': expected \"shell\" or \"close\"" <<-\EOF &&
	[[session]]
	name = "x"
	on_exit = "never"
	EOF
	bad m4 5 "session.window.layout: '"'"'diagonal'"'"': expected" <<-\EOF &&
	[[session]]
	name = "x"
	[[session.window]]
	name = "w"
	layout = "diagonal"
	EOF
	bad m5 1 "root: unknown user" <<-\EOF &&
	root = "~nosuchuser-tk/x"
	[[session]]
	name = "x"
	EOF
	bad m6 2 "session.root: empty directory" <<-\EOF
	[[session]]
	root = ""
	name = "x"
	EOF
'

test_expect_success 'a project without sessions' '
	echo "name = \"x\"" >"$CFG/empty.toml" &&
	test_expect_code 100 tmuxopen -d empty 2>err &&
	test_grep "empty.toml: no \[\[session\]\]" err
'

test_expect_success 'an unknown key is a warning, not an error' '
	project unk <<-\EOF &&
	colour = "red"
	[[session]]
	name = "x"
	shell = "zsh"
	EOF
	tmuxopen -n -d unk >out 2>err &&
	test_grep "^tmuxopen: warning: $CFG/unk.toml:1: colour: unknown key, ignored" err &&
	test_grep "^tmuxopen: warning: $CFG/unk.toml:4: session.shell: unknown key, ignored" err &&
	test_grep "new-session -d -s x " out
'

test_expect_success 'a missing directory stops the run before tmux runs' '
	project nodir <<-\EOF &&
	[[session]]
	name = "nd-one"
	[[session]]
	name = "nd-two"
	root = "/"
	[[session.window]]
	name = "w"
	root = "no/such/dir"
	EOF
	rm -f tmux.log &&
	test_expect_code 100 logged tmuxopen -d -L "$TEST_TMUX" nodir 2>err &&
	test_grep -F "$CFG/nodir.toml:8: session.window.root: /no/such/dir: No such file or directory" err &&
	test_line_count = 1 tmux.log &&
	test_grep "^-L $TEST_TMUX list-sessions" tmux.log &&
	! has_session nd-one
'

test_expect_success 'a file where a directory should be' '
	project notdir <<-EOF &&
	[[session]]
	name = "x"
	root = "$TRASH_DIRECTORY/fakebin/tmux"
	EOF
	test_expect_code 100 tmuxopen -n -d notdir 2>err &&
	test_grep -F "notdir.toml:3: session.root: $TRASH_DIRECTORY/fakebin/tmux: not a directory" err
'

test_expect_success 'no tmux in PATH: exit 111, clear message' '
	test_expect_code 111 env PATH="$TOP/bin" tmuxopen -d -L "$TEST_TMUX" web 2>err &&
	test_line_count = 1 err &&
	test_grep "^tmuxopen: fatal: unable to run tmux: No such file or directory" err &&
	test_expect_code 111 env PATH="$TOP/bin" tmuxopen --status web 2>err &&
	test_grep "unable to run tmux" err
'

test_expect_success '-f FILE: the file names the project' '
	cp "$CFG/web.toml" other.toml &&
	tmuxopen -n -d -f other.toml >out &&
	test_grep "@project web" out &&
	tmuxopen -n -d -f other.toml web >out2 &&
	test_cmp out out2 &&
	test_expect_code 100 tmuxopen -n -d -f other.toml api 2>err &&
	test_grep "other.toml is project .web., not .api." err
'

test_expect_success '-f FILE without a name: the base name is the project' '
	printf "[[session]]\nname = \"solo\"\n" >mine.toml &&
	tmuxopen -n -d -f mine.toml >out &&
	test_grep "@project mine " out
'

test_expect_success '-f with a missing file' '
	test_expect_code 100 tmuxopen -d -f nosuch.toml 2>err &&
	test_grep "unable to read nosuch.toml: No such file or directory" err
'

test_expect_success 'a relative project root is taken from the file'"'"'s directory' '
	mkdir -p proj/code &&
	printf "root = \"code\"\n[[session]]\nname = \"rel\"\n" >proj/p.toml &&
	tmuxopen -n -d -f proj/p.toml >out &&
	test_grep -F -- "-c $TRASH_DIRECTORY/proj/code " out
'

test_expect_success 'no root: the home directory' '
	printf "[[session]]\nname = \"h\"\n" >"$CFG/h.toml" &&
	tmuxopen -n -d h >out &&
	test_grep -F -- "-c $HOME -P" out
'

test_expect_success '--dry-run prints the exact commands and runs none' '
	rm -f tmux.log &&
	logged tmuxopen -n -L sock web >out &&
	test_path_is_missing tmux.log &&
	W="/bin/sh -c '"'"'trap : INT QUIT; set -m; \"\${SHELL:-/bin/sh}\" -c \"\$1\"; exec \"\${SHELL:-/bin/sh}\"'"'"' sh" &&
	F="-P -F '"'"'#{pid} #{session_id} #{window_id} #{pane_id}'"'"'" &&
	cat >expect <<-EOF &&
	tmux -L sock new-session -d -s web-edit -n editor -c $HOME/src/web/app $F $W '"'"'vim .'"'"'
	tmux -L sock new-window -d -t '"'"'\$S1'"'"' -n server -c $HOME/src/web/app $F $W '"'"'make run'"'"'
	tmux -L sock set-option -w -t @W1 @project web '"'"';'"'"' set-option -w -t @W1 @tmux_session web-edit '"'"';'"'"' set-option -w -t @W2 @project web '"'"';'"'"' set-option -w -t @W2 @tmux_session web-edit '"'"';'"'"' split-window -t @W2 -c $HOME/src/web/app $W '"'"'tail -f log/dev.log'"'"' '"'"';'"'"' select-layout -t @W2 main-vertical '"'"';'"'"' select-pane -t %P2
	tmux -L sock new-session -d -s web-db -c $HOME/src/web $F
	tmux -L sock set-option -w -t @W3 @project web '"'"';'"'"' set-option -w -t @W3 @tmux_session web-db
	tmux -L sock attach-session -t =web-edit
	EOF
	test_cmp expect out
'

test_expect_success '--dry-run: -d prints no attach; --cc and $TMUX change it' '
	tmuxopen -n -d -S /tmp/x.sock web >out &&
	! test_grep attach out &&
	test_grep "^tmux -S /tmp/x.sock new-session" out &&
	tmuxopen -n --cc web >out &&
	test_grep "^tmux -CC attach-session -t =web-edit\$" out &&
	TMUX=/tmp/x,1,0 tmuxopen -n web >out &&
	test_grep "^tmux switch-client -t =web-edit\$" out
'

test_expect_success 'long options are the short ones' '
	tmuxopen -n -d -L sock web >short &&
	tmuxopen --dry-run --detached --socket-name sock web >long &&
	test_cmp short long &&
	tmuxopen -n -d -S /tmp/x.sock web >short &&
	tmuxopen -n -d --socket-path /tmp/x.sock --file "$CFG/web.toml" >long &&
	test_cmp short long &&
	tmuxopen -d --verbose --dry-run web >out 2>err &&
	! test -s err
'

test_expect_success '~user is that user'"'"'s home directory' '
	home=$(getent passwd root | cut -d: -f6) &&
	printf "root = \"~root\"\n[[session]]\nname = \"r\"\n" >"$CFG/tilde.toml" &&
	tmuxopen -n -d tilde >out &&
	test_grep -F -- "-c $home -P" out
'

test_expect_success 'a relative XDG_CONFIG_HOME is ignored' '
	mkdir -p rel/tmuxopen &&
	printf "[[session]]\nname = \"wrong\"\n" >rel/tmuxopen/web.toml &&
	XDG_CONFIG_HOME=rel tmuxopen -n -d web >out &&
	test_grep "new-session -d -s web-edit" out
'

test_expect_success '--dry-run output runs as shell commands' '
	project q <<-\EOF &&
	[[session]]
	name = "q"
	[[session.window]]
	name = "it'"'"'s"
	command = "echo \"a  b\" '"'"'c'"'"' $HOME"
	EOF
	tmuxopen -n -d q >out &&
	sed -n "1s/^tmux /printf \"<%s>\\\\n\" /p" out >script &&
	sh script >args &&
	test_grep "^<it'"'"'s>\$" args &&
	test_grep "^<echo \"a  b\" '"'"'c'"'"' \$HOME>\$" args
'

test_expect_success 'tmux escapes: # doubled where tmux expands formats, ; at the end' '
	mkdir -p "d#{x}" &&
	project esc <<-EOF &&
	[[session]]
	name = "s#1"
	root = "$TRASH_DIRECTORY/d#{x}"
	[[session.window]]
	name = "w#{pid}"
	command = "find . -exec true {} \\\\;"
	panes = ["echo x;"]
	EOF
	tmuxopen -n -d esc >out &&
	test_grep -F -- "-s '"'"'s##1'"'"' -n '"'"'w##{pid}'"'"' -c '"'"'$TRASH_DIRECTORY/d##{x}'"'"' " out &&
	test_grep -F -- "sh '"'"'find . -exec true {} \\\\;'"'"'" out &&
	test_grep -F -- "sh '"'"'echo x\\;'"'"'" out &&
	test_grep -F "@tmux_session '"'"'s#1'"'"'" out
'

test_expect_success 'attaching needs a terminal: exit 100 before anything runs' '
	rm -f tmux.log &&
	test_expect_code 100 logged tmuxopen -L "$TEST_TMUX" web </dev/null 2>err &&
	test_grep "standard input is not a terminal; use -d" err &&
	test_path_is_missing tmux.log
'

test_expect_success 'inside another tmux server: exit 100 before anything runs' '
	rm -f tmux.log &&
	test_expect_code 100 env TMUX=/nonexistent/sock,1,0 tmuxopen -L "$TEST_TMUX" web 2>err &&
	test_grep "from inside another tmux server" err &&
	test_path_is_missing tmux.log
'

test_done
