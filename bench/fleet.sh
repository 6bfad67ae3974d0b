#!/bin/sh
# Fleet benchmark: N machines, each an NTUSER.DAT-sized hive (a copy of
# the regipy corpus NTUSER.DAT, 786 KB; every tenth with a drifted
# value), checked against policies/lcs-client.conf with -j1 and -j2.
# Reports machines per second and the ratio to cat(1) of the same files.
# Usage: bench/fleet.sh HIVEPOL [N]   (needs ../shared)
set -eu
hivepol=$1 n=${2:-1000}
top=$(cd "$(dirname "$0")/.." && pwd)
src=${SHARED:-$top/../shared}/corpus/hives/regipy/NTUSER.DAT
pol=$top/policies/lcs-client.conf
dir=${BENCH_DIR:-$(mktemp -d)}/fleet
rm -rf "$dir"
mkdir -p "$dir/m"
cp "$src" "$dir/base"
"$hivepol" apply -p "$pol" --mount HKCU "$dir/base" > /dev/null 2>&1
cp "$dir/base" "$dir/drift"
"$hivepol" set "$dir/drift" 'HKCU\Software\Microsoft\Tracing\RTCDLL' \
    EnableFileTracing dword 1 > /dev/null
i=0
while [ $i -lt "$n" ]; do
	m=$(printf '%s/m/pc%04d' "$dir" $i)
	mkdir "$m"
	if [ $((i % 10)) -eq 0 ]; then cp "$dir/drift" "$m/NTUSER.DAT"
	else cp "$dir/base" "$m/NTUSER.DAT"; fi
	i=$((i + 1))
done
now() { date +%s.%N; }
cat "$dir"/m/*/NTUSER.DAT > /dev/null	# warm the page cache
t0=$(now); cat "$dir"/m/*/NTUSER.DAT > /dev/null; t1=$(now)
"$hivepol" check -p "$pol" --fleet "$dir/m" -j 1 --format jsonl > "$dir/j1" || true
t2=$(now)
"$hivepol" check -p "$pol" --fleet "$dir/m" -j 2 --format jsonl > "$dir/j2" || true
t3=$(now)
[ "$(wc -l < "$dir/j1")" -eq "$n" ] || { echo "j1: wrong line count"; exit 1; }
fails=$(grep -c '"result":"fail"' "$dir/j1" || true)
awk -v n="$n" -v c="$t0 $t1" -v a="$t1 $t2" -v b="$t2 $t3" -v f="$fails" 'BEGIN {
	split(c, x, " "); split(a, y, " "); split(b, z, " ");
	tc = x[2] - x[1]; t1 = y[2] - y[1]; t2 = z[2] - z[1];
	printf "fleet: %d machines (%d drifted, found %d)\n", n, n / 10, f;
	printf "cat of the hives: %.2f s\n", tc;
	printf "check -j1: %.2f s, %.0f machines/s, %.1fx cat\n", t1, n / t1, t1 / tc;
	printf "check -j2: %.2f s, %.0f machines/s, %.1fx cat\n", t2, n / t2, t2 / tc;
	printf "per machine (-j1): %.1f ms\n", 1000 * t1 / n;
}'
rm -rf "$dir"
