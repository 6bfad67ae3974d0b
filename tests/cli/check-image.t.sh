# --image: a synthetic Windows volume built with hivepol itself, with
# names in odd case; HKLM settings go to SOFTWARE, HKCU settings to the
# Default profile (and with --all-users to every profile).
. "$TESTLIB"
pol="$TESTDATA/../../policies/lcs-client.conf"
mkdir -p img/WINDOWS/system32/Config img/Users/Default img/users_not/x \
    img/Users/alice
hp new --mount 'HKLM\SOFTWARE' img/WINDOWS/system32/Config/software >/dev/null
hp new --mount 'HKLM\SYSTEM' img/WINDOWS/system32/Config/SYSTEM >/dev/null
hp new --mount HKCU img/Users/Default/NTUSER.DAT >/dev/null
hp new --mount HKCU img/Users/alice/ntuser.dat >/dev/null

expect_exit 1 hp check --format json -p "$pol" --image img
/usr/bin/python3 - out.txt <<'X' || fail "image targets"
import json, sys
d = json.load(open(sys.argv[1]))
t = sorted((x["source"].split("img/")[1], x["mount"]) for x in d["targets"])
assert t == [("Users/Default/NTUSER.DAT", "HKCU"),
             ("WINDOWS/system32/Config/SYSTEM", "HKLM\\SYSTEM"),
             ("WINDOWS/system32/Config/software", "HKLM\\SOFTWARE")], t
assert d["summary"]["not-covered"] == 0
X

expect_exit 0 hp apply -p "$pol" --image img
assert_contains out.txt "8 changes written to 2 hives"
expect_exit 0 hp check -p "$pol" --image img
# alice was not touched without --all-users.
expect_exit 1 hp check -p "$pol" --image img --all-users
assert_contains out.txt "alice"
expect_exit 0 hp apply -p "$pol" --image img --all-users
assert_contains out.txt "2 changes written to 1 hive"
expect_exit 0 hp check -p "$pol" --image img --all-users

mkdir empty
expect_exit 2 hp check -p "$pol" --image empty
assert_contains err.txt "no Windows hives found"
expect_exit 2 hp check -p "$pol" --all-users S
exit 0
