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
# Writing REGEDIT4: a value the code page cannot hold is named with its
# key (export walks a hive; convert writes a patch).
expect_exit 0 hp set SOFTWARE 'K\L' v sz 'snow ☃'
expect_exit 2 hp export --format reg4 SOFTWARE -o x.reg
assert_contains err.txt 'export: key HKEY_LOCAL_MACHINE\SOFTWARE\K\L: value "v": its data (type 1) cannot be written exactly in REGEDIT4 with code page CP1252; use --format reg5'
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\K]\r\n"v"="\342\230\203"\r\n' > u.reg
expect_exit 2 hp convert --format reg4 u.reg -o y.reg
assert_contains err.txt 'u.reg: key HKEY_LOCAL_MACHINE\SOFTWARE\K: value "v": its data (type 1) cannot be written exactly in REGEDIT4'
