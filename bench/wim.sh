#!/bin/sh
# Issue 16's goals for --image FILE.wim: check on a WIM holding the bench
# hive as SOFTWARE costs <= 1.5x wimextract of that one file plus one
# check of the extracted hive; apply into the WIM <= 2x wimextract +
# wimupdate of the same file by hand; peak RSS <= 1.3x the hive.  Not a
# test: it prints timings.  Usage: bench/wim.sh [SIZE [RUNS]] (the goals
# are set for SIZE large, the 176 MB hive).  Environment: HIVEPOL, SHARED,
# BENCH_DIR as bench/run.sh.
set -u
size=${1:-medium}
runs=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
: "${HIVEPOL:=$here/../build/hivepol}"
: "${SHARED:=$here/../../shared}"
: "${BENCH_DIR:=$here/../build/bench}"
mk=$SHARED/bench/mkhive.py
pol=$here/../policies/lcs-client.conf
mount='HKLM\SOFTWARE' sw=/Windows/System32/config/SOFTWARE
for t in /usr/bin/time bc wimcapture wimextract wimupdate; do
	command -v "$t" > /dev/null ||
	    { echo "bench: $t is missing: make deps installs it"; exit 2; }
done
[ -f "$mk" ] || { echo "bench: $mk is absent"; exit 2; }
mkdir -p "$BENCH_DIR/wim" && cd "$BENCH_DIR/wim" || exit 2
hive=../$size.hive
[ -f "$hive" ] || (cd .. && python3 "$mk" --size "$size" --out . > /dev/null) ||
    { echo "bench: mkhive.py failed"; exit 2; }
hsize=$(wc -c < "$hive")

# Untimed: the WIM as shipped (the hive bare), the same with the policy
# applied (what check reads), and the applied hive (what wimupdate adds).
if [ ! -f applied.hive ] || [ "$hive" -nt applied.hive ]; then
	rm -rf tree && mkdir -p tree/Windows/System32/config &&
	    cp "$hive" tree/Windows/System32/config/SOFTWARE &&
	    wimcapture tree bare.wim > /dev/null 2>&1 &&
	    cp bare.wim seeded.wim &&
	    "$HIVEPOL" apply --allow-uncovered -p "$pol" --image seeded.wim > /dev/null &&
	    wimextract seeded.wim 1 "$sw" --dest-dir=. > /dev/null 2>&1 &&
	    mv SOFTWARE applied.hive ||
	    { echo "bench: cannot build the WIMs"; exit 1; }
	rm -rf tree
fi

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {
	if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR/2] + a[NR/2 + 1]) / 2 }'; }
# timed JOB CMD: appends CMD's wall seconds to w_JOB, its peak RSS (KiB)
# to r_JOB.
timed() {
	t0=$(now)
	/usr/bin/time -f %M -o rss.txt sh -c "$2" > /dev/null 2> err.txt || {
		echo "bench: $1 failed: $(grep -v '^Command' err.txt | tail -1)"
		exit 1
	}
	t1=$(now)
	eval "w_$1=\"\${w_$1:-} $(echo "$t1 - $t0" | bc)\""
	eval "r_$1=\"\${r_$1:-} $(cat rss.txt)\""
}
# wrun JOB: one timed run after its untimed setup.
wrun() {
	setup=true
	case $1 in
	check) cmd="'$HIVEPOL' check -q --allow-uncovered -p '$pol' --image seeded.wim:1" ;;
	extract) setup="rm -rf x"
		cmd="wimextract seeded.wim 1 $sw --dest-dir=x" ;;
	checkx) cmd="'$HIVEPOL' check -q --allow-uncovered -p '$pol' --mount '$mount' x/SOFTWARE" ;;
	apply) setup="cp bare.wim a.wim && sync -f a.wim"
		cmd="'$HIVEPOL' apply --allow-uncovered -p '$pol' --image a.wim" ;;
	byhand) setup="cp bare.wim h.wim && sync -f h.wim && rm -rf y"
		cmd="wimextract h.wim 1 $sw --dest-dir=y &&
		    wimupdate h.wim 1 --command='add applied.hive $sw'" ;;
	esac
	sh -c "$setup" || { echo "bench: setup of $1 failed"; exit 1; }
	timed "$1" "$cmd"
}
load0=$(cut -d' ' -f1-3 /proc/loadavg)
wimextract seeded.wim 1 "$sw" --to-stdout > /dev/null 2>&1	# warm-up
order="check extract checkx apply byhand" i=0
while [ $i -lt "$runs" ]; do
	for j in $order; do wrun $j; done
	order="${order#* } ${order%% *}"
	i=$((i + 1))
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
# Each did its work: the WIMs written by hivepol and by hand now check clean.
"$HIVEPOL" check -q --allow-uncovered -p "$pol" --image a.wim &&
    "$HIVEPOL" check -q --allow-uncovered -p "$pol" \
    --image h.wim || { echo "bench: apply did not write the WIM"; exit 1; }
echo "# --image FILE.wim (issue 16): $hsize byte hive as SOFTWARE, $runs interleaved rounds; load average $load0 before, $load1 after"
echo "# name median_seconds peak_rss_mib"
for j in check extract checkx apply byhand; do
	eval "ts=\$w_$j rs=\$r_$j"
	echo "wim-$j $(median $ts) $(printf '%s\n' $rs | sort -n | tail -1 |
	    awk '{ printf "%.0f", $1 / 1024 }')"
done
# verdict A B GOAL: median(A) / median(B), the goal, met or not.
verdict() {
	awk -v a="$1" -v b="$2" -v g="$3" 'BEGIN { r = a / b
	    printf "%5.2fx  <= %.1fx  %s\n", r, g, r <= g ? "met" : "not met" }'
}
m() { eval "median \$w_$1"; }
[ "$size" = large ] || echo "# (the goals are set for BENCH_SIZE=large)"
echo "check / (extract + check):  $(verdict "$(m check)" "$(echo "$(m extract) + $(m checkx)" | bc)" 1.5)"
echo "apply / (extract + update): $(verdict "$(m apply)" "$(m byhand)" 2)"
for j in check apply; do
	eval "rs=\$r_$j"
	echo "$j peak RSS / hive:        $(verdict "$(printf '%s\n' $rs |
	    sort -n | tail -1)" "$(echo "$hsize / 1024" | bc -l)" 1.3)"
done
rm -rf x y a.wim h.wim rss.txt err.txt
