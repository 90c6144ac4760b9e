/// A UDP header; `payload` is trimmed to the UDP length.
public struct UDPDatagram {
    public let sourcePort: UInt16
    public let destinationPort: UInt16
    public let payload: UnsafeRawBufferPointer

    @inlinable
    public init?(_ p: UnsafeRawBufferPointer) {
        guard p.count >= 8 else { return nil }
        let length = Int(p.be16(4))
        // Length 0 is legal for jumbograms; otherwise trust the smaller of length and capture.
        let end = length >= 8 ? min(length, p.count) : p.count
        guard let body = p.view(8, end - 8) else { return nil }
        sourcePort = p.be16(0)
        destinationPort = p.be16(2)
        payload = body
    }

    public func hasPort(_ port: UInt16) -> Bool { sourcePort == port || destinationPort == port }
}

/// A TCP header.
public struct TCPSegment {
    public let sourcePort: UInt16
    public let destinationPort: UInt16
    public let sequence: UInt32
    public let flags: UInt8
    public let payload: UnsafeRawBufferPointer

    @inlinable
    public init?(_ p: UnsafeRawBufferPointer) {
        guard p.count >= 20 else { return nil }
        let dataOffset = Int(p[12] >> 4) * 4
        guard dataOffset >= 20, let body = p.tail(dataOffset) else { return nil }
        sourcePort = p.be16(0)
        destinationPort = p.be16(2)
        sequence = p.be32(4)
        flags = p[13]
        payload = body
    }

    public var isSYN: Bool { flags & 0x02 != 0 }
    public var isACK: Bool { flags & 0x10 != 0 }
    public var isRST: Bool { flags & 0x04 != 0 }
}

/// An ICMP (v4 or v6) message: type, code and body after the 4-byte header.
public struct ICMPMessage {
    public let type: UInt8
    public let code: UInt8
    public let body: UnsafeRawBufferPointer

    @inlinable
    public init?(_ p: UnsafeRawBufferPointer) {
        guard p.count >= 4, let body = p.tail(4) else { return nil }
        type = p[0]
        code = p[1]
        self.body = body
    }
}
