# A bad value line of a .reg file (REGEDIT4 or 5.00) is named with the
# key it belongs to, as well as its line: files repeat "v"= under many
# keys.  Lines that are keys themselves are named by their line alone.
. "$TESTLIB"
printf 'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\K]\r\n"a"=dword:1\r\n"v"=dword:zz\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\L]\r\n"w"="caf\351"\r\n"x"="\201"\r\n' > r4.reg
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' SOFTWARE
expect_exit 0 hp import SOFTWARE r4.reg
assert_contains err.txt 'warning: r4.reg:5: dword: needs 1 to 8 hex digits (in [HKEY_LOCAL_MACHINE\SOFTWARE\K]); line skipped'
assert_contains err.txt 'warning: r4.reg:9: text that is not valid CP1252 (in [HKEY_LOCAL_MACHINE\SOFTWARE\L]); line skipped'
expect_exit 0 hp get SOFTWARE L w
[ "$(cat out.txt)" = "café" ] || fail "CP1252 value: $(cat out.txt)"
expect_exit 2 hp import --strict SOFTWARE r4.reg
assert_contains err.txt 'hivepol: r4.reg:5: dword: needs 1 to 8 hex digits (in [HKEY_LOCAL_MACHINE\SOFTWARE\K])'
printf 'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\K\r\n"v"=dword:1\r\n' > k4.reg
expect_exit 2 hp import --strict SOFTWARE k4.reg
assert_contains err.txt 'k4.reg:3: '
assert_not_contains err.txt '(in ['
