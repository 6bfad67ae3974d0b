#!/bin/sh
# zsh completion (contrib/completion/_hivepol), driven for real: an
# interactive zsh under zpty with the file in $fpath and compinit, a
# line typed, TAB pressed.  What completion offered (compadd's matches)
# and the line it left are compared with what `hivepol --list-commands`,
# `hivepol CMD --help` and `hivepol keys` print, and with the quoting
# zsh needs.  The replies come from the bash completion, which
# completion.t.sh tests in detail; this shows that zsh gets them whole.
# HIVEPOL_ZSH_COMPLETION: the folder holding the _hivepol to test
# (default: contrib/completion; installed, it finds the bash file itself).
. "$TESTLIB"
need_cmd zsh
need_cmd bash
comp=${HIVEPOL_ZSH_COMPLETION:-$TESTDATA/../../contrib/completion}
[ -f "$comp/_hivepol" ] || fail "$comp/_hivepol is absent"
zsh -fc 'zmodload zsh/zpty' 2> /dev/null || skip "zsh lacks zsh/zpty"
top=$PWD
mkdir bin && ln -s "$HIVEPOL" bin/hivepol
PATH=$top/bin:$PATH
export PATH

# drive.zsh LINE: types LINE and TAB; prints the offered words, one per
# line, then "BUFFER:" and the line as completion left it.
cat > drive.zsh <<'Z'
zmodload zsh/zpty || exit 1
out=$OFFERED
rm -f $out
zpty z zsh -f -i
zpty -w z "PS1='' PS2=''; unsetopt beep; fpath=(${(q)COMPDIR} \$fpath)"
zpty -w z "autoload -Uz compinit; compinit -u -D"
zpty -w z "zstyle ':completion:*' list-prompt ''; zstyle ':completion:*' menu no"
zpty -w z "compadd() { local -a h; builtin compadd -O h \"\$@\"; print -rl -- \"\${(@)h}\" >> ${(q)out}; builtin compadd \"\$@\"; }"
zpty -w z "dumpbuf() { print -r -- \"BUFFER:\$BUFFER\" >> ${(q)out}; }; zle -N dumpbuf; bindkey '^X' dumpbuf"
zpty -n -w z "$1"$'\t'$'\x18'
for i in {1..400}; do
	[[ -f $out ]] && grep -q '^BUFFER:' $out && break
	sleep 0.05
done
zpty -d z
grep -v '^$' $out
Z
# offered LINE: the words offered; left LINE: the line after TAB.
offered() {
	COMPDIR=$comp OFFERED=$top/offered.txt zsh -f "$top/drive.zsh" "$1" > "$top/drive.out" ||
	    fail "zsh: $1"
	grep -q '^BUFFER:' "$top/drive.out" || fail "no completion for: $1"
	grep -v '^BUFFER:' "$top/drive.out"
}
left() { offered "$1" > /dev/null; sed -n 's/^BUFFER://p' "$top/drive.out"; }
expect_left() {
	got=$(left "$1")
	[ "$got" = "$2" ] || fail "typed [$1]: want [$2], got [$got]"
}

# Commands: what --list-commands says, plus the global options.
offered 'hivepol ' > got.txt
{ hp --list-commands; printf '%s\n' --help --version --list-commands; } > want.txt
cmp -s got.txt want.txt || { diff want.txt got.txt >&2; fail "commands"; }
expect_left 'hivepol che' 'hivepol check '
expect_left 'hivepol help ch' 'hivepol help check '

# Options: every option a command's --help describes.
for c in check ls apply; do
	offered "hivepol $c --" > got.txt
	hp "$c" --help | grep -oE -- '^ +(-[A-Za-z0-9], )?--[a-z][a-z0-9-]*' |
	    grep -oE -- '--[a-z0-9-]+$' > want.txt
	[ -s want.txt ] || fail "$c --help lists no option"
	for o in $(cat want.txt) --help; do
		grep -qx -- "$o" got.txt || fail "$c: $o not offered"
	done
done
expect_left 'hivepol check --fo' 'hivepol check --format '
[ "$(offered 'hivepol check --format j' | tr '\n' ' ')" = "json junit jsonl " ] ||
    fail "--format j: $(cat "$top/drive.out")"
[ "$(offered 'hivepol check --format=js' | tr '\n' ' ')" = "--format=json --format=jsonl " ] ||
    fail "--format=js: $(cat "$top/drive.out")"
expect_left 'hivepol check --format=jsonl' 'hivepol check --format=jsonl '

# Files by kind, folders with a slash.
mkdir files files/sub && cd files || fail "mkdir"
touch a.conf b.reg c.pol e.txt
[ "$(offered 'hivepol import h ' | sort | tr '\n' ' ')" = "b.reg c.pol sub " ] ||
    fail "import's files: $(cat "$top/drive.out")"
expect_left 'hivepol import h s' 'hivepol import h sub/'
expect_left 'hivepol apply -p a' 'hivepol apply -p a.conf '
cd "$top" || fail "cd"

# Registry keys: unquoted (backslashes escaped, no space after a key
# with subkeys) and inside single quotes (closed after a last key).
hp new --mount 'HKLM\SOFTWARE' SOFTWARE > /dev/null || fail new
for k in 'Policies\Microsoft\Windows' 'Policies\Adobe' 'Program Groups'; do
	hp set SOFTWARE "HKLM\\SOFTWARE\\$k" v dword 1 > /dev/null || fail "set $k"
done
expect_left 'hivepol ls SOFTWARE HKLM\\SOFTWARE\\Pol' \
    'hivepol ls SOFTWARE HKLM\\SOFTWARE\\Policies\\'
# A key with one subkey goes on down to where the keys part.
expect_left 'hivepol ls SOFTWARE HKLM\\SOFTWARE\\Policies\\M' \
    'hivepol ls SOFTWARE HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows '
expect_left 'hivepol ls SOFTWARE HKEY_' \
    'hivepol ls SOFTWARE HKEY_LOCAL_MACHINE\\SOFTWARE\\'
expect_left 'hivepol ls SOFTWARE HKLM\\SOFTWARE\\Prog' \
    'hivepol ls SOFTWARE HKLM\\SOFTWARE\\Program\ Groups '
expect_left "hivepol get SOFTWARE 'HKLM\\SOFTWARE\\Policies\\A" \
    "hivepol get SOFTWARE 'HKLM\\SOFTWARE\\Policies\\Adobe' "
expect_left 'hivepol ls SOFTWARE hklm\\software\\pro' \
    'hivepol ls SOFTWARE hklm\\software\\Program\ Groups '

# The corpus NTUSER.DAT: the keys offered are those `hivepol keys` lists.
n=$SHARED/corpus/hives/regipy/NTUSER.DAT
if [ -f "$n" ]; then
	offered "hivepol ls '$n' 'HKCU\\Software\\" | sort > got.txt
	hp keys "$n" 'HKCU\Software\' | sort > want.txt || fail "keys $n"
	cmp -s got.txt want.txt || { diff want.txt got.txt >&2; fail "corpus keys"; }
	grep -qxF 'HKCU\Software\Microsoft\' got.txt || fail "corpus: no Microsoft"
	expect_left "hivepol ls '$n' 'HKCU\\Software\\Microsoft\\Command" \
	    "hivepol ls '$n' 'HKCU\\Software\\Microsoft\\Command Processor' "
fi
exit 0
