# [HKEY_CLASSES_ROOT\...] keys in a .reg file are written where Windows
# stores writes to that merged view: HKLM\SOFTWARE\Classes in a SOFTWARE
# hive, the user's classes in UsrClass.dat (mounted at
# HKCU\Software\Classes).  An NTUSER.DAT holds neither, so there they lie
# outside the mount, with the usual warning.  Checked with reglookup.
. "$TESTLIB"
need_cmd reglookup
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_CLASSES_ROOT\\.xyz]\r\n@="xyzfile"\r\n\r\n[HKEY_CLASSES_ROOT\\xyzfile\\shell\\open\\command]\r\n@="notepad.exe"\r\n' > c.reg
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' SOFTWARE
expect_exit 0 hp import SOFTWARE c.reg
reglookup SOFTWARE > peer.txt || fail "reglookup"
assert_contains peer.txt '/Classes/.xyz/,SZ,xyzfile,'
assert_contains peer.txt '/Classes/xyzfile/shell/open/command/,SZ,notepad.exe,'
expect_exit 0 hp get SOFTWARE 'HKEY_CLASSES_ROOT\.xyz' @
[ "$(cat out.txt)" = xyzfile ] || fail "get HKCR: $(cat out.txt)"
expect_exit 0 hp new --mount 'HKCU\Software\Classes' UsrClass.dat
expect_exit 0 hp import UsrClass.dat c.reg
reglookup UsrClass.dat > peer.txt || fail "reglookup"
assert_contains peer.txt '/.xyz/,SZ,xyzfile,'
assert_contains peer.txt '/xyzfile/shell/open/command/,SZ,notepad.exe,'
# Importing it again changes nothing: the same keys.
expect_exit 0 hp import UsrClass.dat c.reg
assert_contains out.txt '0 keys created'
expect_exit 0 hp new --mount 'HKCU' NTUSER.DAT
expect_exit 2 hp import NTUSER.DAT c.reg
assert_contains err.txt 'c.reg:3: HKEY_CLASSES_ROOT\.xyz lies outside the hive'"'"'s mount'
expect_exit 0 hp new --mount 'HKLM\SYSTEM' SYSTEM
expect_exit 2 hp import SYSTEM c.reg
assert_contains err.txt 'lie outside the hive'"'"'s mount HKLM\SYSTEM'
