# Every command that writes a file survives a failure at each step of its
# transaction in turn (build/hivepol-fault, HIVEPOL_FAULT=KIND:N for every
# kind in hook.h): exit 3 with one error line, every output (absent, or
# there before) or hive exactly as it was, bytes, owner, mode and xattrs,
# and no temporary file left in its folder.  Once N passes the number of
# calls the command makes it succeeds, with the same files a normal run
# makes, and the files it replaced keep their owner, mode and xattrs.
. "$TESTLIB"
[ -n "${HIVEPOL_FAULT_BIN:-}" ] && [ -x "$HIVEPOL_FAULT_BIN" ] ||
	skip "no fault-injection binary"
T=$(dirname "$TESTLIB")/../../templates
pol=$TESTDATA/../../policies/lcs-client.conf
rtc='HKLM\SOFTWARE\Policies\Microsoft\Windows\RTC\PortRange'

# Inputs, outside d/ (the folder every output goes to).
hp new --mount 'HKLM\SOFTWARE' a.hive >/dev/null || fail new
hp set a.hive "$rtc" MinSipDynamicPort dword 7100 >/dev/null || fail set
cp a.hive b.hive
hp set b.hive "$rtc" MaxSipDynamicPort dword 7103 >/dev/null || fail set
printf 'Windows Registry Editor Version 5.00\r\n\r\n[%s]\r\n"Max"=dword:00001bbf\r\n"S"="text"\r\n' \
    "$rtc" > in.reg
mkdir -p fleet/m1/Windows/System32/config fleet/m1/Users/Default
hp new --mount 'HKLM\SOFTWARE' fleet/m1/Windows/System32/config/SOFTWARE >/dev/null
hp new --mount HKCU fleet/m1/Users/Default/NTUSER.DAT >/dev/null
cp -r fleet/m1 fleet/m2
hp apply -p "$pol" --image fleet/m1 >/dev/null || fail "apply m1"

# Files replaced get an owner (as root) and a user xattr (where the file
# system has them) that a replace must keep.
xattrs=0
if command -v setfattr >/dev/null && : > x.probe &&
    setfattr -n user.probe -v 1 x.probe 2>/dev/null; then
	xattrs=1
fi
dress() {
	find d -type f | while IFS= read -r f; do
		[ "$(id -u)" != 0 ] || chown 1234:5678 "$f"
		[ $xattrs = 0 ] || setfattr -n user.hivepol -v kept "$f"
	done
}
# snap: every file under d/ (dot files too): owner, mode, xattrs, checksum.
snap() {
	(cd d && find . -type f | LC_ALL=C sort | while IFS= read -r f; do
		x=$(getfattr -d "$f" 2>/dev/null | tail -n +2 | cksum)
		echo "$f $(stat -c %u:%g:%a "$f"):$(echo $x | tr ' ' .)" \
		    "$(cksum < "$f")"
	done)
}
names() { cut -d' ' -f1 "$1"; }
# attrs_kept BEFORE AFTER: files in both kept owner, mode and xattrs.
attrs_kept() {
	awk 'NR == FNR { a[$1] = $2; next }
	    ($1 in a) && a[$1] != $2 { print $1; bad = 1 }
	    END { exit bad }' "$1" "$2"
}
# Kinds a command may well not reach; each must be reached by some.
optional="chown xattr link unlink mkdir"
reached=""

# faults LABEL PREP CMD...: PREP puts d/ in its starting state.
faults() {
	label=$1 prep=$2
	shift 2
	rm -rf d
	mkdir d
	$prep
	dress
	snap > before.snap
	rm -rf orig
	cp -a d orig
	"$HIVEPOL" "$@" > /dev/null 2> err.txt
	want=$?
	[ $want -le 1 ] || fail "$label: normal run: exit $want: $(cat err.txt)"
	snap > after.snap
	cmp -s before.snap after.snap && fail "$label: normal run wrote nothing"
	attrs_kept before.snap after.snap > lost.txt ||
	    fail "$label: attributes lost: $(cat lost.txt)"
	for kind in open write chown xattr fsync close link rename unlink \
	    mkdir fsyncdir; do
		n=1
		while :; do
			rm -rf d
			mkdir d
			$prep
			dress
			HIVEPOL_FAULT=$kind:$n timeout 120 "$HIVEPOL_FAULT_BIN" \
			    "$@" > out.txt 2> err.txt
			rc=$?
			snap > got.snap
			if [ $rc -eq $want ]; then
				names got.snap > got.names
				names after.snap > after.names
				cmp -s got.names after.names || fail \
				    "$label $kind:$n: files differ: $(cat got.names)"
				break
			fi
			[ $rc -eq 3 ] || fail "$label $kind:$n: exit $rc: $(cat err.txt)"
			[ "$(wc -l < err.txt)" -eq 1 ] ||
			    fail "$label $kind:$n: $(cat err.txt)"
			cmp -s before.snap got.snap || fail "$label $kind:$n:" \
			    "changed: $(diff before.snap got.snap)"
			diff -r orig d > /dev/null || fail "$label $kind:$n:" \
			    "differs from a copy: $(diff -r orig d | head -n 3)"
			n=$((n + 1))
			[ $n -le 40 ] || fail "$label $kind: still failing at $n"
		done
		case " $optional " in
		*" $kind "*) [ $n -eq 1 ] || reached="$reached $kind" ;;
		*) [ $n -gt 1 ] || fail "$label $kind: no call failed" ;;
		esac
	done
	echo "$label: every fault point passed"
}

