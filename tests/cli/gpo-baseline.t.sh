# A baseline is a policy: check --baseline GPO-or-BACKUP checks targets
# against every setting of a real baseline: registry settings exact
# (Registry.pol and the template's [Registry Values]), deletions as
# must-be-absent, the security template's and audit policy's named
# settings where a target holds them (a GPO, a template, an audit.csv)
# and not covered in hives (exit 4 unless --allow-uncovered).  policy
# import writes the same as a policy file policy lint accepts.  Counts
# come from the files by awk and Samba's parser, not from hivepol.
. "$TESTLIB"
need_shared
c="$SHARED/corpus/gpo"
msft="$c/msft-sct-win10-2004/{D0BECB24-5EBF-40BE-820D-F572C81FF2DB}"
nsa="$c/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}"
sec="DomainSysvol/GPO/Machine/microsoft/windows nt"
tmpl="$msft/$sec/SecEdit/GptTmpl.inf"
# Entries per section of the template, and the audit rows.
iconv -f UTF-16 -t UTF-8 "$tmpl" | tr -d '\r' | awk '/^\[/ { s = $0; next }
    NF { n[s]++ } END { for (s in n) print s "=" n[s] }' > sections.txt
regvals=$(sed -n 's/^\[Registry Values\]=//p' sections.txt)
named=$(grep -v '^\[\(Unicode\|Version\|Registry Values\)\]=' sections.txt |
    awk -F= '{ t += $2 } END { print t }')
rows=$(tail -n +2 "$msft/$sec/Audit/audit.csv" | grep -c .)
[ "$regvals" -gt 0 ] && [ "$named" -gt 0 ] && [ "$rows" -gt 0 ] || fail "corpus counts"

# policy import: a setting per Registry.pol entry (MANIFEST: 100; NSA's
# 87 with 5 **del. deletions) and [Registry Values] line, a security
# section per other entry and audit row, each naming its file.
expect_exit 0 hp policy import "$msft" -o msft.conf
expect_exit 0 hp policy lint msft.conf
assert_contains out.txt "msft.conf: $((100 + regvals)) settings, 0 rules, $((named + rows)) security settings, no conflicts"
[ "$(grep -c '^security ' msft.conf)" -eq $((named + rows)) ] ||
    fail "security sections: $(grep -c '^security ' msft.conf), want $((named + rows))"
assert_contains msft.conf 'description = "MSFT Windows 10 2004 - Computer"'
assert_contains msft.conf '# DomainSysvol/GPO/Machine/registry.pol, offset '
assert_contains msft.conf 'source = "DomainSysvol/GPO/Machine/registry.pol"'
assert_contains msft.conf "source = \"$sec/SecEdit/GptTmpl.inf\""
assert_contains msft.conf 'security "Audit Policy/{0cce923f-69ae-11d9-bed3-505054503030}" {'
assert_contains msft.conf 'rationale = "Audit Credential Validation"'
expect_exit 0 hp policy import "$nsa"
cp out.txt nsa.conf
expect_exit 0 hp policy lint nsa.conf
[ "$(grep -c '^setting ' nsa.conf)" -ge 87 ] || fail "NSA settings"
[ "$(grep -c '^	presence = "forbidden"' nsa.conf)" -ge 5 ] || fail "NSA deletions"

# With --templates, a setting's rationale is the policy that writes it,
# as the ADMX/ADML say (read here with sed): MSS-legacy's
# EnableICMPRedirect policy, Disabled (disabledValue 0, the GPO's data).
shb="$SHARED/corpus/admx/shb"
name=$(sed -n 's|.*<string id="EnableICMPRedirect">\(.*\)</string>.*|\1|p' \
    "$shb/en-US/MSS-legacy.adml")
[ -n "$name" ] || fail "no EnableICMPRedirect string"
expect_exit 0 hp policy import --templates "$shb" "$nsa" -o named.conf
expect_exit 0 hp policy lint named.conf
grep -F -A8 'Tcpip\\Parameters\\EnableICMPRedirect" {' named.conf > icmp.txt
assert_contains icmp.txt "rationale = \"MSS (Legacy)/$name: Disabled\""
expect_exit 2 hp policy lint --templates "$shb" named.conf

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
    if not f['source'].endswith('registry.pol'):
        continue
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

