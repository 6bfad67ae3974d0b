# Issue 17 item 5, policy vocabulary: `show --templates DIR` names each
# setting of a real GPO as the Group Policy editor does.  The expected
# names are read from the ADMX/ADML text here (grep), and every policy
# named is checked against GPMC's own report of the same GPO
# (gpreport.xml, written by Windows when the backup was made).
. "$TESTLIB"
need_shared
need_cmd jq
C=$SHARED/corpus
T=$C/admx/shb
B="$C/gpo/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}"
G="$B/DomainSysvol/GPO"

# What the templates say, by hand: MSS-legacy.admx's policy for
# EnableICMPRedirect under Cat_MSS ("MSS (Legacy)"), disabledValue 0.
grep -q 'valueName="EnableICMPRedirect"' "$T/MSS-legacy.admx" ||
    fail "MSS-legacy.admx lacks EnableICMPRedirect"
name=$(sed -n 's|.*<string id="EnableICMPRedirect">\(.*\)</string>.*|\1|p' \
    "$T/en-US/MSS-legacy.adml")
cat=$(sed -n 's|.*<string id="MSS">\(.*\)</string>.*|\1|p' \
    "$T/en-US/MSS-legacy.adml")
[ "$cat" = "MSS (Legacy)" ] || fail "category string: $cat"
# The GPO writes EnableICMPRedirect DWORD 0 (Disabled) and
# DisableIPSourceRouting 2 under Tcpip6 (an enum item).
hp show "$G" > plain.txt || fail show
assert_contains plain.txt "Tcpip\\Parameters	EnableICMPRedirect	DWORD:0"
assert_contains plain.txt "Tcpip6\\Parameters	DisableIPSourceRouting	DWORD:2"
item=$(grep -A8 'name="Pol_MSS_DisableIPSourceRoutingIPv6"' \
    "$T/MSS-legacy.admx" | grep '<decimal value="2"' |
    sed -n 's|.*displayName="\$(string.\([^)]*\)).*|\1|p')
label=$(sed -n "s|.*<string id=\"$item\">\\(.*\\)</string>.*|\\1|p" \
    "$T/en-US/MSS-legacy.adml")
[ -n "$label" ] || fail "no item text for DWORD 2"

