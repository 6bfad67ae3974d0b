# What an output target is decides how it is written (docs/writing.md): a
# symlink's target is replaced and the link stays; a regular file keeps its
# owner, group, mode, extended attributes and ACL; a FIFO or device is
# written into, never replaced; stdout gets nothing from a failed export.
. "$TESTLIB"
root() { [ "$(id -u)" = 0 ]; }
no_temps() {
	left=$(find . -name '*.hivepol-*')
	[ -z "$left" ] || fail "$1: temporary files left: $left"
}

hp new --mount 'HKLM\SOFTWARE' a.hive >/dev/null || fail new
hp set a.hive 'HKLM\SOFTWARE\T' v dword 7 >/dev/null || fail set
hp export a.hive -o want.reg || fail "plain export"

# A relative link, an absolute one, and a chain: the link stays a link
# and the file it names gets the output.
mkdir sub
echo old > sub/real.reg
ln -s sub/real.reg rel.reg
expect_exit 0 hp export a.hive -o rel.reg
[ -L rel.reg ] || fail "rel.reg is no longer a link"
cmp -s sub/real.reg want.reg || fail "relative link: target not written"
echo old > sub/real2.reg
ln -s "$PWD/sub/real2.reg" abs.reg
ln -s ../abs.reg sub/chain.reg
expect_exit 0 hp export a.hive -o sub/chain.reg
[ -L abs.reg ] && [ -L sub/chain.reg ] || fail "a link of the chain went"
cmp -s sub/real2.reg want.reg || fail "absolute link: target not written"
# A dangling link: the file it names is created.
ln -s sub/new.reg dangling.reg
expect_exit 0 hp export a.hive -o dangling.reg
[ -L dangling.reg ] && cmp -s sub/new.reg want.reg || fail "dangling link"
# A loop is one clear error.
ln -s loop1 loop2
ln -s loop2 loop1
expect_exit 2 hp export a.hive -o loop1
assert_contains err.txt 'loop1: too many levels of symbolic links'
[ "$(wc -l < err.txt)" -eq 1 ] || fail "loop: $(cat err.txt)"
[ -L loop1 ] && [ -L loop2 ] || fail "loop links changed"
# In a GPO folder too: a gpt.ini kept elsewhere in the GPO stays a link,
# and the file it names gets the new version.  A GPO folder is a jail
# (docs/architecture.md): a link leading out of it is refused, and the
# file outside is left alone.
printf 'Windows Registry Editor Version 5.00\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\P]\n"v"=dword:1\n' > p1.reg
sed 's/dword:1/dword:2/' p1.reg > p2.reg
sed 's/dword:1/dword:3/' p1.reg > p3.reg
expect_exit 0 hp convert --format gpo p1.reg -o gpo
mkdir gpo/kept
mv gpo/gpt.ini gpo/kept/gpt.ini
ln -s kept/gpt.ini gpo/gpt.ini
expect_exit 0 hp convert --format gpo p2.reg -o gpo
[ -L gpo/gpt.ini ] || fail "gpo/gpt.ini is no longer a link"
assert_contains gpo/kept/gpt.ini 'Version=2'
mv gpo/kept/gpt.ini sub/gpt.ini
rm gpo/gpt.ini
ln -s ../sub/gpt.ini gpo/gpt.ini
cp sub/gpt.ini gptini.before
expect_exit 2 hp convert --format gpo p3.reg -o gpo
assert_contains err.txt 'gpt.ini: not a file inside'
[ "$(wc -l < err.txt)" -eq 1 ] || fail "gpt.ini out: $(cat err.txt)"
cmp -s sub/gpt.ini gptini.before || fail "the gpt.ini outside the GPO changed"
[ -L gpo/gpt.ini ] || fail "gpo/gpt.ini is no longer a link"
# A folder is not a file.
expect_exit 2 hp export a.hive -o sub
assert_contains err.txt 'sub: is a folder'
no_temps links

