#!/bin/sh
# hivepol benchmark: .reg export and import against the libhivex walk
# floor and the peers (hivexregedit, reged).  Not a test: it only prints
# timings.  Usage: bench/run.sh [SIZE [RUNS]]  (SIZE: small, medium,
# large; default medium, 5 runs).  Environment: HIVEPOL (binary), WALK
# (bench/walk binary), SHARED (../shared), BENCH_DIR (where hives are
# generated and kept; default build/bench), BENCH_ONLY (export, diff,
# import, roundtrip, policy, write, completion, recover or wim: only that group;
# default all eight).
set -u
size=${1:-medium}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
: "${HIVEPOL:=$here/../build/hivepol}"
: "${WALK:=$here/../build/bench/walk}"
: "${SHARED:=$here/../../shared}"
: "${BENCH_DIR:=$here/../build/bench}"
mk=$SHARED/bench/mkhive.py
# A bench that cannot measure fails: no figures of 0 s or n/a.
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (Debian's time) is missing: make deps installs it"; exit 2; }
command -v bc > /dev/null || { echo "bench: bc is missing: make deps installs it"; exit 2; }
failed=0
[ -f "$mk" ] || { echo "bench: $mk is absent"; exit 2; }
mkdir -p "$BENCH_DIR"
cd "$BENCH_DIR" || exit 2

# want GROUP: 1 if BENCH_ONLY selects that group of measurements.
want() { [ -z "${BENCH_ONLY:-}" ] || [ "$BENCH_ONLY" = "$1" ]; }
# The regular hive serves export and diff; the --compat one (one lh list
# per key) serves import, which the peers (reged, Samba) need.
for v in "" "--compat"; do
	[ -n "$v" ] && ! want import && ! want write && continue
	[ "${BENCH_ONLY:-}" = recover ] && continue
	name=$size${v:+-compat}
	[ -f "$name.patch.reg" ] ||
	    python3 "$mk" --size "$size" $v --out . > /dev/null ||
	    { echo "bench: mkhive.py failed"; exit 2; }
done
hive=$size.hive chive=$size-compat.hive patch=$size-compat.patch.reg
mount='HKLM\SOFTWARE' prefix='HKEY_LOCAL_MACHINE\SOFTWARE'

now() { date +%s.%N; }
# median SECONDS...
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {
	if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR/2] + a[NR/2 + 1]) / 2 }'; }
# measure NAME SETUP CMD: median wall time of CMD over $runs runs; SETUP
# runs before each and is not timed.  Peak RSS of the last run, in MiB.
measure() {
	name=$1 setup=$2 cmd=$3 ts=""
	i=0
	while [ $i -lt "$runs" ]; do
		sh -c "$setup" || { echo "bench: setup of $name failed"; exit 1; }
		t0=$(now)
		/usr/bin/time -f %M -o rss.txt sh -c "$cmd" > /dev/null 2> err.txt || {
			echo "$name failed: $(grep -v '^Command' err.txt | tail -1)"
			failed=$((failed + 1))
			eval "t_$(echo "$name" | tr -c 'a-z0-9\n' _)=0"
			return 0
		}
		t1=$(now)
		ts="$ts $(echo "$t1 - $t0" | bc)"
		i=$((i + 1))
	done
	m=$(median $ts)
	rss=$(awk '{ printf "%.0f", $1 / 1024 }' rss.txt)
	eval "t_$(echo "$name" | tr -c 'a-z0-9\n' _)=$m"
	eval "rss_$(echo "$name" | tr -c 'a-z0-9\n' _)=$rss"
	echo "$name $m $rss"
}

[ "${BENCH_ONLY:-}" = recover ] ||
    echo "# $size: $(wc -c < "$hive") byte hive, $(wc -c < "$size.patch.reg") byte patch, $runs runs, $(nproc) CPUs"
{ want export || want diff || want import || want policy; } &&
    echo "# name median_seconds peak_rss_mib"
