/// IPv6 neighbour discovery on the directly connected link: an ICMPv6 echo request to the all-nodes
/// multicast group ff02::1 (link scope: never routed) from each of the interface's usable source
/// addresses (its link-local one, and any in fc00::/7 or 2001:2::/48), retried once; every echo reply
/// names a neighbour (source address) and its MAC (the frame's source). Frames go out and come back on
/// one AF_PACKET socket bound to EtherType 0x86DD. Replies from outside link-local, unique-local
/// (fc00::/7) and benchmarking (2001:2::/48) space are ignored unless `allowPublic`.
///
/// Hosts that ignore multicast echo (Windows by default) are not found this way; the passive observer
/// still binds their addresses from their own neighbour discovery traffic.
import Capture
import Foundation
import Glibc
import NetAddress
import Synchronization

public struct NDPReply: Sendable, Hashable {
    public var ip: IPv6Address
    public var mac: MACAddress
    /// CLOCK_REALTIME of the first reply, nanoseconds.
    public var timestamp: Int64
}

public struct NDPSweepResult: Sendable {
    public var replies: [NDPReply]
    public var requestsSent: Int
    public var sources: [IPv6Address]
    public var elapsedSeconds: Double
}

public enum IPv6Ranges {
    public static func isLinkLocal(_ a: IPv6Address) -> Bool { a.high >> 54 == 0x3FA }             // fe80::/10
    public static func isUniqueLocal(_ a: IPv6Address) -> Bool { a.high >> 57 == 0x7E }           // fc00::/7
    public static func isBenchmarking(_ a: IPv6Address) -> Bool { a.high >> 16 == 0x2001_0002_0000 }   // 2001:2::/48
    /// Addresses a sweep may learn without --allow-public.
    public static func isNonPublic(_ a: IPv6Address) -> Bool { isLinkLocal(a) || isUniqueLocal(a) || isBenchmarking(a) }
}

public final class NDPSweep {
    public let interface: String
    public let limiter: RateLimiter
    public var allowPublic = false
    /// Extra rounds (each round: one echo per source address).
    public var retries = 1
    /// Quiet period after the last request or reply before a round ends.
    public var quietWait = 0.15

    private var opened: (mac: MACAddress, sources: [IPv6Address], socket: PacketSocket)?

    public init(interface: String, limiter: RateLimiter) { self.interface = interface; self.limiter = limiter }

