# Limits (src/core/limits.h): a 2 GB template or policy is refused from its
# size without being read; a 2 GB .reg is mapped, not read, and refused at
# its first line's limit with bounded memory; an endless input on stdin is
# cut off at the input limit with bounded memory; keys deeper than 512
# levels, a line over 16 MiB and value data over 8 MiB are each refused
# with a message naming the limit.  limits-large reads a .reg above the
# old 256 MiB limit.
. "$TESTLIB"
pol=$TESTDATA/../../policies/lcs-client.conf
hp new --mount 'HKLM\SOFTWARE' h >/dev/null || fail new
cp h orig
# peak KB: the largest resident size of the last measured run.  Without
# GNU time the memory limits would pass unmeasured: that is a failure
# (make deps installs it).  Under HIVEPOL_WRAP (valgrind) memory is the
# wrapper's, so it is not measured there.
[ -x /usr/bin/time ] || [ -n "${HIVEPOL_WRAP:-}" ] ||
    fail "/usr/bin/time (Debian's time) is missing, so memory cannot be measured: make deps installs it"
measure() {
	if [ -z "${HIVEPOL_WRAP:-}" ]; then
		/usr/bin/time -o rss.txt -f %M timeout 120 "$HIVEPOL" "$@"
	else
		echo 0 > rss.txt
		timeout 600 "$HIVEPOL" "$@"
	fi
}

# 2 GB, sparse: refused at once; memory stays far below the file's size.
# Templates and policies are read whole, so their limit stays and the
# message says how to raise it; a .reg or .pol has no size limit (it is
# mapped), and the reader looks no further than the line limit for the
# end of the header line.
truncate -s 2G big || skip "no sparse files here"
for cmd in "import h big" "convert big -o x.reg" "template lint big" \
    "policy lint big" "check -p big h" "apply -p big h"; do
	# shellcheck disable=SC2086
	measure $cmd > out.txt 2> err.txt
	rc=$?
	[ $rc -eq 2 ] || fail "$cmd: exit $rc: $(cat err.txt)"
	case $cmd in
	import*|convert*)
		assert_contains err.txt 'big:1: line longer than the limit of 16777216 bytes (HP_MAX_LINE; rebuild with' ;;
	template*)
		assert_contains err.txt 'big: file size 2147483648 exceeds the limit of 268435456 bytes (HP_MAX_INPUT_SIZE; rebuild with' ;;
	*)	assert_contains err.txt 'big: file size 2147483648 exceeds the limit of 4194304 bytes (HP_MAX_POLICY_SIZE; rebuild with' ;;
	esac
	[ "$(wc -l < err.txt)" -eq 1 ] || fail "$cmd: $(cat err.txt)"
	[ "$(tail -n 1 rss.txt)" -lt 200000 ] ||
	    fail "$cmd: $(tail -n 1 rss.txt) KB for a refused file"
done
# As a target or source it is neither a hive nor a patch (header only).
for cmd in "check -p $pol big" "ls big" "diff big h"; do
	# shellcheck disable=SC2086
	measure $cmd > out.txt 2> err.txt
	[ $? -eq 2 ] || fail "$cmd: $(cat err.txt)"
	[ "$(wc -l < err.txt)" -eq 1 ] || fail "$cmd: $(cat err.txt)"
	[ "$(tail -n 1 rss.txt)" -lt 200000 ] || fail "$cmd: memory"
done
[ -e x.reg ] && fail "output written for a refused input"
rm big
cmp -s h orig || fail "hive changed"

# Endless input on stdin: cut off at the limit (256 MiB for patches and
# templates, 4 MiB for policies), never more than about twice that.
[ -n "${HIVEPOL_WRAP:-}" ] && skip "endless inputs: too slow under $HIVEPOL_WRAP"
for cmd in "import h -" "convert - -o x.reg" "template lint -" \
    "policy lint -" "check -p - h"; do
	for src in zero yes; do
		if [ $src = zero ]; then
			# shellcheck disable=SC2086
			measure $cmd < /dev/zero > out.txt 2> err.txt
		else
			# shellcheck disable=SC2086
			yes | measure $cmd > out.txt 2> err.txt
		fi
		rc=$?
		[ $rc -eq 2 ] || fail "$cmd < $src: exit $rc: $(cat err.txt)"
		assert_contains err.txt '-: input exceeds the limit of'
		case $cmd in
		import*|convert*) assert_contains err.txt 'a file named instead of - is mapped and has no limit' ;;
		esac
		[ "$(tail -n 1 rss.txt)" -lt 1200000 ] ||
		    fail "$cmd < $src: $(tail -n 1 rss.txt) KB"
	done
done
[ -e x.reg ] && fail "output written for a refused input"
cmp -s h orig || fail "hive changed"

