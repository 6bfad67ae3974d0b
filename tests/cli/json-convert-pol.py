"""Writes a Registry.pol with one entry per command (set, **soft.,
**del., **delvals., **DeleteValues, **DeleteKeys), built here from the
format's description (docs/pol-format.md), not by hivepol."""
import struct, sys
def u(s): return s.encode('utf-16le')
def entry(key, val, typ, data):
    return (u('[') + u(key) + b'\0\0' + u(';') + u(val) + b'\0\0' + u(';') +
            struct.pack('<I', typ) + u(';') + struct.pack('<I', len(data)) +
            u(';') + data + u(']'))
sz = lambda s: u(s) + b'\0\0'
out = b'PReg' + struct.pack('<I', 1)
out += entry(r'Software\Policies\T', 'A', 4, struct.pack('<I', 5))
out += entry(r'Software\Policies\T', '**soft.B', 1, sz('x'))
out += entry(r'Software\Policies\T', '**del.C', 1, sz(' '))
out += entry(r'Software\Policies\T', '**delvals.', 1, sz(' '))
out += entry(r'Software\Policies\T', '**DeleteValues', 1, sz('D;E'))
out += entry(r'Software\Policies', '**DeleteKeys', 1, sz(r'T\K1;T\K2'))
open(sys.argv[1], 'wb').write(out)
