#!/bin/sh
# Registry.pol benchmark (issue 4): parse every valid corpus .pol and
# convert it to .reg (a .pol for the files .reg cannot express), one
# command per file, against Samba's parser (python3-samba GPPolParser,
# parse + its XML conversion) run the same way, one process per file.
# Also the same work in one process each (bench/polbench.c, built here
# against build/libhivepol.a), to show what process startup costs.
# Not a test: it prints timings.  Usage: bench/pol.sh [RUNS] (default 3).
# Environment: HIVEPOL (binary), LIBHIVEPOL (build/libhivepol.a), SHARED
# (../shared), CC.  "make bench BENCH_ONLY=pol" runs it.
set -u
runs=${1:-3}
here=$(cd "$(dirname "$0")" && pwd)
: "${HIVEPOL:=$here/../build/hivepol}"
: "${SHARED:=$here/../../shared}"
: "${LIBHIVEPOL:=$here/../build/libhivepol.a}"
py=/usr/bin/python3
corpus=$SHARED/corpus/pol
command -v bc > /dev/null || { echo "bench: bc is missing: make deps installs it"; exit 2; }
[ -d "$corpus" ] || { echo "bench: $corpus is absent"; exit 2; }
"$py" -c 'from samba.gp_parse.gp_pol import GPPolParser' 2>/dev/null ||
	{ echo "bench: python3-samba is not installed"; exit 2; }
# Outputs go to tmpfs when there is one: hivepol fsyncs every file it
# writes (Samba's write_xml does not), and a disk's fsync would dominate.
tmp=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && tmp=/dev/shm
work=$(mktemp -d "$tmp/hivepol-bench.XXXXXX") && trap 'rm -rf "$work"' EXIT
files=""
for f in $(find "$corpus" -name '*.pol' | sort); do
	"$HIVEPOL" show --class machine "$f" > /dev/null 2>&1 && files="$files $f"
done
n=$(echo $files | wc -w)
bytes=$(cat $files | wc -c)
now() { date +%s.%N; }
best() { printf '%s\n' "$@" | sort -g | head -n 1; }

hp_all() {
	for f in $files; do
		"$HIVEPOL" convert --class machine "$f" -o "$work/out.reg" \
		    2> /dev/null ||
		    "$HIVEPOL" convert "$f" -o "$work/out.pol" || exit 1
	done
}
samba_all() {
	for f in $files; do
		"$py" -c 'import sys
from samba.gp_parse.gp_pol import GPPolParser
p = GPPolParser()
p.parse(open(sys.argv[1], "rb").read())
p.write_xml(sys.argv[2])' "$f" "$work/out.xml" || exit 1
	done
}
# Samba in one process: best of RUNS passes over the files, in seconds.
samba_one() {
	"$py" -c 'import sys, time
from samba.gp_parse.gp_pol import GPPolParser
data = [open(f, "rb").read() for f in sys.argv[3:]]
best = 1e9
for k in range(int(sys.argv[2])):
    t = time.monotonic()
    for d in data:
        p = GPPolParser()
        p.parse(d)
        p.write_xml(sys.argv[1])
    best = min(best, time.monotonic() - t)
print("%.6f" % best)' "$work/out.xml" "$1" $files || exit 1
}
${CC:-cc} -O2 -D_GNU_SOURCE -I"$here/../src/core" -I"$here/../src/formats" \
    -o "$work/polbench" "$here/polbench.c" "$LIBHIVEPOL" \
    $(pkg-config --libs hivex libxml-2.0 libconfuse json-c) ||
	{ echo "bench: cannot build polbench"; exit 2; }
t_hp="" t_sa=""
i=0
while [ $i -lt "$runs" ]; do
	a=$(now); hp_all; b=$(now); samba_all; c=$(now)
	t_hp="$t_hp $(echo "$b - $a" | bc)"
	t_sa="$t_sa $(echo "$c - $b" | bc)"
	i=$((i + 1))
done
hp=$(best $t_hp) sa=$(best $t_sa)
h1=$("$work/polbench" $((runs * 20)) $files) || exit 1
s1=$(samba_one $((runs * 20))) || exit 1
echo "$n valid .pol files, $bytes bytes"
echo "one process per file (best of $runs):"
printf '  hivepol convert:               %9.4f s\n' "$hp"
printf '  Samba GPPolParser + write_xml: %9.4f s  = %.1fx hivepol\n' "$sa" \
    "$(echo "$sa / $hp" | bc -l)"
echo "all files in one process (best of $((runs * 20)) passes):"
printf '  hivepol parse + .reg:          %9.2f ms\n' "$(echo "$h1 * 1000" | bc)"
printf '  Samba GPPolParser + write_xml: %9.2f ms = %.1fx hivepol\n' \
    "$(echo "$s1 * 1000" | bc)" "$(echo "$s1 / $h1" | bc -l)"
