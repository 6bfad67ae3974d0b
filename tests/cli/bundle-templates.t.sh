# bundle: the generated ADMX/ADML lint clean; enabling every generated
# policy (through a policy file that names it by template) and applying it
# to fresh hives makes check report the original policy compliant; the
# ADM lists the same policies with the same registry values.
. "$TESTLIB"
pol="$TESTDATA/../../policies/lcs-client.conf"
expect_exit 0 hp bundle -p "$pol" -o b
admx=b/PolicyDefinitions/lcs-client.admx
expect_exit 0 hp template lint "$admx"
assert_contains out.txt "0 errors, 0 warnings"
expect_exit 0 hp template lint b/lcs-client.adm
assert_contains out.txt "0 errors, 0 warnings"

expect_exit 0 hp template show "$admx"
mv out.txt admx.txt
expect_exit 0 hp template show b/lcs-client.adm
mv out.txt adm.txt
# One policy per key: the RTC port range, the DNS naming key, presence.
names=$(grep -v '^ ' admx.txt | cut -d' ' -f1)
[ "$(echo "$names" | wc -l)" -eq 3 ] || fail "policies: $names"
assert_contains admx.txt 'enabled list: "MinMediaPort" REG_DWORD 5350'
assert_contains admx.txt 'PersonaMenu [User]'
# Same policies, keys and values (categories are named differently: ADM
# names a category by its string).
grep -v '^  category:' admx.txt > a1
grep -v '^  category:' adm.txt > a2
cmp a1 a2 || { diff a1 a2 >&2; fail "ADM and ADMX differ"; }

# Every generated policy Enabled, as a policy file, applied to new hives.
: > enable.conf
for n in $names; do
	printf 'setting "%s" {\n\ttemplate = "b/PolicyDefinitions/lcs-client.admx"\n\tpolicy = "%s"\n\tstate = "enabled"\n}\n' "$n" "$n" >> enable.conf
done
for t in "$admx" b/lcs-client.adm; do
	sed "s|b/PolicyDefinitions/lcs-client.admx|$t|" enable.conf > e.conf
	rm -f SOFTWARE NTUSER.DAT
	hp new --mount 'HKLM\SOFTWARE' SOFTWARE >/dev/null || fail new
	hp new --mount HKCU NTUSER.DAT >/dev/null || fail new
	expect_exit 1 hp check -p "$pol" SOFTWARE NTUSER.DAT
	expect_exit 0 hp apply -p e.conf SOFTWARE NTUSER.DAT
	expect_exit 0 hp check -p "$pol" SOFTWARE NTUSER.DAT
	assert_contains out.txt "15 of 15 checks compliant; compliant"
	# And the template reads its own policies back as Enabled.
	expect_exit 0 hp template state -t "$t" SOFTWARE
	assert_contains out.txt "PortRange [HKLM]: Enabled"
	assert_contains out.txt "Default [HKLM]: Enabled"
done

# Text values, deletions, two keys with one name (and the name of the
# category's string), a type templates cannot carry.
cat > p.conf <<'POL'
setting "a" {
	key = "HKLM\\SOFTWARE\\Hp\\Cat"
	value = "Name"
	type = "sz"
	data = "café <&> 'q'"
}
setting "gone" {
	key = "HKLM\\SOFTWARE\\Hp\\Cat"
	value = "Old"
	presence = "forbidden"
}
setting "b" {
	key = "HKCU\\Software\\Hp\\Cat"
	value = "N"
	type = "dword"
	data = "3"
}
setting "bin" {
	key = "HKCU\\Software\\Hp\\Cat"
	value = "Blob"
	type = "binary"
	data = "01,02"
}
POL
expect_exit 0 hp bundle -p p.conf -o pb
assert_contains err.txt "REG_BINARY"
expect_exit 0 hp template lint pb/PolicyDefinitions/p.admx
assert_contains out.txt "0 errors, 0 warnings"
expect_exit 0 hp template show pb/PolicyDefinitions/p.admx
assert_contains out.txt 'Cat [Machine]'
assert_contains out.txt 'Cat_2 [User]'
printf 'setting "m" {\n\ttemplate = "pb/PolicyDefinitions/p.admx"\n\tpolicy = "Cat"\n}\nsetting "u" {\n\ttemplate = "pb/PolicyDefinitions/p.admx"\n\tpolicy = "Cat_2"\n}\n' > e.conf
rm -f SOFTWARE NTUSER.DAT
hp new --mount 'HKLM\SOFTWARE' SOFTWARE >/dev/null || fail new
hp new --mount HKCU NTUSER.DAT >/dev/null || fail new
hp set SOFTWARE 'HKLM\SOFTWARE\Hp\Cat' Old dword 1 >/dev/null || fail set
hp set NTUSER.DAT 'HKCU\Software\Hp\Cat' Blob binary 01,02 >/dev/null || fail set
expect_exit 1 hp check -p p.conf SOFTWARE NTUSER.DAT
expect_exit 0 hp apply -p e.conf SOFTWARE NTUSER.DAT
expect_exit 0 hp check -p p.conf SOFTWARE NTUSER.DAT
expect_exit 0 hp template state -t pb/p.adm SOFTWARE
assert_contains out.txt "Cat [HKLM]: Enabled"

# What ADM cannot quote stays out of both templates (the .reg keeps it).
printf 'setting "q" {\n\tkey = "HKLM\\\\SOFTWARE\\\\Hp"\n\tvalue = "Q"\n\ttype = "sz"\n\tdata = "say \\"hi\\""\n}\n' > q.conf
expect_exit 0 hp bundle -p q.conf -o qb
assert_contains err.txt "ADM cannot quote"
assert_contains err.txt "no templates written"
[ -s qb/q.reg ] && [ ! -e qb/q.adm ] && [ ! -e qb/PolicyDefinitions ] || fail "qb"
# Nor can XML hold a control character (a value name with \001 made the
# ADMX and ADML malformed): such a value stays out of the templates too.
printf 'setting "c" {\n\tkey = "HKLM\\\\SOFTWARE\\\\Hp"\n\tvalue = "C\001"\n\ttype = "dword"\n\tdata = "1"\n}\n' > c.conf
expect_exit 0 hp bundle -p c.conf -o cb
assert_contains err.txt "XML cannot hold it; left out of the templates"
[ -s cb/c.reg ] && [ ! -e cb/PolicyDefinitions ] || fail "cb"
# Text that only the ADMX writer sees (a rationale in the help text) is
# refused there: exit 2, no bundle, never a malformed file.
printf 'setting "r" {\n\tkey = "HKLM\\\\SOFTWARE\\\\Hp"\n\tvalue = "R"\n\ttype = "dword"\n\tdata = "1"\n\trationale = "why\001"\n}\n' > r.conf
expect_exit 2 hp bundle -p r.conf -o rb
assert_contains err.txt "a string holds a control character or bytes that are not UTF-8, which XML cannot hold"
[ ! -e rb ] || fail "a bundle with malformed XML was written"
exit 0