nothing() { :; }
old_reg() { echo old > d/out.reg; }
old_html() { echo old > d/report.html; }
hive() { cp a.hive d/h; }
# A GPO folder with both sides, for updating: Machine/Registry.pol,
# User/Registry.pol and gpt.ini all change.
printf 'Windows Registry Editor Version 5.00\r\n\r\n[%s]\r\n"Min"=dword:00000001\r\n' \
    "$rtc" > first.reg
cu='HKEY_CURRENT_USER\Software\Policies\Test'
printf '[%s]\r\n"U"=dword:00000001\r\n' "$cu" >> first.reg
hp convert --format gpo first.reg -o gpo >/dev/null || fail "gpo"
[ -f gpo/Machine/Registry.pol ] && [ -f gpo/User/Registry.pol ] &&
    [ -f gpo/gpt.ini ] || fail "gpo: a file is missing"
{ cat in.reg; printf '[%s]\r\n"U"=dword:00000002\r\n' "$cu"; } > both.reg
hp new --mount 'HKLM\SOFTWARE' SOFTWARE >/dev/null || fail new
hp new --mount HKCU NTUSER.DAT >/dev/null || fail new
hives() { cp SOFTWARE NTUSER.DAT d/; }
old_tmpl() {
	mkdir -p d/t/en-US
	echo old > d/t/rtc.admx
	echo old > d/t/en-US/rtc.adml
}
old_gpo() { cp -r gpo d/gpo; }
# A bundle folder from another policy, for updating.
hp bundle -p "$(dirname "$pol")/lcs-troubleshoot.conf" -o oldb >/dev/null ||
	fail "bundle"
old_bundle() { cp -r oldb d/b; }
old_adm() { mkdir d/t; echo old > d/t/rtc.adm; }

faults "export -o (new file)" nothing export a.hive -o d/out.reg
faults "export -o (replacing)" old_reg export a.hive -o d/out.reg
faults "export --format reg4 -o" old_reg export --format reg4 a.hive -o d/out.reg
faults "convert -o (new file)" nothing convert in.reg -o d/out.reg
faults "convert -o (replacing)" old_reg convert in.reg -o d/out.reg
faults "diff --format reg -o" old_reg diff --format reg -o d/out.reg a.hive b.hive
faults "template convert ADM -o (new)" nothing template convert -o d/t "$T/rtc.adm"
faults "template convert ADM -o (replacing)" old_tmpl template convert -o d/t "$T/rtc.adm"
faults "template convert ADMX -o (replacing)" old_adm template convert -o d/t "$T/rtc.admx"
faults "convert .reg to .pol -o" nothing convert in.reg -o d/out.pol
faults "export --format pol -o" nothing export --format pol a.hive -o d/out.pol
faults "convert --format gpo -o (new folder)" nothing \
    convert --format gpo both.reg -o d/gpo
faults "convert --format gpo -o (updating)" old_gpo \
    convert --format gpo both.reg -o d/gpo
faults "apply --to-gpo (new folder)" nothing apply -p "$pol" --to-gpo d/gpo
faults "apply --to-gpo (updating)" old_gpo apply -p "$pol" --to-gpo d/gpo
faults "bundle -o (new folder)" nothing bundle -p "$pol" -o d/b
faults "bundle -o (updating)" old_bundle bundle -p "$pol" -o d/b
faults "check --fleet --format html -o" old_html check -p "$pol" --fleet fleet --format html -o d/report.html
faults "compare --format html -o" old_html compare --format html -o d/report.html a.hive b.hive
faults "import" hive import d/h in.reg
faults "set" hive set d/h "$rtc" MinSipDynamicPort dword 7000
faults "rm" hive rm d/h "$rtc" MinSipDynamicPort
faults "apply (two hives)" hives apply -p "$pol" d/SOFTWARE d/NTUSER.DAT
# unlink: only hp_txn_remove uses it, and no command yet (test_txn.c).
for kind in $optional; do
	case " $reached " in *" $kind "*) continue ;; esac
	case $kind in
	unlink) ;;
	chown) [ "$(id -u)" != 0 ] || fail "no command reached chown" ;;
	xattr) [ $xattrs = 0 ] || fail "no command reached xattr" ;;
	*) fail "no command reached $kind" ;;
	esac
done
exit 0
