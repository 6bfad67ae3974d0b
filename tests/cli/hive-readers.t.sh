# Independent readers agree (issue 13 item 5): hives written by hivepol
# (set, rm, import of .reg and .pol, apply on fresh hives and on copies of
# a minor-3 and a minor-5 corpus hive) are walked by every reader Debian
# has: libhivex (hivexregedit), libregf (python3-libregf and regfexport),
# reglookup and chntpw's reged.  Each reader's listing of a written hive
# must equal the same reader's listing of the original (or of nothing)
# with the intended changes applied by hive-readers.py, which knows the
# changes from its own description of the inputs, never from hivepol.
# Where a reader misreads, its view hides only what it cannot show; each
# such exception is explained in hive-readers.py (view, reged_readable)
# and docs/testing.md, "Independent readers".
# READERS_KEEP=DIR copies the written hives there (for yarp, by hand).
. "$TESTLIB"
py=$(debian_python) || skip "Debian python3 is absent"
helper=$(dirname "$TESTLIB")/hive-readers.py
readers=""
command -v hivexregedit >/dev/null 2>&1 && readers="$readers hivex"
$py -c 'import pyregf' 2>/dev/null && readers="$readers pyregf"
command -v regfexport >/dev/null 2>&1 && readers="$readers regfexport"
command -v reglookup >/dev/null 2>&1 && readers="$readers reglookup"
command -v reged >/dev/null 2>&1 && readers="$readers reged"
[ -n "$readers" ] || skip "no independent hive reader is installed"
# HIVE_READERS="r1 r2" runs only those (when installed).
if [ -n "${HIVE_READERS:-}" ]; then
	want=$readers readers=""
	for r in $HIVE_READERS; do
		case " $want " in *" $r "*) readers="$readers $r" ;; esac
	done
fi
echo "readers:$readers"
pol="$TESTDATA/../../policies/lcs-client.conf"
sw='HKLM\SOFTWARE'
hklm='HKEY_LOCAL_MACHINE\SOFTWARE'
hkcu='HKEY_CURRENT_USER'

# Each case is a directory: h (the written hive), prefix (its root for
# reged), ops (the intended changes), base (a copy of the original, if any).
mkdir set reg pol lcsm lcsu
$py "$helper" gen set set || fail "gen set"
hp new --mount "$sw" set/h >/dev/null || fail "new set"
(cd set && . ./cmds.sh) || exit 1
echo "$hklm" > set/prefix

$py "$helper" gen reg reg || fail "gen reg"
hp new --mount HKCU reg/h >/dev/null || fail "new reg"
hp import reg/h reg/in.reg >/dev/null || fail "import .reg"
echo "$hkcu" > reg/prefix

$py "$helper" gen pol pol || fail "gen pol"
hp new --mount "$sw" pol/h >/dev/null || fail "new pol"
# (hivepol warns that the 900 KB entry is above 65535 bytes; it is kept.)
hp import --class machine pol/h pol/in.pol >/dev/null 2>err.txt ||
    fail "import .pol: $(cat err.txt)"
echo "$hklm" > pol/prefix

$py "$helper" gen lcs lcsm machine || fail "gen lcs"
$py "$helper" gen lcs lcsu user || fail "gen lcs"
hp new --mount "$sw" lcsm/h >/dev/null || fail "new lcsm"
hp new --mount HKCU lcsu/h >/dev/null || fail "new lcsu"
hp apply -p "$pol" lcsm/h lcsu/h >/dev/null || fail "apply on new hives"
echo "$hklm" > lcsm/prefix
echo "$hkcu" > lcsu/prefix

cases="set reg pol lcsm lcsu"
# Copies of real hives: regf 1.3 (regipy/NTUSER.DAT, Windows-written) and
# 1.5 (nt-hive/testhive, written by offreg.dll): the policy applied, one
# existing key deleted, one non-ASCII value added.
if [ -d "$SHARED/corpus/hives" ]; then
	for c in min3:regipy/NTUSER.DAT:Console min5:nt-hive/testhive:subpath-test; do
		d=${c%%:*} rest=${c#*:}
		f=${rest%%:*} gone=${rest#*:}
		mkdir "$d"
		cp "$SHARED/corpus/hives/$f" "$d/base" || fail "copy $f"
		cp "$d/base" "$d/h"
		$py "$helper" gen corpus "$d" "$gone" || fail "gen $d"
		hp apply --allow-uncovered --mount HKCU -p "$pol" "$d/h" >/dev/null 2>err.txt ||
		    fail "apply on $f: $(cat err.txt)"
		hp rm --mount HKCU "$d/h" "HKCU\\$gone" >/dev/null || fail "rm $gone"
		hp set --mount HKCU "$d/h" 'HKCU\Hivepol\Ärger' 'Größe' sz 'mä' \
		    >/dev/null || fail "set in $f"
		echo "$hkcu" > "$d/prefix"
		cases="$cases $d"
	done
else
	echo "../shared/corpus is absent: corpus hives not checked"
fi

if [ -n "${READERS_KEEP:-}" ]; then
	mkdir -p "$READERS_KEEP"
	for c in $cases; do cp "$c/h" "$READERS_KEEP/$c.hive"; done
fi

for c in $cases; do
	for r in $readers; do
		base=-
		if [ -f "$c/base" ]; then
			base=$c/$r.base
			$py "$helper" list "$r" "$c/base" "$(cat "$c/prefix")" \
			    > "$base" 2> err.txt ||
			    fail "$r cannot read the original of $c: $(cat err.txt)"
		fi
		$py "$helper" expect "$r" "$base" "$c/ops" > "$c/$r.exp" ||
		    fail "expect $c $r"
		if [ "$r" = reged ]; then
			tops=$($py "$helper" reged "$(cat "$c/prefix")" "$c/h" \
			    "$c/$r.exp" "$c/$r.exp2" "$c/$r.got" 2> err.txt) ||
			    fail "reged cannot read $c: $(cat err.txt)"
			mv "$c/$r.exp2" "$c/$r.exp"
			[ -n "$tops" ] || [ ! -s "$c/ops" ] ||
			    fail "reged can read no part of $c"
		else
			$py "$helper" list "$r" "$c/h" > "$c/$r.got" 2> err.txt ||
			    fail "$r cannot read $c: $(cat err.txt)"
		fi
		cmp -s "$c/$r.exp" "$c/$r.got" || {
			diff "$c/$r.exp" "$c/$r.got" | cut -c1-300 | head -20 >&2
			fail "$r reads $c differently from what was meant"
		}
		echo "$c: $r agrees ($(wc -l < "$c/$r.got") lines)"
	done
done
exit 0
