# Every security template in ../shared/corpus/gpo (UTF-16LE+BOM, UTF-8+BOM,
# ASCII with LF): read completely (one shown line per entry, counted here
# with iconv and awk, [Unicode] and [Version] aside), written back byte for
# byte, [Registry Values] right (values checked by hand against the files'
# lines, and in a hive through hivexget), and "not applied offline" said
# per other setting.
. "$TESTLIB"
need_shared
need_cmd iconv
corpus=$SHARED/corpus/gpo
gp='DomainSysvol/GPO/Machine/microsoft/windows nt/SecEdit/GptTmpl.inf'
nsa="$corpus/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}/$gp"
disa="$corpus/disa-stig-sos/{DCA57422-099D-4D9E-AC02-4913007A6302}/$gp"
dc="$corpus/t0x01-gpo/{72A90472-1833-4FE8-92E4-D454256D337B}/$gp"
delph=$corpus/delphinium/secpol.inf
tsumi=$corpus/tsumihara-stig/GptTmpl.inf

# The entries of a template, counted without hivepol.
entries() {
	if [ "$(head -c 2 "$1" | od -An -tx1 | tr -d ' ')" = fffe ]; then
		iconv -f UTF-16LE -t UTF-8 "$1"
	else
		cat "$1"
	fi | tr -d '\r' | sed 's/^\xef\xbb\xbf//' | awk '
	    /^[ \t]*\[/ { sec = $0; next }
	    /^[ \t]*(;.*)?$/ { next }
	    sec !~ /^\[(Unicode|Version)\]/ { n++ }
	    END { print n + 0 }'
}

n=0
find "$corpus" -iname '*.inf' > list.txt
while IFS= read -r f; do
	n=$((n + 1))
	expect_exit 0 hp show "$f"
	[ "$(wc -l < out.txt)" -eq "$(entries "$f")" ] ||
	    fail "$f: $(wc -l < out.txt) settings shown, $(entries "$f") entries"
	expect_exit 0 hp convert "$f" -o copy.inf
	cmp "$f" copy.inf || fail "$f: not written back byte for byte"
	expect_exit 0 hp diff "$f" copy.inf
done < list.txt
[ "$n" -eq 10 ] || fail "expected 10 templates, found $n"

# Registry values, each line of the file checked by hand.
expect_exit 0 hp show "$nsa"
assert_contains out.txt 'set HKLM\Software\Microsoft\Windows\CurrentVersion\Policies\System\Kerberos\Parameters "SupportedEncryptionTypes" REG_DWORD 0x7ffffff8 (2147483640)'
assert_contains out.txt 'set HKLM\System\CurrentControlSet\Control\Lsa "RestrictRemoteSAM" REG_SZ O:BAG:BAD:(A;;RC;;;BA)'
assert_contains out.txt 'System Access/MinimumPasswordLength = 14'
assert_contains out.txt 'System Access/NewGuestName = "Visitor"'
assert_contains out.txt 'Privilege Rights/SeCreateGlobalPrivilege = *S-1-5-32-544,*S-1-5-19,*S-1-5-20,*S-1-5-6'
assert_contains out.txt 'Privilege Rights/SeTcbPrivilege = '
expect_exit 0 hp show --json "$dc"
# 7,A,B,C is three strings; 7, an empty list; LegalNoticeText's quoted ","
# is a comma, and Windows sets that value as REG_SZ.
assert_contains out.txt '4c005300410052005000430000004e00450054004c004f0047004f004e000000530041004d00520000000000'
tr -d '\n ' < out.txt > flat.txt
assert_contains flat.txt '"name":"NullSessionShares","value":{"type":"REG_MULTI_SZ","type_id":7,"data":[],"hex":"00000000"}'
assert_contains flat.txt '"data":"Thissystemisrestrictedtoauthorizedusers.Individualswhoattemptunauthorizedaccesswillbeprosecuted.Ifyouareunauthorized,terminateaccessnow.'
assert_contains flat.txt '"name":"LegalNoticeText","value":{"type":"REG_SZ"'
expect_exit 0 hp show "$delph"
assert_contains out.txt 'set HKLM\System\CurrentControlSet\Control\Lsa "FullPrivilegeAuditing" REG_BINARY 01'
assert_contains out.txt 'Kerberos Policy/MaxServiceAge = 600'

# Into an offline hive: the HKLM\Software values land (read back with
# hivexget), the rest is said not to be applied.
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' SOFTWARE
expect_exit 0 hp import SOFTWARE "$delph"
assert_contains err.txt "secpol.inf:6: System Access/MinimumPasswordLength: not applied offline (Windows keeps it in the SAM hive)"
assert_contains err.txt "Kerberos Policy/MaxTicketAge: not applied offline"
if command -v hivexget >/dev/null 2>&1; then
	[ "$(hivexget SOFTWARE 'Microsoft\Windows NT\CurrentVersion\Winlogon' AllocateCDRoms)" = 1 ] ||
	    fail "AllocateCDRoms not set"
	[ "$(hivexget SOFTWARE 'Microsoft\Windows NT\CurrentVersion\Winlogon' ScRemoveOption)" = 0 ] ||
	    fail "ScRemoveOption not set"
fi

# To .reg and .pol: the registry part only.
expect_exit 0 hp convert "$dc" -o dc.reg
iconv -f UTF-16LE -t UTF-8 dc.reg | tr -d '\r' > dc.txt
assert_contains dc.txt '"NTLMMinClientSec"=dword:20080000'
assert_contains err.txt 'Service General Setting/Spooler: not applied offline'
expect_exit 0 hp convert "$dc" -o dc.pol
expect_exit 0 hp diff --class machine dc.reg dc.pol
# The template's other settings cannot be in a .pol: not compared, said.
expect_exit 0 hp diff --class machine "$dc" dc.pol
[ -s out.txt ] && fail "registry values differ"
assert_contains err.txt 'GptTmpl.inf: 44 settings that are not registry values not compared: the other source cannot hold them'

# diff: named settings by value, privilege lists as sets.
expect_exit 1 hp diff "$disa" "$tsumi"
cat > want.txt <<'EOT'
changed  setting System Access/MinimumPasswordAge  1  ->  10
changed  setting System Access/MaximumPasswordAge  60  ->  30
changed  setting System Access/MinimumPasswordLength  14  ->  8
changed  setting System Access/PasswordHistorySize  24  ->  5
changed  setting System Access/LockoutBadCount  3  ->  5
changed  setting System Access/ResetLockoutCount  15  ->  30
changed  setting System Access/LockoutDuration  15  ->  30
EOT
cmp out.txt want.txt || { diff want.txt out.txt; fail "diff of two STIG templates"; }
printf '[Unicode]\r\nUnicode=yes\r\n[Privilege Rights]\r\nSeDebugPrivilege = *S-1-5-32-544,*S-1-5-19\r\n' > a.inf
printf '[Privilege Rights]\nSeDebugPrivilege = *s-1-5-19, *S-1-5-32-544\n[Version]\nsignature="$CHICAGO$"\n' > b.inf
expect_exit 0 hp diff a.inf b.inf
printf '[Privilege Rights]\nSeDebugPrivilege = *S-1-5-19\n' > c.inf
expect_exit 1 hp diff --format json a.inf c.inf
assert_contains out.txt '"settings_differing": 1'
assert_contains out.txt '"equal": false'
assert_contains out.txt '"kind": "setting-changed"'
