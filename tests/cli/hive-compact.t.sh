# Every write compacts the hive (only what the root reaches is written): a hive
# edited and edited back reads the same through libhivex's hivexml and
# chntpw's reged as the original, untouched keys keep their timestamps,
# and repeated edits do not make the file grow.
. "$TESTLIB"
need_cmd hivexml
strip() {	# hivexml output without offsets and times
	hivexml "$1" | sed 's/<byte_runs>[^>]*>\(<byte_run [^>]*>\)*<\/byte_runs>//g;
	    s/<mtime>[^<]*<\/mtime>//g'
}
mtimes() { hivexml "$1" | grep -o '<mtime>[^<]*</mtime>'; }
if [ -d "$SHARED/corpus/hives" ]; then
	for f in regipy/NTUSER.DAT regipy/BCD nt-hive/testhive hivex/special \
	    yarp/BigDataHive python-registry/UNICODE_TESTS dfwinreg/SAM; do
		src=$SHARED/corpus/hives/$f
		[ -f "$src" ] || continue
		cp "$src" h
		hp set --force h 'HivepolTest\Ünï' v dword 1 > /dev/null 2> err.txt ||
		    fail "$f: set: $(cat err.txt)"
		hp rm h HivepolTest > /dev/null 2>> err.txt || fail "$f: rm"
		strip "$src" > a.xml
		strip h > b.xml
		cmp -s a.xml b.xml || fail "$f: hivexml sees other content"
		# Only the root key (a subkey came and went) has a new time.
		mtimes h > t.txt
		n=$(mtimes "$src" | diff - t.txt | grep -c '^>')
		[ "$n" -le 2 ] || fail "$f: $n timestamps changed"
		# reged reads big data (db) records as raw cells: skip those.
		case $f in *testhive|*BigDataHive) ;; *)
		if command -v reged > /dev/null; then
			reged -x "$src" PFX '\' a.reg > /dev/null 2>&1
			reged -x h PFX '\' b.reg > /dev/null 2>&1
			cmp -s a.reg b.reg || fail "$f: reged exports differ"
		fi ;;
		esac
		echo "$f: $(wc -c < "$src") -> $(wc -c < h) bytes, same content"
	done
fi

# 300 separate edits under one key: each rewrite leaves no garbage behind.
hp new --mount 'HKLM\SOFTWARE' s > /dev/null
i=0
while [ $i -lt 300 ]; do
	hp set s "HKLM\\SOFTWARE\\Parent\\Key$i" v dword $i > /dev/null ||
	    fail "set $i"
	i=$((i + 1))
done
size=$(wc -c < s)
echo "300 keys: $size bytes"
[ "$size" -le 65536 ] || fail "hive grew to $size bytes"
[ "$(hp get s 'HKLM\SOFTWARE\Parent\Key299' v)" = 299 ] || fail "lost a key"

# The full verification compares the whole registry of the written image
# with what was meant to be written.  A mismatch (forced here) fails the
# commit: the hive stays as it was and no temporary is left.
if [ -n "${HIVEPOL_FAULT_BIN:-}" ]; then
	cp s t
	HIVEPOL_FAULT=digest:1 "$HIVEPOL_FAULT_BIN" set --verify=full t \
	    'Parent\Key7' v dword 700 > /dev/null 2> err.txt &&
	    fail "a digest mismatch was not caught"
	assert_contains err.txt 'verification failed: the written hive does not hold the registry expected (the digests differ); original left unchanged'
	cmp -s s t || fail "a failed verification changed the hive"
	# The basic level does not compare digests: the same fault is moot.
	HIVEPOL_FAULT=digest:1 "$HIVEPOL_FAULT_BIN" set --verify=basic t \
	    'Parent\Key7' v dword 700 > /dev/null 2> err.txt ||
	    fail "basic: $(cat err.txt)"
	[ "$(hp get t 'Parent\Key7' v)" = 700 ] || fail "lost the edit"
	[ "$(ls -a | grep -c '^\.[st]\.hivepol-')" -eq 0 ] ||
	    fail "temporaries left: $(ls -a)"
fi
# An unknown level is refused before anything is written, from the option
# or from the environment; the option wins over the environment.
cp s t
expect_exit 2 hp set --verify=most t 'Parent\Key7' v dword 1
assert_contains err.txt '--verify: unknown verification level "most" (expected basic or full)'
expect_exit 2 env HIVEPOL_VERIFY=bogus "$HIVEPOL" set t 'Parent\Key7' v \
    dword 1
assert_contains err.txt 'HIVEPOL_VERIFY: unknown verification level "bogus"'
cmp -s s t || fail "a refused level changed the hive"
expect_exit 0 env HIVEPOL_VERIFY=bogus "$HIVEPOL" set --verify=basic t \
    'Parent\Key7' v dword 1
exit 0
