# A Registry.pol entry with an empty name, type REG_NONE and no data is
# the one that creates its key ([MS-GPREG]; docs/pol-format.md), so a
# key's default value of that type and size cannot be written as a value:
# export and convert refuse it, naming the key, rather than turn the value
# into a key-create entry.  A named REG_NONE value is an ordinary entry
# (checked with Samba's parser).
. "$TESTLIB"
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' SOFTWARE
expect_exit 0 hp set SOFTWARE 'Policies\K' @ none
expect_exit 0 hp set SOFTWARE 'Policies\K' Named none
expect_exit 2 hp export --format pol -o x.pol SOFTWARE
assert_contains err.txt 'key "SOFTWARE\Policies\K": its default value is REG_NONE with no data'
[ ! -e x.pol ] || fail "a partial .pol was written"
# The same value from a .reg file.
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\K]\r\n@=hex(0):\r\n' > d.reg
expect_exit 2 hp convert --format pol d.reg -o d.pol
assert_contains err.txt 'key "SOFTWARE\K": its default value is REG_NONE'
# A default value with data, and a named REG_NONE value, are kept.
expect_exit 0 hp rm SOFTWARE 'Policies\K' @
expect_exit 0 hp set SOFTWARE 'Policies\K' @ binary 01
expect_exit 0 hp export --format pol -o x.pol SOFTWARE 'Policies'
py=$(debian_python) || skip "no /usr/bin/python3"
"$py" -c 'from samba.gp_parse.gp_pol import GPPolParser' 2>/dev/null ||
	skip "python3-samba is not installed"
"$py" - <<'PY' || fail "Samba reads other entries"
from samba.gp_parse.gp_pol import GPPolParser
p = GPPolParser()
p.parse(open("x.pol", "rb").read())
got = sorted((e.keyname, e.valuename, e.type, e.size)
             for e in p.pol_file.entries)
want = [("SOFTWARE\\Policies\\K", "", 3, 1),
        ("SOFTWARE\\Policies\\K", "Named", 0, 0)]
assert got == want, got
PY
