# Cross-check with an independent implementation: for every corpus .pol
# that hivepol reads, Samba's parser (python3-samba, samba.gp_parse.gp_pol)
# decodes the same entries: keys, value names, types and data bytes.
. "$TESTLIB"
need_shared
py=$(debian_python) || skip "no /usr/bin/python3"
"$py" -c 'from samba.gp_parse.gp_pol import GPPolParser' 2>/dev/null ||
	skip "python3-samba is not installed"
corpus=$SHARED/corpus/pol
n=0
for f in $(cd "$corpus" && find . -type f -name '*.pol' | sed 's|^\./||' | sort); do
	hp show --json --class machine "$corpus/$f" > "out.json" 2> /dev/null ||
		continue
	n=$((n + 1))
	"$py" - "$corpus/$f" out.json <<'EOPY' || fail "$f: Samba decodes other entries"
import json, struct, sys
from samba.gp_parse.gp_pol import GPPolParser

path, ours = sys.argv[1], json.load(open(sys.argv[2]))
if ours["schema"] != "hivepol-show/1":
    sys.exit("schema %s" % ours["schema"])
ours = ours["entries"]
p = GPPolParser()
p.parse(open(path, 'rb').read())
theirs = p.pol_file.entries
if len(theirs) != len(ours):
    sys.exit("%d entries, Samba %d" % (len(ours), len(theirs)))

def samba_bytes(e):
    d = e.data
    if d is None:
        return b''
    if isinstance(d, int):
        if e.type == 11:
            return struct.pack('<Q', d)
        if e.type == 5:
            return struct.pack('>I', d)
        return struct.pack('<I', d)
    if isinstance(d, str):
        return None      # decoded string: compared as text below
    return bytes(d)

for i, (o, t) in enumerate(zip(ours, theirs)):
    where = "entry %d (%s\\%s)" % (i, t.keyname, t.valuename)
    if o['key'] != t.keyname or o['name'] != t.valuename:
        sys.exit("%s: hivepol has %s\\%s" % (where, o['key'], o['name']))
    if o['type_id'] != t.type:
        sys.exit("%s: type %d, Samba %d" % (where, o['type_id'], t.type))
    raw = bytes.fromhex(o['hex'])
    if len(raw) != t.size:
        sys.exit("%s: %d bytes, Samba size %d" % (where, len(raw), t.size))
    sb = samba_bytes(t)
    if sb is None:
        text = raw.decode('utf-16-le', 'surrogatepass').split('\0')[0]
        if text != t.data.split('\0')[0]:
            sys.exit("%s: %r, Samba %r" % (where, text, t.data))
    elif sb != raw:
        sys.exit("%s: data %s, Samba %s" % (where, raw.hex(), sb.hex()))
EOPY
done
[ "$n" -ge 25 ] || fail "only $n files compared"
echo "$n files agree with Samba"
