# check: findings of each kind on a drifted hive, exit codes, and the
# JSON and JUnit reports.  Expected values follow from the policy below.
. "$TESTLIB"
need_cmd xmllint
cat > p.conf <<'X'
setting "on" {
	key = "HKLM\\SOFTWARE\\P"
	value = "Enabled"
	type = "dword"
	data = "1"
	rationale = "the switch"
	default_when_absent = "policy off"
}
setting "lo" {
	key = "HKLM\\SOFTWARE\\P"
	value = "Lo"
	type = "dword"
	min = 1024
	max = 65535
}
setting "hi" {
	key = "HKLM\\SOFTWARE\\P"
	value = "Hi"
	type = "dword"
	min = 1024
	max = 65535
}
setting "name" {
	key = "HKLM\\SOFTWARE\\P"
	value = "Name"
	type = "sz"
	data = "pool"
}
setting "nolog" {
	key = "HKLM\\SOFTWARE\\P"
	value = "Log"
	presence = "forbidden"
	severity = "warning"
}
setting "user" {
	key = "HKCU\\Software\\P"
	value = "U"
	type = "dword"
	data = "1"
}
rule "range" {
	kind = "range"
	settings = {"lo", "hi"}
	min_width = 4
	min_width_odd = 5
	rationale = "two pairs"
}
X
k='HKLM\SOFTWARE\P'
hp new --mount 'HKLM\SOFTWARE' S >/dev/null || fail new
hp set S "$k" Lo dword 5351 >/dev/null
hp set S "$k" Hi dword 5354 >/dev/null
hp set S "$k" Name dword 7 >/dev/null
hp set S "$k" Log dword 1 >/dev/null

expect_exit 1 hp check -p p.conf S
assert_contains out.txt "missing"
assert_contains out.txt "HKLM\\SOFTWARE\\P\\Enabled"
assert_contains out.txt "value is absent; without it: policy off; why: the switch"
assert_contains out.txt "wrong-type"
assert_contains out.txt "type is REG_DWORD, policy wants REG_SZ"
assert_contains out.txt "forbidden-present"
assert_contains out.txt "rule-violated"
assert_contains out.txt "the range holds 4 values; it needs 5 when the low end is odd"
assert_contains out.txt "(1 not covered by any target)"
# No colour when stdout is not a terminal.
! grep -q "$(printf '\033')" out.txt || fail "colour in a pipe"

# -q speaks only through the exit status.
expect_exit 1 hp check -q -p p.conf S
[ -s out.txt ] && fail "-q printed"

expect_exit 1 hp check --format json -p p.conf S
/usr/bin/python3 - out.txt <<'X' || fail "json schema"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "hivepol-check/2"
assert d["compliant"] is False and d["verdict"] == "non-compliant"
assert d["covered"] is False and d["allow_uncovered"] is False
assert d["targets"] == [{"source": "S", "mount": "HKLM\\SOFTWARE"}]
s = d["summary"]
assert (s["checks"], s["compliant"], s["missing"], s["wrong-type"],
        s["forbidden-present"], s["rule-violated"], s["drift"],
        s["not-covered"]) == (7, 2, 1, 1, 1, 1, 0, 1), s
keys = {"status", "severity", "kind", "check", "target", "path", "value",
        "expected", "actual", "message", "rationale", "source",
        "default_when_absent", "defined_at", "needs"}
by = {f["check"]: f for f in d["findings"]}
for f in d["findings"]:
    assert set(f) == keys, set(f) ^ keys
m = by["on"]
assert m["status"] == "missing" and m["actual"] == "absent"
assert m["expected"] == "REG_DWORD 1" and m["default_when_absent"] == "policy off"
assert m["path"] == "HKLM\\SOFTWARE\\P\\Enabled" and m["value"] == "Enabled"
assert m["defined_at"].endswith("p.conf:1")
assert by["nolog"]["severity"] == "warning"
assert by["range"]["kind"] == "rule" and by["range"]["actual"] == "5351-5354"
assert by["range"]["value"] is None
assert by["user"]["status"] == "not-covered" and by["user"]["target"] is None
assert by["user"]["needs"] == "an NTUSER.DAT hive (HKCU) or a user Registry.pol"
assert by["on"]["needs"] is None
X

expect_exit 1 hp check --format junit -p p.conf S
xmllint --noout out.txt || fail "junit is not well-formed"
[ "$(xmllint --xpath 'count(//testcase)' out.txt)" = 7 ] || fail testcases
[ "$(xmllint --xpath 'count(//testcase/failure)' out.txt)" = 4 ] || fail failures
[ "$(xmllint --xpath 'count(//testcase/skipped)' out.txt)" = 1 ] || fail skipped
xmllint --xpath 'string(//testcase[@name="user"]/skipped/@message)' out.txt |
    grep -q "no target serves this key; it needs an NTUSER.DAT hive" || fail "skipped reason"
[ "$(xmllint --xpath 'string(//testcase[@name="range"]/failure/@type)' out.txt)" = rule-violated ] || fail type

# Fixing the hive makes it compliant (exit 0); a warning-only finding
# still counts, an info one does not.
hp set S "$k" Enabled dword 1 >/dev/null
hp set S "$k" Hi dword 5355 >/dev/null
hp set S "$k" Name sz pool >/dev/null
hp rm S "$k" Log >/dev/null
# A check no target covers is no pass: exit 4 unless --allow-uncovered,
# which says the verdict holds only for what was covered.
expect_exit 4 hp check -p p.conf S
assert_contains out.txt "not-covered       user"
assert_contains out.txt "6 of 6 checks compliant (1 not covered by any target); incomplete: 1 check not evaluated, so not compliant"
expect_exit 0 hp check --allow-uncovered -p p.conf S
assert_contains out.txt "6 of 6 checks compliant (1 not covered by any target); compliant as far as covered: 1 check not evaluated, accepted"
expect_exit 4 hp check --format json -p p.conf S
/usr/bin/python3 - out.txt <<'X' || fail "json: uncovered"
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["compliant"], d["verdict"], d["covered"]) == (False, "not-covered", False), d
X
expect_exit 0 hp check --allow-uncovered --format json -p p.conf S
/usr/bin/python3 - out.txt <<'X' || fail "json: allowed"
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["compliant"], d["verdict"], d["allow_uncovered"]) == (True, "compliant-as-covered", True), d
X
expect_exit 4 hp check --format junit -p p.conf S
[ "$(xmllint --xpath 'count(//testcase/skipped)' out.txt)" = 1 ] || fail "junit skipped"
expect_exit 4 hp check -q -p p.conf S

# Errors: exit 2 with the reason.
expect_exit 2 hp check -p p.conf
expect_exit 2 hp check S
expect_exit 2 hp check -p nope.conf S
expect_exit 2 hp check -p p.conf nope
expect_exit 2 hp check --format xml -p p.conf S
printf 'not a hive' > junk
expect_exit 2 hp check -p p.conf junk
exit 0
