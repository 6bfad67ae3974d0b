#!/bin/sh
# hivepol benchmark: .reg export and import against the libhivex walk
# floor and the peers (hivexregedit, reged).  Not a test: it only prints
# timings.  Usage: bench/run.sh [SIZE [RUNS]]  (SIZE: small, medium,
# large; default medium, 5 runs).  Environment: HIVEPOL (binary), WALK
# (bench/walk binary), SHARED (../shared), BENCH_DIR (where hives are
# generated and kept; default build/bench), BENCH_ONLY (export, diff,
# import or policy: only that group; default all four).
set -u
size=${1:-medium}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
: "${HIVEPOL:=$here/../build/hivepol}"
: "${WALK:=$here/../build/bench/walk}"
: "${SHARED:=$here/../../shared}"
: "${BENCH_DIR:=$here/../build/bench}"
mk=$SHARED/bench/mkhive.py
[ -f "$mk" ] || { echo "bench: $mk is absent"; exit 2; }
mkdir -p "$BENCH_DIR"
cd "$BENCH_DIR" || exit 2

# want GROUP: 1 if BENCH_ONLY selects that group of measurements.
want() { [ -z "${BENCH_ONLY:-}" ] || [ "$BENCH_ONLY" = "$1" ]; }
# The regular hive serves export and diff; the --compat one (one lh list
# per key) serves import, which the peers (reged, Samba) need.
for v in "" "--compat"; do
	[ -n "$v" ] && ! want import && continue
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

echo "# $size: $(wc -c < "$hive") byte hive, $(wc -c < "$size.patch.reg") byte patch, $runs runs, $(nproc) CPUs"
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
echo "# ratios"
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
rm -f out.reg diff.txt work.hive work.hive.bak rss.txt err.txt
