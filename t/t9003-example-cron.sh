#!/bin/sh
test_description='doc/examples/healthcheck.cron: the crontab parses; its command counts failures in the state file'
. "${0%/*}/lib.sh"
. "$TEST_DIRECTORY/helpers/examples-lib.sh"

CRON=$EX/healthcheck.cron

# cron_check FILE: every line is a comment, blank, NAME=value, or five
# valid time fields and a command without a bare %; prints the commands.
cron_check() {
	awk '
	function field(f, lo, hi, names,   n, parts, i, p, r, step, a, b) {
		n = split(tolower(f), parts, ",")
		for (i = 1; i <= n; i++) {
			p = parts[i]
			step = ""
			if (index(p, "/")) { step = substr(p, index(p, "/") + 1); p = substr(p, 1, index(p, "/") - 1)
				if (step !~ /^[0-9]+$/ || step + 0 < 1) return 0 }
			if (p == "*") continue
			if (names != "" && index(names, " " p " ")) continue
			if (p ~ /^[0-9]+-[0-9]+$/) { split(p, r, "-"); a = r[1] + 0; b = r[2] + 0
				if (a < lo || b > hi || a > b) return 0; continue }
			if (p ~ /^[0-9]+$/) { if (p + 0 < lo || p + 0 > hi) return 0; continue }
			return 0
		}
		return 1
	}
	/^[ \t]*(#|$)/ { next }
	/^[A-Za-z_][A-Za-z0-9_]*=/ { next }
	{
		line = $0
		if ($1 ~ /^@(reboot|yearly|annually|monthly|weekly|daily|hourly)$/) { nf = 1 }
		else {
			nf = 5
			if (NF < 6 || !field($1, 0, 59, "") || !field($2, 0, 23, "") ||
			    !field($3, 1, 31, "") ||
			    !field($4, 1, 12, " jan feb mar apr may jun jul aug sep oct nov dec ") ||
			    !field($5, 0, 7, " sun mon tue wed thu fri sat ")) {
				print FILENAME ":" NR ": bad time fields" > "/dev/stderr"; bad = 1; next }
		}
		cmd = line
		for (i = 0; i < nf; i++) sub(/^[ \t]*[^ \t]+[ \t]+/, "", cmd)
		if (cmd ~ /(^|[^\\])%/) { print FILENAME ":" NR ": a bare % (cron makes it a newline)" > "/dev/stderr"; bad = 1; next }
		print cmd
	}
	END { exit bad }' "$1"
}

test_expect_success 'the checker refuses what cron would get wrong' '
	for l in "61 * * * * true" "* 24 * * * true" "* * 0 * * true" "* * * 13 * true" \
	    "* * * * 8 true" "*/0 * * * * true" "* * * * *" "* * * * * echo 50%" \
	    "5-1 * * * * true" "* * * foo * true"; do
		echo "$l" >bad.cron &&
		test_must_fail cron_check bad.cron >/dev/null 2>err &&
		test_line_count = 1 err || return 1
	done &&
	printf "%s\n" "# c" "A=b" "*/5 0-6,22 1 jan mon true" "@daily true" "0 0 * * 7 echo 5\\%" >good.cron &&
	cron_check good.cron >cmds &&
	test_line_count = 3 cmds
'

test_expect_success 'the example crontab parses: one command, run by /bin/sh as cron does' '
	cron_check "$CRON" >cmds &&
	test_line_count = 1 cmds &&
	sh -n cmds &&
	test_grep "^healthcheck .*--state /var/tmp/app.hc" cmds
'

if test_have_prereq EXNS && command -v ip >/dev/null && command -v python3 >/dev/null &&
    unshare -n true 2>/dev/null; then
	test_set_prereq NETNS
fi

# run_cron [serve]: the command once, as cron would (sh -c), in a fresh
# network namespace (so 127.0.0.1:8080 is ours) on the examples' small
# machine; with serve, an HTTP server answers /health there first.
# Prints "exit N", then the command's stdout and stderr.
run_cron() {
	cat >run.sh <<-EOF
	srv=
	trap '[ -z "\$srv" ] || kill \$srv' EXIT
	ip link set lo up || exit 111
	if [ "$1" = serve ]; then
		mkdir -p /srv/www && echo ok >/srv/www/health
		python3 -m http.server 8080 --bind 127.0.0.1 --directory /srv/www >/dev/null 2>&1 &
		srv=\$!
		i=0
		until healthcheck --tcp 127.0.0.1:8080 >/dev/null; do
			i=\$((i + 1)); [ \$i -lt 1500 ] || exit 111; sleep 0.02
		done
	fi
	sh -c "\$(cat "$TRASH_DIRECTORY/cmds")" >"$TRASH_DIRECTORY/out" 2>"$TRASH_DIRECTORY/err"
	echo "exit \$?"
	EOF
	unshare -n tk-exns sh run.sh >code
}
state() { sed -n "s/^$1=//p" "$ROOT/var/tmp/app.hc"; }

test_expect_success EXNS,NETNS 'down: the first two runs warn quietly and count' '
	ex_setup &&
	run_cron && echo "exit 1" >expect && test_cmp expect code &&
	test_line_count = 0 out && test_line_count = 0 err &&
	test "$(state failures)" = 1 &&
	run_cron && test_cmp expect code &&
	test_line_count = 0 out && test_line_count = 0 err &&
	test "$(state failures)" = 2 &&
	test_path_is_missing /var/tmp/app.hc
'

test_expect_success EXNS,NETNS 'the third failure is CRITICAL: one line on stderr, which cron mails' '
	run_cron && echo "exit 2" >expect && test_cmp expect code &&
	test_line_count = 0 out &&
	test_line_count = 1 err &&
	test_grep "^app is unhealthy: .*127.0.0.1:8080" err &&
	test "$(state failures)" = 3 &&
	run_cron && test_cmp expect code &&
	test_line_count = 0 err &&
	test "$(state failures)" = 4 &&
	test "$(state runs)" = 4
'

test_expect_success EXNS,NETNS 'up again: OK, the count reset, nothing mailed' '
	run_cron serve && echo "exit 0" >expect && test_cmp expect code &&
	test_line_count = 0 out && test_line_count = 0 err &&
	test "$(state failures)" = 0 &&
	test "$(state runs)" = 5
'

test_done