# Mode, and (as root) owner and group, survive a replace.
echo old > kept.reg
chmod 640 kept.reg
if root; then chown 1234:5678 kept.reg || fail chown; fi
expect_exit 0 hp export a.hive -o kept.reg
cmp -s kept.reg want.reg || fail "kept.reg not written"
[ "$(stat -c %a kept.reg)" = 640 ] || fail "mode: $(stat -c %a kept.reg)"
if root; then
	[ "$(stat -c %u:%g kept.reg)" = 1234:5678 ] ||
	    fail "owner: $(stat -c %u:%g kept.reg)"
fi

# Where no hard link to the original may be made (protected_hardlinks:
# another user's file, in a folder we may write), it is moved aside
# instead: still replaced, or put back when the step after fails.
if root && [ "$(cat /proc/sys/fs/protected_hardlinks 2>/dev/null)" = 1 ] &&
    command -v su >/dev/null && chmod 755 . && mkdir ph &&
    chown nobody ph && su nobody -s /bin/sh -c "test -x '$HIVEPOL'"; then
	echo old > ph/o.reg
	chmod 644 ph/o.reg a.hive
	as_nobody() { su nobody -s /bin/sh -c "$*" > out.txt 2> err.txt; }
	if [ -n "${HIVEPOL_FAULT_BIN:-}" ]; then
		as_nobody HIVEPOL_FAULT=rename:2 "'$HIVEPOL_FAULT_BIN'" export \
		    a.hive -o ph/o.reg && fail "rename:2 did not fail"
		[ "$(cat ph/o.reg)" = old ] || fail "moved aside, not put back"
		[ "$(ls -A ph)" = o.reg ] || fail "ph holds: $(ls -A ph)"
	fi
	as_nobody "'$HIVEPOL'" export a.hive -o ph/o.reg ||
	    fail "no hard link: $(cat err.txt)"
	cmp -s ph/o.reg want.reg || fail "no hard link: not replaced"
	assert_contains err.txt 'owner and group not kept'
	[ "$(ls -A ph)" = o.reg ] || fail "ph holds: $(ls -A ph)"
else
	echo "no protected_hardlinks or no su: moving aside not checked"
fi

# A user xattr and a POSIX ACL survive too, where the file system has them.
if command -v setfattr >/dev/null && command -v setfacl >/dev/null &&
    setfattr -n user.hivepol -v kept kept.reg 2>/dev/null &&
    setfacl -m u:1234:rw kept.reg 2>/dev/null; then
	getfacl -cp kept.reg > acl.before 2>/dev/null
	expect_exit 0 hp convert want.reg -o kept.reg
	[ "$(getfattr --only-values -n user.hivepol kept.reg)" = kept ] ||
	    fail "user xattr lost"
	getfacl -cp kept.reg > acl.after 2>/dev/null
	cmp -s acl.before acl.after || fail "ACL: $(diff acl.before acl.after)"
	assert_contains acl.after 'user:1234:rw-'
else
	echo "no xattr or ACL support here: those checks skipped"
fi
no_temps attributes

# A FIFO is written into and stays a FIFO.
mkfifo ff
cat ff > fifo.out &
reader=$!
expect_exit 0 hp export a.hive -o ff
wait $reader
[ -p ff ] || fail "ff is no longer a FIFO"
cmp -s fifo.out want.reg || fail "the FIFO's reader got other bytes"

# A device node stays one: /dev/null's twin takes the output, /dev/full's
# refuses it with one error line.  Made here, never the real ones.
if root && mknod ./null c 1 3 2>/dev/null && mknod ./full c 1 7; then
	expect_exit 0 hp export a.hive -o null
	[ -c null ] || fail "null is no longer a device"
	expect_exit 3 hp export a.hive -o full
	[ -c full ] || fail "full is no longer a device"
	[ "$(wc -l < err.txt)" -eq 1 ] || fail "full: $(cat err.txt)"
	assert_contains err.txt 'full: write: No space left on device'
	# As stdout: one error line, not a second one from the final flush.
	hp export a.hive > full 2> err.txt && fail "export to full succeeded"
	[ "$(wc -l < err.txt)" -eq 1 ] || fail "stdout full: $(cat err.txt)"
