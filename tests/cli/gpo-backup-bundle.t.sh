# bundle writes the policy also as a GPMC backup folder, GPMC/{ID}/,
# laid out like the corpus's backups (Backup.xml, bkupInfo.xml,
# DomainSysvol/GPO/Machine|User/registry.pol), that hivepol reads back
# as the same settings.  Structure checked with xmllint, the settings
# against the bundle's own Registry.pol files and the policy.
. "$TESTLIB"
need_cmd xmllint
pol="$TESTDATA/../../policies/lcs-client.conf"
reg='{35378EAC-683F-11D2-A89A-00C04FBBCFA2}'
xp() { xmllint --xpath "string(//*[local-name()='$2'])" "$1"; }
expect_exit 0 hp bundle -p "$pol" -o b
set -- b/GPMC/*
[ $# -eq 1 ] && [ -d "$1" ] || fail "expected one backup folder: $*"
bk=$1; id=$(basename "$bk")
echo "$id" | grep -Eq '^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$' ||
    fail "folder name is no GUID: $id"
for f in Backup.xml bkupInfo.xml DomainSysvol/GPO/Machine/registry.pol \
    DomainSysvol/GPO/User/registry.pol; do
	[ -s "$bk/$f" ] || fail "$f missing"
	assert_contains out.txt "  GPMC/$id/$f"
done
xmllint --noout "$bk/Backup.xml" "$bk/bkupInfo.xml" || fail "not well-formed"
[ "$(xp "$bk/bkupInfo.xml" ID)" = "$id" ] || fail "bkupInfo.xml ID is not the folder's"
[ "$(xp "$bk/bkupInfo.xml" GPOGuid)" = "$(xp "$bk/Backup.xml" ID)" ] || fail "GPO IDs disagree"
[ "$(xp "$bk/Backup.xml" DisplayName)" = lcs-client ] || fail "display name"
# Both sides have settings: both on, version 1 in each half, both pairs.
[ "$(xp "$bk/Backup.xml" Options)" = 0 ] || fail "Options"
[ "$(xp "$bk/Backup.xml" MachineVersionNumber)" = 65537 ] || fail "machine version"
[ "$(xp "$bk/Backup.xml" UserVersionNumber)" = 65537 ] || fail "user version"
[ "$(xp "$bk/Backup.xml" MachineExtensionGuids)" = "[$reg{D02B1F72-3407-48AE-BA88-E8213C6761F1}]" ] ||
    fail "machine pair"
[ "$(xp "$bk/Backup.xml" UserExtensionGuids)" = "[$reg{D02B1F73-3407-48AE-BA88-E8213C6761F1}]" ] ||
    fail "user pair"
for side in Machine User; do
	n=$(xmllint --xpath "count(//*[local-name()='FSObjectFile'][@*[local-name()='Location']='DomainSysvol\\GPO\\$side\\registry.pol'])" "$bk/Backup.xml")
	[ "$n" = 1 ] || fail "$side entry: $n"
	cmp -s "b/$side/Registry.pol" "$bk/DomainSysvol/GPO/$side/registry.pol" ||
	    fail "$side registry.pol differs from the bundle's"
done
# Read back: the same settings as the SYSVOL folder, compliant.
expect_exit 0 hp diff b "$bk"
[ ! -s out.txt ] || fail "the backup differs from the bundle's GPO"
expect_exit 0 hp check -p "$pol" "$bk"
assert_contains out.txt "15 of 15 checks compliant; compliant"
assert_contains b/README.txt "Import-GPO -Path GPMC -BackupId $id"
# The same policy, the same backup.
expect_exit 0 hp bundle -p "$pol" -o b2
diff -r b/GPMC b2/GPMC > /dev/null || fail "a second bundle differs"

# A machine-only policy: the User side is off and has no file or pair.
cat > m.conf <<'POL'
setting "m" {
	key = "HKLM\\SOFTWARE\\Policies\\Hivepol"
	value = "M"
	type = "dword"
	data = "1"
}
POL
expect_exit 0 hp bundle -p m.conf -o m
set -- m/GPMC/*
[ "$(xp "$1/Backup.xml" Options)" = 1 ] || fail "machine-only Options"
[ "$(xp "$1/Backup.xml" UserVersionNumber)" = 0 ] || fail "machine-only user version"
[ -z "$(xp "$1/Backup.xml" UserExtensionGuids)" ] || fail "machine-only user pair"
[ ! -e "$1/DomainSysvol/GPO/User" ] || fail "machine-only User folder"
# A name XML cannot hold (a control character, bytes that are not UTF-8)
# would make Backup.xml, bkupInfo.xml and the ADMX files malformed: it is
# refused, and nothing is written.
for name in "$(printf 'a\001b')" "$(printf 'caf\351')"; do
	expect_exit 2 hp bundle -p "$pol" -o badname --name "$name"
	assert_contains err.txt "not UTF-8 text"
	[ ! -e badname ] || fail "a bundle with a bad name was written"
done
exit 0
