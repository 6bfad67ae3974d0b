# The seed templates in templates/ lint clean (XSD and cross-references),
# and the ADM form describes the same policies as the ADMX.
. "$TESTLIB"
T=$(dirname "$TESTLIB")/../../templates
expect_exit 0 hp template lint "$T/rtc.admx"
assert_contains out.txt "rtc.admx: 0 errors, 0 warnings"
expect_exit 0 hp template lint "$T/rtc.adm"
assert_contains out.txt "rtc.adm: 0 errors, 0 warnings"
# xmllint agrees with our XSD pass on the seed files.
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout --schema "$T/schema/PolicyDefinitionFiles.xsd" \
	    "$T/rtc.admx" "$T/en-US/rtc.adml" 2>/dev/null ||
	    fail "xmllint rejects the seed templates"
fi
expect_exit 0 hp template show "$T/rtc.admx"
assert_contains out.txt 'key: Software\Policies\Microsoft\Windows\RTC\PortRange'
assert_contains out.txt 'element: decimal MinSipDynamicPort value "MinSipDynamicPort" range 1024-65535 required'
assert_contains out.txt 'key: Software\Policies\Microsoft\Messenger\Client\{83D4679F-B6D7-11D2-BF36-00C04FB90A03}\_Default'
assert_contains out.txt '"SIP service (Live Communications Server)"=REG_DWORD 2'
assert_contains out.txt 'element: text FileDirectory value "FileDirectory" maxLength 260 expandable'
# Same policies, keys, values and element constraints from the ADM.
hp template show "$T/rtc.admx" | grep -E '^  (key|value|element):' > admx.txt
hp template show "$T/rtc.adm" | grep -E '^  (key|value|element):' > adm.txt
cmp -s admx.txt adm.txt || { diff admx.txt adm.txt; fail "ADM and ADMX differ"; }
# JSON lists the four policies with their classes.
expect_exit 0 hp template show --json "$T/rtc.admx"
assert_contains out.txt '"name": "PortRange"'
assert_contains out.txt '"class": "Machine"'
assert_contains out.txt '"maxValue": 65535'
[ "$(grep -c '"class":' out.txt)" -eq 4 ] || fail "expected 4 policies"
# A UTF-16LE copy without an XML declaration reads the same.
mkdir -p u16/en-US
sed 1d "$T/rtc.admx" | iconv -f UTF-8 -t UTF-16 > u16/rtc.admx
cp "$T/en-US/rtc.adml" u16/en-US/
expect_exit 0 hp template lint u16/rtc.admx
assert_contains out.txt "0 errors, 0 warnings"
