# Every valid Registry.pol in ../shared/corpus/pol: .pol -> .pol is byte for
# byte (hivepol's writer accepts every canonical file); .pol -> .reg -> .pol
# preserves every entry (byte for byte except one adsys file whose **del.
# placeholder data differs), or .reg conversion is refused for the files
# with **delvals., which .reg cannot express.
. "$TESTLIB"
need_shared
corpus=$SHARED/corpus/pol
n=0 bytes=0 noreg=0
for f in $(cd "$corpus" && find . -type f -name '*.pol' | sed 's|^\./||' | sort); do
	hp show --class machine "$corpus/$f" > orig.txt 2>/dev/null || continue
	n=$((n + 1))
	rm -f copy.pol r.reg back.pol
	expect_exit 0 hp convert "$corpus/$f" -o copy.pol
	cmp -s copy.pol "$corpus/$f" || fail "$f: .pol -> .pol changed it"
	if hp convert --class machine "$corpus/$f" -o r.reg 2> err.txt; then
		expect_exit 0 hp convert r.reg -o back.pol
		hp show --class machine back.pol > back.txt 2>/dev/null
		cmp -s orig.txt back.txt || { diff orig.txt back.txt | head; fail "$f: entries changed"; }
		cmp -s back.pol "$corpus/$f" && bytes=$((bytes + 1))
	else
		grep -q "delete-all-values.*has no .reg form" err.txt ||
			fail "$f: $(cat err.txt)"
		[ -e r.reg ] && fail "$f: partial .reg"
		noreg=$((noreg + 1))
	fi
done
[ "$n" -eq 27 ] || fail "expected 27 valid files, saw $n"
[ "$noreg" -eq 3 ] || fail "expected 3 files with **delvals., saw $noreg"
[ "$bytes" -eq 23 ] || fail "expected 23 byte-for-byte round trips, saw $bytes"
echo "$n files; $bytes byte for byte through .reg, $noreg without a .reg form"
