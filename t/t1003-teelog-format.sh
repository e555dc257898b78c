#!/bin/sh
test_description='teelog: timestamps, prefixes, long lines'
. "${0%/*}/lib.sh"

test_expect_success '-t: RFC 3339, local time, milliseconds, offset' '
	printf "a\nb\n" | TZ=Asia/Tokyo teelog -t t.log >pass &&
	test_line_count = 2 t.log &&
	test_must_fail grep -v -E "^20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\.[0-9]{3}\+09:00 [ab]\$" t.log &&
	printf "a\nb\n" >expect && test_cmp expect pass
'

test_expect_success '--timestamps without a value is rfc3339, as is =rfc3339' '
	echo x | TZ=America/St_Johns teelog -q --timestamps r1.log &&
	echo x | TZ=America/St_Johns teelog -q --timestamps=rfc3339 r2.log &&
	grep -q -E "^[0-9T:.-]{23}-0[23]:30 x\$" r1.log &&
	grep -q -E "^[0-9T:.-]{23}-0[23]:30 x\$" r2.log
'

test_expect_success '--timestamps=utc: RFC 3339 in UTC' '
	echo x | TZ=Asia/Tokyo teelog -q --timestamps=utc u.log &&
	grep -q -E "^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z x\$" u.log
'

test_expect_success '--timestamps=unix: seconds.micros, the time of the line' '
	before=$(date +%s) &&
	echo x | teelog -q --timestamps=unix x.log &&
	after=$(date +%s) &&
	grep -q -E "^[0-9]{10}\.[0-9]{6} x\$" x.log &&
	s=$(cut -d. -f1 x.log) &&
	test "$s" -ge "$before" && test "$s" -le "$after"
'

test_expect_success '--timestamps=tai64n: labels tai64nlocal reads' '
	command -v tai64nlocal >/dev/null || { echo "# no tai64nlocal (daemontools)"; exit 0; }
	printf "one\ntwo\n" | teelog -q --timestamps=tai64n n.log &&
	test_must_fail grep -v -E "^@4000[0-9a-f]{20} (one|two)\$" n.log &&
	tai64nlocal <n.log >local &&
	test_must_fail grep -v -E "^20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{9} (one|two)\$" local &&
	today=$(date +%Y-%m-%d) && grep -q "^$today " local
'

test_expect_success '-p: a prefix per line, after the time' '
	printf "a\nb\n" | teelog -q -p "[err] " p1.log &&
	printf "[err] a\n[err] b\n" >expect && test_cmp expect p1.log &&
	echo c | teelog -q --prefix "<x> " --timestamps=unix p2.log &&
	grep -q -E "^[0-9]{10}\.[0-9]{6} <x> c\$" p2.log
'

test_expect_success 'per-line work on both streams, each to its file' '
	teelog -q -p "> " po.log pe.log -- sh -c "echo out; echo err >&2" &&
	echo "> out" >expect && test_cmp expect po.log &&
	echo "> err" >expect && test_cmp expect pe.log
'

test_expect_success 'pass-through stays raw' '
	printf "a\nb" | teelog -t -p "P " raw.log >pass &&
	printf "a\nb" >expect && test_cmp expect pass
'

test_expect_success 'an unterminated last line gets a newline (per-line work only)' '
	printf "a\nlast" | teelog -q -p "- " nl.log &&
	printf -- "- a\n- last\n" >expect && test_cmp expect nl.log &&
	printf "a\nlast" | teelog -q raw2.log &&
	printf "a\nlast" >expect && test_cmp expect raw2.log
'

test_expect_success 'an empty line is a record too' '
	printf "\n\n" | teelog -q -p "| " e.log &&
	printf "| \n| \n" >expect && test_cmp expect e.log
'

test_expect_success '--line-max: a longer line becomes marked records' '
	printf "abcdefghij\nabcd\nabcde\n" | teelog -q -p "> " --line-max 4 l.log &&
	cat >expect <<-\EOF &&
	> abcd\
	> efgh\
	> ij
	> abcd
	> abcd\
	> e
	EOF
	test_cmp expect l.log
'

test_expect_success '--line-max with timestamps: each record stamped' '
	printf "0123456789012345678901234\n" | teelog -q --timestamps=unix --line-max 10 lt.log &&
	test_line_count = 3 lt.log &&
	sed -E "s/^[0-9]{10}\.[0-9]{6} //" lt.log >got &&
	printf "0123456789\\\\\n0123456789\\\\\n01234\n" >expect && test_cmp expect got
'

test_expect_success '--line-max: a line split between reads is cut the same way' '
	cat >pieces.sh <<-\EOF &&
	printf abc; sleep 0.05; printf defg; sleep 0.05; printf "hij\n"
	EOF
	teelog -q -p "> " --line-max 4 pc.log -- sh pieces.sh &&
	printf "> abcd\\\\\n> efgh\\\\\n> ij\n" >expect && test_cmp expect pc.log
'

test_expect_success 'per-line work with rotation: records never split, no file over SIZE' '
	awk "BEGIN { for (i = 0; i < 3000; i++) printf \"%d %s\n\", i, substr(\"abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\", 1, i % 60) }" >in &&
	teelog -q -t -p "[x] " -s 8K --line-max 40 rl.log -- cat in &&
	test $(tk-logcheck list rl.log | wc -l) -gt 10 &&
	tk-logcheck check 8192 1000000000 rl.log &&
	tk-logcheck cat rl.log >all &&
	test_must_fail grep -v -E "^[0-9T:.-]{23}[+-][0-9]{2}:[0-9]{2} \[x\] " all
'

test_expect_success 'a line written slowly keeps the time of its first byte' '
	cat >slow.sh <<-\EOF &&
	printf "start "; sleep 1.2; echo end; echo next
	EOF
	teelog -q --timestamps=unix sl.log -- sh slow.sh &&
	test_line_count = 2 sl.log &&
	a=$(head -1 sl.log | cut -d" " -f1) && b=$(tail -1 sl.log | cut -d" " -f1) &&
	grep -q " start end\$" sl.log &&
	test $(awk "BEGIN { print ($b - $a >= 1) }") = 1
'

test_done
