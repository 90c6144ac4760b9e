#!/usr/bin/env python3
"""Tiny lab listeners: `svc.py ADDR PORT KIND` where KIND is ssh, telnet or smtp.
Sends the kind's greeting to every connection, reads a little, closes. Lab use only."""
import socket, sys, threading

GREETINGS = {
    "ssh": b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n",
    "telnet": b"\xff\xfb\x01\xff\xfb\x03\r\nlab login: ",
    "smtp": b"220 lab.example ESMTP Postfix\r\n",
}

def serve(conn):
    try:
        conn.settimeout(3)
        conn.sendall(GREETINGS[kind])
        try:
            conn.recv(256)
        except OSError:
            pass
    finally:
        conn.close()

addr, port, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((addr, port))
s.listen(64)
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
