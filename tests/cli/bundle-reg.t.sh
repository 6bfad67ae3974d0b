# bundle: the .reg files (5.00 and REGEDIT4), each imported into fresh
# hives, make check report the policy compliant.
. "$TESTLIB"
need_cmd iconv
pol="$TESTDATA/../../policies/lcs-client.conf"
expect_exit 0 hp bundle -p "$pol" -o b
for f in lcs-client.reg lcs-client-regedit4.reg README.txt \
    PolicyDefinitions/lcs-client.admx PolicyDefinitions/en-US/lcs-client.adml \
    lcs-client.adm; do
	[ -s "b/$f" ] || fail "b/$f missing"
	assert_contains out.txt "  $f"
done
# No temporary folder is left beside the bundle.
[ "$(ls -A | grep -c '^\.b\.')" = 0 ] || fail "temporary folder left"

[ "$(head -c 2 b/lcs-client.reg | od -An -tx1 | tr -d ' ')" = fffe ] || fail bom
iconv -f UTF-16 -t UTF-8 b/lcs-client.reg | tr -d '\r' > reg5.txt || fail iconv
assert_contains reg5.txt 'Windows Registry Editor Version 5.00'
assert_contains b/lcs-client-regedit4.reg 'REGEDIT4'
# 7103 = 0x1bbf, by hand.
for f in reg5.txt b/lcs-client-regedit4.reg; do
	assert_contains "$f" '"MaxSipDynamicPort"=dword:00001bbf'
	assert_contains "$f" '[HKEY_CURRENT_USER\Software\Microsoft\Office\11.0\Common\PersonaMenu]'
done
# Tracing is optional (absent is compliant), so the bundle leaves it out.
assert_not_contains reg5.txt 'EnableFileTracing'

for f in lcs-client.reg lcs-client-regedit4.reg; do
	rm -f SOFTWARE NTUSER.DAT
	hp new --mount 'HKLM\SOFTWARE' SOFTWARE >/dev/null || fail new
	hp new --mount HKCU NTUSER.DAT >/dev/null || fail new
	expect_exit 1 hp check -p "$pol" SOFTWARE NTUSER.DAT
	hp import SOFTWARE "b/$f" >/dev/null 2>&1 || fail "import $f"
	hp import NTUSER.DAT "b/$f" >/dev/null 2>&1 || fail "import $f"
	expect_exit 0 hp check -p "$pol" SOFTWARE NTUSER.DAT
	assert_contains out.txt "15 of 15 checks compliant; compliant"
done

# A forbidden value is deleted by the bundle; data-less settings are named.
cat > p.conf <<'POL'
description = "test bundle"
setting "on" {
	key = "HKLM\\SOFTWARE\\Hp\\T"
	value = "On"
	type = "sz"
	data = "yes"
}
setting "gone" {
	key = "HKLM\\SOFTWARE\\Hp\\T"
	value = "Old"
	presence = "forbidden"
}
setting "vague" {
	key = "HKLM\\SOFTWARE\\Hp\\T"
	value = "Port"
	type = "dword"
	min = 1024
	max = 2048
}
POL
expect_exit 0 hp bundle -p p.conf -o pb
assert_contains err.txt 'setting "vague"'
iconv -f UTF-16 -t UTF-8 pb/p.reg | tr -d '\r' > p.txt
assert_contains p.txt '"On"="yes"'
assert_contains p.txt '"Old"=-'
assert_not_contains p.txt 'Port'
hp new --mount 'HKLM\SOFTWARE' S2 >/dev/null || fail new
hp set S2 'HKLM\SOFTWARE\Hp\T' Old dword 1 >/dev/null || fail set
hp set S2 'HKLM\SOFTWARE\Hp\T' Port dword 1500 >/dev/null || fail set
expect_exit 1 hp check -p p.conf S2
hp import S2 pb/p.reg >/dev/null 2>&1 || fail import
expect_exit 0 hp check -p p.conf S2
exit 0
