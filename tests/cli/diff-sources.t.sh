# diff across source kinds (hives, .reg and Registry.pol files, GPO
# folders, in any pairing), the text and JSON forms of each kind of
# difference, and bad input.
. "$TESTLIB"
k='HKCU\Software\Test'
hp new --mount HKCU a.hive > /dev/null || fail "new"
hp set a.hive "$k" Port dword 7100 > /dev/null
hp set a.hive "$k" Name sz alpha > /dev/null
hp set a.hive "$k" Gone dword 1 > /dev/null
hp set a.hive "$k\\Sub" X dword 1 > /dev/null
hp set a.hive "$k\\Old\\Deeper" Y dword 1 > /dev/null
cp a.hive b.hive
hp set b.hive "$k" Port dword 7101 > /dev/null
hp set b.hive "$k" name sz alpha > /dev/null	# same name, other case
hp rm b.hive "$k" Gone > /dev/null
hp set b.hive "$k" New sz beta > /dev/null
hp rm b.hive "$k\\Old" > /dev/null
hp set b.hive "$k\\Fresh" Z dword 2 > /dev/null

# A hive and its own export are equal, either way round.
hp export a.hive -o a.reg > /dev/null || fail "export a"
hp export b.hive -o b.reg > /dev/null || fail "export b"
expect_exit 0 hp diff a.hive a.reg
expect_exit 0 hp diff b.reg b.hive
[ -s out.txt ] && fail "a hive differs from its export: $(cat out.txt)"
# So are its Registry.pol and GPO forms (a .pol needs its class).
hp convert --format pol --class user a.reg -o a.pol > /dev/null || fail "pol"
hp convert --format gpo --class user b.reg -o b.gpo > /dev/null || fail "gpo"
expect_exit 2 hp diff a.pol a.hive
assert_contains err.txt "--class"
expect_exit 0 hp diff --class user a.pol a.hive
expect_exit 0 hp diff b.gpo b.reg

# The same differences whichever kinds the two sides are.
for pair in "a.hive b.hive" "a.reg b.reg" "a.hive b.reg" "a.reg b.hive" \
    "a.pol b.gpo" "a.hive b.gpo" "a.pol b.reg"; do
	expect_exit 1 hp diff --class user $pair
	sort out.txt > "text-$(echo $pair | tr ' ' _)"
done
cat > want.txt <<'EOF'
added    key   HKCU\Software\Test\Fresh
added    value HKCU\Software\Test  "New"  REG_SZ beta
added    value HKCU\Software\Test\Fresh  "Z"  REG_DWORD 0x00000002 (2)
changed  value HKCU\Software\Test  "Port"  REG_DWORD 0x00001bbc (7100)  ->  REG_DWORD 0x00001bbd (7101)
removed  key   HKCU\Software\Test\Old
removed  value HKCU\Software\Test  "Gone"  REG_DWORD 0x00000001 (1)
EOF
for f in text-*; do
	diff -u want.txt "$f" || fail "$f: unexpected differences"
done

# JSON: the summary counts and one entry per difference.
expect_exit 1 hp diff --format json a.reg b.hive
py=$(debian_python) || skip "python3 absent"
$py - <<'PY' || fail "json"
import json
d = json.load(open("out.txt"))
assert d["equal"] is False
assert d["summary"] == {"keys_added": 1, "keys_removed": 1,
    "values_added": 2, "values_removed": 1, "values_changed": 1}, d["summary"]
kinds = sorted(x["kind"] for x in d["differences"])
assert kinds == ["key-added", "key-removed", "value-added", "value-added",
    "value-changed", "value-removed"], kinds
ch = [x for x in d["differences"] if x["kind"] == "value-changed"][0]
assert ch["key"] == "HKEY_CURRENT_USER\\Software\\Test" and ch["name"] == "Port"
assert ch["old"]["data"] == 7100 and ch["new"]["data"] == 7101
assert ch["new"]["hex"] == "bd1b0000"
PY

# --key limits the comparison to a subtree, on either kind.
expect_exit 0 hp diff --key "$k\\Sub" a.reg b.hive
expect_exit 1 hp diff --key "$k\\Old" a.hive b.reg
[ "$(cat out.txt)" = 'removed  key   HKCU\Software\Test\Old' ] ||
    fail "--key: $(cat out.txt)"

# Bad input: exit 2 with one line naming the problem, no output file.
expect_exit 2 hp diff a.hive
expect_exit 2 hp diff a.hive missing.hive
assert_contains err.txt missing.hive
printf 'not a registry file\n' > junk.txt
expect_exit 2 hp diff a.hive junk.txt
assert_contains err.txt junk.txt
expect_exit 2 hp diff --format xml a.hive b.hive
expect_exit 2 hp diff --class both a.pol b.gpo
expect_exit 2 hp diff -o x.reg a.hive b.hive	# -o needs --format reg
expect_exit 2 hp diff --key 'Software\Test' a.hive b.hive
[ -e x.reg ] && fail "an output file after a usage error"
expect_exit 3 hp diff --format reg -o nodir/x.reg a.hive b.hive
[ -e nodir ] && fail "nodir created"
exit 0
