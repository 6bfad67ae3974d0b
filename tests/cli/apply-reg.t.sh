# apply --dry-run --format reg: the plan as a 5.00 .reg on stdout, which
# imported into the same (fresh) hives makes them compliant; nothing is
# written by the dry run itself.
. "$TESTLIB"
need_cmd iconv
pol="$TESTDATA/../../policies/lcs-client.conf"
hp new --mount 'HKLM\SOFTWARE' SOFTWARE >/dev/null || fail new
hp new --mount HKCU NTUSER.DAT >/dev/null || fail new
before=$(cat SOFTWARE NTUSER.DAT | md5sum)
expect_exit 1 hp apply --dry-run --format reg -p "$pol" SOFTWARE NTUSER.DAT
[ "$(cat SOFTWARE NTUSER.DAT | md5sum)" = "$before" ] || fail "dry run wrote"
mv out.txt plan.reg
# regedit's encoding: UTF-16LE with a BOM.
[ "$(head -c 2 plan.reg | od -An -tx1 | tr -d ' ')" = fffe ] || fail bom
iconv -f UTF-16 -t UTF-8 plan.reg | tr -d '\r' > plan.txt || fail iconv
assert_contains plan.txt 'Windows Registry Editor Version 5.00'
# 7100 = 0x1bbc, 5353 = 0x14e9 (worked by hand).
assert_contains plan.txt '"MinSipDynamicPort"=dword:00001bbc'
assert_contains plan.txt '"MaxMediaPort"=dword:000014e9'
assert_contains plan.txt '[HKEY_CURRENT_USER\Software\Microsoft\Office\11.0\Common\PersonaMenu]'
expect_exit 1 hp check -p "$pol" SOFTWARE NTUSER.DAT
hp import SOFTWARE plan.reg >/dev/null 2>&1 || fail import
hp import NTUSER.DAT plan.reg >/dev/null 2>&1 || fail import
expect_exit 0 hp check -p "$pol" SOFTWARE NTUSER.DAT
assert_contains out.txt "15 of 15 checks compliant; compliant"
# Nothing left to do: a header alone, exit 0.
expect_exit 0 hp apply --dry-run --format reg -p "$pol" SOFTWARE NTUSER.DAT
[ "$(iconv -f UTF-16 -t UTF-8 out.txt | tr -d '\r\n')" = 'Windows Registry Editor Version 5.00' ] || fail empty
# --format reg describes a plan; it is not a way to write hives.
expect_exit 2 hp apply --format reg -p "$pol" SOFTWARE NTUSER.DAT
expect_exit 2 hp apply --dry-run --format xml -p "$pol" SOFTWARE
exit 0
