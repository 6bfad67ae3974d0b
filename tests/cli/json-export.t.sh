# export --format json|jsonl (schema hivepol-export/1) against the other
# readers of the same corpus hives: python3-hivex (keys, times, value
# types and bytes, decoded data), hivexregedit --export and export's own
# .reg (key count), reglookup -s (class names and times).
. "$TESTLIB"
need_shared
need_cmd jq
corpus=$SHARED/corpus/hives
py=$(debian_python) || skip "Debian python3 is absent"
$py -c 'import hivex' 2>/dev/null || skip "python3-hivex is not installed"
peer=$(dirname "$TESTLIB")/json-export-peer.py

# Keys, times and values as libhivex reads them, on hives of every
# flavour: offreg-made (big data, surrogates, 512 subkeys), unicode
# names, real NTUSER.DAT, SAM (mount known), BCD, garbage after a NUL.
for f in nt-hive/testhive python-registry/UNICODE_TESTS regipy/NTUSER.DAT \
    regipy/SAM regipy/BCD hivex/rlenvalue_test_hive \
    python-registry/issue22.hive; do
	expect_exit 0 hp export --format json "$corpus/$f" -o "x.json"
	"$py" "$peer" "$corpus/$f" x.json > peer.txt || fail "$f: hivex differs"
done

# A dirty hive: its logs replayed, it reads as Windows recovered it.
d=$corpus/yarp/NewDirtyHive1
expect_exit 0 hp export --format json "$d/NewDirtyHive" -o d.json
"$py" "$peer" "$d/RecoveredHive_Windows10" d.json > peer.txt ||
    fail "the recovered hive differs from Windows' recovery"
jq -e '.state == "recovered" and
    .recovered_from == "NewDirtyHive.LOG1, .LOG2: 4 log entries"' d.json \
    > /dev/null || fail "recovered state"
expect_exit 0 hp export --no-recover --format json "$d/NewDirtyHive"
jq -e '.state == "stale" and .recovered_from == null' out.txt > /dev/null ||
    fail "stale state"

# Key count: the same as hivexregedit's export and export's .reg.
f=$corpus/regipy/NTUSER.DAT
expect_exit 0 hp export --format json "$f" -o nt.json
n=$(jq '.keys | length' nt.json)
[ "$n" -gt 1000 ] || fail "only $n keys"
hivexregedit --export "$f" '\' > hx.reg 2> /dev/null || fail "hivexregedit"
[ "$(grep -c '^\[' hx.reg)" -eq "$n" ] || fail "hivexregedit: $(grep -c '^\[' hx.reg) keys, json $n"
expect_exit 0 hp export "$f" -o nt.reg
[ "$(iconv -f UTF-16LE -t UTF-8 nt.reg | grep -c '^\[')" -eq "$n" ] ||
    fail ".reg and json differ in keys"
# ... and the same keys in the same order, paths as .reg spells them.
iconv -f UTF-16LE -t UTF-8 nt.reg | tr -d '\r' | sed -n 's/^\[\(.*\)\]$/\1/p' > reg-keys.txt
jq -r '.keys[].path' nt.json > json-keys.txt
cmp -s reg-keys.txt json-keys.txt || fail ".reg and json list other keys"
jq -e '.schema == "hivepol-export/1" and .mount == "HKEY_CURRENT_USER" and
    .root == .mount and .source == $f' --arg f "$f" nt.json > /dev/null ||
    fail "header"

# jsonl: the same key objects, one a line, each naming the schema.
expect_exit 0 hp export --format jsonl "$f" -o nt.jsonl
[ "$(wc -l < nt.jsonl)" -eq "$n" ] || fail "jsonl: not one key a line"
jq -e 'select(.schema != "hivepol-export/1")' nt.jsonl > /dev/null &&
    fail "jsonl: a line without the schema"
jq -c 'del(.schema)' nt.jsonl > a.txt
jq -c '.keys[]' nt.json > b.txt
cmp -s a.txt b.txt || fail "jsonl and json differ"

# Class names and times against reglookup, on the subtree whose keys
# carry the boot key in their classes (SYSTEM's Control\Lsa).
need_cmd reglookup
sys=$corpus/regipy/SYSTEM
lsa='ControlSet001\Control\Lsa'
expect_exit 0 hp export --format json "$sys" 'controlset001\CONTROL\lsa' -o lsa.json
jq -e --arg r "HKEY_LOCAL_MACHINE\\SYSTEM\\$lsa" '.root == $r and
    .keys[0].path == $r' lsa.json > /dev/null || fail "subtree root"
jq -r '.keys[] | [(.path | sub("^HKEY_LOCAL_MACHINE\\\\SYSTEM"; "") |
    gsub("\\\\"; "/")), (.last_write | sub("T"; " ") | sub("Z"; "")),
    (.class // "")] | join(",")' lsa.json | sort > ours.txt
reglookup -H -s -t KEY -p /ControlSet001/Control/Lsa "$sys" |
    awk -F, '{ print $1 "," $4 "," $NF }' | sort > theirs.txt
[ "$(wc -l < ours.txt)" -gt 20 ] || fail "Lsa: too few keys"
cmp -s ours.txt theirs.txt || { diff ours.txt theirs.txt >&2; fail "reglookup differs"; }
for k in JD:67cd88ed Skew1:8df2db5b GBG:e770d1f4 Data:b6cf2e27; do
	grep -q "^/ControlSet001/Control/Lsa/${k%%:*},.*,${k#*:}\$" ours.txt ||
	    fail "class of ${k%%:*}"
done
[ "$(grep -c ',[0-9a-f]\{8\}$' ours.txt)" -eq 4 ] || fail "not 4 classes"
# The subtree is the whole export's keys below it.
expect_exit 0 hp export --format jsonl "$sys" -o sys.jsonl
jq -c --arg r "HKEY_LOCAL_MACHINE\\SYSTEM\\$lsa" 'select(.path == $r or
    (.path | startswith($r + "\\"))) | del(.schema)' sys.jsonl > part.txt
