# Security templates as text: every encoding and line end written back as
# it came, INF quoting and comments, the value syntax of each registry
# type, and one clear error (file, line, problem; exit 2) per bad input.
. "$TESTLIB"
need_cmd iconv

# UTF-16LE with CRLF, as Windows writes it; the same as UTF-8 with LF,
# ANSI (Windows-1252, an e-acute as one byte) and UTF-8 with a BOM.
cat > t.txt <<'EOT'
[Unicode]
Unicode=yes
; a comment line, and a blank one

[System Access]
NewGuestName = "Gäst; not a comment"   ; a comment
MinimumPasswordLength = 14
[Registry Values]
MACHINE\Software\Test\Str=1,"a,b"
MACHINE\Software\Test\Expand=2,%SystemRoot%\x
MACHINE\Software\Test\Bin=3,abc
MACHINE\Software\Test\Num=4,-1
MACHINE\Software\Test\Multi=7,one,"two,three", four
MACHINE\Software\Test\Gone=-1
[Custom Section]
Anything = kept, as "it" is
"NoEquals",1,""
EOT
{ printf '\377\376'; sed 's/$/\r/' t.txt | iconv -f UTF-8 -t UTF-16LE; } > u16.inf
cp t.txt u8.inf
iconv -f UTF-8 -t CP1252 t.txt > ansi.inf
{ printf '\357\273\277'; cat t.txt; } > bom.inf
for f in u16.inf u8.inf ansi.inf bom.inf; do
	expect_exit 0 hp show "$f"
	cp out.txt "$f.shown"
	expect_exit 0 hp convert "$f" -o copy.inf
	cmp "$f" copy.inf || fail "$f not written back byte for byte"
done
for f in u8.inf ansi.inf bom.inf; do
	cmp u16.inf.shown "$f.shown" || fail "$f reads differently"
done
cat > want.txt <<'EOT'
set HKLM\Software\Test "Str" REG_SZ a,b
set HKLM\Software\Test "Expand" REG_EXPAND_SZ %SystemRoot%\x
set HKLM\Software\Test "Bin" REG_BINARY 0a,bc
set HKLM\Software\Test "Num" REG_DWORD 0xffffffff (4294967295)
set HKLM\Software\Test "Multi" REG_MULTI_SZ "one" "two" "three" "four"
delete-value HKLM\Software\Test "Gone"
System Access/NewGuestName = "Gäst; not a comment"
System Access/MinimumPasswordLength = 14
Custom Section/Anything = kept, as "it" is
Custom Section/NoEquals = 1,""
EOT
cmp want.txt u8.inf.shown || { diff want.txt u8.inf.shown; fail "values"; }

# Errors: exit 2, the file and line named.
bad() {
	printf "$1" > bad.inf
	expect_exit 2 hp show bad.inf
	assert_contains err.txt "bad.inf:$2"
}
bad '[Unicode]\nUnicode=yes\n[System Access\nX = 1\n' '3: section header without'
bad '[Registry Values]\nMACHINE\\A\\B=4,"1\n' '2: unclosed quote'
bad '[Registry Values]\nMACHINE\\A\\B=4,12x\n' '2: MACHINE\A\B: REG_DWORD data is not a 32-bit decimal number'
bad '[Registry Values]\nMACHINE\\A\\B=4,4294967296\n' '2: MACHINE\A\B: REG_DWORD data'
bad '[Registry Values]\nMACHINE\\A\\B=11,1\n' '2: MACHINE\A\B: registry value type is not 1, 2, 3, 4, 7 or -1'
bad '[Registry Values]\nMACHINE\\A\\B=x,1\n' '2: MACHINE\A\B: registry value type is not a number'
bad '[Registry Values]\nMACHINE\\A\\B=3,0g\n' '2: MACHINE\A\B: REG_BINARY data is not hex digits'
bad '[Registry Values]\nSOFTWARE\\A\\B=4,1\n' '2: SOFTWARE\A\B: not under MACHINE\, USERS\ or CLASSES_ROOT\'
bad '[Registry Values]\nMACHINE\\B=4,1\n' '2: MACHINE\B: no key and value name'
bad '[Registry Values]\nMACHINE\\A\\B\n' '2: expected NAME=TYPE,DATA'
bad '[Registry Values]\n\nMACHINE\\A\\B=4\n' '3: MACHINE\A\B: expected TYPE,DATA'
printf '\377\376[\000S\000t\000r\000i\000n\000g\000s\000]\000\n' > bad.inf
expect_exit 2 hp show bad.inf
assert_contains err.txt "bad.inf: odd length 21: not whole UTF-16 text"
printf '[Version]\nA = \000\n' > bad.inf
expect_exit 2 hp show bad.inf
assert_contains err.txt "bad.inf:2: NUL character"
printf '\377\376[\000S\000t\000r\000i\000n\000g\000s\000]\000\n\000A\000=\000\000\000' > bad.inf
expect_exit 2 hp show bad.inf
assert_contains err.txt "bad.inf:2: NUL character"
# Comments may come first; an entry before any section belongs nowhere.
printf '; made by hand\n\n[Unicode]\n' > ok.inf
expect_exit 0 hp show ok.inf
printf '; made by hand\n[Unicode]\n' | sed 's/$/\r/' | iconv -f UTF-8 -t UTF-16 > ok.inf
expect_exit 0 hp show ok.inf
printf ';\n[Unicode]\n' > bad.inf
printf 'A = 1\n' | cat - bad.inf > bad2.inf
expect_exit 2 hp show bad2.inf
# A .reg without its header is not a template: its first section is a key.
printf '[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n"A"="1"\n' > nohdr.reg
expect_exit 2 hp show nohdr.reg
assert_contains err.txt "nohdr.reg: offset 0: not a Registry.pol file"
# Empty binary data: Windows sets nothing, and says so here.
printf '[Registry Values]\nMACHINE\\A\\B=3,\n' > empty.inf
expect_exit 0 hp show empty.inf
assert_contains err.txt "empty.inf:2: MACHINE\\A\\B: empty REG_BINARY data: not set"
[ -s out.txt ] && fail "empty binary data shown"
true
