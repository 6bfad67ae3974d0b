# GPMC backup folders as sources: found by Backup.xml, their registry.pol
# read from DomainSysvol/GPO in any case, for show, diff, convert, import,
# check and a fleet.  Entry counts are MANIFEST.md's, counted by the
# corpus's own tool, not by hivepol.
. "$TESTLIB"
need_shared
c="$SHARED/corpus/gpo"
msft="$c/msft-sct-win10-2004/{D0BECB24-5EBF-40BE-820D-F572C81FF2DB}"
msftu="$c/msft-sct-win10-2004/{B73AED3B-44A2-4222-A0B0-72EBEDC024EA}"
disa="$c/disa-stig-sos/{DCA57422-099D-4D9E-AC02-4913007A6302}"
nsa="$c/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}"
t0x="$c/t0x01-gpo/{C225A014-F2A4-482B-9C30-0F3A6BA90A5C}"
for pair in "$msft:100:Machine" "$msftu:2:User" "$disa:104:Machine" \
    "$nsa:87:Machine" "$t0x:14:Machine"; do
	dir=${pair%%:*}; rest=${pair#*:}; n=${rest%%:*}; side=${rest#*:}
	expect_exit 0 hp show "$dir"
	[ "$(wc -l < out.txt)" -eq "$n" ] ||
	    fail "$dir: $(wc -l < out.txt) entries, MANIFEST says $n"
	cp out.txt backup.txt
	# The same lines as the registry.pol named directly.
	class=machine; [ "$side" = User ] && class=user
	expect_exit 0 hp show --class $class "$dir/DomainSysvol/GPO/$side/registry.pol"
	cmp -s out.txt backup.txt || fail "$dir: show differs from its registry.pol"
done

# Case: a copy whose folders and file are spelled otherwise reads the same.
cp -r "$nsa" nsa
mv nsa/DomainSysvol nsa/domainsysvol
mv nsa/domainsysvol/GPO nsa/domainsysvol/gpo
mv nsa/domainsysvol/gpo/Machine nsa/domainsysvol/gpo/MACHINE
mv nsa/domainsysvol/gpo/MACHINE/registry.pol nsa/domainsysvol/gpo/MACHINE/Registry.POL
expect_exit 0 hp show nsa
[ "$(wc -l < out.txt)" -eq 87 ] || fail "renamed copy: $(wc -l < out.txt) entries"

# diff: a backup against its own file and against another baseline.
expect_exit 0 hp diff "$nsa" "$nsa/DomainSysvol/GPO/Machine/registry.pol"
[ ! -s out.txt ] || fail "a backup differs from its own registry.pol"
expect_exit 1 hp diff "$nsa" "$disa"
assert_contains out.txt 'HKLM\Software\Policies\Microsoft\Cryptography'

# convert: to .reg, and to a SYSVOL GPO folder with all its files.
expect_exit 0 hp convert --format reg4 "$msft" -o msft.reg
assert_contains msft.reg 'NoDriveTypeAutoRun'
expect_exit 0 hp diff "$msft" msft.reg
[ ! -s out.txt ] || fail "backup converted to .reg differs"
expect_exit 0 hp convert --format gpo "$t0x" -o sysvol
# Every other file of the GPO comes along byte for byte; the backup's
# own files are named in a warning, not dropped silently.
assert_contains err.txt "Backup.xml, bkupInfo.xml and gpreport.xml describe the backup"
(cd "$t0x/DomainSysvol/GPO" && find . -type f) | while read -r f; do
	case $f in ./Machine/registry.pol) continue ;; esac
	cmp -s "$t0x/DomainSysvol/GPO/$f" "sysvol/$f" || fail "$f not carried"
done
[ -f sysvol/Machine/Registry.pol ] && [ -f sysvol/gpt.ini ] || fail "no GPO files"
expect_exit 0 hp diff "$t0x" sysvol
[ ! -s out.txt ] || fail "backup converted to a GPO folder differs"
# And back into a copy of another backup: DomainSysvol/GPO gets them.
cp -r "$nsa" into
expect_exit 0 hp convert --format gpo sysvol -o into
cmp -s "$t0x/DomainSysvol/GPO/GPO.cmt" into/DomainSysvol/GPO/GPO.cmt || fail "GPO.cmt not carried"
[ ! -e into/Machine ] && [ ! -e into/gpt.ini ] || fail "files beside DomainSysvol"
expect_exit 0 hp diff "$t0x" into
[ ! -s out.txt ] || fail "converted into a backup, the settings differ"

# import into a hive, then check a policy on both.
hp new --mount 'HKLM\SOFTWARE' SOFTWARE > /dev/null || fail new
expect_exit 0 hp import SOFTWARE "$t0x"
cat > p.conf <<'POL'
setting "retention" {
	key = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\EventLog\\Application"
	value = "Retention"
	type = "sz"
	data = "0"
}
POL
expect_exit 0 hp check -p p.conf SOFTWARE
expect_exit 0 hp check -p p.conf "$t0x"
expect_exit 1 hp check -p p.conf "$nsa"

# A fleet machine folder holding a backup: the backup is its target.
mkdir -p fleet/m1
cp -r "$t0x" "fleet/m1/{C225A014-F2A4-482B-9C30-0F3A6BA90A5C}"
expect_exit 0 hp check -p p.conf --fleet fleet
assert_contains out.txt '1 pass'

# Not a GPO and not a backup: one line naming the folder.
mkdir plain
expect_exit 2 hp show plain
assert_contains err.txt "plain: not a GPO folder"
exit 0
