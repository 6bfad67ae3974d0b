# hivepol export: regedit's layout (checked against text written out by
# hand from formats.md §A.10 and the layout of regedit's own exports, e.g.
# corpus WinXP_PlainPassword.reg), subtrees, REGEDIT4, and failures that
# must not leave a partial output file.
. "$TESTLIB"
m='HKLM\SOFTWARE'
hp new --mount "$m" h > /dev/null || fail "new"
blob=$(i=0; while [ $i -lt 40 ]; do printf '%02x,' $i; i=$((i + 1)); done)
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Sub\\Deep]\n"z"=dword:00000001\n"Blob"=hex:%s\n@="top \\"q\\" \\\\ caf\303\251"\n"nl"=hex(1):61,00,0a,00,00,00\n"Exp"=hex(2):25,00,41,00,25,00,00,00\n"D3"=hex(4):01,02,03\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Sub]\n"a"=hex:\n' "${blob%,}" > in.reg
expect_exit 0 hp import h in.reg

# 5.00: BOM, CRLF, default value first, names sorted, hex wrapped after
# the comma that reaches column 77 with a two-space indent.
{
printf 'Windows Registry Editor Version 5.00\r\n\r\n'
printf '[HKEY_LOCAL_MACHINE\\SOFTWARE]\r\n\r\n'
printf '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Sub]\r\n"a"=hex:\r\n\r\n'
printf '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Sub\\Deep]\r\n'
printf '@="top \\"q\\" \\\\ caf\303\251"\r\n'
printf '"Blob"=hex:00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14,15,\\\r\n'
printf '  16,17,18,19,1a,1b,1c,1d,1e,1f,20,21,22,23,24,25,26,27\r\n'
printf '"D3"=hex(4):01,02,03\r\n'
printf '"Exp"=hex(2):25,00,41,00,25,00,00,00\r\n'
printf '"nl"=hex(1):61,00,0a,00,00,00\r\n'
printf '"z"=dword:00000001\r\n\r\n'
} > want.txt
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE want.txt; } > want.reg
expect_exit 0 hp export h -o got.reg
cmp -s got.reg want.reg || { iconv -f UTF-16 -t UTF-8 got.reg | diff want.txt - >&2; fail "5.00 layout"; }
# stdout is the default output.
hp export h > stdout.reg && cmp -s stdout.reg want.reg || fail "export to stdout"

# A subtree, named in another case: the key's stored spelling is used.
expect_exit 0 hp export h 'hklm\software\SUB\deep' -o sub.reg
iconv -f UTF-16 -t UTF-8 sub.reg > sub.txt
assert_contains sub.txt '[HKEY_LOCAL_MACHINE\SOFTWARE\Sub\Deep]'
assert_not_contains sub.txt '"a"=hex:'
expect_exit 2 hp export h 'HKLM\SOFTWARE\Nope' -o x.reg
assert_contains err.txt 'no such key'
[ ! -e x.reg ] || fail "a failed export left x.reg"
expect_exit 2 hp export h 'HKLM\SYSTEM' -o x.reg
assert_contains err.txt 'outside'

# REGEDIT4: code page bytes, hex(2) as code page text.
printf 'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Sub\\Deep]\r\n"Exp"=hex(2):25,41,25,00\r\n\r\n' > want4.reg
printf 'Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Four]\n"caf\303\251"="\303\251t\303\251"\n' > four.reg
hp new --mount "$m" h4 > /dev/null
expect_exit 0 hp import h4 four.reg
expect_exit 0 hp export --format reg4 h4 'HKLM\SOFTWARE\Four' -o got4.reg
printf 'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Four]\r\n"caf\351"="\351t\351"\r\n\r\n' > want4.reg
cmp -s got4.reg want4.reg || { od -c got4.reg | head >&2; fail "REGEDIT4 layout"; }
# What REGEDIT4 cannot carry is an error, not a loss, and no file.
printf 'Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Snow]\n"s"="\342\230\203"\n' > snow.reg
expect_exit 0 hp import h snow.reg
expect_exit 2 hp export --format reg4 h -o lossy.reg
assert_contains err.txt 'cannot be written exactly in REGEDIT4'
[ ! -e lossy.reg ] || fail "a failed export left lossy.reg"
ls -a | grep -q '^\.lossy' && fail "a temporary file was left behind"
# An existing output file is replaced only by a complete export.
echo old > keep.reg
expect_exit 2 hp export --format reg4 h -o keep.reg
[ "$(cat keep.reg)" = old ] || fail "a failed export damaged keep.reg"
expect_exit 2 hp export --format reg9 h

