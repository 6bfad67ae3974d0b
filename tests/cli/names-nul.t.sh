# Key and value names holding U+0000 (Windows allows them; hivex's test
# hive "special" has a key "zero\0key" with a value "zero\0val") are read
# whole, by their stored length, and kept so: text output shows the NUL
# as %00, JSON as \u0000, key and value operands take %00, diff tells
# "zero\0key" from "zero", writes keep the names (read back with libhivex
# through python3-hivex), and .reg and .pol, which cannot hold them,
# refuse with an error naming the key.
. "$TESTLIB"
need_shared
S=$SHARED/corpus/hives/hivex/special
py=$(debian_python) && $py -c 'import hivex' 2>/dev/null ||
    skip "python3-hivex absent"
# The peer first: the names really hold a NUL.
$py - "$S" <<'PY' || fail "python3-hivex reads other names"
import hivex, sys
h = hivex.Hivex(sys.argv[1])
k = [n for n in h.node_children(h.root()) if h.node_name(n).startswith("zero")]
assert [h.node_name(n) for n in k] == ["zero\0key"], k
assert [h.value_key(v) for v in h.node_values(k[0])] == ["zero\0val"]
PY
expect_exit 0 hp ls -R "$S"
assert_contains out.txt '\zero%00key'
assert_contains out.txt '    zero%00val    REG_DWORD    0x00000000 (0)'
expect_exit 0 hp ls "$S"
assert_contains out.txt '\zero%00key'
# JSON carries the name exactly.
expect_exit 0 hp ls --json "$S" 'zero%00key'
$py - <<'PY' || fail "JSON names"
import json
o = json.load(open("out.txt"))
assert o["key"] == "\\zero\0key", o["key"]
assert [v["name"] for v in o["values"]] == ["zero\0val"], o
PY
# The escaped name is accepted as an operand; the cut name is another one.
expect_exit 0 hp get "$S" 'zero%00key' 'zero%00val'
[ "$(cat out.txt)" = 0 ] || fail "get: $(cat out.txt)"
expect_exit 1 hp get "$S" 'zero%00key' zero
expect_exit 1 hp get "$S" zero
# diff: a hive with "zero" instead of "zero\0key" is another hive.
cp "$S" cut
expect_exit 0 hp set cut zero zero dword 0
expect_exit 0 hp rm cut 'zero%00key'
expect_exit 1 hp diff "$S" cut
assert_contains out.txt 'removed  key   zero%00key'
assert_contains out.txt 'added    key   zero'
expect_exit 1 hp diff --format json "$S" cut
assert_contains out.txt '"key": "zero\u0000key"'
# Writes keep such names, new ones included.
cp "$S" w
expect_exit 0 hp set w 'zero%00key' 'new%00v' sz hi
expect_exit 0 hp set w 'a%00b' 'c%00' dword 1
# Stored two bytes a unit (Ω is above U+00FF), and a NUL at the end.
expect_exit 0 hp set w 'Ω%00k' 'v%00Ω' dword 1
expect_exit 0 hp ls -R w
assert_contains out.txt '\Ω%00k'
assert_contains out.txt '    v%00Ω    REG_DWORD'
assert_contains out.txt '\a%00b'
assert_contains out.txt '    c%00    REG_DWORD'
$py - <<'PY' || fail "written names"
import hivex
h = hivex.Hivex("w")
names = {h.node_name(n): sorted(h.value_key(v) for v in h.node_values(n))
         for n in h.node_children(h.root())}
assert names["zero\0key"] == ["new\0v", "zero\0val"], names
assert names["a\0b"] == ["c\0"], names
assert names["Ω\0k"] == ["v\0Ω"], names
PY
expect_exit 1 hp diff "$S" w
assert_contains out.txt 'added    value zero%00key  "new%00v"  REG_SZ hi'
# .reg and Registry.pol cannot hold them: an error naming the key.
expect_exit 2 hp export --mount 'HKLM\SOFTWARE' "$S" -o s.reg
assert_contains err.txt 'key HKEY_LOCAL_MACHINE\SOFTWARE\zero%00key: key name "zero%00key" holds U+0000, which .reg files cannot carry'
[ ! -e s.reg ] || fail "a .reg was written"
cp "$S" v
expect_exit 0 hp rm v 'zero%00key'
expect_exit 0 hp set v 'zero' 'zero%00val' dword 0
expect_exit 2 hp export --mount 'HKLM\SOFTWARE' v -o v.reg
assert_contains err.txt 'key HKEY_LOCAL_MACHINE\SOFTWARE\zero: value "zero%00val" holds U+0000'
expect_exit 2 hp export --format pol --mount 'HKLM\SOFTWARE' "$S" -o s.pol
assert_contains err.txt 'key "SOFTWARE\zero%00key": its name holds U+0000, which a Registry.pol cannot carry'
expect_exit 2 hp export --format pol --mount 'HKLM\SOFTWARE' v -o v.pol
assert_contains err.txt 'key "SOFTWARE\zero": value "zero%00val" holds U+0000'
[ ! -e s.pol ] && [ ! -e v.pol ] || fail "a .pol was written"
# Error messages show the escape too, never the raw bytes.
expect_exit 2 hp rm w 'zero%00key' 'nope%00x'
assert_contains err.txt 'zero%00key\nope%00x'
