#!/bin/sh
# t/demo.sh: what `make demo` shows. Runs the built tools from bin/ in a
# temporary directory that is removed at the end.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="$top/bin:$PATH"
demo=$(mktemp -d "${TMPDIR:-/tmp}/toolkit-demo.XXXXXX")
trap 'rm -rf "$demo"' EXIT
cd "$demo"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

step "the toolkit demo, in $demo"
echo "(nothing here yet: each tool adds its part of the demo)"