t_walk_floor=0 t_walk_floor_mod=0 t_walk_floor_compat=0 t_hivepol_diff=0
t_hivepol_export=0 t_hivexregedit_export=0 t_reged_export=0
t_hivepol_import=0 t_hivexregedit_merge=0 rss_hivepol_diff=0
t_open_floor_seeded=0 t_hivepol_check=0 t_hivepol_apply=0
want export || want diff || want policy &&
    measure walk-floor true "'$WALK' $hive"
want export && {
measure hivepol-export true "'$HIVEPOL' export --mount '$mount' $hive -o out.reg"
measure hivexregedit-export true "hivexregedit --export --prefix '$prefix' $hive '\\' > out.reg 2>/dev/null"
measure reged-export true "reged -x $hive '$prefix' '\\' out.reg > /dev/null"
}
want roundtrip && {
# Issue 14: the hive's own 5.00 export (UTF-16, about 2.7x the hive: 476
# MB for the large one, above the old 256 MiB limit) read back by diff
# and by import into a new hive, which then equals the original.
"$HIVEPOL" export --mount "$mount" $hive -o rt.reg ||
    { echo "bench: export for the round trip failed"; exit 1; }
measure hivepol-diff-reg true "'$HIVEPOL' diff --mount-b '$mount' rt.reg $hive > rt.txt && test ! -s rt.txt"
measure hivepol-import-reg "rm -f rt.hive && '$HIVEPOL' new --mount '$mount' rt.hive > /dev/null" \
    "'$HIVEPOL' import rt.hive rt.reg"
"$HIVEPOL" diff --mount-b "$mount" rt.hive $hive > rt.txt && [ ! -s rt.txt ] ||
    { echo "bench: the round trip changed the hive"; failed=$((failed + 1)); }
rm -f rt.reg rt.hive rt.txt
}
want diff && {
measure walk-floor-mod true "'$WALK' $size.mod.hive"
# diff exits 1 when the hives differ, as they do here.
measure hivepol-diff true "'$HIVEPOL' diff $hive $size.mod.hive > diff.txt; test \$? -eq 1"
}
want import && {
measure walk-floor-compat true "'$WALK' $chive"
measure hivepol-import "cp $chive work.hive" "'$HIVEPOL' import --mount '$mount' work.hive $patch"
measure hivexregedit-merge "cp $chive work.hive" "hivexregedit --merge --prefix '$prefix' work.hive $patch"
}
want policy && {
# check: the hive with the policy's seed values applied, against libhivex
# merely opening it; apply: the policy onto a fresh copy of the hive.
pol=$here/../policies/lcs-client.conf
[ -f seeded.hive ] || { cp $hive seeded.hive &&
    "$HIVEPOL" apply -p "$pol" --mount "$mount" seeded.hive > /dev/null 2>&1; } ||
    { echo "bench: cannot seed the hive"; exit 1; }
measure open-floor-seeded true "'$WALK' -o seeded.hive"
measure hivepol-check true "'$HIVEPOL' check -q -p '$pol' --mount '$mount' seeded.hive"
measure hivepol-apply "cp $hive work.hive" "'$HIVEPOL' apply -p '$pol' --mount '$mount' work.hive"
}
# ratio A B: A/B, or n/a when either failed.
ratio() { case "$1 $2" in 0\ *|*\ 0) echo n/a ;; *) echo "$(echo "scale=2; $1 / $2" | bc)x" ;; esac; }
{ want export || want diff || want import || want policy; } && echo "# ratios"
want export && echo "export: hivepol $(ratio $t_hivepol_export $t_walk_floor) the walk floor," \
    "hivexregedit $(ratio $t_hivexregedit_export $t_walk_floor)," \
    "reged $(ratio $t_reged_export $t_walk_floor)"
want diff && echo "diff: hivepol $(ratio $t_hivepol_diff $(echo "$t_walk_floor + $t_walk_floor_mod" | bc))" \
    "two walk floors; peak RSS $rss_hivepol_diff MiB," \
    "$(echo "scale=2; $rss_hivepol_diff * 1048576 / $(wc -c < "$hive")" | bc)x one hive"
