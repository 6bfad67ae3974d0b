# Values of 1 MiB (libhivex alone refused more than 999,992 bytes) and up
# to 8,000,000 bytes are written from a .reg and from a Registry.pol, as
# big-data records in a version 1.5 hive, and read back byte for byte.
# The suite runs with HIVEPOL_VERIFY=full, so the whole written hive is
# compared too.
. "$TESTLIB"
need_cmd iconv
head -c 1048576 /dev/urandom > data.bin
hex=$(od -An -v -tx1 data.bin | tr -d ' \n')
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' h

# From a .reg file (one hex: line, well under the 16 MiB line limit).
{ printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Big]\n"reg"=hex:'
  od -An -v -tx1 data.bin | tr -s ' \n' ',,' | sed 's/^,//; s/,$//'
  printf '\n'; } > big.reg
expect_exit 0 hp import h big.reg
assert_contains out.txt '1 values set'
[ "$(hp get h 'HKLM\SOFTWARE\Big' reg)" = "$hex" ] ||
	fail "the .reg value reads back differently"

# From a Registry.pol: [key;name;type;size;data] in UTF-16LE.
u16() { printf '%s' "$1" | iconv -f UTF-8 -t UTF-16LE; printf '\0\0'; }
le32() { printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($1 & 255)) \
    $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)))"; }
# mkpol NAME SIZE: one REG_BINARY value of SIZE bytes from data.bin.
mkpol() {
	printf 'PReg\1\0\0\0'
	printf '[\0'; u16 'Software\Big'; printf ';\0'; u16 "$1"; printf ';\0'
	le32 3; printf ';\0'; le32 "$2"; printf ';\0'
	cat data.bin; printf ']\0'
}
mkpol pol 1048576 > big.pol
expect_exit 0 hp import --class machine h big.pol
assert_contains out.txt '1 values set'
[ "$(hp get h 'HKLM\SOFTWARE\Big' pol)" = "$hex" ] ||
	fail "the Registry.pol value reads back differently"
[ "$(hp get h 'HKLM\SOFTWARE\Big' reg)" = "$hex" ] ||
	fail "the first value changed"

# The limit is what libhivex, the verifier, reads back: 8,000,000 bytes
# are written, one more is refused with the limit named.
head -c 8000000 /dev/urandom > data.bin
mkpol max 8000000 > max.pol
expect_exit 0 hp import --class machine h max.pol
head -c 8000001 /dev/urandom > data.bin
mkpol over 8000001 > over.pol
cp h before
expect_exit 2 hp import --class machine h over.pol
assert_contains err.txt 'value data size 8000001 exceeds the limit of 8000000'
cmp -s h before || fail "a refused value changed the hive"

# libhivex's own tools read it as well.
if command -v hivexget > /dev/null; then
	n=$(hivexget h 'Big' pol | wc -c)
	[ "$n" -eq 1048576 ] || fail "hivexget reads $n bytes"
	n=$(hivexget h 'Big' max | wc -c)
	[ "$n" -eq 8000000 ] || fail "hivexget reads $n bytes"
fi
exit 0