# check --baseline on hives that carry the registry settings (the
# backup's and its template's): all compliant, the named settings not
# covered: exit 4, then 0 with --allow-uncovered; the imported policy
# agrees.
hp new --mount 'HKLM\SOFTWARE' SOFTWARE > /dev/null || fail new
hp new --mount 'HKLM\SYSTEM' SYSTEM > /dev/null || fail new
# CurrentControlSet needs Select\Current to name a control set that is.
printf 'Windows Registry Editor Version 5.00\r\n\r\n%s\r\n\r\n%s\r\n%s\r\n' \
    '[HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001]' \
    '[HKEY_LOCAL_MACHINE\SYSTEM\Select]' '"Current"=dword:00000001' > ccs.reg
hp import SYSTEM ccs.reg > /dev/null || fail "control set"
for h in SOFTWARE SYSTEM; do
	hp import $h "$msft" > /dev/null 2>&1
	hp import $h "$tmpl" > /dev/null 2>&1
done
all=$((100 + regvals))
expect_exit 4 hp check --baseline "$msft" SOFTWARE SYSTEM
assert_contains out.txt "$all of $all checks compliant ($((named + rows)) not covered by any target)"
grep -q '^not-covered  *Privilege Rights/SeDebugPrivilege ' out.txt || fail "user right not reported"
grep -q '^not-covered  *Audit Policy/{0cce923f-69ae-11d9-bed3-505054503030} ' out.txt ||
    fail "audit row not reported"
expect_exit 0 hp check --allow-uncovered --baseline "$msft" SOFTWARE SYSTEM
assert_contains out.txt "compliant as far as covered"
expect_exit 4 hp check -p msft.conf SOFTWARE SYSTEM
assert_contains out.txt "$all of $all checks compliant ($((named + rows)) not covered by any target)"
# A fleet: a machine that is a copy of the backup passes, one of
# those hives is not covered; the same coverage rule.
mkdir -p fleet/gpo fleet/hives
cp -r "$msft" fleet/gpo/backup
cp SOFTWARE SYSTEM fleet/hives/
expect_exit 4 hp check --baseline "$msft" --fleet fleet
assert_contains out.txt "fleet: 2 machines: 1 pass"
expect_exit 0 hp check --baseline "$msft" --fleet fleet --allow-uncovered
# A value the baseline sets, drifted; one it deletes, present.
ex='HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\Explorer'
hp set SOFTWARE "$ex" NoDriveTypeAutoRun dword 1 > /dev/null || fail set
expect_exit 1 hp check --allow-uncovered --baseline "$msft" SOFTWARE SYSTEM
grep -q '^drift .*NoDriveTypeAutoRun' out.txt || fail "drift not reported"
ts='HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Terminal Services'
hp new --mount 'HKLM\SOFTWARE' NSA > /dev/null || fail new
hp import NSA "$nsa" > /dev/null 2>&1
hp set NSA "$ts" fUseMailto dword 1 > /dev/null || fail set
expect_exit 1 hp check --baseline "$nsa" --allow-uncovered NSA
grep -q '^forbidden-present .*fUseMailto' out.txt || fail "deletion not checked"
expect_exit 1 hp check -p nsa.conf --allow-uncovered NSA
grep -q '^forbidden-present .*fUseMailto' out.txt || fail "imported deletion not checked"

# Targets that hold named settings: an audit policy itself, and a GPO
# (its template's registry values included).  The
# baseline against itself is compliant throughout.
expect_exit 0 hp check --baseline "$msft" "$msft"
n=$((all + named + rows))
assert_contains out.txt "$n of $n checks compliant; compliant"
# The audit policy alone: its rows compliant, every other check missing.
expect_exit 1 hp check --baseline "$msft" "$msft/$sec/Audit/audit.csv"
[ "$(grep -c '^missing  *Audit Policy/' out.txt)" -eq 0 ] || fail "audit rows missing from their own file"
cp -r "$msft" copy
sed -i 's/{0cce923f-69ae-11d9-bed3-505054503030},Success and Failure,,3/{0cce923f-69ae-11d9-bed3-505054503030},Success,,1/' \
    "copy/$sec/Audit/audit.csv"
expect_exit 1 hp check --baseline "$msft" copy
grep -q '^drift  *Audit Policy/{0cce923f' out.txt || fail "audit drift not reported"
rm "copy/$sec/Audit/audit.csv"
expect_exit 4 hp check --baseline "$msft" copy
assert_contains out.txt "($rows not covered by any target)"
expect_exit 1 hp check --baseline "$msft" "$nsa"

# Usage: one of -p and --baseline.
expect_exit 2 hp check --baseline "$msft" -p msft.conf SOFTWARE
expect_exit 2 hp policy import
expect_exit 2 hp policy lint msft.conf -o x.conf
exit 0
