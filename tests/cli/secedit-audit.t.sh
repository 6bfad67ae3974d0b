# audit.csv (Advanced Audit Policy) from ../shared/corpus/gpo: every row
# shown (rows counted here with awk), CRLF and LF alike, a header-only
# file, Option: and global SACL rows with no GUID; diffs by subcategory
# GUID; bad rows refused with their line.
. "$TESTLIB"
need_shared
corpus=$SHARED/corpus/gpo
au='DomainSysvol/GPO/Machine/microsoft/windows nt/Audit/audit.csv'
msft="$corpus/msft-sct-win10-2004/{D0BECB24-5EBF-40BE-820D-F572C81FF2DB}/$au"
nsa="$corpus/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}/$au"
empty="$corpus/troennes-psw/{70CF3C23-9F4D-4E50-8D2A-DEAD79D5A724}/$au"
ccdc=$corpus/ccdc-rit/auditpol.csv

n=0
find "$corpus" -iname '*.csv' > list.txt
while IFS= read -r f; do
	n=$((n + 1))
	expect_exit 0 hp show "$f"
	rows=$(tr -d '\r' < "$f" | awk 'NR > 1 && NF' | wc -l)
	[ "$(wc -l < out.txt)" -eq "$rows" ] ||
	    fail "$f: $(wc -l < out.txt) settings shown, $rows rows"
	expect_exit 0 hp diff "$f" "$f"
done < list.txt
[ "$n" -eq 7 ] || fail "expected 7 audit files, found $n"

expect_exit 0 hp show "$empty"
[ -s out.txt ] && fail "header-only file shows settings"
expect_exit 0 hp show "$ccdc"
assert_contains out.txt 'Audit Policy/Audit Credential Validation {0cce923f-69ae-11d9-bed3-505054503030} = 3'
assert_contains out.txt 'Audit Policy/Option:FullPrivilegeAuditing = 1'
assert_contains out.txt 'Audit Policy/RegistryGlobalSacl = S:(AU;FA;KA;;;WD)'
expect_exit 0 hp show --json "$msft"
tr -d '\n ' < out.txt > flat.txt
assert_contains flat.txt '"section":"AuditPolicy","name":"{0cce922b-69ae-11d9-bed3-505054503030}","label":"AuditProcessCreation","kind":"audit","value":"1"'

# Diffs by GUID: the rows of the two files checked by hand.
expect_exit 1 hp diff "$msft" "$nsa"
assert_contains out.txt 'changed  setting Audit Policy/Audit Security Group Management {0cce9237-69ae-11d9-bed3-505054503030}  1  ->  3'
assert_not_contains out.txt 'Audit Process Creation'
expect_exit 1 hp diff "$msft" "$empty"
[ "$(grep -c '^removed  setting Audit Policy/' out.txt)" -eq 23 ] ||
    fail "a header-only file lacks all 23 rows"
# Case of the GUID and the order of rows do not matter; LF or CRLF neither.
{ head -n 1 "$msft"; tail -n +2 "$msft" | sort -r | tr 'a-f' 'A-F'; } | tr -d '\r' > flip.csv
expect_exit 0 hp diff "$msft" flip.csv

# Not applied to hives: said, not pretended.
expect_exit 0 hp new --mount 'HKLM\SYSTEM' SYSTEM
expect_exit 2 hp import SYSTEM "$nsa"
assert_contains err.txt "audit.csv: an audit policy holds no registry values (Windows keeps audit policy in the SECURITY hive): not applied offline"

# Bad files: exit 2, the line named.
hdr='Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion Setting,Setting Value'
bad() {
	printf '%s\r\n%s\r\n' "$hdr" "$1" > bad.csv
	expect_exit 2 hp show bad.csv
	assert_contains err.txt "bad.csv:2: $2"
}
bad ',System,Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030},Success,,4' 'setting value "4" is not 0, 1, 2 or 3'
bad ',System,Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030},Success,1' '6 columns, expected 7'
bad ',System,Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030},Success,,1,' 'more than 7 columns'
bad ',System,Audit Logon,0cce9215-69ae-11d9-bed3-505054503030,Success,,1' '"0cce9215-69ae-11d9-bed3-505054503030" is not a subcategory GUID'
bad ',System,,,,,1' 'neither a subcategory nor a GUID'
bad ',System,"Audit Logon,{0cce9215-69ae-11d9-bed3-505054503030},Success,,1' 'unclosed quote'
printf 'Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion Setting\n' > bad.csv
expect_exit 2 hp show bad.csv
assert_contains err.txt 'bad.csv:1: not an audit policy'
# Quoted fields, as a spreadsheet writes them.
printf '%s\n"",System,"Audit ""Logon""",{0cce9215-69ae-11d9-bed3-505054503030},Success,,"1"\n' "$hdr" > q.csv
expect_exit 0 hp show q.csv
assert_contains out.txt 'Audit Policy/Audit "Logon" {0cce9215-69ae-11d9-bed3-505054503030} = 1'
