# Sourced by the templates-vocab-* tests: the NSA SHB GPO's machine
# registry.pol ($A, as a.reg) and a copy changed in three values (c.reg:
# ICMP redirects allowed, Disabled -> Enabled; IPv6 source routing at
# item 1 instead of 2; the extra setting AllowInsecureGuestAuth 0 -> 1),
# the SHB templates ($T) and their MSS (Legacy) strings read by hand.
need_shared
C=$SHARED/corpus
T=$C/admx/shb
A="$C/gpo/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}/DomainSysvol/GPO/Machine/registry.pol"
adml() { sed -n "s|.*<string id=\"$1\">\\(.*\\)</string>.*|\\1|p" \
    "$T/en-US/MSS-legacy.adml"; }

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

# A policy's setting: EnableICMPRedirect 0 (the policy's Disabled state).
icmp_setting() {
	cat <<'X'
setting "icmp" {
	key = "HKLM\\System\\CurrentControlSet\\Services\\Tcpip\\Parameters"
	value = "EnableICMPRedirect"
	type = "dword"
	data = "0"
}
X
}
