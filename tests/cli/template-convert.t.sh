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
# ADMX -> ADM -> model: the same keys, values and element constraints
# (element ids survive as the PART label string ids).
expect_exit 0 hp template convert -o back "$T/rtc.admx"
[ -f back/rtc.adm ] || fail "no back/rtc.adm"
hp template show "$T/rtc.admx" | grep -E '^  (key|value|element)' | sort > a.txt
hp template show back/rtc.adm | grep -E '^  (key|value|element)' | sort > b.txt
# The one difference: FileTracingMask's label text differs from its
# string of the same id, so its PART keeps the label as a quoted text.
grep -v FileTracingMask a.txt > a2.txt
grep -v FileTracingMask b.txt > b2.txt
cmp -s a2.txt b2.txt || { diff a2.txt b2.txt; fail "ADMX -> ADM changed policies"; }
grep -q 'value "FileTracingMask" range 0-4294967295' b.txt || fail "mask lost"
if [ -d "$SHARED/corpus/admx" ]; then
	# ADM cannot hold multiText: a clear error, no file.
	expect_exit 2 hp template convert -o ff "$SHARED/corpus/admx/mozilla/firefox.admx"
	assert_contains err.txt "(multiText) cannot be written as ADM"
	[ ! -e ff/firefox.adm ] || fail "partial ADM written"
	expect_exit 0 hp template convert -o back "$SHARED/corpus/admx/shb/QOS.admx"
	hp template show "$SHARED/corpus/admx/shb/QOS.admx" | grep -E '^  ' | sort > a.txt
	hp template show back/QOS.adm | grep -E '^  ' | sort > b.txt
	cmp -s a.txt b.txt || { diff a.txt b.txt; fail "QOS changed"; }
fi
