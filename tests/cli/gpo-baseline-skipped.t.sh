# policy import (and check --baseline) of a GPO whose Registry.pol
# deletes every value of a key (**delvals.) or a whole key
# (**DeleteKeys): a policy setting names one value, so neither can be a
# setting (docs/policy-language.md); each such entry is named, with its
# file, offset and key, in a warning and in a comment of the policy
# file written.  Offsets and keys are read from the files by hand.
. "$TESTLIB"
need_shared
t0x="$SHARED/corpus/gpo/t0x01-gpo/{C225A014-F2A4-482B-9C30-0F3A6BA90A5C}"
pol="$t0x/DomainSysvol/GPO/Machine/registry.pol"
[ -f "$pol" ] || skip "not in the corpus: $pol"
key='Software\Policies\Microsoft\Windows\PowerShell\ModuleLogging\ModuleNames'
# The entry by hand: [MS-GPREG] 2.2.1, UTF-16LE "[" KEY NUL ";" "**delvals."
# NUL ..., so it starts 2 * (1 + length(KEY) + 2) bytes before its name.
iconv -c -f UTF-16LE -t UTF-8 "$pol" | tr -c '[:print:]' '\n' |
    grep -A1 -Fx "][$key" | grep -qx ';\*\*delvals\.' ||
    fail "$pol: no **delvals. on $key"
at=$(grep -obUaP '\*\x00\*\x00d\x00e\x00l\x00v\x00a\x00l\x00s\x00\.' "$pol" | cut -d: -f1)
[ "$(echo "$at" | wc -l)" -eq 1 ] || fail "one **delvals. expected: $at"
off=$((at - 2 * (1 + ${#key} + 2)))
line="DomainSysvol/GPO/Machine/registry.pol, offset $off: **delvals. HKLM\\$key (every value of the key deleted)"

expect_exit 0 hp policy import "$t0x" -o t0x.conf
assert_contains err.txt "warning: $line: not checked: a policy setting names one value"
assert_contains t0x.conf "# Not checked: 1 Registry.pol entry that no setting can state"
assert_contains t0x.conf "#   $line"
expect_exit 0 hp policy lint t0x.conf
# check --baseline says the same.
expect_exit 0 hp check --baseline "$t0x" "$t0x"
assert_contains err.txt "warning: $line: not checked"

# **DeleteKeys: a .reg's key deletion, in a GPO folder written from it.
printf 'Windows Registry Editor Version 5.00\r\n\r\n[-HKEY_LOCAL_MACHINE\\Software\\Policies\\Example\\Old]\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\Policies\\Example]\r\n"Keep"=dword:00000001\r\n' > d.reg
expect_exit 0 hp convert --format gpo d.reg -o gpo
iconv -c -f UTF-16LE -t UTF-8 gpo/Machine/Registry.pol | tr -c '[:print:]' '\n' |
    grep -q '^;\*\*DeleteKeys' || fail "no **DeleteKeys written"
expect_exit 0 hp policy import gpo -o d.conf
assert_contains err.txt ': **DeleteKeys HKLM\Software\Policies\Example\Old (the key deleted): not checked'
assert_contains d.conf ': **DeleteKeys HKLM\Software\Policies\Example\Old (the key deleted)'
assert_contains d.conf 'value = "Keep"'
expect_exit 0 hp policy lint d.conf
exit 0
