# Large inputs (issue 14): hivepol reads back anything it writes.  A hive
# of 96 MB (more than a third of the old 256 MiB input limit) exports to a
# UTF-16 .reg file of more than 256 MiB; import and diff read that file
# back (it is mapped, not read whole) and the new hive holds the same
# values, compared by libhivex's python binding against the data the
# test generated.  The 176 MB bench hive's round trip is in make bench.
. "$TESTLIB"
py=$(debian_python) || skip "Debian's python3 is missing"
"$py" -c 'import hivex' 2>/dev/null || skip "python3-hivex is missing"
slow_build && skip "a 300 MB file under ASan or valgrind takes minutes"

# The source: a Registry.pol (raw bytes, quick to write) with 12 values
# of 8,000,000 bytes: 8 binary (6 bytes each in a 5.00 .reg) and 4
# strings.  gen.py prints each value's name and SHA-256.
cat > gen.py <<'EOF'
import hashlib, struct, sys
N = 8000000
def u16(s): return (s + "\0").encode("utf-16-le")
def data(i):
    if i < 8:
        return 3, bytes((j * (i + 3)) & 255 for j in range(256)) * (N // 256)
    return 1, (chr(0x41 + i) * (N // 2 - 1)).encode("utf-16-le") + b"\0\0"
out = open(sys.argv[1], "wb")
out.write(b"PReg\x01\x00\x00\x00")
for i in range(12):
    t, d = data(i)
    name = "v%02d" % i
    out.write("[".encode("utf-16-le") + u16("Software\\Big") +
              ";".encode("utf-16-le") + u16(name) + ";".encode("utf-16-le") +
              struct.pack("<I", t) + ";".encode("utf-16-le") +
              struct.pack("<I", len(d)) + ";".encode("utf-16-le") + d +
              "]".encode("utf-16-le"))
    print(name, t, hashlib.sha256(d).hexdigest())
EOF
# list.py HIVE: each value of \Big with its type and SHA-256, by libhivex.
cat > list.py <<'EOF'
import hashlib, sys, hivex
h = hivex.Hivex(sys.argv[1])
k = h.node_get_child(h.root(), "Big")
for v in sorted(h.node_values(k), key=h.value_key):
    t, d = h.value_value(v)
    print(h.value_key(v), t, hashlib.sha256(d).hexdigest())
EOF
"$py" gen.py big.pol > want.txt || fail "gen.py"
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' h
expect_exit 0 hp import --class machine h big.pol
[ "$(stat -c %s h)" -gt 89478485 ] || fail "hive of $(stat -c %s h) bytes"

expect_exit 0 hp export h -o out.reg
[ "$(stat -c %s out.reg)" -gt 268435456 ] ||
	fail "export of $(stat -c %s out.reg) bytes: not above the old limit"
[ "$(head -c 2 out.reg | od -An -tx1 | tr -d ' ')" = fffe ] ||
	fail "the export is not UTF-16LE"
rm big.pol

# diff and import read it back.
expect_exit 0 hp diff out.reg h
[ -s out.txt ] && fail "diff of the export and its hive: $(head -n 3 out.txt)"
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' back
expect_exit 0 hp import back out.reg
assert_contains out.txt '12 values set'
"$py" list.py back > got.txt || fail "libhivex cannot read the new hive"
cmp -s want.txt got.txt || { diff want.txt got.txt >&2; fail "values differ"; }
exit 0
