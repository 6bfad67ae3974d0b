# ADM text that XML 1.0 cannot hold (a control character in a string,
# a category name, a key or value name; bytes that are not UTF-8 after
# a UTF-8 byte order mark) is refused naming file and line: convert
# used to exit 0 with an ADMX or ADML that xmllint rejects.  Latin-1
# (no BOM) is decoded as Windows-1252 and converts to valid XML.
. "$TESTLIB"
# adm CATEGORY STRING KEY VALUE: a one-policy ADM.
adm() {
	printf 'CLASS MACHINE\nCATEGORY "%s"\n  POLICY !!Pol\n' "$1"
	printf '    KEYNAME "Software\\Policies\\T%s"\n' "$3"
	printf '    EXPLAIN !!Pol_Help\n    VALUENAME "%s"\n' "$4"
	printf '  END POLICY\nEND CATEGORY\n\n[strings]\nPol="%s"\n' "$2"
	printf 'Pol_Help="help"\n'
}
bad() {
	expect_exit 2 hp template convert -o out bad.adm
	assert_contains err.txt "$1"
	[ ! -e out ] || fail "output written for: $1"
}
adm C "$(printf 'a\001b')" K V > bad.adm
bad "bad.adm:11: control character 0x01"
adm C t "$(printf 'K\001')" V > bad.adm
bad "bad.adm:4: control character 0x01"
adm C t K "$(printf 'V\033x')" > bad.adm
bad "bad.adm:6: control character 0x1B"
adm "$(printf 'C\002')" t K V > bad.adm
bad "bad.adm:2: control character 0x02"
{ printf '\357\273\277'; adm C "$(printf 'caf\351')" K V; } > bad.adm
bad "bad.adm:11: bytes that are not UTF-8 after a UTF-8 byte order mark"
# Comments are not written anywhere: a control character there is fine,
# as is one in an inactive #if branch.
{ printf '; \001\n#if version < 1\nCATEGORY "\001"\nEND CATEGORY\n#endif\n'
  adm C t K V; } > ok.adm
expect_exit 0 hp template convert -o ok ok.adm
adm C "$(printf 'caf\351')" K V > latin1.adm
expect_exit 0 hp template convert -o l1 latin1.adm
grep -q 'café' l1/en-US/latin1.adml || fail "Latin-1 not decoded"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout ok/ok.admx ok/en-US/ok.adml l1/latin1.admx \
	    l1/en-US/latin1.adml || fail "xmllint rejects the output"
fi
exit 0
