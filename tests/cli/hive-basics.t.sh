# new, set, get, ls, rm end to end: mounts, relative and full paths, the
# default value, CurrentControlSet, timestamps, errors and exit codes.
. "$TESTLIB"
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' SOFTWARE
expect_exit 2 hp new SOFTWARE
assert_contains err.txt 'already exists'
# The mount is read back from the embedded name, even under another name.
cp SOFTWARE renamed.hive
expect_exit 0 hp set renamed.hive 'HKLM\SOFTWARE\Policies\P' V sz x
expect_exit 2 hp set renamed.hive 'HKCU\Software\X' V sz x
assert_contains err.txt 'outside this hive'"'"'s mount HKLM\SOFTWARE'
# Relative and full paths name the same key; names compare without case.
expect_exit 0 hp get renamed.hive 'Policies\p' v
[ "$(cat out.txt)" = x ] || fail "case-insensitive get: $(cat out.txt)"
expect_exit 0 hp get renamed.hive 'hklm\software\POLICIES\P' V
# Case is preserved as first written.
expect_exit 0 hp ls renamed.hive 'Policies'
assert_contains out.txt 'HKEY_LOCAL_MACHINE\SOFTWARE\Policies\P'
# Default value.
expect_exit 0 hp set renamed.hive 'Policies\P' @ sz dflt
expect_exit 0 hp get renamed.hive 'Policies\P' ''
[ "$(cat out.txt)" = dflt ] || fail "default value"
expect_exit 0 hp ls renamed.hive 'Policies\P'
assert_contains out.txt '(Default)    REG_SZ    dflt'
# Absent things: exit 1 for get, 2 for rm.
expect_exit 1 hp get renamed.hive 'Policies\P' nothere
expect_exit 1 hp get renamed.hive 'Policies\Nope'
expect_exit 2 hp rm renamed.hive 'Policies\P' nothere
expect_exit 2 hp rm renamed.hive 'Policies\Nope'
# rm a value, then the key with its subtree.
expect_exit 0 hp set renamed.hive 'Policies\P\Deep\Er' D dword 5
expect_exit 0 hp rm renamed.hive 'Policies\P' V
expect_exit 1 hp get renamed.hive 'Policies\P' V
expect_exit 0 hp rm renamed.hive 'Policies\P'
expect_exit 1 hp get renamed.hive 'Policies\P\Deep\Er' D
expect_exit 2 hp rm renamed.hive 'HKLM\SOFTWARE'
assert_contains err.txt 'root key'
# Bad type and data are usage errors.
expect_exit 2 hp set renamed.hive X v dword 4294967296
expect_exit 2 hp set renamed.hive X v dword -1
expect_exit 2 hp set renamed.hive X v bogus 1
expect_exit 2 hp set renamed.hive X v binary 0g
# A bad option: one line naming it, with the usage, for every command.
for c in set get ls rm export import convert diff check apply show \
    'policy lint' 'template lint' bundle new; do
	expect_exit 2 hp $c --no-such-option x
	[ "$(wc -l < err.txt)" -eq 1 ] || fail "$c: $(cat err.txt)"
	assert_contains err.txt "unknown option --no-such-option; usage: hivepol ${c%% *}"
done
expect_exit 2 hp ls -Z renamed.hive
assert_contains err.txt 'unknown option -Z'
expect_exit 2 hp export --dry-run renamed.hive
assert_contains err.txt 'option --dry-run is not valid here'
# JSON: type, number, exact bytes.
expect_exit 0 hp set renamed.hive X n dword 7100
expect_exit 0 hp get --json renamed.hive X n
assert_contains out.txt '"type": "REG_DWORD"'
assert_contains out.txt '"data": 7100'
assert_contains out.txt '"hex": "bc1b0000"'

# A changed key gets the current time; untouched siblings keep theirs.
py=$(debian_python) && $py -c 'import hivex' 2>/dev/null || skip "python3-hivex absent"
hp set renamed.hive 'Old' v dword 1 >/dev/null
sleep 1.1
hp set renamed.hive 'New' v dword 1 >/dev/null
$py - <<'PY' || fail "timestamps"
import hivex, time
h = hivex.Hivex("renamed.hive")
r = h.root()
t = lambda n: h.node_timestamp(h.node_get_child(r, n)) / 1e7 - 11644473600
now = time.time()
assert abs(t("New") - now) < 30, ("New", t("New"), now)
assert t("New") - t("Old") >= 1, (t("Old"), t("New"))
hdr = open("renamed.hive", "rb").read(20)
import struct
last = struct.unpack_from("<Q", hdr, 12)[0] / 1e7 - 11644473600
assert abs(last - now) < 30, ("header", last, now)
PY

# SYSTEM: CurrentControlSet resolves through Select\Current.
hp new --mount 'HKLM\SYSTEM' SYSTEM >/dev/null
hp set SYSTEM 'Select' Current dword 2 >/dev/null
hp set SYSTEM 'ControlSet002\Services\X' Start dword 4 >/dev/null
expect_exit 0 hp get SYSTEM 'HKLM\SYSTEM\CurrentControlSet\Services\X' Start
[ "$(cat out.txt)" = 4 ] || fail "CurrentControlSet"

# A hive whose mount is unknown takes relative paths, or --mount.
hp new plain.hive >/dev/null || fail "new without mount"
expect_exit 0 hp set plain.hive 'A\B' v dword 1
expect_exit 2 hp get plain.hive 'HKLM\SOFTWARE\A\B' v
assert_contains err.txt 'mount is unknown'
expect_exit 0 hp get --mount 'HKLM\SOFTWARE' plain.hive 'HKLM\SOFTWARE\A\B' v
exit 0
