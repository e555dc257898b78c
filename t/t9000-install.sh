#!/bin/sh
test_description='make install: the tools work from the prefix alone; make uninstall'
. "${0%/*}/lib.sh"

# The make that built the tree for this run: the same SAN and library
# switches, so that install finds everything up to date and rebuilds
# nothing under the tests running beside this one. MAKEFLAGS from an
# outer make check is dropped (its jobserver is not ours).
unset MAKEFLAGS MFLAGS MAKELEVEL
tkmake() {
	set -- -s -C "$TOP" "$@"
	if [ -n "$TOOLKIT_SAN" ]; then set -- "$@" SAN="$TOOLKIT_SAN"; fi
	if [ -n "$TOOLKIT_WITH_SQLITE" ]; then set -- "$@" WITH_SQLITE="$TOOLKIT_WITH_SQLITE"; fi
	if [ -n "$TOOLKIT_WITH_CURL" ]; then set -- "$@" WITH_CURL="$TOOLKIT_WITH_CURL"; fi
	make "$@"
}

D=$TRASH_DIRECTORY/dest
P=/opt/tk
I=$D$P
# The tools present in this tree, as the Makefile lists them.
TOOLS=$(cd "$TOP/src" && ls -d */ | tr -d / | sort)
# A PATH without the tree's bin/ or helpers: only the installed tools.
IPATH=$I/bin:/usr/bin:/bin

if [ "$(id -u)" = 0 ]; then test_set_prereq ROOT; fi

test_expect_success 'make install DESTDIR PREFIX puts binaries and man pages there, nothing else' '
	stamp=$(stat -c %Y "$TOP/bin/teelog") &&
	tkmake install DESTDIR="$D" PREFIX=$P >out 2>&1 &&
	test "$(stat -c %Y "$TOP/bin/teelog")" = "$stamp" &&
	(cd "$D" && find . -type f | sort) >files &&
	for t in $TOOLS; do echo ./opt/tk/bin/$t; done >expect &&
	for t in $TOOLS; do echo ./opt/tk/share/man/man1/$t.1; done >>expect &&
	sort expect >expect.sorted &&
	test_cmp expect.sorted files &&
	for t in $TOOLS; do
		test "$(stat -c %a "$I/bin/$t")" = 755 &&
		test "$(stat -c %a "$I/share/man/man1/$t.1")" = 644 &&
		cmp "$TOP/bin/$t" "$I/bin/$t" || return 1
	done
'

test_expect_success 'each installed tool answers --version from the prefix alone' '
	for t in $TOOLS; do
		PATH=$IPATH command -v $t >where &&
		echo "$I/bin/$t" >expect && test_cmp expect where &&
		PATH=$IPATH $t --version >v &&
		echo "$t 0.1.0" >expect && test_cmp expect v || return 1
	done
'

test_expect_success MANDOC 'the installed man pages render, one per tool' '
	for t in $TOOLS; do
		mandoc -Tascii "$I/share/man/man1/$t.1" | sed "s/.\x08//g" >page &&
		grep -q "^NAME" page || return 1
	done
'

test_lazy_prereq MAN 'command -v man'
test_expect_success MAN 'man finds each page under PREFIX/share/man' '
	for t in $TOOLS; do
		man -M "$I/share/man" -w $t >where &&
		echo "$I/share/man/man1/$t.1" >expect &&
		test_cmp expect where || return 1
	done
'

test_expect_success 'the installed tools compose: daemonrun supervises teelog, healthcheck checks it' '
	(
		PATH=$IPATH &&
		daemonrun --state-dir sd -l ev.log -- \
			teelog -q out.log -- sh -c "echo hello; exec sleep 1000" &
		echo $! >dr.pid
	) &&
	test_wait_for "grep -q ^hello out.log" &&
	# CMD may print before daemonrun has written its status.
	test_wait_for "grep -q \"^pid=[1-9]\" sd/status 2>/dev/null" &&
	pid=$(sed -n "s/^pid=//p" sd/status) &&
	PATH=$IPATH healthcheck --pid "$pid" >hc &&
	test_grep "^HEALTHCHECK OK" hc &&
	printf x >sd/control &&
	test_wait_for "! test_alive $(cat dr.pid)" &&
	test_grep "info start pid=" ev.log
