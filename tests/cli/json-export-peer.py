"""export --format json of a hive against python3-hivex's walk of it:
the same keys, each key's FILETIME and its ISO 8601 form, every value's
name, type and bytes, and the decoded data of the values whose bytes say
plainly what it must be.  Usage: json-export-peer.py HIVE OURS.json"""
import datetime, json, sys
import hivex

hive, ours_path = sys.argv[1], sys.argv[2]
doc = json.load(open(ours_path))
if doc["schema"] != "hivepol-export/1":
    sys.exit("schema %r" % doc["schema"])
mount = doc["mount"] or ""
h = hivex.Hivex(hive)

def walk(node, path, out):
    vals = []
    for v in h.node_values(node):
        t, data = h.value_value(v)
        vals.append((h.value_key(v), t, data.hex()))
    out[path] = (h.node_timestamp(node), sorted(vals))
    for c in h.node_children(node):
        name = h.node_name(c)
        walk(c, path + "\\" + name if path else name, out)

theirs = {}
walk(h.root(), "", theirs)
ours = {}
for k in doc["keys"]:
    p = k["path"]
    if not p.startswith(mount):
        sys.exit("%s: not below the mount %s" % (p, mount))
    p = p[len(mount):].lstrip("\\")
    ours[p] = k
if len(ours) != len(doc["keys"]) or set(ours) != set(theirs):
    sys.exit("keys differ: %d ours, %d hivex; only ours %s, only hivex %s" %
        (len(doc["keys"]), len(theirs), sorted(set(ours) - set(theirs))[:3],
        sorted(set(theirs) - set(ours))[:3]))

def decoded(t, b):
    """What "data" must be, or ... when this check does not say."""
    if t in (4, 5) and len(b) == 4:
        return int.from_bytes(b, "little" if t == 4 else "big")
    if t == 11 and len(b) == 8:
        return int.from_bytes(b, "little")
    if t in (1, 2) and len(b) % 2 == 0 and b.endswith(b"\0\0"):
        s = b[:-2].decode("utf-16le", "surrogatepass")
        return s if "\0" not in s else ...
    return ...

checked = 0
for p, (ft, vals) in theirs.items():
    k = ours[p]
    if k["last_write_filetime"] != (ft or None):
        sys.exit("%s: time %r, hivex %r" % (p, k["last_write_filetime"], ft))
    iso = datetime.datetime(1601, 1, 1) + datetime.timedelta(
        microseconds=ft // 10)
    if k["last_write"] != iso.strftime("%Y-%m-%dT%H:%M:%SZ"):
        sys.exit("%s: %s, hivex %s" % (p, k["last_write"], iso))
    mine = sorted((v["name"], v["type_id"], v["hex"]) for v in k["values"])
    if mine != vals:
        sys.exit("%s: values differ:\n%s\n%s" % (p, mine[:3], vals[:3]))
    for v in k["values"]:
        want = decoded(v["type_id"], bytes.fromhex(v["hex"]))
        if want is not ... and v["data"] != want:
            sys.exit("%s: %s: data %r, bytes say %r" %
                (p, v["name"], v["data"], want))
        checked += want is not ...
print("%d keys, %d decoded values checked" % (len(theirs), checked))
