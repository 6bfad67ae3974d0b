# Writing a GPO folder: Machine/ and User/ Registry.pol from one patch, and
# gpt.ini created or updated (Version halves, Registry extension listed,
# other extensions kept).  Values derived by hand from [MS-GPOL] 3.3.5.4.
. "$TESTLIB"
reg='{35378EAC-683F-11D2-A89A-00C04FBBCFA2}'
mtool='{D02B1F72-3407-48AE-BA88-E8213C6761F1}'
utool='{D02B1F73-3407-48AE-BA88-E8213C6761F1}'
sec='{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}'
cr=$(printf '\r')
mkreg() {	# mkreg FILE MACHINE-DWORD
	printf '%s\r\n' 'Windows Registry Editor Version 5.00' '' \
	    '[HKEY_LOCAL_MACHINE\Software\Policies\T]' "\"M\"=dword:0000000$2" \
	    '' '[HKEY_CURRENT_USER\Software\Policies\T]' '"U"="text"' '' > "$1"
}
mkreg both.reg 1
mkdir gpo
expect_exit 0 hp convert both.reg -o gpo
[ -f gpo/Machine/Registry.pol ] && [ -f gpo/User/Registry.pol ] || fail "no .pol files"
printf '%s\r\n' '[General]' 'Version=65537' \
    "gPCMachineExtensionNames=[$reg$mtool]" \
    "gPCUserExtensionNames=[$reg$utool]" > want.ini
cmp gpo/gpt.ini want.ini || { diff want.ini gpo/gpt.ini; fail "new gpt.ini"; }
expect_exit 0 hp show gpo
[ "$(wc -l < out.txt)" -eq 2 ] || fail "expected 2 entries"
assert_contains out.txt "Computer	Software\\Policies\\T	M	DWORD:1"
assert_contains out.txt "User	Software\\Policies\\T	U	SZ:text"

# The same settings again: nothing changes, the version stays.
expect_exit 0 hp convert both.reg -o gpo
cmp gpo/gpt.ini want.ini || fail "unchanged GPO, changed gpt.ini"
# A machine change raises the low half only.
mkreg both2.reg 2
expect_exit 0 hp convert --format gpo both2.reg -o gpo
assert_contains gpo/gpt.ini "Version=65538$cr"

# An existing gpt.ini: other keys and extensions kept, lists sorted.
mkdir -p g2/Machine
printf '%s\r\n' '[General]' 'displayName=Baseline' 'Version=5' \
    "gPCMachineExtensionNames=[$sec]" > g2/GPT.INI
printf '%s\r\n' 'Windows Registry Editor Version 5.00' '' \
    '[HKEY_LOCAL_MACHINE\Software\Policies\T]' '"M"=dword:00000001' '' > m.reg
expect_exit 0 hp convert m.reg -o g2
printf '%s\r\n' '[General]' 'displayName=Baseline' 'Version=6' \
    "gPCMachineExtensionNames=[$reg$mtool][$sec]" > want2.ini
cmp g2/GPT.INI want2.ini || { diff want2.ini g2/GPT.INI; fail "updated gpt.ini"; }
[ -e g2/gpt.ini ] && [ ! g2/gpt.ini -ef g2/GPT.INI ] && fail "second gpt.ini"
[ -e g2/User ] && fail "User/ created for a machine-only change"

# A broken extension list is an error, and nothing is half-written.
printf '[General]\r\nVersion=1\r\ngPCMachineExtensionNames=[{bad\r\n' > g2/GPT.INI
cp g2/GPT.INI bad.ini
sed 's/00000001/00000003/' m.reg > m3.reg
expect_exit 2 hp convert m3.reg -o g2
cmp g2/GPT.INI bad.ini || fail "broken gpt.ini rewritten"
assert_contains err.txt "cannot parse the extension list"
# Other roots do not belong in a GPO.
printf '%s\r\n' 'Windows Registry Editor Version 5.00' '' \
    '[HKEY_USERS\S-1-5-18\X]' '"A"=dword:00000001' '' > hku.reg
expect_exit 2 hp convert --format gpo hku.reg -o g3
assert_contains err.txt "HKLM (Machine) and HKCU (User) settings only"
[ -e g3 ] && fail "GPO folder created despite the error"

# Samba reads what hivepol wrote: the entries and gpt.ini's version.
py=$(debian_python) && "$py" -c 'import samba.gp_parse.gp_pol' 2>/dev/null || exit 0
"$py" - gpo <<'EOPY' || fail "Samba disagrees"
import sys
from samba.gp_parse.gp_pol import GPPolParser
from samba.gp_parse.gp_ini import GPTIniParser
d = sys.argv[1]
seen = []
for side in ('Machine', 'User'):
    p = GPPolParser()
    p.parse(open('%s/%s/Registry.pol' % (d, side), 'rb').read())
    seen += [(side, e.keyname, e.valuename, e.type, e.data) for e in p.pol_file.entries]
want = [('Machine', 'Software\\Policies\\T', 'M', 4, 2),
        ('User', 'Software\\Policies\\T', 'U', 1, 'text')]
if seen != want:
    sys.exit('entries: %r' % seen)
ini = GPTIniParser()
ini.parse(open(d + '/gpt.ini', 'rb').read())
v = ini.ini_conf.get('General', 'Version')
if v != '65538':
    sys.exit('Version %r' % v)
EOPY