# Key depth: 512 levels below the root are Windows' limit.
hdr='Windows Registry Editor Version 5.00\r\n\r\n'
deep() {	# deep N: a key N levels below HKLM (SOFTWARE is the first)
	printf "$hdr"'[HKEY_LOCAL_MACHINE\\SOFTWARE'
	i=1
	while [ $i -lt "$1" ]; do printf '\\k'; i=$((i + 1)); done
	printf ']\r\n"v"=dword:00000001\r\n'
}
deep 512 > ok.reg
deep 513 > deep.reg
expect_exit 0 hp import --strict h ok.reg
expect_exit 2 hp import --strict h deep.reg
assert_contains err.txt 'deep.reg:3: key is deeper than 512 levels'
expect_exit 0 hp import h deep.reg		# lenient: skipped, warned
assert_contains err.txt 'deep.reg:3: key is deeper than 512 levels; line skipped'
expect_exit 2 hp convert --strict deep.reg -o x.reg
[ -e x.reg ] && fail "convert wrote a refused file"

# Names: 255 characters per key name, 16,383 per value name.
long() { awk -v n="$1" 'BEGIN { while (n-- > 0) printf "n" }'; }
{ printf "$hdr"'[HKEY_LOCAL_MACHINE\\SOFTWARE\\%s]\r\n' "$(long 255)"
  # Characters, not bytes: 255 two-byte characters are within the limit.
  printf '[HKEY_LOCAL_MACHINE\\SOFTWARE\\%s]\r\n' "$(long 255 | sed "s/n/$(printf '\303\251')/g")"
  printf '[HKEY_LOCAL_MACHINE\\SOFTWARE\\%s]\r\n' "$(long 256)"
  printf '"%s"=dword:1\r\n"%s"=dword:2\r\n' "$(long 16383)" "$(long 16384)"; } > names.reg
expect_exit 0 hp convert names.reg -o x.reg
[ "$(grep -c 'line skipped' err.txt)" -eq 2 ] || fail "names: $(cut -c1-80 err.txt)"
grep -q 'names.reg:5: key name "nnn.*" is longer than 255 characters' err.txt ||
    fail "key name: $(cut -c1-80 err.txt)"
assert_contains err.txt 'names.reg:7: value name is longer than 16383 characters'
rm x.reg

# Bad lines: the first 100 are named, the others counted in one line.
{ printf "$hdr"'[HKEY_LOCAL_MACHINE\\SOFTWARE\\a]\r\n'
  awk 'BEGIN { for (i = 0; i < 5000; i++) printf "junk\r\n" }'; } > junk.reg
expect_exit 0 hp convert junk.reg -o x.reg
[ "$(wc -l < err.txt)" -eq 101 ] || fail "junk: $(wc -l < err.txt) lines"
assert_contains err.txt 'junk.reg: 4900 more bad lines skipped'

# Policy includes: a chain of 16 files is read, 17 is refused.
i=0
while [ $i -lt 17 ]; do
	printf 'include = {"p%d.conf"}\n' $((i + 1)) > p$i.conf
	i=$((i + 1))
done
printf 'setting "s" {\n\tkey = "HKLM\\\\SOFTWARE\\\\K"\n\tvalue = "v"\n\ttype = "dword"\n\tdata = "1"\n}\n' > p17.conf
expect_exit 2 hp policy lint p1.conf		# p1 ... p17
assert_contains err.txt 'p16.conf:1: includes nest deeper than 16 files'
expect_exit 0 hp policy lint p2.conf		# p2 ... p17

# A line over 16 MiB: the whole file is refused, lenient or not.
{ printf "$hdr"'[HKEY_LOCAL_MACHINE\\SOFTWARE\\a]\r\n"v"="'
  head -c 17000000 /dev/zero | tr '\0' x; printf '"\r\n'; } > line.reg
expect_exit 2 hp import h line.reg
assert_contains err.txt 'line.reg:4: line longer than the limit of 16777216 bytes'
[ "$(wc -l < err.txt)" -eq 1 ] || fail "line: $(cat err.txt)"

# Hex data over 8 MiB, continued over many lines: one bad value, one
# message, the rest of its lines skipped with it.
{ printf "$hdr"'[HKEY_LOCAL_MACHINE\\SOFTWARE\\a]\r\n"big"=hex:00,\\\r\n'
  awk 'BEGIN { l = "  00"; for (i = 1; i < 32; i++) l = l ",00"
      for (i = 0; i < 9437184 / 32; i++) printf "%s,\\\r\n", l
      printf "  00\r\n" }'
  printf '"after"=dword:00000002\r\n'; } > val.reg
expect_exit 2 hp import --strict h val.reg
assert_contains err.txt 'value data exceeds the limit of 8 MiB'
expect_exit 0 hp import h val.reg
assert_contains err.txt 'value data exceeds the limit of 8 MiB; line skipped'
[ "$(wc -l < err.txt)" -eq 1 ] || fail "hex: $(head -n 3 err.txt)"
[ "$(hp get h 'HKLM\SOFTWARE\a' after)" = 2 ] || fail "value after the big one"
exit 0
