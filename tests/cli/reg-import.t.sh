# hivepol import: the cases other tools get wrong (peers.md: UTF-16 input,
# non-ASCII text, missing parent keys, dword:1, deletions, REGEDIT4),
# leniency and --strict, --dry-run, the summary, keys outside the mount,
# and bad input that must leave the hive untouched.  Values are read back
# with python3-hivex where it is installed, else with hivepol get.
. "$TESTLIB"
m='HKLM\SOFTWARE'
hp new --mount "$m" h > /dev/null || fail "new"
u16() { printf '\377\376'; iconv -f UTF-8 -t UTF-16LE; }

# UTF-16LE with BOM and CRLF, non-ASCII data, parents A\B\C missing,
# dword:1, hex(2), hex(7), hex(b), hex(0), a value name with a quote.
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A\\B\\C]\r\n"Str"="W\303\266rld \342\230\203"\r\n"One"=dword:1\r\n"Exp"=hex(2):25,00,41,00,25,00,00,00\r\n"Multi"=hex(7):61,00,00,00,62,00,00,00,00,00\r\n"Q"=hex(b):88,77,66,55,44,33,22,11\r\n"None"=hex(0):\r\n"a\\"b"="c\\\\d"\r\n@="def"\r\n' | u16 > a.reg
expect_exit 0 hp import h a.reg
assert_contains out.txt '3 keys created, 0 deleted; 8 values set, 0 deleted'
py=$(debian_python) && $py -c 'import hivex' 2>/dev/null && {
	cat > check.py <<'PY'
import hivex, sys
h = hivex.Hivex(sys.argv[1])
n = h.root()
for c in sys.argv[2].split("\\"):
    n = h.node_get_child(n, c)
    if n is None:
        sys.exit("no key " + c)
got = {h.value_key(v): h.value_value(v) for v in h.node_values(n)}
want = eval(sys.argv[3])
if got != want:
    sys.exit("got %r\nwant %r" % (got, want))
PY
	$py check.py h 'A\B\C' '{
	    "Str": (1, "Wörld ☃".encode("utf-16-le") + b"\0\0"),
	    "One": (4, b"\1\0\0\0"),
	    "Exp": (2, "%A%\0".encode("utf-16-le")),
	    "Multi": (7, "a\0b\0\0".encode("utf-16-le")),
	    "Q": (11, bytes([0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11])),
	    "None": (0, b""),
	    "a\"b": (1, "c\\d\0".encode("utf-16-le")),
	    "": (1, "def\0".encode("utf-16-le"))}' || fail "values read back wrong"
}
[ "$(hp get h 'HKLM\SOFTWARE\A\B\C' Str)" = 'Wörld ☃' ] || fail "get Str"

# The same file again changes nothing.
expect_exit 0 hp import h a.reg
assert_contains out.txt '0 keys created, 0 deleted; 0 values set, 0 deleted; 8 unchanged'

# Deletions; REGEDIT4 in Windows-1252; a bad line skipped with file:line.
printf 'REGEDIT4\r\n\r\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\A\\B\\C]\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n"caf\351"="\351t\351"\r\n"Bad"=dword:123456789\r\n"Exp"=hex(2):25,41,25,00\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A\\B]\r\n"gone"=-\r\n' > d.reg
expect_exit 0 hp import h d.reg
assert_contains err.txt 'd.reg:6: dword: needs 1 to 8 hex digits (in [HKEY_LOCAL_MACHINE\SOFTWARE\A]); line skipped'
assert_contains out.txt '0 keys created, 1 deleted; 2 values set, 0 deleted'
[ "$(hp get h 'HKLM\SOFTWARE\A' 'café')" = 'été' ] || fail "REGEDIT4 text"
[ "$(hp get h 'HKLM\SOFTWARE\A' Exp)" = '%A%' ] || fail "REGEDIT4 hex(2)"
expect_exit 2 hp ls h 'HKLM\SOFTWARE\A\B\C'

# --strict: the bad line fails the import, naming it; nothing is written.
cp h before
expect_exit 2 hp import --strict h d.reg
assert_contains err.txt 'd.reg:6:'
cmp -s h before || fail "--strict failure changed the hive"