expect_exit 0 hp show --templates "$T" "$G"
assert_contains out.txt "Computer Configuration/Administrative Templates"
assert_contains out.txt "  $cat"
assert_contains out.txt "    $name: Disabled"
assert_contains out.txt "      DisableIPSourceRoutingIPv6: $label"
# A category of another ADMX: MicrosoftEdge.admx's parent
# windows:WindowsComponents is defined in Windows.admx.
assert_contains out.txt "  Windows Components/Microsoft Edge"
assert_contains out.txt "    Allow InPrivate browsing: Disabled"
# No template of the folder describes LanmanWorkstation: an extra setting.
! grep -qi 'LanmanWorkstation' "$T"/*.admx || fail "a template has it"
assert_contains out.txt "Computer Configuration/Extra Registry Settings"
assert_contains out.txt "  Computer	Software\\Policies\\Microsoft\\Windows\\LanmanWorkstation	AllowInsecureGuestAuth	DWORD:0"
# Named settings are not listed again as extra.
assert_not_contains out.txt "Computer	System\\CurrentControlSet\\Services\\Tcpip\\Parameters	EnableICMPRedirect"

# JSON: the same, field by field.
expect_exit 0 hp show --json --templates "$T" "$G"
jq -e '.policies[] | select(.id == "Pol_MSS_EnableICMPRedirect") |
    .state == "Disabled" and .category == "MSS (Legacy)" and
    .class == "Machine" and (.admx | endswith("MSS-legacy.admx")) and
    .elements == []' out.txt > /dev/null || fail "JSON: EnableICMPRedirect"
jq -e --arg l "$label" '.policies[] |
    select(.id == "Pol_MSS_DisableIPSourceRoutingIPv6") |
    .state == "Enabled" and .elements[0].element ==
    "DisableIPSourceRoutingIPv6" and .elements[0].value == $l' out.txt \
    > /dev/null || fail "JSON: DisableIPSourceRoutingIPv6"
jq -e '.schema == "hivepol-show-templates/1"' out.txt > /dev/null ||
    fail "JSON: schema"
jq -e '[.extra[] | select(.value_name == "AllowInsecureGuestAuth")] |
    length == 1' out.txt > /dev/null || fail "JSON: extra setting"
# Every setting is in exactly one place.
n=$(hp show --json "$G" | jq ".entries | length")
x=$(jq '.extra | length' out.txt)
[ "$x" -lt "$n" ] || fail "everything extra: $x of $n"

# The peer: GPMC's report of this GPO names every policy hivepol names,
# with the same state and category.  SecGuide.admx here is newer than the
# one the report was made with: its category was renamed from "SCM: Pass
# the Hash Mitigations" to "MS Security Guide"; the names agree.
if py=$(command -v python3); then
	"$py" - "$B/gpreport.xml" out.txt > peer.txt <<'X' || fail "peer check"
import json, sys, xml.etree.ElementTree as ET
ns = '{http://www.microsoft.com/GroupPolicy/Settings/Registry}'
rep = {}
for p in ET.parse(sys.argv[1]).iter(ns + 'Policy'):
    rep[p.find(ns + 'Name').text] = (p.find(ns + 'Category').text,
                                     p.find(ns + 'State').text)
renamed = {'MS Security Guide': 'SCM: Pass the Hash Mitigations'}
n = 0
for p in json.load(open(sys.argv[2]))['policies']:
    want = (renamed.get(p['category'], p['category']), p['state'])
    if rep.get(p['policy']) != want:
        sys.exit('GPMC says %r for %r, hivepol %r' %
                 (rep.get(p['policy']), p['policy'], want))
    n += 1
print('%d policies agree' % n)
X
	grep -q '^1[0-9] policies agree' peer.txt || fail "$(cat peer.txt)"
fi

# A decimal element in decimal, under its control's label: the SHB IE
# baseline's DaysToKeep DWORD:40, inetres.admx's DaysToKeep_Prompt, whose
# decimalTextBox in InetRes.adml reads "Days to keep pages in History".
I=$C/pol/shb/Internet_Explorer-32D5EEFD-Machine.pol
hp show --class machine "$I" > plain.txt || fail "show $I"
assert_contains plain.txt "Url History	DaysToKeep	DWORD:40"
grep -qF 'id="DaysToKeep_Prompt" key="Software\Policies\Microsoft\Windows\CurrentVersion\Internet Settings\Url History" valueName="DaysToKeep"' \
    "$T/inetres.admx" || fail "inetres.admx: DaysToKeep_Prompt"
grep -q 'refId="DaysToKeep_Prompt"[^>]*>Days to keep pages in History<' \
    "$T/en-US/InetRes.adml" || fail "InetRes.adml: the label"
expect_exit 0 hp show --class machine --templates "$T" "$I"
assert_contains out.txt "      Days to keep pages in History: 40"

# A language folder: --lang picks the ADML, the default is en-US.
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\Policies\\Mozilla\\Firefox]\r\n"DisableAppUpdate"=dword:00000001\r\n"NotAPolicy"=dword:00000005\r\n' > ff.reg
hp convert ff.reg --format pol -o ff.pol > /dev/null || fail convert
M=$C/admx/mozilla
de=$(sed -n 's|.*<string id="DisableAppUpdate">\(.*\)</string>.*|\1|p' \
    "$M/de-DE/firefox.adml")
en=$(sed -n 's|.*<string id="DisableAppUpdate">\(.*\)</string>.*|\1|p' \
    "$M/en-US/firefox.adml")
[ -n "$de" ] && [ "$de" != "$en" ] || fail "ADML strings: $de / $en"
expect_exit 0 hp show --templates "$M" --lang de-DE ff.pol
assert_contains out.txt "  Mozilla/Firefox"
assert_contains out.txt "    $de: Enabled"
assert_contains out.txt "	NotAPolicy	DWORD:5"
expect_exit 0 hp show --templates "$M" ff.pol
assert_contains out.txt "    $en: Enabled"

# A GPMC backup folder is a GPO source like any; a security template
# names its settings itself (its lines are as without --templates).
expect_exit 0 hp show --templates "$T" "$B"
assert_contains out.txt "    $name: Disabled"
I=$(find "$C/gpo/msft-sct-win10-2004" -name GptTmpl.inf | head -n 1)
if [ -n "$I" ]; then
	hp show "$I" > plain.txt || fail "show $I"
	expect_exit 0 hp show --templates "$T" "$I"
	cmp -s out.txt plain.txt || fail "--templates changed a security template's lines"
	expect_exit 0 hp show --json --templates "$T" "$I"
	jq -e '.schema == "hivepol-show/1" and (.entries | length > 0)' out.txt > /dev/null ||
	    fail "JSON of a security template with --templates"
fi

# Errors: --lang alone or of a language the folder lacks, a folder
# without ADMX, a broken ADMX in it.
expect_exit 2 hp show --lang de-DE ff.pol
assert_contains err.txt "--lang goes with --templates"
expect_exit 2 hp show --templates "$M" --lang it-IT ff.pol
assert_contains err.txt "mozilla: no it-IT folder of ADML files (folders there: de-DE, en-US, fr-FR, ru-RU)"
# ADML beside their ADMX (sec505) serve any --lang.
expect_exit 0 hp show --templates "$C/admx/sec505" --lang en-US ff.pol
mkdir empty
expect_exit 2 hp show --templates empty ff.pol
assert_contains err.txt "empty: no ADMX files in this folder"
mkdir bad
cp "$T/MSS-legacy.admx" bad/
printf '<policyDefinitions>\n<policies><x></policies>\n' > bad/zz.admx
expect_exit 2 hp show --templates bad ff.pol
assert_contains err.txt "bad/zz.admx:2: malformed XML"
exit 0
