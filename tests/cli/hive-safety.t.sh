# Writes never damage the original: a failed write (read-only directory,
# an injected failure at each write, fsync, rename and close) leaves the
# hive byte-identical and no temporary file behind; --backup keeps the
# original; --dry-run writes nothing.
. "$TESTLIB"
k='HKLM\SOFTWARE\Policies\Microsoft\Windows\RTC\PortRange'
mkdir d
hp new --mount 'HKLM\SOFTWARE' d/SOFTWARE >/dev/null || fail new
hp set d/SOFTWARE "$k" MinSipDynamicPort dword 7100 >/dev/null || fail set
cp d/SOFTWARE orig

# --dry-run: says what it would do, changes nothing.
expect_exit 0 hp set --dry-run d/SOFTWARE "$k" MinSipDynamicPort dword 7200
assert_contains out.txt 'would set'
cmp -s d/SOFTWARE orig || fail "dry-run changed the hive"

# Same value again: unchanged, not rewritten.
expect_exit 0 hp set d/SOFTWARE "$k" MinSipDynamicPort dword 7100
assert_contains out.txt 'unchanged'
cmp -s d/SOFTWARE orig || fail "setting an equal value rewrote the hive"

# Read-only directory: the temporary file cannot be made.
if [ "$(id -u)" != 0 ]; then
	chmod 555 d
	expect_exit 3 hp set d/SOFTWARE "$k" MaxSipDynamicPort dword 7103
	chmod 755 d
	cmp -s d/SOFTWARE orig || fail "failed write changed the hive"
fi

# Injected failures, each syscall of each kind in turn.
[ -x "${HIVEPOL_FAULT_BIN:-}" ] || skip "no fault-injection binary"
for kind in write fsync rename close; do
	n=1
	while [ $n -le 6 ]; do
		HIVEPOL_FAULT=$kind:$n "$HIVEPOL_FAULT_BIN" set d/SOFTWARE "$k" \
		    MaxSipDynamicPort dword 7103 > out.txt 2> err.txt
		rc=$?
		if [ $rc -eq 0 ]; then
			# The fault hit nothing (fewer calls than n): the
			# change is complete; undo it and go to the next kind.
			cp orig d/SOFTWARE
			break
		fi
		[ $rc -eq 3 ] || fail "$kind:$n: exit $rc: $(cat err.txt)"
		[ "$(wc -l < err.txt)" -eq 1 ] || fail "$kind:$n: $(cat err.txt)"
		cmp -s d/SOFTWARE orig || fail "$kind:$n: hive changed"
		[ -z "$(ls -A d | grep -v '^SOFTWARE$')" ] ||
		    fail "$kind:$n: left behind: $(ls -A d)"
		n=$((n + 1))
	done
	[ $n -gt 1 ] || fail "$kind: no call was ever failed"
done

# --backup keeps the original beside the new hive.
expect_exit 0 hp set --backup d/SOFTWARE "$k" MaxSipDynamicPort dword 7103
cmp -s d/SOFTWARE.bak orig || fail "backup differs from the original"
cmp -s d/SOFTWARE orig && fail "hive not changed"
[ "$(hp get d/SOFTWARE "$k" MaxSipDynamicPort)" = 7103 ] || fail "get"
exit 0
