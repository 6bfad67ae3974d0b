# apply --to-gpo: the policy into a GPO folder's Registry.pol files and
# gpt.ini instead of hives.  A new folder is made; an existing GPO keeps
# its other entries; a second run has nothing to do; --dry-run writes
# nothing.
. "$TESTLIB"
pol="$TESTDATA/../../policies/lcs-client.conf"
expect_exit 1 hp apply --dry-run -p "$pol" --to-gpo new
[ ! -e new ] || fail "dry run made the folder"
assert_contains out.txt '+ HKLM\SOFTWARE\Policies\Microsoft\Windows\RTC\PortRange\MinSipDynamicPort  REG_DWORD 0x00001bbc (7100)'
expect_exit 0 hp apply -p "$pol" --to-gpo new
for f in new/Machine/Registry.pol new/User/Registry.pol new/gpt.ini; do
	[ -s "$f" ] || fail "$f missing"
done
assert_contains new/gpt.ini 'Version=65537'
expect_exit 0 hp check -p "$pol" new
assert_contains out.txt "15 of 15 checks compliant; compliant"
expect_exit 0 hp apply -p "$pol" --to-gpo new
assert_contains out.txt "nothing to do"
assert_contains new/gpt.ini 'Version=65537'

# An existing GPO with another setting and a drifted port: only the
# Machine side changes, the other setting stays.
cat > x.reg <<'REG'
Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Other]
"Keep"=dword:00000005

[HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\RTC\PortRange]
"MinSipDynamicPort"=dword:00001770
REG
expect_exit 0 hp convert --format gpo x.reg -o old
[ -s old/Machine/Registry.pol ] || fail "convert made no GPO"
ver=$(grep '^Version=' old/gpt.ini)
expect_exit 1 hp check -p "$pol" old
expect_exit 0 hp apply -p "$pol" --to-gpo old
assert_contains out.txt '~ HKLM\SOFTWARE\Policies\Microsoft\Windows\RTC\PortRange\MinSipDynamicPort  REG_DWORD 0x00001770 (6000) -> REG_DWORD 0x00001bbc (7100)'
[ "$(grep '^Version=' old/gpt.ini)" != "$ver" ] || fail "version not raised"
expect_exit 0 hp check -p "$pol" old
hp new --mount 'HKLM\SOFTWARE' SOFTWARE >/dev/null || fail new
expect_exit 0 hp import SOFTWARE old/Machine/Registry.pol
[ "$(hp get SOFTWARE 'HKLM\SOFTWARE\Policies\Other' Keep 2>&1)" != "" ] || fail "Keep lost"
hp get SOFTWARE 'HKLM\SOFTWARE\Policies\Other' Keep | grep -q 5 || fail "Keep lost"

# --format reg prints the plan; --to-gpo takes no other target.
expect_exit 0 hp apply --dry-run --format reg -p "$pol" --to-gpo old
expect_exit 2 hp apply -p "$pol" --to-gpo old SOFTWARE
exit 0
