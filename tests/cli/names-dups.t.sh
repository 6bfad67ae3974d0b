# A key with two subkeys of one name, and a key whose subkey count its
# list disagrees with (corrupt, but found in the field), are read whole
# with a warning naming the key and what is wrong, never merged or cut
# silently; a write of such a hive is refused unless --force, which says
# why.  The corrupt hives are made byte by byte (names-corrupt.py) and
# checked with reglookup, which lists both keys of one name and warns of
# the count.
. "$TESTLIB"
need_cmd reglookup
py=$(debian_python) || skip "no /usr/bin/python3"
expect_exit 0 hp new --mount 'HKLM\SOFTWARE' h
for k in Alpha:v Bravo:w Charlie:x; do
	expect_exit 0 hp set h "P\\${k%:*}" "${k#*:}" dword 1
done
"$py" "$(dirname "$TESTLIB")/names-corrupt.py" h dup.hive dup || fail "dup"
"$py" "$(dirname "$TESTLIB")/names-corrupt.py" h count.hive count || fail "count"
reglookup dup.hive > peer.txt 2>&1
[ "$(grep -c '^/P/Alpha,KEY' peer.txt)" -eq 2 ] || fail "reglookup: $(cat peer.txt)"
reglookup count.hive > peer.txt 2>&1
assert_contains peer.txt 'Number of subkeys listed in parent (4) did not match number found in subkey list/tree (3)'

# Two subkeys named Alpha: both listed, each with its own values.
expect_exit 0 hp ls -R dup.hive
[ "$(grep -c '^HKEY_LOCAL_MACHINE\\SOFTWARE\\P\\Alpha$' out.txt)" -eq 2 ] ||
    fail "ls -R: $(cat out.txt)"
assert_contains out.txt '    v    REG_DWORD'
assert_contains out.txt '    w    REG_DWORD'
assert_contains err.txt 'warning: dup.hive: corrupt hive: key HKEY_LOCAL_MACHINE\SOFTWARE\P has two subkeys named "Alpha" (a lookup finds one of them); read as listed'
[ "$(wc -l < err.txt)" -eq 1 ] || fail "one warning: $(cat err.txt)"
expect_exit 0 hp ls dup.hive P
[ "$(grep -c 'P\\Alpha$' out.txt)" -eq 2 ] || fail "ls P: $(cat out.txt)"
assert_contains err.txt 'has two subkeys named "Alpha"'
# A lookup of the name says which key it reaches is one of two.
expect_exit 0 hp ls dup.hive 'P\Alpha'
assert_contains err.txt 'has two subkeys named "Alpha"'

# A count of 4 for a list of 3: the 3 are read.
expect_exit 0 hp ls -R count.hive
assert_contains out.txt 'HKEY_LOCAL_MACHINE\SOFTWARE\P\Bravo'
assert_contains out.txt 'HKEY_LOCAL_MACHINE\SOFTWARE\P\Charlie'
assert_contains err.txt 'warning: count.hive: corrupt hive: key HKEY_LOCAL_MACHINE\SOFTWARE\P says it has 4 subkeys but its list holds 3; read as listed'

# Writes are refused, even of a key elsewhere, and say why.
for f in dup count; do
	cp $f.hive $f.orig
	expect_exit 2 hp set $f.hive Q v dword 1
	assert_contains err.txt "refusing to write: $f.hive: corrupt hive: key HKEY_LOCAL_MACHINE\\SOFTWARE\\P"
	assert_contains err.txt 'use --force to write it anyway'
	cmp -s $f.hive $f.orig || fail "$f: the hive changed"
done
assert_contains err.txt 'a write would store the count of its list, a repair Windows does not make'
expect_exit 2 hp set dup.hive Q v dword 1
assert_contains err.txt 'a write would keep both keys under one name'
# --force writes them as read: both Alphas kept, the count made 3.
expect_exit 0 hp set --force dup.hive Q v dword 1
reglookup dup.hive > peer.txt 2>&1
[ "$(grep -c '^/P/Alpha,KEY' peer.txt)" -eq 2 ] || fail "forced: $(cat peer.txt)"
expect_exit 0 hp set --force count.hive Q v dword 1
reglookup count.hive > peer.txt 2>&1
assert_not_contains peer.txt 'did not match'
assert_contains peer.txt '/P/Bravo/w,DWORD'

# The same for two values of one name: both read, a warning, a write
# refused unless forced.
expect_exit 0 hp set h 'P\Alpha' u dword 2
"$py" "$(dirname "$TESTLIB")/names-corrupt.py" h dupval.hive dupval ||
    fail "dupval"
reglookup dupval.hive > peer.txt 2>&1
[ "$(grep -c '^/P/Alpha/v,DWORD' peer.txt)" -eq 2 ] || fail "reglookup: $(cat peer.txt)"
expect_exit 0 hp ls dupval.hive 'P\Alpha'
[ "$(grep -c '^    v    REG_DWORD' out.txt)" -eq 2 ] || fail "ls: $(cat out.txt)"
assert_contains err.txt 'warning: dupval.hive: corrupt hive: key HKEY_LOCAL_MACHINE\SOFTWARE\P\Alpha has two values named "v" (a lookup finds one of them); read as listed'
cp dupval.hive dupval.orig
expect_exit 2 hp set dupval.hive Q v dword 1
assert_contains err.txt 'refusing to write: dupval.hive: corrupt hive: key HKEY_LOCAL_MACHINE\SOFTWARE\P\Alpha has two values named "v"'
assert_contains err.txt 'a write would keep both values under one name; use --force to write it anyway'
cmp -s dupval.hive dupval.orig || fail "dupval: the hive changed"
# A write into that very key (its values then merged with the change).
expect_exit 2 hp set dupval.hive 'P\Alpha' x dword 3
assert_contains err.txt 'has two values named "v"'
expect_exit 0 hp set --force dupval.hive Q v dword 1
reglookup dupval.hive > peer.txt 2>&1
[ "$(grep -c '^/P/Alpha/v,DWORD' peer.txt)" -eq 2 ] || fail "forced: $(cat peer.txt)"
