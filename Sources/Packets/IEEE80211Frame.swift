import NetAddress

/// The 802.11 MAC header: enough to route management frames to the wireless
/// observer and to unwrap unprotected data frames into their LLC/SNAP payload.
public struct IEEE80211Frame {
    public let bytes: UnsafeRawBufferPointer
    public init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= 10 else { return nil }
        self.bytes = bytes
    }

    public var frameControl: UInt16 { bytes.le16(0) }
    /// 0 management, 1 control, 2 data, 3 extension.
    public var type: UInt8 { UInt8((frameControl >> 2) & 0x3) }
    public var subtype: UInt8 { UInt8((frameControl >> 4) & 0xF) }
    public var toDS: Bool { frameControl & 0x0100 != 0 }
    public var fromDS: Bool { frameControl & 0x0200 != 0 }
    public var isProtected: Bool { frameControl & 0x4000 != 0 }
    public var hasOrder: Bool { frameControl & 0x8000 != 0 }

    func address(_ n: Int) -> MACAddress? {
        let off = 4 + 6 * (n - 1)
        guard bytes.count >= off + 6 else { return nil }
        return MACAddress(bytes: bytes, at: off)
    }

    /// Unwraps a frame into a `LinkFrame`: management frames whole, data frames as LLC payloads.
    static func linkFrame(_ raw: UnsafeRawBufferPointer) -> LinkFrame? {
        guard let f = IEEE80211Frame(raw) else { return nil }
        switch f.type {
        case 0:
            guard raw.count >= 24 else { return nil }
            return LinkFrame(source: f.address(2), destination: f.address(1), vlan: 0, tagCount: 0,
                             kind: .wlanManagement(subtype: f.subtype), payload: raw, bssid: f.address(3))
        case 2:
            let fourAddress = f.toDS && f.fromDS
            var header = fourAddress ? 30 : 24
            let isQoS = f.subtype & 0x8 != 0
            if isQoS { header += 2 }
            if isQoS && f.hasOrder { header += 4 }
            guard raw.count >= header else { return nil }
            let (sa, da, bssid): (MACAddress?, MACAddress?, MACAddress?)
            switch (f.toDS, f.fromDS) {
            case (false, false): (sa, da, bssid) = (f.address(2), f.address(1), f.address(3))
            case (true, false): (sa, da, bssid) = (f.address(2), f.address(3), f.address(1))
            case (false, true): (sa, da, bssid) = (f.address(3), f.address(1), f.address(2))
            case (true, true):
                let a4 = raw.count >= 30 ? MACAddress(bytes: raw, at: 24) : nil
                (sa, da, bssid) = (a4, f.address(3), nil)
            }
            // Null-function frames (subtype 4, 12) carry no payload; protected ones are opaque.
            if f.isProtected || f.subtype & 0x4 != 0 {
                return LinkFrame(source: sa, destination: da, vlan: 0, tagCount: 0, kind: .wlanOther, payload: raw, bssid: bssid)
            }
            guard let llc = raw.tail(header), let (kind, payload) = LinkFrame.decodeLLC(llc) else { return nil }
            return LinkFrame(source: sa, destination: da, vlan: 0, tagCount: 0, kind: kind, payload: payload, bssid: bssid)
        default:
            return LinkFrame(source: f.address(2), destination: f.address(1), vlan: 0, tagCount: 0, kind: .wlanOther, payload: raw, bssid: nil)
        }
    }
}

/// Radiotap (LINKTYPE_IEEE802_11_RADIOTAP): a little-endian, length-prefixed header
/// in front of the 802.11 frame; its Flags field says whether an FCS trails the frame.
public enum Radiotap {
    public static func strip(_ f: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard f.count >= 8, f[0] == 0 else { return nil }
        let length = Int(f.le16(2))
        guard length >= 8, length <= f.count else { return nil }
        // Walk the present bitmasks (bit 31 chains another word) to find the Flags field.
        var presentOffset = 4
        let firstPresent = f.le32(4)
        var words = 1
        while f.le32(presentOffset) & 0x8000_0000 != 0 {
            presentOffset += 4
            words += 1
            guard presentOffset + 4 <= length, words < 16 else { return nil }
        }
        var fieldOffset = 4 + 4 * words
        var hasFCS = false
        if firstPresent & 0x1 != 0 {   // TSFT: u64, 8-byte aligned
            fieldOffset = (fieldOffset + 7) & ~7
            fieldOffset += 8
        }
        if firstPresent & 0x2 != 0, fieldOffset < length {   // Flags: u8
            hasFCS = f[fieldOffset] & 0x10 != 0
        }
        var end = f.count
        if hasFCS { end -= 4 }
        guard end >= length else { return nil }
        return f.view(length, end - length)
    }
}

/// The Prism / AVS monitor header (LINKTYPE_PRISM_HEADER): its message length says where 802.11 starts.
public enum PrismHeader {
    public static func strip(_ f: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        guard f.count >= 8 else { return nil }
        // AVS headers (0x80211001 big-endian magic) also appear under this link type.
        if f.be32(0) & 0xFFFF_FFF0 == 0x8021_1000 {
            let len = Int(f.be32(4))
            return f.tail(len)
        }
        let le = Int(f.le32(4))
        let len = le > 0 && le <= f.count ? le : Int(f.be32(4))
        guard len > 0, len <= f.count else { return nil }
        return f.tail(len)
    }
}
