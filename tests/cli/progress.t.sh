# Progress on stderr: drawn on a terminal (a pseudo-terminal from script),
# forced with --progress, silenced with --no-progress or when stderr is a
# file; the final line's count is the work's size as a peer tool sees it,
# and stdout is the same with and without it.
. "$TESTLIB"
need_cmd script
need_shared
ntuser=$SHARED/corpus/hives/dfwinreg/NTUSER.DAT
[ -f "$ntuser" ] || skip "the corpus has no dfwinreg/NTUSER.DAT"

# on_tty FILE CMD: runs the shell command CMD with its stderr on a
# pseudo-terminal 200 columns wide (lines are cut to the terminal's width),
# the terminal's output (\r as line breaks) in FILE.
on_tty() {
	_f=$1; shift
	script -qec "stty cols 200 2> /dev/null; $*" /dev/null < /dev/null |
	    tr '\r' '\n' > "$_f"
}
# final FILE WHAT: the last progress line of WHAT in FILE.
final() { grep "^$2: .*done in" "$1" | tail -n 1; }

# export: keys, as many as hivexregedit exports.
need_cmd hivexregedit
keys=$(hivexregedit --export "$ntuser" '\' 2>/dev/null | grep -c '^\[')
[ "$keys" -gt 1000 ] || fail "hivexregedit counts $keys keys"
on_tty tty.txt "'$HIVEPOL' export --mount HKCU '$ntuser' > plain.reg"
final tty.txt export | grep -q " $keys/$keys keys, " ||
    fail "export's final line: $(cat tty.txt)"
on_tty tty.txt "'$HIVEPOL' export --no-progress --mount HKCU '$ntuser' > quiet.reg"
assert_not_contains tty.txt "export:"
expect_exit 0 hp export --mount HKCU "$ntuser"
[ -s err.txt ] && fail "progress with stderr in a file: $(cat err.txt)"
cmp -s out.txt plain.reg || fail "export's output differs on a terminal"
cmp -s out.txt quiet.reg || fail "export --no-progress's output differs"
expect_exit 0 hp export --progress --mount HKCU "$ntuser"
cmp -s out.txt plain.reg || fail "export --progress's output differs"
tr '\r' '\n' < err.txt | grep -q "^export: .* $keys/$keys keys, .*done in" ||
    fail "export --progress to a file: $(cat err.txt)"
# (Software\Mine's default value is REG_NONE with no data, which a
# Registry.pol cannot hold: a subtree without it.)
sub='Software\Microsoft'
subkeys=$(hivexregedit --export "$ntuser" "\\$sub" 2>/dev/null | grep -c '^\[')
expect_exit 0 hp export --progress --format pol --class user --mount HKCU "$ntuser" "$sub"
tr '\r' '\n' < err.txt | grep -q "^export: .* $subkeys/$subkeys keys, .*done in" ||
    fail "export --format pol --progress: $(cat err.txt)"

# check --fleet: machines, the bar check-fleet.t.sh also sees on a terminal.
pol=$TESTDATA/../../policies/lcs-client.conf
for m in a b c; do
	mkdir -p fleet/$m
	hp new --mount 'HKLM\SOFTWARE' fleet/$m/SOFTWARE > /dev/null
done
expect_exit 1 hp check -p "$pol" --fleet fleet
cp out.txt fleet.txt
[ -s err.txt ] && fail "fleet progress with stderr in a file: $(cat err.txt)"
expect_exit 1 hp check -p "$pol" --fleet fleet -j 2 --progress
cmp -s out.txt fleet.txt || fail "check --fleet --progress's report differs"
tr '\r' '\n' < err.txt | grep -q '^check: \[#*\] 3/3 machines, .*done in' ||
    fail "check --fleet --progress: $(cat err.txt)"
on_tty tty.txt "'$HIVEPOL' check -p '$pol' --fleet fleet --no-progress > /dev/null"
assert_not_contains tty.txt "machines"

# diff: keys compared, every key of both sides once.
cp "$ntuser" copy.dat
hp set --mount HKCU copy.dat 'HKCU\Console' FontSize dword 7 > /dev/null ||
    fail "set on the copy"
expect_exit 1 hp diff --mount-a HKCU --mount-b HKCU "$ntuser" copy.dat
cp out.txt diff.txt
[ -s err.txt ] && fail "diff progress with stderr in a file: $(cat err.txt)"
assert_contains diff.txt 'FontSize'
expect_exit 1 hp diff --progress --mount-a HKCU --mount-b HKCU "$ntuser" copy.dat
cmp -s out.txt diff.txt || fail "diff --progress's output differs"
tr '\r' '\n' < err.txt | grep -q "^diff: .* $keys/$keys keys, .*done in" ||
    fail "diff --progress: $(cat err.txt)"
on_tty tty.txt "'$HIVEPOL' diff --mount-a HKCU --mount-b HKCU '$ntuser' copy.dat > diff2.txt"
grep -q "^diff: .* $keys/$keys keys, .*done in" tty.txt ||
    fail "diff on a terminal: $(cat tty.txt)"
cmp -s diff2.txt diff.txt || fail "diff's output differs on a terminal"

# import: the file's bytes read, the operations applied, the keys written
# (as many as the exported hive had: its root and every key created).
size=$(wc -c < plain.reg)
hp new --mount HKCU a.dat > /dev/null && cp a.dat b.dat && cp a.dat c.dat
expect_exit 0 hp import a.dat plain.reg
cp out.txt import.txt
[ -s err.txt ] && fail "import progress with stderr in a file: $(cat err.txt)"
expect_exit 0 hp import --progress b.dat plain.reg
sed 's/^b\.dat/a.dat/' out.txt | cmp -s - import.txt ||
    fail "import --progress's output differs"
tr '\r' '\n' < err.txt > import.err
grep -q "^import: .* $size/$size bytes, .*done in" import.err ||
    fail "import: no final line of bytes read: $(cat import.err)"
grep -q "^import: .* \([0-9]*\)/\1 operations, .*done in" import.err ||
    fail "import: no final line of operations: $(cat import.err)"
grep -q "^import: .* $keys/$keys keys, .*done in" import.err ||
    fail "import: no final line of keys written: $(cat import.err)"
hp export --mount HKCU b.dat | cmp -s - plain.reg ||
    fail "the hive imported with progress differs"
on_tty tty.txt "'$HIVEPOL' import --no-progress c.dat plain.reg > /dev/null"
assert_not_contains tty.txt "import:"

# apply: the keys of the hive written, as hivexregedit counts them after.
pol=$TESTDATA/../../policies/lcs-client.conf
cp "$ntuser" u1.dat && cp "$ntuser" u2.dat
expect_exit 0 hp apply --allow-uncovered -p "$pol" --mount HKCU u1.dat
cp out.txt apply.txt
expect_exit 0 hp apply --progress --allow-uncovered -p "$pol" --mount HKCU u2.dat
sed 's/^u2\.dat/u1.dat/' out.txt | cmp -s - apply.txt ||
    fail "apply --progress's output differs"
written=$(hivexregedit --export u2.dat '\' 2>/dev/null | grep -c '^\[')
[ "$written" -gt "$keys" ] || fail "apply created no key ($written)"
tr '\r' '\n' < err.txt | grep -q "^apply: .* $written/$written keys, .*done in" ||
    fail "apply --progress: $(cat err.txt)"
cp "$ntuser" u3.dat
on_tty tty.txt "'$HIVEPOL' apply --allow-uncovered -p '$pol' --mount HKCU u3.dat > /dev/null"
grep -q "^apply: .* $written/$written keys, .*done in" tty.txt ||
    fail "apply on a terminal: $(cat tty.txt)"

# recover: the log entries replayed (24 for SYSTEM_B, as hive-recover.t.sh
# has them); the hive written is the same with and without progress.
sysb=$SHARED/corpus/hives/regipy/SYSTEM_B
if [ -f "$sysb.LOG1" ]; then
	expect_exit 0 hp recover -o r1.dat "$sysb"
	[ -s r1.dat ] || fail "recover wrote nothing"
	assert_not_contains err.txt "recover:"
	expect_exit 0 hp recover --progress -o r2.dat "$sysb"
	cmp -s r1.dat r2.dat || fail "recover --progress wrote another hive"
	tr '\r' '\n' < err.txt | grep -q '^recover: .* 24/24 log entries, .*done in' ||
	    fail "recover --progress: $(cat err.txt)"
	on_tty tty.txt "'$HIVEPOL' recover --no-progress -o r3.dat '$sysb'"
	assert_not_contains tty.txt "recover:"
fi

# diff of a .reg file: its bytes read, then the keys compared.
expect_exit 0 hp diff --progress --mount-b HKCU plain.reg "$ntuser"
[ -s out.txt ] && fail "the export differs from its hive: $(head out.txt)"
tr '\r' '\n' < err.txt > diff.err
grep -q "^diff: .* $size/$size bytes, .*done in" diff.err ||
    fail "diff of a .reg: no final line of bytes read: $(cat diff.err)"
grep -q "^diff: .* $keys/$keys keys, .*done in" diff.err ||
    fail "diff of a .reg: no final line of keys: $(cat diff.err)"

# Text diff lines going to the same terminal get no progress lines between
# them, unless --progress asks.
on_tty tty.txt "'$HIVEPOL' diff --mount-a HKCU --mount-b HKCU '$ntuser' copy.dat"
assert_contains tty.txt "FontSize"
assert_not_contains tty.txt "diff:"
on_tty tty.txt "'$HIVEPOL' diff --progress --mount-a HKCU --mount-b HKCU '$ntuser' copy.dat"
grep -q "^diff: .* $keys/$keys keys, .*done in" tty.txt ||
    fail "diff --progress on a terminal: $(cat tty.txt)"
