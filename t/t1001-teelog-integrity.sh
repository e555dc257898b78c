#!/bin/sh
test_description='teelog: every byte the command wrote is in the logs, in order'
. "${0%/*}/lib.sh"

# A block of lines of many lengths (about 1 MB), for floods.
test_expect_success 'setup' '
	awk "BEGIN { srand(7); for (i = 0; i < 12000; i++) {
		n = int(rand() * 160); s = sprintf(\"%06d \", i);
		for (j = 0; j < n; j++) s = s sprintf(\"%c\", 33 + (i + j) % 90);
		print s } }" >block &&
	printf "no newline at the end" >>block &&
	test $(wc -c <block) -gt 900000
'

sum() { cksum | cut -d" " -f1,2; }

test_expect_success 'normal exit: log and pass-through are the bytes written' '
	teelog n.log -- cat block >pass &&
	test_cmp block n.log && test_cmp block pass
'

test_expect_success 'normal exit, with rotation: the files together are the bytes' '
	teelog -s 100K r.log -- cat block >pass &&
	test $(tk-logcheck list r.log | wc -l) -ge 9 &&
	tk-logcheck cat r.log >all && test_cmp block all &&
	test_cmp block pass
'

test_expect_success 'the command killed by SIGKILL: everything it wrote is logged' '
	test_expect_code 137 teelog k.log -- sh -c "cat block; kill -KILL \$\$" >/dev/null &&
	test_cmp block k.log
'

test_expect_success 'SIGKILL with stdout and stderr separate and rotating' '
	test_expect_code 137 teelog -s 64K ko.log ke.log -- \
		sh -c "cat block; cat block >&2; cat block; kill -KILL \$\$" >/dev/null 2>&1 &&
	cat block block >expect &&
	tk-logcheck cat ko.log >got.out && test_cmp expect got.out &&
	tk-logcheck cat ke.log >got.err && test_cmp block got.err
'

# 200 MB written as fast as the command can: teelog falls behind and the
# pipe pushes back; nothing may be lost.
test_expect_success 'a 200 MB flood, quiet (splice): checksums match' '
	want=$(i=0; while [ $i -lt 200 ]; do cat block; i=$((i + 1)); done | sum) &&
	teelog -q -s 10M f.log -- sh -c "i=0; while [ \$i -lt 200 ]; do cat block; i=\$((i + 1)); done" &&
	test $(tk-logcheck list f.log | wc -l) -ge 18 &&
	tk-logcheck check 10485760 65536 f.log &&
	got=$(tk-logcheck cat f.log | sum) &&
	test "$want" = "$got" &&
	rm -f f.log*
'

test_expect_success 'a 100 MB flood passed through to a pipe (tee): both match' '
	want=$(i=0; while [ $i -lt 100 ]; do cat block; i=$((i + 1)); done | sum) &&
	teelog -s 10M p.log -- sh -c "i=0; while [ \$i -lt 100 ]; do cat block; i=\$((i + 1)); done" |
		sum >pass.sum &&
	test "$want" = "$(cat pass.sum)" &&
	got=$(tk-logcheck cat p.log | sum) &&
	test "$want" = "$got" &&
	rm -f p.log*
'

test_expect_success 'a 50 MB flood passed through to a file (read/write): both match' '
	want=$(i=0; while [ $i -lt 50 ]; do cat block; i=$((i + 1)); done | sum) &&
	teelog -s 10M w.log -- sh -c "i=0; while [ \$i -lt 50 ]; do cat block; i=\$((i + 1)); done" >pass &&
	test "$want" = "$(sum <pass)" &&
	test "$want" = "$(tk-logcheck cat w.log | sum)" &&
	tk-logcheck check 10485760 65536 w.log &&
	rm -f w.log* pass
'

test_expect_success 'stdin form, 50 MB through a pipe: checksums match' '
	want=$(i=0; while [ $i -lt 50 ]; do cat block; i=$((i + 1)); done | sum) &&
	i=0; while [ $i -lt 50 ]; do cat block; i=$((i + 1)); done |
		teelog -s 7M s.log | sum >pass.sum &&
	test "$want" = "$(cat pass.sum)" &&
	test "$want" = "$(tk-logcheck cat s.log | sum)" &&
	rm -f s.log*
'

test_expect_success 'with timestamps, 20 MB: every line, stamped, in order' '
	i=0; while [ $i -lt 20 ]; do cat block; echo; i=$((i + 1)); done >in20 &&
	teelog -q -t -s 1M t.log -- cat in20 &&
	tk-logcheck check 1048576 1000000000 t.log &&
	tk-logcheck cat t.log >all &&
	test_must_fail grep -v -E "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]{12}[+-][0-9]{2}:[0-9]{2} " all &&
	sed -E "s/^[^ ]+ //" all >got &&
	test_cmp in20 got &&
	rm -f t.log* in20 all got
'

test_done
