# compare: the settings of N sources in one matrix, as text and JSON.  The
# expected matrix comes from the files themselves: two real baselines of
# the same AppLocker policy (audit and enforced: the 5 EnforcementMode
# values 0 vs 1, the 19 rules alike), a firewall baseline (24 values none
# of the others hold) and a .reg written here; Samba's parser derives the
# whole matrix of the three .pol files independently.
. "$TESTLIB"
need_shared
need_cmd jq
shb=$SHARED/corpus/pol/shb
audit=$shb/AppLocker-Audit-16D29EA5-Machine.pol
enforced=$shb/AppLocker-Enforced-ADE2C0B1-Machine.pol
fw=$shb/Windows_Firewall-3AD8D9F1-Machine.pol
# The firewall's PolicyVersion again (538 = 0x21a: a repeat), its
# DomainProfile EnableFirewall deleted (a conflict with its 1), Exe's
# EnforcementMode as the enforced baseline has it (a third voice in that
# conflict), and a key deleted that nobody else names (single).
printf '%s\r\n' 'Windows Registry Editor Version 5.00' '' \
    '[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\WindowsFirewall]' \
    '"PolicyVersion"=dword:0000021a' '' \
    '[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\WindowsFirewall\DomainProfile]' \
    '"EnableFirewall"=-' '' \
    '[HKEY_LOCAL_MACHINE\Software\Policies\Microsoft\Windows\SrpV2\Exe]' \
    '"EnforcementMode"=dword:00000001' '' \
    '[-HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Test]' > local.reg

# Text.  48 settings of the .pol files (24 AppLocker, alike but for 5,
# and 24 firewall) plus the deleted key: 49; conflicts 5 + EnableFirewall;
# repeats 19 + PolicyVersion; singles 24 - 2 + 1.
expect_exit 1 hp compare --class machine "$audit" "$enforced" "$fw" local.reg
assert_contains out.txt 'compare: 4 sources, 49 settings: 6 conflict, 20 repeat, 23 single'
assert_contains out.txt "  [4] local.reg (reg)"
[ "$(grep -c '^  "EnforcementMode"  \[1\] REG_DWORD 0x00000000 (0) conflict  \[2\] REG_DWORD 0x00000001 (1) conflict  \[3\] -  \[4\] ' out.txt)" -eq 5 ] ||
    fail "EnforcementMode rows: $(grep EnforcementMode out.txt)"
grep -A1 -x 'HKLM\\Software\\Policies\\Microsoft\\Windows\\SrpV2\\Exe' out.txt |
    grep -q '\[4\] REG_DWORD 0x00000001 (1) conflict$' || fail "Exe row"
grep -Eq '^  "EnableFirewall" +\[1\] -  \[2\] -  \[3\] REG_DWORD 0x00000001 \(1\) conflict  \[4\] delete conflict$' out.txt ||
    fail "EnableFirewall: $(grep '"EnableFirewall"' out.txt)"
grep -q '^  "PolicyVersion"  \[1\] -  \[2\] -  \[3\] REG_DWORD 0x0000021a (538) repeat  \[4\] REG_DWORD 0x0000021a (538) repeat$' out.txt ||
    fail "PolicyVersion: $(grep PolicyVersion out.txt)"
grep -A1 -x 'HKLM\\SOFTWARE\\Policies\\Test' out.txt |
    grep -q '^  (key)  \[1\] -  \[2\] -  \[3\] -  \[4\] delete$' || fail "deleted key"
[ "$(grep -c '^  .* conflict' out.txt)" -eq 6 ] || fail "conflict lines"
# Long data is cut in text, with its length.
grep -q '\[1\] REG_SZ <FilePathRule Id="1d04fdc7-5e29-45b1-a0d7-f7e929\.\.\. (302 bytes) repeat' out.txt ||
    fail "long value not cut"

# JSON, the same matrix with every byte.
expect_exit 1 hp compare --format json --class machine "$audit" "$enforced" "$fw" local.reg
cp out.txt all.json
[ "$(jq -r .schema all.json)" = hivepol-compare/1 ] || fail schema
[ "$(jq -c .summary all.json)" = '{"settings":49,"single":23,"repeat":20,"conflict":6,"differing":49}' ] ||
    fail "summary: $(jq -c .summary all.json)"
[ "$(jq -r '[.settings[] | select(.state == "conflict") | .value] | sort | join(",")' all.json)" = \
    EnableFirewall,EnforcementMode,EnforcementMode,EnforcementMode,EnforcementMode,EnforcementMode ] ||
    fail "conflict rows"
# Every cell a source holds carries its row's state, "conflict" included.
[ "$(jq '[.settings[] | .state as $s | .cells[] | select(.action != null and .state != $s)] | length' all.json)" -eq 0 ] ||
    fail "cell states"
jq -e '.settings[] | select(.value == "EnableFirewall" and (.key | endswith("DomainProfile"))) |
    .cells[3].action == "delete" and .cells[3].state == "conflict" and .cells[2].data == 1 and .cells[0].state == "absent"' all.json > /dev/null ||
    fail "EnableFirewall cells"
jq -e '.settings[] | select(.what == "key") | .key == "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Test" and .value == null and .state == "single"' all.json > /dev/null ||
    fail "deleted key row"
