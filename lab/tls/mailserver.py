#!/usr/bin/env python3
"""The TLS lab's mail endpoints: SMTP, IMAP and POP3 with (or without) STARTTLS.

Stdlib only (asyncio + ssl). One process serves every endpoint given on the command line:

    mailserver.py --cert CHAIN.pem --key KEY.pem SPEC...
    SPEC = ADDR:PORT:MODE:HOSTNAME
    MODE = smtp          SMTP offering STARTTLS; AUTH PLAIN LOGIN only after TLS (530 before)
           smtp-plain    SMTP without STARTTLS, advertising and accepting AUTH PLAIN LOGIN in clear
           imap          IMAP4rev1 with STARTTLS and LOGINDISABLED before TLS
           pop3          POP3 with STLS, but USER/PASS also accepted before TLS

Replies follow RFC 5321/3207/4954 (SMTP), RFC 9051/3501 (IMAP) and RFC 1939/2449/2595 (POP3)
closely enough for `openssl s_client -starttls smtp|imap|pop3`, sslyze `--starttls`, sslscan
`--starttls-*` and nmap's STARTTLS support. Credentials are never accepted (every login fails
after the exchange) and never logged. One line is logged per connection: peer, mode, whether
TLS was started.
"""
import argparse
import asyncio
import ssl
import sys

READ_TIMEOUT = 30
MAX_LINE = 4096


class Session:
    def __init__(self, reader, writer, mode, name, ctx):
        self.r, self.w, self.mode, self.name, self.ctx = reader, writer, mode, name, ctx
        self.tls = False

    async def send(self, *lines):
        # A multi-line reply goes out in ONE write, as real servers do: clients that read a
        # single segment before sending the next command (nmap's STARTTLS code) depend on it.
        self.w.write(b"".join(t.encode("ascii") + b"\r\n" for t in lines))
        await self.w.drain()

    async def line(self):
        data = await asyncio.wait_for(self.r.readline(), READ_TIMEOUT)
        if not data:
            raise EOFError
        return data[:MAX_LINE].decode("latin-1").rstrip("\r\n")

    async def starttls(self):
        await self.w.start_tls(self.ctx)
        self.tls = True

    # --- SMTP ------------------------------------------------------------------------------------
    async def smtp(self):
        offers_tls = self.mode == "smtp"
        await self.send(f"220 {self.name} ESMTP netaudit-lab")
        while True:
            cmd = await self.line()
            verb, _, arg = cmd.partition(" ")
            verb = verb.upper()
            auth_ok = self.tls or self.mode == "smtp-plain"
            if verb == "EHLO":
                caps = [self.name, "PIPELINING", "SIZE 10240000", "8BITMIME", "ENHANCEDSTATUSCODES"]
                if offers_tls and not self.tls:
                    caps.append("STARTTLS")
                if auth_ok:
                    caps.append("AUTH PLAIN LOGIN")
                caps.append("HELP")
                await self.send(*(["250-" + c for c in caps[:-1]] + ["250 " + caps[-1]]))
            elif verb == "HELO":
                await self.send(f"250 {self.name}")
            elif verb == "STARTTLS":
                if not offers_tls:
                    await self.send("502 5.5.1 STARTTLS not supported")
                elif self.tls:
                    await self.send("503 5.5.1 TLS already active")
                else:
                    await self.send("220 2.0.0 Ready to start TLS")
                    await self.starttls()
            elif verb == "AUTH":
                if not auth_ok:
                    await self.send("530 5.7.0 Must issue a STARTTLS command first")
                    continue
                mech, _, initial = arg.partition(" ")
                mech = mech.upper()
                if mech == "PLAIN":
                    if not initial:
                        await self.send("334 ")
                        await self.line()
                elif mech == "LOGIN":
                    await self.send("334 VXNlcm5hbWU6")
                    await self.line()
                    await self.send("334 UGFzc3dvcmQ6")
                    await self.line()
                else:
                    await self.send("504 5.5.4 Unrecognized authentication type")
                    continue
                await self.send("535 5.7.8 Authentication credentials invalid")
            elif verb == "MAIL":
                await self.send("250 2.1.0 Ok")
            elif verb == "RCPT":
                await self.send("554 5.7.1 Relay access denied")
            elif verb == "DATA":
                await self.send("554 5.5.1 No valid recipients")
            elif verb in ("RSET", "NOOP"):
                await self.send("250 2.0.0 Ok")
            elif verb == "VRFY":
                await self.send("252 2.0.0 Cannot VRFY user")
            elif verb == "QUIT":
                await self.send("221 2.0.0 Bye")
                return
            else:
                await self.send("500 5.5.2 Error: command not recognized")

    # --- IMAP ------------------------------------------------------------------------------------
    def imap_caps(self):
        base = "IMAP4rev1 SASL-IR ID ENABLE IDLE LITERAL+"
        return base + (" AUTH=PLAIN" if self.tls else " STARTTLS LOGINDISABLED")

    async def imap(self):
        await self.send(f"* OK [CAPABILITY {self.imap_caps()}] {self.name} IMAP4rev1 ready")
        while True:
            cmd = await self.line()
            parts = cmd.split(" ", 2)
            if len(parts) < 2:
                await self.send("* BAD Error in IMAP command received by server.")
                continue
            tag, verb = parts[0], parts[1].upper()
            if verb == "CAPABILITY":
                await self.send(f"* CAPABILITY {self.imap_caps()}",
                                f"{tag} OK Pre-login capabilities listed, post-login capabilities have more.")
            elif verb == "STARTTLS":
                if self.tls:
                    await self.send(f"{tag} BAD TLS is already active.")
                else:
                    await self.send(f"{tag} OK Begin TLS negotiation now.")
                    await self.starttls()
            elif verb in ("LOGIN", "AUTHENTICATE"):
                if not self.tls:
                    await self.send(f"{tag} NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure connections.")
                else:
                    if verb == "AUTHENTICATE" and len(parts) == 3 and " " not in parts[2]:
                        await self.send("+ ")
                        await self.line()
                    await self.send(f"{tag} NO [AUTHENTICATIONFAILED] Authentication failed.")
            elif verb == "ID":
                await self.send('* ID ("name" "netaudit-lab")', f"{tag} OK ID completed.")
            elif verb == "NOOP":
                await self.send(f"{tag} OK NOOP completed.")
            elif verb == "LOGOUT":
                await self.send("* BYE Logging out", f"{tag} OK Logout completed.")
                return
            else:
                await self.send(f"{tag} BAD Error in IMAP command received by server.")

    # --- POP3 ------------------------------------------------------------------------------------
    async def pop3(self):
        await self.send(f"+OK {self.name} POP3 ready")
        user_given = False
        while True:
            cmd = await self.line()
            verb, _, arg = cmd.partition(" ")
            verb = verb.upper()
            if verb == "CAPA":
                caps = ["TOP", "UIDL", "RESP-CODES", "PIPELINING", "USER"]
                caps += ["SASL PLAIN"] if self.tls else ["STLS"]
                await self.send("+OK Capability list follows", *caps, ".")
            elif verb == "STLS":
                if self.tls:
                    await self.send("-ERR TLS already active")
                else:
                    await self.send("+OK Begin TLS negotiation")
                    await self.starttls()
                    user_given = False
            elif verb == "USER":
                user_given = True
                await self.send("+OK")
            elif verb == "PASS":
                if not user_given:
                    await self.send("-ERR No username given.")
                else:
                    user_given = False
                    await self.send("-ERR [AUTH] Authentication failed.")
            elif verb == "AUTH":
                if not self.tls:
                    await self.send("-ERR Unknown command.")
                else:
                    await self.send("-ERR [AUTH] Authentication failed.")
            elif verb == "NOOP":
                await self.send("+OK")
            elif verb == "QUIT":
                await self.send("+OK Logging out.")
                return
            else:
                await self.send("-ERR Unknown command.")


