# CurrentControlSet is what Select\Current names (Windows links it at
# boot), not a key of its own: on a SYSTEM hive where it leads nowhere, a
# write under it is an error saying why, instead of a literal
# "CurrentControlSet" key Windows would never read.
. "$TESTLIB"
expect_exit 0 hp new --mount 'HKLM\SYSTEM' SYSTEM
expect_exit 2 hp set SYSTEM 'CurrentControlSet\Services\X' Start dword 4
assert_contains err.txt 'SYSTEM: CurrentControlSet stands for the control set Select\Current names, and this hive has no Select\Current; set Select\Current (a DWORD), or name the ControlSet00N key itself'
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\X]\r\n"Start"=dword:00000004\r\n' > x.reg
expect_exit 2 hp import SYSTEM x.reg
assert_contains err.txt 'has no Select\Current'
expect_exit 0 hp set SYSTEM Select Current dword 1
expect_exit 2 hp set SYSTEM 'CurrentControlSet\Services\X' Start dword 4
assert_contains err.txt "CurrentControlSet is Select\\Current's ControlSet001, which this hive does not have; create ControlSet001 first"
expect_exit 0 hp ls SYSTEM
assert_not_contains out.txt 'CurrentControlSet'
# Once the control set exists, the write lands in it.
expect_exit 0 hp set SYSTEM 'ControlSet001\Services' @ sz ''
expect_exit 0 hp import SYSTEM x.reg
expect_exit 0 hp get SYSTEM 'ControlSet001\Services\X' Start
[ "$(cat out.txt)" = 4 ] || fail "get: $(cat out.txt)"
expect_exit 0 hp ls SYSTEM
assert_not_contains out.txt 'CurrentControlSet'
