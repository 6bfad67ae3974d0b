# apply is all or nothing across hives: a failure while replacing the
# second hive puts the first back; a failure before any rename changes
# nothing; an unwritable hive stops the run before anything is written.
. "$TESTLIB"
[ -n "${HIVEPOL_FAULT_BIN:-}" ] && [ -x "$HIVEPOL_FAULT_BIN" ] ||
	skip "no fault-injection binary"
pol="$TESTDATA/../../policies/lcs-client.conf"
mkdir m
hp new --mount 'HKLM\SOFTWARE' m/SOFTWARE >/dev/null || fail new
hp new --mount HKCU m/NTUSER.DAT >/dev/null || fail new
sums() { md5sum m/SOFTWARE m/NTUSER.DAT; }
before=$(sums)

for fault in rename:2 rename:1 fsync:1 fsync:2 write:1; do
	HIVEPOL_FAULT=$fault "$HIVEPOL_FAULT_BIN" apply -p "$pol" \
	    m/SOFTWARE m/NTUSER.DAT > out.txt 2> err.txt
	rc=$?
	[ "$rc" -ne 0 ] || fail "$fault: exit 0"
	[ "$(sums)" = "$before" ] || fail "$fault: a hive changed"
	# No temporary or undo files left behind.
	[ "$(ls -A m | wc -l)" -eq 2 ] || { ls -A m; fail "$fault: litter"; }
done
assert_contains err.txt "Input/output error"
HIVEPOL_FAULT=rename:2 "$HIVEPOL_FAULT_BIN" apply -p "$pol" m/SOFTWARE \
    m/NTUSER.DAT > out.txt 2> err.txt
assert_contains err.txt "nothing was changed"

# An unwritable second hive: refused before anything is written.
if [ "$(id -u)" != 0 ]; then
	chmod a-w m/NTUSER.DAT
	hp apply -p "$pol" m/SOFTWARE m/NTUSER.DAT >/dev/null 2>&1 &&
	    fail "applied to a read-only hive"
	[ "$(sums)" = "$before" ] || fail "read-only: a hive changed"
	chmod u+w m/NTUSER.DAT
fi

# Without faults both are written.
expect_exit 0 "$HIVEPOL_FAULT_BIN" apply -p "$pol" m/SOFTWARE m/NTUSER.DAT
expect_exit 0 hp check -p "$pol" m/SOFTWARE m/NTUSER.DAT
[ "$(ls -A m | wc -l)" -eq 2 ] || fail "litter after success"
exit 0
