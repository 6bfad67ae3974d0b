# compare --format html: one self-contained page whose matrix (the shared
# renderer, html_matrix.c) sorts, filters and shows differences only, read
# back from the DOM headless Chromium builds after the page's script ran.
# The expected rows are those of compare-matrix.t.sh: the audit and the
# enforced AppLocker baselines differ in their 5 EnforcementMode values
# and agree on their 19 rules.
. "$TESTLIB"
need_shared
py=$(debian_python) || skip "no /usr/bin/python3"
rows() {	# rows URL-FRAGMENT: the matrix as Chromium shows it
	chromium_dom "file://$PWD/c.html$1" dom.html ${2:-} ||
	    fail "chromium could not load the page"
	"$py" "$(dirname "$TESTLIB")/html-matrix.py" dom.html settings > rows.txt
	grep -v '^head' rows.txt > body.txt
	grep '^shown' rows.txt > shown.txt || true
}
shb=$SHARED/corpus/pol/shb
audit=$shb/AppLocker-Audit-16D29EA5-Machine.pol
enforced=$shb/AppLocker-Enforced-ADE2C0B1-Machine.pol

expect_exit 1 hp compare --format html -o c.html --class machine "$audit" "$enforced"
[ -s out.txt ] && fail "-o wrote to stdout too"
grep -qiE '(src|href)="(https?:|//)' c.html && fail "external asset"
grep -q '<script src\|<link ' c.html && fail "external asset"
assert_contains c.html '<span id="count-conflict">5</span> conflict'
assert_contains c.html '<span id="count-repeat">19</span> repeat'
# The same page on standard output.
expect_exit 1 hp compare --format html --class machine "$audit" "$enforced"
cmp -s out.txt c.html || fail "stdout and -o differ"

# As loaded: every row shown, in the key order of the text report.
rows "" "$PWD/compare.png"
[ "$(wc -l < body.txt)" -eq 24 ] || fail "$(wc -l < body.txt) rows"
[ "$(wc -l < shown.txt)" -eq 24 ] || fail "rows hidden on load"
head -n 1 rows.txt | grep -q '	none:\[1\] AppLocker-Audit-16D29EA5-Machine.pol	none:\[2\] AppLocker-Enforced-ADE2C0B1-Machine.pol	none:state$' ||
    fail "head: $(head -n 1 rows.txt)"
grep -q 'class="shown">24<' dom.html || fail "shown count"
# A conflict row: both cells conflict-coloured, with their data.
grep -F ':HKLM\Software\Policies\Microsoft\Windows\SrpV2\Dll	:"EnforcementMode"	conflict:REG_DWORD 0x00000000 (0)	conflict:REG_DWORD 0x00000001 (1)	conflict:conflict' body.txt > /dev/null ||
    fail "Dll row: $(grep 'SrpV2.Dll	' body.txt)"
[ "$(grep -c '	conflict:conflict$' body.txt)" -eq 5 ] || fail "conflict rows"
[ "$(grep -c '	repeat:REG_SZ <File[^	]*	repeat:REG_SZ <File[^	]*	repeat:repeat$' body.txt)" -eq 19 ] ||
    fail "repeat rows"
# HTML keeps whole values: the longest rule ends as the file has it.
grep -q 'FilePathRule Id="afd4074c.*</FilePathRule>' body.txt || fail "value cut"

# Differences only: the 5 conflicts.
rows "#differences=1"
[ "$(wc -l < shown.txt)" -eq 5 ] || fail "differences: $(wc -l < shown.txt) shown"
grep -v -q 'EnforcementMode' shown.txt && fail "an alike row shown"
grep -q 'class="shown">5<' dom.html || fail "shown count"
# A filter: rows whose text holds it, any case.
rows "#filter=srpv2%5Cmsi"
[ "$(wc -l < shown.txt)" -eq 3 ] || fail "filter: $(wc -l < shown.txt) shown"
grep -v -q 'SrpV2\\Msi' shown.txt && fail "filter let another row through"
# Sorting by the state column (4): conflicts first, the header marked.
rows "#sort=4"
head -n 1 rows.txt | grep -q '	ascending:state$' || fail "aria-sort"
sed -n 1,5p body.txt | grep -c '	conflict:conflict$' | grep -qx 5 || fail "sort"
rows "#sort=4&desc=1"
sed -n 20,24p body.txt | grep -c '	conflict:conflict$' | grep -qx 5 || fail "sort desc"
# Sorting by a source column keeps every row.
rows "#sort=2&desc=1&differences=1"
[ "$(wc -l < body.txt)" -eq 24 ] && [ "$(wc -l < shown.txt)" -eq 5 ] ||
    fail "sort and switch together"
head -n 1 rows.txt | grep -q '	descending:\[1\]' || fail "aria-sort desc"

# --differences: the page starts with the switch on, every row in it.
expect_exit 1 hp compare --differences --format html -o c.html --class machine "$audit" "$enforced"
rows ""
[ "$(wc -l < body.txt)" -eq 24 ] && [ "$(wc -l < shown.txt)" -eq 5 ] ||
    fail "--differences: $(wc -l < shown.txt) of $(wc -l < body.txt) shown"
grep -q 'type="checkbox" checked' c.html || fail "switch not on"
[ -s compare.png ] || fail "no screenshot"
mkdir -p "${ARTIFACTS:-/tmp/hivepol-artifacts}" 2>/dev/null &&
    cp compare.png c.html "${ARTIFACTS:-/tmp/hivepol-artifacts}/" 2>/dev/null
exit 0
