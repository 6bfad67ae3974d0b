# set ... link TARGET stores the target as Windows does: UTF-16LE without
# a terminating NUL.  The bytes are read back with libhivex (python3-hivex).
. "$TESTLIB"
py=$(debian_python) && $py -c 'import hivex' 2>/dev/null ||
    skip "python3-hivex absent"
expect_exit 0 hp new --mount 'HKLM\SYSTEM' SYSTEM
expect_exit 0 hp set SYSTEM 'ControlSet001\L' SymbolicLinkValue link \
    '\Registry\Machine\System\ControlSet001'
$py - <<'PY' || fail "REG_LINK bytes"
import hivex
h = hivex.Hivex("SYSTEM")
n = h.node_get_child(h.node_get_child(h.root(), "ControlSet001"), "L")
t, data = h.value_value(h.node_get_value(n, "SymbolicLinkValue"))
want = "\\Registry\\Machine\\System\\ControlSet001".encode("utf-16-le")
assert (t, data) == (6, want), (t, data)
PY
# Read back, hivepol shows the same target.
expect_exit 0 hp get SYSTEM 'ControlSet001\L' SymbolicLinkValue
[ "$(cat out.txt)" = '\Registry\Machine\System\ControlSet001' ] ||
    fail "get: $(cat out.txt)"
