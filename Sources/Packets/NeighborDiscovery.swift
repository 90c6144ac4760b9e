import NetAddress

/// ICMPv6 Neighbor Discovery (RFC 4861): router/neighbor solicitations and advertisements.
public struct NeighborDiscovery {
    public enum Kind: UInt8, Sendable {
        case routerSolicitation = 133, routerAdvertisement = 134
        case neighborSolicitation = 135, neighborAdvertisement = 136
    }
    public let kind: Kind
    /// NS/NA target address.
    public let target: IPv6Address?
    /// Source link-layer address option (1).
    public let sourceLinkLayer: MACAddress?
    /// Target link-layer address option (2).
    public let targetLinkLayer: MACAddress?
    /// RA router lifetime in seconds (0: not a default router).
    public let routerLifetime: UInt16?

    public init?(_ icmp: ICMPMessage) {
        guard let kind = Kind(rawValue: icmp.type), icmp.code == 0 else { return nil }
        self.kind = kind
        let b = icmp.body
        // Fixed part after the 4-byte ICMP header: RS 4, RA 12, NS/NA 20.
        let fixed: Int
        switch kind {
        case .routerSolicitation: fixed = 4
        case .routerAdvertisement: fixed = 12
        case .neighborSolicitation, .neighborAdvertisement: fixed = 20
        }
        guard b.count >= fixed else { return nil }
        target = fixed == 20 ? IPv6Address(bytes: b, at: 4) : nil
        routerLifetime = kind == .routerAdvertisement ? b.be16(2) : nil
        var sll: MACAddress?
        var tll: MACAddress?
        var offset = fixed
        while offset + 2 <= b.count {
            let type = b[offset]
            let len = Int(b[offset + 1]) * 8
            guard len > 0, offset + len <= b.count else { break }
            if (type == 1 || type == 2) && len >= 8 {
                let mac = MACAddress(bytes: b, at: offset + 2)
                if type == 1 { sll = mac } else { tll = mac }
            }
            offset += len
        }
        sourceLinkLayer = sll
        targetLinkLayer = tll
    }
}
