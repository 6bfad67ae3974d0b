# apply --to-gpo writes a policy's security settings that have an exact
# value into the GPO's Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf
# (found in any case; made as Windows writes one: UTF-16LE with a BOM,
# CRLF, [Unicode] and [Version] first), in the same write as the
# Registry.pol files, with every other line and file byte-identical;
# gpt.ini or Backup.xml lists the Security extension ([MS-GPSB] 1.9:
# {827D319E-...}{803E14A0-...}, as the corpus backups list it) and
# raises the machine version.  Ranges and audit rows are named in a
# warning.  Lines are compared through iconv, fields with xmllint.
. "$TESTLIB"
need_shared
need_cmd xmllint
need_cmd iconv
c="$SHARED/corpus/gpo"
msft="$c/msft-sct-win10-2004/{D0BECB24-5EBF-40BE-820D-F572C81FF2DB}"
msftu="$c/msft-sct-win10-2004/{B73AED3B-44A2-4222-A0B0-72EBEDC024EA}"
nt="DomainSysvol/GPO/Machine/microsoft/windows nt"
reg='{35378EAC-683F-11D2-A89A-00C04FBBCFA2}'
mtool='{D02B1F72-3407-48AE-BA88-E8213C6761F1}'
sec='{827D319E-6EAC-11D2-A4EA-00C04F79F83A}'
stool='{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}'
# Backup.xml fields: a core setting's text (xp FILE ELEMENT), and the
# Security extension's FSObjectFile entries naming a Location.
xq() { xmllint --xpath "$2" "$1"; }
xp() { xq "$1" "string(//*[local-name()='$2'])"; }
ext="//*[local-name()='GroupPolicyExtension'][@*[local-name()='ID']='$sec']"
nloc() { xq "$1" "count($ext/*[local-name()='FSObjectFile'][@*[local-name()='Location']='$2'])"; }
# Both halves of a Backup.xml version raised by one, by hand.
bump() { echo $(( (($1 >> 16) + 1) << 16 | (($1 & 65535) + 1) )); }
utf8() { iconv -f UTF-16 -t UTF-8 "$1"; }
grep -q "\[$sec$stool\]" "$msft/Backup.xml" || fail "corpus: the Security pair"

cat > p.conf <<'POL'
setting "m" {
	key = "HKLM\\SOFTWARE\\Policies\\Hivepol"
	value = "M"
	type = "dword"
	data = "1"
}
security "debug" {
	section = "Privilege Rights"
	name = "SeDebugPrivilege"
	value = "*S-1-5-32-544,*S-1-5-32-551"
}
security "lsa" {
	section = "System Access"
	name = "LSAAnonymousNameLookup"
	value = "0"
}
security "lockout" {
	section = "System Access"
	name = "LockoutBadCount"
	value = "5"
}
security "admin" {
	section = "System Access"
	name = "NewAdministratorName"
	value = "Boss"
}
POL
cat p.conf - > warn.conf <<'POL'
security "pwlen" {
	section = "System Access"
	name = "MinimumPasswordLength"
	min = 14
}
security "audit-logon" {
	section = "Audit Policy"
	name = "{0cce9215-69ae-11d9-bed3-505054503030}"
	value = "3"
}
POL
expect_exit 0 hp policy lint warn.conf
assert_contains out.txt "warn.conf: 1 settings, 0 rules, 6 security settings, no conflicts"

# Microsoft's computer baseline: its template changes in three lines.
cp -r "$msft" b
expect_exit 1 hp apply --dry-run -p p.conf --to-gpo b
diff -r "$msft" b > /dev/null || fail "dry run changed the backup"
assert_contains out.txt "[Privilege Rights] SeDebugPrivilege: *S-1-5-32-544 -> *S-1-5-32-544,*S-1-5-32-551"
assert_contains out.txt "[System Access] LockoutBadCount: (absent) -> 5"
assert_not_contains out.txt "LSAAnonymousNameLookup"
assert_contains out.txt "GptTmpl.inf would be rewritten (dry run)"
expect_exit 0 hp apply -p warn.conf --to-gpo b
assert_contains out.txt "Backup.xml updated"
assert_contains err.txt 'security "pwlen" (System Access/MinimumPasswordLength): no exact value'
assert_contains err.txt 'security "audit-logon" (Audit Policy/{0cce9215-69ae-11d9-bed3-505054503030}): an audit policy row'
(cd "$msft" && find . -type f) | while read -r f; do
	case $f in ./Backup.xml|./DomainSysvol/GPO/Machine/registry.pol|"./$nt/SecEdit/GptTmpl.inf") continue ;; esac
	cmp -s "$msft/$f" "b/$f" || fail "$f changed"
done
old="$msft/$nt/SecEdit/GptTmpl.inf" new="b/$nt/SecEdit/GptTmpl.inf"
[ "$(head -c 2 "$new" | od -An -tx1 | tr -d ' ')" = fffe ] || fail "BOM lost"
utf8 "$old" > old.txt
utf8 "$new" > new.txt
cr=$(printf '\r')
changed='^\(SeDebugPrivilege\|LockoutBadCount\|NewAdministratorName\) ='
grep -v "$changed" old.txt > old-rest.txt
grep -v "$changed" new.txt > new-rest.txt
cmp old-rest.txt new-rest.txt || fail "other lines of GptTmpl.inf changed"
grep -qx "SeDebugPrivilege = \*S-1-5-32-544,\*S-1-5-32-551$cr" new.txt || fail "SeDebugPrivilege"
# New keys go at the end of their section, quoted where a name is text.
sed -n '/^\[System Access\]/,/^\[/p' new.txt | tr -d '\r' > sa.txt
printf '%s\n' '[System Access]' 'LSAAnonymousNameLookup = 0' \
    'LockoutBadCount = 5' 'NewAdministratorName = "Boss"' '[Version]' |
    cmp - sa.txt || fail "[System Access]: $(cat sa.txt)"
