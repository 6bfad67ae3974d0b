# Helper for hive-readers.t.sh (Debian's python3, stdlib and pyregf only).
#
# Every reader's output is normalised to one listing: a JSON line per key
# ["K", path] and per value ["V", path, name, type, data], paths relative
# to the hive root.  "data" is the value as that reader can show it (its
# "view"): hex where the reader gives raw bytes, text where it decodes.
# The expected listing is the same reader's listing of the original hive
# (or of an empty one) with the intended changes applied here, each new
# value rendered through that reader's view.  So nothing expected comes
# from hivepol's own output.
#
#   gen KIND DIR [ARG]        write DIR/ops (the intended changes) and the
#                             inputs: set (DIR/cmds.sh), reg (DIR/in.reg),
#                             pol (DIR/in.pol), lcs machine|user, corpus KEY
#   list READER HIVE [PREFIX] READER's listing of HIVE (PREFIX: reged's root)
#   expect READER BASE OPS    listing BASE ("-": none) with OPS applied
#   reged PREFIX HIVE EXP OEXP OGOT   reged's listing of the top-level
#                             subtrees it can read (reged_readable) to OGOT,
#                             EXP cut to the same subtrees to OEXP
import json
import os
import re
import struct
import subprocess
import sys

BIG = 16344     # larger values are stored as big data (db)


def u16z(s):
    return s.encode("utf-16-le") + b"\0\0"


def sz_text(data):
    """A string value's text as decoding readers show it: up to the NUL."""
    t = data.decode("utf-16-le", errors="replace")
    return t.split("\0", 1)[0]


# ---- listings ------------------------------------------------------------

