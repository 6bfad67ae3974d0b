# --image on an NTFS volume image, a raw MBR and GPT disk and a fixed VHD,
# read and written through libntfs-3g with no mount and no root.  Images
# are built here: mkntfs on a file, filled by wimapply from a wimcapture
# of a tree holding a corpus NTUSER.DAT; sfdisk + dd for disks; qemu-img
# for the VHD and the refused formats.  Results are read back with
# ntfs-3g's and wimlib's own tools (ntfscat + hivexget, wimdir
# --detailed), not with hivepol.  A failure injected at each step of a
# commit leaves the image byte for byte as it was.
. "$TESTLIB"
need_shared
for c in mkntfs ntfscat ntfscp wimcapture wimapply wimdir sfdisk qemu-img \
    hivexget; do
	need_cmd $c
done
pol=$TESTDATA/../../policies/lcs-client.conf
sw=Windows/System32/config/SOFTWARE
rtc='Policies\Microsoft\Windows\RTC\PortRange'
persona='Software\Microsoft\Office\11.0\Common\PersonaMenu'
# O:BA G:SY D:P(A;;FA;;;SY)(A;;FA;;;BA), the descriptor of a real hive.
sd=0100049014000000240000000000000030000000
sd=${sd}01020000000000052000000020020000010100000000000512000000
sd=${sd}020034000200000000001400ff011f00010100000000000512000000
sd=${sd}00001800ff011f0001020000000000052000000020020000

mkdir -p tree/Windows/System32/config tree/Users/Default
hp new --mount 'HKLM\SOFTWARE' tree/$sw >/dev/null || fail new
hp new --mount 'HKLM\SYSTEM' tree/Windows/System32/config/SYSTEM >/dev/null
cp "$SHARED/corpus/hives/regipy/NTUSER.DAT" tree/Users/Default/NTUSER.DAT ||
	fail "corpus NTUSER.DAT"
wimcapture tree tree.wim >/dev/null 2>&1 || fail wimcapture
truncate -s 16M vol.img
mkntfs -F -q vol.img >/dev/null 2>&1 || fail mkntfs
wimapply tree.wim 1 vol.img >/dev/null 2>&1 || fail "wimapply to NTFS"
echo zone > zone.txt
ntfscp -q -N Zone.Identifier vol.img zone.txt $sw || fail "ntfscp stream"
if [ -n "${NTFSMETA:-}" ] && [ -x "$NTFSMETA" ]; then
	"$NTFSMETA" vol.img $sw -s $sd -a 26 -n SOFTWA~1 || fail ntfsmeta
else
	echo "no ntfsmeta: the wimapply descriptor, no short name"
fi
cp vol.img vol0.img

# What a write must keep, as wimlib reads it: short name, attributes,
# descriptor, creation and last access times, link count, named streams.
meta() {
	wimcapture "$1" meta.wim >/dev/null 2>&1 || fail "wimcapture $1"
	wimdir meta.wim 1 --detailed --path="/$2" > meta.txt ||
	    fail "wimdir $2"
	rm -f meta.wim
	awk '/^(Short Name|Attributes|Security Descriptor|Creation Time|Last Access Time|Link Count) /
	    /Named data stream/ { named = 1; print }
	    named && /^Hash/ { print; named = 0 }' meta.txt
}
mft() { ntfsinfo -F "/$2" "$1" | sed -n 's/^Dumping Inode \([0-9]*\).*/\1/p'; }
meta vol.img $sw > before.sw
mft vol.img $sw > before.mft
[ -s before.mft ] || fail "ntfsinfo"
grep -q "Named data stream \"Zone.Identifier\"" before.sw || fail "no stream"

# Read: check finds what is missing, through the volume image.
expect_exit 1 hp check -p "$pol" --image vol.img
cmp -s vol.img vol0.img || fail "check changed the image"
expect_exit 1 hp apply --dry-run -p "$pol" --image vol.img
assert_contains out.txt "8 changes would be made (dry run)"
cmp -s vol.img vol0.img || fail "--dry-run changed the image"

