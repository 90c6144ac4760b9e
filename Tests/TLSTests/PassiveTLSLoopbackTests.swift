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

/// Passive TLS on handshakes with SNI, DHE, IPv6 and segmentation, which the public captures
/// lack: real `openssl s_server` answers (127.0.0.1 only) to crafted ClientHellos are written
/// into a pcap as TCP conversations (SYN, SYN/ACK, hello, the answer cut into small segments,
/// one segment retransmitted), then the observer and tshark read the same file.
final class PassiveTLSLoopbackTests: XCTestCase {
    struct Conversation {
        var client: String, server: String, clientPort: UInt16, serverPort: UInt16
        var hello: [UInt8], answer: [UInt8]
    }

    func testLoopbackHandshakesAgreeWithTshark() throws {
        let openssl = try PassiveTLSCaptureTests.tool("openssl")
        _ = try PassiveTLSCaptureTests.tool("tshark")
        let dir = NSTemporaryDirectory() + "netaudit-passive-loop-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func run(_ args: [String]) throws {
            let r = try Subprocess.run([openssl] + args, timeout: 120)
            guard r.status == .exited(0) else { throw XCTSkip("openssl \(args.first ?? ""): \(r.stderr)") }
        }
        try run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "/key.pem", "-out", dir + "/cert.pem",
                 "-subj", "/CN=passive.test", "-days", "30"])
        try run(["genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt", "group:dh_1024_160", "-out", dir + "/dh.pem"])

        func hello(_ v: TLSProtocolVersion, _ suites: [UInt16], sni: String, groups: [UInt16]? = nil) -> [UInt8] {
            var o = TLSClientHelloOptions(version: v, cipherSuites: suites, serverName: sni)
            if let groups { o.groups = groups }
            if v == .tls13 { o.keyShares = [(group: 29, publicKey: [UInt8](repeating: 0x42, count: 32))] }
            var out: [UInt8] = []
            TLSClientHello.write(o, random: [UInt8](repeating: 5, count: 32), into: &out)
            return out
        }
        let base = ["-cert", dir + "/cert.pem", "-key", dir + "/key.pem"]
        let ecdheHello = hello(.tls12, [0xC02F, 0x009E], sni: "alpha.test")
        let dheHello = hello(.tls12, [0x009E], sni: "beta.test", groups: [23])
        let tls13Hello = hello(.tls13, [0x1302], sni: "gamma.test")
        let conversations = [
            Conversation(client: "10.9.0.2", server: "10.9.0.1", clientPort: 40001, serverPort: 443, hello: ecdheHello,
                         answer: try Loopback.exchange(openssl, base + ["-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"], ecdheHello, dir: dir)),
            Conversation(client: "fd00::2", server: "fd00::1", clientPort: 40002, serverPort: 443, hello: dheHello,
                         answer: try Loopback.exchange(openssl, base + ["-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0",
                                                                       "-dhparam", dir + "/dh.pem"], dheHello, dir: dir)),
            Conversation(client: "10.9.0.2", server: "10.9.0.3", clientPort: 40003, serverPort: 443, hello: tls13Hello,
                         answer: try Loopback.exchange(openssl, base + ["-tls1_3"], tls13Hello, dir: dir)),
        ]
        let pcap = dir + "/loop.pcap"
        try Loopback.writePcap(pcap, conversations)

        let observer = PassiveTLSCaptureTests.observe(pcap)
        let endpoints = observer.endpoints()
        XCTAssertEqual(PassiveTLSCaptureTests.tuples(endpoints), try PassiveTLSCaptureTests.expectedTuples(pcap))
        XCTAssertEqual(endpoints.map(\.sni), ["alpha.test", "gamma.test", "beta.test"], "sorted IPv4 before IPv6")
        XCTAssertEqual(endpoints.map(\.host), ["alpha.test", "gamma.test", "beta.test"])
        XCTAssertEqual(endpoints.map(\.address), ["10.9.0.1", "10.9.0.3", "fd00::1"])
        XCTAssertEqual(observer.stats.flows, 3)
        XCTAssertEqual(observer.stats.completed, 3)
        XCTAssertEqual(observer.stats.droppedGap, 0)

        let ecdhe = endpoints[0], tls13 = endpoints[1], dhe = endpoints[2]
        XCTAssertEqual(ecdhe.protocols.map(\.version), ["TLSv1.2"])
        XCTAssertEqual(ecdhe.protocols.first?.cipherSuites.map(\.name), ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"])
        XCTAssertEqual(ecdhe.groups, [TLSGroup(name: "x25519", kind: "ecdhe", bits: 253)])
        XCTAssertEqual(ecdhe.secureRenegotiation, true)
        XCTAssertNil(ecdhe.dhMinBits)
        XCTAssertEqual(ecdhe.certificates.first?.subject, "CN=passive.test")
        XCTAssertEqual(dhe.dhMinBits, 1024)
        XCTAssertEqual(dhe.groups, [TLSGroup(name: "dh1024", kind: "dhe", bits: 1024)])
        XCTAssertEqual(dhe.protocols.first?.cipherSuites.map(\.code), ["0x009E"])
        XCTAssertEqual(dhe.certificates.count, 1)
        XCTAssertEqual(tls13.protocols.map(\.version), ["TLSv1.3"])
        XCTAssertEqual(tls13.protocols.first?.cipherSuites.map(\.code), ["0x1302"])
        XCTAssertEqual(tls13.groups.map(\.name), ["x25519"])
        XCTAssertTrue(tls13.certificates.isEmpty)
        XCTAssertNil(tls13.secureRenegotiation)
        for e in endpoints { XCTAssertNil(e.error); XCTAssertEqual(e.origin, .capture) }

        // The evidence is the frame carrying the (last segment of the) ServerHello, as tshark numbers it.
        let frames = try PassiveTLSCaptureTests.tshark(pcap, "tls.handshake.type==2", ["frame.number", "ip.src", "ipv6.src"])
        let shFrame = Dictionary(frames.map { (($0[1].isEmpty ? $0[2] : $0[1]), Int($0[0])!) }, uniquingKeysWith: min)
        for e in endpoints { XCTAssertEqual(e.evidence?.packet, shFrame[e.address], e.address) }

        // A full table makes room by ending idle flows: a ClientHello the server never answered
        // holds the only slot until a later handshake arrives more than `idleSeconds` after it.
        let silent = Conversation(client: "10.9.0.2", server: "10.9.0.9", clientPort: 40009, serverPort: 443, hello: ecdheHello, answer: [])
        let idlePcap = dir + "/idle.pcap"
        try Loopback.writePcap(idlePcap, [silent, conversations[0]], interleave: false, secondsPerFrame: 30)
        var limits = PassiveTLSObserver.Limits(); limits.maxFlows = 1; limits.idleSeconds = 60
        let small = PassiveTLSObserver(limits: limits)
        _ = CaptureSession().readFiles([idlePcap], observers: [small])
        XCTAssertEqual(small.stats.incomplete, 1)
        XCTAssertEqual(small.stats.droppedTableFull, 0)
        XCTAssertEqual(small.endpoints().map(\.address), ["10.9.0.1"])
        // Without the idle time, the second handshake finds the table full.
        try Loopback.writePcap(idlePcap, [silent, conversations[0]], interleave: false, secondsPerFrame: 1)
        let busy = PassiveTLSObserver(limits: limits)
        _ = CaptureSession().readFiles([idlePcap], observers: [busy])
        XCTAssertEqual(busy.stats.droppedTableFull, 1)
        XCTAssertTrue(busy.endpoints().isEmpty)
    }
}

