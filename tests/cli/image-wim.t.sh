# --image FILE.wim[:IMAGE]: WIMs captured by wimlib's own tools from
# folders holding real corpus hives (names in odd case), read and patched
# in place; results checked with wimdir, wimextract and hivexget.
. "$TESTLIB"
need_shared
PATH=$PATH:/usr/sbin:/sbin
need_cmd wimcapture
need_cmd hivexget
pol="$TESTDATA/../../policies/lcs-client.conf"
hives="$SHARED/corpus/hives"
export TMPDIR="$PWD/tmp"
mkdir tmp
quiet() { "$@" > /dev/null 2>&1 || fail "$*"; }

mkdir -p t/WINDOWS/system32/Config t/Users/Default t/Users/alice
cp "$hives/hivex/minimal" t/WINDOWS/system32/Config/software
cp "$hives/regipy/SYSTEM" t/WINDOWS/system32/Config/SYSTEM
cp "$hives/regipy/NTUSER.DAT" t/Users/Default/ntuser.dat
cp "$hives/regipy/NTUSER.DAT" t/Users/alice/NTUSER.DAT
chmod -R u+w t
quiet wimcapture t one.wim "base"

# Read: only the hives the policy reaches are staged (not SYSTEM).
expect_exit 1 hp check --format json -p "$pol" --image one.wim
/usr/bin/python3 - out.txt <<'X' || fail "wim targets"
import json, sys
d = json.load(open(sys.argv[1]))
t = sorted((x["source"], x["mount"]) for x in d["targets"])
assert t == [("one.wim/Users/Default/ntuser.dat", "HKCU"),
             ("one.wim/WINDOWS/system32/Config/software", "HKLM\\SOFTWARE")], t
X
# The stage is private while it lives and gone afterwards.
[ -z "$(ls -A tmp)" ] || fail "stage left behind: $(ls -A tmp)"
cat > sys.conf <<'X'
setting "boot" {
	key = "HKLM\\SYSTEM\\Select"
	value = "Current"
	type = "dword"
	data = "1"
}
X
expect_exit 0 hp check --format json -p sys.conf --image one.wim:1
assert_contains out.txt '"source":"one.wim:1/WINDOWS/system32/Config/SYSTEM"'
assert_not_contains out.txt 'software'

# A dirty hive's logs come out beside it: it is read recovered.
mkdir -p d/Windows/System32/config
for f in SYSTEM_B SYSTEM_B.LOG1 SYSTEM_B.LOG2; do
	cp "$hives/regipy/$f" "d/Windows/System32/config/SYSTEM${f#SYSTEM_B}"
done
chmod -R u+w d
quiet wimcapture d dirty.wim
expect_exit 0 hp check --format json -p sys.conf --image dirty.wim
assert_contains out.txt '"state":"recovered"'
assert_contains err.txt "recovered from SYSTEM.LOG1, .LOG2"

# Several images: chosen by index or name; none given is an error.
quiet wimappend t one.wim "second image"
expect_exit 2 hp check -p "$pol" --image one.wim
assert_contains err.txt "holds 2 images"
assert_contains err.txt "2 (second image)"
expect_exit 1 hp check -p "$pol" --image 'one.wim:second image'
expect_exit 2 hp check -p "$pol" --image one.wim:7
assert_contains err.txt 'no image "7"'

# --dry-run leaves the WIM as it was.
sum=$(sha256sum < one.wim)
expect_exit 1 hp apply --dry-run -p "$pol" --image one.wim:1
assert_contains out.txt "8 changes would be made"
[ "$(sha256sum < one.wim)" = "$sum" ] || fail "dry run changed the WIM"

# apply writes both hives in one update; wimlib's and hivex's tools agree.
expect_exit 0 hp apply -p "$pol" --image one.wim:1
assert_contains out.txt "8 changes written to 2 hives"
wimlib-imagex verify one.wim > /dev/null 2>&1 || fail "wimverify"
quiet wimextract one.wim 1 /WINDOWS/system32/Config/software \
    /Users/Default/ntuser.dat --dest-dir=x1
[ "$(hivexget x1/software 'Policies\Microsoft\Windows\RTC\PortRange' \
    MinSipDynamicPort)" = 7100 ] || fail "SOFTWARE not written"
[ "$(hivexget x1/ntuser.dat 'Software\Microsoft\Office\11.0\Common\PersonaMenu' \
    QueryServiceForStatus)" = 2 ] || fail "NTUSER.DAT not written"
expect_exit 0 hp check -p "$pol" --image one.wim:1
# Image 2 and alice's profile were not touched.
expect_exit 1 hp check -p "$pol" --image one.wim:2
expect_exit 1 hp check -p "$pol" --image one.wim:1 --all-users
assert_contains out.txt "alice"
[ -z "$(ls -A tmp)" ] || fail "stage left behind: $(ls -A tmp)"

# import, export and diff take --image: each operation goes to the hive
# that serves it, both hives in one update.
printf 'Windows Registry Editor Version 5.00\r\n\r\n%s\r\n%s\r\n\r\n%s\r\n%s\r\n' \
    '[HKEY_LOCAL_MACHINE\SOFTWARE\Hivepol]' '"A"=dword:00000007' \
    '[HKEY_CURRENT_USER\Software\Hivepol]' '"B"="wim"' > add.reg
