import NetAddress

/// EtherType values netaudit dispatches on.
public enum EtherType {
    public static let ipv4: UInt16 = 0x0800
    public static let arp: UInt16 = 0x0806
    public static let vlan: UInt16 = 0x8100
    public static let qinq: UInt16 = 0x88A8
    public static let qinqLegacy: UInt16 = 0x9100
    public static let ipv6: UInt16 = 0x86DD
    public static let lldp: UInt16 = 0x88CC
    public static let eapol: UInt16 = 0x888E
}

/// What follows the link-layer header.
public enum LinkPayloadKind: Equatable, Sendable {
    /// An EtherType-identified payload (Ethernet II, SNAP with OUI 0, SLL, raw IP).
    case etherType(UInt16)
    /// IEEE 802.2 LLC with SNAP: organisation code and protocol id (CDP is OUI 00000c PID 0x2000).
    case snap(oui: UInt32, pid: UInt16)
    /// IEEE 802.2 LLC without SNAP (e.g. STP, DSAP 0x42).
    case llc(dsap: UInt8)
    /// An 802.11 management frame (beacon, probe, association…); payload is the whole 802.11 frame.
    case wlanManagement(subtype: UInt8)
    /// An 802.11 control frame or a protected/undecodable data frame; payload is the whole 802.11 frame.
    case wlanOther
}

/// A decoded link layer: addresses, VLAN and the payload that follows.
public struct LinkFrame {
    /// Transmitting station (Ethernet source, SLL address, 802.11 SA); nil for raw IP.
    public var source: MACAddress?
    public var destination: MACAddress?
    /// Innermost 802.1Q VLAN id; 0 when untagged.
    public var vlan: UInt16
    public var tagCount: Int
    public var kind: LinkPayloadKind
    public var payload: UnsafeRawBufferPointer
    /// 802.11 only: the BSSID of a data frame (nil for other links).
    public var bssid: MACAddress?

    @inlinable
    public init(source: MACAddress?, destination: MACAddress?, vlan: UInt16, tagCount: Int, kind: LinkPayloadKind,
                payload: UnsafeRawBufferPointer, bssid: MACAddress?) {
        self.source = source; self.destination = destination; self.vlan = vlan; self.tagCount = tagCount
        self.kind = kind; self.payload = payload; self.bssid = bssid
    }

    /// Decodes `frame` according to `linkType`; nil if the frame is too short or not understood.
    public static func decode(_ frame: UnsafeRawBufferPointer, linkType: LinkType) -> LinkFrame? {
        switch linkType.rawValue {
        case 1: return decodeEthernet(frame)
        case 12, 14, 101, 228, 229: return decodeRawIP(frame)
        case 113: return decodeSLL(frame)
        case 276: return decodeSLL2(frame)
        case 0, 108: return decodeNull(frame, loop: linkType.rawValue == 108)
        case 105: return IEEE80211Frame.linkFrame(frame)
        case 127:
            guard let inner = Radiotap.strip(frame) else { return nil }
            return IEEE80211Frame.linkFrame(inner)
        case 119:
            guard let inner = PrismHeader.strip(frame) else { return nil }
            return IEEE80211Frame.linkFrame(inner)
        default: return nil
        }
    }

    /// Ethernet II and IEEE 802.3 (with LLC/SNAP), with any number of 802.1Q/802.1ad tags.
    @inlinable
    public static func decodeEthernet(_ f: UnsafeRawBufferPointer) -> LinkFrame? {
        guard f.count >= 14 else { return nil }
        let dst = MACAddress(bytes: f, at: 0)
        let src = MACAddress(bytes: f, at: 6)
        var offset = 12
        var type = f.be16(offset)
        var vlan: UInt16 = 0
        var tags = 0
        while type == EtherType.vlan || type == EtherType.qinq || type == EtherType.qinqLegacy {
            guard f.count >= offset + 6, tags < 8 else { return nil }
            vlan = f.be16(offset + 2) & 0x0FFF
            type = f.be16(offset + 4)
            offset += 4
            tags += 1
        }
        offset += 2
        if type >= 0x0600 {
            guard let payload = f.tail(offset) else { return nil }
            return LinkFrame(source: src, destination: dst, vlan: vlan, tagCount: tags, kind: .etherType(type), payload: payload, bssid: nil)
        }
        // IEEE 802.3: the type field is a length; the rest may be padding.
        let length = min(Int(type), f.count - offset)
        guard let llc = f.view(offset, length), let (kind, payload) = decodeLLC(llc) else { return nil }
        return LinkFrame(source: src, destination: dst, vlan: vlan, tagCount: tags, kind: kind, payload: payload, bssid: nil)
    }