want import && echo "import: hivepol $(ratio $t_hivepol_import $t_walk_floor_compat) the walk floor," \
    "hivexregedit $(ratio $t_hivexregedit_merge $t_walk_floor_compat);" \
    "hivexregedit is $(ratio $t_hivexregedit_merge $t_hivepol_import) slower than hivepol"
want policy && echo "policy: check $(ratio $t_hivepol_check $t_open_floor_seeded)" \
    "libhivex opening the seeded hive; apply $(ratio $t_hivepol_apply $t_walk_floor)" \
    "the walk floor"
want completion && {
# Key completion (issue 19): <= 100 ms on the corpus NTUSER.DAT hives,
# <= 1.5x libhivex opening the bench hive.  Each is one `hivepol keys`
# (inside quotes, 'HKLM\..., with --descend).
echo "# completion: median ms of a key completion in a running bash; goal"
for h in regipy/NTUSER.DAT regipy/NTUSER_with_winscp.DAT; do
	f=$SHARED/corpus/hives/$h
	[ -f "$f" ] || { echo "bench: $f is absent"; exit 2; }
	for w in 'HKCU\\Software\\' 'HKCU\\Software\\Micro'; do
		ms=$(bash "$here/complete.bash" "$runs" "$HIVEPOL" ls "$f" "$w") ||
		    { failed=$((failed + 1)); continue; }
		echo "complete-$(basename "$h") $w $ms ms  (<= 100 ms: $(echo "$ms <= 100" | bc | sed 's/1/met/;s/0/not met/'))"
	done
done
measure open-floor true "'$WALK' -o $hive"
for w in 'HKLM\\SOFTWARE\\' 'HKLM\\SOFTWARE\\Ado' "'HKLM\\SOFTWARE\\Ado"; do
	ms=$(bash "$here/complete.bash" "$runs" "$HIVEPOL" ls "$PWD/$hive" "$w") ||
	    { failed=$((failed + 1)); continue; }
	echo "complete-$hive $w $ms ms: $(ratio "$(echo "$ms / 1000" | bc -l)" "$t_open_floor") opening it (<= 1.5x)"
done
}
# timed JOB CMD: one timed run of CMD; appends wall seconds to w_JOB, the
# peak RSS (KiB) to r_JOB and user + system CPU seconds to c_JOB.  GNU
# time's %M is the child's getrusage ru_maxrss.
timed() {
	t0=$(now)
	/usr/bin/time -f '%M %U %S' -o rss.txt sh -c "$2" > /dev/null 2> err.txt || {
		echo "bench: $1 failed: $(grep -v '^Command' err.txt | tail -1)"
		exit 1
	}
	t1=$(now)
	eval "w_$1=\"\${w_$1:-} $(echo "$t1 - $t0" | bc)\""
	eval "r_$1=\"\${r_$1:-} $(cut -d' ' -f1 rss.txt)\""
	eval "c_$1=\"\${c_$1:-} $(awk '{ print $2 + $3 }' rss.txt)\""
}
# pairs A B: the per-round ratios A/B of two series of times.
pairs() { echo "$1" | awk -v b="$2" '{ split(b, d)
	for (i = 1; i <= NF; i++) printf "%.4f ", $i / d[i] }'; }
