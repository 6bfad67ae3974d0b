# Export -> import into a new empty hive -> export again gives the same
# .reg file, and every value keeps its type and bytes (hivepol ls -R
# --json of the new hive equals that of the original), for every hive in
# ../shared/corpus/hives that hivepol opens, non-ASCII key names included.
# Under sanitizers only hives up to 2 MB (see slow_build in lib.sh).
. "$TESTLIB"
need_shared
corpus=$SHARED/corpus/hives
m='HKLM\SOFTWARE'
size=
slow_build && size='-size -2048k'
n=0
for f in $(cd "$corpus" && find . -type f $size | sed 's|^\./||' | sort); do
	hp ls -R --json --mount "$m" "$corpus/$f" > orig.json 2> /dev/null ||
	    continue
	n=$((n + 1))
	rm -f new.hive a.reg b.reg
	# A name holding U+0000 has no .reg form (names-nul.t.sh).
	if ! hp export --mount "$m" "$corpus/$f" -o a.reg 2> err.txt; then
		grep -q 'holds U+0000, which .reg files cannot carry' err.txt ||
		    fail "$f: export failed: $(cat err.txt)"
		continue
	fi
	hp new --mount "$m" new.hive > /dev/null || fail "$f: new"
	hp import new.hive a.reg > out.txt 2> err.txt ||
	    fail "$f: import failed: $(cat err.txt)"
	hp export new.hive -o b.reg 2> err.txt || fail "$f: re-export"
	cmp -s a.reg b.reg || {
		iconv -f UTF-16 -t UTF-8 a.reg > a.txt
		iconv -f UTF-16 -t UTF-8 b.reg > b.txt
		diff a.txt b.txt | head -20
		fail "$f: the second export differs"
	}
	hp ls -R --json new.hive > new.json || fail "$f: ls"
	cmp -s orig.json new.json || fail "$f: values differ after the round trip"
done
[ "$n" -gt 25 ] || fail "only $n hives opened"
echo "round-tripped $n hives"
