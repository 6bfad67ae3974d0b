# bundle: Machine/Registry.pol and User/Registry.pol (with gpt.ini), each
# imported into a fresh hive, make check report the policy compliant; the
# GPO folder itself checks compliant; Samba's parser reads the entries the
# policy asks for.
. "$TESTLIB"
pol="$TESTDATA/../../policies/lcs-client.conf"
expect_exit 0 hp bundle -p "$pol" -o b
for f in Machine/Registry.pol User/Registry.pol gpt.ini; do
	[ -s "b/$f" ] || fail "b/$f missing"
	assert_contains out.txt "  $f"
done
# Registry extension listed for both sides; one change on each (1 + 65536).
assert_contains b/gpt.ini 'Version=65537'
assert_contains b/gpt.ini 'gPCMachineExtensionNames=[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}'
assert_contains b/README.txt 'gpupdate'

hp new --mount 'HKLM\SOFTWARE' SOFTWARE >/dev/null || fail new
hp new --mount HKCU NTUSER.DAT >/dev/null || fail new
expect_exit 1 hp check -p "$pol" SOFTWARE NTUSER.DAT
expect_exit 0 hp import SOFTWARE b/Machine/Registry.pol
expect_exit 0 hp import NTUSER.DAT b/User/Registry.pol
expect_exit 0 hp check -p "$pol" SOFTWARE NTUSER.DAT
assert_contains out.txt "15 of 15 checks compliant; compliant"
# The folder as a GPO target.
expect_exit 0 hp check -p "$pol" b
assert_contains out.txt "compliant"

py=$(debian_python) || skip "no /usr/bin/python3"
"$py" -c 'from samba.gp_parse.gp_pol import GPPolParser' 2>/dev/null ||
	skip "python3-samba is not installed"
"$py" - b/Machine/Registry.pol b/User/Registry.pol <<'EOPY' || fail "Samba reads other entries"
import sys
from samba.gp_parse.gp_pol import GPPolParser

def entries(path):
    p = GPPolParser()
    p.parse(open(path, 'rb').read())
    return {(e.keyname, e.valuename): (e.type, e.data) for e in p.pol_file.entries}

m = entries(sys.argv[1])
rtc = 'SOFTWARE\\Policies\\Microsoft\\Windows\\RTC\\PortRange'
want = {'Enabled': 1, 'MinSipDynamicPort': 7100, 'MaxSipDynamicPort': 7103,
        'MinMediaPort': 5350, 'MaxMediaPort': 5353}
for name, v in want.items():
    if m.get((rtc, name)) != (4, v):
        sys.exit("%s: %r" % (name, m.get((rtc, name))))
u = entries(sys.argv[2])
pm = 'Software\\Microsoft\\Office\\11.0\\Common\\PersonaMenu'
if u.get((pm, 'QueryServiceForStatus')) != (4, 2):
    sys.exit("QueryServiceForStatus: %r" % u.get((pm, 'QueryServiceForStatus')))
if len(m) != 6 or len(u) != 2:
    sys.exit("entries: %d machine, %d user" % (len(m), len(u)))
EOPY
exit 0