class Listing:
    def __init__(self):
        # lower-case path -> [path, {lower-case name: (name, type, data)}]
        self.keys = {"": ["", {}]}

    def add_key(self, path):
        parts = path.split("\\") if path else []
        cur = ""
        for p in parts:
            nxt = (cur + "\\" + p) if cur else p
            k = self.keys.get(nxt.lower())
            if k is None:
                self.keys[nxt.lower()] = [nxt, {}]
            else:
                nxt = k[0]              # keep the stored case
            cur = nxt
        return self.keys[path.lower()]

    def set_value(self, path, name, typ, data):
        self.add_key(path)[1][name.lower()] = (name, typ, data)

    def del_key(self, path):
        lp = path.lower()
        for k in [k for k in self.keys if k == lp or k.startswith(lp + "\\")]:
            del self.keys[k]

    def del_value(self, path, name):
        k = self.keys.get(path.lower())
        if k:
            k[1].pop(name.lower(), None)

    def lines(self):
        out = []
        for path, vals in self.keys.values():
            out.append(json.dumps(["K", path], ensure_ascii=False))
            for name, typ, data in vals.values():
                out.append(json.dumps(["V", path, name, typ, data],
                                      ensure_ascii=False))
        return sorted(out)

    @staticmethod
    def load(fn):
        ls = Listing()
        with open(fn, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r[0] == "K":
                    ls.add_key(r[1])
                else:
                    ls.set_value(r[1], r[2], r[3], r[4])
        return ls


# ---- views: how each reader shows a value's data ------------------------

def view(reader, typ, data):
    n = len(data)
    if reader in ("hivex", "pyregf"):
        # libregf 20201007 returns the wrong bytes for data of 1-3 bytes
        # kept inside the vk record (it takes the field's last bytes; seen
        # on real hives too: regipy/SAM ServerDomainUpdates "fe01" reads
        # "0000"), so only their size is compared.
        if reader == "pyregf" and 0 < n < 4:
            return "inline:%d" % n
        return (libregf_trim(typ, data) if reader == "pyregf" else data).hex()
    if reader == "regfexport":
        data = libregf_trim(typ, data)
        n = len(data)
        if typ in (1, 2) and n:
            return "n=%d t:%s" % (n, sz_text(data))
        if typ == 4 and n == 4:
            return "n=4 t:%d" % struct.unpack("<I", data)[0]
        if typ == 5 and n == 4:
            return "n=4 t:%d" % struct.unpack(">I", data)[0]
        if typ == 11 and n == 8:
            return "n=8 t:%d" % struct.unpack("<Q", data)[0]
        if 0 < n < 4:                   # the libregf bug above
            return "n=%d inline" % n
        return "n=%d x:%s" % (n, data.hex())
    if reader == "reglookup":
        # Text it cannot convert to ASCII is printed as the stored bytes,
        # like names (see view_name).
        if typ in (1, 2, 6) and n:
            t = sz_text(data)
            return ("t:" + t) if is_ascii(t) else "x:" + data.hex()
        if typ == 7 and n:
            # reglookup joins the strings with "|" and drops empty ones.
            items = data.decode("utf-16-le", errors="replace").split("\0")
            if not all(is_ascii(s) for s in items):
                return "x:" + data.hex()
            return "m:" + json.dumps([s for s in items if s])
        if typ == 4 and n == 4:
            return "t:0x%08X" % struct.unpack("<I", data)[0]
        if typ == 5 and n == 4:
            return "t:0x%08X" % struct.unpack(">I", data)[0]
        if typ == 11 and n == 8:
            return "t:0x%016X" % struct.unpack("<Q", data)[0]
        return "x:" + data.hex()
    if reader == "reged":
        # reged prints a big-data value's db record, not its data.
        if n > BIG:
            return "bigdata"
        if typ == 1 and n >= 2 and n % 2 == 0:     # text up to the NUL
            return "s:" + sz_text(data)
        if typ == 4 and n == 4:
            return "d:%08x" % struct.unpack("<I", data)[0]
        return "x:" + data.hex()
    raise SystemExit("unknown reader " + reader)


def libregf_trim(typ, data):
    """libregf returns string data only up to its first NUL character,
    though the vk record counts more: regipy/BCD's 68-byte Element strings
    read as 66 bytes, and regipy/SAM's 8-byte REG_EXPAND_SZ (really RIDs)
    as 4."""
    if typ in (1, 2):
        for i in range(0, len(data) - 1, 2):
            if data[i:i + 2] == b"\0\0":
                return data[:i + 2]
    return data


def view_name(reader, name):
    # reglookup cannot convert a non-ASCII name and prints its stored
    # bytes instead: Latin-1 when Windows would store it compressed,
    # UTF-16LE otherwise.
    if reader == "reglookup" and not is_ascii(name):
        if all(ord(c) < 256 for c in name):
            return "raw:" + name.encode("latin-1").hex()
        return "raw:" + name.encode("utf-16-le").hex()
    return name


def is_ascii(s):
    return all(0x20 <= ord(c) < 0x7f for c in s)


# ---- parsers ---------------------------------------------------------------

def parse_regfile(text, prefix):
    """A .reg file's keys and values (hivexregedit --export, reged -x)."""
    ls = Listing()
    # reged writes no line break after an empty hex value ("n"=hex(0):
    # then the next value on the same line).
    text = re.sub(r'(=hex(?:\([0-9a-fA-F]+\))?:)(?=["@])', "\\1\n",
                  text.replace("\r\n", "\n"))
    lines = text.split("\n")
    joined, cur = [], ""
    for ln in lines:
        if cur:
            ln = ln.lstrip()
        if ln.endswith("\\") and not ln.startswith("["):
            cur += ln[:-1]
            continue
        joined.append(cur + ln)
        cur = ""
    key = None
    for ln in joined:
        if ln.startswith("[") and ln.endswith("]"):
            p = ln[1:-1]
            if not p.startswith(prefix):
                raise SystemExit("key outside %r: %r" % (prefix, p))
            key = p[len(prefix):].strip("\\")
            ls.add_key(key)
            continue
        if not ln or key is None or ln.startswith(("Windows Registry", ";")):
            continue
        if ln.startswith("@="):
            name, rest = "", ln[2:]
        else:
            m = re.match(r'"((?:[^"\\]|\\.)*)"=(.*)$', ln)
            if not m:
                raise SystemExit("cannot parse .reg line %r" % ln[:80])
            name = re.sub(r"\\(.)", r"\1", m.group(1))
            rest = m.group(2)
        if rest.startswith('"'):
            ls.set_value(key, name, 1,
                         ("s", re.sub(r"\\(.)", r"\1", rest[1:-1])))
        elif rest.startswith("dword:"):
            ls.set_value(key, name, 4, ("d", rest[6:].lower()))
        else:
            m = re.match(r"hex(?:\(([0-9a-fA-F]+)\))?:(.*)$", rest)
            if not m:
                raise SystemExit("cannot parse .reg data %r" % rest[:80])
            typ = int(m.group(1), 16) if m.group(1) else 3
            hx = m.group(2).replace(",", "").replace(" ", "")
            ls.set_value(key, name, typ, ("x", bytes.fromhex(hx)))
    return ls


def list_hivex(hive):
    # hivexregedit: Perl on libhivex; prints every value as raw hex(N)
    # or dword, names in UTF-8.
    out = subprocess.run(["hivexregedit", "--export", hive, "\\"],
                         capture_output=True, check=True).stdout
    # Compressed (Latin-1) names come out as raw Latin-1 bytes, UTF-16
    # names as UTF-8: decode each line as whichever it is.
    text = []
    for ln in out.split(b"\n"):
        try:
            text.append(ln.decode("utf-8"))
        except UnicodeDecodeError:
            text.append(ln.decode("latin-1"))
    ls = parse_regfile("\n".join(text), "\\")
    for path, vals in ls.keys.values():
        for k, (name, typ, (form, v)) in list(vals.items()):
            if form == "d":
                v = struct.pack("<I", int(v, 16))
            vals[k] = (name, typ, view("hivex", typ, v))
    return ls


def list_pyregf(hive):
    import pyregf
    f = pyregf.file()
    f.open(hive)
    ls = Listing()

    def walk(key, path):
        ls.add_key(path)
        for v in key.values:
            data = v.data or b""
            ls.set_value(path, v.name or "", v.type,
                         view("pyregf", v.type, data))
        for s in key.sub_keys:
            walk(s, (path + "\\" + s.name) if path else s.name)
    walk(f.get_root_key(), "")
    f.close()
    return ls


REGF_TYPES = {"REG_NONE": 0, "REG_SZ": 1, "REG_EXPAND_SZ": 2,
              "REG_BINARY": 3, "REG_DWORD_LITTLE_ENDIAN": 4,
              "REG_DWORD_BIG_ENDIAN": 5, "REG_LINK": 6, "REG_MULTI_SZ": 7,
              "REG_RESOURCE_LIST": 8, "REG_FULL_RESOURCE_DESCRIPTOR": 9,
              "REG_RESOURCE_REQUIREMENTS_LIST": 10,
              "REG_QWORD_LITTLE_ENDIAN": 11}


def list_regfexport(hive):
    out = subprocess.run(["regfexport", hive], capture_output=True,
                         check=True).stdout.decode("utf-8", "replace")
    ls = Listing()
    key = None
    lines = out.split("\n")
    i = 0
    while i < len(lines):
        ln = lines[i]
        i += 1
        if ln.startswith("Key path: "):
            p = ln[10:]
            key = p.split("\\", 1)[1] if "\\" in p else ""
            ls.add_key(key)
        elif ln.startswith("Value: "):
            name = ln[7:].split(" ", 1)[1] if " " in ln[7:] else ""
            if name == "(default)":
                name = ""
            t = lines[i][6:]
            m = re.search(r"\((REG_\w+)\)$", t)
            typ = REGF_TYPES[m.group(1)] if m else int(t.split(": ")[1], 16)
            size = int(lines[i + 1][11:])
            i += 2
            data = "n=%d x:" % size
            if i < len(lines) and lines[i].startswith("Data:"):
                if lines[i] != "Data:":
                    data = "n=%d t:%s" % (size, lines[i][6:])
                    i += 1
                else:
                    i += 1
                    hx = ""
                    while i < len(lines) and lines[i]:
                        hx += lines[i][10:59].replace(" ", "")
                        i += 1
                    data = ("n=%d inline" % size if 0 < size < 4
                            else "n=%d x:%s" % (size, hx))
            ls.set_value(key, name, typ, data)
    return ls


REGLOOKUP_TYPES = {"NONE": 0, "SZ": 1, "EXPAND_SZ": 2, "BINARY": 3,
                   "DWORD": 4, "DWORD_BE": 5, "LINK": 6, "MULTI_SZ": 7,
                   "RSRC_LIST": 8, "RSRC_DESC": 9, "RSRC_REQ_LIST": 10,
                   "QWORD": 11}


def unpct(s):
    return re.sub(rb"%([0-9A-Fa-f]{2})",
                  lambda m: bytes([int(m.group(1), 16)]), s.encode("ascii"))


def rl_name(s):
    b = unpct(s)
    if all(0x20 <= c < 0x7f for c in b):
        return b.decode("ascii")
    return "raw:" + b.hex()


def list_reglookup(hive):
    out = subprocess.run(["reglookup", "-H", hive], capture_output=True,
                         check=True).stdout.decode("ascii")
    ls = Listing()
    for ln in out.split("\n"):
        if not ln:
            continue
        path, typ, val, _ = ln.split(",")
        parts = [rl_name(p) for p in path.split("/")[1:]]
        if typ == "KEY":
            ls.add_key("\\".join(p for p in parts if p))
            continue
        t = (REGLOOKUP_TYPES[typ] if typ in REGLOOKUP_TYPES
             else int(typ, 16))
        if t in (1, 2, 6) and val != "(null)":
            b = unpct(val)
            data = ("t:" + b.decode("ascii")
                    if all(0x20 <= c < 0x7f for c in b) else "x:" + b.hex())
        elif t == 7 and val != "(null)":
            data = ("m:" + json.dumps([unpct(x).decode("ascii")
                                       for x in val.split("|")])
                    if "%00" not in val else "x:" + unpct(val).hex())
        elif t in (4, 5, 11):
            data = "t:" + val
        else:
            data = "x:" + ("" if val == "(null)" else unpct(val).hex())
        ls.set_value("\\".join(parts[:-1]), parts[-1], t, data)
    return ls


def reged_export(hive, prefix, key, out):
    """One reged -x run; returns the exit code (reged asks nothing with
    -x, but stdin is /dev/null in case it does)."""
    with open(os.devnull) as dn, open(out + ".log", "w") as log:
        return subprocess.run(["reged", "-x", hive, prefix, key, out],
                              stdin=dn, stdout=log, stderr=log).returncode


def list_reged(hive, prefix, keys):
    ls = Listing()
    for k in keys:
        out = "reged-out.reg"
        if os.path.exists(out):
            os.remove(out)
        rc = reged_export(hive, prefix, "\\" + k, out)
        if rc != 0:
            raise SystemExit("reged -x %s %s: exit %d" % (hive, k, rc))
        with open(out, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        part = parse_regfile(text, prefix)
        # A root nk without the KEY_HIVE_ENTRY flag (nt-hive/testhive, made
        # by offreg.dll) makes reged print "get_abs_path: Not a 'nk' node!"
        # and put the root's own name before every path: drop it.
        with open(out + ".log", encoding="utf-8", errors="replace") as f:
            rootname = "Not a 'nk' node" in f.read()
        for path, vals in part.keys.values():
            if rootname:
                path = path.split("\\", 1)[1] if "\\" in path else ""
            ls.add_key(path)
            for name, typ, (form, v) in vals.values():
                if form == "x" and len(v) > 4 and v[:2] == b"db":
                    d = "bigdata"
                elif form == "x":
                    d = "x:" + v.hex()
                else:
                    d = form + ":" + v
                ls.set_value(path, name, typ, d)
    return ls


def reged_readable(ls):
    """reged reads a key only if its name is ASCII (others: "not found",
    subtree skipped, exit 0) and aborts (SIGABRT) on a non-ASCII value name,
    as on the corpus's python-registry/UNICODE_TESTS: keep the top-level
    subtrees it can read."""
    tops = {}
    for path, vals in ls.keys.values():
        if not path:
            continue
        parts = path.split("\\")
        ok = all(is_ascii(p) for p in parts) and \
            all(is_ascii(n) for n, _, _ in vals.values())
        tops[parts[0]] = tops.get(parts[0], True) and ok
    return sorted(t for t, ok in tops.items() if ok)


def restrict(ls, tops):
    lt = {t.lower() for t in tops}
    out = Listing()
    for lp, (path, vals) in ls.keys.items():
        if lp and lp.split("\\")[0] in lt:
            out.add_key(path)
            for name, typ, data in vals.values():
                out.set_value(path, name, typ, data)
    return out


# ---- intended changes --------------------------------------------------------

def apply_ops(reader, ls, opsfile):
    with open(opsfile, encoding="utf-8") as f:
        for line in f:
            op = json.loads(line)
            if op[0] == "key":
                ls.add_key(op[1])
            elif op[0] in ("set", "setifpresent"):
                _, path, name, typ, hx = op
                k = ls.keys.get(path.lower())
                vn = view_name(reader, name)
                if op[0] == "setifpresent" and \
                        (k is None or vn.lower() not in k[1]):
                    continue
                ls.set_value(path, vn, typ,
                             view(reader, typ, bytes.fromhex(hx)))
            elif op[0] == "delkey":
                ls.del_key(op[1])
            elif op[0] == "delval":
                ls.del_value(op[1], view_name(reader, op[2]))
            elif op[0] == "delvals":
                k = ls.keys.get(op[1].lower())
                if k:
                    k[1].clear()
    return ls


def rl_path(ls):
    """reglookup's paths: non-ASCII key names become raw bytes too."""
    out = Listing()
    for path, vals in ls.keys.values():
        p = "\\".join(view_name("reglookup", x) for x in path.split("\\")) \
            if path else ""
        out.add_key(p)
        for name, typ, data in vals.values():
            out.set_value(p, name, typ, data)
    return out


# ---- inputs ------------------------------------------------------------------

class Gen:
    def __init__(self, d):
        self.d = d
        self.ops = open(os.path.join(d, "ops"), "w", encoding="utf-8")

    def op(self, *a):
        self.ops.write(json.dumps(list(a), ensure_ascii=False) + "\n")


def q(s):
    return "'" + s.replace("'", "'\\''") + "'"


def reg_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def reg_hex(typ, data):
    body = ",".join("%02x" % b for b in data)
    return ("hex:" if typ == 3 else "hex(%x):" % typ) + body


def pattern(n, seed):
    return bytes((i * 7 + seed + (i >> 8)) & 0xff for i in range(n))


def gen_set(g, slow):
    """Values written one by one with "hivepol set", then some removed."""
    sh = open(os.path.join(g.d, "cmds.sh"), "w", encoding="utf-8")
    m = "HKLM\\SOFTWARE\\"

    def s(path, name, tname, args, typ, data):
        sh.write("hp set h %s %s %s %s >/dev/null || fail %s\n" % (
            q(m + path), q(name or "@"), tname,
            " ".join(q(a) for a in args), q("set " + path + " " + name)))
        g.op("set", path, name, typ, data.hex())
    k = "Types"
    s(k, "sz", "sz", ["plain text"], 1, u16z("plain text"))
    s(k, "quote", "sz", ['a"b\\c,d|e%f'], 1, u16z('a"b\\c,d|e%f'))
    s(k, "exp", "expand_sz", ["%windir%\\x"], 2, u16z("%windir%\\x"))
    s(k, "multi", "multi_sz", ["one", "two words"], 7,
      u16z("one") + u16z("two words") + b"\0\0")
    s(k, "dw", "dword", ["4294967295"], 4, b"\xff" * 4)
    s(k, "dwbe", "dword_be", ["0x11223344"], 5, bytes([0x11, 0x22, 0x33, 0x44]))
    s(k, "qw", "qword", ["0x1122334455667788"], 11,
      struct.pack("<Q", 0x1122334455667788))
    s(k, "none", "none", [], 0, b"")
    s(k, "bin3", "binary", ["00,01,fe"], 3, bytes([0, 1, 0xfe]))
    s(k, "bin20", "binary", [pattern(20, 1).hex()], 3, pattern(20, 1))
    s(k, "lnk", "link", ["\\Registry\\Machine\\x"], 6,
      "\\Registry\\Machine\\x".encode("utf-16-le"))  # no NUL
    s(k, "res", "8", ["0a0b0c0d0e"], 8, bytes([10, 11, 12, 13, 14]))
    s(k, "odd", "0x12345", ["ffee0011"], 0x12345, bytes([0xff, 0xee, 0, 0x11]))
    s(k, "", "sz", ["default"], 1, u16z("default"))
    s(k, "big16345", "binary", [pattern(16345, 2).hex()], 3,
      pattern(16345, 2))
    s(k, "tmp", "dword", ["1"], 4, struct.pack("<I", 1))
    s("Names\\Tëst☃\\Ωmega", "Wörld™", "sz", ["ünïcode ☃"], 1,
      u16z("ünïcode ☃"))
    s("Names\\Émile", "é", "dword", ["2"], 4, struct.pack("<I", 2))
    s("Gone\\Sub\\Deeper", "v", "sz", ["bye"], 1, u16z("bye"))
    s("Gone", "w", "dword", ["3"], 4, struct.pack("<I", 3))
    s("Kept", "x", "dword", ["4"], 4, struct.pack("<I", 4))
    sh.write("hp rm h %s >/dev/null || fail 'rm key'\n" % q(m + "Gone"))
    g.op("delkey", "Gone")
    sh.write("hp rm h %s tmp >/dev/null || fail 'rm value'\n" % q(m + k))
    g.op("delval", k, "tmp")


def gen_reg(g, slow):
    """A regedit-style .reg (UTF-16LE, BOM, CRLF) for an HKCU hive."""
    r = "HKEY_CURRENT_USER\\"
    out = ["Windows Registry Editor Version 5.00", ""]

    def key(path):
        out.append("[%s%s]" % (r, path))
        g.op("key", path)

    def val(path, name, typ, data, text=None):
        n = "@" if name == "" else reg_string(name)
        if text is not None:
            out.append("%s=%s" % (n, text))
        else:
            out.append("%s=%s" % (n, reg_hex(typ, data)))
        g.op("set", path, name, typ, data.hex())
    nsub = 50 if slow else 1100
    key("Many")
    for i in range(nsub):
        key("Many\\k%04d" % i)
        if i % 100 == 0:
            val("Many\\k%04d" % i, "i", 4, struct.pack("<I", i),
                "dword:%08x" % i)
    key("Data")
    val("Data", "s", 1, u16z('say "hi" \\o/'), reg_string('say "hi" \\o/'))
    val("Data", "", 1, u16z("default"), reg_string("default"))
    val("Data", "m", 7, u16z("α") + u16z("") + u16z("β|γ") + b"\0\0")
    val("Data", "q", 11, struct.pack("<Q", 2 ** 64 - 1))
    val("Data", "e", 2, u16z("%TEMP%\\x"))
    # bytes after the terminating NUL, as in real hives (python-registry's
    # issue22.hive, regipy/BCD)
    val("Data", "sztail", 1, u16z("ab") + u16z("x"))
    val("Data", "n", 0, b"")
    val("Data", "b16345", 3, pattern(16345, 3))
    val("Data", "b50000", 3, pattern(50000, 4))
    val("Data", "gone", 4, struct.pack("<I", 9), "dword:00000009")
    key("Schlüssel☃\\Ünter")
    val("Schlüssel☃\\Ünter", "Grüße", 1, u16z("ok"), reg_string("ok"))
    key("Del\\Sub")
    val("Del\\Sub", "x", 4, struct.pack("<I", 1), "dword:00000001")
    out.append("")
    out.append("[-%sDel]" % r)
    g.op("delkey", "Del")
    out.append("[%sData]" % r)
    out.append('"gone"=-')
    g.op("delval", "Data", "gone")
    out.append("")
    with open(os.path.join(g.d, "in.reg"), "wb") as f:
        f.write(b"\xff\xfe" + "\r\n".join(out).encode("utf-16-le"))


def gen_pol(g, slow):
    """A Registry.pol for an HKLM\\SOFTWARE hive (keys relative to HKLM)."""
    ents = []

    def ent(path, name, typ, data, op=True):
        ents.append((("Software\\" + path), name, typ, data))
        if op:
            g.op("set", path, name, typ, data.hex())
    p = "Policies\\Readers"
    ent(p, "sz", 1, u16z("text"))
    ent(p, "exp", 2, u16z("%ProgramFiles%\\y"))
    ent(p, "multi", 7, u16z("a") + u16z("b c") + b"\0\0")
    ent(p, "dw", 4, struct.pack("<I", 7))
    ent(p, "qw", 11, struct.pack("<Q", 1 << 40))
    ent(p, "bin", 3, pattern(300, 5))
    # outside Policies, so that reged can still read that subtree
    ent("Readers", "Zähler☃", 4, struct.pack("<I", 8))
    if not slow:
        ent(p + "\\Huge", "blob", 3, pattern(900 * 1024, 6))
    ent(p, "old", 4, struct.pack("<I", 1))
    ent(p, "**del.old", 1, u16z(" "), op=False)
    g.op("delval", p, "old")
    ent(p + "\\Wipe", "a", 4, struct.pack("<I", 1))
    ent(p + "\\Wipe", "b", 1, u16z("x"))
    ent(p + "\\Wipe", "**delvals.", 1, u16z(" "), op=False)
    g.op("delvals", p + "\\Wipe")
    ent(p + "\\Wipe", "c", 4, struct.pack("<I", 2))
    body = b"PReg" + struct.pack("<I", 1)
    for k, v, t, d in ents:
        body += ("[".encode("utf-16-le") + u16z(k) + ";".encode("utf-16-le")
                 + u16z(v) + ";".encode("utf-16-le") + struct.pack("<I", t)
                 + ";".encode("utf-16-le") + struct.pack("<I", len(d))
                 + ";".encode("utf-16-le") + d + "]".encode("utf-16-le"))
    with open(os.path.join(g.d, "in.pol"), "wb") as f:
        f.write(body)


def gen_lcs(g, which):
    """What policies/lcs-client.conf asks for, read from that file by hand."""
    if which == "machine":
        rtc = "Policies\\Microsoft\\Windows\\RTC\\PortRange"
        for n, v in (("Enabled", 1), ("MinSipDynamicPort", 7100),
                     ("MaxSipDynamicPort", 7103), ("MinMediaPort", 5350),
                     ("MaxMediaPort", 5353)):
            g.op("set", rtc, n, 4, struct.pack("<I", v).hex())
        g.op("set", "Policies\\Microsoft\\Messenger\\Client\\"
             "{83D4679F-B6D7-11D2-BF36-00C04FB90A03}\\_Default",
             "DisableStrictDNSNaming", 4, struct.pack("<I", 1).hex())
    else:
        pm = "Software\\Microsoft\\Office\\11.0\\Common\\PersonaMenu"
        g.op("set", pm, "QueryServiceForStatus", 4,
             struct.pack("<I", 2).hex())
        g.op("set", pm, "EnableDynamicPresence", 4,
             struct.pack("<I", 1).hex())
        # optional: only a value already there is set to 0
        g.op("setifpresent", "Software\\Microsoft\\Tracing\\RTCDLL",
             "EnableFileTracing", 4, struct.pack("<I", 0).hex())


def gen_corpus(g, gone):
    """A corpus hive mounted at HKCU: the policy's user settings, key GONE
    removed, one non-ASCII value added (the commands are in the test)."""
    gen_lcs(g, "user")
    g.op("delkey", gone)
    g.op("set", "Hivepol\\Ärger", "Größe", 1, u16z("mä").hex())


LISTERS = {"hivex": list_hivex, "pyregf": list_pyregf,
           "regfexport": list_regfexport, "reglookup": list_reglookup}


def main():
    cmd = sys.argv[1]
    if cmd == "gen":
        kind, d = sys.argv[2], sys.argv[3]
        slow = os.environ.get("SLOW_BUILD") == "1"
        g = Gen(d)
        if kind == "set":
            gen_set(g, slow)
        elif kind == "reg":
            gen_reg(g, slow)
        elif kind == "pol":
            gen_pol(g, slow)
        elif kind == "lcs":
            gen_lcs(g, sys.argv[4])
        elif kind == "corpus":
            gen_corpus(g, sys.argv[4])
        g.ops.close()
    elif cmd == "list":
        reader, hive = sys.argv[2], sys.argv[3]
        if reader == "reged":
            ls = list_reged(hive, sys.argv[4], [""])
        else:
            ls = LISTERS[reader](hive)
        print("\n".join(ls.lines()))
    elif cmd == "expect":
        reader, base, ops = sys.argv[2:5]
        ls = Listing.load(base) if base != "-" else Listing()
        ls = apply_ops(reader, ls, ops)
        if reader == "reglookup":
            ls = rl_path(ls)
        print("\n".join(ls.lines()))
    elif cmd == "reged":
        # reged: expected listing in, (expected, got) restricted to the
        # top-level subtrees reged can read.
        prefix, hive, exp, oexp, ogot = sys.argv[2:7]
        ls = Listing.load(exp)
        tops = reged_readable(ls)
        got = list_reged(hive, prefix, tops)
        with open(oexp, "w", encoding="utf-8") as f:
            f.write("\n".join(restrict(ls, tops).lines()) + "\n")
        with open(ogot, "w", encoding="utf-8") as f:
            f.write("\n".join(restrict(got, tops).lines()) + "\n")
        print(" ".join(tops))
    else:
        raise SystemExit("usage")


if __name__ == "__main__":
    main()
