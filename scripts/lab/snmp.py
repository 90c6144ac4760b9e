#!/usr/bin/python3
"""A tiny SNMP v1/v2c agent for the lab (python3 stdlib only): answers a GetRequest carrying the
community `public` with sysDescr.0 for the first varbind's OID, in the request's own version.
Anything else (other communities, other PDUs, malformed packets) is ignored, like a real agent
with a read community of `public`.

    snmp.py ADDRESS SYSDESCR
"""
import socket
import sys


def tlv(tag, value):
    n = len(value)
    if n < 0x80:
        return bytes([tag, n]) + value
    if n < 0x100:
        return bytes([tag, 0x81, n]) + value
    return bytes([tag, 0x82, n >> 8, n & 0xFF]) + value


def read(b, off):
    tag, length = b[off], b[off + 1]
    start = off + 2
    if length & 0x80:
        n = length & 0x7F
        length = int.from_bytes(b[start:start + n], "big")
        start += n
    if start + length > len(b):
        raise ValueError("truncated")
    return tag, b[start:start + length], start + length


def answer(packet, descr):
    tag, msg, _ = read(packet, 0)
    if tag != 0x30:
        return None
    tag, version, off = read(msg, 0)
    tag2, community, off = read(msg, off)
    tag3, pdu, _ = read(msg, off)
    if tag != 0x02 or tag2 != 0x04 or community != b"public" or tag3 != 0xA0 or version not in (b"\x00", b"\x01"):
        return None
    _, rid, off = read(pdu, 0)
    _, _, off = read(pdu, off)
    _, _, off = read(pdu, off)
    _, vbl, _ = read(pdu, off)
    _, vb, _ = read(vbl, 0)
    _, oid, _ = read(vb, 0)
    varbind = tlv(0x30, tlv(0x06, oid) + tlv(0x04, descr))
    response = tlv(0x02, rid) + b"\x02\x01\x00\x02\x01\x00" + tlv(0x30, varbind)
    return tlv(0x30, tlv(0x02, version) + tlv(0x04, community) + tlv(0xA2, response))


def main():
    addr, descr = sys.argv[1], sys.argv[2].encode()
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, 161))
    while True:
        packet, peer = s.recvfrom(2048)
        try:
            reply = answer(packet, descr)
        except (IndexError, ValueError):
            reply = None
        if reply:
            s.sendto(reply, peer)


if __name__ == "__main__":
    main()
