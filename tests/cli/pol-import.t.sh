# import of Registry.pol files and GPO folders into an offline hive, in file
# order with the Registry extension's semantics; export --format pol.
. "$TESTLIB"
chrome=$TESTDATA/pol/shb-Chrome-Machine.pol
user=$TESTDATA/pol/shb-Windows-User.pol
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' SOFTWARE
# Settings the file's commands must remove.
expect_exit 0 hp set SOFTWARE 'Policies\Google\Chrome' NetworkPredictionOptions dword 1
expect_exit 0 hp set SOFTWARE 'Policies\Google\Chrome\CookiesSessionOnlyForUrls' old sz x
expect_exit 0 hp set SOFTWARE 'Policies\Google\Chrome\CookiesSessionOnlyForUrls\Sub' keep sz y
cp SOFTWARE before

# A class wrong for the hive puts every setting outside its mount:
# refused, hive untouched.  (Without --class the hive's mount tells the
# class: pol-class.)
expect_exit 2 hp import --class user SOFTWARE "$chrome"
assert_contains err.txt "nothing to import"
cmp SOFTWARE before || fail "hive changed by a failed import"

expect_exit 0 hp import --class machine SOFTWARE "$chrome"
expect_exit 0 hp get SOFTWARE 'Policies\Google\Chrome' DefaultSearchProviderName
assert_contains out.txt "Google Encrypted"
expect_exit 0 hp get SOFTWARE 'Policies\Google\Chrome\DisabledPlugins' 1
assert_contains out.txt "*"
# **del.NetworkPredictionOptions and **delvals. did their work; subkeys
# survive **delvals.
expect_exit 1 hp get SOFTWARE 'Policies\Google\Chrome' NetworkPredictionOptions
expect_exit 1 hp get SOFTWARE 'Policies\Google\Chrome\CookiesSessionOnlyForUrls' old
expect_exit 0 hp get SOFTWARE 'Policies\Google\Chrome\CookiesSessionOnlyForUrls\Sub' keep

# export --format pol, imported into a new hive, gives the same tree.
expect_exit 0 hp export --format pol SOFTWARE -o s.pol
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' S2
expect_exit 0 hp import --class machine S2 s.pol
expect_exit 0 hp export SOFTWARE -o a.reg
expect_exit 0 hp export S2 -o b.reg
cmp a.reg b.reg || fail "export/import through .pol changed the tree"

# A GPO folder: its HKLM part lands in SOFTWARE, the HKCU part is outside.
mkdir -p gpo/Machine gpo/User
cp "$chrome" gpo/Machine/Registry.pol
cp "$user" gpo/User/Registry.pol
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' S3
expect_exit 0 hp import S3 gpo
assert_contains err.txt "outside the hive's mount"
expect_exit 0 hp get S3 'Policies\Google\Chrome' DefaultSearchProviderName
# ...and into a user hive, the other way round.
expect_exit 0 hp new --mount 'HKCU' NTUSER.DAT
expect_exit 0 hp import NTUSER.DAT gpo
expect_exit 0 hp get NTUSER.DAT 'Software\Policies\Microsoft\Windows\Control Panel\Desktop' ScreenSaverIsSecure
assert_contains out.txt "1"

# A malformed file: exit 2 with its offset, the hive untouched.
head -c 300 "$chrome" > cut.pol
cp S3 s3.before
expect_exit 2 hp import --class machine S3 cut.pol
assert_contains err.txt "cut.pol: offset "
cmp S3 s3.before || fail "hive changed"