# spread RATIOS: their median and (min-max).
spread() {
	m=$(median $1)
	lo=$(printf '%s\n' $1 | sort -g | head -1)
	hi=$(printf '%s\n' $1 | sort -g | tail -1)
	awk -v m="$m" -v lo="$lo" -v hi="$hi" 'BEGIN {
	    printf "%6.2fx  (%5.2f-%5.2f)", m, lo, hi }'
}
# verdict RATIOS GOAL: median of RATIOS (min-max), the goal, met or not.
verdict() {
	awk -v s="$(spread "$1")" -v m="$(median $1)" -v g="$2" 'BEGIN {
	    printf "%s  <= %.1fx  %s\n", s, g, m <= g ? "met" : "not met" }'
}
want recover && {
# Issue 15: reading the largest corpus hive with logs, regipy/SYSTEM_B
# (12.8 MB, 24 log entries in .LOG1 and .LOG2), recovered costs <= 1.5x
# reading it clean.  Each round exports, in a rotating order: the hive
# recovered from its logs; the same primary with --no-recover (old data,
# no replay); the image `hivepol recover` wrote (clean, the same data).
# Copied here: the recovered image and the lock stay out of the corpus.
src=$SHARED/corpus/hives/regipy/SYSTEM_B
mkdir -p recover
for f in "$src" "$src.LOG1" "$src.LOG2"; do
	[ -f "$f" ] || { echo "bench: $f is absent"; exit 2; }
	cp -f "$f" recover/ && chmod u+w "recover/${f##*/}" || exit 2
done
"$HIVEPOL" recover recover/SYSTEM_B -o recover/clean.hive 2> /dev/null ||
    { echo "bench: hivepol recover failed"; exit 1; }
# Before the clock: each subject reads what it is timed for.
"$HIVEPOL" export recover/SYSTEM_B > rec.reg 2> err.txt &&
    grep -q 'recovered from SYSTEM_B.LOG1, .LOG2: 24 log entries' err.txt &&
    "$HIVEPOL" export recover/clean.hive > clean.reg 2> err.txt &&
    [ ! -s err.txt ] && cmp -s rec.reg clean.reg &&
    "$HIVEPOL" export --no-recover recover/SYSTEM_B > stale.reg 2> err.txt &&
    grep -q 'hive is dirty' err.txt && ! cmp -s rec.reg stale.reg ||
    { echo "bench: the recovered, stale and clean exports are not as expected"; exit 1; }
rm -f rec.reg clean.reg stale.reg
# rrun JOB: one timed export (timed).
rrun() {
	case $1 in
	recovered) cmd="'$HIVEPOL' export recover/SYSTEM_B" ;;
	stale) cmd="'$HIVEPOL' export --no-recover recover/SYSTEM_B" ;;
	clean) cmd="'$HIVEPOL' export recover/clean.hive" ;;
	esac
	timed "$1" "$cmd"
}
# A run is a tenth of a second: four rounds per BENCH_RUNS.
rounds=$((runs * 4)) i=0
load0=$(cut -d' ' -f1-3 /proc/loadavg)
order="recovered stale clean"
for j in $order; do rrun $j; done
w_recovered='' w_stale='' w_clean='' c_recovered='' c_stale='' c_clean=''
while [ $i -lt $rounds ]; do
	for j in $order; do rrun $j; done
	order="${order#* } ${order%% *}"
	i=$((i + 1))
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
echo "# recover (issue 15): export of regipy/SYSTEM_B, $rounds interleaved rounds after one untimed; load average $load0 before, $load1 after"
echo "# name median_seconds median_cpu_seconds"
for j in recovered stale clean; do
	eval "ts=\$w_$j cs=\$c_$j"
	echo "recover-$j $(median $ts) $(median $cs)"
