import Foundation
import Packets
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The server-flight parser on real server bytes: `openssl s_server` on 127.0.0.1 (a random high
/// port, never any other address) answers crafted ClientHellos; the bytes it sends are parsed
/// whole, byte by byte, re-fragmented into tiny records, and truncated at every length.
final class TLSServerFlightOpenSSLTests: XCTestCase {
    nonisolated(unsafe) static var directory: String?
    nonisolated(unsafe) static var certificateDER: [UInt8] = []

    override class func setUp() {
        super.setUp()
        guard let openssl = try? TLSTestTools.require("openssl"), let dir = try? TLSTestTools.temporaryDirectory() else { return }
        let ok = (try? Subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/key.pem",
                                       "-out", dir + "/cert.pem", "-subj", "/CN=tlswire.test", "-days", "30"], timeout: 120))?.status == .exited(0)
        let der = (try? Subprocess.run([openssl, "x509", "-in", dir + "/cert.pem", "-outform", "DER", "-out", dir + "/cert.der"], timeout: 60))?.status == .exited(0)
        // Named published groups (RFC 5114 1024-bit, RFC 3526 2048-bit MODP): instant, unlike generating
        // primes, and in the PKCS#3 form s_server's -dhparam reads (not the X9.42 form of `dhparam -dsaparam`).
        let dh1 = (try? Subprocess.run([openssl, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:dh_1024_160",
                                        "-out", dir + "/dh1024.pem"], timeout: 120))?.status == .exited(0)
        let dh2 = (try? Subprocess.run([openssl, "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:modp_2048",
                                        "-out", dir + "/dh2048.pem"], timeout: 120))?.status == .exited(0)
        if ok && der && dh1 && dh2 {
            directory = dir
            certificateDER = [UInt8](FileManager.default.contents(atPath: dir + "/cert.der") ?? Data())
        }
    }

    override class func tearDown() {
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
        super.tearDown()
    }

    /// Runs `openssl s_server` with `arguments` on 127.0.0.1, sends `hello`, returns the bytes it answered.
    func exchange(_ arguments: [String], hello: [UInt8]) throws -> [UInt8] {
        let openssl = try TLSTestTools.require("openssl")
        guard let dir = Self.directory else { throw XCTSkip("could not create the test certificate or DH parameters") }
        for _ in 0..<5 {
            let port = UInt16.random(in: 20_000...60_000)
            let server = try Subprocess.spawn([openssl, "s_server", "-accept", "127.0.0.1:\(port)", "-cert", dir + "/cert.pem",
                                               "-key", dir + "/key.pem", "-quiet"] + arguments,
                                              stdout: .discard, stderr: .file(dir + "/server.err"), resetSignals: true)
            defer { _ = server.signal(SIGKILL); _ = server.wait() }
            var fd: Int32 = -1
            for _ in 0..<100 where server.isRunning {
                fd = Self.connectLoopback(port)
                if fd >= 0 { break }
                usleep(50_000)
            }
            guard fd >= 0 else { continue }   // port taken or slow start: try another
            defer { close(fd) }
            return Self.sendAndRead(fd, hello)
        }
        let err = (try? String(contentsOfFile: dir + "/server.err", encoding: .utf8)) ?? ""
        XCTFail("openssl s_server did not start: \(err)")
        return []
    }

    static func connectLoopback(_ port: UInt16) -> Int32 { Loopback.connect(port: port) }

    /// Sends `hello` and reads until the parser is satisfied, the peer closes, or 5 s pass.
    static func sendAndRead(_ fd: Int32, _ hello: [UInt8]) -> [UInt8] {
        var parser = TLSServerFlightParser()
        return Loopback.exchange(fd, send: hello) { parser.feed($0) != .needMore }
    }

    static func hello(_ version: TLSProtocolVersion, _ suites: [UInt16], groups: [UInt16]? = nil,
                      keyShare: UInt16? = nil) -> [UInt8] {
        var o = TLSClientHelloOptions(version: version, cipherSuites: suites, serverName: "tlswire.test")
        if let groups { o.groups = groups }
        if let keyShare { o.keyShares = [(group: keyShare, publicKey: [UInt8](repeating: 0x42, count: 32))] }
        var out: [UInt8] = []
        TLSClientHello.write(o, random: (0..<32).map { UInt8($0) }, into: &out)
        return out
    }

    /// Parses `bytes` whole, byte by byte and re-fragmented into 7-byte records, and checks all agree.
    func parse(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> TLSServerFlightParser {
        var whole = TLSServerFlightParser()
        _ = bytes.withUnsafeBytes { whole.feed($0) }
        var bytewise = TLSServerFlightParser()
        for b in bytes { _ = [b].withUnsafeBytes { bytewise.feed($0) } }
        XCTAssertEqual(bytewise.state, whole.state, file: file, line: line)
        XCTAssertEqual(bytewise.flight.serverHello, whole.flight.serverHello, file: file, line: line)
        XCTAssertEqual(bytewise.flight.certificates, whole.flight.certificates, file: file, line: line)
        // Re-fragment the handshake records (only those before any non-handshake record).
        var handshakeBytes: [UInt8] = []
        var i = 0
        while i + 5 <= bytes.count, bytes[i] == 22 {
            let n = Int(bytes[i + 3]) << 8 | Int(bytes[i + 4])
            guard i + 5 + n <= bytes.count else { break }
            handshakeBytes += bytes[(i + 5)..<(i + 5 + n)]
            i += 5 + n
        }
        if !handshakeBytes.isEmpty, whole.flight.alert == nil {
            var small = TLSServerFlightParser()
            _ = TLSTestTools.records(22, handshakeBytes, fragment: 7).withUnsafeBytes { small.feed($0) }
            XCTAssertEqual(small.flight.serverHello, whole.flight.serverHello, file: file, line: line)
            XCTAssertEqual(small.flight.certificates, whole.flight.certificates, file: file, line: line)
            XCTAssertEqual(small.flight.serverKeyExchange, whole.flight.serverKeyExchange, file: file, line: line)
        }
        TLSTestTools.tortureParser(bytes, file: file, line: line)
        return whole
    }

    func testTLS12ECDHE() throws {
        let bytes = try exchange(["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"], hello: Self.hello(.tls12, [0x0035, 0xC02F, 0x0039]))
        let p = parse(bytes)
        XCTAssertEqual(p.state, .complete)
        let sh = try XCTUnwrap(p.flight.serverHello)
        XCTAssertEqual(sh.selectedVersion, .tls12)
        XCTAssertEqual(sh.cipherSuite, 0xC02F)
        XCTAssertEqual(sh.compressionMethod, 0)
        XCTAssertTrue(sh.renegotiationInfo)
        XCTAssertFalse(sh.isHelloRetryRequest)
        XCTAssertEqual(p.flight.certificates, [Self.certificateDER])
        XCTAssertEqual(p.flight.serverKeyExchange, .ecdhe(namedCurve: 29))   // x25519, first in the default groups
        XCTAssertTrue(p.flight.serverHelloDone)
    }

    func testTLS12DHE1024And2048() throws {
        for bits in [1024, 2048] {
            guard let dir = Self.directory else { throw XCTSkip("no test material") }
            let bytes = try exchange(["-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0", "-dhparam", dir + "/dh\(bits).pem"],
                                     hello: Self.hello(.tls12, [0x009E], groups: [23]))
            let p = parse(bytes)
            XCTAssertEqual(p.state, .complete, "\(bits)")
            XCTAssertEqual(p.flight.serverHello?.cipherSuite, 0x009E)
            XCTAssertEqual(p.flight.serverKeyExchange, .dhe(primeBits: bits))
            XCTAssertEqual(p.flight.certificates.count, 1)
        }
    }

    func testTLS13ServerHelloAndHelloRetryRequest() throws {
        let full = try exchange(["-tls1_3"], hello: Self.hello(.tls13, [0x1302, 0x1301], groups: [29, 23], keyShare: 29))
        let p = parse(full)
        XCTAssertEqual(p.state, .complete)
        let sh = try XCTUnwrap(p.flight.serverHello)
        XCTAssertEqual(sh.legacyVersion, 0x0303)
        XCTAssertEqual(sh.selectedVersion, .tls13)
        XCTAssertFalse(sh.isHelloRetryRequest)
        XCTAssertEqual(sh.keyShareGroup, 29)
        XCTAssertTrue([0x1301, 0x1302].contains(sh.cipherSuite))
        XCTAssertTrue(p.flight.certificates.isEmpty, "TLS 1.3 certificates are encrypted")

        let retry = try exchange(["-tls1_3"], hello: Self.hello(.tls13, [0x1301], groups: [23, 29]))
        let r = parse(retry)
        XCTAssertEqual(r.state, .complete)
        let hrr = try XCTUnwrap(r.flight.serverHello)
        XCTAssertTrue(hrr.isHelloRetryRequest)
        XCTAssertEqual(hrr.selectedVersion, .tls13)
        XCTAssertNotNil(hrr.keyShareGroup)
        XCTAssertTrue([23, 29].contains(hrr.keyShareGroup!))
    }

    func testAlertWhenNoCipherIsShared() throws {
        let bytes = try exchange(["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"], hello: Self.hello(.tls12, [0x0035]))
        let p = parse(bytes)
        XCTAssertEqual(p.state, .complete)
        XCTAssertNil(p.flight.serverHello)
        XCTAssertEqual(p.flight.alert?.level, 2)
        XCTAssertEqual(p.flight.alert?.name, "handshake_failure")
    }
}
