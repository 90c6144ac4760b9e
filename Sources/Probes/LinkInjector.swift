/// Raw frame injection through libpcap (`pcap_inject`) and the interface's own addresses.
/// Capture stays read-only: this is the only place in netaudit that writes frames to a link.
import CPcap
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

/// A libpcap handle used only to send. Owns the `pcap_t`.
public final class LinkInjector {
    private let handle: OpaquePointer
    public let interface: String

    public init(interface: String) throws {
        var errbuf = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        guard let h = pcap_create(interface, &errbuf) else {
            throw ProbeError("\(interface): \(String(decoding: errbuf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))")
        }
        pcap_set_snaplen(h, 128)
        pcap_set_promisc(h, 0)
        // Nothing is read from this handle; only ARP frames would be queued anyway.
        let status = pcap_activate(h)
        if status < 0 {
            let detail = String(cString: pcap_geterr(h))
            pcap_close(h)
            throw ProbeError("\(interface): cannot open for sending: \(detail)")
        }
        _ = pcap_setdirection(h, PCAP_D_OUT)
        handle = h
        self.interface = interface
    }

    deinit { pcap_close(handle) }

    /// Sends one complete link-layer frame.
    public func send(_ frame: [UInt8]) throws {
        let sent = frame.withUnsafeBytes { pcap_inject(handle, $0.baseAddress, $0.count) }
        if sent < 0 { throw ProbeError("\(interface): pcap_inject: \(String(cString: pcap_geterr(handle)))") }
    }
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
