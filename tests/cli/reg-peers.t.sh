# Interop with the peers: on a file hivexregedit --merge handles, it and
# hivepol import give the same hive contents; a hivepol 5.00 export,
# converted to UTF-8 with iconv, merges with hivexregedit (and imports
# with reged -I) into the same contents; the cases where hivexregedit
# fails (peers.md appendix 1-3, 6) work in hivepol.
. "$TESTLIB"
need_cmd hivexregedit
m='HKLM\SOFTWARE' pfx='HKEY_LOCAL_MACHINE\SOFTWARE'
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\P]\n"s"="text"\n"d"=dword:0000002a\n"b"=hex:01,02,03\n"e"=hex(2):25,00,41,00,25,00,00,00\n"m"=hex(7):61,00,00,00,62,00,00,00,00,00\n"q"=hex(b):01,02,03,04,05,06,07,08\n"n"=hex(0):\n@="def"\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\P\\Q]\n"x"=dword:00000001\n"gone"=-\n\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\P\\Absent]\n\n' > p.reg
hp new --mount "$m" a > /dev/null || fail new
cp a b
cp a c
cp a d
expect_exit 0 hp import a p.reg
hivexregedit --merge --prefix "$pfx" b p.reg > out.txt 2>&1 ||
    fail "hivexregedit --merge: $(cat out.txt)"
hp ls -R --json a > a.json
hp ls -R --json b > b.json
cmp -s a.json b.json || { diff a.json b.json >&2; fail "hivepol and hivexregedit differ"; }

# hivepol's export goes back through hivexregedit (after iconv) and reged.
expect_exit 0 hp export a -o e.reg
iconv -f UTF-16 -t UTF-8 e.reg > e8.reg
hivexregedit --merge --prefix "$pfx" c e8.reg > out.txt 2>&1 ||
    fail "hivexregedit rejects hivepol's export: $(cat out.txt)"
hp ls -R --json c > c.json
cmp -s a.json c.json || { diff a.json c.json >&2; fail "export via hivexregedit differs"; }
if command -v reged > /dev/null; then
	# reged exits 2 even after a good import (peers.md): judge by content.
	reged -I -C d "$pfx" e.reg > out.txt 2>&1
	hp ls -R --json d > d.json
	cmp -s a.json d.json || { diff a.json d.json >&2; fail "export via reged differs"; }
fi

# What hivexregedit gets wrong, hivepol gets right.
hp new --mount "$m" f > /dev/null
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X\\Y\\Z]\r\n"Str"="W\303\266rld"\r\n"d"=dword:1\r\n' > peer.txt
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE peer.txt; } > peer16.reg
cp f g
hivexregedit --merge --prefix "$pfx" g peer16.reg > /dev/null 2>&1 &&
    echo "note: hivexregedit now accepts UTF-16 input"
expect_exit 0 hp import f peer16.reg
assert_contains out.txt '3 keys created'
hp ls --json f 'HKLM\SOFTWARE\X\Y\Z' > z.json
assert_contains z.json '"hex": "5700f60072006c0064000000"'
assert_contains z.json '"hex": "01000000"'
exit 0
