# Coverage is not compliance: a check no target covers is "not covered",
# neither a pass nor a finding, in every report format; the verdict needs
# every check evaluated (exit 4 otherwise) unless --allow-uncovered.  A
# Registry.pol holds one class: the other class is not covered, not
# missing.  apply refuses settings no hive here can hold.
. "$TESTLIB"
need_shared
need_cmd xmllint
pol="$TESTDATA/../../policies/lcs-client.conf"
sam="$SHARED/corpus/hives/regipy/SAM"

# A real SAM hive holds none of the policy's keys.
expect_exit 4 hp check -p "$pol" "$sam"
assert_contains out.txt "0 of 0 checks compliant (15 not covered by any target); incomplete: 15 checks not evaluated, so not compliant"
assert_not_contains out.txt "; compliant"
# Each check is named, with the target it needs.
[ "$(grep -c '^not-covered ' out.txt)" = 15 ] || fail "not every check listed"
assert_contains out.txt "no target serves this key; it needs a SOFTWARE hive (HKLM\\SOFTWARE) or a machine Registry.pol"
assert_contains out.txt "no target serves this key; it needs an NTUSER.DAT hive (HKCU) or a user Registry.pol"
expect_exit 4 hp check -q -p "$pol" "$sam"
[ -s out.txt ] && fail "-q printed"
expect_exit 0 hp check --allow-uncovered -p "$pol" "$sam"
assert_contains out.txt "compliant as far as covered: 15 checks not evaluated, accepted"

expect_exit 4 hp check --format json -p "$pol" "$sam"
/usr/bin/python3 - out.txt <<'X' || fail "json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "hivepol-check/2"
assert (d["compliant"], d["verdict"], d["covered"]) == (False, "not-covered", False)
assert d["summary"]["not-covered"] == 15 and d["summary"]["compliant"] == 0
assert all(f["status"] == "not-covered" and f["needs"] for f in d["findings"])
X
expect_exit 4 hp check --format junit -p "$pol" "$sam"
[ "$(xmllint --xpath 'count(//testcase/skipped)' out.txt)" = 15 ] || fail "junit skipped"
[ "$(xmllint --xpath 'count(//testcase/failure)' out.txt)" = 0 ] || fail "junit failures"

# A bundle's User/Registry.pol: its 4 HKCU checks pass, the HKLM ones are
# not covered (they were reported missing before).
hp bundle -p "$pol" -o b >/dev/null || fail bundle
expect_exit 4 hp check -p "$pol" b/User/Registry.pol
assert_contains out.txt "4 of 4 checks compliant (11 not covered by any target)"
assert_not_contains out.txt "missing"
expect_exit 4 hp check -p "$pol" b/Machine/Registry.pol
assert_contains out.txt "11 of 11 checks compliant (4 not covered by any target)"
expect_exit 4 hp check --format json -p "$pol" b/Machine/Registry.pol
/usr/bin/python3 - out.txt <<'X' || fail "json pol mount"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["targets"][0]["mount"] == "HKLM", d["targets"]
X
# Both classes together, or the whole GPO folder, cover everything.
expect_exit 0 hp check -p "$pol" b/Machine/Registry.pol b/User/Registry.pol
assert_contains out.txt "15 of 15 checks compliant; compliant"
expect_exit 0 hp check -p "$pol" b
assert_contains out.txt "15 of 15 checks compliant; compliant"
# A .pol whose class neither --class nor its folder tells is an error.
cp b/User/Registry.pol user.pol
expect_exit 2 hp check -p "$pol" user.pol

# apply: settings with no hive here are an error naming each and the hive
# it needs, and nothing is written.
hp new --mount HKCU NTUSER.DAT >/dev/null || fail new
cp NTUSER.DAT orig.dat
expect_exit 4 hp apply -p "$pol" NTUSER.DAT
assert_contains err.txt "6 settings have no target here, so nothing was applied"
assert_contains err.txt "rtc-portrange-enabled (HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\RTC\\PortRange\\Enabled: needs a SOFTWARE hive (HKLM\\SOFTWARE))"
assert_contains err.txt "--allow-uncovered"
cmp -s NTUSER.DAT orig.dat || fail "refused apply wrote"
expect_exit 0 hp apply --allow-uncovered -p "$pol" NTUSER.DAT
assert_contains out.txt "2 changes written to 1 hive"
expect_exit 0 hp check --allow-uncovered -p "$pol" NTUSER.DAT
assert_contains out.txt "4 of 4 checks compliant (11 not covered by any target); compliant as far as covered"
# A real NTUSER.DAT copy from the corpus: the same refusal.
cp "$SHARED/corpus/hives/regipy/NTUSER.DAT" real.dat
expect_exit 4 hp apply --mount HKCU -p "$pol" real.dat
assert_contains err.txt "6 settings have no target here"
exit 0
