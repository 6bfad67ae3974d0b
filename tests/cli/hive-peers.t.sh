# A hive made and filled by hivepol reads back the same through libhivex's
# own tools (hivexget) and python3-hivex: every value type, a non-ASCII
# value name, values at and past the 16,344-byte big-data threshold.
. "$TESTLIB"
need_cmd hivexget
py=$(debian_python) || skip "Debian python3 is absent"
$py -c 'import hivex' 2>/dev/null || skip "python3-hivex is not installed"

k='HKLM\SOFTWARE\Test'
hp new --mount 'HKLM\SOFTWARE' h || fail "new"
hp set h "$k" none none || fail none
hp set h "$k" sz sz 'plain text' || fail sz
hp set h "$k" exp expand_sz '%windir%\tracing' || fail expand_sz
hp set h "$k" bin binary 00,01,fe,ff || fail binary
hp set h "$k" dw dword 4294967295 || fail dword
hp set h "$k" dwbe dword_be 0x11223344 || fail dword_be
hp set h "$k" lnk link 'target' || fail link
hp set h "$k" multi multi_sz one 'two words' '' || fail multi_sz
hp set h "$k" qw qword 0x1122334455667788 || fail qword
hp set h "$k" res 8 0a0b0c || fail "type 8"
hp set h "$k" odd 0x12345 ffee || fail "type 0x12345"
hp set h "$k" 'Wörld™' sz 'ünïcode ☃' || fail "non-ASCII value name"
hp set h "$k" @ sz default || fail default
big16344=$(head -c 16344 /dev/zero | tr '\0' 'a' | od -An -v -tx1 | tr -d ' \n')
big16345=$(head -c 16345 /dev/zero | tr '\0' 'b' | od -An -v -tx1 | tr -d ' \n')
big100k=$(head -c 50000 /dev/urandom | od -An -v -tx1 | tr -d ' \n')
hp set h "$k" b16344 binary "$big16344" || fail 16344
hp set h "$k" b16345 binary "$big16345" || fail 16345
hp set h "$k" b50k binary "$big100k" || fail 50000

# Non-ASCII key names: sorted and hashed as Windows does (UTF-16 units
# upper-cased), which libhivex alone gets wrong; case-insensitive beyond
# ASCII, so "ÉMILE" finds "Émile".
for n in Zeta alpha 'Émile' 'ärger' Beta '雪' '_under' 'Ωmega'; do
	hp set h "HKLM\\SOFTWARE\\Keys\\$n" v dword 1 > /dev/null || fail "key $n"
done
hp set h 'HKLM\SOFTWARE\Keys\ÉMILE' w dword 2 > /dev/null || fail "ÉMILE"
$py - <<'PY' || fail "non-ASCII key names"
import hivex, struct
h = hivex.Hivex("h")
k = h.node_get_child(h.root(), "Keys")
kids = h.node_children(k)
names = [h.node_name(c) for c in kids]
assert len(names) == 8, names
up = lambda s: [ord(c.upper()) if len(c.upper()) == 1 else ord(c)
    for c in s.encode("utf-16-le").decode("utf-16-le")]
assert names == sorted(names, key=up), names
d = open("h", "rb").read()
lst = struct.unpack_from("<I", d, k + 32)[0] + 4096
assert d[lst + 4:lst + 6] == b"lh"
for i in range(len(kids)):
    off, hv = struct.unpack_from("<II", d, lst + 8 + 8 * i)
    want = 0
    for u in up(h.node_name(off + 4096)):
        want = (37 * want + u) & 0xffffffff
    assert hv == want, (h.node_name(off + 4096), hv, want)
e = h.node_get_child(k, "Émile")
assert sorted(h.value_key(v) for v in h.node_values(e)) == ["v", "w"]
PY

cat > expect.py <<'PY'
import hivex, sys
h = hivex.Hivex("h")
k = h.node_get_child(h.root(), "Test")
got = {h.value_key(v): h.value_value(v) for v in h.node_values(k)}
def u16(s): return s.encode("utf-16-le") + b"\0\0"
want = {
    "none": (0, b""), "sz": (1, u16("plain text")),
    "exp": (2, u16("%windir%\\tracing")), "bin": (3, bytes([0, 1, 254, 255])),
    "dw": (4, b"\xff\xff\xff\xff"), "dwbe": (5, bytes([0x11, 0x22, 0x33, 0x44])),
    "lnk": (6, "target".encode("utf-16-le")),  # no NUL, as Windows
    "multi": (7, u16("one") + u16("two words") + u16("") + b"\0\0"),
    "qw": (11, bytes([0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11])),
    "res": (8, bytes([10, 11, 12])), "odd": (0x12345, bytes([0xff, 0xee])),
    "Wörld™": (1, u16("ünïcode ☃")), "": (1, u16("default")),
    "b16344": (3, b"a" * 16344), "b16345": (3, b"b" * 16345),
    "b50k": (3, bytes.fromhex(sys.argv[1])),
}
bad = [n for n in want if got.get(n) != want[n]]
extra = [n for n in got if n not in want]
if bad or extra:
    sys.exit("mismatch: %r extra: %r" % (bad, extra))
PY
$py expect.py "$big100k" || fail "python3-hivex reads different values"
[ "$(hivexget h '\Test' sz)" = 'plain text' ] || fail "hivexget sz"
[ "$(hivexget h '\Test' dw)" = '-1' ] || [ "$(hivexget h '\Test' dw)" = '4294967295' ] ||
    fail "hivexget dword: $(hivexget h '\Test' dw)"

# The two big values above the threshold are stored as big data (db).
$py - <<'PY' || fail "big values are not stored as db records"
import hivex, struct
h = hivex.Hivex("h")
k = h.node_get_child(h.root(), "Test")
data = open("h", "rb").read()
for v in h.node_values(k):
    name = h.value_key(v)
    if name not in ("b16344", "b16345", "b50k"):
        continue
    off, = struct.unpack_from("<I", data, v + 12)
    sig = data[4096 + off + 4:4096 + off + 6]
    want = b"db" if name != "b16344" else None
    if name == "b16344" and sig == b"db":
        raise SystemExit("16344 bytes should fit one cell")
    if want and sig != want:
        raise SystemExit("%s: data cell is %r, not db" % (name, sig))
PY
exit 0
