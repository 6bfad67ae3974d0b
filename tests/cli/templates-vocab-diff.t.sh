# Issue 17 item 5: `diff --templates DIR` names each changed value by its
# policy, with the state and element value of both sides, and `check
# --templates DIR` the policy of each finding's setting, in the state the
# setting's exact data stands for; a value no template describes is an
# "extra registry setting".  Expected texts are read from the ADMX/ADML
# here.
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

# Hives: a SOFTWARE hive serves HKLM\SOFTWARE; the templates' key
# Software\Policies\... matches in any case.  MicrosoftEdge.admx's
# AllowInPrivate writes disabledValue 0.
grep -A8 'valueName="AllowInPrivate"' "$T/MicrosoftEdge.admx" |
    tr -d '\r\n ' | grep -q '<disabledValue><decimalvalue="0"/>' ||
    fail "MicrosoftEdge.admx: AllowInPrivate"
hp new --mount 'HKLM\SOFTWARE' S1 > /dev/null && cp S1 S2 &&
    hp set S2 'HKLM\SOFTWARE\Policies\Microsoft\MicrosoftEdge\Main' \
    AllowInPrivate dword 0 > /dev/null || fail "hives"
expect_exit 1 hp diff --templates "$T" S1 S2
grep -A1 '"AllowInPrivate"' out.txt | tail -n 1 > x.txt
assert_contains x.txt "         = Windows Components/Microsoft Edge/Allow InPrivate browsing: Disabled"

# The target: the GPO's settings as a .reg, ICMP redirects turned on.
sed 's/"EnableICMPRedirect"=dword:00000000/"EnableICMPRedirect"=dword:00000001/' \
    a.reg > t.reg
cat > p.conf <<'X'
setting "icmp" {
	key = "HKLM\\System\\CurrentControlSet\\Services\\Tcpip\\Parameters"
	value = "EnableICMPRedirect"
	type = "dword"
	data = "0"
}
setting "srcroute6" {
	key = "HKLM\\System\\CurrentControlSet\\Services\\Tcpip6\\Parameters"
	value = "DisableIPSourceRouting"
	type = "dword"
	data = "2"
}
setting "guest" {
	key = "HKLM\\Software\\Policies\\Microsoft\\Windows\\LanmanWorkstation"
	value = "AllowInsecureGuestAuth"
	type = "dword"
	min = 0
	max = 0
}
X
expect_exit 1 hp check -v -p p.conf --templates "$T" t.reg
assert_contains out.txt "drift             icmp"
# EnableICMPRedirect 0 is the policy's disabledValue (MSS-legacy.admx).
assert_contains out.txt "policy: MSS (Legacy)/$icmp: Disabled"
assert_contains out.txt "; DisableIPSourceRoutingIPv6: $two"
# No exact data: the name without a state.  No template: extra.
grep -A4 '^compliant *guest' out.txt > guest.txt
assert_contains guest.txt "extra registry setting"
# Without --templates, no such lines.
expect_exit 1 hp check -v -p p.conf t.reg
assert_not_contains out.txt "policy: "
assert_not_contains out.txt "extra registry setting"

expect_exit 1 hp check --format json -p p.conf --templates "$T" t.reg
jq -e '.findings[] | select(.check == "icmp") | .policy |
    .id == "Pol_MSS_EnableICMPRedirect" and .state == "Disabled" and
    .category == "MSS (Legacy)" and .class == "Machine"' out.txt \
    > /dev/null || fail "JSON: icmp"
jq -e '.findings[] | select(.check == "guest") | has("policy") and
    .policy == null' out.txt > /dev/null || fail "JSON: guest"
expect_exit 1 hp check --format json -p p.conf t.reg
jq -e '.findings[0] | has("policy") | not' out.txt > /dev/null ||
    fail "JSON: policy field without --templates"
# --templates goes with targets, not a fleet.
expect_exit 2 hp check -p p.conf --templates "$T" --fleet x
assert_contains err.txt "not of a --fleet"
exit 0
