# check --image and --fleet choose the same targets for one machine: the
# Default profile, every profile with --all-users; the report names the
# profiles checked and skipped.  A file in a fleet folder that is no hive
# is named with what it is.
. "$TESTLIB"
pol="$TESTDATA/../../policies/lcs-client.conf"
img=fleet/m1
mkdir -p $img/Windows/System32/config $img/Users/Default $img/Users/alice
hp new --mount 'HKLM\SOFTWARE' $img/Windows/System32/config/SOFTWARE >/dev/null
hp new --mount HKCU $img/Users/Default/NTUSER.DAT >/dev/null
hp apply -p "$pol" --image $img >/dev/null || fail "apply Default"
# alice's profile is not compliant: tracing on.
hp new --mount HKCU $img/Users/alice/NTUSER.DAT >/dev/null
hp set $img/Users/alice/NTUSER.DAT 'HKCU\Software\Microsoft\Tracing\RTCDLL' EnableFileTracing dword 1 >/dev/null

expect_exit 0 hp check -p "$pol" --image $img
assert_contains out.txt "profiles checked: Default; skipped (not asked for all users): alice"
assert_contains out.txt "15 of 15 checks compliant; compliant"
expect_exit 1 hp check -p "$pol" --image $img --all-users
assert_contains out.txt "profiles checked: Default, alice; skipped (not asked for all users): none"
assert_contains out.txt "rtc-tracing-off"
expect_exit 0 hp check --format json -p "$pol" --image $img
/usr/bin/python3 - out.txt <<'X' || fail "json profiles"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["profiles"] == {"checked": ["Default"], "skipped": ["alice"]}, d["profiles"]
X
# Targets named one by one have no profiles.
expect_exit 0 hp check --format json -p "$pol" $img/Windows/System32/config/SOFTWARE $img/Users/Default/NTUSER.DAT
grep -q '"profiles": *null' out.txt || fail "profiles not null"

# The fleet sees the same machine the same way, and --all-users works.
expect_exit 0 hp check -p "$pol" --fleet fleet
assert_contains out.txt "fleet: 1 machines: 1 pass, 0 fail, 0 error"
assert_contains out.txt "    profiles checked: Default"
assert_contains out.txt "    profiles skipped: alice"
expect_exit 1 hp check -p "$pol" --fleet fleet --all-users
assert_contains out.txt "fleet: 1 machines: 0 pass, 1 fail, 0 error"
assert_contains out.txt "    profiles checked: Default, alice"
assert_contains out.txt "    profiles skipped: none"
expect_exit 1 hp check -p "$pol" --fleet fleet --all-users -j 2 --format jsonl
assert_contains out.txt '"result":"fail"'
/usr/bin/python3 - out.txt <<'X' || fail "jsonl profiles"
import json, sys
d = json.loads(open(sys.argv[1]).readline())
assert d["profiles"] == {"checked": ["Default", "alice"], "skipped": []}, d
assert d["stale"] == [] and d["warnings"] == [], d
X
expect_exit 0 hp check -p "$pol" --fleet fleet --format html -o r.html
assert_contains r.html '<p class="note">profiles skipped: alice</p>'
expect_exit 2 hp check -p "$pol" --all-users "$img/Users/Default/NTUSER.DAT"

# Files that are no hive, by their magic: named, never "no hive".
mkdir fleet/m2 fleet/m3
printf 'MZ\220\000\003' > fleet/m2/setup.exe
: > fleet/m2/empty.dat
printf 'just notes\n' > fleet/m2/notes.txt
printf '\177ELF\002\001' > fleet/m2/tool
printf 'PK\003\004\024\000' > fleet/m2/hives.zip
cp $img/Windows/System32/config/SOFTWARE fleet/m3/SOFTWARE
printf 'MZ\220\000' > fleet/m3/x.exe
expect_exit 1 hp check -p "$pol" --fleet fleet
assert_contains out.txt "fleet/m2/setup.exe (not a hive: PE executable)"
assert_contains out.txt "fleet/m2/empty.dat (not a hive: empty file)"
assert_contains out.txt "fleet/m2/notes.txt (not a hive: text file)"
assert_contains out.txt "fleet/m2/tool (not a hive: ELF executable)"
assert_contains out.txt "fleet/m2/hives.zip (not a hive: zip archive)"
# m3: SOFTWARE alone covers no HKCU check: not covered, not a pass.
grep -q '^m3  *not-covered  *4 not covered' out.txt || fail "m3: $(grep '^m3' out.txt)"
# The worker's warning reaches the report, under its machine.
assert_contains out.txt "    warning: fleet/m3: skipped fleet/m3/x.exe (not a hive: PE executable)"
expect_exit 1 hp check -p "$pol" --fleet fleet --format jsonl
grep '"machine":"m3"' out.txt | grep -q '"warnings":\["fleet/m3: skipped fleet/m3/x.exe (not a hive: PE executable)"\]' ||
    fail "m3 warnings in jsonl: $(grep m3 out.txt)"
printf 'fleet/m2/setup.exe\n' > list
expect_exit 1 hp check -p "$pol" --fleet list --format jsonl
assert_contains out.txt '"error":"fleet/m2/setup.exe: not a hive: PE executable"'
exit 0