enum Loopback {
    /// Starts `openssl s_server` on 127.0.0.1 and a random high port, sends `hello`, returns the answer.
    static func exchange(_ openssl: String, _ arguments: [String], _ hello: [UInt8], dir: String) throws -> [UInt8] {
        for _ in 0..<5 {
            let port = UInt16.random(in: 20_000...60_000)
            let server = try Subprocess.spawn([openssl, "s_server", "-accept", "127.0.0.1:\(port)", "-quiet"] + arguments,
                                              stdout: .discard, stderr: .file(dir + "/server.err"), resetSignals: true)
            defer { _ = server.signal(SIGKILL); _ = server.wait() }
            for _ in 0..<100 where server.isRunning {
                let fd = connectLoopback(port)
                if fd < 0 { usleep(50_000); continue }
                defer { close(fd) }
                var parser = TLSServerFlightParser()
                return TestSupport.Loopback.exchange(fd, send: hello) { parser.feed($0) != .needMore }
            }
        }
        throw XCTSkip("openssl s_server did not start: " + ((try? String(contentsOfFile: dir + "/server.err", encoding: .utf8)) ?? ""))
    }

    static func connectLoopback(_ port: UInt16) -> Int32 { TestSupport.Loopback.connect(port: port) }

    static func addressBytes(_ s: String) -> [UInt8] {
        if s.contains(":") {
            var a = in6_addr()
            _ = inet_pton(AF_INET6, s, &a)
            return withUnsafeBytes(of: &a) { Array($0) }
        }
        return s.split(separator: ".").map { UInt8($0)! }
    }