# Hex after a long name: the first line wraps after the comma that
# reaches column 77 even when the name alone passes it (87 and 77 columns
# before the data here, so one byte; 73, so two).  Strings keep their
# escapes and characters beyond U+FFFF; key lines are full paths at any
# depth, also after a deeper sibling's subtree.
L=$(printf '%080d' 0 | tr 0 L) M=$(printf '%070d' 0 | tr 0 M)
N=$(printf '%066d' 0 | tr 0 N)
printf 'Windows Registry Editor Version 5.00\n[%s\\T\\A\\B\\C]\n"%s"=hex:01,02,03\n"%s"=hex:01,02\n"%s"=hex:01,02,03,04\n[%s\\T\\A\\B2]\n"x"=hex(ffff0000):ab\n"s"="a\\"b\\\\c\360\237\230\200"\n[%s\\T\\Z]\n' \
    'HKEY_LOCAL_MACHINE\SOFTWARE' "$L" "$M" "$N" \
    'HKEY_LOCAL_MACHINE\SOFTWARE' 'HKEY_LOCAL_MACHINE\SOFTWARE' > long.reg
expect_exit 0 hp import h long.reg
k='HKEY_LOCAL_MACHINE\SOFTWARE\T'
{
printf 'Windows Registry Editor Version 5.00\r\n\r\n'
printf '[%s]\r\n\r\n[%s\\A]\r\n\r\n[%s\\A\\B]\r\n\r\n[%s\\A\\B\\C]\r\n' "$k" "$k" "$k" "$k"
printf '"%s"=hex:01,\\\r\n  02,03\r\n' "$L"
printf '"%s"=hex:01,\\\r\n  02\r\n' "$M"
printf '"%s"=hex:01,02,\\\r\n  03,04\r\n\r\n' "$N"
printf '[%s\\A\\B2]\r\n"s"="a\\"b\\\\c\360\237\230\200"\r\n"x"=hex(ffff0000):ab\r\n\r\n' "$k"
printf '[%s\\Z]\r\n\r\n' "$k"
} > wantl.txt
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE wantl.txt; } > wantl.reg
expect_exit 0 hp export h 'HKLM\SOFTWARE\T' -o gotl.reg
cmp -s gotl.reg wantl.reg || { iconv -f UTF-16 -t UTF-8 gotl.reg | diff wantl.txt - >&2; fail "long names, deep keys"; }

# A subkey list that names one key twice (P's list patched to point at A
# twice) is a corrupt hive: the walk would write A twice.  An error, and
# no output file.
hp new --mount "$m" dup.hive > /dev/null
printf 'Windows Registry Editor Version 5.00\n[%s\\P\\A]\n"v"=dword:1\n[%s\\P\\B]\n' \
    'HKEY_LOCAL_MACHINE\SOFTWARE' 'HKEY_LOCAL_MACHINE\SOFTWARE' > dup.reg
expect_exit 0 hp import dup.hive dup.reg
python3 - dup.hive <<'EOF' || fail "patching the subkey list"
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
def nk(name):
    i = b.find(b'nk')
    while i >= 0:
        n = struct.unpack_from('<H', b, i + 0x48)[0]
        if b[i + 0x4c:i + 0x4c + n] == name:
            return i - 4 - 0x1000
        i = b.find(b'nk', i + 2)
    sys.exit(1)
a, k = nk(b'A'), nk(b'B')
for sig in (b'lf', b'lh'):
    i = b.find(sig)
    while i >= 0:
        offs = [struct.unpack_from('<I', b, i + 4 + 8 * j)[0]
                for j in range(struct.unpack_from('<H', b, i + 2)[0])]
        if a in offs and k in offs:
            j, ja = offs.index(k), offs.index(a)
            b[i + 4 + 8 * j:i + 12 + 8 * j] = b[i + 4 + 8 * ja:i + 12 + 8 * ja]
            open(sys.argv[1], 'wb').write(b)
            sys.exit(0)
        i = b.find(sig, i + 2)
sys.exit(1)
EOF
expect_exit 2 hp export dup.hive -o dup-out.reg
assert_contains err.txt 'names a key twice'
[ ! -e dup-out.reg ] || fail "a failed export left dup-out.reg"

# No mount, no full paths: refused unless --mount is given.
hp new plain > /dev/null
expect_exit 2 hp export plain
assert_contains err.txt 'give --mount'
expect_exit 0 hp export --mount 'HKCU' plain -o p.reg
iconv -f UTF-16 -t UTF-8 p.reg > p.txt
assert_contains p.txt '[HKEY_CURRENT_USER]'
exit 0
