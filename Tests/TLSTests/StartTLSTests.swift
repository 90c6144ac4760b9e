import Foundation
import Glibc
import Snapshot
import TestSupport
import XCTest
@testable import TLS

/// A small STARTTLS server in python3 (stdlib socket + ssl), one thread per connection, on
/// 127.0.0.1 and an ephemeral port it writes to a file. After a successful upgrade it completes a
/// TLS handshake with the lab's good certificate and intermediate, then closes.
final class StartTLSLabServer {
    static let python = "/usr/bin/python3"
    static let script = #"""
import os, socket, ssl, sys, threading, time

mode, port_file, chain, key = sys.argv[1:5]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(chain, key)

def lines(c):
    buf = b""
    while True:
        while b"\n" not in buf:
            d = c.recv(4096)
            if not d:
                return
            buf += d
        line, buf = buf.split(b"\n", 1)
        yield line.rstrip(b"\r").decode("utf-8", "replace")

def tls(c):
    try:
        s = ctx.wrap_socket(c, server_side=True)
        s.recv(1)
        s.close()
    except Exception:
        pass

def smtp(c):
    family = mode.split("-", 1)[1] if "-" in mode else "tls"
    # a slow greeting, in pieces, multi-line
    c.sendall(b"220-lab.test ESMTP netaudit \x01test\r\n")
    time.sleep(0.3)
    c.sendall(b"220-still")
    time.sleep(0.2)
    c.sendall(b" greeting\r\n220 ready\r\n")
    for line in lines(c):
        cmd = line.upper()
        if cmd.startswith("EHLO"):
            if family == "noehlo":
                c.sendall(b"502 5.5.2 Error: command not recognized\r\n")
                continue
            ext = [b"250-lab.test Hello " + line[5:].encode(), b"250-PIPELINING", b"250-SIZE 10240000"]
            if family in ("tls", "refuse"):
                ext.append(b"250-STARTTLS")
            if family in ("tls", "notls"):
                ext.append(b"250-AUTH PLAIN LOGIN")
                ext.append(b"250-AUTH=LOGIN CRAM-MD5")
            ext.append(b"250 8BITMIME")
            c.sendall(b"\r\n".join(ext) + b"\r\n")
        elif cmd.startswith("HELO"):
            c.sendall(b"250 lab.test\r\n")
        elif cmd == "STARTTLS":
            if family == "refuse":
                c.sendall(b"454 4.7.0 TLS not available due to local problem\r\n")
                continue
            c.sendall(b"220 2.0.0 Ready to start TLS\r\n")
            return tls(c)
        elif cmd == "QUIT":
            c.sendall(b"221 2.0.0 Bye\r\n")
            return
        else:
            c.sendall(b"500 unknown\r\n")

def imap(c):
    c.sendall(b"* OK [CAPABILITY IMAP4rev1] lab.test IMAP ready\r\n")
    for line in lines(c):
        tag, _, cmd = line.partition(" ")
        cmd = cmd.upper()
        if cmd == "CAPABILITY":
            caps = b"IMAP4rev1 LITERAL+ STARTTLS AUTH=PLAIN"
            if mode == "imap-logindisabled":
                caps += b" LOGINDISABLED"
            c.sendall(b"* CAPABILITY " + caps + b"\r\n" + tag.encode() + b" OK CAPABILITY completed\r\n")
        elif cmd == "STARTTLS":
            c.sendall(tag.encode() + b" OK Begin TLS negotiation now\r\n")
            return tls(c)
        elif cmd == "LOGOUT":
            c.sendall(b"* BYE\r\n" + tag.encode() + b" OK\r\n")
            return
        else:
            c.sendall(tag.encode() + b" BAD\r\n")

def pop3(c):
    c.sendall(b"+OK POP3 lab.test ready\r\n")
    for line in lines(c):
        cmd = line.upper()
        if cmd == "CAPA":
            c.sendall(b"+OK Capability list follows\r\nTOP\r\nUIDL\r\nSTLS\r\nUSER\r\nSASL PLAIN LOGIN\r\n.\r\n")
        elif cmd == "STLS":
            c.sendall(b"+OK Begin TLS negotiation\r\n")
            return tls(c)
        elif cmd == "QUIT":
            c.sendall(b"+OK bye\r\n")
            return
        else:
            c.sendall(b"-ERR unknown\r\n")

def ftp(c):
    c.sendall(b"220-Welcome to the lab FTP\r\n220 ready\r\n")
    for line in lines(c):
        cmd = line.upper()
        if cmd == "FEAT":
            c.sendall(b"211-Features:\r\n MDTM\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n UTF8\r\n211 End\r\n")
        elif cmd == "AUTH TLS":
            c.sendall(b"234 Proceed with negotiation.\r\n")
            return tls(c)
        elif cmd == "QUIT":
            c.sendall(b"221 Goodbye.\r\n")
            return
        else:
            c.sendall(b"500 unknown\r\n")

OID = b"1.3.6.1.4.1.1466.20037"

def ber(tag, value):
    n = len(value)
    if n < 0x80:
        return bytes([tag, n]) + value
    return bytes([tag, 0x82, n >> 8, n & 0xFF]) + value

def ldap(c):
    buf = b""
    while True:
        while len(buf) < 2 or len(buf) < 2 + buf[1]:
            d = c.recv(4096)
            if not d:
                return
            buf += d
        msg, buf = buf[:2 + buf[1]], buf[2 + buf[1]:]
        msgid = msg[4]
        op = msg[5]
        offered = mode == "ldap"
        if op == 0x77:
            code = 0 if offered and OID in msg else 2
            resp = ber(0x30, ber(0x02, bytes([msgid])) + ber(0x78, ber(0x0A, bytes([code])) + ber(0x04, b"") + ber(0x04, b"")))
            c.sendall(resp)
            if code == 0:
                return tls(c)
        elif op == 0x63:
            exts = [b"1.3.6.1.4.1.4203.1.11.3"] + ([OID] if offered else [])
            vals = b"".join(ber(0x04, e) for e in exts)
            attr = ber(0x30, ber(0x04, b"supportedExtension") + ber(0x31, vals))
            entry = ber(0x30, ber(0x02, bytes([msgid])) + ber(0x64, ber(0x04, b"") + ber(0x30, attr)))
            done = ber(0x30, ber(0x02, bytes([msgid])) + ber(0x65, ber(0x0A, b"\x00") + ber(0x04, b"") + ber(0x04, b"")))
            c.sendall(entry + done)
        elif op == 0x42:
            return

def handle(c):
    try:
        {"smtp": smtp, "imap": imap, "pop3": pop3, "ftp": ftp, "ldap": ldap}[mode.split("-")[0]](c)
    except Exception:
        pass
    finally:
        c.close()

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(16)
with open(port_file + ".tmp", "w") as f:
    f.write(str(srv.getsockname()[1]))
os.rename(port_file + ".tmp", port_file)
while True:
    c, _ = srv.accept()
    threading.Thread(target=handle, args=(c,), daemon=True).start()
"""#

    let process: Subprocess
    let port: Int
    private let files: [String]

    init(mode: String, pki: TestPKI) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python) else { throw XCTSkip("python3 missing") }
        let base = pki.dir + "/starttls-\(mode)-\(UUID().uuidString.prefix(6))"
        let scriptPath = base + ".py", portFile = base + ".port", chain = base + "-chain.pem"
        try Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        try (String(contentsOfFile: pki.cert("good"), encoding: .utf8) + String(contentsOfFile: pki.intermediate, encoding: .utf8))
            .write(toFile: chain, atomically: true, encoding: .utf8)
        files = [scriptPath, portFile, chain, base + ".err"]
        process = try Subprocess.spawn([Self.python, scriptPath, mode, portFile, chain, pki.key("good")],
                                       stdout: .discard, stderr: .file(base + ".err"), resetSignals: true)
        let deadline = Date().addingTimeInterval(10)
        var found: Int?
        while Date() < deadline, process.isRunning {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let p = Int(text) { found = p; break }
            usleep(20_000)
        }
        guard let found else {
            let err = (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? ""
            if process.isRunning { process.signal(SIGKILL); process.wait() }
            for f in files { unlink(f) }
            throw TestPKI.CommandFailed(description: "STARTTLS lab server (\(mode)) did not start: \(err)")
        }
        port = found
    }

    func stop() {
        if process.isRunning {
            process.signal(SIGTERM)
            if process.wait(timeout: 3) == nil { process.signal(SIGKILL); process.wait() }
        }
        for f in files { unlink(f) }
    }
}

final class StartTLSTests: XCTestCase {
    private func deadline(_ s: Int = 10) -> ContinuousClock.Instant { .now.advanced(by: .seconds(s)) }

    /// Connects, runs the dialogue, and when upgraded completes a handshake and checks the leaf.
    private func run(_ proto: StartTLSProtocol, mode: String, upgrade: Bool = true,
                     file: StaticString = #filePath, line: UInt = #line) throws -> (facts: TLSPlaintextFacts, upgraded: Bool) {
        let pki = try TestPKI.shared()
        let server = try StartTLSLabServer(mode: mode, pki: pki)
        defer { server.stop() }
        let stream = try TCPStream.connect(address: "127.0.0.1", port: server.port, timeout: .seconds(3))
        defer { stream.close() }
        let result = try StartTLS.probe(proto, on: stream, clientName: "scanner.lab.test", deadline: deadline(), upgrade: upgrade)
        if result.upgraded {
            let r = try OpenSSLHandshake.handshake(on: stream, serverName: "good.lab.test", deadline: deadline())
            XCTAssertEqual(r.chain.first, try pki.der(pki.cert("good")), file: file, line: line)
            XCTAssertEqual(r.chain.count, 2, file: file, line: line)
        }
        return result
    }

    func testSMTPWithSTARTTLSAndAuthBeforeTLS() throws {
        let (facts, upgraded) = try run(.smtp, mode: "smtp")
        XCTAssertTrue(upgraded)
        XCTAssertEqual(facts.protocolName, "smtp")
        XCTAssertEqual(facts.greeting, #"220-lab.test ESMTP netaudit \x01test"#)
        XCTAssertTrue(facts.starttlsOffered)
        XCTAssertEqual(facts.authBeforeTLS, ["PLAIN", "LOGIN", "CRAM-MD5"])
    }

    func testSMTPFactsWithoutUpgrade() throws {
        let (facts, upgraded) = try run(.smtp, mode: "smtp", upgrade: false)
        XCTAssertFalse(upgraded)
        XCTAssertTrue(facts.starttlsOffered)
        XCTAssertEqual(facts.authBeforeTLS, ["PLAIN", "LOGIN", "CRAM-MD5"])
    }

    func testSMTPWithoutSTARTTLS() throws {
        let (facts, upgraded) = try run(.smtp, mode: "smtp-notls")
        XCTAssertFalse(upgraded)
        XCTAssertFalse(facts.starttlsOffered)
        XCTAssertEqual(facts.authBeforeTLS, ["PLAIN", "LOGIN", "CRAM-MD5"])
        XCTAssertNotNil(facts.greeting)

        // upgrade() turns the same situation into .starttlsNotOffered.
        let pki = try TestPKI.shared()
        let server = try StartTLSLabServer(mode: "smtp-notls", pki: pki)
        defer { server.stop() }
        let stream = try TCPStream.connect(address: "127.0.0.1", port: server.port, timeout: .seconds(3))
        defer { stream.close() }
        XCTAssertThrowsError(try StartTLS.upgrade(.smtp, on: stream, clientName: "scanner.lab.test", deadline: deadline())) { error in
            guard case .starttlsNotOffered(let text) = error as? TLSProbeError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("does not offer"), text)
        }
    }

    func testSMTPRefusedAndNoEHLO() throws {
        let refused = try run(.smtp, mode: "smtp-refuse")
        XCTAssertFalse(refused.upgraded)
        XCTAssertTrue(refused.facts.starttlsOffered)
        XCTAssertEqual(refused.facts.authBeforeTLS, [])
        let old = try run(.smtp, mode: "smtp-noehlo")
        XCTAssertFalse(old.upgraded)
        XCTAssertFalse(old.facts.starttlsOffered)
    }

    func testIMAP() throws {
        let (facts, upgraded) = try run(.imap, mode: "imap")
        XCTAssertTrue(upgraded)
        XCTAssertEqual(facts.greeting, "* OK [CAPABILITY IMAP4rev1] lab.test IMAP ready")
        XCTAssertTrue(facts.starttlsOffered)
        XCTAssertEqual(facts.authBeforeTLS, ["PLAIN", "LOGIN"])
        let disabled = try run(.imap, mode: "imap-logindisabled", upgrade: false)
        XCTAssertFalse(disabled.upgraded)
        XCTAssertEqual(disabled.facts.authBeforeTLS, ["PLAIN"])
    }

    func testPOP3() throws {
        let (facts, upgraded) = try run(.pop3, mode: "pop3")
        XCTAssertTrue(upgraded)
        XCTAssertEqual(facts.greeting, "+OK POP3 lab.test ready")
        XCTAssertTrue(facts.starttlsOffered)
        XCTAssertEqual(facts.authBeforeTLS, ["USER", "PLAIN", "LOGIN"])
    }

    func testFTP() throws {
        let (facts, upgraded) = try run(.ftp, mode: "ftp")
        XCTAssertTrue(upgraded)
        XCTAssertEqual(facts.greeting, "220-Welcome to the lab FTP")
        XCTAssertTrue(facts.starttlsOffered)
        let plain = try run(.ftp, mode: "ftp", upgrade: false)
        XCTAssertTrue(plain.facts.starttlsOffered)
        XCTAssertFalse(plain.upgraded)
    }

    func testLDAP() throws {
        let (facts, upgraded) = try run(.ldap, mode: "ldap")
        XCTAssertTrue(upgraded)
        XCTAssertTrue(facts.starttlsOffered)
        XCTAssertNil(facts.greeting)
        XCTAssertTrue(try run(.ldap, mode: "ldap", upgrade: false).facts.starttlsOffered)
        let refused = try run(.ldap, mode: "ldap-notls")
        XCTAssertFalse(refused.upgraded)
        XCTAssertFalse(refused.facts.starttlsOffered)
        XCTAssertFalse(try run(.ldap, mode: "ldap-notls", upgrade: false).facts.starttlsOffered)
    }

    /// Not the protocol at all: an HTTP server on the SMTP port is a protocol error, a silent
    /// one a timeout by the deadline.
    func testWrongProtocolAndSilence() throws {
        let http = try LoopbackListener { fd in
            LoopbackListener.write(fd, "HTTP/1.1 400 Bad Request\r\n\r\n")
            usleep(200_000)
        }
        defer { http.stop() }
        let s1 = try TCPStream.connect(address: "127.0.0.1", port: http.port, timeout: .seconds(2))
        XCTAssertThrowsError(try StartTLS.probe(.smtp, on: s1, clientName: "x", deadline: deadline(3), upgrade: true)) { error in
            guard case .protocolError = error as? TLSProbeError else { return XCTFail("\(error)") }
        }
        let silent = try LoopbackListener(handler: nil)
        defer { silent.stop() }
        let s2 = try TCPStream.connect(address: "127.0.0.1", port: silent.port, timeout: .seconds(2))
        let start = ContinuousClock.now
        XCTAssertThrowsError(try StartTLS.probe(.imap, on: s2, clientName: "x", deadline: .now.advanced(by: .milliseconds(400)), upgrade: true)) { error in
            guard case .timeout = error as? TLSProbeError else { return XCTFail("\(error)") }
        }
        XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(600))
    }

    func testDefaultsAndEscaping() {
        XCTAssertEqual(StartTLSProtocol.defaultFor(port: 25), .smtp)
        XCTAssertEqual(StartTLSProtocol.defaultFor(port: 587), .smtp)
        XCTAssertEqual(StartTLSProtocol.defaultFor(port: 143), .imap)
        XCTAssertEqual(StartTLSProtocol.defaultFor(port: 110), .pop3)
        XCTAssertEqual(StartTLSProtocol.defaultFor(port: 21), .ftp)
        XCTAssertEqual(StartTLSProtocol.defaultFor(port: 389), .ldap)
        XCTAssertNil(StartTLSProtocol.defaultFor(port: 443))
        XCTAssertEqual(StartTLS.escape("a\tb\u{1B}[0m\\ ü"), #"a\tb\x1B[0m\\ ü"#)
        XCTAssertEqual(StartTLS.escape(String(repeating: "x", count: 2000)).count, 513)
    }
}
