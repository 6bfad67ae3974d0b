# convert --format json (schema hivepol-patch/1): every operation of a
# .reg, Registry.pol, GPO folder or security template, deletions kept,
# read with jq and compared with the same input converted to .reg, with
# show --json's entries, and with lists written out by hand.
. "$TESTLIB"
need_cmd jq
need_cmd iconv
py=$(debian_python) || skip "Debian python3 is absent"
ops='.operations[] | [.op, .key, .name, .value.type, .value.data, .at] |
    map(if type == "array" then join(",") else . // "-" | tostring end) |
    join("|")'

# A .reg of every kind of line; the operations listed by hand.
printf '%s\r\n' 'Windows Registry Editor Version 5.00' '' \
    '[HKEY_LOCAL_MACHINE\SOFTWARE\T]' '"a"=dword:00000010' '"b"=-' \
    '@="def"' '"m"=hex(7):61,00,00,00,62,00,00,00,00,00' \
    '"q"=hex(b):01,00,00,00,00,00,00,00' '' \
    '[-HKEY_LOCAL_MACHINE\SOFTWARE\Gone]' '' \
    '[HKEY_CURRENT_USER\Software\U]' '"e"=hex(2):25,00,41,00,25,00,00,00' \
    > t.reg
expect_exit 0 hp convert --format json t.reg -o t.json
jq -e '.schema == "hivepol-patch/1"' t.json > /dev/null || fail schema
jq -r "$ops" t.json > got.txt
cat > want.txt <<'EOT'
create-key|HKEY_LOCAL_MACHINE\SOFTWARE\T|-|-|-|3
set|HKEY_LOCAL_MACHINE\SOFTWARE\T|a|REG_DWORD|16|4
delete-value|HKEY_LOCAL_MACHINE\SOFTWARE\T|b|-|-|5
set|HKEY_LOCAL_MACHINE\SOFTWARE\T||REG_SZ|def|6
set|HKEY_LOCAL_MACHINE\SOFTWARE\T|m|REG_MULTI_SZ|a,b|7
set|HKEY_LOCAL_MACHINE\SOFTWARE\T|q|REG_QWORD|1|8
delete-key|HKEY_LOCAL_MACHINE\SOFTWARE\Gone|-|-|-|10
create-key|HKEY_CURRENT_USER\Software\U|-|-|-|12
set|HKEY_CURRENT_USER\Software\U|e|REG_EXPAND_SZ|%A%|13
EOT
cmp -s got.txt want.txt || { diff want.txt got.txt >&2; fail ".reg operations"; }
jq -e '.operations[1].value.hex == "10000000" and
    .operations[4].value.hex == "61000000620000000000"' t.json \
    > /dev/null || fail "raw bytes"
# The name of the output says JSON too.
expect_exit 0 hp convert t.reg -o t2.json
cmp -s t.json t2.json || fail ".json output name"

# The same patch as .reg (convert's other output) lists the same
# operations: every corpus .reg, read back line by line.
regops() {
	iconv -f UTF-16LE -t UTF-8 "$1" | tr -d '\r' | "$py" -c '
import re, sys
key = None
for line in sys.stdin:
    line = line.rstrip("\n").lstrip("\ufeff")
    m = re.match(r"^\[(-?)(.*)\]$", line)
    if m:
        key = m.group(2)
        print("%s|%s" % ("delete-key" if m.group(1) else "create-key", key))
        continue
    m = re.match(r"^(@|\"((?:[^\"\\\\]|\\\\.)*)\")=(-?)", line)
    if m:
        name = "" if m.group(1) == "@" else re.sub(r"\\\\(.)", r"\1", m.group(2))
        print("%s|%s|%s" % ("delete-value" if m.group(3) else "set", key, name))
'
}
n=0
for f in "$SHARED"/corpus/reg/*/*.reg; do
	[ -f "$f" ] || continue
	expect_exit 0 hp convert --format json "$f" -o c.json
	expect_exit 0 hp convert --format reg5 "$f" -o c.reg
	jq -r '.operations[] | [.op, .key, .name] | map(select(. != null)) |
	    join("|")' c.json > got.txt
	regops c.reg > want.txt
	cmp -s got.txt want.txt || { diff want.txt got.txt >&2; fail "$f: json and .reg differ"; }
	# Deletions of the original file, all there.
	[ "$(grep -c '^delete-key' got.txt)" -eq \
	    "$(iconv -f "$(file -b --mime-encoding "$f" | sed 's/us-ascii/utf-8/')" -t UTF-8 "$f" | grep -c '^\[-')" ] ||
	    fail "$f: [-KEY] lost"
	n=$((n + 1))
done
[ -d "$SHARED/corpus" ] && [ "$n" -lt 10 ] && fail "only $n corpus .reg files"

# Registry.pol: every command, its operations listed by hand.
"$py" "$(dirname "$TESTLIB")/json-convert-pol.py" t.pol || fail "mkpol"
expect_exit 0 hp convert --format json --class machine t.pol -o p.json
jq -r "$ops" p.json > got.txt
k='HKEY_LOCAL_MACHINE\Software\Policies\T'
cat > want.txt <<EOT
set|$k|A|REG_DWORD|5|8
set-if-absent|$k|B|REG_SZ|x|76
delete-value|$k|C|-|-|158
delete-all-values|$k|-|-|-|238
delete-value|$k|D|-|-|324
delete-value|$k|E|-|-|324
delete-key|$k\\K1|-|-|-|422
delete-key|$k\\K2|-|-|-|422
EOT
cmp -s got.txt want.txt || { diff want.txt got.txt >&2; fail ".pol operations"; }

# Corpus Registry.pol files and a GPO folder: as many operations of each
# kind as show --json (checked against Samba in pol-samba.t.sh) has
# entries, a **DeleteKeys or **DeleteValues entry counting its items.
# (A GPO's show also lists its template's settings, which carry no
# Registry.pol command; convert takes the Registry.pol files.)
count_show='[.entries[] | select(.command != null) | .command as $c | if $c == "delete-keys" or
    $c == "delete-values" then (.data | split(";") | map(select(. != "")) |
    map(if $c == "delete-keys" then "delete-key" else "delete-value" end))
    else $c end] | flatten | group_by(.) | map("\(.[0]) \(length)") | .[]'
count_ops='[.operations[].op] | group_by(.) | map("\(.[0]) \(length)") | .[]'
for f in "$SHARED"/corpus/pol/shb/*.pol "$SHARED"/corpus/pol/adsys/sysvol/*.pol \
    "$SHARED/corpus/gpo/nsa-shb/{A2A38432-E322-437F-9975-B7CC7F16F4AA}"; do
	[ -e "$f" ] || continue
	case $f in *User.pol) c=user ;; *) c=machine ;; esac
	if ! hp show --json --class $c "$f" > out.txt 2> /dev/null; then
		# A file show refuses, convert refuses too.
		expect_exit 2 hp convert --format json --class $c "$f" -o o.json
		continue
	fi
	jq -e '.schema == "hivepol-show/1"' out.txt > /dev/null ||
	    fail "$f: show --json schema"
	jq -r "$count_show" out.txt > want.txt
	expect_exit 0 hp convert --format json --class $c "$f" -o o.json
	jq -r "$count_ops" o.json > got.txt
	cmp -s got.txt want.txt || { diff want.txt got.txt >&2; fail "$f: operations"; }
done

# A security template's registry values: show --json's, in order.
dc="$SHARED/corpus/gpo/t0x01-gpo/{72A90472-1833-4FE8-92E4-D454256D337B}/DomainSysvol/GPO/Machine/microsoft/windows nt/SecEdit/GptTmpl.inf"
if [ -f "$dc" ]; then
	expect_exit 0 hp show --json "$dc"
	jq -c '.entries[] | select(.section == "Registry Values") |
	    [.key, .name, .value.hex, .line]' out.txt > want.txt
	expect_exit 0 hp convert --format json "$dc" -o s.json
	jq -c '.operations[] | [.key, .name, .value.hex, .at]' s.json > got.txt
	[ -s want.txt ] || fail "no registry values in the template"
	cmp -s got.txt want.txt || { diff want.txt got.txt >&2; fail "template"; }
fi

expect_exit 2 hp convert --format jsn t.reg -o x
assert_contains err.txt "--format jsn: expected reg5, reg4, pol, gpo, inf or json"
exit 0
