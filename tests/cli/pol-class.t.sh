# One way to say which class a Registry.pol is (issue 14): --class in
# every command that reads one, else, in this order, its folder (Machine
# or User), its own keys where only one class has them, the mount of the
# hive it goes into; the rule that chose is named in a warning.  Expected
# classes are worked out by hand from the files (../shared/corpus/pol/shb:
# Windows-A2A38432-Machine.pol's first key outside Software, at offset
# 14440, is System\CurrentControlSet\Control\SecurityProviders\WDigest).
. "$TESTLIB"
chrome=$TESTDATA/pol/shb-Chrome-Machine.pol	# all keys under Software
user=$TESTDATA/pol/shb-Windows-User.pol
T=$(dirname "$TESTLIB")/../../templates/rtc.admx

# The hive's mount: SOFTWARE is the machine's, NTUSER.DAT a user's.
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' SOFTWARE
expect_exit 0 hp import SOFTWARE "$chrome"
assert_contains err.txt "shb-Chrome-Machine.pol: read as a machine Registry.pol (HKLM) because it is used with SOFTWARE, a hive of HKLM"
assert_contains out.txt "0 outside the mount"
[ "$(hp get SOFTWARE 'Policies\Google\Chrome' DefaultSearchProviderName)" = "Google Encrypted" ] ||
	fail "machine settings not imported"
expect_exit 0 hp new --mount HKCU NTUSER.DAT
expect_exit 0 hp import NTUSER.DAT "$user"
assert_contains err.txt "shb-Windows-User.pol: read as a user Registry.pol (HKCU) because it is used with NTUSER.DAT, a hive of HKCU"
assert_contains out.txt "0 outside the mount"
# --class wins, silently: the machine file's keys then lie outside HKCU.
expect_exit 2 hp import --class user SOFTWARE "$chrome"
assert_contains err.txt "nothing to import"
assert_not_contains err.txt "read as a"

# The folder: Machine/ and User/ (any case), file name Registry.pol.
mkdir -p g/MACHINE g/user
cp "$user" g/MACHINE/Registry.pol
cp "$user" g/user/registry.pol
expect_exit 0 hp convert g/MACHINE/Registry.pol -o m.reg
assert_contains err.txt "g/MACHINE/Registry.pol: read as a machine Registry.pol (HKLM) because its folder is named Machine"
K='Software\Policies\Microsoft\Windows\Control Panel\Desktop'
iconv -f UTF-16LE -t UTF-8 m.reg > m.txt
assert_contains m.txt "[HKEY_LOCAL_MACHINE\\$K]"
expect_exit 0 hp convert g/user/registry.pol -o u.reg
assert_contains err.txt "because its folder is named User"
iconv -f UTF-16LE -t UTF-8 u.reg > u.txt
assert_contains u.txt "[HKEY_CURRENT_USER\\$K]"
# The folder comes before the hive's mount.
expect_exit 2 hp import SOFTWARE g/user/registry.pol
assert_contains err.txt "because its folder is named User"
assert_contains err.txt "nothing to import"

