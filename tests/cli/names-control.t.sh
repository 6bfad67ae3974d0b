# Names with CR, LF, TAB or other control characters are shown escaped
# (%0D, %0A, %09 ...) in every text output, one line per item, and
# exactly in JSON; a '%' that would read as such an escape is shown as
# %25, while Windows' own names such as "C:%5CProgram Files" stay as they
# are.  The escaped forms are accepted as key and value operands.
. "$TESTLIB"
py=$(debian_python) && $py -c 'import hivex' 2>/dev/null ||
    skip "python3-hivex absent"
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' h
lf=$(printf 'L\nF')
cr=$(printf 'C\rR')
tab=$(printf 'T\tB')
expect_exit 0 hp set h "K\\$lf" "$cr" dword 1
expect_exit 0 hp set h "K\\$tab" 'p%250Aq' sz literal
expect_exit 0 hp set h 'K\C:%5CProgram Files' v dword 2
# The names are stored as given (libhivex through python3-hivex).
$py - <<'PY' || fail "stored names"
import hivex
h = hivex.Hivex("h")
k = h.node_get_child(h.root(), "K")
names = {h.node_name(n): [h.value_key(v) for v in h.node_values(n)]
         for n in h.node_children(k)}
assert names == {"L\nF": ["C\rR"], "T\tB": ["p%0Aq"],
                 "C:%5CProgram Files": ["v"]}, names
PY
expect_exit 0 hp ls -R h
assert_contains out.txt 'HKEY_LOCAL_MACHINE\SOFTWARE\K\L%0AF'
assert_contains out.txt '    C%0DR    REG_DWORD    0x00000001 (1)'
assert_contains out.txt 'HKEY_LOCAL_MACHINE\SOFTWARE\K\T%09B'
assert_contains out.txt '    p%250Aq    REG_SZ    literal'
assert_contains out.txt 'HKEY_LOCAL_MACHINE\SOFTWARE\K\C:%5CProgram Files'
# Every line of the listing is one item: no raw control character.
! grep -q "$(printf '\r')" out.txt || fail "a raw CR in ls -R"
[ "$(wc -l < out.txt)" -eq 13 ] || fail "ls -R lines: $(cat out.txt)"
expect_exit 0 hp ls h K
assert_contains out.txt 'HKEY_LOCAL_MACHINE\SOFTWARE\K\L%0AF'
assert_contains out.txt 'HKEY_LOCAL_MACHINE\SOFTWARE\K\T%09B'
# get lists values one a line; the escaped operands name the keys.
expect_exit 0 hp get h 'K\L%0AF'
[ "$(cat out.txt)" = "$(printf 'C%%0DR\tREG_DWORD\t0x00000001 (1)')" ] ||
    fail "get: $(cat out.txt)"
expect_exit 0 hp get h 'K\L%0AF' 'C%0DR'
[ "$(cat out.txt)" = 1 ] || fail "get value: $(cat out.txt)"
expect_exit 0 hp get h 'K\T%09B' 'p%250Aq'
[ "$(cat out.txt)" = literal ] || fail "get %25: $(cat out.txt)"
# JSON has the names exactly.
expect_exit 0 hp ls --json h 'K\L%0AF'
$py - <<'PY' || fail "JSON"
import json
o = json.load(open("out.txt"))
assert o["key"] == "HKEY_LOCAL_MACHINE\\SOFTWARE\\K\\L\nF", o["key"]
assert o["values"][0]["name"] == "C\rR", o
PY
# diff and the changes a write prints.
cp h h2
expect_exit 0 hp rm h2 'K\L%0AF' 'C%0DR'
assert_contains out.txt 'delete-value K\L%0AF "C%0DR"'
expect_exit 1 hp diff h h2
assert_contains out.txt 'removed  value HKLM\SOFTWARE\K\L%0AF  "C%0DR"  REG_DWORD 0x00000001 (1)'
[ "$(wc -l < out.txt)" -eq 1 ] || fail "diff: $(cat out.txt)"
# Completion offers the escaped form, which operands take back.
expect_exit 0 hp keys h 'K\L'
[ "$(cat out.txt)" = 'K\L%0AF' ] || fail "keys: $(cat out.txt)"
