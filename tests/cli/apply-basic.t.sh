# apply: dry run changes nothing, apply writes what the policy says (read
# back with libhivex's own hivexget), a second run has nothing to do.
. "$TESTLIB"
need_cmd hivexget
pol="$TESTDATA/../../policies/lcs-client.conf"
rtc='Policies\Microsoft\Windows\RTC\PortRange'
hp new --mount 'HKLM\SOFTWARE' SOFTWARE >/dev/null || fail new
hp new --mount HKCU NTUSER.DAT >/dev/null || fail new
hp set SOFTWARE "HKLM\\SOFTWARE\\$rtc" MinSipDynamicPort dword 6000 >/dev/null
hp set NTUSER.DAT 'HKCU\Software\Microsoft\Tracing\RTCDLL' EnableFileTracing dword 1 >/dev/null
before=$(cat SOFTWARE NTUSER.DAT | md5sum)

expect_exit 1 hp apply --dry-run -p "$pol" SOFTWARE NTUSER.DAT
assert_contains out.txt "~ HKLM\\SOFTWARE\\$rtc\\MinSipDynamicPort  REG_DWORD 0x00001770 (6000) -> REG_DWORD 0x00001bbc (7100)"
assert_contains out.txt "+ HKLM\\SOFTWARE\\$rtc\\MaxMediaPort  REG_DWORD 0x000014e9 (5353)"
# Tracing is optional but must be 0 when present: its one allowed value.
assert_contains out.txt "~ HKCU\\Software\\Microsoft\\Tracing\\RTCDLL\\EnableFileTracing  REG_DWORD 0x00000001 (1) -> REG_DWORD 0x00000000 (0)"
assert_contains out.txt "9 changes would be made (dry run)"
[ "$(cat SOFTWARE NTUSER.DAT | md5sum)" = "$before" ] || fail "dry run wrote"

expect_exit 0 hp apply -p "$pol" SOFTWARE NTUSER.DAT
assert_contains out.txt "9 changes written to 2 hives"
for v in Enabled:1 MinSipDynamicPort:7100 MaxSipDynamicPort:7103 \
    MinMediaPort:5350 MaxMediaPort:5353; do
	got=$(hivexget SOFTWARE "$rtc" "${v%%:*}") || fail "hivexget ${v%%:*}"
	[ "$got" = "${v#*:}" ] || fail "${v%%:*} is $got"
done
[ "$(hivexget SOFTWARE 'Policies\Microsoft\Messenger\Client\{83D4679F-B6D7-11D2-BF36-00C04FB90A03}\_Default' DisableStrictDNSNaming)" = 1 ] || fail dns
[ "$(hivexget NTUSER.DAT 'Software\Microsoft\Office\11.0\Common\PersonaMenu' QueryServiceForStatus)" = 2 ] || fail qsfs
[ "$(hivexget NTUSER.DAT 'Software\Microsoft\Office\11.0\Common\PersonaMenu' EnableDynamicPresence)" = 1 ] || fail edp
[ "$(hivexget NTUSER.DAT 'Software\Microsoft\Tracing\RTCDLL' EnableFileTracing)" = 0 ] || fail tracing

after=$(cat SOFTWARE NTUSER.DAT | md5sum)
expect_exit 0 hp apply -p "$pol" SOFTWARE NTUSER.DAT
assert_contains out.txt "nothing to do"
[ "$(cat SOFTWARE NTUSER.DAT | md5sum)" = "$after" ] || fail "second run wrote"
expect_exit 0 hp check -p "$pol" SOFTWARE NTUSER.DAT
assert_contains out.txt "15 of 15 checks compliant; compliant"

# The troubleshooting policy turns tracing on; the baseline then drifts.
expect_exit 0 hp apply -p "$TESTDATA/../../policies/lcs-troubleshoot.conf" NTUSER.DAT
[ "$(hivexget NTUSER.DAT 'Software\Microsoft\Tracing\RTCDLL' EnableFileTracing)" = 1 ] || fail on
expect_exit 1 hp check -p "$pol" SOFTWARE NTUSER.DAT
assert_contains out.txt "rtc-tracing-off"

# Settings no target serves are an error naming each and the hive it
# needs; --allow-uncovered applies the rest and still names them.
hp new --mount 'HKLM\SOFTWARE' ONLY >/dev/null || fail new
cp ONLY ONLY.orig
expect_exit 4 hp apply -p "$pol" ONLY
assert_contains err.txt "3 settings have no target here, so nothing was applied: office-presence-query (HKCU\Software\Microsoft\Office\11.0\Common\PersonaMenu\QueryServiceForStatus: needs an NTUSER.DAT hive (HKCU)); office-dynamic-presence"
assert_contains err.txt "rtc-tracing-off (HKCU\Software\Microsoft\Tracing\RTCDLL\EnableFileTracing: needs an NTUSER.DAT hive (HKCU))"
cmp -s ONLY ONLY.orig || fail "a refused apply wrote the hive"
expect_exit 4 hp apply --dry-run -p "$pol" ONLY
expect_exit 0 hp apply --allow-uncovered -p "$pol" ONLY
assert_contains out.txt "6 changes written to 1 hive"
assert_contains err.txt "3 settings have no target here and were not applied: office-presence-query ("

# Only hives can be written.
printf 'Windows Registry Editor Version 5.00\r\n' > x.reg
expect_exit 2 hp apply -p "$pol" x.reg
expect_exit 2 hp apply -p "$pol"
exit 0
