import Foundation
import Packets
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The TLS wire layer against independent implementations: the registry against Wireshark's
/// cipher-suite table, crafted ClientHellos against tshark's dissector, and the server-flight
/// parser against hand-built and damaged inputs (real OpenSSL flights: TLSServerFlightOpenSSLTests).
final class TLSWireTests: XCTestCase {
    // MARK: registry

    func testRegistryIsOrderedCompleteAndWithoutSignallingValues() {
        let all = TLSCipherSuiteRegistry.all
        XCTAssertGreaterThanOrEqual(all.count, 330)
        XCTAssertEqual(all.map(\.code), all.map(\.code).sorted())
        XCTAssertEqual(Set(all.map(\.code)).count, all.count)
        XCTAssertEqual(Set(all.map(\.name)).count, all.count, "names are unique")
        for scsv: UInt16 in [0x00FF, 0x5600] { XCTAssertNil(TLSCipherSuiteRegistry.info(scsv)) }
        XCTAssertFalse(all.contains { $0.tls13Only || $0.code >> 8 == 0x13 })
        XCTAssertEqual(TLSCipherSuiteRegistry.tls13.map(\.code), [0x1301, 0x1302, 0x1303, 0x1304, 0x1305])
        XCTAssertEqual(TLSCipherSuiteRegistry.info(0x1302)?.name, "TLS_AES_256_GCM_SHA384")
        XCTAssertEqual(TLSCipherSuiteRegistry.name(0xFFFF), "UNKNOWN_0xFFFF")
        XCTAssertEqual(TLSCipherSuiteRegistry.name(0x0A0A), "UNKNOWN_0x0A0A")
        // Every family an audit looks for is there.
        for family in ["RC4", "_DES_", "3DES", "IDEA", "SEED", "CAMELLIA", "ARIA", "CHACHA20", "CCM", "_anon_", "NULL", "EXPORT", "PSK", "SRP", "ECDH_"] {
            XCTAssertTrue(all.contains { $0.name.contains(family) }, family)
        }
    }

    func testRegistryProperties() throws {
        let gcm = try XCTUnwrap(TLSCipherSuiteRegistry.info(0xC02F))
        XCTAssertEqual([gcm.name, gcm.keyExchange, gcm.authentication, gcm.encryption, gcm.mode, gcm.mac],
                       ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE", "RSA", "AES_128_GCM", "GCM", "AEAD"])
        XCTAssertEqual(gcm.bits, 128); XCTAssertFalse(gcm.export); XCTAssertEqual(gcm.codeString, "0xC02F")
        let export = try XCTUnwrap(TLSCipherSuiteRegistry.info(0x0003))
        XCTAssertEqual([export.keyExchange, export.authentication, export.encryption, export.mode, export.mac], ["RSA", "RSA", "RC4_40", "STREAM", "MD5"])
        XCTAssertEqual(export.bits, 40); XCTAssertTrue(export.export)
        let triple = try XCTUnwrap(TLSCipherSuiteRegistry.info(0x000A))
        XCTAssertEqual([triple.encryption, triple.mode, triple.mac], ["3DES_EDE_CBC", "CBC", "SHA"]); XCTAssertEqual(triple.bits, 112)
        let anon = try XCTUnwrap(TLSCipherSuiteRegistry.info(0x0034))
        XCTAssertEqual([anon.keyExchange, anon.authentication], ["DH", "anon"]); XCTAssertTrue(anon.serverSendsDHParameters)
        let null = try XCTUnwrap(TLSCipherSuiteRegistry.info(0x0002))
        XCTAssertEqual([null.encryption, null.mode], ["NULL", "NONE"]); XCTAssertEqual(null.bits, 0)
        let dhePSK = try XCTUnwrap(TLSCipherSuiteRegistry.info(0x00AA))
        XCTAssertEqual([dhePSK.keyExchange, dhePSK.authentication], ["DHE", "PSK"])
        XCTAssertEqual(TLSCipherSuiteRegistry.info(0xCCA8)?.mode, "POLY1305")
        XCTAssertEqual(TLSCipherSuiteRegistry.info(0x0035)?.keyExchange, "RSA")
        XCTAssertEqual(TLSCipherSuiteRegistry.info(0xC00E)?.keyExchange, "ECDH")
        XCTAssertEqual(TLSCipherSuiteRegistry.info(0xC0AC)?.encryption, "AES_128_CCM")
    }

    /// Names agree with Wireshark's table for every code both know (Wireshark's draft ChaCha20
    /// names lack the `_OLD` suffix OpenSSL and netaudit add to keep names unique).
    func testRegistryNamesAgreeWithWireshark() throws {
        let tshark = try TLSTestTools.require("tshark")
        let r = try Subprocess.run([tshark, "-G", "values"], timeout: 120)
        var wireshark: [UInt16: String] = [:]
        for line in r.stdout.split(separator: "\n") where line.hasPrefix("V\ttls.handshake.ciphersuite\t") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            if f.count >= 4, let code = UInt16(f[2]) { wireshark[code] = String(f[3]) }
        }
        XCTAssertGreaterThan(wireshark.count, 300)
        for s in TLSCipherSuiteRegistry.all + TLSCipherSuiteRegistry.tls13 {
            let expected = try XCTUnwrap(wireshark[s.code], "Wireshark does not know \(s.codeString)")
            XCTAssertEqual(s.name.replacingOccurrences(of: "_OLD", with: ""), expected, s.codeString)
        }
    }

