# check --fleet --shard K/N and report merge: shards checked anywhere
# (here by GNU parallel, the recipe of docs/scaling.md) merge into the
# report one run over the whole fleet gives.
. "$TESTLIB"
pol=$TESTDATA/../../policies/lcs-client.conf
rtc='HKLM\SOFTWARE\Policies\Microsoft\Windows\RTC\PortRange'
mkdir -p m
hp new --mount 'HKLM\SOFTWARE' m/SOFTWARE >/dev/null
hp new --mount HKCU m/NTUSER.DAT >/dev/null
hp apply -p "$pol" m/SOFTWARE m/NTUSER.DAT >/dev/null || fail "apply"
cp m/SOFTWARE drift.hive
hp set drift.hive "$rtc" MinSipDynamicPort dword 6000 >/dev/null
# 1,000 machines; every 97th drifted, one unreadable, one with a stray file.
i=0
while [ $i -lt 1000 ]; do
	d=fleet/pc$(printf %04d $i)
	mkdir -p $d
	cp m/SOFTWARE m/NTUSER.DAT $d/
	[ $((i % 97)) -eq 5 ] && cp drift.hive $d/SOFTWARE
	i=$((i + 1))
done
rm fleet/pc0500/*
printf 'MZ\220\000\003' > fleet/pc0700/setup.exe

expect_exit 1 hp check -p "$pol" --fleet fleet -j 2 --format jsonl -o whole.jsonl
expect_exit 1 hp check -p "$pol" --fleet fleet -j 2 -o whole.txt
expect_exit 1 hp check -p "$pol" --fleet fleet -j 2 --format junit -o whole.xml

# Each shard is deterministic, the shards are disjoint and cover the fleet.
# (A shard's exit status is its own verdict: 0 or 1.)
for k in 1 2 3 4; do
	hp check -p "$pol" --fleet fleet --shard $k/4 --format jsonl -o s$k.jsonl 2> err.txt
	[ $? -le 1 ] || fail "shard $k: $(cat err.txt)"
done
[ "$(cat s1.jsonl s2.jsonl s3.jsonl s4.jsonl | wc -l)" -eq 1000 ] || fail "shards hold $(cat s?.jsonl | wc -l) lines"
for k in 1 2 3 4; do
	n=$(wc -l < s$k.jsonl)
	[ "$n" -gt 150 ] && [ "$n" -lt 350 ] || fail "shard $k holds $n machines"
done
[ "$(cat s?.jsonl | jq -r .machine | sort -u | wc -l)" -eq 1000 ] || fail "shards overlap"
hp check -p "$pol" --fleet fleet --shard 3/4 --format jsonl -o again.jsonl
cmp -s s3.jsonl again.jsonl || fail "shard 3/4 differs between runs"

# The recipe: GNU parallel runs the shards (-S : is this host; over ssh
# hosts it is -S host1,host2 with the fleet on a shared filesystem).
if command -v parallel > /dev/null 2>&1; then
	parallel --will-cite -S : -j 2 "cd $PWD && $HIVEPOL check -p $pol --fleet fleet --shard {}/4 --format jsonl -o p{}.jsonl; [ \$? -le 1 ]" ::: 1 2 3 4 ||
	    fail "parallel failed"
	set -- p1.jsonl p2.jsonl p3.jsonl p4.jsonl
else
	set -- s1.jsonl s2.jsonl s3.jsonl s4.jsonl
fi
expect_exit 1 hp report merge --format jsonl -o merged.jsonl "$@"
cmp -s whole.jsonl merged.jsonl || fail "merged jsonl differs from one run: $(diff whole.jsonl merged.jsonl | head -5)"
expect_exit 1 hp report merge -p "$pol" -o merged.txt s4.jsonl s2.jsonl s1.jsonl s3.jsonl
cmp -s whole.txt merged.txt || fail "merged text differs from one run: $(diff whole.txt merged.txt | head -5)"
expect_exit 1 hp report merge --format junit -o merged.xml "$@"
cmp -s whole.xml merged.xml || fail "merged junit differs"
# By hand: 11 drifted machines (i % 97 == 5 below 1000), one error.
assert_contains merged.txt 'fleet: 1000 machines: 988 pass, 11 fail, 1 error'
[ "$(jq -r 'select(.result=="fail") | .machine' merged.jsonl | wc -l)" -eq 11 ] || fail "fail count"
[ "$(jq -r 'select(.machine=="pc0700") | .warnings[0]' merged.jsonl)" = \
    "fleet/pc0700: skipped fleet/pc0700/setup.exe (not a hive: PE executable)" ] ||
    fail "pc0700's warning lost"
[ "$(xmllint --xpath 'count(//testsuite)' merged.xml)" = 1000 ] || fail "junit suites"
[ "$(xmllint --xpath 'count(//testsuite/testcase/error)' merged.xml)" = 1 ] || fail "junit error case"
expect_exit 1 hp report merge --format json -o merged.json "$@"
[ "$(jq '.machines | length' merged.json)" = 1000 ] || fail "json machines"
[ "$(jq -r .schema merged.json)" = hivepol-fleet/1 ] || fail "json schema"

# What cannot be merged is said, naming the file and line.
expect_exit 2 hp report merge --format jsonl s1.jsonl s2.jsonl s3.jsonl
assert_contains err.txt "s1.jsonl:1: a fleet of 1000 machines, but the shards hold $(cat s1.jsonl s2.jsonl s3.jsonl | wc -l) lines: was every shard's report merged?"
: > empty.jsonl
expect_exit 2 hp report merge --format jsonl empty.jsonl
assert_contains err.txt 'no fleet results in the shards'
expect_exit 2 hp report merge --format jsonl s1.jsonl s1.jsonl s2.jsonl s3.jsonl s4.jsonl
assert_contains err.txt "s1.jsonl:1: machine"
assert_contains err.txt "is also at s1.jsonl:1"
printf 'not json\n' > bad.jsonl
expect_exit 2 hp report merge --format jsonl s1.jsonl s2.jsonl s3.jsonl s4.jsonl bad.jsonl
assert_contains err.txt "bad.jsonl:1: not a line of a fleet's JSON lines report"
# A line claiming a huge fleet asks for no memory it cannot back.
printf '{"index":0,"fleet_size":999999999999,"result":"pass"}\n' > huge.jsonl
expect_exit 2 hp report merge --format jsonl huge.jsonl
assert_contains err.txt "huge.jsonl:1: a fleet of 999999999999 machines, but the shards hold 1 lines"
expect_exit 2 hp report merge s1.jsonl
assert_contains err.txt 'needs -p <policy>'
expect_exit 2 hp check -p "$pol" --fleet fleet --shard 5/4
assert_contains err.txt '--shard wants K/N'
expect_exit 2 hp check -p "$pol" --shard 1/2 m/SOFTWARE
assert_contains err.txt '--shard splits a --fleet'
exit 0
