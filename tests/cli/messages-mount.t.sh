# A mount must be a full path, root key first: "HKXX\Foo" (which ls would
# then refuse) is rejected when given, by new, by the hive commands and by
# diff, whose errors say which of --mount-a and --mount-b is meant.
. "$TESTLIB"
expect_exit 2 hp new --mount 'HKXX\Foo' h
assert_contains err.txt 'mount "HKXX\Foo" does not start with a root key (HKLM, HKCU, HKU, HKCR, HKCC); give --mount'
[ ! -e h ] || fail "new created a hive with a bad mount"
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' h
expect_exit 2 hp ls --mount 'Software' h
assert_contains err.txt 'mount "Software" does not start with a root key'
expect_exit 0 hp new --mount 'HKCU' u
# diff used to compare at the relative path and call the hives equal.
expect_exit 2 hp diff --mount-a 'HKXX\Foo' h u
assert_contains err.txt 'mount "HKXX\Foo" does not start with a root key (HKLM, HKCU, HKU, HKCR, HKCC); give --mount-a'
expect_exit 2 hp diff --mount-b 'Foo' h u
assert_contains err.txt 'give --mount-b'
# A hive whose mount is unknown (no name in its header, no known file
# name) against a .reg file: the message names the option for its side.
py=$(debian_python) || skip "no /usr/bin/python3"
"$py" - <<'PY' || fail "blank the embedded name"
import struct
b = bytearray(open("h", "rb").read())
b[48:48 + 64] = bytes(64)
cs = 0
for i in range(0, 508, 4):
    cs ^= struct.unpack_from("<I", b, i)[0]
struct.pack_into("<I", b, 508, cs)
open("nameless.dat", "wb").write(b)
PY
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\K]\r\n' > k.reg
expect_exit 2 hp diff nameless.dat k.reg
assert_contains err.txt 'cannot place a hive with no known mount against k.reg; give --mount-a'
expect_exit 2 hp diff k.reg nameless.dat
assert_contains err.txt 'give --mount-b'
expect_exit 2 hp diff --key 'HKLM\K' k.reg nameless.dat
assert_contains err.txt "nameless.dat: the hive's mount is unknown, so it cannot be compared at a full path; give --mount-b"
expect_exit 1 hp diff --mount-a 'HKLM\SOFTWARE' nameless.dat k.reg
