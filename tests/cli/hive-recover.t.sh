# Dirty hives are read as Windows recovers them (docs/dirty-hives.md): the
# logs beside them are replayed in memory, both formats, with one warning
# line; --no-recover reads the primary as is; writes leave a clean hive
# the logs no longer apply to.  Oracles: Windows 10's own recovery of
# NewDirtyHive, and yarp's of the others (tests/data/recovered).
. "$TESTLIB"
need_shared
c=$SHARED/corpus/hives
nd=$c/yarp/NewDirtyHive1

expect_exit 0 hp diff "$nd/NewDirtyHive" "$nd/RecoveredHive_Windows10"
[ -s out.txt ] && fail "recovered NewDirtyHive differs from Windows' own"
assert_contains err.txt "warning: $nd/NewDirtyHive: recovered from NewDirtyHive.LOG1, .LOG2: 4 log entries"
[ "$(wc -l < err.txt)" -eq 1 ] || fail "more than one line: $(cat err.txt)"
expect_exit 1 hp diff --no-recover "$nd/NewDirtyHive" "$nd/RecoveredHive_Windows10"
assert_contains out.txt 'removed  key   Key1'
assert_contains err.txt 'hive is dirty: sequence numbers differ (3/2)'

# Each corpus hive with logs reads as yarp recovered it.
while read -r sum f; do
	hp ls -R "$c/$f" > ls.txt 2> err.txt || fail "$f: ls failed: $(cat err.txt)"
	got=$(sha256sum < ls.txt | cut -c1-64)
	[ "$got" = "$sum" ] || fail "$f: recovered listing differs from yarp's"
done < "$TESTDATA/recovered/ls-R.sha256"
for f in 'regipy/SYSTEM_B:SYSTEM_B.LOG1, .LOG2: 24 log entries' \
    'regipy/transactions_NTUSER.DAT:transactions_ntuser.dat.log1: 23 log entries' \
    'regipy/UsrClass.dat:UsrClass.dat.LOG1, .LOG2: 14 log entries' \
    'yarp/BadBaseBlockHive/BadBaseBlockHive:BadBaseBlockHive.LOG1: 64 dirty pages'; do
	expect_exit 0 hp ls "$c/${f%%:*}"
	assert_contains err.txt "recovered from ${f#*:}"
done
# A clean hive's log is not applied (dfwinreg's NTUSER.DAT and its .LOG).
expect_exit 0 hp ls "$c/dfwinreg/NTUSER.DAT"
assert_not_contains err.txt 'recovered'
assert_not_contains err.txt 'dirty'

# Reports mark a dirty hive's target: recovered, or stale without its logs.
cat > p.conf <<'X'
setting "k3" {
	key = "HKLM\\SOFTWARE\\Key3\\Key3_1"
	value = "V"
	type = "dword"
	data = "1"
}
X
expect_exit 1 hp check -p p.conf --format json --mount 'HKLM\SOFTWARE' "$nd/NewDirtyHive"
assert_contains out.txt '"state":"recovered"'
assert_contains out.txt '"recovered_from":"NewDirtyHive.LOG1, .LOG2: 4 log entries"'
expect_exit 1 hp check -p p.conf --no-recover --mount 'HKLM\SOFTWARE' "$nd/NewDirtyHive"
assert_contains out.txt "stale target $nd/NewDirtyHive: a dirty hive read without its logs"
expect_exit 1 hp check -p p.conf --format json --no-recover --mount 'HKLM\SOFTWARE' "$nd/NewDirtyHive"
assert_contains out.txt '"state":"stale"'
expect_exit 1 hp check -p p.conf --format junit --no-recover --mount 'HKLM\SOFTWARE' "$nd/NewDirtyHive"
xmllint --noout out.txt || fail "junit is no XML"
[ "$(xmllint --xpath 'string(//testsuite/properties/property[@name="stale-target"]/@value)' out.txt)" = "$nd/NewDirtyHive" ] ||
    fail "junit: no stale-target property: $(cat out.txt)"
assert_contains out.txt '<system-out>stale target: a dirty hive read without its logs'
expect_exit 1 hp check -p p.conf --format junit --mount 'HKLM\SOFTWARE' "$nd/NewDirtyHive"
assert_not_contains out.txt 'stale'

# hivepol recover writes the recovered hive, clean: its logs beside it
# no longer apply.  The original and its logs are only read.
expect_exit 0 hp recover -o rec "$nd/NewDirtyHive"
expect_exit 0 hp diff rec "$nd/RecoveredHive_Windows10"
[ -s out.txt ] && fail "recover's output differs from Windows' recovery"
cp "$nd/NewDirtyHive.LOG1" rec.LOG1
cp "$nd/NewDirtyHive.LOG2" rec.LOG2
expect_exit 0 hp ls rec
[ -s err.txt ] && fail "recover's output is not clean: $(cat err.txt)"
rm rec*

