/// A Cisco Discovery Protocol frame (after LLC/SNAP OUI 00000c, PID 0x2000).
public struct CDPFrame {
    public let version: UInt8
    public private(set) var deviceID: UnsafeRawBufferPointer?
    public private(set) var portID: UnsafeRawBufferPointer?
    public private(set) var platform: UnsafeRawBufferPointer?
    public private(set) var softwareVersion: UnsafeRawBufferPointer?
    /// Capability bits: 0x01 router, 0x02 transparent bridge, 0x04 source-route bridge,
    /// 0x08 switch, 0x10 host, 0x20 IGMP, 0x40 repeater, 0x80 phone.
    public private(set) var capabilities: UInt32 = 0
    /// Raw address TLVs (0x0002 addresses, 0x0016 management addresses).
    public private(set) var addressLists: [UnsafeRawBufferPointer] = []
    public private(set) var nativeVLAN: UInt16?
    public private(set) var damaged = false

    public init?(_ p: UnsafeRawBufferPointer) {
        guard p.count >= 4, p[0] == 1 || p[0] == 2 else { return nil }
        version = p[0]
        var offset = 4
        while offset + 4 <= p.count {
            let type = p.be16(offset)
            let len = Int(p.be16(offset + 2))
            guard len >= 4, let value = p.view(offset + 4, len - 4) else { damaged = true; break }
            offset += len
            switch type {
            case 0x0001: deviceID = value
            case 0x0002, 0x0016: addressLists.append(value)
            case 0x0003: portID = value
            case 0x0004 where value.count >= 4: capabilities = value.be32(0)
            case 0x0005: softwareVersion = value
            case 0x0006: platform = value
            case 0x000A where value.count >= 2: nativeVLAN = value.be16(0)
            default: break
            }
        }
    }

    /// Addresses from the address TLVs as text (IPv4 via NLPID 0xCC, IPv6 via 802.2 SNAP 0x86DD).
    public var addresses: [String] {
        var out: [String] = []
        for list in addressLists {
            guard list.count >= 4 else { continue }
            let count = Int(list.be32(0))
            var offset = 4
            for _ in 0..<min(count, 32) {
                guard offset + 2 <= list.count else { break }
                let protoType = list[offset]
                let protoLen = Int(list[offset + 1])
                guard let proto = list.view(offset + 2, protoLen) else { break }
                let lenAt = offset + 2 + protoLen
                guard lenAt + 2 <= list.count else { break }
                let addrLen = Int(list.be16(lenAt))
                guard let addr = list.view(lenAt + 2, addrLen) else { break }
                offset = lenAt + 2 + addrLen
                if protoType == 1 && protoLen == 1 && proto[0] == 0xCC, let s = AddressText.formatAddress(family: 1, addr) {
                    out.append(s)
                } else if protoType == 2 && protoLen == 8 && proto.be16(6) == 0x86DD, let s = AddressText.formatAddress(family: 2, addr) {
                    out.append(s)
                }
            }
        }
        return out
    }

    public static func capabilityNames(_ bits: UInt32) -> [String] {
        let names = ["router", "bridge", "source_route_bridge", "switch", "host", "igmp", "repeater", "telephone"]
        return names.enumerated().compactMap { bits & (1 << UInt32($0.offset)) != 0 ? $0.element : nil }
    }
}
