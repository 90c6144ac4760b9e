import NetAddress

/// A DHCPv4/BOOTP message (RFC 2131) with the options netaudit uses located in one pass.
public struct DHCPv4Message {
    public let op: UInt8
    public let clientIP: IPv4Address      // ciaddr
    public let yourIP: IPv4Address        // yiaddr
    public let relayIP: IPv4Address       // giaddr
    /// chaddr when the hardware type is Ethernet with 6-byte addresses.
    public let clientMAC: MACAddress?
    /// Option 53.
    public private(set) var messageType: UInt8?
    /// Option 12.
    public private(set) var hostName: UnsafeRawBufferPointer?
    /// Option 50.
    public private(set) var requestedIP: IPv4Address?
    /// Option 54.
    public private(set) var serverIdentifier: IPv4Address?
    /// Option 55.
    public private(set) var parameterRequestList: UnsafeRawBufferPointer?
    /// Option 60.
    public private(set) var vendorClass: UnsafeRawBufferPointer?
    /// Option 61.
    public private(set) var clientIdentifier: UnsafeRawBufferPointer?
    /// Option 81 (flags, two rcodes, then the name).
    public private(set) var clientFQDN: UnsafeRawBufferPointer?
    /// True when the option list ran past the packet or lacked its end marker.
    public private(set) var truncatedOptions = false

    public enum MessageType {
        public static let discover: UInt8 = 1, offer: UInt8 = 2, request: UInt8 = 3, decline: UInt8 = 4
        public static let ack: UInt8 = 5, nak: UInt8 = 6, release: UInt8 = 7, inform: UInt8 = 8
    }

    public init?(_ p: UnsafeRawBufferPointer) {
        guard p.count >= 240, p.be32(236) == 0x6382_5363 else { return nil }
        op = p[0]
        clientIP = IPv4Address(bytes: p, at: 12)
        yourIP = IPv4Address(bytes: p, at: 16)
        relayIP = IPv4Address(bytes: p, at: 24)
        clientMAC = p[1] == 1 && p[2] == 6 ? MACAddress(bytes: p, at: 28) : nil
        var offset = 240
        var ended = false
        while offset < p.count {
            let code = p[offset]
            if code == 0 { offset += 1; continue }
            if code == 255 { ended = true; break }
            guard offset + 2 <= p.count else { break }
            let len = Int(p[offset + 1])
            guard let value = p.view(offset + 2, len) else { break }
            switch code {
            case 53 where len >= 1: messageType = value[0]
            case 12: hostName = value
            case 50 where len == 4: requestedIP = IPv4Address(bytes: value, at: 0)
            case 54 where len == 4: serverIdentifier = IPv4Address(bytes: value, at: 0)
            case 55: parameterRequestList = value
            case 60: vendorClass = value
            case 61: clientIdentifier = value
            case 81 where len >= 3: clientFQDN = value
            default: break
            }
            offset += 2 + len
        }
        truncatedOptions = !ended
    }

    public var isFromServer: Bool { op == 2 }

    /// The name carried in option 81, decoded from DNS wire format when the E flag says so.
    public var fqdnName: String? {
        guard let v = clientFQDN, v.count > 3, let name = v.tail(3) else { return nil }
        if v[0] & 0x04 != 0 {
            return DNSName.decodeUncompressed(name)
        }
        return WireText.make(name)
    }

    /// Option 55 as the comma-separated decimal list used by fingerprint databases.
    public var fingerprint: String? {
        guard let prl = parameterRequestList, prl.count > 0 else { return nil }
        return prl.map { String($0) }.joined(separator: ",")
    }
}
