# Settings addressed by template policy name: templates/rtc.admx maps
# PortRange Enabled with element values to registry values, with the
# template's types and ranges; rules refer to the generated settings.
. "$TESTLIB"
need_cmd hivexget
tmpl="$TESTDATA/../../templates/rtc.admx"
[ -f "$tmpl" ] || skip "templates/rtc.admx is absent"
cat > t.conf <<X
setting "portrange" {
	template = "$tmpl"
	policy = "PortRange"
	state = "enabled"
	element "MinSipDynamicPort" { data = "7100" }
	element "MaxSipDynamicPort" { data = "7103" }
	element "MinMediaPort" { data = "5351" }
	element "MaxMediaPort" { data = "5354" }
	rationale = "firewall ports"
}
rule "media" {
	kind = "range"
	settings = {"portrange/MinMediaPort", "portrange/MaxMediaPort"}
	min_width = 4
	min_width_odd = 5
}
X
# 5351-5354 starts odd and holds 4 ports: lint names the template line.
expect_exit 2 hp policy lint t.conf
assert_contains err.txt "t.conf:11: rule \"media\": range 5351-5354 (t.conf:1, t.conf:1) holds 4 values; it needs at least 5 when the low end is odd"
sed -i 's/data = "5351"/data = "5350"/; s/data = "5354"/data = "5353"/' t.conf
expect_exit 0 hp policy lint t.conf
assert_contains out.txt "5 settings, 1 rules"

hp new --mount 'HKLM\SOFTWARE' S >/dev/null || fail new
expect_exit 0 hp apply -p t.conf S
p='Policies\Microsoft\Windows\RTC\PortRange'
[ "$(hivexget S "$p" Enabled)" = 1 ] || fail Enabled
[ "$(hivexget S "$p" MinSipDynamicPort)" = 7100 ] || fail MinSip
[ "$(hivexget S "$p" MaxMediaPort)" = 5353 ] || fail MaxMedia
expect_exit 0 hp check -p t.conf S
assert_contains out.txt "6 of 6 checks compliant"
# The template's range (1024-65535) is checked on the hive too.
hp set S "HKLM\\SOFTWARE\\$p" MinSipDynamicPort dword 80 >/dev/null
expect_exit 1 hp check --format json -p t.conf S
/usr/bin/python3 - out.txt <<'X' || fail json
import json, sys
d = json.load(open(sys.argv[1]))
f = [x for x in d["findings"] if x["check"] == "portrange/MinSipDynamicPort"][0]
assert f["status"] == "drift", f
assert f["expected"] == "REG_DWORD 7100 within 1024..65535", f["expected"]
assert f["rationale"] == "firewall ports"
X

# Errors name the line.
sed 's/policy = "PortRange"/policy = "NoSuchPolicy"/' t.conf > bad1.conf
expect_exit 2 hp policy lint bad1.conf
assert_contains err.txt "bad1.conf:3: setting \"portrange\":"
assert_contains err.txt "has no policy \"NoSuchPolicy\""
sed 's/element "MinMediaPort"/element "MinMedia"/' t.conf > bad2.conf
expect_exit 2 hp policy lint bad2.conf
assert_contains err.txt "bad2.conf:7: setting \"portrange\": policy \"PortRange\" has no element \"MinMedia\""
sed 's/data = "7100"/data = "80"/' t.conf > bad3.conf
expect_exit 2 hp policy lint bad3.conf
assert_contains err.txt "bad3.conf:1: setting \"portrange\":"
sed 's/^	policy = "PortRange"/	policy = "PortRange"\n	key = "HKLM\\\\X"/' t.conf > bad4.conf
expect_exit 2 hp policy lint bad4.conf
assert_contains err.txt "come from the template"
exit 0
