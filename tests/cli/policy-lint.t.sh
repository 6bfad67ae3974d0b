# policy lint: the shipped policies pass; impossible ones fail with the
# line of every part involved (lines counted by hand below).
. "$TESTLIB"
pol="$TESTDATA/../../policies"
for f in lcs-client lcs-troubleshoot; do
	expect_exit 0 hp policy lint "$pol/$f.conf"
	assert_contains out.txt "no conflicts"
done

cat > bad.conf <<'X'
setting "sip-lo" {
	key = "HKLM\\SOFTWARE\\P"
	value = "MinSipDynamicPort"
	type = "dword"
	data = "5352"
}
setting "sip-hi" {
	key = "HKLM\\SOFTWARE\\P"
	value = "MaxSipDynamicPort"
	type = "dword"
	data = "5353"
}
setting "media-lo" {
	key = "HKLM\\SOFTWARE\\P"
	value = "MinMediaPort"
	type = "dword"
	data = "5351"
	min = 6000
	max = 100
}
setting "media-hi" {
	key = "HKLM\\SOFTWARE\\P"
	value = "MaxMediaPort"
	type = "dword"
	data = "5354"
	allowed = {"1", "2"}
}
setting "no-media-lo" {
	key = "hklm\\software\\p"
	value = "minmediaport"
	presence = "forbidden"
}
rule "sip" {
	kind = "range"
	settings = {"sip-lo", "sip-hi"}
}
rule "media" {
	kind = "range"
	settings = {"media-lo", "media-hi"}
	min_width = 4
	min_width_odd = 5
}
rule "apart" {
	kind = "disjoint"
	ranges = {"sip", "media"}
}
X
expect_exit 2 hp policy lint bad.conf
assert_contains err.txt "bad.conf:18: setting \"media-lo\": min 6000 is above max 100 (bad.conf:19)"
assert_contains err.txt "bad.conf:17: setting \"media-lo\": data 5351 is outside its own bounds"
assert_contains err.txt "bad.conf:25: setting \"media-hi\": data is not in its own allowed set (bad.conf:26)"
assert_contains err.txt "bad.conf:13: setting \"media-lo\" is required but setting \"no-media-lo\" (bad.conf:31)"
assert_contains err.txt "bad.conf:37: rule \"media\": range 5351-5354 (bad.conf:17, bad.conf:25) holds 4 values; it needs at least 5 when the low end is odd"
assert_contains err.txt "bad.conf:43: rule \"apart\": range \"sip\" 5352-5353 (bad.conf:5, bad.conf:11) overlaps range \"media\" 5351-5354 (bad.conf:17, bad.conf:25)"
assert_contains err.txt "6 problems"
# check and apply refuse such a policy before touching a target.
hp new --mount 'HKLM\SOFTWARE' S >/dev/null || fail new
sum=$(md5sum < S)
expect_exit 2 hp check -p bad.conf S
assert_contains err.txt "bad.conf:18: setting \"media-lo\": min 6000 is above max 100"
assert_contains err.txt "6 problems; see hivepol policy lint bad.conf"
expect_exit 2 hp apply -p bad.conf S
[ "$(md5sum < S)" = "$sum" ] || fail "apply wrote with a bad policy"

# Syntax and type errors: file and line, exit 2.
printf 'setting "a" {\n\tkey = "HKLM\\\\X"\n\tvalue = "v"\n\ttype = "dword"\n\tdata = "0x1ffffffff"\n}\n' > big.conf
expect_exit 2 hp policy lint big.conf
assert_contains err.txt "big.conf:5: setting \"a\": data:"
printf 'setting "a" {\n\tkey = "HKLM\\\\X"\n\tvaleu = "v"\n}\n' > typo.conf
expect_exit 2 hp policy lint typo.conf
assert_contains err.txt "typo.conf:3: no such option 'valeu'"
expect_exit 2 hp policy lint missing.conf
expect_exit 2 hp policy frobnicate x
head -c 3000 /dev/urandom > junk.conf
expect_exit 2 hp policy lint junk.conf
exit 0