done
echo "# median of the per-round ratios (min-max over rounds)"
echo "recovered / clean:    $(verdict "$(pairs "$w_recovered" "$w_clean")" 1.5)"
echo "recovered / stale:    $(spread "$(pairs "$w_recovered" "$w_stale")")"
echo "stale / clean:        $(spread "$(pairs "$w_stale" "$w_clean")")"
rm -rf recover
}
# Last, after the other groups' summary: a failure here ends the script.
want write && {
# Issue 13's write-path goals, each subject against its floor in the same
# round so that a change of load hits both: set and apply against copying
# the hive and syncing the copy, import against a walk, peak RSS against
# the hive's size.  Copies and the rm of the last round's files are made
# and synced before the clock starts, so no subject pays for writeback it
# did not cause.  The order rotates each round, so no subject always
# follows the same neighbour.
pol=$here/../policies/lcs-client.conf
hsize=$(wc -c < "$hive") csize=$(wc -c < "$chive")
# wrun JOB: one timed run (timed) after its untimed setup.  The goals are
# on wall time; the CPU time shows how much of it is the subject's own
# work, which other jobs on the machine do not change (cp+sync's is small:
# the kernel's writeback is charged to no one).
wrun() {
	case $1 in
	floor) setup="rm -f w-floor.hive && sync -f ."
		cmd="cp $hive w-floor.hive && sync -f w-floor.hive" ;;
	set) setup="cp $hive w-set.hive && sync -f w-set.hive"
		cmd="'$HIVEPOL' set --mount '$mount' w-set.hive '$mount\\Policies\\Microsoft' BenchWrite dword 1" ;;
	apply) setup="cp $hive w-apply.hive && sync -f w-apply.hive"
		cmd="'$HIVEPOL' apply -p '$pol' --mount '$mount' w-apply.hive" ;;
	walk) setup=true cmd="'$WALK' $chive" ;;
	import) setup="cp $chive w-import.hive && sync -f w-import.hive"
		cmd="'$HIVEPOL' import --mount '$mount' w-import.hive $patch" ;;
	esac
	sh -c "$setup" || { echo "bench: setup of $1 failed"; exit 1; }
	timed "$1" "$cmd"
}
w_floor='' w_set='' w_apply='' w_walk='' w_import='' r_apply='' r_import=''
rs='' cs=''
load0=$(cut -d' ' -f1-3 /proc/loadavg)
# A round of warm-up, untimed, so the page cache holds both hives.
"$WALK" "$hive" > /dev/null 2>&1 && "$WALK" "$chive" > /dev/null 2>&1
order="floor set apply walk import" i=0
while [ $i -lt "$runs" ]; do
	for j in $order; do wrun $j; done
	order="${order#* } ${order%% *}"
	i=$((i + 1))
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
# Each subject did what it is timed for.
if [ "$("$HIVEPOL" get --mount "$mount" w-set.hive "$mount\\Policies\\Microsoft" BenchWrite)" != 1 ] ||
    [ "$("$HIVEPOL" get --mount "$mount" w-apply.hive "$mount\\Policies\\Microsoft\\Windows\\RTC\\PortRange" MinSipDynamicPort)" != 7100 ]; then
	echo "bench: set or apply did not write its values"; exit 1
fi
echo "# write path (issue 13): $runs interleaved rounds; load average $load0 before, $load1 after"
echo "# name median_seconds peak_rss_mib median_cpu_seconds"
for j in floor set apply walk import; do
	eval "ts=\$w_$j rs=\$r_$j cs=\$c_$j"
	echo "write-$j $(median $ts) $(printf '%s\n' $rs | sort -n | tail -1 |
	    awk '{ printf "%.0f", $1 / 1024 }') $(median $cs)"
done
echo "# goal: median of the per-round ratios (min-max over rounds), goal, verdict"
# On smaller hives fixed costs (process start, libraries) weigh more.
[ "$size" = large ] || echo "# (the goals are set for BENCH_SIZE=large)"
echo "set / cp+sync:        $(verdict "$(pairs "$w_set" "$w_floor")" 2)"
echo "apply / cp+sync:      $(verdict "$(pairs "$w_apply" "$w_floor")" 2)"
echo "import / walk:        $(verdict "$(pairs "$w_import" "$w_walk")" 3)"
# RSS barely moves between runs: each round's peak against the hive.
echo "apply peak RSS/hive:  $(verdict "$(for r in $r_apply; do
    echo "$r * 1024 / $hsize" | bc -l; done)" 1.3)"
echo "import peak RSS/hive: $(verdict "$(for r in $r_import; do
    echo "$r * 1024 / $csize" | bc -l; done)" 1.3)"