    /// The interface's IPv6 addresses usable as echo sources: link-local first, then non-public ones.
    static func sourceAddresses(_ name: String, allowPublic: Bool) -> [IPv6Address] {
        var head: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&head) == 0, let first = head else { return [] }
        defer { freeifaddrs(head) }
        var out: [IPv6Address] = []
        var p: UnsafeMutablePointer<ifaddrs>? = first
        while let cur = p {
            defer { p = cur.pointee.ifa_next }
            guard String(cString: cur.pointee.ifa_name) == name, let sa = cur.pointee.ifa_addr, Int32(sa.pointee.sa_family) == AF_INET6 else { continue }
            // struct sockaddr_in6: family, port, flowinfo, then the 16-byte address at offset 8.
            let a = IPv6Address(bytes: UnsafeRawBufferPointer(start: UnsafeRawPointer(sa) + 8, count: 16), at: 0)
            if IPv6Ranges.isLinkLocal(a) || allowPublic || IPv6Ranges.isNonPublic(a) { out.append(a) }
        }
        return out.sorted { (IPv6Ranges.isLinkLocal($0) ? 0 : 1, $0) < (IPv6Ranges.isLinkLocal($1) ? 0 : 1, $1) }
    }

    /// Opens the AF_PACKET socket (needs CAP_NET_RAW); call before dropping privileges.
    public func open() throws {
        if opened != nil { return }
        let me = try InterfaceAddresses.lookup(interface)
        let sources = NDPSweep.sourceAddresses(interface, allowPublic: allowPublic)
        guard !sources.isEmpty else { throw ProbeError("\(interface): no IPv6 address (IPv6 disabled?); the neighbour sweep needs a link-local one") }
        opened = (me.mac, sources, try PacketSocket(interface: interface, etherType: 0x86DD, receiveBuffer: 4 << 20))
    }

    static let allNodes = IPv6Address(high: 0xFF02_0000_0000_0000, low: 1)

    /// An Ethernet frame carrying an ICMPv6 echo request from `src` to ff02::1 (70 bytes).
    public static func echoFrame(mac: MACAddress, src: IPv6Address, id: UInt16, seq: UInt16) -> [UInt8] {
        var f = [UInt8](repeating: 0, count: 70)
        f[0] = 0x33; f[1] = 0x33; f[2] = 0; f[3] = 0; f[4] = 0; f[5] = 1
        for i in 0..<6 { f[6 + i] = mac.byte(i) }
        f[12] = 0x86; f[13] = 0xDD
        f[14] = 0x60
        f[18] = 0; f[19] = 16          // payload length: ICMPv6 8 + data 8
        f[20] = 58; f[21] = 255        // next header ICMPv6, hop limit
        func put(_ a: IPv6Address, _ at: Int) {
            for i in 0..<8 { f[at + i] = UInt8(truncatingIfNeeded: a.high >> UInt64(56 - 8 * i)) }
            for i in 0..<8 { f[at + 8 + i] = UInt8(truncatingIfNeeded: a.low >> UInt64(56 - 8 * i)) }
        }
        put(src, 22); put(allNodes, 38)
        f[54] = 128; f[55] = 0
        f[58] = UInt8(id >> 8); f[59] = UInt8(id & 0xFF); f[60] = UInt8(seq >> 8); f[61] = UInt8(seq & 0xFF)
        for i in 0..<8 { f[62 + i] = UInt8(0x6E + i) }   // "netaudit"-ish payload
        // Checksum over the pseudo-header (src, dst, length 16, next header 58) and the message.
        var sum: UInt32 = 0
        var i = 22
        while i < 54 { sum &+= UInt32(f[i]) << 8 | UInt32(f[i + 1]); i += 2 }
        sum &+= 16 &+ 58
        i = 54
        while i < 70 { sum &+= UInt32(f[i]) << 8 | UInt32(f[i + 1]); i += 2 }
        while sum >> 16 != 0 { sum = (sum & 0xFFFF) &+ (sum >> 16) }
        let c = ~UInt16(truncatingIfNeeded: sum)
        f[56] = UInt8(c >> 8); f[57] = UInt8(c & 0xFF)
        return f
    }

    public func run(stop: StopSignal? = nil) throws -> NDPSweepResult {
        try open()
        let (mac, sources, socket) = opened!
        defer { opened = nil }
        let started = Monotonic.now()
        let id = UInt16.random(in: 1...0xFFFF)
        let allowPublic = self.allowPublic
        let found = Mutex<[IPv6Address: NDPReply]>([:])
        let lastReply = Atomic<UInt64>(0)
        let done = StopSignal()
        let finished = DispatchSemaphore(value: 0)
        Thread {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2048, alignment: 8)
            defer { buffer.deallocate(); finished.signal() }
            var outgoing = false
            while !done.isStopped {
                let n = socket.receive(into: buffer, timeoutMilliseconds: 5, outgoing: &outgoing)
                guard n >= 62, !outgoing, buffer[12] == 0x86, buffer[13] == 0xDD, buffer[14] >> 4 == 6, buffer[20] == 58,
                      buffer[54] == 129, UInt16(buffer[58]) << 8 | UInt16(buffer[59]) == id else { continue }
                let ip = IPv6Address(bytes: UnsafeRawBufferPointer(buffer), at: 22)
                let from = MACAddress(bytes: UnsafeRawBufferPointer(buffer), at: 6)
                guard allowPublic || IPv6Ranges.isNonPublic(ip), !sources.contains(ip) else { continue }
                var ts = timespec()
                clock_gettime(CLOCK_REALTIME, &ts)
                let wall = Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
                found.withLock { if $0[ip] == nil { $0[ip] = NDPReply(ip: ip, mac: from, timestamp: wall) } }
                lastReply.store(Monotonic.now(), ordering: .relaxed)
            }
        }.start()
        defer { done.stop(); finished.wait() }

        var sent = 0
        for round in 0...retries {
            if stop?.isStopped == true { break }
            for (k, src) in sources.enumerated() {
                limiter.acquire()
                try socket.send(NDPSweep.echoFrame(mac: mac, src: src, id: id, seq: UInt16(round * 16 + k)))
                sent += 1
            }
            let lastSent = Monotonic.now()
            let quiet = UInt64(quietWait * 1e9)
            while stop?.isStopped != true {
                let idle = max(lastSent, lastReply.load(ordering: .relaxed))
                let now = Monotonic.now()
                if now &- idle >= quiet { break }
                RateLimiter.sleep(seconds: 0.005)
            }
        }
        let replies = found.withLock { $0.values.sorted { ($0.mac, $0.ip) < ($1.mac, $1.ip) } }
        return NDPSweepResult(replies: replies, requestsSent: sent, sources: sources, elapsedSeconds: Double(Monotonic.now() - started) / 1e9)
    }
}
