# Makes a corrupt copy of a hive hivepol wrote with keys P\Alpha, P\Bravo
# and P\Charlie, changing only what the name says (offsets per the regf
# format: an nk's subkey count at +20, its name length at +72, its name at
# +76; the base block's checksum covers neither):
#   dup    Bravo renamed Alpha: P lists two subkeys named Alpha
#   count  P's count says 4 while its list holds 3
#   dupval P\Alpha's value u renamed v: two values named v (a vk's name
#          is at +20 after "vk", one byte a character)
# usage: names-corrupt.py IN OUT dup|count|dupval
import struct
import sys


def nks(b):
    i = 0x1000
    while True:
        i = b.find(b"nk", i)
        if i < 0:
            return
        if i >= 0x1004:
            nlen = struct.unpack_from("<H", b, i + 72)[0]
            yield i, bytes(b[i + 76:i + 76 + nlen])
        i += 2


src, dst, what = sys.argv[1:4]
b = bytearray(open(src, "rb").read())
found = dict((n, o) for o, n in nks(b))
if what == "dup":
    b[found[b"Bravo"] + 76:found[b"Bravo"] + 81] = b"Alpha"
elif what == "count":
    struct.pack_into("<I", b, found[b"P"] + 20, 4)
elif what == "dupval":
    vk = b.find(b"vk\x01\x00", 0x1000)
    while b[vk + 20:vk + 21] != b"u":
        vk = b.find(b"vk\x01\x00", vk + 2)
    b[vk + 20] = ord("v")
else:
    sys.exit("unknown corruption " + what)
open(dst, "wb").write(b)