rm -f w-floor.hive w-set.hive w-apply.hive w-import.hive
}
want wim && {
# Issue 16: check on a WIM holding the hive as SOFTWARE costs <= 1.5x
# wimextract of that file plus a check of the extracted hive; apply into
# the WIM <= 2x wimextract + wimupdate of the same file by hand; peak RSS
# <= 1.3x the hive.  Untimed first: the WIM as shipped (the hive bare),
# the same with the policy applied (what check reads), the applied hive
# (what wimupdate adds by hand).
for t in wimcapture wimextract wimupdate; do
	command -v $t > /dev/null || { echo "bench: $t is missing: make deps installs it"; exit 2; }
done
pol=$here/../policies/lcs-client.conf sw=/Windows/System32/config/SOFTWARE
mkdir -p "wim-$size" && cd "wim-$size" || exit 2
if [ ! -f applied.hive ] || [ "../$hive" -nt applied.hive ]; then
	rm -rf tree && mkdir -p tree/Windows/System32/config &&
	    cp "../$hive" tree/Windows/System32/config/SOFTWARE &&
	    wimcapture tree bare.wim > /dev/null 2>&1 && cp bare.wim seeded.wim &&
	    "$HIVEPOL" apply --allow-uncovered -p "$pol" --image seeded.wim > /dev/null 2>&1 &&
	    wimextract seeded.wim 1 $sw --dest-dir=. > /dev/null 2>&1 &&
	    mv SOFTWARE applied.hive && rm -rf tree ||
	    { echo "bench: cannot build the WIMs"; exit 1; }
fi
# hp is "hivepol --allow-uncovered -p POLICY" with the command first.
hp() { echo "'$HIVEPOL' $1 --allow-uncovered -p '$pol' $2"; }
wimrun() {
	case $1 in
	check) setup=true cmd=$(hp "check -q" "--image seeded.wim:1") ;;
	extract) setup="rm -rf x" cmd="wimextract seeded.wim 1 $sw --dest-dir=x" ;;
	checkx) setup=true cmd=$(hp "check -q" "--mount '$mount' x/SOFTWARE") ;;
	apply) setup="cp bare.wim a.wim && sync -f a.wim"
		cmd=$(hp apply "--image a.wim") ;;
	byhand) setup="cp bare.wim h.wim && sync -f h.wim && rm -rf y"
		cmd="wimextract h.wim 1 $sw --dest-dir=y && wimupdate h.wim 1 --command='add applied.hive $sw'" ;;
	esac
	sh -c "$setup" && timed "$1" "$cmd"
}
w_check='' w_extract='' w_checkx='' w_apply='' w_byhand='' r_check='' r_apply=''
wimextract seeded.wim 1 $sw --to-stdout > /dev/null 2>&1	# page cache
order="check extract checkx apply byhand"
for i in $(seq "$runs"); do
	for j in $order; do wimrun $j; done
	order="${order#* } ${order%% *}"
done
sh -c "$(hp "check -q" "--image a.wim") && $(hp "check -q" "--image h.wim")" ||
    { echo "bench: the WIMs written are not compliant"; exit 1; }
echo "# --image FILE.wim (issue 16): $(wc -c < "../$hive") byte hive as SOFTWARE, $runs interleaved rounds"
echo "# name median_seconds peak_rss_mib"
for j in check extract checkx apply byhand; do
	eval "ts=\$w_$j rs=\$r_$j"
	echo "wim-$j $(median $ts) $(printf '%s\n' $rs | sort -n | tail -1 | awk '{ printf "%.0f", $1 / 1024 }')"
done
[ "$size" = large ] || echo "# (the goals are set for BENCH_SIZE=large)"
floor=$(echo "$w_extract" | awk -v b="$w_checkx" '{ split(b, d)
	for (i = 1; i <= NF; i++) printf "%s ", $i + d[i] }')
echo "check / (extract + check): $(verdict "$(pairs "$w_check" "$floor")" 1.5)"
echo "apply / (extract + update): $(verdict "$(pairs "$w_apply" "$w_byhand")" 2)"
hsize=$(wc -c < "../$hive")
for j in check apply; do
	eval "rs=\$r_$j"
	echo "$j peak RSS / hive: $(verdict "$(for r in $rs; do echo "$r * 1024 / $hsize" | bc -l; done)" 1.3)"
done
rm -rf x y a.wim h.wim
cd ..
}
rm -f out.reg diff.txt work.hive work.hive.bak rss.txt err.txt
[ "$failed" -eq 0 ] || { echo "bench: $failed measurements failed"; exit 1; }
