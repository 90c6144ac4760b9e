/// Host discovery for routed targets (not on a directly connected subnet, so ARP cannot reach them):
/// an ICMP echo request, a TCP SYN to 443 and a TCP ACK to 80 (nmap's default -PE -PS443 -PA80),
/// through raw sockets the kernel routes (it adds the IP header and picks the next hop). Any echo reply,
/// SYN-ACK or RST from the target means it is up. One rate-limiter token per packet; one retry round
/// for the silent.
import Capture
import Foundation
import Glibc
import NetAddress

public struct RoutedPingReply: Sendable, Hashable {
    public var ip: IPv4Address
    /// `icmp-echo`, `tcp-syn-443` or `tcp-ack-80`: the first probe that got an answer.
    public var method: String
    /// The answer's IP TTL (hints at the hop count).
    public var ttl: Int
    public var rtt: UInt64
}

public struct RoutedPingResult: Sendable {
    public var replies: [RoutedPingReply]
    public var probesSent: Int
    public var elapsedSeconds: Double
}

public final class RoutedPing {
    public let scope: ScanScope
    public let limiter: RateLimiter
    public var retries = 1
    public static let defaultRetries = 1
    /// Wait after a round before any reply (then 2x the slowest RTT, 50 ms–1 s).
    public var initialWait = 0.5

    private var sockets: (icmp: Int32, tcp: Int32)?

    public init(scope: ScanScope, limiter: RateLimiter) { self.scope = scope; self.limiter = limiter }

    deinit { if let s = sockets { close(s.icmp); close(s.tcp) } }

    /// Opens the raw ICMP and TCP sockets (needs CAP_NET_RAW); call before dropping privileges.
    public func open() throws {
        if sockets != nil { return }
        let flags = Int32(SOCK_RAW.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let icmp = socket(AF_INET, flags, Int32(IPPROTO_ICMP))
        let tcp = socket(AF_INET, flags, Int32(IPPROTO_TCP))
        guard icmp >= 0, tcp >= 0 else {
            let e = String(cString: strerror(errno))
            if icmp >= 0 { close(icmp) }
            if tcp >= 0 { close(tcp) }
            throw ProbeError("raw socket: \(e) (routed pings need root or CAP_NET_RAW)")
        }
        sockets = (icmp, tcp)
    }

    /// The source address the kernel would use towards `ip` (a connected UDP socket; nothing is sent).
    static func sourceAddress(to ip: IPv4Address) -> UInt32? {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET); sa.sin_port = UInt16(9).bigEndian; sa.sin_addr.s_addr = ip.rawValue.bigEndian
        let rc = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else { return nil }
        var local = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return UInt32(bigEndian: local.sin_addr.s_addr)
    }