    static func frame(from: String, to: String, sport: UInt16, dport: UInt16, seq: UInt32, ack: UInt32, flags: UInt8, payload: [UInt8]) -> [UInt8] {
        var tcp: [UInt8] = [UInt8(sport >> 8), UInt8(sport & 0xFF), UInt8(dport >> 8), UInt8(dport & 0xFF)]
        for v in [seq, ack] { tcp += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        tcp += [0x50, flags, 0xFF, 0xFF, 0, 0, 0, 0]
        tcp += payload
        let v6 = from.contains(":")
        var f: [UInt8] = [2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2] + (v6 ? [0x86, 0xDD] : [0x08, 0x00])
        if v6 {
            f += [0x60, 0, 0, 0, UInt8(tcp.count >> 8), UInt8(tcp.count & 0xFF), 6, 64] + addressBytes(from) + addressBytes(to)
        } else {
            let total = 20 + tcp.count
            f += [0x45, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 1, 0x40, 0, 64, 6, 0, 0] + addressBytes(from) + addressBytes(to)
        }
        return f + tcp
    }

    /// Each conversation: SYN, SYN/ACK, the hello, the answer in 600-byte segments (the second
    /// one sent twice). Conversations are interleaved segment by segment.
    static func writePcap(_ path: String, _ conversations: [PassiveTLSLoopbackTests.Conversation], interleave: Bool = true,
                          secondsPerFrame: UInt32 = 0) throws {
        var streams: [[[UInt8]]] = []
        for (i, c) in conversations.enumerated() {
            let cisn = UInt32(1_000_000 * (i + 1)), sisn = UInt32(0xF000_0000) + UInt32(i)   // server seq wraps past 2^32
            var s: [[UInt8]] = []
            s.append(frame(from: c.client, to: c.server, sport: c.clientPort, dport: c.serverPort, seq: cisn, ack: 0, flags: 0x02, payload: []))
            s.append(frame(from: c.server, to: c.client, sport: c.serverPort, dport: c.clientPort, seq: sisn, ack: cisn + 1, flags: 0x12, payload: []))
            s.append(frame(from: c.client, to: c.server, sport: c.clientPort, dport: c.serverPort, seq: cisn + 1, ack: sisn + 1, flags: 0x18, payload: c.hello))
            var off = 0, n = 0
            while off < c.answer.count {
                let chunk = Array(c.answer[off..<min(off + 600, c.answer.count)])
                let f = frame(from: c.server, to: c.client, sport: c.serverPort, dport: c.clientPort, seq: sisn &+ 1 &+ UInt32(off),
                              ack: cisn + 1 + UInt32(c.hello.count), flags: 0x18, payload: chunk)
                s.append(f)
                if n == 1 { s.append(f) }
                off += chunk.count; n += 1
            }
            streams.append(s)
        }
        var frames: [[UInt8]] = interleave ? [] : streams.flatMap { $0 }
        var k = 0
        while interleave, streams.contains(where: { k < $0.count }) {
            for s in streams where k < s.count { frames.append(s[k]) }
            k += 1
        }
        var d: [UInt8] = []
        func le32(_ v: UInt32) { d += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
        le32(0xA1B2_C3D4); d += [2, 0, 4, 0]; le32(0); le32(0); le32(262_144); le32(1)
        for (i, f) in frames.enumerated() { le32(1_700_000_000 + UInt32(i) * secondsPerFrame); le32(UInt32(i)); le32(UInt32(f.count)); le32(UInt32(f.count)); d += f }
        try Data(d).write(to: URL(fileURLWithPath: path))
    }
}
