# diff --format reg gives a patch that turns A into B: imported into a
# copy of A, the copy then equals B by content.  On the corpus pair and on
# a generated bench pair (mkhive.py --size small: 1% of values changed,
# keys and values added and removed).
. "$TESTLIB"
need_shared
roundtrip() {	# roundtrip A B [diff options]
	a=$1 b=$2; shift 2
	cp "$a" A
	expect_exit 1 hp diff "$@" --format reg -o patch.reg A "$b"
	expect_exit 0 hp import A patch.reg
	expect_exit 0 hp diff "$@" A "$b"
	[ -s out.txt ] && fail "still differs: $(head -5 out.txt)"
	return 0
}
roundtrip "$SHARED/corpus/hives/regipy/NTUSER.DAT" \
    "$SHARED/corpus/hives/regipy/NTUSER_modified.DAT" --mount-b HKCU
mk=$SHARED/bench/mkhive.py
[ -f "$mk" ] || skip "mkhive.py absent"
python3 "$mk" --size small --out . > /dev/null 2>&1 || skip "mkhive.py failed"
roundtrip small.hive small.mod.hive
# The patch mkhive wrote and ours describe the same change.
cp small.hive B
hp import B small.patch.reg > /dev/null 2>&1 || fail "import mkhive's patch"
expect_exit 0 hp diff B small.mod.hive
exit 0