    static func checksum(_ b: [UInt8], initial: UInt32 = 0) -> UInt16 {
        var sum = initial
        var i = 0
        while i + 1 < b.count { sum &+= UInt32(b[i]) << 8 | UInt32(b[i + 1]); i += 2 }
        if i < b.count { sum &+= UInt32(b[i]) << 8 }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) &+ (sum >> 16) }
        return ~UInt16(truncatingIfNeeded: sum)
    }

    static func echoRequest(id: UInt16, seq: UInt16) -> [UInt8] {
        var m: [UInt8] = [8, 0, 0, 0, UInt8(id >> 8), UInt8(id & 0xFF), UInt8(seq >> 8), UInt8(seq & 0xFF)] + Array("netaudit".utf8)
        let c = checksum(m)
        m[2] = UInt8(c >> 8); m[3] = UInt8(c & 0xFF)
        return m
    }

    static func tcpSegment(src: UInt32, dst: UInt32, srcPort: UInt16, dstPort: UInt16, seq: UInt32, ack: UInt32, flags: UInt8) -> [UInt8] {
        var t = [UInt8](repeating: 0, count: 20)
        t[0] = UInt8(srcPort >> 8); t[1] = UInt8(srcPort & 0xFF); t[2] = UInt8(dstPort >> 8); t[3] = UInt8(dstPort & 0xFF)
        for i in 0..<4 {
            t[4 + i] = UInt8(truncatingIfNeeded: seq >> UInt32(24 - 8 * i))
            t[8 + i] = UInt8(truncatingIfNeeded: ack >> UInt32(24 - 8 * i))
        }
        t[12] = 5 << 4; t[13] = flags; t[14] = 0x04; t[15] = 0x00
        var pseudo = (src >> 16) &+ (src & 0xFFFF) &+ (dst >> 16) &+ (dst & 0xFFFF) &+ 6 &+ 20
        while pseudo >> 16 != 0 { pseudo = (pseudo & 0xFFFF) &+ (pseudo >> 16) }
        let c = checksum(t, initial: pseudo)
        t[16] = UInt8(c >> 8); t[17] = UInt8(c & 0xFF)
        return t
    }

    public func run(hosts: [IPv4Address], stop: StopSignal? = nil) throws -> RoutedPingResult {
        for h in hosts where !scope.contains(h) { throw ProbeError("\(h) is outside the scan scope") }
        let started = Monotonic.now()
        if hosts.isEmpty { return RoutedPingResult(replies: [], probesSent: 0, elapsedSeconds: 0) }
        try open()
        let (icmp, tcp) = sockets!
        var rnd = SystemRandomNumberGenerator()
        let id = UInt16.random(in: 1...0xFFFF, using: &rnd)
        let srcPort = UInt16(61_000 + Int(UInt16.random(in: 0...3999, using: &rnd)))
        let index = Dictionary(uniqueKeysWithValues: hosts.enumerated().map { ($1.rawValue, $0) })
        var sentAt = [UInt64](repeating: 0, count: hosts.count)
        var found: [Int: RoutedPingReply] = [:]
        var maxRTT: UInt64?
        var lastReply: UInt64 = 0
        var buffer = [UInt8](repeating: 0, count: 2048)
        var sources: [UInt32: UInt32] = [:]
        var sent = 0

        func sendTo(_ fd: Int32, _ ip: IPv4Address, _ bytes: [UInt8]) {
            var sa = sockaddr_in()
            sa.sin_family = sa_family_t(AF_INET); sa.sin_addr.s_addr = ip.rawValue.bigEndian
            _ = bytes.withUnsafeBytes { b in
                withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, b.baseAddress, b.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            }
            sent += 1
        }

        func drain() {
            for (fd, isICMP) in [(icmp, true), (tcp, false)] {
                while true {
                    let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                    if n <= 0 { break }
                    guard n >= 28, buffer[0] >> 4 == 4 else { continue }
                    let ihl = Int(buffer[0] & 0x0F) * 4
                    let src = UInt32(buffer[12]) << 24 | UInt32(buffer[13]) << 16 | UInt32(buffer[14]) << 8 | UInt32(buffer[15])
                    guard let i = index[src], found[i] == nil, n >= ihl + 8 else { continue }
                    var method: String?
                    if isICMP {
                        if buffer[ihl] == 0, UInt16(buffer[ihl + 4]) << 8 | UInt16(buffer[ihl + 5]) == id { method = "icmp-echo" }
                    } else if n >= ihl + 20, UInt16(buffer[ihl + 2]) << 8 | UInt16(buffer[ihl + 3]) == srcPort {
                        let sport = UInt16(buffer[ihl]) << 8 | UInt16(buffer[ihl + 1])
                        if buffer[ihl + 13] & 0x16 != 0 { method = sport == 443 ? "tcp-syn-443" : "tcp-ack-80" }
                    }
                    guard let method else { continue }
                    let now = Monotonic.now()
                    found[i] = RoutedPingReply(ip: hosts[i], method: method, ttl: Int(buffer[8]), rtt: now &- sentAt[i])
                    maxRTT = max(maxRTT ?? 0, now &- sentAt[i])
                    lastReply = now
                }
            }
        }

        var pfds = [pollfd(fd: icmp, events: Int16(POLLIN), revents: 0), pollfd(fd: tcp, events: Int16(POLLIN), revents: 0)]
        for round in 0...retries {
            if stop?.isStopped == true { break }
            for (i, h) in hosts.enumerated() where found[i] == nil {
                if stop?.isStopped == true { break }
                precondition(scope.contains(h), "routed ping addressed \(h) outside its scope")
                guard let src = sources[h.rawValue] ?? RoutedPing.sourceAddress(to: h) else { continue }
                sources[h.rawValue] = src
                sentAt[i] = Monotonic.now()
                limiter.acquire(); sendTo(icmp, h, RoutedPing.echoRequest(id: id, seq: UInt16(truncatingIfNeeded: i * 2 + round)))
                let cookie = UInt32(truncatingIfNeeded: (UInt64(h.rawValue) &* 0x9E37_79B9_7F4A_7C15) >> 32)
                limiter.acquire(); sendTo(tcp, h, RoutedPing.tcpSegment(src: src, dst: h.rawValue, srcPort: srcPort, dstPort: 443, seq: cookie, ack: 0, flags: 0x02))
                limiter.acquire(); sendTo(tcp, h, RoutedPing.tcpSegment(src: src, dst: h.rawValue, srcPort: srcPort, dstPort: 80, seq: cookie, ack: cookie &+ 1, flags: 0x10))
                drain()
            }
            let lastSent = Monotonic.now()
            while found.count < hosts.count, stop?.isStopped != true {
                drain()
                let wait = UInt64((maxRTT.map { min(1.0, max(0.05, 2 * Double($0) / 1e9)) } ?? initialWait) * 1e9)
                let now = Monotonic.now()
                if now &- max(lastSent, lastReply) >= wait { break }
                _ = poll(&pfds, 2, 5)
            }
        }
        drain()
        let replies = found.values.sorted { $0.ip < $1.ip }
        return RoutedPingResult(replies: replies, probesSent: sent, elapsedSeconds: Double(Monotonic.now() - started) / 1e9)
    }
}