async def serve(spec, ctx):
    addr, port, mode, name = spec

    async def handle(reader, writer):
        peer = writer.get_extra_info("peername")
        s = Session(reader, writer, mode, name, ctx)
        try:
            await getattr(s, mode.split("-")[0])()
        except (EOFError, asyncio.TimeoutError, ConnectionError, ssl.SSLError, OSError, UnicodeError):
            pass
        except Exception as e:  # keep serving whatever a scanner sends
            print(f"{addr}:{port} {mode}: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        finally:
            print(f"{peer[0] if peer else '?'} -> {addr}:{port} {mode} tls={s.tls}", flush=True)
            try:
                writer.close()
            except Exception:
                pass

    return await asyncio.start_server(handle, addr, port, reuse_address=True, backlog=128)


def parse_spec(text):
    parts = text.split(":")
    if len(parts) != 4 or parts[2] not in ("smtp", "smtp-plain", "imap", "pop3"):
        raise argparse.ArgumentTypeError(f"bad SPEC {text!r}: want ADDR:PORT:smtp|smtp-plain|imap|pop3:HOSTNAME")
    return parts[0], int(parts[1]), parts[2], parts[3]


async def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cert", required=True, help="PEM chain, leaf first")
    ap.add_argument("--key", required=True)
    ap.add_argument("specs", nargs="+", type=parse_spec, metavar="SPEC")
    a = ap.parse_args()
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_ciphers("ECDHE+AESGCM:ECDHE+CHACHA20")
    ctx.load_cert_chain(a.cert, a.key)
    servers = [await serve(s, ctx) for s in a.specs]
    print("ready " + " ".join(f"{s[0]}:{s[1]}/{s[2]}" for s in a.specs), flush=True)
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
