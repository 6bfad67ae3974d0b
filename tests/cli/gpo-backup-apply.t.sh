# apply --to-gpo into GPMC backup folders (copies of the corpus's): the
# registry.pol files inside DomainSysvol/GPO, Backup.xml kept in step
# (the side's VersionNumber, the Registry extension pair in its
# ExtensionGuids, an FSObjectFile for a new file), every other file
# byte-identical, a warning when Options switch the side off.  Expected
# values by hand from the backups' own numbers ([MS-GPOL]: user in the
# high 16 bits, computer in the low; Backup.xml's halves are the
# directory and SYSVOL versions gpreport.xml shows) and docs/gpo.md.
. "$TESTLIB"
need_shared
need_cmd xmllint
c="$SHARED/corpus/gpo"
nsa="$c/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}"
msftu="$c/msft-sct-win10-2004/{B73AED3B-44A2-4222-A0B0-72EBEDC024EA}"
t0x="$c/t0x01-gpo/{C225A014-F2A4-482B-9C30-0F3A6BA90A5C}"
reg='{35378EAC-683F-11D2-A89A-00C04FBBCFA2}'
mtool='{D02B1F72-3407-48AE-BA88-E8213C6761F1}'
utool='{D02B1F73-3407-48AE-BA88-E8213C6761F1}'
xp() {	# xp FILE ELEMENT: the text of a core setting
	xmllint --xpath "string(//*[local-name()='$2'])" "$1"
}
# The FSObjectFile entries of the Registry extension naming a Location.
nloc() {
	xmllint --xpath "count(//*[local-name()='GroupPolicyExtension'][@*[local-name()='ID']='$reg']/*[local-name()='FSObjectFile'][@*[local-name()='Location']='$2'])" "$1"
}
cat > both.conf <<'POL'
setting "m" {
	key = "HKLM\\SOFTWARE\\Policies\\Hivepol"
	value = "M"
	type = "dword"
	data = "1"
}
setting "u" {
	key = "HKCU\\Software\\Policies\\Hivepol"
	value = "U"
	type = "sz"
	data = "text"
}
POL
head -n 6 both.conf > machine.conf

# NSA's computer baseline (Options 1: User off), both sides written.
cp -r "$nsa" b
expect_exit 1 hp apply --dry-run -p both.conf --to-gpo b
diff -r "$nsa" b > /dev/null || fail "dry run changed the backup"
expect_exit 0 hp apply -p both.conf --to-gpo b
assert_contains out.txt "Backup.xml updated"
assert_contains err.txt "Options (1) disable its User settings"
(cd "$nsa" && find . -type f) | while read -r f; do
	case $f in ./Backup.xml|./DomainSysvol/GPO/Machine/registry.pol) continue ;; esac
	cmp -s "$nsa/$f" "b/$f" || fail "$f changed"
done
[ -f b/DomainSysvol/GPO/User/registry.pol ] || fail "no User/registry.pol"
[ ! -e b/gpt.ini ] && [ ! -e b/DomainSysvol/GPO/gpt.ini ] || fail "gpt.ini made"
[ ! -e b/Machine ] && [ ! -e b/User ] || fail "files beside DomainSysvol"
xmllint --noout b/Backup.xml || fail "Backup.xml not well-formed"
# 458759 = 7/7 -> 8/8; 131074 = 2/2 -> 3/3.
[ "$(xp b/Backup.xml MachineVersionNumber)" = 524296 ] || fail "machine version $(xp b/Backup.xml MachineVersionNumber)"
[ "$(xp b/Backup.xml UserVersionNumber)" = 196611 ] || fail "user version"
[ "$(xp b/Backup.xml MachineExtensionGuids)" = "$(xp "$nsa/Backup.xml" MachineExtensionGuids)" ] ||
    fail "machine extensions changed though the pair was there"