    /// 802.2 LLC, optionally followed by SNAP.
    @inlinable
    public static func decodeLLC(_ llc: UnsafeRawBufferPointer) -> (LinkPayloadKind, UnsafeRawBufferPointer)? {
        guard llc.count >= 3 else { return nil }
        if llc[0] == 0xAA && llc[1] == 0xAA && llc[2] == 0x03 {
            guard llc.count >= 8, let payload = llc.tail(8) else { return nil }
            let oui = UInt32(llc[3]) << 16 | UInt32(llc[4]) << 8 | UInt32(llc[5])
            let pid = llc.be16(6)
            return (oui == 0 ? .etherType(pid) : .snap(oui: oui, pid: pid), payload)
        }
        // Control field is 1 byte for U-frames (low two bits 11), 2 bytes otherwise.
        let header = llc[2] & 0x03 == 0x03 ? 3 : 4
        guard let payload = llc.tail(header) else { return nil }
        return (.llc(dsap: llc[0]), payload)
    }

    static func decodeRawIP(_ f: UnsafeRawBufferPointer) -> LinkFrame? {
        guard f.count >= 1 else { return nil }
        let version = f[0] >> 4
        let type: UInt16 = version == 4 ? EtherType.ipv4 : version == 6 ? EtherType.ipv6 : 0
        guard type != 0 else { return nil }
        return LinkFrame(source: nil, destination: nil, vlan: 0, tagCount: 0, kind: .etherType(type), payload: f, bssid: nil)
    }

    /// BSD loopback: a 4-byte address family in host (NULL) or network (LOOP) order.
    static func decodeNull(_ f: UnsafeRawBufferPointer, loop: Bool) -> LinkFrame? {
        guard f.count >= 4, let payload = f.tail(4) else { return nil }
        let family = loop ? f.be32(0) : (f.le32(0) < 0x10000 ? f.le32(0) : f.be32(0))
        let type: UInt16
        switch family {
        case 2: type = EtherType.ipv4
        case 10, 24, 28, 30: type = EtherType.ipv6
        default: return nil
        }
        return LinkFrame(source: nil, destination: nil, vlan: 0, tagCount: 0, kind: .etherType(type), payload: payload, bssid: nil)
    }

    /// Linux cooked capture v1: 16-byte header, link-layer address of the sender.
    static func decodeSLL(_ f: UnsafeRawBufferPointer) -> LinkFrame? {
        guard f.count >= 16 else { return nil }
        let hatype = f.be16(2)
        let addrLen = Int(f.be16(4))
        let proto = f.be16(14)
        let src: MACAddress? = (hatype == 1 || hatype == 772) && addrLen == 6 ? MACAddress(bytes: f, at: 6) : nil
        return cooked(src: src, proto: proto, payload: f.tail(16))
    }

    /// Linux cooked capture v2: 20-byte header.
    static func decodeSLL2(_ f: UnsafeRawBufferPointer) -> LinkFrame? {
        guard f.count >= 20 else { return nil }
        let proto = f.be16(0)
        let hatype = f.be16(8)
        let addrLen = Int(f[11])
        let src: MACAddress? = (hatype == 1 || hatype == 772) && addrLen == 6 ? MACAddress(bytes: f, at: 12) : nil
        return cooked(src: src, proto: proto, payload: f.tail(20))
    }

    static func cooked(src: MACAddress?, proto: UInt16, payload: UnsafeRawBufferPointer?) -> LinkFrame? {
        guard let payload else { return nil }
        // Protocol values below 0x0600 are Linux's special cases: 0x0004 is an 802.2 LLC frame.
        if proto == 0x0004 {
            guard let (kind, inner) = decodeLLC(payload) else { return nil }
            return LinkFrame(source: src, destination: nil, vlan: 0, tagCount: 0, kind: kind, payload: inner, bssid: nil)
        }
        var type = proto
        var body = payload
        var vlan: UInt16 = 0
        var tags = 0
        while type == EtherType.vlan || type == EtherType.qinq, body.count >= 4, tags < 8 {
            vlan = body.be16(0) & 0x0FFF
            type = body.be16(2)
            guard let rest = body.tail(4) else { return nil }
            body = rest
            tags += 1
        }
        guard type >= 0x0600 else { return nil }
        return LinkFrame(source: src, destination: nil, vlan: vlan, tagCount: tags, kind: .etherType(type), payload: body, bssid: nil)
    }
}
