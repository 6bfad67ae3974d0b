# bundle: bad input fails with one line and exit 2; a failure at any
# step of its transaction (fault injection) leaves neither the folder nor a
# temporary folder behind, and an existing folder exactly as it was.
. "$TESTLIB"
pol="$TESTDATA/../../policies/lcs-client.conf"
expect_exit 2 hp bundle -p "$pol"
expect_exit 2 hp bundle -o b
expect_exit 2 hp bundle -p "$pol" -o b extra
expect_exit 2 hp bundle -p nosuch.conf -o b
printf 'setting "x" {\n\tvaleu = 1\n}\n' > typo.conf
expect_exit 2 hp bundle -p typo.conf -o b
assert_contains err.txt "typo.conf:2"
# Nothing exact to write: nothing to bundle.
printf 'setting "x" {\n\tkey = "HKLM\\\\SOFTWARE\\\\X"\n\tvalue = "V"\n\ttype = "dword"\n\tmin = 1\n}\n' > vague.conf
expect_exit 2 hp bundle -p vague.conf -o b
assert_contains err.txt "no setting has exact data"
: > file
expect_exit 2 hp bundle -p "$pol" -o file
expect_exit 2 hp bundle -p "$pol" -o b --name ../x
[ ! -e b ] || fail "b was made"
[ "$(ls -A | grep -c '^\.')" = 0 ] || fail "temporary folder left"

# An existing folder keeps its other files.
mkdir keep && echo mine > keep/notes.txt
expect_exit 0 hp bundle -p "$pol" -o keep
[ "$(cat keep/notes.txt)" = mine ] || fail "notes.txt changed"
[ -s keep/lcs-client.adm ] || fail "adm missing"

[ -n "${HIVEPOL_FAULT_BIN:-}" ] || skip "no fault-injection binary"
sum() { find "$1" -type f | sort | xargs md5sum; }
echo stale > keep/lcs-client.reg
before=$(sum keep)
for kind in open write fsync close rename mkdir fsyncdir; do
	n=1
	while [ "$n" -le 40 ]; do
		HIVEPOL_FAULT=$kind:$n "$HIVEPOL_FAULT_BIN" bundle -p "$pol" \
		    -o new >out.txt 2>err.txt
		rc=$?
		[ "$(ls -A | grep -c '^\.')" = 0 ] || fail "$kind:$n: temporary folder left"
		if [ "$rc" -eq 0 ]; then
			[ -s new/README.txt ] || fail "$kind:$n: incomplete"
			rm -rf new
			break
		fi
		[ "$rc" -eq 3 ] || { cat err.txt >&2; fail "$kind:$n: exit $rc"; }
		[ ! -e new ] || fail "$kind:$n: new was made"
		HIVEPOL_FAULT=$kind:$n "$HIVEPOL_FAULT_BIN" bundle -p "$pol" \
		    -o keep >out.txt 2>err.txt
		rc=$?
		if [ "$rc" -ne 0 ]; then
			[ "$(sum keep)" = "$before" ] || fail "$kind:$n: keep changed"
			[ "$(ls -A keep | grep -c '^\.')" = 0 ] || fail "$kind:$n: temporary file in keep"
		else
			# Updating may need fewer calls (no mkdir): done.
			echo stale > keep/lcs-client.reg
			before=$(sum keep)
		fi
		n=$((n + 1))
	done
	[ "$n" -gt 1 ] || fail "$kind: no fault was ever hit"
done
exit 0
