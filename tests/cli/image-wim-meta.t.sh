# A hive written back into a WIM keeps what Windows needs.  The WIM is
# captured by wimlib from an NTFS image (mkntfs -F, wimapply, then
# libntfs-3g gives SOFTWARE a SYSTEM/Administrators descriptor, hidden +
# system + archive, a short name and a named stream), so it records them
# as a real image does; wimdir --detailed must show them unchanged after
# apply, and hivexget the new values.  Every injected failure while
# writing leaves the WIM byte for byte as it was.
. "$TESTLIB"
need_shared
PATH=$PATH:/usr/sbin:/sbin
need_cmd wimcapture
need_cmd mkntfs
need_cmd hivexget
[ -x "${NTFSMETA:-}" ] || skip "no ntfsmeta helper (make check builds it)"
pol="$TESTDATA/../../policies/lcs-client.conf"
hives="$SHARED/corpus/hives"
export TMPDIR="$PWD/tmp"
mkdir tmp
quiet() { "$@" > /dev/null 2>&1 || fail "$*"; }

mkdir -p t/Windows/System32/config t/Users/Default
cp "$hives/hivex/minimal" t/Windows/System32/config/SOFTWARE
cp "$hives/regipy/NTUSER.DAT" t/Users/Default/NTUSER.DAT
chmod -R u+w t
quiet wimcapture t plain.wim
truncate -s 32M vol.img
quiet mkntfs -F -f -q vol.img
quiet wimapply plain.wim 1 vol.img
# O:SYG:SYD:P(A;;FA;;;SY)(A;;FA;;;BA), as Windows gives its hives.
sd=010004901400000020000000000000002c000000010100000000000512000000
sd=${sd}010100000000000512000000020034000200000000001400ff011f0001010000
sd=${sd}000000051200000000001800ff011f0001020000000000052000000020020000
"$NTFSMETA" vol.img /Windows/System32/config/SOFTWARE -s "$sd" -a 26 \
    -n SOFTWA~1 -t Zone.Identifier=ZoneId=3 || fail ntfsmeta
"$NTFSMETA" vol.img /Users/Default/NTUSER.DAT -s "$sd" || fail ntfsmeta
quiet wimcapture vol.img meta.wim

# What must stay: all but the data and its last write time (and where
# wimlib stores things).
kept() {
	wimdir meta.wim 1 --detailed --path="$1" |
	    awk 'NR > 1 && /^-----/ { exit }
		/Unnamed data stream/ { skip = 1 } /^$/ { skip = 0 }
		!skip && !/Last Write Time|Offset in WIM|Compressed size|Reference Count|Part Number|Flags/'
}
kept /Windows/System32/config/SOFTWARE > sw.before
kept /Windows/System32/config > cfg.before
kept /Users/Default/NTUSER.DAT | grep -e "Security Descriptor" -e \
    "Creation Time" > nt.before
assert_contains sw.before "Short Name          = \"SOFTWA~1\""
assert_contains sw.before "FILE_ATTRIBUTE_SYSTEM is set"
assert_contains sw.before "Security Descriptor = $sd"
assert_contains sw.before 'Named data stream "Zone.Identifier"'
sum=$(sha256sum < meta.wim)

# Injected failures at each step: the hive writes in the stage, then
# the sync of the new data inside wimlib's write.  A run that fails
# leaves the WIM byte for byte as it was, and no stage behind.
if [ -x "${HIVEPOL_FAULT_BIN:-}" ]; then
	cp meta.wim meta.orig
	for kind in fsync rename; do
		n=1
		while HIVEPOL_FAULT=$kind:$n "$HIVEPOL_FAULT_BIN" apply -p "$pol" \
		    --image meta.wim > out.txt 2> err.txt; [ $? -ne 0 ]; do
			assert_contains err.txt "nothing was changed"
			[ "$(sha256sum < meta.wim)" = "$sum" ] ||
			    fail "$kind:$n changed the WIM"
			[ -z "$(ls -A tmp)" ] || fail "$kind:$n left $(ls -A tmp)"
			n=$((n + 1))
			[ "$n" -le 20 ] || fail "$kind: never succeeds"
		done
		[ "$n" -gt 1 ] || fail "$kind: no step failed"
		echo "$kind: $((n - 1)) steps failed cleanly"
		cp meta.orig meta.wim
	done
fi

expect_exit 0 hp apply -p "$pol" --image meta.wim
assert_contains out.txt "8 changes written to 2 hives"
wimlib-imagex verify meta.wim > /dev/null 2>&1 || fail "wimverify"
kept /Windows/System32/config/SOFTWARE > sw.after
kept /Windows/System32/config > cfg.after
kept /Users/Default/NTUSER.DAT | grep -e "Security Descriptor" -e \
    "Creation Time" > nt.after
diff sw.before sw.after || fail "SOFTWARE lost metadata"
diff cfg.before cfg.after || fail "the config folder changed"
diff nt.before nt.after || fail "NTUSER.DAT lost its descriptor"
quiet wimextract meta.wim 1 /Windows/System32/config/SOFTWARE --dest-dir=x
[ "$(hivexget x/SOFTWARE 'Policies\Microsoft\Windows\RTC\PortRange' \
    MinSipDynamicPort)" = 7100 ] || fail "SOFTWARE not written"
# The image goes back onto an NTFS volume whole, and ntfs-3g reads it.
truncate -s 32M vol2.img
quiet mkntfs -F -f -q vol2.img
quiet wimapply meta.wim 1 vol2.img
if command -v ntfscat > /dev/null; then
	ntfscat vol2.img /Windows/System32/config/SOFTWARE > y 2> /dev/null ||
	    fail ntfscat
	[ "$(hivexget y 'Policies\Microsoft\Windows\RTC\PortRange' \
	    MaxMediaPort)" = 5353 ] || fail "ntfscat: not written"
fi

# A hive with two hard links cannot travel alone: refused, not split.
mkdir -p h/Windows/System32/config
cp "$hives/hivex/minimal" h/Windows/System32/config/SOFTWARE
chmod -R u+w h
ln h/Windows/System32/config/SOFTWARE h/Windows/System32/config/SOFTWARE.bak
quiet wimcapture h links.wim
sum=$(sha256sum < links.wim)
expect_exit 2 hp apply -p "$pol" --image links.wim --allow-uncovered
assert_contains err.txt "has 2 hard links"
[ "$(sha256sum < links.wim)" = "$sum" ] || fail "refused, yet changed"
exit 0
