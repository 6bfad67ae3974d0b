# Warnings while importing a GPO folder name the Registry.pol they come
# from (Machine/ or User/), with the entry's byte offset, never just the
# folder.
. "$TESTLIB"
py=$(debian_python) || skip "no /usr/bin/python3"
mkdir -p gpo/Machine gpo/User
printf '[General]\r\nVersion=1\r\n' > gpo/gpt.ini
"$py" - <<'PY' || fail "write the .pol files"
import struct
u = lambda s: s.encode("utf-16-le")
def entry(key, name, data):
    return (u("[") + u(key + "\0") + u(";") + u(name + "\0") + u(";") +
            struct.pack("<I", 4) + u(";") + struct.pack("<I", 4) + u(";") +
            struct.pack("<I", data) + u("]"))
head = b"PReg" + struct.pack("<I", 1)
k = "Software\\Policies\\X"
open("gpo/Machine/Registry.pol", "wb").write(
    head + entry(k, "M", 1) + entry(k, "**SecureKey", 1))
open("gpo/User/Registry.pol", "wb").write(head + entry(k, "U", 2))
PY
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' SOFTWARE
expect_exit 0 hp import SOFTWARE gpo
# The first entry of each file starts at offset 8, after the header;
# an entry with a 19-character key and a one-letter name takes 68 bytes.
assert_contains err.txt 'warning: gpo/User/Registry.pol: offset 8: HKEY_CURRENT_USER\Software\Policies\X lies outside the hive'"'"'s mount; not applied'
assert_contains err.txt 'warning: gpo/Machine/Registry.pol: offset 76: **SecureKey on Software\Policies\X'
assert_not_contains err.txt 'warning: gpo: '
expect_exit 0 hp new --mount 'HKCU' NTUSER.DAT
expect_exit 0 hp import NTUSER.DAT gpo
assert_contains err.txt 'warning: gpo/Machine/Registry.pol: offset 8: HKEY_LOCAL_MACHINE\Software\Policies\X lies outside'
