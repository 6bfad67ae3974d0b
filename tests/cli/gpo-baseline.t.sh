# A baseline is a policy: check --baseline GPO-or-BACKUP checks targets
# against every setting of a real baseline (registry settings exact,
# deletions as must-be-absent, the security template and audit policy
# not covered by hives, so exit 4 unless --allow-uncovered), and policy
# import writes the same settings as a policy file that policy lint
# accepts.  The settings are checked against Samba's parse of the
# backups' registry.pol, not against hivepol's.
. "$TESTLIB"
need_shared
c="$SHARED/corpus/gpo"
msft="$c/msft-sct-win10-2004/{D0BECB24-5EBF-40BE-820D-F572C81FF2DB}"
nsa="$c/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}"

# policy import: one setting per entry (MANIFEST: 100 and 87 entries,
# NSA's with 5 **del. deletions), each naming its file.
expect_exit 0 hp policy import "$msft" -o msft.conf
expect_exit 0 hp policy lint msft.conf
assert_contains out.txt "msft.conf: 100 settings, 0 rules, no conflicts"
assert_contains msft.conf 'description = "MSFT Windows 10 2004 - Computer"'
assert_contains msft.conf '# DomainSysvol/GPO/Machine/registry.pol, offset '
assert_contains msft.conf 'source = "DomainSysvol/GPO/Machine/registry.pol"'
assert_contains msft.conf '(security template): DomainSysvol/GPO/Machine/microsoft/windows nt/SecEdit/GptTmpl.inf'
assert_contains msft.conf '(advanced audit policy): DomainSysvol/GPO/Machine/microsoft/windows nt/Audit/audit.csv'
expect_exit 0 hp policy import "$nsa"
cp out.txt nsa.conf
expect_exit 0 hp policy lint nsa.conf
assert_contains out.txt "nsa.conf: 87 settings"
[ "$(grep -c '^	presence = "forbidden"' nsa.conf)" -eq 5 ] || fail "NSA deletions"

py=$(debian_python) || skip "no /usr/bin/python3"
"$py" -c 'from samba.gp_parse.gp_pol import GPPolParser' 2>/dev/null ||
	skip "python3-samba is not installed"
for pair in "msft.conf:$msft" "nsa.conf:$nsa"; do
"$py" - "${pair%%:*}" "${pair#*:}/DomainSysvol/GPO/Machine/registry.pol" <<'EOPY' || fail "${pair%%:*} differs from Samba's reading"
import re, sys
from samba.gp_parse.gp_pol import GPPolParser
conf = open(sys.argv[1]).read()
got = {}
for body in re.findall(r'setting "[^\n]*" \{\n(.*?)\n\}', conf, re.S):
    f = dict(re.findall(r'\t(\w+) = "((?:[^"\\]|\\.)*)"', body))
    un = lambda s: re.sub(r'\\(.)', r'\1', s)
    got[(un(f['key']).lower(), un(f['value']).lower())] = (
        f.get('presence', 'required'), f.get('type'), un(f.get('data', '')))
p = GPPolParser()
p.parse(open(sys.argv[2], 'rb').read())
want = {}
words = {1: 'sz', 2: 'expand_sz', 4: 'dword', 7: 'multi_sz', 11: 'qword'}
for e in p.pol_file.entries:
    key = ('HKLM\\' + e.keyname).lower()
    if e.valuename.lower().startswith('**del.'):
        want[(key, e.valuename[6:].lower())] = ('forbidden', None, '')
    elif not e.valuename.startswith('**'):
        want[(key, e.valuename.lower() or '@')] = (
            'required', words[e.type], str(e.data).rstrip('\x00'))
if got != want:
    for k in sorted(set(got) | set(want)):
        if got.get(k) != want.get(k):
            print(k, got.get(k), want.get(k))
    sys.exit(1)
EOPY
done

# check --baseline on hives that carry the registry settings: all 100
# compliant, the template and the audit CSV not covered: exit 4, then 0
# with --allow-uncovered; the imported policy agrees.
hp new --mount 'HKLM\SOFTWARE' SOFTWARE > /dev/null || fail new
hp new --mount 'HKLM\SYSTEM' SYSTEM > /dev/null || fail new
hp import SOFTWARE "$msft" > /dev/null 2>&1
hp import SYSTEM "$msft" > /dev/null 2>&1
expect_exit 4 hp check --baseline "$msft" SOFTWARE SYSTEM
assert_contains out.txt "100 of 100 checks compliant (2 not covered by any target)"
grep -q '^not-covered  *GptTmpl.inf ' out.txt || fail "GptTmpl.inf not reported"
grep -q '^not-covered  *audit.csv ' out.txt || fail "audit.csv not reported"
expect_exit 0 hp check --allow-uncovered --baseline "$msft" SOFTWARE SYSTEM
assert_contains out.txt "compliant as far as covered"
expect_exit 0 hp check -p msft.conf SOFTWARE SYSTEM
assert_contains out.txt "100 of 100 checks compliant; compliant"
# A value the baseline sets, drifted; one it deletes, present.
ex='HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\Explorer'
hp set SOFTWARE "$ex" NoDriveTypeAutoRun dword 1 > /dev/null || fail set
expect_exit 1 hp check --allow-uncovered --baseline "$msft" SOFTWARE SYSTEM
grep -q '^drift .*NoDriveTypeAutoRun' out.txt || fail "drift not reported"
ts='HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
hp new --mount 'HKLM\SOFTWARE' NSA > /dev/null || fail new
hp import NSA "$nsa" > /dev/null 2>&1
expect_exit 0 hp check --baseline "$nsa" --allow-uncovered NSA
hp set NSA "$ts" fUseMailto dword 1 > /dev/null || fail set
expect_exit 1 hp check --baseline "$nsa" --allow-uncovered NSA
grep -q '^forbidden-present .*fUseMailto' out.txt || fail "deletion not checked"
expect_exit 1 hp check -p nsa.conf NSA
grep -q '^forbidden-present .*fUseMailto' out.txt || fail "imported deletion not checked"

# A GPO target holds security templates: the baseline against itself is
# compliant throughout; a copy whose template differs is not covered.
expect_exit 0 hp check --baseline "$msft" "$msft"
assert_contains out.txt "102 of 102 checks compliant; compliant"
cp -r "$msft" copy
printf '\r\n' >> "copy/DomainSysvol/GPO/Machine/microsoft/windows nt/SecEdit/GptTmpl.inf"
expect_exit 4 hp check --baseline "$msft" copy
grep -q '^not-covered  *GptTmpl.inf' out.txt || fail "changed template not flagged"
expect_exit 1 hp check --baseline "$msft" "$nsa"

# Usage: one of -p and --baseline; no --fleet.
expect_exit 2 hp check --baseline "$msft" -p msft.conf SOFTWARE
expect_exit 2 hp check --baseline "$msft" --fleet .
expect_exit 2 hp policy import
expect_exit 2 hp policy lint msft.conf -o x.conf
exit 0
