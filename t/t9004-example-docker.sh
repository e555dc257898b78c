#!/bin/sh
test_description='doc/examples/Dockerfile: its ENTRYPOINT+CMD run as PID 1 of a new pid namespace, its HEALTHCHECK probes'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/examples-lib.sh"

# No Docker engine here: the image's last stage is played by hand. The
# user and /srv/app, /var/log/app come from the examples' small machine
# (examples-lib.sh), the namespaces from unshare: a pid namespace whose
# PID 1 is the ENTRYPOINT, a network namespace with its own loopback
# (the container's 127.0.0.1:8080), a mount namespace with its own /proc.
if test_have_prereq EXNS && command -v python3 >/dev/null && command -v ip >/dev/null &&
    command -v nsenter >/dev/null &&
    unshare -p -f -n --mount-proc --kill-child true >/dev/null 2>&1; then
	test_set_prereq CONTAINER
fi

LOGS=$ROOT/var/log/app
test_cleanup_hook='
	[ -s pid1 ] && kill -KILL "$(cat pid1)" 2>/dev/null
	ex_cleanup'

# The last stage of the Dockerfile as shell assignments: WORKDIR, the
# exec-form ENTRYPOINT and CMD joined (RUNCMD), HEALTHCHECK's command
# (HCCMD) and options (HCOPTS), STOPSIGNAL, the user useradd makes.
parse_dockerfile() {
	python3 - "$1" <<-\EOF
	import json, re, shlex, sys
	text = open(sys.argv[1]).read()
	lines, cur = [], ""
	for l in text.split("\n"):
	    if not cur and re.match(r"\s*#", l):
	        continue
	    if l.endswith("\\"):
	        cur += l[:-1] + " "
	        continue
	    cur += l
	    if cur.strip():
	        lines.append(cur.strip())
	    cur = ""
	stage = []
	for l in lines:
	    if l.split()[0].upper() == "FROM":
	        stage = []
	    stage.append(l)
	v = {}
	for l in stage:
	    ins, _, rest = l.partition(" ")
	    ins = ins.upper()
	    rest = rest.strip()
	    if ins in ("ENTRYPOINT", "CMD"):
	        v[ins] = json.loads(rest)      # exec form only: no shell in between
	    elif ins == "HEALTHCHECK":
	        opts, _, cmd = rest.partition("CMD ")
	        v["HCOPTS"] = opts.strip()
	        v["HCCMD"] = json.loads(cmd)
	    elif ins in ("WORKDIR", "STOPSIGNAL"):
	        v[ins] = rest
	    elif ins == "RUN" and "useradd" in rest:
	        v["USER"] = re.search(r"useradd\s.*?(\w+)\s*(&&|$)", rest).group(1)
	q = shlex.quote
	print("WORKDIR=%s" % q(v["WORKDIR"]))
	print("RUNCMD=%s" % q(" ".join(q(a) for a in v["ENTRYPOINT"] + v["CMD"])))
	print("HCCMD=%s" % q(" ".join(q(a) for a in v["HCCMD"])))
	print("HCOPTS=%s" % q(v["HCOPTS"]))
	print("STOPSIGNAL=%s" % q(v["STOPSIGNAL"]))
	print("APPUSER=%s" % q(v["USER"]))
	EOF
}

# In the container's namespaces, as docker exec does.
in_ctr() { nsenter -t "$(cat pid1)" -m -n -p -- "$@"; }
probe() { in_ctr sh -c "$HCCMD"; }

test_expect_success PYTHON 'the Dockerfile parses: exec forms, a probe, a user' '
	parse_dockerfile "$EX/Dockerfile" >df.sh &&
	. ./df.sh &&
	test "$WORKDIR" = /srv/app &&
	test "$APPUSER" = app &&
	test "$STOPSIGNAL" = SIGTERM &&
	case $RUNCMD in daemonrun\ *) ;; *) false ;; esac &&
	case $HCCMD in healthcheck\ *) ;; *) false ;; esac &&
	echo "$HCOPTS" | grep -q -- "--retries=3"
