# ADM -> ADMX + en-US ADML: the result passes lint and xmllint, and
# describes the same policies (show output identical).
. "$TESTLIB"
T=$(dirname "$TESTLIB")/../../templates
convert_check() {
	b=$(basename "$1"); b=${b%.*}
	expect_exit 0 hp template convert -o out "$1"
	[ -f "out/$b.admx" ] && [ -f "out/en-US/$b.adml" ] ||
	    fail "convert did not write out/$b.admx and out/en-US/$b.adml"
	expect_exit 0 hp template lint "out/$b.admx"
	assert_contains out.txt "$b.admx: 0 errors, 0 warnings"
	if command -v xmllint >/dev/null 2>&1; then
		xmllint --noout --schema "$T/schema/PolicyDefinitionFiles.xsd" \
		    "out/$b.admx" "out/en-US/$b.adml" 2>xerr.txt ||
		    { cat xerr.txt; fail "xmllint rejects converted $b"; }
	fi
	hp template show "$1" > a.txt
	hp template show "out/$b.admx" > b.txt
	cmp -s a.txt b.txt || { diff a.txt b.txt; fail "$b changed in conversion"; }
}
convert_check "$T/rtc.adm"
grep -q 'class="Machine"' out/rtc.admx || fail "no Machine policy"
grep -q '<supersededAdm fileName="rtc.adm"/>' out/rtc.admx ||
    fail "supersededAdm missing"
# A failed conversion leaves no output behind.
expect_exit 2 hp template convert -o bad "$TESTDATA/template/unbalanced.adm"
[ ! -e bad ] || fail "partial output after an error"
expect_exit 2 hp template convert "$T/rtc.adm"
if [ -d "$SHARED/corpus/adm" ]; then
	for f in "$SHARED"/corpus/adm/*/*; do
		convert_check "$f"
	done
	# Merged Both policy survives the round trip.
	grep -q 'class="Both"' out/REG_DWORD.admx || fail "Both lost"
fi