# --dry-run lists the changes and writes nothing.
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\N]\n"v"=dword:00000002\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\n"Exp"=-\n' > n.reg
expect_exit 0 hp import --dry-run h n.reg
assert_contains out.txt 'create-key HKLM\SOFTWARE\N'
assert_contains out.txt 'set HKLM\SOFTWARE\N "v" REG_DWORD 0x00000002'
assert_contains out.txt 'delete-value HKLM\SOFTWARE\A "Exp"'
assert_contains out.txt 'dry run, nothing written'
cmp -s h before || fail "--dry-run changed the hive"
expect_exit 0 hp import --backup h n.reg
cmp -s h.bak before || fail "--backup did not keep the original"
assert_contains out.txt '1 keys created, 0 deleted; 1 values set, 1 deleted'

# Several files make one all-or-nothing import; keys outside the mount
# are reported by file and line, never dropped in silence.
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\X]\n"y"=dword:1\n' > sys.reg
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Ok]\n' > ok.reg
expect_exit 0 hp import h ok.reg sys.reg
assert_contains err.txt 'sys.reg:3: HKEY_LOCAL_MACHINE\SYSTEM\X lies outside'
assert_contains out.txt '1 keys created'
assert_contains out.txt '2 outside the mount'
cp h before
expect_exit 2 hp import h sys.reg
assert_contains err.txt 'all 2 operations lie outside'
# An operation the hive cannot take (a 70,001st subkey of one key, past
# HP_MAX_SUBKEYS) fails the whole import, with the file and line; the
# earlier file's key is not written either.
{ printf 'Windows Registry Editor Version 5.00\n\n'
  seq -w 0 70000 | sed 's/.*/[HKEY_LOCAL_MACHINE\\SOFTWARE\\Many\\K&]/'
} > big.reg
expect_exit 2 hp import h ok.reg big.reg
assert_contains err.txt 'big.reg:70003:'
assert_contains err.txt 'subkeys of one key'
cmp -s h before || fail "a failed import changed the hive"
# Non-ASCII key names are written (in Windows' sort order).
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\T\303\253st]\n"v"=dword:1\n' > na.reg
expect_exit 0 hp import h na.reg
[ "$(hp get h 'HKLM\SOFTWARE\TËST' v)" = 1 ] ||
    fail "non-ASCII key: $(hp get h 'HKLM\SOFTWARE\TËST' v)"
cp h before

# Bad input: exit 2, one clear line with the file, hive untouched.
printf '\377\376W\0i\0n\0' > odd.reg; printf 'x' >> odd.reg
expect_exit 2 hp import h odd.reg; assert_contains err.txt 'odd.reg: truncated UTF-16 file'
printf 'W\0i\0n\0d\0o\0w\0s\0' > nobom.reg
expect_exit 2 hp import h nobom.reg; assert_contains err.txt 'without a byte order mark'
printf '[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n' > nohdr.reg
expect_exit 2 hp import h nohdr.reg; assert_contains err.txt 'nohdr.reg:1: not a .reg file'
: > empty.reg
expect_exit 2 hp import h empty.reg; assert_contains err.txt 'empty.reg'
printf 'Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n"a"="open\n' > unterm.reg
expect_exit 2 hp import --strict h unterm.reg; assert_contains err.txt 'unterm.reg:3: unterminated string'
printf 'Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n"a"=hex:0g\n' > hex.reg
expect_exit 2 hp import --strict h hex.reg; assert_contains err.txt 'hex.reg:3: invalid hex data'
printf 'REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n' > cp.reg
expect_exit 2 hp import --codepage no-such-cp h cp.reg; assert_contains err.txt 'unknown code page'
expect_exit 2 hp import h missing.reg
cmp -s h before || fail "bad input changed the hive"

# A hive whose mount is unknown needs --mount.
hp new plain > /dev/null
expect_exit 2 hp import plain ok.reg
assert_contains err.txt 'give --mount'
expect_exit 0 hp import --mount "$m" plain ok.reg
exit 0
