# Issue 17 item 5: check's JUnit report names each finding's Group Policy
# setting with --templates, as its text and JSON do: a testcase property
# "policy" and a "policy:" line in a failure.  Names are read from the
# ADMX/ADML here by hand.
. "$TESTLIB"
need_cmd xmllint
# $T, $icmp, icmp_setting.
. "$(dirname "$TESTLIB")/vocab-mss.sh"
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\Tcpip\\Parameters]\r\n"EnableICMPRedirect"=dword:00000001\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\Policies\\Example]\r\n"X"=dword:00000001\r\n' > t.reg
{ icmp_setting; cat <<'X'
setting "example" {
	key = "HKLM\\Software\\Policies\\Example"
	value = "X"
	type = "dword"
	data = "1"
}
X
} > p.conf
expect_exit 1 hp check --format junit -p p.conf --templates "$T" t.reg
xmllint --noout out.txt || fail "not well-formed"
v=$(xmllint --xpath 'string(//testcase[@name="icmp"]/properties/property[@name="policy"]/@value)' out.txt)
[ "$v" = "MSS (Legacy)/$icmp: Disabled" ] || fail "icmp property: $v"
xmllint --xpath 'string(//testcase[@name="icmp"]/failure)' out.txt > f.txt
assert_contains f.txt "policy: MSS (Legacy)/$icmp: Disabled"
v=$(xmllint --xpath 'string(//testcase[@name="example"]/properties/property[@name="policy"]/@value)' out.txt)
[ "$v" = "extra registry setting" ] || fail "example property: $v"
# Without --templates: no property.
expect_exit 1 hp check --format junit -p p.conf t.reg
[ "$(xmllint --xpath 'count(//property[@name="policy"])' out.txt)" = 0 ] ||
    fail "a policy property without --templates"
exit 0