else
	echo "mknod not allowed here: device checks skipped"
fi
no_temps special

# A failed write of an export to stdout, to the spool or (the output
# being small enough for one write) to stdout itself, leaves stdout
# empty, with one error line.
if [ -n "${HIVEPOL_FAULT_BIN:-}" ] && [ -x "$HIVEPOL_FAULT_BIN" ]; then
	n=1
	while HIVEPOL_FAULT=write:$n "$HIVEPOL_FAULT_BIN" export a.hive \
	    > out.txt 2> err.txt; [ $? -ne 0 ]; do
		[ ! -s out.txt ] || fail "write:$n: stdout got output"
		[ "$(wc -l < err.txt)" -eq 1 ] || fail "write:$n: $(cat err.txt)"
		n=$((n + 1))
	done
	[ $n -eq 3 ] || fail "export to stdout: $((n - 1)) writes failed"
	cmp -s out.txt want.reg || fail "write:$n: not the export"
fi

# A failed export to stdout prints nothing there: thousands of keys, then
# one whose name holds a line break, which no .reg file can carry.
{
	printf 'Windows Registry Editor Version 5.00\n'
	i=0
	while [ $i -lt 2000 ]; do
		printf '[HKEY_LOCAL_MACHINE\\SOFTWARE\\A%04d]\n' $i
		printf '"v"="%0200d"\n' 0
		i=$((i + 1))
	done
} > many.reg
hp import a.hive many.reg >/dev/null || fail "import many"
hp set a.hive "$(printf 'HKLM\\SOFTWARE\\Z\nbreak')" v dword 1 >/dev/null ||
	fail "set a key with a line break"
expect_exit 2 hp export a.hive
[ ! -s out.txt ] || fail "a failed export wrote $(wc -c < out.txt) bytes"
[ "$(wc -l < err.txt)" -eq 1 ] || fail "bad key: $(cat err.txt)"
assert_contains err.txt 'a.hive: export: key HKEY_LOCAL_MACHINE\SOFTWARE\Z%0Abreak: key name "Z%0Abreak" holds a line break'
# The same to a file: none made.
expect_exit 2 hp export a.hive -o bad.reg
[ ! -e bad.reg ] || fail "a failed export left bad.reg"
no_temps "failed export"
# A hive is a target like any other: given as a link, the file it names
# is written and the link stays a link; owner, group, mode and extended
# attributes are kept; its temporaries go beside the real file.
mkdir real
hp new --mount 'HKLM\SOFTWARE' real/SOFTWARE >/dev/null || fail "new hive"
chmod 604 real/SOFTWARE
if root; then chown 1234:5678 real/SOFTWARE || fail chown; fi
xattr=0
setfattr -n user.hivepol -v kept real/SOFTWARE 2>/dev/null && xattr=1
ln -s real/SOFTWARE link.hiv
expect_exit 0 hp set link.hiv 'HKLM\SOFTWARE\T' v dword 9
[ -L link.hiv ] || fail "the hive's link was replaced"
hp get real/SOFTWARE 'HKLM\SOFTWARE\T' v > got.txt || fail "get real"
assert_contains got.txt 9
[ "$(stat -c %a real/SOFTWARE)" = 604 ] || fail "hive mode changed"
if root; then
	[ "$(stat -c %u:%g real/SOFTWARE)" = 1234:5678 ] ||
	    fail "hive owner: $(stat -c %u:%g real/SOFTWARE)"
fi
if [ $xattr = 1 ]; then
	[ "$(getfattr --only-values -n user.hivepol real/SOFTWARE)" = kept ] ||
	    fail "the hive's xattr was lost"
fi
# apply through the link: the same.
expect_exit 0 hp apply --allow-uncovered -p "$TESTDATA/../../policies/lcs-client.conf" link.hiv
assert_contains out.txt "written to 1 hive"
[ -L link.hiv ] || fail "apply replaced the hive's link"
no_temps "hive link"
exit 0
