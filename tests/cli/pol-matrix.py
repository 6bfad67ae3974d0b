# pol-matrix.py FILE...: the matrix "hivepol compare" should give for these
# Registry.pol files, as Samba's parser (python3-samba) reads them: one
# line per setting,
#   key<TAB>value<TAB>state<TAB>cells
# key and value in lower case, key without its root, cells one per file
# ("TYPE:HEX" of the data, "delete" for a **del. entry, "-" for none).
# Files with other ** commands are refused: their rows are not modelled.
import struct
import sys
from samba.gp_parse.gp_pol import GPPolParser

n = len(sys.argv) - 1
rows = {}
for i, path in enumerate(sys.argv[1:]):
    p = GPPolParser()
    p.parse(open(path, 'rb').read())
    for e in p.pol_file.entries:
        name = e.valuename
        if name.lower().startswith('**del.'):
            name, cell = name[6:], 'delete'
        elif name.startswith('**'):
            sys.exit('%s: %s is not modelled here' % (path, name))
        else:
            d = e.data
            if isinstance(d, int):
                raw = struct.pack('<Q' if e.type == 11 else '<I', d)
            elif isinstance(d, str):
                raw = (d.split('\0')[0] + '\0').encode('utf-16-le')
            else:
                raw = bytes(d)
            cell = '%d:%s' % (e.type, raw.hex())
        cells = rows.setdefault((e.keyname.lower(), name.lower()), ['-'] * n)
        cells[i] = cell
for (k, v), cells in sorted(rows.items()):
    held = [c for c in cells if c != '-']
    state = ('single' if len(held) == 1 else
             'repeat' if len(set(held)) == 1 else 'conflict')
    print('\t'.join([k, v, state, ' '.join(cells)]))