[ "$(wc -l < new.txt)" -eq $(($(wc -l < old.txt) + 2)) ] || fail "line count"
xmllint --noout b/Backup.xml || fail "Backup.xml not well-formed"
v=$(xp "$msft/Backup.xml" MachineVersionNumber)
[ "$(xp b/Backup.xml MachineVersionNumber)" = "$(bump "$v")" ] ||
    fail "machine version $(xp b/Backup.xml MachineVersionNumber), was $v"
[ "$(xp b/Backup.xml MachineExtensionGuids)" = "$(xp "$msft/Backup.xml" MachineExtensionGuids)" ] ||
    fail "machine extensions changed though both pairs were there"
[ "$(nloc b/Backup.xml 'DomainSysvol\GPO\Machine\microsoft\windows nt\SecEdit\GptTmpl.inf')" = 1 ] ||
    fail "GptTmpl.inf entry"
# Nothing else in Backup.xml moved: the version put back, the bytes match.
sed "s/<MachineVersionNumber><!\[CDATA\[$(bump "$v")\]\]>/<MachineVersionNumber><![CDATA[$v]]>/" \
    b/Backup.xml | cmp - "$msft/Backup.xml" || fail "Backup.xml: more than the version"
expect_exit 0 hp check -p p.conf b
assert_contains out.txt "5 of 5 checks compliant"
cp -r b b2
expect_exit 0 hp apply -p p.conf --to-gpo b
assert_contains out.txt "nothing to do"
diff -r b b2 > /dev/null || fail "second run changed the backup"

# A fresh GPO folder: a template as Windows writes one, gpt.ini with
# both extension pairs and version 1.
expect_exit 0 hp apply -p p.conf --to-gpo g
assert_contains out.txt "gpt.ini updated"
t="g/Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf"
[ -f "$t" ] || fail "no GptTmpl.inf: $(find g -type f)"
[ "$(head -c 2 "$t" | od -An -tx1 | tr -d ' ')" = fffe ] || fail "fresh BOM"
utf8 "$t" > fresh.txt
printf '%s\r\n' '[Unicode]' 'Unicode=yes' '[Version]' 'signature="$CHICAGO$"' \
    'Revision=1' '[Privilege Rights]' \
    'SeDebugPrivilege = *S-1-5-32-544,*S-1-5-32-551' '[System Access]' \
    'LSAAnonymousNameLookup = 0' 'LockoutBadCount = 5' \
    'NewAdministratorName = "Boss"' | cmp - fresh.txt || fail "fresh template: $(cat fresh.txt)"
grep -qx "gPCMachineExtensionNames=\[$reg$mtool\]\[$sec$stool\]$cr" g/gpt.ini ||
    fail "gpt.ini extensions: $(cat g/gpt.ini)"
grep -qx "Version=1$cr" g/gpt.ini || fail "gpt.ini version"
expect_exit 0 hp check -p p.conf g
assert_contains out.txt "5 of 5 checks compliant"

# Only the template changes: gpt.ini gains the Security pair, the
# version its machine half.
mkdir r
printf '[General]\r\nVersion=65538\r\ngPCMachineExtensionNames=[%s%s]\r\n' "$reg" "$mtool" > r/gpt.ini
tail -n +7 p.conf > sec.conf
expect_exit 0 hp apply -p sec.conf --to-gpo r
assert_contains out.txt "Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf written"
[ ! -e r/Machine/Registry.pol ] || fail "Registry.pol made"
printf '[General]\r\nVersion=65539\r\ngPCMachineExtensionNames=[%s%s][%s%s]\r\n' "$reg" "$mtool" "$sec" "$stool" |
    cmp - r/gpt.ini || fail "gpt.ini: $(cat r/gpt.ini)"

# Microsoft's user baseline has no template: one is made in the backup
# and the Security extension with its entry added to Backup.xml.
cp -r "$msftu" u
expect_exit 0 hp apply -p p.conf --to-gpo u
assert_contains err.txt "Options (2) disable its Computer settings"
xmllint --noout u/Backup.xml || fail "u: Backup.xml not well-formed"
[ -f "u/DomainSysvol/GPO/Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf" ] || fail "u: no template"
[ "$(xp u/Backup.xml MachineExtensionGuids)" = "[$reg$mtool][$sec$stool]" ] ||
    fail "u: machine extensions $(xp u/Backup.xml MachineExtensionGuids)"
v=$(xp "$msftu/Backup.xml" MachineVersionNumber)
[ "$(xp u/Backup.xml MachineVersionNumber)" = "$(bump "$v")" ] || fail "u: machine version"
[ "$(nloc u/Backup.xml 'DomainSysvol\GPO\Machine\Microsoft\Windows NT\SecEdit\GptTmpl.inf')" = 1 ] ||
    fail "u: GptTmpl.inf entry"
expect_exit 0 hp check -p p.conf u
