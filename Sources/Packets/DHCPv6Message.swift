/// A DHCPv6 client/server message (RFC 8415); relay messages are unwrapped.
public struct DHCPv6Message {
    public let messageType: UInt8
    /// Option 1: the client's DUID.
    public private(set) var clientDUID: UnsafeRawBufferPointer?
    /// Option 39: the client FQDN (flags byte + DNS wire name).
    public private(set) var clientFQDN: UnsafeRawBufferPointer?
    /// Option 16: vendor class (enterprise number + length-prefixed strings).
    public private(set) var vendorClass: UnsafeRawBufferPointer?

    public enum MessageType {
        public static let solicit: UInt8 = 1, advertise: UInt8 = 2, request: UInt8 = 3, confirm: UInt8 = 4
        public static let renew: UInt8 = 5, rebind: UInt8 = 6, reply: UInt8 = 7, release: UInt8 = 8
        public static let decline: UInt8 = 9, reconfigure: UInt8 = 10, informationRequest: UInt8 = 11
        public static let relayForward: UInt8 = 12, relayReply: UInt8 = 13
    }

    public init?(_ p: UnsafeRawBufferPointer) {
        var body = p
        var depth = 0
        // Relay-forward/reply: hop count, link and peer addresses, then options incl. the relayed message (9).
        while body.count >= 1, body[0] == 12 || body[0] == 13 {
            guard depth < 8, body.count >= 34, let opts = body.tail(34) else { return nil }
            var inner: UnsafeRawBufferPointer?
            DHCPv6Message.forEachOption(opts) { code, value in if code == 9 { inner = value } }
            guard let relayed = inner else { return nil }
            body = relayed
            depth += 1
        }
        guard body.count >= 4, let opts = body.tail(4) else { return nil }
        messageType = body[0]
        var duid: UnsafeRawBufferPointer?
        var fqdn: UnsafeRawBufferPointer?
        var vendor: UnsafeRawBufferPointer?
        DHCPv6Message.forEachOption(opts) { code, value in
            switch code {
            case 1: duid = value
            case 39: fqdn = value
            case 16: vendor = value
            default: break
            }
        }
        clientDUID = duid
        clientFQDN = fqdn
        vendorClass = vendor
    }

    static func forEachOption(_ p: UnsafeRawBufferPointer, _ body: (UInt16, UnsafeRawBufferPointer) -> Void) {
        var offset = 0
        while offset + 4 <= p.count {
            let code = p.be16(offset)
            let len = Int(p.be16(offset + 2))
            guard let value = p.view(offset + 4, len) else { return }
            body(code, value)
            offset += 4 + len
        }
    }

    public var isFromClient: Bool {
        switch messageType {
        case 1, 3, 4, 5, 6, 8, 9, 11: true
        default: false
        }
    }

    public var fqdnName: String? {
        guard let v = clientFQDN, v.count > 1, let name = v.tail(1) else { return nil }
        return DNSName.decodeUncompressed(name)
    }

    /// "enterprise-number:data" with the data strings joined by spaces.
    public var vendorClassText: String? {
        guard let v = vendorClass, v.count >= 4 else { return nil }
        let enterprise = v.be32(0)
        var parts: [String] = []
        var offset = 4
        while offset + 2 <= v.count {
            let len = Int(v.be16(offset))
            guard let s = v.view(offset + 2, len) else { break }
            parts.append(WireText.make(s))
            offset += 2 + len
        }
        return "\(enterprise):" + parts.joined(separator: " ")
    }
}