'

# plotq daemon --daemonize returns once the daemon is started, not once it
# listens (daemonrun -d); a client that comes too early starts a second
# daemon, which finds the first and fails. So wait for the socket.
test_expect_success ROOT 'installed plotq finds daemonrun beside itself' '
	test_when_finished "test -s pq.pid && kill \$(cat pq.pid)" &&
	(
		PATH=$IPATH &&
		export XDG_RUNTIME_DIR="$TRASH_DIRECTORY/pq/run" &&
		mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR" &&
		plotq daemon --daemonize --pid-file "$TRASH_DIRECTORY/pq.pid" \
			--workspace "$TRASH_DIRECTORY/pq/ws" &&
		test_wait_for "test -S \"\$XDG_RUNTIME_DIR/plotq/sock\"" 20 &&
		id=$(plotq run -- echo from-the-prefix) &&
		plotq wait "$id" &&
		plotq log "$id" >"$TRASH_DIRECTORY/pq.log" &&
		plotq shutdown --now >/dev/null
	) &&
	test_grep "^from-the-prefix" pq.log &&
	test_wait_for "! test -e pq.pid"
'

if [ -x "$TOP/bin/daemonctl" ]; then test_set_prereq DAEMONCTL; fi
test_expect_success DAEMONCTL 'installed daemonctl finds its siblings beside itself, not on PATH' '
	test_when_finished "PATH=/usr/bin:/bin \"$I/bin/daemonctl\" --home dc stop web >/dev/null 2>&1" &&
	(
		PATH=/usr/bin:/bin &&
		! command -v daemonrun && ! command -v teelog &&
		"$I/bin/daemonctl" --home dc new web -- sh -c "echo up; exec sleep 1000" &&
		"$I/bin/daemonctl" --home dc start web &&
		"$I/bin/daemonctl" --home dc status web >"$TRASH_DIRECTORY/st" &&
		"$I/bin/daemonctl" --home dc stop web
	) &&
	test_grep "^web: up (pid [0-9]*)" st &&
	test_grep "info start pid=[0-9]* cmd=\"$I/bin/teelog " dc/logs/web/events.log &&
	test_grep "^[-0-9T:.+]* up$" dc/logs/web/out.log
'

test_expect_success 'reinstalling over a running binary replaces it (no ETXTBSY)' '
	(PATH=$IPATH; exec daemonrun --kill-timeout 1s -- sleep 1000) &
	run=$! &&
	test_when_finished "kill $run" &&
	test_wait_for "pgrep -P $run >/dev/null" &&
	test "$(readlink /proc/$run/exe)" = "$I/bin/daemonrun" &&
	touch -d @0 "$I/bin/daemonrun" &&
	tkmake install DESTDIR="$D" PREFIX=$P >out 2>&1 &&
	cmp "$TOP/bin/daemonrun" "$I/bin/daemonrun" &&
	! test -e "$I/bin/daemonrun.new"
'

test_expect_success 'make uninstall removes exactly what was installed' '
	mkdir -p "$I/bin" "$I/share/man/man1" &&
	echo mine >"$I/bin/other" &&
	echo mine >"$I/share/man/man1/other.1" &&
	tkmake uninstall DESTDIR="$D" PREFIX=$P >out 2>&1 &&
	(cd "$D" && find . | sort) >left &&
	cat >expect <<-\EOF &&
	.
	./opt
	./opt/tk
	./opt/tk/bin
	./opt/tk/bin/other
	./opt/tk/share
	./opt/tk/share/man
	./opt/tk/share/man/man1
	./opt/tk/share/man/man1/other.1
	EOF
	test_cmp expect left &&
	tkmake uninstall DESTDIR="$D" PREFIX=$P >out 2>&1
'

test_done