'

test_expect_success CONTAINER 'daemonrun is PID 1; teelog logs; the app runs as app' '
	. ./df.sh &&
	ex_setup &&
	mkdir -p "$LOGS" "$ROOT/srv/app/www" &&
	echo ok >"$ROOT/srv/app/www/health" &&
	cat >"$ROOT/srv/app/server" <<-\EOF &&
	#!/bin/sh
	echo "start user=$(id -un)"
	# An orphan for PID 1: its parent (the sh between) exits at once;
	# it says who adopted it once that has happened.
	sh -c '\''sh -c "$0" $$ & exit'\'' '\''
		while [ "$(cut -d" " -f4 /proc/$$/stat)" = "$1" ]; do sleep 0.01; done
		echo "orphan ppid=$(cut -d" " -f4 /proc/$$/stat)"'\''
	exec python3 -u -m http.server 8080 --bind 127.0.0.1 --directory /srv/app/www
	EOF
	chmod 755 "$ROOT/srv/app/server" &&
	cat >ctr.sh <<-EOF &&
	ip link set lo up && cd $WORKDIR && exec $RUNCMD
	EOF
	test_bg unshare -p -f -n --mount-proc --kill-child -- tk-exns sh ctr.sh >docker.log 2>&1 &&
	echo $TEST_BG_PID >unshare.pid &&
	test_wait_for "pgrep -P $TEST_BG_PID >pid1" &&
	test_wait_for "grep -q \"start user=app\" \"$LOGS/out.log\" 2>/dev/null" 30 &&
	test "$(readlink /proc/$(cat pid1)/exe)" = "$TOP/bin/daemonrun" &&
	test_grep "^NSpid:	$(cat pid1)	1$" /proc/$(cat pid1)/status &&
	test_grep -E "^[0-9T:.+-]+ start user=app$" "$LOGS/out.log" &&
	test_wait_for "grep -q \"^start user=app$\" docker.log" &&
	srv=$(pgrep -u $APP_UID -f "http.server 8080") &&
	test "$(ps -o comm= -p $(ps -o ppid= -p $srv))" = teelog
'

test_expect_success CONTAINER 'PID 1 adopts and reaps the orphan' '
	test_wait_for "grep -q \"orphan ppid=\" \"$LOGS/out.log\"" 30 &&
	test_grep " orphan ppid=1$" "$LOGS/out.log" &&
	test_wait_for "! grep -q \"^[0-9]* ([^)]*) Z\" /proc/$(cat pid1)/root/proc/[0-9]*/stat" 30
'

test_expect_success CONTAINER 'the HEALTHCHECK command answers healthy; the request is in err.log' '
	. ./df.sh &&
	test_wait_for "probe >hc" 30 &&
	test_grep "^HEALTHCHECK OK - http 200" hc &&
	test_wait_for "grep -q \"GET /health\" \"$LOGS/err.log\"" 30
'

test_expect_success CONTAINER 'the app crashes: PID 1 restarts the chain; healthy again' '
	. ./df.sh &&
	srv=$(pgrep -u $APP_UID -f "http.server 8080") &&
	kill -KILL $srv &&
	test_wait_for "test \$(grep -c \"start user=app\" \"$LOGS/out.log\") = 2" 30 &&
	test_wait_for "probe >hc" 30 &&
	test_grep "^HEALTHCHECK OK" hc &&
	test_alive "$(cat pid1)"
'

test_expect_success CONTAINER 'docker stop: SIGTERM to PID 1 stops it all; the status is the app'"'"'s' '
	. ./df.sh &&
	kill -s ${STOPSIGNAL#SIG} "$(cat pid1)" &&
	test_wait_for "! test_alive $(cat unshare.pid)" 30 &&
	wait $(cat unshare.pid); code=$? &&
	test $code = 143 &&
	! pgrep -u $APP_UID >/dev/null
'

test_done
