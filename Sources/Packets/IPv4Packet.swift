import NetAddress

/// An IPv4 header; `payload` is trimmed to the total length (Ethernet pads short frames).
public struct IPv4Packet {
    public let source: IPv4Address
    public let destination: IPv4Address
    public let `protocol`: UInt8
    public let ttl: UInt8
    /// True when this is the first (or only) fragment, so a transport header follows.
    public let isFirstFragment: Bool
    public let payload: UnsafeRawBufferPointer

    @inlinable
    public init?(_ p: UnsafeRawBufferPointer) {
        guard p.count >= 20, p[0] >> 4 == 4 else { return nil }
        let ihl = Int(p[0] & 0x0F) * 4
        let total = Int(p.be16(2))
        guard ihl >= 20, total >= ihl, p.count >= ihl else { return nil }
        // A capture may be snapped shorter than the total length: use what we have.
        let end = min(total, p.count)
        guard let body = p.view(ihl, end - ihl) else { return nil }
        source = IPv4Address(bytes: p, at: 12)
        destination = IPv4Address(bytes: p, at: 16)
        `protocol` = p[9]
        ttl = p[8]
        isFirstFragment = p.be16(6) & 0x1FFF == 0
        payload = body
    }
}

/// IP protocol numbers netaudit dispatches on.
public enum IPProtocol {
    public static let icmp: UInt8 = 1
    public static let tcp: UInt8 = 6
    public static let udp: UInt8 = 17
    public static let icmpv6: UInt8 = 58
}
