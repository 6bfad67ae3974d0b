# Issue 17 items 5 and 6: `compare --templates DIR` names each registry
# row by the Group Policy setting that writes it, with the state each
# source's data stands for, in text, JSON and HTML; a value no template
# describes is an "extra registry setting".  Expected names are read
# from the ADMX/ADML here by hand.
. "$TESTLIB"
need_cmd jq
# a.reg, c.reg (b: three values changed), $T, $icmp, $one, $two.
. "$(dirname "$TESTLIB")/vocab-mss.sh"
# No template of the folder describes LanmanWorkstation.
! grep -qi 'LanmanWorkstation' "$T"/*.admx || fail "a template has it"

expect_exit 1 hp compare --class machine --templates "$T" "$A" c.reg
grep -A1 '^  "EnableICMPRedirect"' out.txt | tail -n 1 > x.txt
assert_contains x.txt "    policy: MSS (Legacy)/$icmp: [1] Disabled [2] Enabled"
grep -A1 '^  "AllowInsecureGuestAuth"' out.txt | tail -n 1 > x.txt
assert_contains x.txt "    policy: extra registry setting"
assert_contains out.txt "[1] Enabled; DisableIPSourceRoutingIPv6: $two [2] Enabled; DisableIPSourceRoutingIPv6: $one"
# Without --templates the lines are as before.
expect_exit 1 hp compare --class machine "$A" c.reg
assert_not_contains out.txt "policy: "

expect_exit 1 hp compare --format json --class machine --templates "$T" "$A" c.reg
jq -e '.settings[] | select(.value == "EnableICMPRedirect") |
    .policy.id == "Pol_MSS_EnableICMPRedirect" and .policy.state == null and
    .policy.category == "MSS (Legacy)" and .extra == false and
    .cells[0].policy_state == "Disabled" and
    .cells[1].policy_state == "Enabled"' out.txt > /dev/null ||
    fail "JSON: EnableICMPRedirect"
jq -e --arg one "$one" --arg two "$two" '.settings[] |
    select(.key | endswith("Tcpip6\\Parameters")) |
    select(.value == "DisableIPSourceRouting") |
    .policy.element == "DisableIPSourceRoutingIPv6" and
    .cells[0].policy_value == $two and .cells[1].policy_value == $one' \
    out.txt > /dev/null || fail "JSON: element values"
jq -e '.settings[] | select(.value == "AllowInsecureGuestAuth") |
    .extra == true and .policy == null and .cells[0].policy_state == null' \
    out.txt > /dev/null || fail "JSON: extra"
expect_exit 1 hp compare --format json --class machine "$A" c.reg
jq -e 'all(.settings[]; has("policy") | not)' out.txt > /dev/null ||
    fail "JSON: policy without --templates"

expect_exit 1 hp compare --format html --class machine --templates "$T" -o c.html "$A" c.reg
grep -q '<th[^>]*>policy</th>' c.html || fail "HTML: no policy column"
grep -qF "MSS (Legacy)/$icmp</td>" c.html || fail "HTML: policy name"
grep -qF 'REG_DWORD 0x00000001 (1) (Enabled)</td>' c.html || fail "HTML: cell state"
grep -qF '>extra registry setting</td>' c.html || fail "HTML: extra"
if command -v xmllint > /dev/null; then
	xmllint --html --noout c.html 2> x.txt
	! grep -q 'error' x.txt || fail "HTML: $(head -n 2 x.txt)"
fi

# --lang alone is a usage error, as for show, diff and check.
expect_exit 2 hp compare --lang de-DE "$A"
assert_contains err.txt "--lang goes with --templates"
exit 0
