# A path that does not exist is called missing, not something else:
# --image of a missing folder, --image of a file, and a missing input to
# check or diff (which used to be "not a hive, .reg, ... or GPO folder").
. "$TESTLIB"
pol=$(dirname "$TESTLIB")/../../policies/lcs-client.conf
[ -f "$pol" ] || fail "no $pol"
expect_exit 2 hp check -p "$pol" --image "$PWD/no/such/dir"
assert_contains err.txt "hivepol: Windows image: $PWD/no/such/dir: no such file or folder"
touch afile
expect_exit 2 hp apply -p "$pol" --image afile
assert_contains err.txt 'hivepol: Windows image: afile: not an image hivepol reads (a WIM, an NTFS volume, an MBR or GPT disk, a fixed VHD)'
expect_exit 2 hp check -p "$pol" no-such-hive
assert_contains err.txt 'hivepol: no-such-hive: No such file or directory'
expect_exit 2 hp diff no-a no-b
assert_contains err.txt 'no-a: No such file or directory'
# An existing file of no known format is still told as such.
echo hello > plain.txt
expect_exit 2 hp diff plain.txt plain.txt
assert_contains err.txt 'plain.txt: not a hive, .reg, Registry.pol file, GPO folder'
