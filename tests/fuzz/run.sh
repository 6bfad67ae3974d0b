#!/bin/sh
# Runs every built fuzz target (or those named after the build directory)
# for FUZZ_SECONDS (or until FUZZ_RUNS executions), seeded from
# tests/fuzz/seeds/<target>/ and the matching ../shared/corpus folder, and
# prints the executions each ran clean.
# Crashes are saved in tests/fuzz/crashes/ (fix them and keep them as
# regression tests in tests/fuzz/regressions/<target>/).
set -u
here=$(cd "$(dirname "$0")" && pwd)
bindir=$1 seconds=${FUZZ_SECONDS:-60} shared=${SHARED:-$here/../../../shared}
shift
mkdir -p "$here/crashes"
if [ $# -eq 0 ]; then
	set -- $(cd "$bindir" && ls fuzz_* | sed 's/^fuzz_//')
fi
# Allocation stacks are dropped and the quarantine kept small: about 1.7x
# the runs a second, every overflow and most use-after-free still caught
# (a crash is re-run from its saved input with full reports).
: "${ASAN_OPTIONS:=malloc_context_size=0:max_malloc_fill_size=0:quarantine_size_mb=8}"
export ASAN_OPTIONS
status=0
for target; do
	bin=$bindir/fuzz_$target
	work=$(mktemp -d)
	# Inputs are capped (FUZZ_MAXLEN overrides): ADMX/ADML at 64 KiB (a
	# 1 MB file costs ~50 ms under ASan and big files repeat the small
	# ones' structures), disks at 256 KiB (the seed disks whole), the rest
	# at 16 KiB, which a hive of three bins and every text format's
	# structures fit (docs/testing.md).  Seeds that fit are copied whole.
	case $target in
	admx) maxlen=65536 seedmax=-65537c ;;
	disk) maxlen=262144 seedmax=-4M ;;
	*) maxlen=16384 seedmax=-4M ;;
	esac
	maxlen=${FUZZ_MAXLEN:-$maxlen}
	for d in "$here/seeds/$target" "$shared/corpus/${target}s" \
	    "$shared/corpus/$target"; do
		[ -d "$d" ] && find "$d" -type f -size "$seedmax" -exec cp {} "$work/" \; 2>/dev/null
	done
	# Security templates, audit policies and Backup.xml live inside the GPO
	# corpus.
	case $target in
	secedit) pat='*.inf' ;; auditcsv) pat='*.csv' ;; backupxml) pat='Backup.xml' ;;
	*) pat= ;;
	esac
	[ -n "$pat" ] && [ -d "$shared/corpus/gpo" ] &&
	    find "$shared/corpus/gpo" -type f -iname "$pat" | {
		i=0
		while IFS= read -r f; do
			i=$((i + 1)); cp "$f" "$work/gpo-$i"
		done
	    }
	failed=
	"$bin" -max_total_time="$seconds" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} \
	    -max_len="$maxlen" -rss_limit_mb=2048 \
	    -artifact_prefix="$here/crashes/$target-" "$work" \
	    > "$work.log" 2>&1 || failed=' — FAILED, see tests/fuzz/crashes/'
	# A build whose UBSan only prints must not count such a run as clean.
	grep -q 'runtime error:' "$work.log" &&
	    failed=' — undefined behaviour, see tests/fuzz/crashes/'
	[ -z "$failed" ] || status=1
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work.log")
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$work.log")
	echo "$target: ${runs:-?} executions in ${took:-$seconds}s$failed"
	[ -z "$failed" ] || tail -40 "$work.log" > "$here/crashes/$target.log"
	rm -rf "$work" "$work.log"
done
exit $status