# Write: SOFTWARE and the Default profile's NTUSER.DAT in one commit, a
# second later than the image was made (so times that change, show).
wimcapture vol.img meta.wim >/dev/null 2>&1 &&
    wimdir meta.wim 1 --detailed --path=/$sw | grep '^Last Write' > w0.txt ||
    fail "wimdir last write"
rm -f meta.wim
sleep 1
expect_exit 0 hp apply -p "$pol" --image vol.img
[ ! -e vol.img.hivepol-undo ] || fail "undo file left"
ntfscat vol.img $sw > sw.out || fail "ntfscat SOFTWARE"
[ "$(hivexget sw.out "$rtc" Enabled)" = 1 ] || fail "SOFTWARE lacks Enabled"
[ "$(hivexget sw.out "$rtc" MinSipDynamicPort)" = 7100 ] || fail "min port"
ntfscat vol.img Users/Default/NTUSER.DAT > nt.out || fail "ntfscat NTUSER"
[ "$(hivexget nt.out "$persona" QueryServiceForStatus)" = 2 ] ||
	fail "NTUSER.DAT lacks the HKCU setting"
hivexget nt.out 'Software\Microsoft\Windows\CurrentVersion\Explorer' \
    >/dev/null || fail "NTUSER.DAT lost its own keys"
meta vol.img $sw > after.sw
diff before.sw after.sw || fail "SOFTWARE's metadata changed"
grep -q '^Last Write' meta.txt && ! grep -qF "$(cat w0.txt)" meta.txt ||
	fail "SOFTWARE's last write time did not change"
mft vol.img $sw | cmp -s - before.mft || fail "SOFTWARE has a new MFT record"
ntfscat -a 0x80 -n Zone.Identifier vol.img $sw | cmp -s - zone.txt ||
	fail "the stream's data changed"
ntfsfix -n vol.img > fix.txt 2>&1 || { cat fix.txt; fail "ntfsfix -n"; }
expect_exit 0 hp check -p "$pol" --image vol.img
cp vol.img vol1.img
# import and export go through the same container.
cp vol1.img ie.img
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Hivepol]\r\n"X"=dword:00000005\r\n' > x.reg
expect_exit 0 hp import --image ie.img x.reg
ntfscat ie.img $sw > sw.out && [ "$(hivexget sw.out Hivepol X)" = 5 ] ||
	fail "import into the volume"
expect_exit 0 hp export --image ie.img 'HKLM\SOFTWARE\Hivepol'
iconv -f UTF-16LE -t UTF-8 out.txt | grep -q '"X"=dword:00000005' ||
	fail "export from the volume"
# One writer at a time: the image is locked (flock) while open.
if command -v flock >/dev/null; then
	expect_exit 3 flock -x vol.img "$HIVEPOL" apply -p "$pol" --image vol.img
	assert_contains err.txt "vol.img is in use: another process (a hivepol?) holds its lock"
	cmp -s vol.img vol1.img || fail "a locked image was written"
fi

