#!/bin/sh
# Bash completion (contrib/completion/hivepol.bash), sourced in bash and
# called as bash calls it, with COMP_WORDS and COMP_CWORD set: commands,
# every option of every command as its --help lists it, option values,
# files filtered by kind, and registry keys read from the hive on the
# line in the three ways a backslash can be typed.  Timing is not tested
# here: `make bench BENCH_ONLY=completion` measures it.  HIVEPOL_COMPLETION:
# the file to test (default: the one in contrib/).
. "$TESTLIB"
need_cmd bash
comp=${HIVEPOL_COMPLETION:-$TESTDATA/../../contrib/completion/hivepol.bash}
[ -f "$comp" ] || fail "$comp is absent"

# comp WORD...: the completions of the last WORD, one per line.
# expect WORD... => REPLY...: fails unless they are exactly REPLY...
cat > comp.bash <<'EOF'
source "$1"
shift
COMP_WORDS=()
while (($#)) && [[ $1 != '=>' ]]; do COMP_WORDS+=("$1"); shift; done
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_hivepol
if [[ $1 != '=>' ]]; then
	printf '%s\n' "${COMPREPLY[@]}"
	exit 0
fi
shift
[[ "${COMPREPLY[*]@Q}" == "${*@Q}" ]] && exit 0
printf 'words: %s\nwant: %s\ngot:  %s\n' "${COMP_WORDS[*]@Q}" "${*@Q}" \
    "${COMPREPLY[*]@Q}" >&2
exit 1
EOF
comp() { bash comp.bash "$comp" "$HIVEPOL" "$@"; }
expect() { comp "$@" || fail "completion"; }

# Commands: what --list-commands says, plus the global options.
comp "" > got.txt
{ hp --list-commands; printf '%s\n' --help --version --list-commands; } > want.txt
cmp -s got.txt want.txt || { diff want.txt got.txt >&2; fail "commands"; }
expect ch '=>' check
expect im '=>' import
expect help ch '=>' check

# Options: each command completes every option its --help describes.
for c in $(hp --list-commands); do
	comp "$c" -- > got.txt
	hp "$c" --help | grep -oE -- '^ +(-[A-Za-z0-9], )?--[a-z][a-z0-9-]*' |
	    grep -oE -- '--[a-z0-9-]+$' > want.txt || true
	for o in $(cat want.txt); do
		grep -qx -- "$o" got.txt || fail "$c: $o not completed"
	done
	grep -qx -- --help got.txt || fail "$c: --help not completed"
done
expect check --f '=>' --fleet --format
expect template '' '=>' lint show convert state
expect template lint -- '=>' --lang --help
expect template show -- '=>' --json --lang --help
expect template convert -- '=>' --lang --output --help
expect template state --t '=>' --template
expect policy '' '=>' lint

# Option values, given apart or with "=" (bash splits "=" into a word).
expect check --format '' '=>' text json junit jsonl html
expect check --format j '=>' json junit jsonl
expect check --format = js '=>' json jsonl
expect check --format=js '=>' --format=json --format=jsonl
expect apply --verify '' '=>' basic full
expect convert --class u '=>' user
expect set h k v dw '=>' dword dword_be
expect new --mount 'HKCU\\S' '=>' 'HKCU\\Software\\Classes'

# Files by kind: a policy is a .conf, import takes .reg/.pol or a folder.
mkdir sub
touch a.conf b.reg c.pol d.admx e.txt
expect apply -p '' '=>' sub a.conf
expect import h '' '=>' sub b.reg c.pol
expect show '' '=>' sub c.pol
expect template lint '' '=>' sub d.admx
expect template state -t '' '=>' sub d.admx
expect policy lint '' '=>' sub a.conf
expect bundle -p a.conf -o '' '=>' sub
[ "$(comp diff '' | sort | tr '\n' ' ')" = "a.conf b.reg c.pol comp.bash d.admx e.txt got.txt sub want.txt " ] ||
    fail "diff: any file: $(comp diff '' | tr '\n' ' ')"

# Registry keys, from the hive given earlier on the line.
hp new --mount 'HKLM\SOFTWARE' SOFTWARE > /dev/null || fail new
for k in 'Policies\Microsoft\Windows\RTC' 'Policies\Microsoft\Windows NT' \
    'Policies\Adobe' 'Program Groups' 'Classes'; do
	hp set SOFTWARE "HKLM\\SOFTWARE\\$k" v dword 1 > /dev/null || fail "set $k"
done
# Unquoted: backslashes typed as "\\", replies escaped the same way.
# A key with subkeys ends in "\".
expect ls SOFTWARE 'HKLM\\SOFTWARE\\P' '=>' 'HKLM\\SOFTWARE\\Policies\\' \
    'HKLM\\SOFTWARE\\Program\ Groups'
expect ls SOFTWARE 'HKLM\\SOFTWARE\\Pol' '=>' 'HKLM\\SOFTWARE\\Policies\\'
expect get SOFTWARE 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows' '=>' \
    'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\' \
    'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\ NT'
expect ls SOFTWARE 'HK' '=>' 'HKEY_LOCAL_MACHINE\\SOFTWARE\\' 'HKLM\\SOFTWARE\\'
expect ls SOFTWARE 'pro' '=>' 'Program\ Groups'
# Case does not matter, as in the registry; the typed prefix is kept.
expect rm SOFTWARE 'hklm\\software\\cla' '=>' 'hklm\\software\\Classes'
# Single quotes: a unique key with subkeys gives its subkeys, so that
# readline keeps the quote open.
expect ls SOFTWARE "'HKLM\\SOFTWARE\\Pol" '=>' 'HKLM\SOFTWARE\Policies\Adobe' \
    'HKLM\SOFTWARE\Policies\Microsoft\'
expect ls SOFTWARE "'HKLM\\SOFTWARE\\Policies\\M" '=>' \
    'HKLM\SOFTWARE\Policies\Microsoft\Windows\' \
    'HKLM\SOFTWARE\Policies\Microsoft\Windows NT'
# Double quotes: backslashes doubled.
expect ls SOFTWARE '"HKLM\SOFTWARE\Policies\A' '=>' \
    'HKLM\\SOFTWARE\\Policies\\Adobe'
# After options, with --mount given on the line, and as set's key.
cp SOFTWARE soft.dat
expect set --dry-run --mount 'HKLM\\SOFTWARE' soft.dat 'HKLM\\SOFTWARE\\Cl' '=>' \
    'HKLM\\SOFTWARE\\Classes'
expect export -o x.reg SOFTWARE 'Pol' '=>' 'Policies\\'
# What completion asks of hivepol: `hivepol keys HIVE PARTIAL`.
expect_exit 0 hp keys SOFTWARE 'hklm\software\p'
printf '%s\n' 'hklm\software\Policies\' 'hklm\software\Program Groups' > want.txt
cmp -s out.txt want.txt || fail "keys: $(cat out.txt)"
expect_exit 0 hp keys SOFTWARE ''
[ "$(cat out.txt)" = 'Classes
Policies\
Program Groups' ] || fail "keys at the root: $(cat out.txt)"
expect keys SOFTWARE 'Pol' '=>' 'Policies\\'
expect_exit 0 hp keys --descend SOFTWARE 'HKLM\SOFTWARE\Pol'
printf '%s\n' 'HKLM\SOFTWARE\Policies\Adobe' 'HKLM\SOFTWARE\Policies\Microsoft\' > want.txt
cmp -s out.txt want.txt || fail "keys --descend: $(cat out.txt)"
expect_exit 0 hp keys --descend SOFTWARE 'HKLM\SOFTWARE\Policies\M'
printf '%s\n' 'HKLM\SOFTWARE\Policies\Microsoft\Windows\' 'HKLM\SOFTWARE\Policies\Microsoft\Windows NT' > want.txt
cmp -s out.txt want.txt || fail "keys --descend twice: $(cat out.txt)"
expect_exit 1 hp keys SOFTWARE 'HKLM\SOFTWARE\Nope\x'
expect_exit 2 hp keys SOFTWARE 'HKCU\x'
# No hive, or not a hive: nothing, quietly.
expect get nosuch 'HKLM\\' '=>'
expect get a.conf 'HKLM\\' '=>'

# The corpus hives (when ../shared is here), with their real keys.
if [ -f "$SHARED/corpus/hives/regipy/NTUSER.DAT" ]; then
	n=$SHARED/corpus/hives/regipy/NTUSER.DAT
	comp ls "$n" 'HKCU\\Software\\' > got.txt
	grep -qxF 'HKCU\\Software\\Microsoft\\' got.txt ||
	    fail "corpus NTUSER.DAT: $(head -n 3 got.txt)"
	expect ls "$n" 'HKCU\\Software\\Microsoft\\Command' = \
	    'HKCU\\Software\\Microsoft\\Command\ Processor'
fi
exit 0
