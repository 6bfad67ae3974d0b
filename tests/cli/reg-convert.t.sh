# hivepol convert: dialects both ways, deletions kept, the output format
# from --format or the file name; every .reg file in ../shared/corpus/reg
# parses (warnings only where the file itself is malformed), and one that
# Windows regedit wrote comes out byte for byte the same.
. "$TESTLIB"
printf 'REGEDIT4\n\n[-HKEY_CURRENT_USER\\Software\\Old]\n[HKEY_CURRENT_USER\\Software\\New]\n"caf\351"="\351t\351"\n"gone"=-\n@=-\n"x"=hex(2):25,41,25,00\n"d"=dword:1\n' > in4.reg
expect_exit 0 hp convert in4.reg -o out5.reg
{
printf 'Windows Registry Editor Version 5.00\r\n\r\n'
printf '[-HKEY_CURRENT_USER\\Software\\Old]\r\n\r\n'
printf '[HKEY_CURRENT_USER\\Software\\New]\r\n'
printf '"caf\303\251"="\303\251t\303\251"\r\n"gone"=-\r\n@=-\r\n'
printf '"x"=hex(2):25,00,41,00,25,00,00,00\r\n"d"=dword:00000001\r\n\r\n'
} > want5.txt
iconv -f UTF-16 -t UTF-8 out5.reg | cmp -s - want5.txt || {
	iconv -f UTF-16 -t UTF-8 out5.reg | diff want5.txt - >&2; fail "to 5.00"; }
expect_exit 0 hp convert --format reg4 out5.reg -o back4.reg
printf 'REGEDIT4\r\n\r\n[-HKEY_CURRENT_USER\\Software\\Old]\r\n\r\n[HKEY_CURRENT_USER\\Software\\New]\r\n"caf\351"="\351t\351"\r\n"gone"=-\r\n@=-\r\n"x"=hex(2):25,41,25,00\r\n"d"=dword:00000001\r\n\r\n' > want4.reg
cmp -s back4.reg want4.reg || { od -c back4.reg | head -20 >&2; fail "back to REGEDIT4"; }
# Another code page both ways.
printf 'REGEDIT4\n[HKEY_CURRENT_USER\\K]\n"a"="\304"\n' > cyr.reg
expect_exit 0 hp convert --codepage 1251 cyr.reg -o cyr5.reg
iconv -f UTF-16 -t UTF-8 cyr5.reg > cyr5.txt
assert_contains cyr5.txt '"a"="Д"'
expect_exit 0 hp convert --codepage 1251 --format reg4 cyr5.reg -o cyr4.reg
grep -q "$(printf '"a"="\304"')" cyr4.reg || fail "CP1251 output"

expect_exit 2 hp convert in4.reg -o out.txt
assert_contains err.txt 'give --format'
expect_exit 2 hp convert --format xml in4.reg -o x.reg
expect_exit 2 hp convert in4.reg
expect_exit 2 hp convert --strict "$TESTDATA/../no-such.reg" -o x.reg
printf 'REGEDIT4\n[HKEY_CURRENT_USER\\K]\n"a"=dword:123456789\n' > bad.reg
expect_exit 2 hp convert --strict bad.reg -o x.reg
[ ! -e x.reg ] || fail "failed convert left x.reg"
expect_exit 0 hp convert bad.reg -o x.reg
assert_contains err.txt 'bad.reg:3:'

need_shared
n=0
for f in $(find "$SHARED/corpus/reg" -name '*.reg' | sort); do
	n=$((n + 1))
	expect_exit 0 hp convert "$f" -o c.reg
	# The result reads back to the same operations.
	expect_exit 0 hp convert c.reg -o c2.reg
	cmp -s c.reg c2.reg || fail "$f: converting twice is not stable"
done
[ "$n" -ge 18 ] || fail "only $n corpus .reg files"
# Written by Windows regedit (MANIFEST: UTF-16LE+BOM, hex(2), hex(7),
# line continuation): hivepol's writer reproduces it exactly.
expect_exit 0 hp convert "$SHARED/corpus/reg/samba/WinXP_PlainPassword.reg" -o xp.reg
cmp -s xp.reg "$SHARED/corpus/reg/samba/WinXP_PlainPassword.reg" ||
    fail "regedit's layout is not reproduced"
# Malformed lines in the corpus are reported with file and line.
expect_exit 0 hp convert "$SHARED/corpus/reg/debloat/lower-ram-usage.reg" -o c.reg
assert_contains err.txt 'lower-ram-usage.reg:9: dword:'
expect_exit 2 hp convert --strict "$SHARED/corpus/reg/debloat/lower-ram-usage.reg" -o c.reg
exit 0