# A crash between the image writes and the undo file's removal, made by
# hand: half the changed blocks new, the undo file holding the old ones.
# A read sees the image as it was, writing nothing; the next write rolls
# it back, then writes.
crash() {	# crash OLD NEW OUT DIVISOR: 1/DIVISOR of the changed blocks new
	/usr/bin/python3 - "$@" <<'X' || fail "crash image $3"
import struct, sys
old = open(sys.argv[1], "rb").read()
new = open(sys.argv[2], "rb").read()
changed = [o for o in range(0, len(old), 4096) if old[o:o + 4096] != new[o:o + 4096]]
img = bytearray(old)
for o in changed[:len(changed) // int(sys.argv[4])]:
    img[o:o + 4096] = new[o:o + 4096]
open(sys.argv[3], "wb").write(img)
undo = bytearray(b"HPNTFSU2" + struct.pack("<QQ", len(changed), len(img)))
for o in changed:
    undo += struct.pack("<QI", o, 4096) + old[o:o + 4096]
h = 0xcbf29ce484222325
for b in undo:
    h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
open(sys.argv[3] + ".hivepol-undo", "wb").write(undo + struct.pack("<Q", h))
X
}
crash vol0.img vol1.img crash.img 2
cp crash.img crash0.img
cp crash.img.hivepol-undo undo0
expect_exit 1 hp check -p "$pol" --image crash.img
assert_contains out.txt "8 missing"
mkdir links && ln -s ../crash.img links/other-name.img
expect_exit 1 hp check -p "$pol" --image links/other-name.img
assert_contains out.txt "8 missing"
cmp -s crash.img crash0.img && [ -e crash.img.hivepol-undo ] ||
	fail "a read changed the crashed image"
expect_exit 0 hp apply -p "$pol" --image crash.img
[ ! -e crash.img.hivepol-undo ] || fail "undo file not removed"
ntfscat crash.img $sw > sw.out && [ "$(hivexget sw.out "$rtc" Enabled)" = 1 ] ||
	fail "crashed image: not written after the roll back"
ntfsfix -n crash.img > fix.txt 2>&1 || { cat fix.txt; fail "crash: ntfsfix"; }
# An undo file beside an image it was not made for (another size) is
# refused before a byte is written, and left there.
cp vol0.img other.img && truncate -s +1M other.img && cp other.img other0.img
cp undo0 other.img.hivepol-undo
expect_exit 2 hp apply -p "$pol" --image other.img
assert_contains err.txt "not the image it was made for"
cmp -s other.img other0.img && [ -e other.img.hivepol-undo ] ||
	fail "an undo file of another image was applied"
# An image with two names (hard links) is not written: a crash's undo
# file would lie beside one of them only.  Reading it is fine.
cp vol0.img hl.img && ln hl.img hl2.img
expect_exit 2 hp apply -p "$pol" --image hl2.img
assert_contains err.txt "hl2.img has 2 hard links"
cmp -s hl.img vol0.img || fail "an image with hard links was written"
expect_exit 1 hp check -p "$pol" --image hl2.img

# Damaged metadata: the Windows folder's MFT record overwritten.  One
# line, exit 2, nothing written.
mftlcn=$(ntfsinfo -m vol0.img | sed -n 's/.*LCN of Data Attribute for FILE_MFT: *//p')
csize=$(ntfsinfo -m vol0.img | sed -n 's/^[[:space:]]*Cluster Size: *//p')
winrec=$(mft vol0.img Windows)
[ -n "$mftlcn" ] && [ -n "$csize" ] && [ -n "$winrec" ] || fail "ntfsinfo -m"
cp vol0.img bad.img
/usr/bin/python3 -c "import sys; f = open('bad.img', 'r+b'); f.seek($mftlcn * $csize + $winrec * 1024); f.write(b'A' * 1024)"
cp bad.img bad0.img
expect_exit 2 hp check -p "$pol" --image bad.img
assert_contains err.txt "bad.img: Windows: damaged NTFS metadata"
expect_exit 2 hp apply -p "$pol" --image bad.img
[ "$(wc -l < err.txt)" -eq 1 ] || fail "damaged: not one line"
cmp -s bad.img bad0.img || fail "a damaged image was written"

# Hibernated (or Fast Startup): read, but not written.
cp vol0.img hib.img
{ printf HIBR; head -c 8188 /dev/zero; } > hiberfil.sys
ntfscp -q hib.img hiberfil.sys hiberfil.sys || fail "ntfscp hiberfil.sys"
cp hib.img hib0.img
expect_exit 1 hp check -p "$pol" --image hib.img
expect_exit 2 hp apply -p "$pol" --image hib.img
assert_contains err.txt "hib.img: cannot open its NTFS volume for writing: Windows on it is hibernated"
[ "$(wc -l < err.txt)" -eq 1 ] || fail "hibernated: not one line"
cmp -s hib.img hib0.img || fail "hibernated image changed"

# Disks: the Windows partition by type (GPT: the recovery partition in
# front is NTFS too), by contents (MBR: two NTFS data partitions), or pN.
truncate -s 8M small.img
mkntfs -F -q small.img >/dev/null 2>&1 || fail "mkntfs small"
disk() {	# disk FILE LABEL TYPE1 TYPE2
	truncate -s 28M "$1"
	printf 'label: %s\nstart=2048, size=16384, type=%s\nstart=20480, size=32768, type=%s\n' \
	    "$2" "$3" "$4" | sfdisk -q "$1" || fail "sfdisk $1"
	dd if=small.img of="$1" bs=512 seek=2048 conv=notrunc status=none
	dd if=vol0.img of="$1" bs=512 seek=20480 conv=notrunc status=none
}
part2() { dd if="$1" of=p2.img bs=512 skip=20480 count=32768 status=none; }
disk gpt.img gpt DE94BBA4-06D1-4D40-A16A-BFD50179D6AC \
    EBD0A0A2-B9E5-4433-87C0-68B6B72699C7
disk mbr.img dos 7 7
cp mbr.img mbrp.img
for d in gpt.img mbr.img mbrp.img:p2; do
	expect_exit 1 hp check -p "$pol" --image $d
	expect_exit 0 hp apply -p "$pol" --image $d
	expect_exit 0 hp check -p "$pol" --image $d
done
for d in gpt.img mbr.img mbrp.img; do
	part2 $d
	ntfscat p2.img $sw > sw.out && [ "$(hivexget sw.out "$rtc" Enabled)" = 1 ] ||
		fail "$d: SOFTWARE not written in partition 2"
	meta p2.img $sw | diff before.sw - || fail "$d: metadata changed"
	dd if=$d bs=512 skip=2048 count=16384 status=none | cmp -s - small.img ||
		fail "$d: partition 1 changed"
done
# Two Windows partitions: which one is for the user to say.
cp small.img small-win.img
wimapply tree.wim 1 small-win.img >/dev/null 2>&1 || fail "wimapply small"
cp mbr.img two.img
dd if=small-win.img of=two.img bs=512 seek=2048 conv=notrunc status=none
expect_exit 2 hp check -p "$pol" --image two.img
assert_contains err.txt "two.img: 2 NTFS partitions (p1, p2) and 2 with a Windows/System32/config folder: say which, as two.img:pN"
# A crash that left a Windows folder in p1 too (two.img's blocks written,
# mbr.img's in the undo file): a read chooses the partition from the
# image as it was (p2 alone holds Windows), not from the half-written one.
crash mbr.img two.img crash2.img 1
cp crash2.img crash20.img
expect_exit 0 hp check -p "$pol" --image crash2.img
cmp -s crash2.img crash20.img && [ -e crash2.img.hivepol-undo ] ||
	fail "a read changed the crashed disk"
expect_exit 2 hp check -p "$pol" --image mbr.img:p1
assert_contains err.txt "no Windows hives found"
expect_exit 2 hp check -p "$pol" --image mbr.img:p3
assert_contains err.txt "mbr.img: partition 3 is absent or holds no NTFS volume"
expect_exit 2 hp check -p "$pol" --image vol.img:p1
assert_contains err.txt "is an NTFS volume, not a partitioned disk"

# A fixed VHD: the disk and its footer; written, converted back, read.
disk g0.img gpt DE94BBA4-06D1-4D40-A16A-BFD50179D6AC \
    EBD0A0A2-B9E5-4433-87C0-68B6B72699C7
qemu-img convert -f raw -O vpc -o subformat=fixed g0.img fixed.vhd ||
	fail "qemu-img vpc"
tail -c 512 fixed.vhd | head -c 8 | grep -q conectix || fail "no VHD footer"
tail -c 512 fixed.vhd > footer0
expect_exit 0 hp apply -p "$pol" --image fixed.vhd
tail -c 512 fixed.vhd | cmp -s - footer0 || fail "VHD footer changed"
qemu-img convert -f vpc -O raw fixed.vhd back.img || fail "qemu-img raw"
part2 back.img
ntfscat p2.img $sw > sw.out && [ "$(hivexget sw.out "$rtc" Enabled)" = 1 ] ||
	fail "VHD: SOFTWARE not written"

# Fleets: a disk image file is a machine, in a folder or a list.
mkdir fleet
cp vol0.img fleet/pc1.img
cp vol1.img fleet/pc2.img
cp mbr.img fleet/pc3.img
printf '%s\n' "$PWD/mbrp.img:p2" "$PWD/vol0.img" > list
expect_exit 1 hp check -p "$pol" --fleet fleet
assert_contains out.txt "3 machines: 2 pass, 1 fail, 0 error"
expect_exit 1 hp check -p "$pol" --fleet list --format jsonl
/usr/bin/python3 - out.txt <<'X' || fail "disk fleet"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
v = sorted((r["machine"], r["result"]) for r in rows if "machine" in r)
assert v == [("mbrp.img:p2", "pass"), ("vol0.img", "fail")], v
X

# Formats not read: one line saying how to convert.
qemu-img convert -f raw -O vpc g0.img dynamic.vhd
qemu-img convert -f raw -O vhdx g0.img disk.vhdx
qemu-img convert -f raw -O qcow2 g0.img disk.qcow2
qemu-img convert -f raw -O vmdk g0.img disk.vmdk
for f in dynamic.vhd disk.vhdx disk.qcow2 disk.vmdk; do
	expect_exit 2 hp check -p "$pol" --image $f
	assert_contains err.txt "qemu-img convert -O raw $f"
	[ "$(wc -l < err.txt)" -eq 1 ] || fail "$f: more than one line"
done

# A failure at each step of a commit: exit 3, the image as it was (or,
# for the folder's fsync after the undo file went, fully written), no
# undo file left.  Writes are many (one per block): N grows by an
# eighth, so every phase is hit (staging, the hives, the undo file, the
# image, the roll back).
if [ -n "${HIVEPOL_FAULT_BIN:-}" ] && [ -x "$HIVEPOL_FAULT_BIN" ]; then
	for kind in open write fsync rename unlink fsyncdir; do
		n=1 tries=0
		while :; do
			cp vol0.img f.img
			HIVEPOL_FAULT=$kind:$n "$HIVEPOL_FAULT_BIN" apply -p "$pol" \
			    --image f.img > out.txt 2> err.txt
			rc=$?
			[ ! -e f.img.hivepol-undo ] ||
				fail "$kind:$n: undo file left"
			[ $rc = 0 ] && break
			[ $rc = 3 ] || { cat err.txt; fail "$kind:$n: exit $rc"; }
			[ "$(wc -l < err.txt)" -eq 1 ] ||
				{ cat err.txt; fail "$kind:$n: not one line"; }
			if ! cmp -s f.img vol0.img; then
				[ $kind = fsyncdir ] ||
					fail "$kind:$n: image changed"
				ntfscat f.img $sw > sw.out
				[ "$(hivexget sw.out "$rtc" Enabled)" = 1 ] ||
					fail "$kind:$n: image half written"
			fi
			tries=$((tries + 1))
			n=$((n + 1 + n / 8))
			[ $n -lt 100000 ] || fail "$kind: no end"
		done
		echo "$kind: $tries failures, then written at $n"
		ntfscat f.img $sw > sw.out
		[ "$(hivexget sw.out "$rtc" Enabled)" = 1 ] || fail "$kind: lost"
	done
fi
exit 0
