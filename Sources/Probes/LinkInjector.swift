/// Raw frame injection through libpcap (`pcap_inject`) and the interface's own addresses.
/// Capture stays read-only: this is the only place in netaudit that writes frames to a link.
import Glibc
import NetAddress

public struct ProbeError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The MAC and first IPv4 address of a local interface (from getifaddrs).
public struct InterfaceAddresses: Sendable, Equatable {
    public var name: String
    public var mac: MACAddress
    public var ipv4: IPv4Address
    public var network: IPv4Network?

    public static func lookup(_ name: String) throws -> InterfaceAddresses {
        var head: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&head) == 0, let first = head else { throw ProbeError("getifaddrs: \(String(cString: strerror(errno)))") }
        defer { freeifaddrs(head) }
        var mac: MACAddress?
        var ip: IPv4Address?
        var net: IPv4Network?
        var p: UnsafeMutablePointer<ifaddrs>? = first
        while let cur = p {
            defer { p = cur.pointee.ifa_next }
            guard String(cString: cur.pointee.ifa_name) == name, let sa = cur.pointee.ifa_addr else { continue }
            switch Int32(sa.pointee.sa_family) {
            case AF_PACKET:
                // struct sockaddr_ll (not imported by Glibc): the hardware address starts at byte 12, its length at 11.
                let raw = UnsafeRawPointer(sa)
                if raw.load(fromByteOffset: 11, as: UInt8.self) == 6 {
                    mac = MACAddress(bytes: UnsafeRawBufferPointer(start: raw + 12, count: 6), at: 0)
                }
            case AF_INET where ip == nil:
                let raw = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt32(bigEndian: $0.pointee.sin_addr.s_addr) }
                ip = IPv4Address(rawValue: raw)
                if let m = cur.pointee.ifa_netmask {
                    let mask = m.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt32(bigEndian: $0.pointee.sin_addr.s_addr) }
                    net = IPv4Network(network: IPv4Address(rawValue: raw & mask), prefixLength: mask.nonzeroBitCount)
                }
            default: break
            }
        }
        guard let mac else { throw ProbeError("\(name): no such Ethernet interface") }
        guard let ip else { throw ProbeError("\(name): has no IPv4 address (the ARP sweep needs one as sender)") }
        return InterfaceAddresses(name: name, mac: mac, ipv4: ip, network: net)
    }
}

/// An AF_PACKET socket bound to one interface: sends complete Ethernet frames and, when opened
/// for an EtherType, receives the frames of that type (both directions; callers filter).
/// Opening one costs a socket and a bind (no libpcap ring buffer to map and unmap), which is most of
/// what made the sweep's start-up slow. Needs CAP_NET_RAW; keep it open across a privilege drop.
public final class PacketSocket: Sendable {
    public let fd: Int32
    public let interface: String
    public let ifindex: Int32

