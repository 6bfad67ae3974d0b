# Issue 17 item 5: `diff --templates DIR` names each changed value by its
# policy, with the state and element value of both sides; a value no
# template describes is an "extra registry setting".  Expected texts are
# read from the ADMX/ADML here.
. "$TESTLIB"
need_shared
need_cmd jq
C=$SHARED/corpus
T=$C/admx/shb
A="$C/gpo/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}/DomainSysvol/GPO/Machine/registry.pol"
adml() { sed -n "s|.*<string id=\"$1\">\\(.*\\)</string>.*|\\1|p" \
    "$T/en-US/MSS-legacy.adml"; }

# b: the GPO with ICMP redirects allowed (Disabled -> Enabled), IPv6
# source routing at item 1 instead of 2, and an extra setting changed.
hp convert "$A" --format reg4 -o a.reg > /dev/null || fail convert
sed -e 's/"EnableICMPRedirect"=dword:00000000/"EnableICMPRedirect"=dword:00000001/' \
    -e 's/"AllowInsecureGuestAuth"=dword:00000000/"AllowInsecureGuestAuth"=dword:00000001/' \
    a.reg > b.reg
awk '/^\[.*Tcpip6\\Parameters\]/ { six = 1 } /^\[/ && !/Tcpip6/ { six = 0 }
    six && /"DisableIPSourceRouting"=dword:00000002/ {
	sub(/00000002/, "00000001") } { print }' b.reg > c.reg
[ "$(grep -c 'dword:00000001' c.reg)" -gt "$(grep -c 'dword:00000001' a.reg)" ] ||
    fail "b was not changed"
# By hand: Pol_MSS_EnableICMPRedirect enabledValue 1, disabledValue 0.
grep -A8 'name="Pol_MSS_EnableICMPRedirect"' "$T/MSS-legacy.admx" |
    tr -d '\r\n ' | grep -q '<enabledValue><decimalvalue="1"/></enabledValue><disabledValue><decimalvalue="0"/>' ||
    fail "MSS-legacy.admx: EnableICMPRedirect values"
icmp=$(adml EnableICMPRedirect)
one=$(adml DisableIPSourceRouting1)
two=$(adml DisableIPSourceRouting2)
[ -n "$icmp" ] && [ -n "$one" ] && [ -n "$two" ] || fail "ADML strings"

expect_exit 1 hp diff --class machine --templates "$T" "$A" c.reg
assert_contains out.txt "\"EnableICMPRedirect\"  REG_DWORD 0x00000000 (0)  ->  REG_DWORD 0x00000001 (1)"
assert_contains out.txt "         = MSS (Legacy)/$icmp: Disabled -> Enabled"
assert_contains out.txt "; DisableIPSourceRoutingIPv6: $two -> $one"
grep -A1 '"AllowInsecureGuestAuth"' out.txt | tail -n 1 > x.txt
assert_contains x.txt "         = extra registry setting"
# Without --templates the lines are as before.
expect_exit 1 hp diff --class machine "$A" c.reg
assert_not_contains out.txt "         = "

expect_exit 1 hp diff --format json --class machine --templates "$T" "$A" c.reg
jq -e '.differences[] | select(.name == "EnableICMPRedirect") | .policy |
    .id == "Pol_MSS_EnableICMPRedirect" and .state == "Enabled" and
    .old_state == "Disabled" and .category == "MSS (Legacy)"' out.txt \
    > /dev/null || fail "JSON: EnableICMPRedirect"
jq -e --arg one "$one" --arg two "$two" '.differences[] |
    select(.key | endswith("Tcpip6\\Parameters")) | .policy |
    .element == "DisableIPSourceRoutingIPv6" and .value == $one and
    .old_value == $two' out.txt > /dev/null || fail "JSON: element values"
jq -e '.differences[] | select(.name == "AllowInsecureGuestAuth") |
    .extra == true and .policy == null' out.txt > /dev/null ||
    fail "JSON: extra"
exit 0
