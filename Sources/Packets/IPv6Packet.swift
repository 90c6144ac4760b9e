import NetAddress

/// An IPv6 header with the common extension headers (hop-by-hop, routing,
/// fragment, destination options, AH) skipped to reach the upper-layer protocol.
public struct IPv6Packet {
    public let source: IPv6Address
    public let destination: IPv6Address
    /// Upper-layer protocol after extension headers (59 = no next header).
    public let `protocol`: UInt8
    public let hopLimit: UInt8
    public let isFirstFragment: Bool
    public let payload: UnsafeRawBufferPointer

    @inlinable
    public init?(_ p: UnsafeRawBufferPointer) {
        guard p.count >= 40, p[0] >> 4 == 6 else { return nil }
        let payloadLength = Int(p.be16(4))
        let end = min(40 + payloadLength, p.count)
        var next = p[6]
        var offset = 40
        var firstFragment = true
        var hops = 0
        loop: while hops < 16 {
            hops += 1
            switch next {
            case 0, 43, 60:   // hop-by-hop, routing, destination options: (len + 1) * 8 bytes
                guard offset + 2 <= end else { return nil }
                let len = (Int(p[offset + 1]) + 1) * 8
                next = p[offset]
                offset += len
            case 44:          // fragment: 8 bytes; only the first fragment has the upper header
                guard offset + 8 <= end else { return nil }
                next = p[offset]
                firstFragment = p.be16(offset + 2) & 0xFFF8 == 0
                offset += 8
            case 51:          // authentication header: (len + 2) * 4 bytes
                guard offset + 2 <= end else { return nil }
                let len = (Int(p[offset + 1]) + 2) * 4
                next = p[offset]
                offset += len
            default:
                break loop
            }
            guard offset <= end else { return nil }
        }
        guard let body = p.view(offset, end - offset) else { return nil }
        source = IPv6Address(bytes: p, at: 8)
        destination = IPv6Address(bytes: p, at: 24)
        `protocol` = next
        hopLimit = p[7]
        isFirstFragment = firstFragment
        payload = body
    }
}
