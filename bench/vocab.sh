#!/bin/sh
# Policy vocabulary benchmark (issue 17 item 5): loading a whole
# PolicyDefinitions folder (hundreds of ADMX with their en-US ADML) for
# `--templates` costs <= 2x `xmllint --noout` of the same files.
#
# The folder is built from the corpus: every ADMX of shared/corpus/admx
# with an ADML (shb, samba, mozilla, adsys, sec505; 28 pairs, 7.3 MB)
# copied COPIES times (default 10) under new names, each copy's target
# namespace renamed so that no two files declare the same one (the
# editor refuses that); ADML go to en-US/.  Each round times, in a
# rotating order, `hivepol show --templates DIR` of a one-entry
# Registry.pol (the load and index of every file, one policy named) and
# `xmllint --noout` of every ADMX and ADML of DIR in one process.  The
# ratio (wall time, the goal's; CPU time beside it, less hit by a busy
# machine) is the median of the per-round ratios.  Not a test: it prints
# timings.  Usage: bench/vocab.sh [RUNS] (default 5).  Environment:
# HIVEPOL, SHARED, VOCAB_COPIES.  "make bench BENCH_ONLY=vocab" runs it.
set -u
runs=${1:-5}
copies=${VOCAB_COPIES:-10}
here=$(cd "$(dirname "$0")" && pwd)
: "${HIVEPOL:=$here/../build/hivepol}"
: "${SHARED:=$here/../../shared}"
corpus=$SHARED/corpus/admx
command -v xmllint > /dev/null || { echo "bench: xmllint is missing: make deps installs it"; exit 2; }
command -v bc > /dev/null || { echo "bench: bc is missing: make deps installs it"; exit 2; }
[ -d "$corpus" ] || { echo "bench: $corpus is absent"; exit 2; }
tmp=${TMPDIR:-/tmp}
work=$(mktemp -d "$tmp/hivepol-vocab.XXXXXX") && trap 'rm -rf "$work"' EXIT
D=$work/PolicyDefinitions
mkdir -p "$D/en-US"

# The ADML of an ADMX: LANG/NAME.adml (en-US first) or beside it.
adml_of() {
	b=$(basename "$1" .admx) d=$(dirname "$1")
	for c in "$d/en-US/$b.adml" "$d"/*/"$b.adml" "$d/$b.adml"; do
		[ -f "$c" ] && { echo "$c"; return 0; }
	done
	f=$(find "$d" -maxdepth 2 -iname "$b.adml" | sort | head -n 1)
	[ -n "$f" ] && echo "$f"
}
pairs=0
for x in $(find "$corpus" -name '*.admx' | sort); do
	l=$(adml_of "$x") || continue
	[ -n "$l" ] || continue
	b=$(basename "$x" .admx)
	k=1
	while [ $k -le "$copies" ]; do
		sed "/<target /s/namespace=\"\([^\"]*\)\"/namespace=\"\1.copy$k\"/" \
		    "$x" > "$D/${b}_$k.admx"
		cp "$l" "$D/en-US/${b}_$k.adml"
		k=$((k + 1))
	done
	pairs=$((pairs + 1))
done
nfiles=$(ls "$D"/*.admx | wc -l)
bytes=$(cat "$D"/*.admx "$D"/en-US/*.adml | wc -c)
# One entry the folder names: MSS-legacy's EnableICMPRedirect, Disabled.
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\Tcpip\\Parameters]\r\n"EnableICMPRedirect"=dword:00000000\r\n' > "$work/one.reg"
"$HIVEPOL" convert "$work/one.reg" --format pol -o "$work/Registry.pol" ||
    { echo "bench: cannot write the .pol"; exit 1; }
# Before the clock: both subjects do what they are timed for.
"$HIVEPOL" show --templates "$D" "$work/Registry.pol" > "$work/out.txt" \
    2> "$work/err.txt" && grep -q 'EnableICMPRedirect.*: Disabled' \
    "$work/out.txt" || { echo "bench: hivepol show --templates failed:"
	cat "$work/err.txt" "$work/out.txt" | tail -n 3; exit 1; }
xmllint --noout "$D"/*.admx "$D"/en-US/*.adml ||
    { echo "bench: xmllint rejects the folder"; exit 1; }

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END {
	print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# run NAME CMD: wall seconds to t_NAME, user + system CPU seconds to c_NAME.
run() {
	a=$(now)
	/usr/bin/time -f '%U %S' -o "$work/cpu.txt" sh -c "$2" > /dev/null 2>&1 ||
	    { echo "bench: $1 failed"; exit 1; }
	b=$(now)
	eval "t_$1=\"\$t_$1 $(echo "$b - $a" | bc)\""
	eval "c_$1=\"\$c_$1 $(awk '{ print $1 + $2 }' "$work/cpu.txt")\""
}
hp="'$HIVEPOL' show --templates '$D' '$work/Registry.pol'"
xl="xmllint --noout '$D'/*.admx '$D'/en-US/*.adml"
t_hp="" t_xl="" c_hp="" c_xl=""
load1=$(cut -d' ' -f1 /proc/loadavg)
i=0
while [ $i -lt "$runs" ]; do
	for j in $(if [ $((i % 2)) -eq 0 ]; then echo hp xl; else echo xl hp; fi); do
		eval "run $j \"\$$j\""
	done
	i=$((i + 1))
done
# per_round A B: the ratios A/B of two series, round by round.
per_round() { echo "$1" | awk -v b="$2" '{ split(b, d)
	for (i = 1; i <= NF; i++) printf "%.4f ", $i / d[i] }'; }
ratios=$(per_round "$t_hp" "$t_xl")
cpu=$(median $(per_round "$c_hp" "$c_xl"))
rss=$( /usr/bin/time -f '%M' sh -c "'$HIVEPOL' show --templates '$D' '$work/Registry.pol' > /dev/null 2>&1" 2>&1 | tail -n 1)
load2=$(cut -d' ' -f1 /proc/loadavg)
m=$(median $ratios)
lo=$(printf '%s\n' $ratios | sort -g | head -n 1)
hi=$(printf '%s\n' $ratios | sort -g | tail -n 1)
echo "# vocab: $nfiles ADMX + $nfiles ADML ($pairs corpus pairs x $copies), $bytes bytes; load $load1 -> $load2"
printf 'vocab-hivepol-show-templates %.3f s, CPU %.3f s (medians of %d), peak RSS %d MiB\n' \
    "$(median $t_hp)" "$(median $c_hp)" "$runs" "$((rss / 1024))"
printf 'vocab-xmllint-noout          %.3f s, CPU %.3f s (medians of %d)\n' \
    "$(median $t_xl)" "$(median $c_xl)" "$runs"
printf 'vocab CPU time / xmllint: %.2fx (median of the per-round ratios)\n' "$cpu"
awk -v m="$m" -v lo="$lo" -v hi="$hi" 'BEGIN {
    printf "vocab load / xmllint: %.2fx (%.2f-%.2f)  <= 2.0x  %s\n", m, lo, hi,
	m <= 2 ? "met" : "not met" }'