    /// - Parameter etherType: frames of this type are queued for `receive` (0: send only, nothing queued).
    public init(interface: String, etherType: UInt16 = 0, receiveBuffer: Int = 0) throws {
        let index = Int32(bitPattern: if_nametoindex(interface))
        guard index > 0 else { throw ProbeError("\(interface): no such interface") }
        let s = socket(AF_PACKET, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), Int32(etherType.bigEndian))
        guard s >= 0 else { throw ProbeError("\(interface): cannot open a packet socket: \(String(cString: strerror(errno))) (needs root or CAP_NET_RAW)") }
        if receiveBuffer > 0 {
            var size = Int32(receiveBuffer)
            if setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &size, 4) != 0 { _ = setsockopt(s, SOL_SOCKET, SO_RCVBUF, &size, 4) }
        }
        // PACKET_QDISC_BYPASS (SOL_PACKET 263, option 20): frames go straight to the driver; probes are
        // paced by the rate limiter, not by a queue. Best effort (older kernels lack it).
        var one: Int32 = 1
        _ = setsockopt(s, 263, 20, &one, 4)
        var sll = PacketSocket.address(ifindex: index, protocol: etherType)
        let rc = sll.withUnsafeMutableBytes { bind(s, $0.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t($0.count)) }
        guard rc == 0 else {
            let e = String(cString: strerror(errno)); close(s)
            throw ProbeError("\(interface): cannot bind a packet socket: \(e)")
        }
        fd = s; self.interface = interface; ifindex = index
    }

    deinit { close(fd) }

    /// struct sockaddr_ll (not imported by Glibc): family, protocol (network order), ifindex, hatype, pkttype, halen, addr[8].
    static func address(ifindex: Int32, protocol proto: UInt16) -> [UInt8] {
        var a = [UInt8](repeating: 0, count: 20)
        let family = UInt16(AF_PACKET)
        a[0] = UInt8(family & 0xFF); a[1] = UInt8(family >> 8)
        a[2] = UInt8(proto >> 8); a[3] = UInt8(proto & 0xFF)
        withUnsafeBytes(of: ifindex) { for i in 0..<4 { a[4 + i] = $0[i] } }
        return a
    }

    /// Sends one complete link-layer frame; waits briefly and retries while the device queue is full.
    public func send(_ frame: UnsafeRawBufferPointer) throws {
        var spins = 0
        while Glibc.send(fd, frame.baseAddress, frame.count, 0) < 0 {
            let e = errno
            if (e == ENOBUFS || e == EAGAIN || e == EINTR) && spins < 1000 {
                spins += 1
                var ts = timespec(tv_sec: 0, tv_nsec: 50_000)
                nanosleep(&ts, nil)
                continue
            }
            throw ProbeError("\(interface): send: \(String(cString: strerror(e)))")
        }
    }

    public func send(_ frame: [UInt8]) throws { try frame.withUnsafeBytes { try send($0) } }

    /// Waits up to `timeoutMilliseconds` for a frame; returns its length (0 on timeout). Frames include
    /// the Ethernet header. `outgoing` is set when the frame was one this host sent.
    public func receive(into buffer: UnsafeMutableRawBufferPointer, timeoutMilliseconds: Int32, outgoing: inout Bool) -> Int {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        if timeoutMilliseconds != 0 { guard poll(&p, 1, timeoutMilliseconds) > 0 else { return 0 } }
        var from = [UInt8](repeating: 0, count: 20)
        var len = socklen_t(20)
        let n = from.withUnsafeMutableBytes { f in
            recvfrom(fd, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT), f.baseAddress!.assumingMemoryBound(to: sockaddr.self), &len)
        }
        outgoing = from[10] == 4   // PACKET_OUTGOING
        return max(0, n)
    }
}

/// Frame injection on one interface (an AF_PACKET socket, send only). This is the only place in
/// netaudit that writes frames to a link, with `TCPSynScan`'s raw socket.
public final class LinkInjector {
    public let socket: PacketSocket
    public var interface: String { socket.interface }

    public init(interface: String) throws { socket = try PacketSocket(interface: interface) }

    /// Sends one complete link-layer frame.
    public func send(_ frame: [UInt8]) throws { try socket.send(frame) }
}

public enum ARPFrame {
    /// A broadcast who-has request for `target`, padded to the 60-byte Ethernet minimum.
    public static func request(from mac: MACAddress, ip: IPv4Address, for target: IPv4Address) -> [UInt8] {
        var f = [UInt8](repeating: 0, count: 60)
        for i in 0..<6 { f[i] = 0xFF; f[6 + i] = mac.byte(i); f[22 + i] = mac.byte(i) }
        f[12] = 0x08; f[13] = 0x06
        f[14] = 0; f[15] = 1; f[16] = 0x08; f[17] = 0; f[18] = 6; f[19] = 4; f[20] = 0; f[21] = 1
        for i in 0..<4 {
            f[28 + i] = UInt8(truncatingIfNeeded: ip.rawValue >> UInt32(24 - 8 * i))
            f[38 + i] = UInt8(truncatingIfNeeded: target.rawValue >> UInt32(24 - 8 * i))
        }
        return f
    }
}