    func testNamedGroups() {
        XCTAssertEqual(TLSNamedGroup.name(29), "x25519")
        XCTAssertEqual(TLSNamedGroup.name(23), "secp256r1")
        XCTAssertEqual(TLSNamedGroup.bits(25), 521)
        XCTAssertEqual(TLSNamedGroup.kind(256), "ffdhe")
        XCTAssertEqual(TLSNamedGroup.bits(260), 8192)
        XCTAssertEqual(TLSNamedGroup.name(26), "brainpoolP256r1")
        XCTAssertNil(TLSNamedGroup.name(0)); XCTAssertNil(TLSNamedGroup.name(34)); XCTAssertNil(TLSNamedGroup.name(261))
        for g in TLSNamedGroup.probeable { XCTAssertNotNil(TLSNamedGroup.name(g)) }
        XCTAssertEqual(Set(TLSNamedGroup.probeable).count, TLSNamedGroup.probeable.count)
        XCTAssertEqual(TLSProtocolVersion.allCases.map(\.name), ["SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"])
        XCTAssertTrue(TLSProtocolVersion.tls10 < .tls12)
    }

    // MARK: ClientHello

    /// Each version's hello is decoded by tshark as written, and reads back through our parser.
    func testClientHelloDecodesInTshark() throws {
        let tshark = try TLSTestTools.require("tshark")
        let dir = try TLSTestTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let suites: [UInt16] = [0xC02F, 0x0035, 0x000A, 0x0005, 0x0003]
        var frames: [[UInt8]] = []
        var expected: [(String, String, String)] = []
        for (i, version) in TLSProtocolVersion.allCases.enumerated() {
            var o = TLSClientHelloOptions(version: version, cipherSuites: version == .tls13 ? [0x1301, 0x1302] : suites,
                                          serverName: "host\(i).example")
            if version == .tls13 { o.keyShares = [(group: 29, publicKey: [UInt8](repeating: 9, count: 32))] }
            var record: [UInt8] = []
            TLSClientHello.write(o, random: [UInt8](repeating: UInt8(i), count: 32), into: &record)
            frames.append(TLSTestTools.tcpFrame(payload: record, sourcePort: UInt16(40_000 + i), destinationPort: 443))
            let codes = (version == .tls13 ? [0x1301, 0x1302] : suites).map { "0x" + String(format: "%04x", $0) }
            let sslv3 = version == .ssl3
            let legacy = version == .tls13 ? "0x0303" : String(format: "0x%04x", version.rawValue)
            expected.append((legacy, (codes + (sslv3 ? ["0x00ff"] : [])).joined(separator: ","), sslv3 ? "" : "host\(i).example"))

            // Read back.
            record.withUnsafeBytes { p in
                let body = p.view(9, p.count - 9)!
                guard let s = TLSClientHello.parse(body) else { return XCTFail("\(version) does not parse back") }
                XCTAssertEqual(s.serverName, sslv3 ? nil : "host\(i).example")
                XCTAssertEqual(s.highestVersion, version.rawValue)
                XCTAssertEqual(s.extensions.isEmpty, sslv3)
                if version == .tls13 { XCTAssertEqual(s.keyShareGroups, [29]); XCTAssertEqual(s.supportedVersions, [0x0304]) }
                if version < .tls12 { XCTAssertFalse(s.extensions.contains(TLSExtensionType.signatureAlgorithms)) }
            }
        }
        let pcap = dir + "/hello.pcap"
        try TLSTestTools.writePcap(pcap, frames: frames)
        let r = try Subprocess.run([tshark, "-n", "-r", pcap, "-o", "tcp.analyze_sequence_numbers:FALSE", "-T", "fields", "-E", "separator=|",
                                    "-e", "tls.handshake.version", "-e", "tls.handshake.ciphersuite",
                                    "-e", "tls.handshake.extensions_server_name", "-e", "tls.handshake.extensions.supported_version",
                                    "-e", "_ws.expert.message"], timeout: 120)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, expected.count, r.stdout + r.stderr)
        for (line, want) in zip(lines, expected) {
            let f = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(f[0], want.0, String(line)); XCTAssertEqual(f[1], want.1, String(line)); XCTAssertEqual(f[2], want.2, String(line))
            XCTAssertEqual(f[4], "", "tshark complains: \(line)")
        }
        XCTAssertTrue(lines.last.map { $0.contains("0x0304") } ?? false, "TLS 1.3 hello lists 0x0304 in supported_versions")
    }

    func testClientHelloOptionsOnTheWire() throws {
        var o = TLSClientHelloOptions(version: .tls12, cipherSuites: [0xC02F])
        o.offerCompression = true
        o.groups = [256]            // FFDHE only: no ec_point_formats
        o.renegotiationInfo = false
        var record: [UInt8] = []
        TLSClientHello.write(o, random: [], into: &record)
        let s = try XCTUnwrap(record.withUnsafeBytes { TLSClientHello.parse($0.view(9, $0.count - 9)!) })
        XCTAssertEqual(s.compressionMethods, [1, 0])
        XCTAssertFalse(s.extensions.contains(TLSExtensionType.ecPointFormats))
        XCTAssertFalse(s.extensions.contains(TLSExtensionType.renegotiationInfo))
        XCTAssertNil(s.serverName)
        XCTAssertEqual(s.groups, [256])
        XCTAssertEqual(Array(record[0..<3]), [0x16, 0x03, 0x01])
        // Padding lifts a 256–511-byte hello to 512.
        XCTAssertEqual(Int(record[6]) << 16 | Int(record[7]) << 8 | Int(record[8]) , record.count - 9)
        let length = record.count - 5
        XCTAssertTrue(length < 256 || length >= 512, "handshake length \(length)")

        // Every suite of the registry: one record under 16 KiB.
        var big: [UInt8] = []
        TLSClientHello.write(TLSClientHelloOptions(version: .tls12, cipherSuites: TLSCipherSuiteRegistry.all.map(\.code), serverName: "a.example"),
                             random: [UInt8](repeating: 1, count: 32), into: &big)
        XCTAssertEqual(Int(big[3]) << 8 | Int(big[4]), big.count - 5)
        let all = try XCTUnwrap(big.withUnsafeBytes { TLSClientHello.parse($0.view(9, $0.count - 9)!) })
        XCTAssertEqual(all.cipherSuites, TLSCipherSuiteRegistry.all.map(\.code))
    }

    func testSSLv2ClientHelloDecodesInTshark() throws {
        let tshark = try TLSTestTools.require("tshark")
        let dir = try TLSTestTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var record: [UInt8] = []
        SSLv2ClientHello.write(cipherKinds: SSLv2ClientHello.allCipherKinds, challenge: [UInt8](repeating: 7, count: 16), into: &record)
        XCTAssertEqual(record.count, 2 + 9 + 21 + 16)
        let pcap = dir + "/v2.pcap"
        try TLSTestTools.writePcap(pcap, frames: [TLSTestTools.tcpFrame(payload: record, sourcePort: 40_000, destinationPort: 443)])
        let r = try Subprocess.run([tshark, "-n", "-r", pcap, "-T", "fields", "-E", "separator=|", "-e", "tls.handshake.version",
                                    "-e", "tls.handshake.cipherspec", "-e", "tls.handshake.challenge_length"], timeout: 120)
        XCTAssertEqual(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                       "0x0002|0x010080,0x020080,0x030080,0x040080,0x050080,0x060040,0x0700c0|16", r.stderr)
        XCTAssertEqual(SSLv2ClientHello.name(0x0700C0), "SSL_CK_DES_192_EDE3_CBC_WITH_MD5")
        XCTAssertEqual(SSLv2ClientHello.name(0x123456), "UNKNOWN_0x123456")
    }

    // MARK: server flight, synthetic

    func testNonTLSAnswersAreMalformedWithAnExcerpt() {
        for (text, excerpt) in [("HTTP/1.1 400 Bad Request\r\nServer: x\r\n\r\n", "HTTP/1.1 400 Bad Request"),
                                ("220 mail.example.com ESMTP Postfix\r\n", "220 mail.example.com ESMTP Postfix"),
                                ("SSH-2.0-OpenSSH_9.2\r\n", "SSH-2.0-OpenSSH_9.2")] {
            var parser = TLSServerFlightParser()
            let state = Array(text.utf8).withUnsafeBytes { parser.feed($0) }
            guard case .malformed(let why) = state else { XCTFail("\(text): \(state)"); continue }
            XCTAssertTrue(why.hasPrefix("not a TLS record"), why)
            XCTAssertTrue(why.contains(excerpt), why)
        }
        // A record type byte alone is not enough to decide; a wrong version byte is.
        var parser = TLSServerFlightParser()
        XCTAssertEqual([UInt8]([0x16]).withUnsafeBytes { parser.feed($0) }, .needMore)
        guard case .malformed = [UInt8]([0x02]).withUnsafeBytes({ parser.feed($0) }) else { return XCTFail() }
    }

    func testAlertAndHelloRetryRequestAndTLS13ServerHello() {
        var alert = TLSServerFlightParser()
        XCTAssertEqual([UInt8]([0x15, 3, 3, 0, 2, 2, 40]).withUnsafeBytes { alert.feed($0) }, .complete)
        XCTAssertEqual(alert.flight.alert, TLSAlert(level: 2, description: 40))
        XCTAssertEqual(alert.flight.alert?.name, "handshake_failure")

        // HRR: the special random, supported_versions 0x0304, key_share asking for secp256r1.
        let hrr = TLSTestTools.serverHello(random: TLSServerHello.helloRetryRequestRandom, suite: 0x1301,
                                           extensions: [(43, [3, 4]), (51, [0, 23])])
        var p = TLSServerFlightParser()
        XCTAssertEqual(TLSTestTools.records(22, hrr).withUnsafeBytes { p.feed($0) }, .complete)
        XCTAssertEqual(p.flight.serverHello?.isHelloRetryRequest, true)
        XCTAssertEqual(p.flight.serverHello?.keyShareGroup, 23)
        XCTAssertEqual(p.flight.serverHello?.selectedVersion, .tls13)

        let sh = TLSTestTools.serverHello(random: [UInt8](repeating: 1, count: 32), suite: 0x1302,
                                          extensions: [(43, [3, 4]), (51, [0, 29, 0, 2, 9, 9])])
        var q = TLSServerFlightParser()
        XCTAssertEqual(TLSTestTools.records(22, sh).withUnsafeBytes { q.feed($0) }, .complete)
        XCTAssertEqual(q.flight.serverHello?.isHelloRetryRequest, false)
        XCTAssertEqual(q.flight.serverHello?.selectedVersion, .tls13)
        XCTAssertEqual(q.flight.serverHello?.legacyVersion, 0x0303)
        XCTAssertEqual(q.flight.serverHello?.keyShareGroup, 29)
        XCTAssertEqual(q.flight.serverHello?.extensions, [43, 51])
    }

    /// A TLS 1.2 flight spread one byte per record, and several messages in one record.
    func testHandshakeMessagesSpanningRecordsAndSharingThem() throws {
        let sh = TLSTestTools.serverHello(random: [UInt8](repeating: 2, count: 32), suite: 0x0039, extensions: [(0xFF01, [0])])
        let cert: [UInt8] = [0x30, 0x03, 0x02, 0x01, 0x05]
        let certificate = TLSTestTools.handshake(11, [0, 0, 8, 0, 0, 5] + cert)
        var prime = [UInt8](repeating: 0xFF, count: 129); prime[0] = 0; prime[1] = 0x7F   // 1023 bits after the zero byte
        let ske = TLSTestTools.handshake(12, [0, 129] + prime + [0, 1, 2, 0, 1, 5])
        let done = TLSTestTools.handshake(14, [])
        let messages = sh + certificate + ske + done
        for (name, stream) in [("one record", TLSTestTools.records(22, messages)),
                               ("1-byte records", TLSTestTools.records(22, messages, fragment: 1))] {
            var p = TLSServerFlightParser()
            var state = TLSFlightState.needMore
            for b in stream { state = [b].withUnsafeBytes { p.feed($0) } }
            XCTAssertEqual(state, .complete, name)
            XCTAssertEqual(p.flight.serverHello?.cipherSuite, 0x0039, name)
            XCTAssertEqual(p.flight.serverHello?.selectedVersion, .tls12, name)
            XCTAssertEqual(p.flight.serverHello?.renegotiationInfo, true, name)
            XCTAssertEqual(p.flight.certificates, [cert], name)
            XCTAssertEqual(p.flight.serverKeyExchange, .dhe(primeBits: 1023), name)
            XCTAssertTrue(p.flight.serverHelloDone, name)
        }
    }

    func testSSLv2ServerHello() {
        let cert: [UInt8] = [0x30, 0x00]
        let message: [UInt8] = [4, 0, 1, 0, 2, 0, 2, 0, 6, 0, 16] + cert + [1, 0, 0x80, 7, 0, 0xC0] + [UInt8](repeating: 3, count: 16)
        let record = [0x80 | UInt8(message.count >> 8), UInt8(message.count & 0xFF)] + message
        var p = TLSServerFlightParser()
        XCTAssertEqual(record.withUnsafeBytes { p.feed($0) }, .complete)
        XCTAssertEqual(p.flight.sslv2, SSLv2ServerHello(cipherKinds: [0x010080, 0x0700C0], certificate: cert))
        var e = TLSServerFlightParser()
        XCTAssertEqual([UInt8]([0x80, 3, 0, 0, 1]).withUnsafeBytes { e.feed($0) }, .complete)
        XCTAssertEqual(e.flight.sslv2Error, 1)
    }

    func testBufferCap() {
        // A handshake message announcing more than the cap is refused at once.
        var big = TLSServerFlightParser(maxBufferedBytes: 1000)
        guard case .malformed(let why) = TLSTestTools.records(22, [11, 1, 0x86, 0xA0] + [UInt8](repeating: 0, count: 100))
            .withUnsafeBytes({ big.feed($0) }) else { return XCTFail() }
        XCTAssertTrue(why.contains("100000"), why)
        // A stream that never completes (ignored heartbeat records) ends at the cap.
        var p = TLSServerFlightParser(maxBufferedBytes: 1000)
        let hello = TLSTestTools.records(22, TLSTestTools.serverHello(random: [UInt8](repeating: 2, count: 32), suite: 0xC02F, extensions: []))
        XCTAssertEqual(hello.withUnsafeBytes { p.feed($0) }, .needMore)
        let heartbeat = TLSTestTools.records(24, [UInt8](repeating: 1, count: 245))
        for _ in 0..<3 { XCTAssertEqual(heartbeat.withUnsafeBytes { p.feed($0) }, .needMore) }
        guard case .malformed(let capped) = heartbeat.withUnsafeBytes({ p.feed($0) }) else { return XCTFail("\(p.state)") }
        XCTAssertTrue(capped.contains("exceeds 1000 bytes"), capped)
    }

    /// Random mutations of real-looking messages through every reader (deterministic generator).
    func testRandomMutationsNeverTrap() {
        var rng = SplitMix(seed: 0x7157)
        var hello: [UInt8] = []
        TLSClientHello.write(TLSClientHelloOptions(version: .tls13, cipherSuites: [0x1301], serverName: "x.example",
                                                   keyShares: [(group: 29, publicKey: [1, 2, 3])]), random: [], into: &hello)
        let sh = TLSTestTools.serverHello(random: [UInt8](repeating: 2, count: 32), suite: 0x00AA, extensions: [(43, [3, 4]), (51, [0, 29])])
        let ske: [UInt8] = [0, 2, 9, 9, 0, 3, 0, 0xFF, 1, 0, 1, 2, 0, 1, 1]
        let suite = TLSCipherSuiteRegistry.info(0x00AA)!
        for round in 0..<20_000 {
            for base in [hello, sh, ske] {
                var m = base
                for _ in 0...(round % 4) where !m.isEmpty {
                    let i = Int(rng.next() % UInt64(m.count))
                    switch rng.next() % 3 {
                    case 0: m[i] = UInt8(truncatingIfNeeded: rng.next())
                    case 1: m.removeSubrange(i..<min(m.count, i + Int(rng.next() % 8)))
                    default: m.insert(UInt8(truncatingIfNeeded: rng.next()), at: i)
                    }
                }
                m.withUnsafeBytes { p in
                    _ = TLSClientHello.parse(p)
                    if let body = p.tail(4) { _ = TLSClientHello.parse(body); _ = TLSServerHello(body: body) }
                    _ = TLSServerKeyExchangeFacts.parse(p, suite: suite)
                    _ = SSLv2ServerHello(message: p)
                    var parser = TLSServerFlightParser()
                    _ = parser.feed(p)
                }
            }
        }
    }

    /// Every prefix, and every prefix with its last byte flipped, of hand-built flights: never traps.
    func testTruncatedAndDamagedInputsNeverTrap() {
        let sh = TLSTestTools.serverHello(random: [UInt8](repeating: 2, count: 32), suite: 0xC02F, extensions: [(0xFF01, [0]), (11, [1, 0])])
        let ske = TLSTestTools.handshake(12, [3, 0, 29, 32] + [UInt8](repeating: 1, count: 32) + [4, 1, 0, 2, 0, 0])
        let flight = TLSTestTools.records(22, sh + TLSTestTools.handshake(11, [0, 0, 0]) + ske + TLSTestTools.handshake(14, []))
        TLSTestTools.tortureParser(flight)
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Shared helpers for the TLS wire tests.
enum TLSTestTools {
    static func require(_ name: String) throws -> String {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") + ["/usr/bin", "/usr/sbin"] {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw XCTSkip("\(name) not installed")
    }

    static func temporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/netaudit-tlswire-XXXXXX").utf8CString)
        guard let p = mkdtemp(&template) else { throw XCTSkip("mkdtemp failed") }
        return String(cString: p)
    }

    /// Ethernet + IPv4 + TCP (PSH/ACK) around `payload`, 10.0.0.1 → 10.0.0.2.
    static func tcpFrame(payload: [UInt8], sourcePort: UInt16, destinationPort: UInt16, sequence: UInt32 = 1000) -> [UInt8] {
        var f: [UInt8] = [0, 0, 0x5E, 0, 0x53, 2, 0, 0, 0x5E, 0, 0x53, 1, 0x08, 0x00]
        let total = 20 + 20 + payload.count
        f += [0x45, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]
        f += [UInt8(sourcePort >> 8), UInt8(sourcePort & 0xFF), UInt8(destinationPort >> 8), UInt8(destinationPort & 0xFF)]
        f += [UInt8(sequence >> 24), UInt8(sequence >> 16 & 0xFF), UInt8(sequence >> 8 & 0xFF), UInt8(sequence & 0xFF)]
        f += [0, 0, 0, 1, 0x50, 0x18, 0xFF, 0xFF, 0, 0, 0, 0]
        return f + payload
    }

    /// A classic pcap file (Ethernet) with one record per frame.
    static func writePcap(_ path: String, frames: [[UInt8]]) throws {
        var d: [UInt8] = []
        func le32(_ v: UInt32) { d += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
        le32(0xA1B2_C3D4); d += [2, 0, 4, 0]; le32(0); le32(0); le32(262_144); le32(1)
        for (i, f) in frames.enumerated() { le32(1_700_000_000); le32(UInt32(i)); le32(UInt32(f.count)); le32(UInt32(f.count)); d += f }
        try Data(d).write(to: URL(fileURLWithPath: path))
    }

    static func handshake(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        [type, UInt8(body.count >> 16), UInt8(body.count >> 8 & 0xFF), UInt8(body.count & 0xFF)] + body
    }

    static func serverHello(random: [UInt8], suite: UInt16, extensions: [(UInt16, [UInt8])], legacy: UInt16 = 0x0303) -> [UInt8] {
        var b: [UInt8] = [UInt8(legacy >> 8), UInt8(legacy & 0xFF)] + random + [0, UInt8(suite >> 8), UInt8(suite & 0xFF), 0]
        var ext: [UInt8] = []
        for (t, v) in extensions { ext += [UInt8(t >> 8), UInt8(t & 0xFF), UInt8(v.count >> 8), UInt8(v.count & 0xFF)] + v }
        b += [UInt8(ext.count >> 8), UInt8(ext.count & 0xFF)] + ext
        return handshake(2, b)
    }

    /// `bytes` as records of `type`, at most `fragment` bytes each.
    static func records(_ type: UInt8, _ bytes: [UInt8], fragment: Int = 16_384, version: UInt16 = 0x0303) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        repeat {
            let n = min(fragment, bytes.count - i)
            out += [type, UInt8(version >> 8), UInt8(version & 0xFF), UInt8(n >> 8), UInt8(n & 0xFF)] + bytes[i..<(i + n)]
            i += n
        } while i < bytes.count
        return out
    }

    /// Feeds every prefix (whole, and split in two at every point) and every one-byte corruption;
    /// the debug build's bounds checks trap on any out-of-range read. Prefixes never claim more
    /// than the whole input does.
    static func tortureParser(_ flight: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        var whole = TLSServerFlightParser()
        let final = flight.withUnsafeBytes { whole.feed($0) }
        XCTAssertEqual(final, .complete, file: file, line: line)
        for n in 0..<flight.count {
            var p = TLSServerFlightParser()
            let state = flight.withUnsafeBytes { p.feed(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            if state == .complete, n < flight.count {
                XCTAssertEqual(p.flight.serverHello, whole.flight.serverHello, "prefix \(n)", file: file, line: line)
            }
            var split = TLSServerFlightParser()
            flight.withUnsafeBytes { b in
                _ = split.feed(UnsafeRawBufferPointer(rebasing: b[0..<n]))
                _ = split.feed(UnsafeRawBufferPointer(rebasing: b[n...]))
            }
            XCTAssertEqual(split.state, final, "split at \(n)", file: file, line: line)
            XCTAssertEqual(split.flight.certificates, whole.flight.certificates, file: file, line: line)
            var damaged = flight
            damaged[n] ^= 0xFF
            var d = TLSServerFlightParser()
            _ = damaged.withUnsafeBytes { d.feed($0) }
            for len in [0, 1, 2, 3, 4, 5, 6, 40] {
                var t = damaged; if n + len < t.count { t.removeSubrange((n + 1)..<min(t.count, n + 1 + len)) }
                var q = TLSServerFlightParser()
                _ = t.withUnsafeBytes { q.feed($0) }
            }
        }
    }
}
