import Digest
import Foundation
import Glibc
import TestSupport
import XCTest
@testable import TLS

/// `openssl s_server -www` on 127.0.0.1 and a random high port, started with posix_spawn
/// (TestSupport.Subprocess) and killed by PID.
final class LabTLSServer {
    let process: Subprocess
    let port: Int
    let log: String

    init(cert: String, key: String, chain: String? = nil, extra: [String] = []) throws {
        var lastError = ""
        for _ in 0..<8 {
            let port = Int.random(in: 20_000...60_000)
            guard Self.portIsFree(port) else { continue }   // never probe someone else's server
            let log = NSTemporaryDirectory() + "netaudit-s_server-\(getpid())-\(port).log"
            var argv = [TestPKI.openssl, "s_server", "-accept", "127.0.0.1:\(port)", "-www", "-cert", cert, "-key", key, "-quiet"]
            if let chain { argv += ["-cert_chain", chain] }
            argv += extra
            let p = try Subprocess.spawn(argv, stdout: .file(log), stderr: .file(log + ".err"), resetSignals: true)
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline && p.isRunning {
                if let s = try? TCPStream.connect(address: "127.0.0.1", port: port, timeout: .milliseconds(200)) {
                    s.close()
                    usleep(50_000)
                    guard p.isRunning else { break }   // lost a race for the port: it answered, not ours
                    self.process = p
                    self.port = port
                    self.log = log
                    return
                }
                usleep(50_000)
            }
            lastError = (try? String(contentsOfFile: log + ".err", encoding: .utf8)) ?? "?"
            if p.isRunning { p.signal(SIGKILL) }
            p.wait()
            unlink(log); unlink(log + ".err")
        }
        throw TestPKI.CommandFailed(description: "s_server did not start: \(lastError)")
    }

    /// Nothing listens on 127.0.0.1:port and it can be bound.
    static func portIsFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET)
        sa.sin_port = UInt16(port).bigEndian
        sa.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return withUnsafePointer(to: &sa) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    func stop() {
        process.signal(SIGTERM)
        if process.wait(timeout: 3) == nil { process.signal(SIGKILL); process.wait() }
        unlink(log); unlink(log + ".err")
    }

    func connect() throws -> TCPStream { try TCPStream.connect(address: "127.0.0.1", port: port, timeout: .seconds(3)) }
}

final class OpenSSLHandshakeTests: XCTestCase {
    private func deadline(_ s: Int = 10) -> ContinuousClock.Instant { .now.advanced(by: .seconds(s)) }

    func testTLS13HandshakeGivesVersionCipherChainGroup() throws {
        let pki = try TestPKI.shared()
        let server = try LabTLSServer(cert: pki.cert("good"), key: pki.key("good"), chain: pki.intermediate)
        defer { server.stop() }
        let stream = try server.connect()
        defer { stream.close() }
        let r = try OpenSSLHandshake.handshake(on: stream, serverName: "good.lab.test", deadline: deadline())
        XCTAssertEqual(r.version, "TLSv1.3")
        let tls13: [String: UInt16] = ["TLS_AES_256_GCM_SHA384": 0x1302, "TLS_AES_128_GCM_SHA256": 0x1301, "TLS_CHACHA20_POLY1305_SHA256": 0x1303]
        XCTAssertEqual(tls13[r.cipher], r.cipherCode, r.cipher)
        XCTAssertEqual(r.group, "x25519")
        XCTAssertEqual(r.chain.count, 2)
        XCTAssertEqual(r.chain.first, try pki.der(pki.cert("good")))
        XCTAssertEqual(r.chain.last, try pki.der(pki.intermediate))
        // The chain feeds the verifier directly.
        let trust = TrustVerifier.verify(chain: r.chain, name: "good.lab.test", store: .file(pki.root, includeSystem: false),
                                         at: Int(Date().timeIntervalSince1970))
        XCTAssertTrue(trust.verified, "\(trust)")
    }