sum=$(sha256sum < one.wim)
expect_exit 0 hp import --dry-run --image one.wim:1 add.reg
assert_contains out.txt 'set HKCU\Software\Hivepol "B" REG_SZ wim'
[ "$(sha256sum < one.wim)" = "$sum" ] || fail "import --dry-run wrote"
expect_exit 1 hp diff --image one.wim:1 --key 'HKLM\SOFTWARE\Hivepol' add.reg
assert_contains out.txt 'HKLM\SOFTWARE\Hivepol  "A"'
expect_exit 0 hp import --image one.wim:1 add.reg
assert_contains out.txt "one.wim:1: 2 keys created"
quiet wimextract one.wim 1 /WINDOWS/system32/Config/software \
    /Users/Default/ntuser.dat --dest-dir=x2
[ "$(hivexget x2/software Hivepol A)" = 7 ] || fail "import: SOFTWARE"
[ "$(hivexget x2/ntuser.dat 'Software\Hivepol' B)" = wim ] ||
    fail "import: NTUSER.DAT"
expect_exit 0 hp diff --image one.wim:1 --key 'HKLM\SOFTWARE\Hivepol' add.reg
expect_exit 0 hp export --image one.wim:1 -o back.reg 'HKCU\Software\Hivepol'
iconv -f UTF-16 -t UTF-8 back.reg | grep -q '"B"="wim"' || fail "export"
expect_exit 2 hp export --image one.wim:1 'HKLM\SAM'
assert_contains err.txt "no hive of the image serves HKLM\SAM"
expect_exit 2 hp diff --image one.wim:1 add.reg
assert_contains err.txt "--image needs --key"

# Fleets: an image file is a machine, in a fleet folder or a list.
mkdir fleet
cp one.wim fleet/pc1.wim
printf '%s\n' "$PWD/one.wim:1" "$PWD/one.wim:second image" > list
expect_exit 1 hp check -p "$pol" --fleet fleet
assert_contains out.txt "1 machines: 0 pass, 0 fail, 1 error"
assert_contains out.txt "holds 2 images"
expect_exit 1 hp check -p "$pol" --fleet list --format jsonl
/usr/bin/python3 - out.txt <<'X' || fail "wim fleet"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
v = sorted((r["machine"], r["result"]) for r in rows if "machine" in r)
assert v == [("one.wim:1", "pass"), ("one.wim:second image", "fail")], v
X

# Links in an image are never followed, even to a hive outside it.
mkdir -p l/Windows/System32/config l/Users/Default
cp "$hives/hivex/minimal" outside
ln -s "$PWD/outside" l/Windows/System32/config/SOFTWARE
cp "$hives/regipy/NTUSER.DAT" l/Users/Default/NTUSER.DAT
chmod -R u+w l
quiet wimcapture l links.wim
expect_exit 1 hp check -p "$pol" --image links.wim
assert_contains err.txt "is a link (reparse point); links in an image are not followed"
assert_not_contains out.txt "outside"

# An ESD (solid LZMS) is read and updated the same way.
quiet wimexport one.wim 2 two.esd --solid
expect_exit 1 hp check -p "$pol" --image two.esd
expect_exit 0 hp apply -p "$pol" --image two.esd
wimlib-imagex verify two.esd > /dev/null 2>&1 || fail "ESD verify"
expect_exit 0 hp check -p "$pol" --image two.esd

# A pipable WIM cannot be appended to: wimlib rebuilds it beside itself
# and renames it over; hivepol then syncs the folder.  A failure of that
# last sync says the new WIM is in place; any earlier one that nothing
# changed, and then nothing did.
quiet wimcapture t pipe.wim --pipable
cp pipe.wim pipe.orig
if [ -x "${HIVEPOL_FAULT_BIN:-}" ]; then
	n=1 late=0
	while HIVEPOL_FAULT=fsyncdir:$n "$HIVEPOL_FAULT_BIN" apply -p "$pol" \
	    --image pipe.wim:1 > out.txt 2> err.txt; [ $? -ne 0 ]; do
		if grep -q "the new WIM is in place" err.txt; then
			late=1
			cp pipe.orig pipe.wim
		else
			assert_contains err.txt "nothing was changed"
			cmp -s pipe.wim pipe.orig || fail "fsyncdir:$n changed it"
		fi
		n=$((n + 1))
		[ "$n" -le 20 ] || fail "fsyncdir: never succeeds"
	done
	[ "$late" = 1 ] || fail "the folder of a rebuilt WIM was not synced"
	cp pipe.orig pipe.wim
fi
expect_exit 0 hp apply -p "$pol" --image pipe.wim:1
head -c 8 pipe.wim | grep -q WLPWM || fail "no longer pipable"
wimlib-imagex verify pipe.wim > /dev/null 2>&1 || fail "pipable verify"
expect_exit 0 hp check -p "$pol" --image pipe.wim:1

# A broken hive inside is named by its place in the image.
mkdir -p b/Windows/System32/config
head -c 5000 "$hives/hivex/minimal" > b/Windows/System32/config/SOFTWARE
quiet wimcapture b broken.wim
expect_exit 2 hp check -p "$pol" --image broken.wim
assert_contains err.txt "broken.wim/Windows/System32/config/SOFTWARE: "

# Not a container at all.
echo "not an image" > plain.txt
expect_exit 2 hp check -p "$pol" --image plain.txt
expect_exit 2 hp check -p "$pol" --image missing.wim:1
exit 0
