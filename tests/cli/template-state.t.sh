# template state: each policy's state read back from a hive.  Expected
# states worked out by hand from rtc.admx (enabledValue 1, disabledValue 0).
. "$TESTLIB"
T=$(dirname "$TESTLIB")/../../templates/rtc.admx
hp new --mount 'HKLM\SOFTWARE' SOFTWARE > /dev/null || fail "new"
expect_exit 0 hp template state -t "$T" SOFTWARE
assert_contains out.txt "PortRange [HKLM]: Not configured"
assert_contains out.txt "AllowAdditionalDNSNames [HKLM]: Not configured"
assert_not_contains out.txt "ClientTracing"
K='HKLM\SOFTWARE\Policies\Microsoft\Windows\RTC\PortRange'
D='HKLM\SOFTWARE\Policies\Microsoft\Messenger\Client\{83D4679F-B6D7-11D2-BF36-00C04FB90A03}\_Default'
hp set SOFTWARE "$K" Enabled dword 1 > /dev/null &&
hp set SOFTWARE "$K" MinSipDynamicPort dword 7100 > /dev/null &&
hp set SOFTWARE "$D" DisableStrictDNSNaming dword 7 > /dev/null || fail set
expect_exit 0 hp template state -t "$T" SOFTWARE
assert_contains out.txt "PortRange [HKLM]: Enabled"
assert_contains out.txt "  MinSipDynamicPort: 0x00001bbc (7100)"
# 7 is neither the enabled (1) nor the disabled (0) value.
assert_contains out.txt "AllowAdditionalDNSNames [HKLM]: Mismatch"
hp set SOFTWARE "$D" DisableStrictDNSNaming dword 0 > /dev/null || fail set
hp set SOFTWARE "$K" Enabled dword 0 > /dev/null || fail set
expect_exit 0 hp template state -t "$T" SOFTWARE
assert_contains out.txt "AllowAdditionalDNSNames [HKLM]: Disabled"
assert_contains out.txt "PortRange [HKLM]: Disabled"
assert_not_contains out.txt "MinSipDynamicPort:"
# User policies from an NTUSER.DAT; the ADM gives the same answers.
hp new --mount HKCU NTUSER.DAT > /dev/null || fail new
hp set NTUSER.DAT 'HKCU\Software\Microsoft\Office\11.0\Common\PersonaMenu' \
    QueryServiceForStatus dword 2 > /dev/null || fail set
hp set NTUSER.DAT 'HKCU\Software\Microsoft\Tracing\RTCDLL' \
    EnableFileTracing dword 1 > /dev/null || fail set
hp set NTUSER.DAT 'HKCU\Software\Microsoft\Tracing\RTCDLL' \
    FileDirectory expand_sz '%TEMP%' > /dev/null || fail set
for t in "$T" "${T%.admx}.adm"; do
	expect_exit 0 hp template state -t "$t" NTUSER.DAT
	assert_contains out.txt "PresenceLookup [HKCU]: Enabled"
	assert_contains out.txt "  QueryServiceForStatus: item 2 = 0x00000002 (2)"
	assert_contains out.txt "ClientTracing [HKCU]: Enabled"
	assert_contains out.txt "  FileDirectory: %TEMP%"
	assert_not_contains out.txt "PortRange"
done
expect_exit 2 hp template state SOFTWARE
expect_exit 2 hp template state -t "$T" nonexistent.hive
