#!/bin/sh
test_description='every man page is mdoc, lint-clean, with the required sections'
. "${0%/*}/lib.sh"

for page in "$TOP"/doc/*.1; do
	[ -f "$page" ] || continue
	name=$(basename "$page")
	test_expect_success MANDOC "$name: mandoc -Tlint is clean" "
		mandoc -Tlint -Wwarning '$page' >lint.out 2>&1
		! test -s lint.out || { cat lint.out; false; }
	"
	test_expect_success "$name: has every required section" "
		for s in NAME SYNOPSIS DESCRIPTION OPTIONS FILES ENVIRONMENT 'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
			grep -q \"^\\.Sh \$s\\\$\" '$page' || { echo \"missing section \$s\"; exit 1; }
		done
	"
done

test_expect_success 'every built tool has a man page' '
	for b in "$TOP"/bin/*; do
		[ -x "$b" ] && [ -f "$b" ] || continue
		t=$(basename "$b")
		test -f "$TOP/doc/$t.1" || { echo "no doc/$t.1"; exit 1; }
	done
'

test_done
