import NetAddress

/// What a switch, access point or router says about itself in LLDP or CDP.
struct NeighborAnnouncement {
    var chassisMAC: MACAddress
    var portID: String
    var portDescription: String
    var systemName: String
    var systemDescription: String
    /// Capability names as the truth file lists them: bridge, router, wlan_ap, telephone, station
    /// (LLDP); router, switch, bridge, host, igmp, telephone (CDP).
    var capabilities: [String]
    /// LLDP only: the capabilities switched on, when fewer than the system has (an access
    /// switch that can route but does not). Nil means all of `capabilities`.
    var enabledCapabilities: [String]? = nil
    var managementAddress: IPv4Address
    /// CDP platform string; nil for LLDP speakers.
    var platform: String? = nil
    var portVLAN: UInt16 = 1
    var ifIndex: UInt32 = 1
}

/// IEEE 802.1AB LLDPDUs.
enum LLDP {
    static let multicast = MACAddress(0x01, 0x80, 0xC2, 0x00, 0x00, 0x0E)

    /// LLDP capability bits (802.1AB 8.5.8).
    static func capabilityBits(_ names: [String]) -> UInt16 {
        var v: UInt16 = 0
        for n in names {
            switch n {
            case "other": v |= 0x01
            case "repeater": v |= 0x02
            case "bridge": v |= 0x04
            case "wlan_ap": v |= 0x08
            case "router": v |= 0x10
            case "telephone": v |= 0x20
            case "station": v |= 0x80
            default: preconditionFailure("unknown LLDP capability \(n)")
            }
        }
        return v
    }

    private static func tlv(_ type: UInt8, _ value: [UInt8]) -> [UInt8] {
        precondition(value.count < 512)
        var t: [UInt8] = []
        t.be16(UInt16(type) << 9 | UInt16(value.count))
        t.append(contentsOf: value)
        return t
    }

    /// Chassis ID (MAC), port ID (interface name), TTL, port and system descriptions, capabilities,
    /// an IPv4 management address, the 802.1 port VLAN ID and the end TLV.
    static func pdu(_ a: NeighborAnnouncement, ttl: UInt16 = 120) -> [UInt8] {
        var p: [UInt8] = []
        var chassis: [UInt8] = [4]; chassis.mac(a.chassisMAC)
        p += tlv(1, chassis)
        p += tlv(2, [5] + Array(a.portID.utf8))          // subtype 5: interface name
        var t: [UInt8] = []; t.be16(ttl)
        p += tlv(3, t)
        p += tlv(4, Array(a.portDescription.utf8))
        p += tlv(5, Array(a.systemName.utf8))
        p += tlv(6, Array(a.systemDescription.utf8))
        var c: [UInt8] = []
        c.be16(capabilityBits(a.capabilities)); c.be16(capabilityBits(a.enabledCapabilities ?? a.capabilities))
        p += tlv(7, c)
        var m: [UInt8] = [5, 1]                          // address string length, IANA family 1 (IPv4)
        m.ipv4(a.managementAddress)
        m.u8(2); m.be32(a.ifIndex); m.u8(0)               // ifIndex numbering, no OID
        p += tlv(8, m)
        var pvid: [UInt8] = [0x00, 0x80, 0xC2, 0x01]     // 802.1 organisationally specific: port VLAN ID
        pvid.be16(a.portVLAN)
        p += tlv(127, pvid)
        p += tlv(0, [])
        return p
    }
}

/// Cisco Discovery Protocol version 2, carried in 802.3 LLC/SNAP (OUI 00000c, PID 0x2000).
enum CDP {
    static let multicast = MACAddress(0x01, 0x00, 0x0C, 0xCC, 0xCC, 0xCC)
    static let snapOUI: UInt32 = 0x00000C
    static let snapPID: UInt16 = 0x2000

    private static func tlv(_ type: UInt16, _ value: [UInt8]) -> [UInt8] {
        var t: [UInt8] = []
        t.be16(type); t.be16(UInt16(4 + value.count)); t.append(contentsOf: value)
        return t
    }

    /// CDP capability bits.
    static func capabilityBits(_ names: [String]) -> UInt32 {
        var v: UInt32 = 0
        for n in names {
            switch n {
            case "router": v |= 0x01
            case "bridge": v |= 0x02      // transparent bridge
            case "switch": v |= 0x08
            case "host": v |= 0x10
            case "igmp": v |= 0x20
            case "telephone": v |= 0x80
            default: preconditionFailure("unknown CDP capability \(n)")
            }
        }
        return v
    }

    /// One IPv4 address entry: NLPID protocol type, protocol 0xCC (IP), address.
    private static func addresses(_ a: IPv4Address) -> [UInt8] {
        var v: [UInt8] = []
        v.be32(1); v.u8(1); v.u8(1); v.u8(0xCC); v.be16(4); v.ipv4(a)
        return v
    }

    static func pdu(_ a: NeighborAnnouncement, ttl: UInt8 = 180) -> [UInt8] {
        var body: [UInt8] = []
        body += tlv(0x0001, Array(a.systemName.utf8))              // Device ID
        body += tlv(0x0005, Array(a.systemDescription.utf8))       // Software version
        body += tlv(0x0006, Array((a.platform ?? "").utf8))        // Platform
        body += tlv(0x0002, addresses(a.managementAddress))        // Addresses
        body += tlv(0x0003, Array(a.portID.utf8))                  // Port ID
        var caps: [UInt8] = []; caps.be32(capabilityBits(a.capabilities))
        body += tlv(0x0004, caps)
        var vlan: [UInt8] = []; vlan.be16(a.portVLAN)
        body += tlv(0x000A, vlan)                                  // Native VLAN
        body += tlv(0x000B, [0x01])                                // Duplex: full
        body += tlv(0x0016, addresses(a.managementAddress))        // Management addresses
        // Cisco and Wireshark disagree with RFC 1071 on odd-length CDP checksums; keeping the
        // PDU even avoids the ambiguity. The untrusted-port CoS TLV (5 bytes) is one routers send.
        if body.count % 2 == 1 { body += tlv(0x0013, [0x00]) }
        var p: [UInt8] = [2, ttl, 0, 0]
        p += body
        var c = InternetChecksum()
        c.add(p)
        p.setBE16(c.value, at: 2)
        return p
    }
}
