# Dirty hives (formats.md §E.7): read with a warning, refused for writing
# unless --force; a pending transaction log beside a clean hive counts too,
# a stale one does not.
. "$TESTLIB"
cp "$TESTDATA/regipy-SECURITY" SECURITY	# sequence numbers 107/106
expect_exit 0 hp ls SECURITY
assert_contains err.txt 'warning:'
assert_contains err.txt 'dirty: sequence numbers differ (107/106)'
expect_exit 2 hp set SECURITY 'Policy' X dword 1
assert_contains err.txt 'refusing to write'
assert_contains err.txt '--force'
cmp -s SECURITY "$TESTDATA/regipy-SECURITY" || fail "refused write changed the hive"
expect_exit 0 hp set --force SECURITY 'Policy' X dword 1
[ "$(hp get SECURITY Policy X 2>/dev/null)" = 1 ] || fail "forced write lost"
# After a forced write the hive is clean again (libhivex equalises them).
expect_exit 0 hp ls SECURITY
assert_not_contains err.txt 'dirty'

# A clean hive with a new-format log holding a newer entry beside it.
hp new --mount 'HKLM\SOFTWARE' SOFTWARE > /dev/null || fail new
py=$(debian_python) || skip "python3 absent"
mklog() {	# mklog FILE SEQ: base block of type 6, one HvLE entry
	$py - "$1" "$2" <<'PY'
import struct, sys
name, seq = sys.argv[1], int(sys.argv[2])
b = bytearray(512)
b[0:4] = b"regf"
struct.pack_into("<I", b, 28, 6)
e = bytearray(512)
e[0:4] = b"HvLE"
struct.pack_into("<III", e, 4, 512, 0, seq)
open(name, "wb").write(bytes(b) + bytes(e))
PY
}
seq=$($py -c 'import struct;print(struct.unpack_from("<I",open("SOFTWARE","rb").read(),8)[0])')
mklog software.LOG1 "$seq"		# any case: Windows names vary
expect_exit 2 hp set SOFTWARE 'HKLM\SOFTWARE\A' v dword 1
assert_contains err.txt 'software.LOG1 holds changes not in the file'
mklog software.LOG1 $((seq - 1))	# older than the hive: stale, ignored
expect_exit 0 hp set SOFTWARE 'HKLM\SOFTWARE\A' v dword 1
: > software.LOG1			# an empty log is what a clean stop leaves
expect_exit 0 hp set SOFTWARE 'HKLM\SOFTWARE\A' v dword 2
exit 0
