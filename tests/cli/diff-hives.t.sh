# diff of two real hives by content, checked against an independent walk
# of both with python3-hivex.
. "$TESTLIB"
need_shared
py=$(debian_python) && $py -c 'import hivex' 2>/dev/null || skip "python3-hivex absent"
a=$SHARED/corpus/hives/regipy/NTUSER.DAT
b=$SHARED/corpus/hives/regipy/NTUSER_modified.DAT
expect_exit 0 hp diff "$a" "$a"
[ -s out.txt ] && fail "a hive differs from itself: $(cat out.txt)"
expect_exit 2 hp diff "$a" "$b"		# b's name says nothing of its mount
assert_contains err.txt "mount is unknown"
expect_exit 1 hp diff --mount-b HKCU --format json "$a" "$b"
cp out.txt diff.json
$py - "$a" "$b" <<'PY' || fail "diff disagrees with python3-hivex"
import hivex, json, sys
def walk(path):
    h = hivex.Hivex(path); out = {}
    def w(n, p):
        out[p.lower()] = (p, {h.value_key(v).lower(): (h.value_key(v),) +
            h.value_value(v) for v in h.node_values(n)})
        for c in h.node_children(n):
            w(c, p + "\\" + h.node_name(c))
    w(h.root(), "HKEY_CURRENT_USER")
    return out
A, B = walk(sys.argv[1]), walk(sys.argv[2])
parent = lambda k: k.rsplit("\\", 1)[0]
want = set()
# A removed subtree is listed key by key and value by value, as an added
# one is.
for k in A:
    if k not in B:
        want.add(("key-removed", A[k][0].lower(), None))
for k in B:
    if k not in A and parent(k) in A:
        want.add(("key-added", B[k][0].lower(), None))
    for v, (name, t, data) in B[k][1].items():
        if k not in A:
            want.add(("value-added", k, name))
        elif v not in A[k][1]:
            want.add(("value-added", k, name))
        elif A[k][1][v][1:] != (t, data):
            want.add(("value-changed", k, name))
for k in A:
    for v, (name, t, data) in A[k][1].items():
        if k not in B or v not in B[k][1]:
            want.add(("value-removed", k, name))
d = json.load(open("diff.json"))
got = {(x["kind"], x["key"].lower(), x.get("name")) for x in d["differences"]}
if got != want:
    sys.exit("only hivepol: %r\nonly python: %r" % (got - want, want - got))
assert not d["equal"]
assert d["summary"]["keys_added"] == 1 and d["summary"]["keys_removed"] == 5
# The corpus MANIFEST calls B "6 new subkeys + 1 new value" (regipy's
# count): counting every key of the removed WinRAR subtree, 1 + 5 keys
# differ, and 1 value is new in a key both have (Run: not_a_malware).
keys_b_only = [k for k in B if k not in A]
keys_a_only = [k for k in A if k not in B]
assert len(keys_b_only) + len(keys_a_only) == 6, (keys_b_only, keys_a_only)
new_in_shared = [x for x in want if x[0] == "value-added" and x[1] in A]
assert len(new_in_shared) == 1 and new_in_shared[0][2] == "not_a_malware"
assert d["summary"]["values_added"] == 2	# + the new key's own value
removed_values = sum(len(A[k][1]) for k in A if k not in B)
assert d["summary"]["values_removed"] == removed_values > 0
assert d["summary"]["values_changed"] == 0
print(len(got), "differences agree")
PY
# --key limits the comparison to a subtree.
expect_exit 0 hp diff --mount-b HKCU --key 'HKCU\Control Panel' "$a" "$b"
expect_exit 1 hp diff --mount-b HKCU --key 'HKCU\Software\WinRAR' "$a" "$b"
assert_contains out.txt 'removed  key   HKCU\Software\WinRAR'
exit 0
