# convert between Registry.pol and .reg, both directions; Registry.pol to
# Registry.pol keeps the entries as they are.
. "$TESTLIB"
tab=$(printf '\t')
user=$TESTDATA/pol/shb-Windows-User.pol
chrome=$TESTDATA/pol/shb-Chrome-Machine.pol

# .pol -> .reg: the class decides the root (checked against the bytes of
# the file, see pol-show.t.sh).
expect_exit 0 hp convert --class user "$user" -o u.reg
iconv -f UTF-16LE -t UTF-8 u.reg | tr -d '\r' | sed '1s/^\xef\xbb\xbf//' > u.txt
cat > want.txt <<'EOT'
Windows Registry Editor Version 5.00

[HKEY_CURRENT_USER\Software\Policies\Microsoft\Windows\Control Panel\Desktop]
"ScreenSaverIsSecure"="1"
"ScreenSaveActive"="1"

[HKEY_CURRENT_USER\Software\Policies\Microsoft\Windows\CurrentVersion\PushNotifications]
"NoToastApplicationNotificationOnLockScreen"=dword:00000001

EOT
cmp u.txt want.txt || { diff want.txt u.txt; fail ".pol -> .reg"; }
# ... and back: the same bytes (GPMC wrote the original).
expect_exit 0 hp convert u.reg -o u.pol
cmp u.pol "$user" || fail ".reg -> .pol is not the original"
# The class is needed when the path does not tell.
expect_exit 2 hp convert "$user" -o x.reg
assert_contains err.txt "use --class machine|user"
[ -e x.reg ] && fail "partial output"
mkdir -p gpo/User && cp "$user" gpo/User/Registry.pol
expect_exit 0 hp convert gpo/User/Registry.pol -o u2.reg
cmp u.reg u2.reg || fail "class from the path"

# **delvals. has no .reg form: an error, nothing written.
expect_exit 2 hp convert --class machine "$chrome" -o c.reg
assert_contains err.txt "delete-all-values"
assert_contains err.txt "has no .reg form"
[ -e c.reg ] && fail "partial output"

# .pol -> .pol copies the entries: byte for byte, commands where they were.
expect_exit 0 hp convert "$chrome" -o c.pol
cmp c.pol "$chrome" || fail ".pol -> .pol changed the file"

# .reg -> .pol: commands, deletions and key deletions.
printf '%s\r\n' 'Windows Registry Editor Version 5.00' '' \
    '[HKEY_LOCAL_MACHINE\Software\Policies\T]' '"A"=dword:00000001' \
    '"B"=-' '"S"="x"' '' '[-HKEY_LOCAL_MACHINE\Software\Policies\T\Old]' \
    '' '[HKEY_LOCAL_MACHINE\Software\Policies\Empty]' '' > m.reg
expect_exit 0 hp convert m.reg -o m.pol
expect_exit 0 hp show m.pol --class machine
cat > want.txt <<EOT
Computer${tab}Software\\Policies\\T${tab}A${tab}DWORD:1
Computer${tab}Software\\Policies\\T${tab}B${tab}DELETE
Computer${tab}Software\\Policies\\T${tab}S${tab}SZ:x
Computer${tab}Software\\Policies\\T${tab}*${tab}DELETEKEYS:Software\\Policies\\T\\Old
Computer${tab}Software\\Policies\\Empty${tab}*${tab}CREATEKEY
EOT
cmp out.txt want.txt || { diff want.txt out.txt; fail ".reg -> .pol entries"; }
# Both classes do not fit one Registry.pol.
printf '%s\r\n' 'Windows Registry Editor Version 5.00' '' \
    '[HKEY_LOCAL_MACHINE\Software\A]' '"A"=dword:00000001' '' \
    '[HKEY_CURRENT_USER\Software\B]' '"B"=dword:00000001' '' > both.reg
expect_exit 2 hp convert both.reg -o both.pol
assert_contains err.txt "both HKLM and HKCU"
[ -e both.pol ] && fail "partial output"
exit 0
