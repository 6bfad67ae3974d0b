# A hive made from scratch is readable by libhivex's tools and by chntpw's
# reged, and what hivepol writes into it reads back through reged.
. "$TESTLIB"
need_cmd hivexml
expect_exit 0 hp new --mount HKCU NTUSER.DAT
hivexml NTUSER.DAT > xml.txt || fail "hivexml rejects a new hive"
assert_contains xml.txt 'root="1"'
# Exactly 4096 + 4096 bytes: base block and one hive bin.
[ "$(wc -c < NTUSER.DAT)" -eq 8192 ] || fail "size $(wc -c < NTUSER.DAT)"
expect_exit 0 hp set NTUSER.DAT 'HKCU\Software\Vendor' Name sz 'hello'
expect_exit 0 hp set NTUSER.DAT 'HKCU\Software\Vendor' Count dword 42
need_cmd reged
reged -x NTUSER.DAT 'HKEY_CURRENT_USER' '\' out.reg > /dev/null 2>&1
tr -d '\r' < out.reg > out.txt
assert_contains out.txt '[HKEY_CURRENT_USER\Software\Vendor]'
assert_contains out.txt '"Name"="hello"'
assert_contains out.txt '"Count"=dword:0000002a'
need_cmd hivexsh
printf 'cd \\Software\\Vendor\nlsval\n' | hivexsh NTUSER.DAT > sh.txt ||
    fail "hivexsh"
assert_contains sh.txt '"Count"=dword:0000002a'
exit 0
