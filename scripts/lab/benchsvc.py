#!/usr/bin/python3
"""Listeners for the big bench lab (scripts/lab.sh bench-up): ONE process serves every host.

Each line of the config file is `NAMESPACE ADDRESS PORT[,PORT…]`. For each line the process
joins /run/netns/NAMESPACE (setns(2) through ctypes; Python 3.11 has no os.setns), binds the
listening sockets there (a socket stays in the namespace it was created in), and finally returns
to its original namespace. One epoll loop then accepts on all of them: SSH-like ports greet with
a version line, HTTP ports answer with a minimal response, TLS ports (443, 8443) stay silent;
every connection is closed when the peer closes or after 5 s. Prints `ready N` once listening.
"""
import ctypes
import os
import selectors
import socket
import sys
import time

CLONE_NEWNET = 0x40000000
libc = ctypes.CDLL(None, use_errno=True)

GREETING = {
    22: b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n",
    80: b"HTTP/1.0 200 OK\r\nServer: bench-lab\r\nContent-Length: 0\r\n\r\n",
    8080: b"HTTP/1.0 200 OK\r\nServer: bench-lab-alt\r\nContent-Length: 0\r\n\r\n",
}


def setns(path):
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            e = ctypes.get_errno()
            raise OSError(e, f"setns {path}: {os.strerror(e)}")
    finally:
        os.close(fd)


def main():
    cfg = sys.argv[1]
    home = os.open("/proc/self/ns/net", os.O_RDONLY | os.O_CLOEXEC)
    sel = selectors.DefaultSelector()
    count = 0
    with open(cfg) as f:
        for line in f:
            parts = line.split()
            if len(parts) != 3:
                continue
            ns, addr, ports = parts
            setns(f"/run/netns/{ns}")
            for p in ports.split(","):
                port = int(p)
                s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind((addr, port))
                s.listen(1024)
                s.setblocking(False)
                sel.register(s, selectors.EVENT_READ, ("listen", port))
                count += 1
    if libc.setns(home, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns back home")
    os.close(home)
    print(f"ready {count}", flush=True)

    conns = {}
    while True:
        for key, _ in sel.select(timeout=1.0):
            kind, port = key.data
            if kind == "listen":
                while True:
                    try:
                        c, _ = key.fileobj.accept()
                    except (BlockingIOError, InterruptedError):
                        break
                    except OSError:
                        break
                    c.setblocking(False)
                    try:
                        if port in GREETING:
                            c.send(GREETING[port])
                    except OSError:
                        c.close()
                        continue
                    sel.register(c, selectors.EVENT_READ, ("conn", port))
                    conns[c] = time.monotonic()
            else:
                c = key.fileobj
                try:
                    data = c.recv(4096)
                except OSError:
                    data = b""
                if not data:
                    sel.unregister(c)
                    conns.pop(c, None)
                    c.close()
        now = time.monotonic()
        for c, t in list(conns.items()):
            if now - t > 5:
                sel.unregister(c)
                del conns[c]
                c.close()


if __name__ == "__main__":
    main()
