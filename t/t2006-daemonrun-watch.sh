#!/bin/sh
test_description='daemonrun --watch: a change restarts CMD (inotify and polling)'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/daemonrun-lib.sh"

runs() { if test -f runs; then wc -l <runs | tr -d " "; else echo 0; fi; }
watches() { grep -c " info watch " ev.log; }

# The command: counts its runs, then waits.
cat >svc <<\EOF
#!/bin/sh
echo run >>runs
exec sleep 1000
EOF
chmod +x svc

for mech in inotify poll; do
	if [ $mech = poll ]; then
		DAEMONRUN_WATCH=poll; export DAEMONRUN_WATCH
	fi

	test_expect_success "$mech: a change to a watched file restarts CMD" "
		rm -f runs ev.log && echo a=1 >cfg.toml &&
		dr --watch cfg.toml --reload-interval 100ms -l ev.log --log-level debug -- ./svc &&
		test_wait_for 'test \$(runs) = 1' &&
		grep -q 'debug watch mechanism=$mech paths=1' ev.log &&
		echo a=2 >>cfg.toml &&
		test_wait_for 'test \$(runs) = 2' &&
		test_grep 'info watch file=cfg.toml' ev.log &&
		test_grep 'debug change file=cfg.toml quiet=100ms' ev.log &&
		test_grep 'info stop pid=[0-9]* signal=TERM reason=watch' ev.log &&
		test \$(watches) = 1 &&
		kill -TERM \$DR && finished
	"

	test_expect_success "$mech: a file replaced by rename (an editor's save)" "
		rm -f runs ev.log &&
		dr --watch cfg.toml --reload-interval 100ms -l ev.log -- ./svc &&
		test_wait_for 'test \$(runs) = 1' &&
		echo a=3 >cfg.new && mv cfg.new cfg.toml &&
		test_wait_for 'test \$(runs) = 2' &&
		test_grep 'info watch file=cfg.toml' ev.log &&
		kill -TERM \$DR && finished
	"

	test_expect_success "$mech: directories are watched recursively, new ones too" "
		rm -rf runs ev.log src && mkdir -p src/a &&
		dr --watch src --reload-interval 100ms -l ev.log -- ./svc &&
		test_wait_for 'test \$(runs) = 1' &&
		echo x >src/a/one.c &&
		test_wait_for 'test \$(runs) = 2' &&
		test_grep 'info watch file=src/a/one.c' ev.log &&
		mkdir -p src/new/deeper &&
		test_wait_for 'test \$(runs) = 3' &&
		echo y >src/new/deeper/two.c &&
		test_wait_for 'test \$(runs) = 4' &&
		test_grep 'info watch file=src/new/deeper/two.c' ev.log &&
		kill -TERM \$DR && finished
	"

	test_expect_success "$mech: the default ignore patterns" "
		rm -rf runs ev.log src && mkdir -p src/pkg/__pycache__ src/.git/objects &&
		dr --watch src --reload-interval 100ms -l ev.log --log-level debug -- ./svc &&
		test_wait_for 'test \$(runs) = 1' &&
		echo x >src/m.pyc && echo x >src/pkg/__pycache__/m.txt &&
		echo x >src/.git/objects/ab && echo x >src/.git/HEAD &&
		echo x >src/app.log && echo x >src/pkg/x.tmp &&
		echo x >src/real.py &&
		test_wait_for 'test \$(runs) = 2' &&
		test_grep 'info watch file=src/real.py' ev.log &&
		! grep -E 'change file=.*(pyc|__pycache__|\\.git|\\.log|\\.tmp)' ev.log &&
		kill -TERM \$DR && finished
	"

	test_expect_success "$mech: --watch-ignore adds; an empty one clears the list" "
		rm -rf runs ev.log src && mkdir src &&
		dr --watch src --watch-ignore '*.swp' --watch-ignore '' --watch-ignore '*.bak' \
			--reload-interval 100ms -l ev.log --log-level debug -- ./svc &&
		test_wait_for 'test \$(runs) = 1' &&
		echo x >src/a.bak &&
		echo x >src/b.log &&
		test_wait_for 'test \$(runs) = 2' &&
		test_grep 'info watch file=src/b.log' ev.log &&
		! grep 'a.bak' ev.log &&
		kill -TERM \$DR && finished
	"

	test_expect_success "$mech: a burst of changes causes one restart" "
		rm -rf runs ev.log src && mkdir src &&
		dr --watch src --reload-interval 1s -l ev.log -- ./svc &&
		test_wait_for 'test \$(runs) = 1' &&
		(cd src && touch f01 f02 f03 f04 f05 f06 f07 f08 f09 f10 f11 f12 f13 f14 f15 f16 f17 f18 f19 f20 &&
		 for f in f*; do echo more >>\$f; done) &&
		test_wait_for 'test \$(runs) = 2' &&
		echo sentinel >src/zz-sentinel &&
		test_wait_for 'test \$(runs) = 3' &&
		test \$(watches) = 2 &&
		grep ' info watch ' ev.log | sed -n 2p | grep -q 'file=src/zz-sentinel' &&
		kill -TERM \$DR && finished
	"

	test_expect_success "$mech: daemonrun's own files in the tree are not changes" "
		rm -rf runs ev.log w && mkdir w &&
		dr --watch w --state-dir w/sd -l w/ev.log --pid-file w/d.pid --stdout w/out \
			--reload-interval 100ms --log-level debug -- ./svc &&
		test_wait_for 'test \$(runs) = 1' &&
		echo x >w/sentinel &&
		test_wait_for 'test \$(runs) = 2' &&
		echo y >w/sentinel2 &&
		test_wait_for 'test \$(runs) = 3' &&
		! grep -E 'change file=w/(sd|ev.log|d.pid|out)' w/ev.log &&
		test \$(grep -c ' info watch ' w/ev.log) = 2 &&
		printf x >w/sd/control && finished
	"

	test_expect_success "$mech: with --restart no, an ended CMD waits for a change" "
		rm -rf runs ev.log && echo 1 >cfg.toml &&
		dr --watch cfg.toml --reload-interval 100ms -l ev.log -- sh -c 'echo run >>runs; exit 1' &&
		test_wait_for 'test \$(runs) = 1' &&
		test_wait_for 'grep -q \"info exit\" ev.log' &&
		test_alive \$DR &&
		echo 2 >cfg.toml &&
		test_wait_for 'test \$(runs) = 2' &&
		kill -TERM \$DR && finished &&
		test \$code = 1
	"
done
unset DAEMONRUN_WATCH

test_expect_success 'a change during the backoff starts CMD at once' '
	rm -rf runs ev.log && echo 1 >cfg.toml &&
	dr --watch cfg.toml --restart always --restart-delay 1h -l ev.log -- \
		sh -c "echo run >>runs; exit 1" &&
	test_wait_for "grep -q \"restart delay=1h\" ev.log" &&
	echo 2 >cfg.toml &&
	test_wait_for "test \$(runs) = 2" &&
	kill -TERM $DR && finished
'

test_done
