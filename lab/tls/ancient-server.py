#!/usr/bin/env python3
"""The TLS lab's "ancient" endpoint: SSLv3 … TLS 1.2 with RC4, 3DES and static RSA.

OpenSSL 3 cannot serve SSLv3 or RC4 any more, so this server is tlslite-ng (PyPI
`tlslite-ng`, pure Python). It answers every handshake on ADDR:PORT with the given
chain (leaf first) and key, then reads one line and answers a tiny HTTP/1.0 page.

    ancient-server.py ADDR PORT CHAIN.pem KEY.pem

Settings (see lab/tls/expected.json, endpoint "ancient"): versions SSLv3, TLS 1.0, 1.1, 1.2
(no TLS 1.3); key exchange static RSA only; ciphers RC4-128, 3DES-EDE-CBC, AES-128-CBC
(MAC SHA-1 and MD5 for RC4). One thread per connection.
"""
import socket
import socketserver
import sys

from tlslite.api import HandshakeSettings, TLSConnection, X509CertChain, parsePEMKey
from tlslite.errors import TLSError


def settings():
    s = HandshakeSettings()
    s.minVersion = (3, 0)   # SSLv3
    s.maxVersion = (3, 3)   # TLS 1.2
    s.versions = [(3, 3), (3, 2), (3, 1), (3, 0)]
    s.cipherNames = ["rc4", "3des", "aes128"]
    s.macNames = ["sha", "md5"]
    s.keyExchangeNames = ["rsa"]
    s.useEncryptThenMAC = False
    s.useExtendedMasterSecret = True
    s.requireExtendedMasterSecret = False
    return s.validate()


def main():
    addr, port, chain_file, key_file = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    pem = open(chain_file).read()
    chain = X509CertChain()
    chain.parsePemList(pem)
    key = parsePEMKey(open(key_file).read(), private=True, implementations=["python"])
    hs = settings()

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            sock = self.request
            sock.settimeout(10)
            conn = TLSConnection(sock)
            try:
                conn.handshakeServer(certChain=chain, privateKey=key, settings=hs)
                try:
                    conn.read(max=4096)
                    conn.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nancient.lab.test\r\n")
                    conn.close()
                except (TLSError, OSError):
                    pass
            except (TLSError, OSError, ValueError, AssertionError, TypeError, IndexError, KeyError):
                pass
            finally:
                try:
                    sock.close()
                except OSError:
                    pass

    class Server(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True
        request_queue_size = 128

    with Server((addr, port), Handler) as srv:
        print(f"ancient: listening on {addr}:{port}", flush=True)
        srv.serve_forever()


if __name__ == "__main__":
    main()
