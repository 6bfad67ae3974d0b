#!/bin/sh
# Runs every built fuzz target for FUZZ_SECONDS, seeded from tests/data,
# tests/fuzz/seeds/<target>/ and the matching ../shared/corpus folder, and
# prints the executions each ran clean.  Crashes are saved in
# tests/fuzz/crashes/ (fix them and keep them as regression tests).
set -u
here=$(cd "$(dirname "$0")" && pwd)
bindir=$1 seconds=${FUZZ_SECONDS:-60} shared=${SHARED:-$here/../../../shared}
mkdir -p "$here/crashes"
status=0
for bin in "$bindir"/fuzz_*; do
	name=$(basename "$bin")
	target=${name#fuzz_}
	work=$(mktemp -d)
	for d in "$here/seeds/$target" "$shared/corpus/${target}s" \
	    "$shared/corpus/$target"; do
		[ -d "$d" ] && find "$d" -type f -size -4M -exec cp {} "$work/" \; 2>/dev/null
	done
	"$bin" -max_total_time="$seconds" -max_len=1048576 -rss_limit_mb=2048 \
	    -artifact_prefix="$here/crashes/$target-" "$work" \
	    > "$work.log" 2>&1 || status=1
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work.log")
	echo "$target: ${runs:-?} executions in ${seconds}s$( [ $status -eq 0 ] || echo ' — FAILED, see tests/fuzz/crashes/')"
	rm -rf "$work" "$work.log"
done
exit $status