[ "$(xp b/Backup.xml UserExtensionGuids)" = "[$reg$utool]" ] || fail "user extensions"
[ "$(nloc b/Backup.xml 'DomainSysvol\GPO\User\registry.pol')" = 1 ] || fail "no User entry"
[ "$(nloc b/Backup.xml 'DomainSysvol\GPO\Machine\registry.pol')" = 1 ] || fail "Machine entry"
# Nothing else in Backup.xml moved: undo the three edits and the new
# entry by hand and compare bytes.
python3 - "$nsa/Backup.xml" b/Backup.xml <<'PY' || fail "Backup.xml: more than the expected edits"
import sys, re
old = open(sys.argv[1], 'rb').read().decode()
new = open(sys.argv[2], 'rb').read().decode()
new = new.replace('<MachineVersionNumber><![CDATA[524296]]>', '<MachineVersionNumber><![CDATA[458759]]>')
new = new.replace('<UserVersionNumber><![CDATA[196611]]>', '<UserVersionNumber><![CDATA[131074]]>')
new = re.sub(r'<UserExtensionGuids><!\[CDATA\[.*?\]\]></UserExtensionGuids>', '<UserExtensionGuids/>', new)
new = re.sub(r'<FSObjectFile bkp:Path="%GPO_USER_FSPATH%\\registry.pol"[^>]*/>\r\n *', '', new, count=1)
sys.exit(0 if new == old else 1)
PY
# The Machine side keeps its 87 entries and gains one; a second run
# changes nothing.
expect_exit 0 hp show b
[ "$(grep -c '^Computer' out.txt)" -eq 88 ] || fail "machine entries"
assert_contains out.txt "User	Software\\Policies\\Hivepol	U	SZ:text"
cp b/Backup.xml before.xml
expect_exit 0 hp apply -p both.conf --to-gpo b
assert_contains out.txt "nothing to do"
cmp -s before.xml b/Backup.xml || fail "second run changed Backup.xml"
expect_exit 0 hp check -p both.conf b

# Microsoft's user baseline (Options 2: Computer off), a new Machine
# file: its entry goes before the User one, the pair is added.
cp -r "$msftu" u
expect_exit 0 hp apply -p machine.conf --to-gpo u
assert_contains err.txt "Options (2) disable its Computer settings"
[ -f u/DomainSysvol/GPO/Machine/registry.pol ] || fail "no Machine/registry.pol"
cmp -s "$msftu/DomainSysvol/GPO/User/registry.pol" u/DomainSysvol/GPO/User/registry.pol ||
    fail "User side changed"
[ "$(xp u/Backup.xml MachineVersionNumber)" = 131074 ] || fail "msft machine version"
[ "$(xp u/Backup.xml UserVersionNumber)" = 65537 ] || fail "msft user version moved"
[ "$(xp u/Backup.xml MachineExtensionGuids)" = "[$reg$mtool]" ] || fail "msft machine pair"
m=$(grep -n 'GPO_MACH_FSPATH%\\registry.pol' u/Backup.xml | cut -d: -f1)
us=$(grep -n 'GPO_USER_FSPATH%\\registry.pol' u/Backup.xml | cut -d: -f1)
[ -n "$m" ] && [ "$m" -lt "$us" ] || fail "Machine entry not before the User one"
grep -q 'bkp:SourceExpandedPath="\\\\DC-SEC-01.security.local\\sysvol\\security.local\\Policies\\{83A5E982-986A-4447-A8A1-7945B71C18B3}\\Machine\\registry.pol"' u/Backup.xml ||
    fail "source path not the GPO's"

# A backup whose Backup.xml has no Registry extension gets one; a
# gpt.ini inside DomainSysvol/GPO is raised like a SYSVOL GPO's.
cp -r "$t0x" t
python3 - t/Backup.xml <<'PY'
import sys, re
s = open(sys.argv[1]).read()
s = re.sub(r'<GroupPolicyExtension bkp:ID="\{35378EAC[^"]*" bkp:DescName="Registry">.*?</GroupPolicyExtension>\s*', '', s, flags=re.S)
open(sys.argv[1], 'w').write(s)
PY
printf '[General]\r\nVersion=9044106\r\n' > t/DomainSysvol/GPO/gpt.ini
expect_exit 0 hp apply -p both.conf --to-gpo t
xmllint --noout t/Backup.xml || fail "t: Backup.xml not well-formed"
[ "$(nloc t/Backup.xml 'DomainSysvol\GPO\Machine\registry.pol')" = 1 ] || fail "t: Machine entry"
[ "$(nloc t/Backup.xml 'DomainSysvol\GPO\User\registry.pol')" = 1 ] || fail "t: User entry"
# 9044106 = 138/138: both sides changed, 139/139.
assert_contains t/DomainSysvol/GPO/gpt.ini "Version=9109643"
cmp -s "$t0x/DomainSysvol/GPO/GPO.cmt" t/DomainSysvol/GPO/GPO.cmt || fail "GPO.cmt changed"

# A broken Backup.xml: an error naming it, and nothing written at all.
cp -r "$nsa" bad
printf '<GroupPolicyBackupScheme><Options>' > bad/Backup.xml
expect_exit 2 hp apply -p both.conf --to-gpo bad
assert_contains err.txt "bad/Backup.xml"
cmp -s "$nsa/DomainSysvol/GPO/Machine/registry.pol" bad/DomainSysvol/GPO/Machine/registry.pol ||
    fail "registry.pol changed though Backup.xml could not be"
[ ! -e bad/DomainSysvol/GPO/User ] || fail "User folder left behind"
exit 0