jq -e '[.settings[] | select(.value == "Value")][0].cells[0].data | startswith("<File")' all.json > /dev/null ||
    fail "JSON cut a value"

# The three .pol files' matrix as Samba reads them.
py=$(debian_python) || skip "no /usr/bin/python3"
if "$py" -c 'from samba.gp_parse.gp_pol import GPPolParser' 2>/dev/null; then
	expect_exit 1 hp compare --format json --class machine "$audit" "$enforced" "$fw"
	jq -r -f "$(dirname "$TESTLIB")/compare-rows.jq" out.txt | sort > ours.tsv
	"$py" "$(dirname "$TESTLIB")/pol-matrix.py" "$audit" "$enforced" "$fw" |
	    sort > samba.tsv
	[ "$(wc -l < samba.tsv)" -eq 48 ] || fail "Samba: $(wc -l < samba.tsv) rows"
	diff samba.tsv ours.tsv > matrix.diff ||
	    { cut -c1-160 matrix.diff | head; fail "the matrix differs from Samba's"; }
fi

# --differences: only what the sources do not all hold alike.  A GPO
# folder holding the firewall .pol agrees with it everywhere: exit 0.
mkdir -p gpo/Machine
cp "$fw" gpo/Machine/Registry.pol
expect_exit 0 hp compare --class machine --differences gpo "$fw"
assert_contains out.txt 'compare: 2 sources, 24 settings: 0 conflict, 24 repeat, 0 single'
[ "$(wc -l < out.txt)" -eq 3 ] || fail "--differences printed alike rows"
expect_exit 1 hp compare --format json --differences --class machine "$fw" local.reg
[ "$(jq '.settings | length' out.txt)" -eq 25 ] || fail "json --differences"
jq -e '.only_differing and .summary.repeat == 1 and all(.settings[]; .differs)' out.txt > /dev/null ||
    fail "json --differences flags"

# --key limits every source, a hive's too.
hp new --mount 'HKLM\SOFTWARE' SOFTWARE > /dev/null
fwk='HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall'
hp set SOFTWARE "$fwk\\PublicProfile" EnableFirewall dword 0 > /dev/null
hp set SOFTWARE "$fwk\\PublicProfile\\Logging" LogFileSize dword 16384 > /dev/null
hp set SOFTWARE 'HKLM\SOFTWARE\Other' X dword 1 > /dev/null
expect_exit 1 hp compare --key "$fwk\\PublicProfile" --class machine "$fw" SOFTWARE
assert_contains out.txt 'compare: 2 sources, 9 settings: 1 conflict, 1 repeat, 7 single'
assert_contains out.txt '  [2] SOFTWARE (hive)'
grep -q '^  "EnableFirewall" *\[1\] REG_DWORD 0x00000001 (1) conflict  \[2\] REG_DWORD 0x00000000 (0) conflict$' out.txt ||
    fail "hive conflict: $(cat out.txt)"
assert_not_contains out.txt 'Other'
expect_exit 0 hp compare -o report.txt --key 'HKLM\SOFTWARE\Other' SOFTWARE
assert_contains report.txt 'compare: 1 sources, 1 settings: 0 conflict, 0 repeat, 1 single'

# Real hives, one dirty (read as its primary file has it: "stale"), their
# Select values cross-checked with hivexget.
hives=$SHARED/corpus/hives/regipy
if command -v hivexget > /dev/null 2>&1 && [ -f "$hives/SYSTEM_WIN_10_1709" ]; then
	expect_exit 1 hp compare --format json --key 'HKLM\SYSTEM\Select' \
	    "$hives/SYSTEM" "$hives/SYSTEM_WIN_10_1709"
	jq -e '.sources[0].state == null and .sources[1].state == "stale"' out.txt > /dev/null ||
	    fail "source states"
	for v in Current Default Failed LastKnownGood; do
		a=$(hivexget "$hives/SYSTEM" Select "$v")
		b=$(hivexget "$hives/SYSTEM_WIN_10_1709" Select "$v")
		[ "$a" = "$b" ] && want=repeat || want=conflict
		jq -e --arg v "$v" --arg s "$want" --argjson a "$a" --argjson b "$b" \
		    '.settings[] | select(.value == $v) | .state == $s and
		    .cells[0].data == $a and .cells[1].data == $b' out.txt > /dev/null ||
		    fail "Select $v: hivexget says $a and $b"
	done
	[ "$(jq '.settings | length' out.txt)" -eq 4 ] || fail "Select rows"
fi

# Errors: one line naming the problem, exit 2.
expect_exit 2 hp compare --format xml "$fw"
assert_contains err.txt 'unknown format "xml"'
expect_exit 2 hp compare --key Software\\Policies "$fw"
assert_contains err.txt '--key takes a full path'
expect_exit 2 hp compare
assert_contains err.txt 'expected one or more sources'
echo junk > junk.txt
expect_exit 2 hp compare --class machine "$fw" junk.txt
assert_contains err.txt 'junk.txt: not a hive, .reg, Registry.pol file'
expect_exit 2 hp compare "$fw"
assert_contains err.txt 'use --class machine|user'
exit 0
