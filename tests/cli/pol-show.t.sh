# hivepol show: Registry.pol entries one per line (checked by hand against
# the bytes, see tests/data/MANIFEST), JSON, class labels, bad input.
. "$TESTLIB"
tab=$(printf '\t')
user=$TESTDATA/pol/shb-Windows-User.pol
chrome=$TESTDATA/pol/shb-Chrome-Machine.pol

expect_exit 0 hp show --class user "$user"
cat > want.txt <<EOT
User${tab}Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop${tab}ScreenSaverIsSecure${tab}SZ:1
User${tab}Software\\Policies\\Microsoft\\Windows\\Control Panel\\Desktop${tab}ScreenSaveActive${tab}SZ:1
User${tab}Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\PushNotifications${tab}NoToastApplicationNotificationOnLockScreen${tab}DWORD:1
EOT
cmp out.txt want.txt || { diff want.txt out.txt; fail "show output"; }

# The class from a GPO path, any case.
mkdir -p gpo/MACHINE && cp "$chrome" gpo/MACHINE/registry.pol
expect_exit 0 hp show gpo/MACHINE/registry.pol
assert_contains out.txt "Computer${tab}Software\\Policies\\Google\\Chrome${tab}NetworkPredictionOptions${tab}DELETE"
assert_contains out.txt "Computer${tab}Software\\Policies\\Google\\Chrome\\CookiesSessionOnlyForUrls${tab}*${tab}DELETEALLVALUES"
assert_contains out.txt "Computer${tab}Software\\Policies\\Google\\Chrome${tab}DefaultSearchProviderName${tab}SZ:Google Encrypted"
[ "$(wc -l < out.txt)" -eq 45 ] || fail "expected 45 entries"

expect_exit 0 hp show --json --class machine "$chrome"
assert_contains out.txt '"command": "delete-all-values"'
assert_contains out.txt '"command": "delete-value"'
assert_contains out.txt '"value_name": "NetworkPredictionOptions"'
assert_contains out.txt '"offset": 2396'
assert_contains out.txt '"class": "machine"'

# Bad input: exit 2, one error naming the byte offset.
printf 'PRei\001\000\000\000' > bad.pol
expect_exit 2 hp show bad.pol
assert_contains err.txt "bad.pol: offset 0: not a Registry.pol file"
printf 'PReg\002\000\000\000' > v2.pol
expect_exit 2 hp show v2.pol
assert_contains err.txt "offset 4: Registry.pol version 2"
head -c 100 "$chrome" > cut.pol
expect_exit 2 hp show cut.pol
assert_contains err.txt "cut.pol: offset "
assert_contains err.txt "truncated"
# A 2 GB size field.
printf 'PReg\001\000\000\000[\000K\000\000\000;\000V\000\000\000;\000\004\000\000\000;\000\377\377\377\177;\000\001\000\000\000]\000' > huge.pol
expect_exit 2 hp show huge.pol
assert_contains err.txt "offset 28: data size 2147483647 runs past the end"
# Missing ']'.
printf 'PReg\001\000\000\000[\000K\000\000\000;\000V\000\000\000;\000\004\000\000\000;\000\004\000\000\000;\000\001\000\000\000' > open.pol
expect_exit 2 hp show open.pol
assert_contains err.txt "offset 38: entry truncated"
expect_exit 2 hp show --class both "$chrome"
assert_contains err.txt "--class takes machine or user"

# A GPO folder: both sides, machine first, names in any case.
mkdir -p g/MACHINE g/user
cp "$chrome" g/MACHINE/registry.pol
cp "$user" g/user/Registry.POL
printf '[General]\r\nVersion=65537\r\n' > g/GPT.INI
expect_exit 0 hp show g
[ "$(wc -l < out.txt)" -eq 48 ] || fail "expected 45 + 3 entries"
head -n 1 out.txt | grep -q "^Computer${tab}" || fail "machine side first"
tail -n 1 out.txt | grep -q "^User${tab}.*NoToastApplicationNotificationOnLockScreen${tab}DWORD:1\$" ||
	fail "user side last"
# An image's local GPO.
mkdir -p img/Windows/System32 && mv g img/Windows/System32/GroupPolicy
expect_exit 0 hp show img
[ "$(wc -l < out.txt)" -eq 48 ] || fail "image: expected 48 entries"
mkdir empty
expect_exit 2 hp show empty
assert_contains err.txt "not a GPO folder"
