# Hostile and broken templates: a clear one-line error naming file and
# line, exit 2, never a crash, never an entity expanded or fetched.
. "$TESTLIB"
D=$TESTDATA/template
for f in xxe laughs extdtd; do
	expect_exit 2 hp template show "$D/$f.admx"
	assert_contains err.txt "$f.admx:2: DOCTYPE refused"
	expect_exit 2 hp template lint "$D/$f.admx"
done
assert_not_contains out.txt "root:"
expect_exit 2 hp template show "$D/malformed.admx"
assert_contains err.txt "malformed.admx:4: malformed XML"
expect_exit 2 hp template show "$D/unbalanced.adm"
assert_contains err.txt "unbalanced.adm:2: CATEGORY has no END CATEGORY"
expect_exit 2 hp template show "$D/undefined-string.adm"
assert_contains err.txt "undefined-string.adm:3: undefined string !!Missing"
expect_exit 2 hp template show "$D/unknown-keyword.adm"
assert_contains err.txt "unknown-keyword.adm:7: unknown PART option"
# One huge token (17 MiB, over HP_MAX_LINE) is refused, not swallowed.
{ printf 'CLASS MACHINE\nCATEGORY '; head -c 17000000 /dev/zero | tr '\0' x; } > huge.adm
expect_exit 2 hp template show huge.adm
assert_contains err.txt "huge.adm"
# Not a template at all.
printf '<foo/>' > foo.admx
expect_exit 2 hp template show foo.admx
assert_contains err.txt "not an ADMX file"
expect_exit 2 hp template frob x