# The file's own keys, where they tell.
need_shared
win=$SHARED/corpus/pol/shb/Windows-A2A38432-Machine.pol
expect_exit 0 hp convert "$win" -o w.reg
assert_contains err.txt "Windows-A2A38432-Machine.pol: read as a machine Registry.pol (HKLM) because its key System\\CurrentControlSet\\Control\\SecurityProviders\\WDigest exists only in HKLM"
iconv -f UTF-16LE -t UTF-8 w.reg > w.txt
assert_contains w.txt '[HKEY_LOCAL_MACHINE\System\CurrentControlSet\Control\SecurityProviders\WDigest]'
# Synthetic ones: a key HKLM cannot have (nothing is created directly
# below HKLM), and both kinds at once.
# shellcheck disable=SC2016
mkpol() {	# mkpol FILE KEY...: a REG_DWORD "v"=1 under each key
	python3 - "$@" <<'EOF'
import struct, sys
u = lambda s: (s + "\0").encode("utf-16-le")
with open(sys.argv[1], "wb") as f:
    f.write(b"PReg\1\0\0\0")
    for k in sys.argv[2:]:
        f.write("[".encode("utf-16-le") + u(k) + ";".encode("utf-16-le") +
                u("v") + ";".encode("utf-16-le") + struct.pack("<I", 4) +
                ";".encode("utf-16-le") + struct.pack("<I", 4) +
                ";".encode("utf-16-le") + struct.pack("<I", 1) +
                "]".encode("utf-16-le"))
EOF
}
mkpol cp.pol 'Software\Policies\X' 'Control Panel\Desktop' || fail mkpol
mkpol both.pol 'Control Panel\Desktop' 'SYSTEM\CurrentControlSet\Services\X' || fail mkpol
expect_exit 0 hp convert cp.pol -o cp.reg
assert_contains err.txt "cp.pol: read as a user Registry.pol (HKCU) because its key Control Panel\\Desktop exists only in HKCU"
iconv -f UTF-16LE -t UTF-8 cp.reg > cp.txt
assert_contains cp.txt '[HKEY_CURRENT_USER\Control Panel\Desktop]'
# The keys come before the hive's mount.
expect_exit 2 hp import SOFTWARE cp.pol
assert_contains err.txt "because its key Control Panel\\Desktop exists only in HKCU"
expect_exit 2 hp convert both.pol -o both.reg
assert_contains err.txt "both.pol: cannot tell whether this Registry.pol is for the machine (HKLM) or the user (HKCU): its keys are of both classes (SYSTEM\\CurrentControlSet\\Services\\X only in HKLM, Control Panel\\Desktop only in HKCU); use --class machine|user"
[ -e both.reg ] && fail "convert wrote a refused file"
expect_exit 0 hp convert --class user both.pol -o both.reg
assert_not_contains err.txt "read as a"

# Nothing tells: one error naming why, and --class in every command.
cp "$user" u.pol
cp "$chrome" c.pol
# A hive of HKCR tells no class either.
expect_exit 2 hp import --mount HKCR SOFTWARE u.pol
assert_contains err.txt "u.pol: cannot tell whether this Registry.pol"
for cmd in "convert u.pol -o c.reg" "diff c.pol SOFTWARE" \
    "check -p $(dirname "$TESTLIB")/../../policies/lcs-client.conf c.pol" \
    "template state -t $T c.pol"; do
	# shellcheck disable=SC2086
	expect_exit 2 hp $cmd
	assert_contains err.txt ".pol: cannot tell whether this Registry.pol is for the machine (HKLM) or the user (HKCU): none of its keys exists in only one class (Software and System are in both); use --class machine|user"
	# shellcheck disable=SC2086
	hp $cmd --class machine > out.txt 2> err.txt
	[ $? -ne 2 ] || fail "$cmd --class machine: $(cat err.txt)"
	assert_not_contains err.txt "cannot tell"
done
# apply writes hives only: it says so rather than ask for a class.
expect_exit 2 hp apply -p "$(dirname "$TESTLIB")/../../policies/lcs-client.conf" c.pol
assert_contains err.txt "c.pol: apply writes hives, and this is a pol file"
assert_not_contains err.txt "cannot tell"
expect_exit 0 hp show c.pol
assert_contains out.txt "Unknown	Software\Policies\Google\Chrome	DefaultSearchProviderName	SZ:Google Encrypted"
expect_exit 0 hp show --class machine c.pol
assert_contains out.txt "Computer	Software\Policies\Google\Chrome	DefaultSearchProviderName	SZ:Google Encrypted"

# template state of a .pol: its class only, read as --class says.
A=$SHARED/corpus/admx/shb/chrome.admx
expect_exit 0 hp template state --class machine -t "$A" c.pol
assert_contains out.txt "DefaultSearchProviderName [HKLM]: Enabled"
assert_contains out.txt "  DefaultSearchProviderName: Google Encrypted"
assert_contains out.txt "PasswordManagerEnabled [HKLM]: Disabled"
assert_not_contains out.txt "[HKCU]"
expect_exit 0 hp template state --class user -t "$A" c.pol
assert_contains out.txt "DefaultSearchProviderName [HKCU]: Enabled"
assert_not_contains out.txt "[HKLM]"
exit 0
