#!/usr/bin/env python3
"""Crafted ClientHellos (stdlib, raw sockets): which (version, cipher suite) pairs a server accepts.

Independent of OpenSSL, so it also sees SSLv3, RC4, 3DES, NULL and export suites that the
OpenSSL 3 command line can no longer offer. For each version (SSLv3 … TLS 1.2) and each suite
it sends a ClientHello offering that single suite (plus the usual extensions for TLS: SNI,
supported_groups, ec_point_formats, signature_algorithms; none for SSLv3) and reads the
first record back: a ServerHello naming the suite = accepted, an alert or a closed connection =
refused. TLS 1.3 is not probed here (use openssl s_client -tls1_3).

    hello.py [--sni NAME] [--versions ssl3,tls1,tls1_1,tls1_2] [--suites 0x0004,0x000A|all] ADDR PORT

Prints one line per accepted pair: `VERSION 0xCODE NAME`, and exits 0 when something was
accepted, 1 when nothing was. `all` = every suite of the table below (the classic ones).
"""
import argparse
import os
import socket
import struct
import sys

VERSIONS = {"ssl3": 0x0300, "tls1": 0x0301, "tls1_1": 0x0302, "tls1_2": 0x0303}
NAMES = {0x0300: "SSLv3", 0x0301: "TLSv1.0", 0x0302: "TLSv1.1", 0x0303: "TLSv1.2"}
SUITES = {
    0x0001: "TLS_RSA_WITH_NULL_MD5", 0x0002: "TLS_RSA_WITH_NULL_SHA", 0x003B: "TLS_RSA_WITH_NULL_SHA256",
    0x0003: "TLS_RSA_EXPORT_WITH_RC4_40_MD5", 0x0008: "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA",
    0x0004: "TLS_RSA_WITH_RC4_128_MD5", 0x0005: "TLS_RSA_WITH_RC4_128_SHA",
    0x0009: "TLS_RSA_WITH_DES_CBC_SHA", 0x000A: "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
    0x0016: "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", 0x0018: "TLS_DH_anon_WITH_RC4_128_MD5",
    0x001B: "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA", 0x0034: "TLS_DH_anon_WITH_AES_128_CBC_SHA",
    0x002F: "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0035: "TLS_RSA_WITH_AES_256_CBC_SHA",
    0x0033: "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 0x0039: "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
    0x009C: "TLS_RSA_WITH_AES_128_GCM_SHA256", 0x009E: "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
    0x00A6: "TLS_DH_anon_WITH_AES_128_GCM_SHA256",
    0xC010: "TLS_ECDHE_RSA_WITH_NULL_SHA", 0xC011: "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
    0xC012: "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", 0xC013: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
    0xC014: "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 0xC015: "TLS_ECDH_anon_WITH_NULL_SHA",
    0xC016: "TLS_ECDH_anon_WITH_RC4_128_SHA", 0xC018: "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
    0xC02F: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC030: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    0xCCA8: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
}


def ext(kind, body):
    return struct.pack("!HH", kind, len(body)) + body


def client_hello(version, suites, sni):
    body = struct.pack("!H", version) + os.urandom(32) + b"\x00"
    cs = b"".join(struct.pack("!H", s) for s in suites) + b"\x00\xff"  # + renegotiation SCSV
    body += struct.pack("!H", len(cs)) + cs + b"\x01\x00"  # no compression
    if version >= 0x0301:
        exts = b""
        if sni:
            name = sni.encode()
            entry = b"\x00" + struct.pack("!H", len(name)) + name
            exts += ext(0, struct.pack("!H", len(entry)) + entry)
        groups = struct.pack("!HHHH", 6, 0x001D, 0x0017, 0x0018)
        exts += ext(10, groups) + ext(11, b"\x01\x00")
        if version >= 0x0303:
            algs = [0x0401, 0x0501, 0x0601, 0x0804, 0x0805, 0x0806, 0x0201, 0x0403, 0x0203]
            sa = b"".join(struct.pack("!H", a) for a in algs)
            exts += ext(13, struct.pack("!H", len(sa)) + sa)
        body += struct.pack("!H", len(exts)) + exts
    hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
    return b"\x16" + struct.pack("!HH", min(version, 0x0301), len(hs)) + hs


def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def probe(addr, port, version, suite, sni, timeout):
    """Returns (negotiated version, suite) or None."""
    with socket.create_connection((addr, port), timeout=timeout) as s:
        s.sendall(client_hello(version, [suite], sni))
        try:
            rtype, _, length = struct.unpack("!BHH", recv_exact(s, 5))
            rec = recv_exact(s, length)
        except (EOFError, OSError):
            return None
        if rtype != 22 or not rec or rec[0] != 2:
            return None
        sv = struct.unpack("!H", rec[4:6])[0]
        sid_len = rec[38]
        chosen = struct.unpack("!H", rec[39 + sid_len:41 + sid_len])[0]
        return sv, chosen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sni")
    ap.add_argument("--versions", default="ssl3,tls1,tls1_1,tls1_2")
    ap.add_argument("--suites", default="all")
    ap.add_argument("--timeout", type=float, default=3)
    ap.add_argument("addr")
    ap.add_argument("port", type=int)
    a = ap.parse_args()
    suites = sorted(SUITES) if a.suites == "all" else [int(x, 16) for x in a.suites.split(",")]
    found = 0
    for v in a.versions.split(","):
        ver = VERSIONS[v]
        for suite in suites:
            r = probe(a.addr, a.port, ver, suite, a.sni, a.timeout)
            if r and r[0] == ver and r[1] == suite:
                found += 1
                print(f"{NAMES[ver]} 0x{suite:04X} {SUITES.get(suite, 'UNKNOWN')}", flush=True)
            elif r and r[0] != ver:
                print(f"# {NAMES[ver]} 0x{suite:04X}: server answered with version 0x{r[0]:04X}", file=sys.stderr)
    sys.exit(0 if found else 1)


if __name__ == "__main__":
    main()
