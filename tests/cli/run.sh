#!/bin/sh
# Runs every tests/cli/*.t.sh against the built binary.  Each test runs in
# a fresh temporary directory with lib.sh sourced; it exits 0 (pass),
# 77 (skipped, e.g. ../shared or a peer tool is absent) or anything else
# (fail).  Environment: HIVEPOL (binary), SHARED (../shared), TESTS
# (optional list of test names to run).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${HIVEPOL:?set HIVEPOL to the built binary}"
: "${SHARED:=$here/../../../shared}"
export HIVEPOL SHARED TESTDATA="$here/../data" TESTLIB="$here/lib.sh"
# Every hive a test writes is checked whole against what it should hold.
export HIVEPOL_VERIFY="${HIVEPOL_VERIFY:-full}"
pass=0 fail=0 skip=0 failed=""
for t in "$here"/*.t.sh; do
	name=$(basename "$t" .t.sh)
	if [ -n "${TESTS:-}" ]; then
		case " $TESTS " in *" $name "*) ;; *) continue ;; esac
	fi
	dir=$(mktemp -d "${TMPDIR:-/tmp}/hivepol-test.XXXXXX")
	start=$(date +%s)
	(cd "$dir" && sh "$t") > "$dir.log" 2>&1
	rc=$?
	secs=$(($(date +%s) - start))
	case $rc in
	0) pass=$((pass + 1)); echo "ok    $name (${secs}s)" ;;
	77) skip=$((skip + 1)); echo "skip  $name: $(tail -n 1 "$dir.log")" ;;
	*) fail=$((fail + 1)); failed="$failed $name"
	   echo "FAIL  $name (exit $rc)"; sed 's/^/    | /' "$dir.log" | tail -n 40 ;;
	esac
	rm -rf "$dir" "$dir.log"
done
echo "cli tests: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
