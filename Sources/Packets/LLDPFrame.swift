import NetAddress

/// An LLDP data unit (IEEE 802.1AB): the TLVs netaudit keeps, as views.
public struct LLDPFrame {
    public private(set) var chassisSubtype: UInt8 = 0
    public private(set) var chassisID: UnsafeRawBufferPointer?
    public private(set) var portSubtype: UInt8 = 0
    public private(set) var portID: UnsafeRawBufferPointer?
    public private(set) var portDescription: UnsafeRawBufferPointer?
    public private(set) var systemName: UnsafeRawBufferPointer?
    public private(set) var systemDescription: UnsafeRawBufferPointer?
    /// System capabilities and enabled capabilities bitmaps (bit 2 bridge, 3 WLAN AP, 4 router, 5 phone, 7 station).
    public private(set) var capabilities: UInt16 = 0
    public private(set) var enabledCapabilities: UInt16 = 0
    /// Up to four management address TLVs (subtype, address bytes).
    public private(set) var managementAddresses: [(subtype: UInt8, address: UnsafeRawBufferPointer)] = []
    public private(set) var damaged = false

    public init?(_ p: UnsafeRawBufferPointer) {
        var offset = 0
        var sawChassis = false
        while offset + 2 <= p.count {
            let header = p.be16(offset)
            let type = Int(header >> 9)
            let len = Int(header & 0x01FF)
            guard let value = p.view(offset + 2, len) else { damaged = true; break }
            offset += 2 + len
            switch type {
            case 0: offset = p.count
            case 1 where len >= 2:
                chassisSubtype = value[0]; chassisID = value.tail(1); sawChassis = true
            case 2 where len >= 2:
                portSubtype = value[0]; portID = value.tail(1)
            case 4: portDescription = value
            case 5: systemName = value
            case 6: systemDescription = value
            case 7 where len >= 4:
                capabilities = value.be16(0); enabledCapabilities = value.be16(2)
            case 8 where len >= 2:
                let addrLen = Int(value[0])
                if addrLen >= 2, let addr = value.view(2, addrLen - 1), managementAddresses.count < 4 {
                    managementAddresses.append((value[1], addr))
                }
            default: break
            }
        }
        guard sawChassis else { return nil }
    }

    /// Chassis/port ids are MAC addresses (subtype 4 / 3), network addresses or text.
    public static func idText(subtype: UInt8, isChassis: Bool, _ v: UnsafeRawBufferPointer) -> String {
        let macSubtype: UInt8 = isChassis ? 4 : 3
        if subtype == macSubtype && v.count == 6 {
            return MACText.format(v)
        }
        let addrSubtype: UInt8 = isChassis ? 5 : 4
        if subtype == addrSubtype, let a = AddressText.format(v) { return a }
        return WireText.make(v)
    }

    public static func capabilityNames(_ bits: UInt16) -> [String] {
        let names = ["other", "repeater", "bridge", "wlan_ap", "router", "telephone", "docsis", "station", "cvlan", "svlan", "tpmr"]
        return names.enumerated().compactMap { bits & (1 << UInt16($0.offset)) != 0 ? $0.element : nil }
    }
}

enum MACText {
    static func format(_ v: UnsafeRawBufferPointer) -> String {
        v.map { b in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined(separator: ":")
    }
}

/// IANA address-family-prefixed addresses as LLDP and CDP carry them.
public enum AddressText {
    /// Family byte 1 = IPv4, 2 = IPv6, 6 = 802 MAC, followed by the address.
    public static func format(_ v: UnsafeRawBufferPointer) -> String? {
        guard v.count >= 1, let addr = v.tail(1) else { return nil }
        return formatAddress(family: v[0], addr)
    }

    public static func formatAddress(family: UInt8, _ addr: UnsafeRawBufferPointer) -> String? {
        switch (family, addr.count) {
        case (1, 4): return addr.map { String($0) }.joined(separator: ".")
        case (2, 16): return IPv6Text.format(addr)
        case (6, 6): return MACText.format(addr)
        default: return nil
        }
    }
}

enum IPv6Text {
    static func format(_ v: UnsafeRawBufferPointer) -> String { IPv6Address(bytes: v, at: 0).description }
}
