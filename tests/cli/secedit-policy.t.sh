# Policies with "security" requirements, checked against real security
# templates and audit policies (values checked by hand in the files), not
# covered by hives (exit 4 unless --allow-uncovered), never applied.
. "$TESTLIB"
need_shared
corpus=$SHARED/corpus/gpo
nt="$corpus/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}/DomainSysvol/GPO/Machine/microsoft/windows nt"
tsumi=$corpus/tsumihara-stig/GptTmpl.inf
cat > p.conf <<'EOT'
description = "password and audit baseline"
security "min-password-length" {
	section = "System Access"
	name = "MinimumPasswordLength"
	min = 14
	rationale = "CIS 1.1.4"
}
security "debug-admins" {
	section = "privilege rights"
	name = "SeDebugPrivilege"
	value = "*S-1-5-32-544"
}
security "global-objects" {
	section = "Privilege Rights"
	name = "SeCreateGlobalPrivilege"
	value = "*S-1-5-6, *S-1-5-20,*S-1-5-19 ,*S-1-5-32-544"
}
security "no-guest-rename" {
	section = "System Access"
	name = "NewGuestName"
	presence = "forbidden"
	severity = "warning"
}
security "audit-logon" {
	section = "Audit Policy"
	name = "{0CCE9215-69AE-11D9-BED3-505054503030}"
	value = "3"
}
EOT
expect_exit 0 hp policy lint p.conf

# NSA SHB: MinimumPasswordLength = 14, SeDebugPrivilege = *S-1-5-32-544,
# SeCreateGlobalPrivilege the same four SIDs in another order, NewGuestName
# = "Visitor"; audit.csv: Audit Logon 3.
expect_exit 1 hp check -p p.conf "$nt/SecEdit/GptTmpl.inf" "$nt/Audit/audit.csv"
assert_contains out.txt '4 of 5 checks compliant: 1 forbidden-present; not compliant'
assert_contains out.txt 'expected absent, actual "Visitor"'
expect_exit 1 hp check --format json -p p.conf "$nt/SecEdit/GptTmpl.inf" "$nt/Audit/audit.csv"
tr -d '\n ' < out.txt > flat.txt
assert_contains flat.txt '"check":"audit-logon","target":"'
assert_contains flat.txt '"path":"AuditPolicy/{0CCE9215-69AE-11D9-BED3-505054503030}","value":null,"expected":"3","actual":"3","message":"compliant"'
assert_contains flat.txt '"defined_at":"p.conf:24"'
# Tsumihara: MinimumPasswordLength = 8; no audit policy given.
expect_exit 1 hp check -p p.conf "$tsumi"
assert_contains out.txt 'expected >= 14, actual 8'
assert_contains out.txt 'no target holds this setting (Windows keeps it outside the registry hives); it needs an audit policy (audit.csv)'

# A hive holds none of them: not covered (exit 4), or accepted as such.
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' SOFTWARE
expect_exit 4 hp check -p p.conf SOFTWARE
assert_contains out.txt '5 not covered by any target'
expect_exit 0 hp check --allow-uncovered -p p.conf SOFTWARE
assert_contains out.txt 'compliant as far as covered'

# apply writes registry settings only, and says so for the rest.
cat > both.conf <<'EOT'
setting "x" {
	key = "HKLM\\SOFTWARE\\Test"
	value = "X"
	type = "dword"
	data = "1"
}
security "len" {
	section = "System Access"
	name = "MinimumPasswordLength"
	value = "14"
}
EOT
expect_exit 0 hp apply -p both.conf SOFTWARE
assert_contains err.txt 'both.conf:7: security "len" (System Access/MinimumPasswordLength): not applied offline'
expect_exit 0 hp get SOFTWARE Test X

# Errors name the line.
printf 'security "a" {\n\tsection = "System Access"\n}\n' > bad.conf
expect_exit 2 hp policy lint bad.conf
assert_contains err.txt 'bad.conf:1: security "a": needs section and name'
printf 'security "a" {\n\tsection = "S"\n\tname = "N"\n\tmin = 5\n\tmax = 4\n}\n' > bad.conf
expect_exit 2 hp policy lint bad.conf
assert_contains err.txt 'bad.conf:4: security "a": min 5 is above max 4'
printf 'security "a" {\n\tsection = "S"\n\tname = "N"\n\tvalue = "1"\n\tpresence = "forbidden"\n}\n' > bad.conf
expect_exit 2 hp policy lint bad.conf
assert_contains err.txt 'bad.conf:5: security "a": a forbidden setting has no value'
printf 'security "a" {\n\tsection = "S"\n\tname = "N"\n\tpresence = "maybe"\n}\n' > bad.conf
expect_exit 2 hp policy lint bad.conf
assert_contains err.txt 'bad.conf:4: security "a": presence must be'
printf 'setting "a" {\n\tkey = "HKLM\\\\SOFTWARE\\\\X"\n\tvalue = "v"\n\ttype = "dword"\n}\nsecurity "a" {\n\tsection = "S"\n\tname = "N"\n}\n' > bad.conf
expect_exit 2 hp policy lint bad.conf
assert_contains err.txt 'bad.conf:6: security "a": a setting or rule has that name'
