# apply --dry-run --format reg --all-users writes one section per target,
# each after a comment naming its file, and each user profile's settings
# under HKEY_USERS\<profile> instead of one merged HKCU section.  The
# file is read back by hivepol's own .reg reader and by python.
. "$TESTLIB"
pol="$TESTDATA/../../policies/lcs-client.conf"
mkdir -p img/Windows/System32/config img/Users/Default img/Users/alice \
    img/Users/bob
hp new --mount 'HKLM\SOFTWARE' img/Windows/System32/config/SOFTWARE >/dev/null
hp new --mount 'HKLM\SYSTEM' img/Windows/System32/config/SYSTEM >/dev/null
for u in Default alice bob; do
	hp new --mount HKCU img/Users/$u/NTUSER.DAT >/dev/null
done
expect_exit 1 hp apply --dry-run --format reg --all-users -p "$pol" --image img
cp out.txt plan.reg
iconv -f UTF-16 -t UTF-8 plan.reg | tr -d '\r' > plan.txt
for u in Default alice bob; do
	assert_contains plan.txt "; img/Users/$u/NTUSER.DAT"
	assert_contains plan.txt "[HKEY_USERS\\$u\\Software\\Microsoft\\Office"
done
assert_contains plan.txt "; img/Windows/System32/config/SOFTWARE"
assert_contains plan.txt '[HKEY_LOCAL_MACHINE\SOFTWARE\'
assert_not_contains plan.txt 'HKEY_CURRENT_USER'
# Each profile section follows its comment, and holds that profile only.
/usr/bin/python3 - plan.txt <<'PY' || fail "sections"
import sys
cur, seen = None, {}
for line in open(sys.argv[1]):
    line = line.strip()
    if line.startswith("; "):
        cur = line[2:]
    elif line.startswith("[HKEY_USERS\\"):
        prof = line.split("\\")[1]
        assert cur.endswith("/Users/%s/NTUSER.DAT" % prof), (cur, line)
        seen[prof] = seen.get(prof, 0) + 1
assert sorted(seen) == ["Default", "alice", "bob"], seen
assert len(set(seen.values())) == 1, seen
PY
# The .reg reader takes the comments: the plan converts and imports.
expect_exit 0 hp new --mount HKU users.hive
expect_exit 0 hp import --mount HKU users.hive plan.reg
expect_exit 0 hp ls --mount HKU users.hive 'HKU\alice\Software\Microsoft\Office'
# One profile (no --all-users): HKCU as before, still with its comment.
expect_exit 1 hp apply --dry-run --format reg -p "$pol" --image img
iconv -f UTF-16 -t UTF-8 out.txt | tr -d '\r' > one.txt
assert_contains one.txt "; img/Users/Default/NTUSER.DAT"
assert_contains one.txt '[HKEY_CURRENT_USER\Software\Microsoft\Office'
