# Issue 17 item 5: `check --templates DIR` names the policy of each
# finding's setting, in the state the setting's exact data stands for;
# a setting no template describes is an "extra registry setting".
. "$TESTLIB"
need_shared
need_cmd jq
C=$SHARED/corpus
T=$C/admx/shb
A="$C/gpo/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}/DomainSysvol/GPO/Machine/registry.pol"
adml() { sed -n "s|.*<string id=\"$1\">\\(.*\\)</string>.*|\\1|p" \
    "$T/en-US/MSS-legacy.adml"; }
icmp=$(adml EnableICMPRedirect)
two=$(adml DisableIPSourceRouting2)
[ -n "$icmp" ] && [ -n "$two" ] || fail "ADML strings"

# The target: the GPO's settings as a .reg, ICMP redirects turned on.
hp convert "$A" --format reg4 -o a.reg > /dev/null || fail convert
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
