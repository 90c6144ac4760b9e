import Capture
import Foundation
import Packets
import Snapshot
import TestSupport
import TLS
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Passive TLS against tshark on the real captures in ../shared/captures/lan/: the same
/// (server address, port, version, suite, SNI) tuples, the same certificate DER, and certificate
/// subjects/notAfter that match `openssl x509` on the DER tshark extracted.
final class PassiveTLSCaptureTests: XCTestCase {
    static let captures = ProcessInfo.processInfo.environment["NETAUDIT_CAPTURES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/captures").standardized.path

    static func lanFiles() throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: captures + "/lan") else {
            throw XCTSkip("captures not found at \(captures) (set NETAUDIT_CAPTURES)")
        }
        return names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }.sorted().map { captures + "/lan/" + $0 }
    }

    static func tool(_ name: String) throws -> String {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") + ["/usr/bin"] {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw XCTSkip("\(name) not installed")
    }

    static func observe(_ path: String, through wrap: ((PassiveTLSObserver) -> any FrameObserver)? = nil) -> PassiveTLSObserver {
        let observer = PassiveTLSObserver()
        let reports = CaptureSession().readFiles([path], observers: [wrap?(observer) ?? observer])
        XCTAssertNil(reports.first?.openError, path)
        return observer
    }

    static func tshark(_ path: String, _ filter: String, _ fields: [String]) throws -> [[String]] {
        let r = try Subprocess.run([try tool("tshark"), "-n", "-r", path, "-Y", filter, "-T", "fields", "-E", "separator=|"]
                                   + fields.flatMap { ["-e", $0] }, timeout: 120)
        XCTAssertEqual(r.status, .exited(0), r.stderr)
        return r.stdout.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    struct Tuple: Hashable, CustomStringConvertible {
        var address: String, port: Int, version: String, suite: String, sni: String?
        var description: String { "\(address):\(port) \(version) \(suite) sni=\(sni ?? "-")" }
    }

    static func versionName(_ hex: String) -> String {
        switch hex.lowercased() {
        case "0x0002": "SSLv2"
        case "0x0300": "SSLv3"
        case "0x0301": "TLSv1.0"
        case "0x0302": "TLSv1.1"
        case "0x0303": "TLSv1.2"
        case "0x0304": "TLSv1.3"
        default: hex
        }
    }

    /// tshark's view: ServerHellos (and SSLv2 SERVER-HELLOs), with the SNI of the connection's ClientHello.
    static func expectedTuples(_ path: String) throws -> Set<Tuple> {
        var sni: [String: String] = [:]   // "server|port|clientport" → name
        for f in try tshark(path, "tls.handshake.type==1", ["ip.dst", "ipv6.dst", "tcp.dstport", "tcp.srcport", "tls.handshake.extensions_server_name"]) {
            let name = f[4]
            if !name.isEmpty { sni[(f[0].isEmpty ? f[1] : f[0]) + "|" + f[2] + "|" + f[3]] = name }
        }
        var tuples = Set<Tuple>()
        for f in try tshark(path, "tls.handshake.type==2 && tls.handshake.ciphersuite", ["ip.src", "ipv6.src", "tcp.srcport", "tcp.dstport", "tls.handshake.version",
                                                            "tls.handshake.extensions.supported_version", "tls.handshake.ciphersuite"]) {
            let address = f[0].isEmpty ? f[1] : f[0]
            let version = versionName(f[5].isEmpty ? f[4] : f[5])
            let suite = "0x" + f[6].dropFirst(2).uppercased()
            tuples.insert(Tuple(address: address, port: Int(f[2])!, version: version, suite: suite, sni: sni[address + "|" + f[2] + "|" + f[3]]))
        }
        // SSLv2 SERVER-HELLO: every cipher spec the server lists.
        for f in try tshark(path, "tls.handshake.type==4 && tls.handshake.cipherspec", ["ip.src", "tcp.srcport", "tls.handshake.cipherspec"]) {
            for spec in f[2].split(separator: ",") {
                tuples.insert(Tuple(address: f[0], port: Int(f[1])!, version: "SSLv2", suite: "0x" + spec.dropFirst(2).uppercased(), sni: nil))
            }
        }
        return tuples
    }

    static func tuples(_ endpoints: [TLSEndpoint]) -> Set<Tuple> {
        var out = Set<Tuple>()
        for e in endpoints {
            for p in e.protocols where p.accepted {
                for s in p.cipherSuites { out.insert(Tuple(address: e.address, port: e.port, version: p.version, suite: s.code, sni: e.sni)) }
            }
        }
        return out
    }

    /// Certificate chains tshark saw, per server "address|port", as hex DER.
    static func expectedChains(_ path: String) throws -> [String: [String]] {
        var chains: [String: [String]] = [:]
        for f in try tshark(path, "tls.handshake.certificate", ["ip.src", "ipv6.src", "tcp.srcport", "tls.handshake.certificate"]) {
            let key = (f[0].isEmpty ? f[1] : f[0]) + "|" + f[2]
            if chains[key] == nil { chains[key] = f[3].split(separator: ",").map { $0.lowercased() } }
        }
        return chains
    }

    func testTuplesAndCertificatesAgreeWithTshark() throws {
        _ = try Self.tool("tshark")
        var filesWithTLS = 0
        for path in try Self.lanFiles() {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let observer = Self.observe(path)
            let endpoints = observer.endpoints(inspect: { _ in throw CocoaError(.featureUnsupported) })
            let expected = try Self.expectedTuples(path)
            XCTAssertEqual(Self.tuples(endpoints), expected, name)
            if !expected.isEmpty { filesWithTLS += 1 }
            for e in endpoints {
                XCTAssertEqual(e.origin, .capture); XCTAssertEqual(e.status, .ok)
                XCTAssertEqual(e.evidence?.protocol, "tls"); XCTAssertEqual(e.evidence?.source, 0)
            }

            let chains = try Self.expectedChains(path)
            var ours: [String: [String]] = [:]
            for c in observer.certificateChains() where !c.chain.isEmpty {
                ours["\(c.address)|\(c.port)"] = c.chain.map { $0.map { String(format: "%02x", $0) }.joined() }
            }
            XCTAssertEqual(ours, chains, name)
        }
        XCTAssertGreaterThanOrEqual(filesWithTLS, 4, "the TLS 1.1, TLS 1.2 ECDHE, TLS 1.3 and SSLv2 captures")
    }

    /// Evidence points at the packet carrying the ServerHello (tshark's frame number).
    func testEvidencePointsAtTheServerHello() throws {
        for path in try Self.lanFiles() {
            let frames = try Self.tshark(path, "(tls.handshake.type==2 && tls.handshake.ciphersuite) || (tls.handshake.type==4 && tls.handshake.cipherspec)", ["frame.number"])
            guard let first = frames.first.flatMap({ Int($0[0]) }) else { continue }
            let e = Self.observe(path).endpoints(inspect: { _ in throw CocoaError(.featureUnsupported) })
            XCTAssertEqual(e.first?.evidence?.packet, first, path)
        }
    }

    /// Certificate facts through CertificateInspector against `openssl x509` on the same DER.
    func testCertificateSubjectsAndExpiryMatchOpenSSL() throws {
        let openssl = try Self.tool("openssl")
        let dir = NSTemporaryDirectory() + "netaudit-passive-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var checked = 0
        for path in try Self.lanFiles() {
            let observer = Self.observe(path)
            let endpoints = observer.endpoints()
            for (e, chain) in zip(endpoints, observer.certificateChains()) where !chain.chain.isEmpty {
                XCTAssertEqual(e.certificates.count, chain.chain.count, "\(path): \(e.error ?? "")")
                for (cert, der) in zip(e.certificates, chain.chain) {
                    let file = dir + "/c.der"
                    try Data(der).write(to: URL(fileURLWithPath: file))
                    let r = try Subprocess.run([openssl, "x509", "-inform", "DER", "-in", file, "-noout", "-subject", "-enddate",
                                                "-nameopt", "RFC2253", "-dateopt", "iso_8601"], timeout: 60)
                    let lines = r.stdout.split(separator: "\n").map(String.init)
                    XCTAssertEqual(lines.first, "subject=" + cert.subject, path)
                    let end = lines.first { $0.hasPrefix("notAfter=") }?.dropFirst(9).replacingOccurrences(of: " ", with: "T") ?? ""
                    XCTAssertEqual(Timestamp(rfc3339: end), cert.notAfter, "\(path): \(end)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 7)
    }

    // MARK: reassembly edge cases

    /// Passes frames on, changed by `transform` (duplicate, drop, reorder).
    final class Tamper: FrameObserver {
        let inner: PassiveTLSObserver
        let transform: (Int, [UInt8]) -> [[UInt8]]
        var n = 0
        var held: [UInt8]?
        init(_ inner: PassiveTLSObserver, _ transform: @escaping (Int, [UInt8]) -> [[UInt8]]) { self.inner = inner; self.transform = transform }
        func beginSource(index: Int) { inner.beginSource(index: index) }
        func observe(_ header: PacketHeader, _ frame: UnsafeRawBufferPointer, linkType: LinkType) {
            n += 1
            for f in transform(n, Array(frame)) { f.withUnsafeBytes { inner.observe(header, $0, linkType: linkType) } }
        }
    }

    func testRetransmissionsChangeNothingAndAGapDropsTheFlow() throws {
        let path = try Self.lanFiles().first { $0.hasSuffix("zeek__ecdhe.pcap") } ?? { throw XCTSkip("zeek__ecdhe.pcap missing") }()
        let clean = Self.observe(path)
        let reference = Self.tuples(clean.endpoints(inspect: { _ in throw CocoaError(.featureUnsupported) }))
        XCTAssertEqual(reference.count, 1)

        // Every frame twice: the copies are retransmissions.
        let twice = Self.observe(path) { o in Tamper(o) { _, f in [f, f] } }
        XCTAssertEqual(Self.tuples(twice.endpoints(inspect: { _ in throw CocoaError(.featureUnsupported) })), reference)
        XCTAssertEqual(twice.certificateChains().map(\.chain), clean.certificateChains().map(\.chain))
        XCTAssertEqual(twice.stats.droppedGap, 0)
        XCTAssertEqual(twice.stats.completed, 1)

        // Frame 9 (Certificate) lost: the flow ends at the gap, keeping the ServerHello but no chain.
        let lost = Self.observe(path) { o in Tamper(o) { n, f in n == 9 ? [] : [f] } }
        XCTAssertEqual(lost.stats.droppedGap, 1)
        XCTAssertEqual(Self.tuples(lost.endpoints(inspect: { _ in throw CocoaError(.featureUnsupported) })), reference)
        XCTAssertTrue(lost.certificateChains().allSatisfy { $0.chain.isEmpty })

        // A table with room for no flow: counted, nothing kept.
        var limits = PassiveTLSObserver.Limits(); limits.maxFlows = 0
        let full = PassiveTLSObserver(limits: limits)
        _ = CaptureSession().readFiles([path], observers: [full])
        XCTAssertEqual(full.stats.droppedTableFull, 1)
        XCTAssertTrue(full.endpoints().isEmpty)
    }

    /// Every capture of the robustness corpus (tcpdump's test files, crafted to break decoders):
    /// the observer never traps, and what it reports is well-formed.
    func testCorpusNeverTraps() throws {
        let dir = Self.captures + "/tcpdump-tests"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { throw XCTSkip("no corpus at \(dir)") }
        var files = 0, packets = 0, flows = 0
        for name in names.sorted() where name.hasSuffix(".pcap") || name.hasSuffix(".pcapng") || name.hasSuffix(".cap") {
            let observer = PassiveTLSObserver()
            let reports = CaptureSession().readFiles([dir + "/" + name], observers: [observer])
            let found = observer.endpoints(inspect: { _ in throw CocoaError(.featureUnsupported) })
            for e in found { XCTAssertFalse(e.protocols.isEmpty, name); XCTAssertGreaterThan(e.port, 0, name) }
            files += 1
            packets += reports.reduce(0) { $0 + $1.packets }
            flows += observer.stats.flows
        }
        // (The corpus has no TLS-over-TCP handshakes, only QUIC: this is a robustness check.)
        XCTAssertGreaterThan(files, 800)
        XCTAssertGreaterThan(packets, 5_000)
        print("corpus: \(files) files, \(packets) packets, \(flows) TLS flows")
    }

    func testNonTLSCapturesYieldNothing() throws {
        for path in try Self.lanFiles() where !path.contains("tls") && !path.contains("ssl") && !path.contains("ecdhe") {
            let o = Self.observe(path)
            XCTAssertTrue(o.endpoints().isEmpty, path)
            XCTAssertEqual(o.stats.flows, 0, path)
        }
    }

    func testSnapshotSuiteConversion() throws {
        let info = try XCTUnwrap(TLSCipherSuiteRegistry.info(0xC02F))
        let s = tlsSnapshotCipherSuite(info)
        XCTAssertEqual(s, TLSCipherSuite(info))
        XCTAssertEqual(s.code, "0xC02F")
        XCTAssertEqual(s.name, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
        XCTAssertTrue(s.forwardSecret)
        XCTAssertEqual(TLSCipherSuite(code: 0x0A0A).name, "UNKNOWN_0x0A0A")
        XCTAssertEqual(TLSCipherSuite(code: 0x1301).keyExchange, "TLS13")
    }
}
