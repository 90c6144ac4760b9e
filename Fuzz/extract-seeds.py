#!/usr/bin/env python3
"""Seed corpus for Fuzz/PacketsFuzz.swift: one file per distinct captured frame.

Each seed is 1 link-type byte (the DLT value, 0xFF for LINUX_SLL2 = 276) followed by the frame
bytes, read from every pcap/pcapng file under the given directories with a small bounds-checked
reader (no libpcap, no scapy: crafted files must not stop it). Frames longer than --max-len and
frames whose link type netaudit does not decode are skipped; identical seeds are written once.

usage: extract-seeds.py OUT_DIR CAPTURE_DIR... [--max-len N]
"""
import hashlib
import os
import struct
import sys

# LinkType.supported in Sources/Packets/LinkType.swift; 276 does not fit in a byte.
SUPPORTED = {0, 1, 12, 14, 101, 105, 108, 113, 119, 127, 228, 229, 276}
# LINKTYPE_ values in file headers that libpcap maps to a different DLT_ value.
LINKTYPE_TO_DLT = {100: 11, 102: 15, 103: 16, 106: 19}


def selector(linktype):
    dlt = LINKTYPE_TO_DLT.get(linktype, linktype)
    if dlt not in SUPPORTED:
        return None
    return 0xFF if dlt == 276 else dlt


def pcap_frames(b):
    magic = struct.unpack_from("<I", b, 0)[0]
    formats = {0xA1B2C3D4: ("<", 16), 0xA1B23C4D: ("<", 16), 0xD4C3B2A1: (">", 16), 0x4D3CB2A1: (">", 16),
               0xA1B2CD34: ("<", 24), 0x34CDB2A1: (">", 24)}
    if magic not in formats or len(b) < 24:
        return
    end, rec = formats[magic]
    linktype = struct.unpack_from(end + "I", b, 20)[0] & 0x03FFFFFF
    off = 24
    while len(b) - off >= rec:
        caplen = struct.unpack_from(end + "I", b, off + 8)[0]
        start = off + rec
        if caplen > len(b) - start:
            return
        yield linktype, b[start:start + caplen]
        off = start + caplen


def pcapng_frames(b):
    off, end, interfaces = 0, "<", []
    while len(b) - off >= 12:
        btype = struct.unpack_from("<I", b, off)[0]
        if btype == 0x0A0D0D0A:
            bom = b[off + 8:off + 12]
            if bom == b"\x4d\x3c\x2b\x1a":
                end = "<"
            elif bom == b"\x1a\x2b\x3c\x4d":
                end = ">"
            else:
                return
            interfaces = []
        btype, length = struct.unpack_from(end + "II", b, off)
        if length < 12 or length > len(b) - off:
            return
        body = b[off + 8:off + length - 4]
        if btype == 1 and len(body) >= 8:
            interfaces.append(struct.unpack_from(end + "H", body, 0)[0])
        elif btype == 6 and len(body) >= 20:
            iface, caplen = struct.unpack_from(end + "I", body, 0)[0], struct.unpack_from(end + "I", body, 12)[0]
            if iface < len(interfaces) and caplen <= len(body) - 20:
                yield interfaces[iface], body[20:20 + caplen]
        elif btype == 3 and len(body) >= 4 and interfaces:
            orig = struct.unpack_from(end + "I", body, 0)[0]
            yield interfaces[0], body[4:4 + min(orig, len(body) - 4)]
        elif btype == 2 and len(body) >= 20:
            iface, caplen = struct.unpack_from(end + "H", body, 0)[0], struct.unpack_from(end + "I", body, 12)[0]
            if iface < len(interfaces) and caplen <= len(body) - 20:
                yield interfaces[iface], body[20:20 + caplen]
        off += length


def frames(path):
    with open(path, "rb") as f:
        b = f.read()
    if len(b) < 4:
        return
    if b[:4] == b"\x0a\x0d\x0d\x0a":
        yield from pcapng_frames(b)
    else:
        yield from pcap_frames(b)


def main(argv):
    max_len = 4096
    if "--max-len" in argv:
        i = argv.index("--max-len")
        max_len = int(argv[i + 1])
        del argv[i:i + 2]
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    out, dirs = argv[1], argv[2:]
    os.makedirs(out, exist_ok=True)
    written = skipped = 0
    for d in dirs:
        for root, _, names in os.walk(d):
            for name in sorted(names):
                if name.startswith(("LICENSE", "README", ".")):
                    continue
                try:
                    for linktype, frame in frames(os.path.join(root, name)):
                        sel = selector(linktype)
                        if sel is None or len(frame) + 1 > max_len:
                            skipped += 1
                            continue
                        seed = bytes([sel]) + frame
                        path = os.path.join(out, hashlib.sha1(seed).hexdigest())
                        if not os.path.exists(path):
                            with open(path, "wb") as f:
                                f.write(seed)
                            written += 1
                except (struct.error, OSError) as e:
                    print(f"extract-seeds: {name}: {e}", file=sys.stderr)
    print(f"extract-seeds: {written} new seeds in {out} ({skipped} frames skipped: unsupported link type or longer than {max_len})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