# A lone .LOG1 is used; a truncated .LOG2 stops where its entries stop.
cp "$nd/NewDirtyHive" "$nd/NewDirtyHive.LOG1" .
chmod u+w NewDirtyHive*
expect_exit 0 hp ls NewDirtyHive
assert_contains err.txt 'recovered from NewDirtyHive.LOG1: 1 log entry'
head -c 8192 "$nd/NewDirtyHive.LOG2" > NewDirtyHive.LOG2
expect_exit 0 hp ls NewDirtyHive
assert_contains err.txt 'recovered from NewDirtyHive.LOG1, .LOG2: 2 log entries'
# A log that is a symbolic link is not followed (an image may hold it).
mv NewDirtyHive.LOG2 other
ln -s other NewDirtyHive.LOG2
expect_exit 0 hp ls NewDirtyHive
assert_contains err.txt 'NewDirtyHive.LOG2: a symbolic link, not followed'
assert_contains err.txt 'recovered from NewDirtyHive.LOG1: 1 log entry'
rm NewDirtyHive.LOG2
mv other NewDirtyHive.LOG2
# Logs that cannot be used: read stale with a warning, writes refused.
printf 'garbage' | dd of=NewDirtyHive.LOG1 bs=1 seek=600 conv=notrunc 2>/dev/null
printf 'garbage' | dd of=NewDirtyHive.LOG2 bs=1 seek=0 conv=notrunc 2>/dev/null
expect_exit 0 hp ls NewDirtyHive
assert_contains err.txt 'its logs cannot be used'
assert_contains err.txt 'NewDirtyHive.LOG1: an entry fails its hash check'
assert_contains err.txt 'NewDirtyHive.LOG2: no valid base block'
expect_exit 2 hp set NewDirtyHive Key1 X dword 1
assert_contains err.txt 'refusing to write'
assert_contains err.txt '--force'
expect_exit 2 hp recover -o rec NewDirtyHive
assert_contains err.txt 'its logs cannot be used'
[ -e rec ] && fail "recover wrote a stale hive"
# A fleet machine holding it: the report names the stale target.
mkdir -p fleet/m1
cp NewDirtyHive* fleet/m1/
expect_exit 4 hp check -p p.conf --fleet fleet
assert_contains out.txt "    stale target: fleet/m1/NewDirtyHive"
expect_exit 4 hp check -p p.conf --fleet fleet --format jsonl
assert_contains out.txt '"stale":["fleet/m1/NewDirtyHive"]'
rm -r fleet

# A write on a dirty hive: logs replayed, a clean primary written; its logs
# are left alone and no longer apply.
rm -f NewDirtyHive*
cp "$nd"/NewDirtyHive* .
chmod u+w NewDirtyHive*
expect_exit 0 hp set NewDirtyHive Key3 X dword 7
assert_contains err.txt 'recovered from NewDirtyHive.LOG1, .LOG2: 4 log entries'
cmp -s NewDirtyHive.LOG1 "$nd/NewDirtyHive.LOG1" || fail "LOG1 changed"
cmp -s NewDirtyHive.LOG2 "$nd/NewDirtyHive.LOG2" || fail "LOG2 changed"
expect_exit 1 hp diff NewDirtyHive "$nd/RecoveredHive_Windows10"
assert_not_contains err.txt 'recovered'
assert_not_contains err.txt 'dirty'
[ "$(cat out.txt)" = 'removed  value Key3  "X"  REG_DWORD 0x00000007 (7)' ] ||
    fail "write changed more than X: $(cat out.txt)"
hp ls -R NewDirtyHive > a.txt 2>&1
hp ls -R --no-recover NewDirtyHive > b.txt 2>&1
cmp -s a.txt b.txt || fail "the written hive reads differently without --no-recover"
# The same for an old-format log repairing a bad base block.
bb=$c/yarp/BadBaseBlockHive
cp "$bb"/BadBaseBlockHive* .
chmod u+w BadBaseBlockHive*
expect_exit 0 hp set BadBaseBlockHive '' X dword 5
assert_contains err.txt 'recovered from BadBaseBlockHive.LOG1: 64 dirty pages'
hp ls -R BadBaseBlockHive > a.txt 2> err.txt
[ -s err.txt ] && fail "the written hive is not clean: $(cat err.txt)"
hp ls -R --no-recover BadBaseBlockHive > b.txt 2>&1
cmp -s a.txt b.txt || fail "the written hive reads differently without --no-recover"
cmp -s BadBaseBlockHive.LOG1 "$bb/BadBaseBlockHive.LOG1" || fail "LOG1 changed"
py=$(debian_python) || exit 0
$py - NewDirtyHive <<'PY' || fail "written hive is not clean"
import struct, sys
b = open(sys.argv[1], "rb").read(512)
s1, s2 = struct.unpack_from("<II", b, 4)
sys.exit(0 if s1 == s2 and s1 > 5 else 1)
PY
exit 0