    func testTLS12OnlyServer() throws {
        let pki = try TestPKI.shared()
        let server = try LabTLSServer(cert: pki.cert("good"), key: pki.key("good"), chain: pki.intermediate, extra: ["-tls1_2"])
        defer { server.stop() }
        let stream = try server.connect()
        defer { stream.close() }
        let r = try OpenSSLHandshake.handshake(on: stream, serverName: "good.lab.test", deadline: deadline())
        XCTAssertEqual(r.version, "TLSv1.2")
        XCTAssertEqual(r.cipher, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")
        XCTAssertEqual(r.cipherCode, 0xC030)
        XCTAssertEqual(r.group, "x25519")
        XCTAssertEqual(r.chain.count, 2)
    }

    func testLeafOnlyServerAndForcedGroup() throws {
        let pki = try TestPKI.shared()
        let server = try LabTLSServer(cert: pki.cert("ec"), key: pki.key("ec"), extra: ["-groups", "P-384"])
        defer { server.stop() }
        let stream = try server.connect()
        defer { stream.close() }
        let r = try OpenSSLHandshake.handshake(on: stream, serverName: "127.0.0.1", deadline: deadline())
        XCTAssertEqual(r.chain, [try pki.der(pki.cert("ec"))])
        XCTAssertEqual(r.group, "secp384r1")
        let trust = TrustVerifier.verify(chain: r.chain, name: "ec.lab.test", store: .file(pki.root, includeSystem: false),
                                         at: Int(Date().timeIntervalSince1970))
        XCTAssertFalse(trust.chainComplete)
    }

    func testStaticRSAKeyExchangeHasNoGroup() throws {
        let pki = try TestPKI.shared()
        let server = try LabTLSServer(cert: pki.cert("good"), key: pki.key("good"), extra: ["-tls1_2", "-cipher", "AES128-GCM-SHA256"])
        defer { server.stop() }
        let stream = try server.connect()
        defer { stream.close() }
        let r = try OpenSSLHandshake.handshake(on: stream, serverName: nil, deadline: deadline())
        XCTAssertEqual(r.cipher, "TLS_RSA_WITH_AES_128_GCM_SHA256")
        XCTAssertEqual(r.cipherCode, 0x009C)
        XCTAssertNil(r.group)
    }

    /// RSA-1024 with SHA-1: with verification off libssl takes the chain at the default level
    /// (the key-size check belongs to chain verification), so the facts are still obtained.
    func testWeakCertificateChainIsObtained() throws {
        let pki = try TestPKI.shared()
        let server = try LabTLSServer(cert: pki.cert("weak"), key: pki.key("weak"), extra: ["-cipher", "DEFAULT:@SECLEVEL=0"])
        defer { server.stop() }
        for legacy in [false, true] {
            let stream = try server.connect()
            defer { stream.close() }
            let r = try OpenSSLHandshake.handshake(on: stream, serverName: "weak.lab.test", deadline: deadline(), legacy: legacy)
            XCTAssertEqual(r.chain.count, 1)
            let cert = try CertificateInspector.inspect(der: r.chain[0])
            XCTAssertEqual(cert.keyBits, 1024)
            XCTAssertEqual(cert.signatureHash, "sha1")
        }
    }

    /// A TLS 1.0-only server: refused by default (minimum TLS 1.2), reached in legacy mode.
    func testTLS10ServerNeedsLegacy() throws {
        let pki = try TestPKI.shared()
        let server = try LabTLSServer(cert: pki.cert("ec"), key: pki.key("ec"), chain: pki.intermediate,
                                      extra: ["-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"])
        defer { server.stop() }
        let first = try server.connect()
        XCTAssertThrowsError(try OpenSSLHandshake.handshake(on: first, serverName: "ec.lab.test", deadline: deadline())) { error in
            guard case .protocolError(let text) = error as? TLSProbeError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("protocol version"), text)
        }
        first.close()
        let second = try server.connect()
        defer { second.close() }
        let r = try OpenSSLHandshake.handshake(on: second, serverName: "ec.lab.test", deadline: deadline(), legacy: true)
        XCTAssertEqual(r.version, "TLSv1")
        XCTAssertEqual(r.cipher, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA")
        XCTAssertEqual(r.cipherCode, 0xC00A)
        XCTAssertEqual(r.chain.count, 2)
    }

    func testSilentServerTimesOutAndClosingServerIsReported() throws {
        let silent = try LoopbackListener(handler: nil)
        defer { silent.stop() }
        let stream = try TCPStream.connect(address: "127.0.0.1", port: silent.port, timeout: .seconds(2))
        let start = ContinuousClock.now
        XCTAssertThrowsError(try OpenSSLHandshake.handshake(on: stream, serverName: "x.lab.test", deadline: .now.advanced(by: .milliseconds(500)))) { error in
            guard case .timeout = error as? TLSProbeError else { return XCTFail("\(error)") }
        }
        XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(700))

        let closing = try LoopbackListener { fd in
            var buf = [UInt8](repeating: 0, count: 4096)
            _ = recv(fd, &buf, buf.count, 0)   // read the ClientHello, then hang up
        }
        defer { closing.stop() }
        let s2 = try TCPStream.connect(address: "127.0.0.1", port: closing.port, timeout: .seconds(2))
        XCTAssertThrowsError(try OpenSSLHandshake.handshake(on: s2, serverName: nil, deadline: deadline(3))) { error in
            XCTAssertEqual(error as? TLSProbeError, .closed)
        }

        let http = try LoopbackListener { fd in
            var buf = [UInt8](repeating: 0, count: 4096)
            _ = recv(fd, &buf, buf.count, 0)
            LoopbackListener.write(fd, "HTTP/1.0 400 Bad Request\r\n\r\n")
            usleep(200_000)
        }
        defer { http.stop() }
        let s3 = try TCPStream.connect(address: "127.0.0.1", port: http.port, timeout: .seconds(2))
        XCTAssertThrowsError(try OpenSSLHandshake.handshake(on: s3, serverName: nil, deadline: deadline(3))) { error in
            guard case .protocolError(let text) = error as? TLSProbeError else { return XCTFail("\(error)") }
            XCTAssertTrue(text.contains("wrong version number"), text)
        }
    }

    /// Handshakes on many threads at once share the SSL_CTX safely.
    func testConcurrentHandshakes() throws {
        let pki = try TestPKI.shared()
        let server = try LabTLSServer(cert: pki.cert("ec"), key: pki.key("ec"), chain: pki.intermediate)
        defer { server.stop() }
        let ok = LockedCounter()
        let port = server.port
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            guard let stream = try? TCPStream.connect(address: "127.0.0.1", port: port, timeout: .seconds(5)) else { return }
            defer { stream.close() }
            if let r = try? OpenSSLHandshake.handshake(on: stream, serverName: "ec.lab.test", deadline: .now.advanced(by: .seconds(20)),
                                                       legacy: i % 2 == 0),
               r.chain.count == 2 { ok.increment() }
        }
        XCTAssertEqual(ok.value, 8)
    }
}