jq -c '.keys[]' lsa.json > sub.txt
cmp -s part.txt sub.txt || fail "the subtree is not the whole's part"

# --image: the hive the key's root names, in an image folder (the
# bytes as hivexregedit --export shows them).
mkdir -p img/Windows/System32/config
cp "$sys" img/Windows/System32/config/SYSTEM
expect_exit 0 hp export --image img --format jsonl "HKLM\\SYSTEM\\$lsa\\JD"
jq -e '.class == "67cd88ed" and .values[0].hex == "3fd644208f42"' out.txt \
    > /dev/null || fail "--image"

# A hive written by hivepol keeps the classes; the key it changed has a
# new time, and keys it made have no class.
cp "$sys" sys
expect_exit 0 hp set sys "$lsa\\JD" x dword 1
expect_exit 0 hp set sys "$lsa\\New" y sz z
expect_exit 0 hp export --format json sys "$lsa" -o w.json
jq -e '[.keys[] | select(.path | endswith("\\JD"))][0] |
    .class == "67cd88ed" and .last_write > "2020"' w.json > /dev/null ||
    fail "JD after a write"
jq -e '[.keys[] | select(.path | endswith("\\Lsa\\New"))][0].class == null' \
    w.json > /dev/null || fail "a new key has a class"

# A hive of unknown mount: paths as ls spells them, mount null.
expect_exit 0 hp new n.hive
expect_exit 0 hp set n.hive 'A\B' v dword 7
expect_exit 0 hp export --format json n.hive
jq -e '.mount == null and .root == "\\" and
    [.keys[].path] == ["\\", "\\A", "\\A\\B"]
    and .keys[2].values[0] == {"name": "v", "type": "REG_DWORD",
    "type_id": 4, "data": 7, "hex": "07000000"}' out.txt > /dev/null ||
    fail "unmounted hive"

# ls -R --json (JSON lines) names the same keys and values.
for h in n.hive "$corpus/regipy/SAM"; do
	hp ls -R --json "$h" > ls.txt || fail "ls $h"
	hp export --format jsonl "$h" | jq -c '{key: .path, values}' > ex.txt
	cmp -s ls.txt ex.txt || fail "$h: ls -R --json differs"
done

# Streamed like .reg: peak memory near the .reg export's, far below the
# output's size.
if [ -x /usr/bin/time ] && ! slow_build; then
	/usr/bin/time -f %M -o reg.kb "$HIVEPOL" export "$sys" -o s.reg ||
	    fail "export .reg"
	/usr/bin/time -f %M -o json.kb "$HIVEPOL" export --format json "$sys" \
	    -o s.json || fail "export json"
	size=$(($(wc -c < s.json) / 1024))
	[ "$(cat json.kb)" -lt $(($(cat reg.kb) + size / 2)) ] ||
	    fail "json export peaked at $(cat json.kb) KB (.reg $(cat reg.kb) KB, output $size KB)"
else
	echo "note: /usr/bin/time absent or slow build: memory not measured"
fi

# Bad input: one line, exit 2.
expect_exit 2 hp export --format json n.hive 'A\nope'
assert_contains err.txt 'n.hive: export of A\nope: no such key'
expect_exit 2 hp export --format jsn n.hive
assert_contains err.txt "--format jsn: expected reg5, reg4, pol, json or jsonl"
# A class offset past the end of the file: one line naming the offsets.
cp n.hive bad.hive
"$py" - bad.hive <<'EOPY' || fail "patching bad.hive"
import struct, sys
b = bytearray(open(sys.argv[1], "rb").read())
nk = 0x1000 + struct.unpack_from("<I", b, 0x24)[0] + 4
struct.pack_into("<I", b, nk + 0x30, 0x7ffffff0)
struct.pack_into("<H", b, nk + 0x4a, 4)
open(sys.argv[1], "wb").write(b)
EOPY
expect_exit 2 hp export --format jsonl bad.hive
assert_contains err.txt "bad.hive: export: offset 2147487728: bad class name of the key at offset 4128"
# Names holding U+0000 (hivex's special hive: zero\0key, zero\0val, as
# python3-hivex reads them in names-nul.t.sh) come out whole, as \u0000.
sp=$SHARED/corpus/hives/hivex/special
if [ -f "$sp" ]; then
	for m in '' 'HKLM\SOFTWARE'; do
		expect_exit 0 hp export --format jsonl ${m:+--mount "$m"} "$sp"
		[ "$(jq -r 'select(.path | endswith("\\zero\u0000key")) |
		    .values[0].name == "zero\u0000val"' out.txt)" = true ] ||
		    fail "export json ($m): NUL names: $(grep -a zero out.txt)"
	done
fi
exit 0
