/// 802.11 management-frame bodies: fixed fields, the information-element (TLV) walk and
/// views over the security elements (RSN, WPA1, WPS, RSNXE, OWE transition).
///
/// Everything here is a zero-copy view over the caller's bytes and bounds-checks each
/// length before reading: a truncated or overlong element ends the walk and sets a
/// `malformed` flag, it never reads past the frame. No policy: these report what the
/// bytes say; the wireless observer decides what it means.

/// Where the elements of a management frame start, by subtype (after the 24-byte MAC header,
/// plus 4 bytes of HT Control when the Order bit is set).
public enum IEEE80211Management {
    public static let associationRequest: UInt8 = 0
    public static let reassociationRequest: UInt8 = 2
    public static let probeRequest: UInt8 = 4
    public static let probeResponse: UInt8 = 5
    public static let beacon: UInt8 = 8
    public static let authentication: UInt8 = 11

    /// Length of the fixed fields before the first element, or nil for subtypes without elements we read.
    public static func fixedLength(subtype: UInt8) -> Int? {
        switch subtype {
        case beacon, probeResponse: return 12      // timestamp(8) interval(2) capability(2)
        case associationRequest: return 4          // capability(2) listen interval(2)
        case reassociationRequest: return 10       // + current AP(6)
        case probeRequest: return 0
        case authentication: return 6              // algorithm(2) sequence(2) status(2)
        default: return nil
        }
    }

    /// Offset of the frame body (fixed fields) in a whole management frame.
    public static func bodyOffset(_ frame: UnsafeRawBufferPointer) -> Int {
        guard frame.count >= 2 else { return 24 }
        return frame.le16(0) & 0x8000 != 0 ? 28 : 24
    }

    /// The body of a management frame: fixed fields and elements.
    public static func body(_ frame: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer? {
        frame.tail(bodyOffset(frame))
    }

    /// The capability field (beacon, probe response, (re)association request), little-endian.
    public static func capability(_ frame: UnsafeRawBufferPointer, subtype: UInt8) -> UInt16? {
        let b = bodyOffset(frame)
        let off: Int
        switch subtype {
        case beacon, probeResponse: off = b + 10
        case associationRequest, reassociationRequest: off = b
        default: return nil
        }
        guard frame.count >= off + 2 else { return nil }
        return frame.le16(off)
    }

    /// The element region of a management frame, or nil when the fixed fields are cut short.
    public static func elements(_ frame: UnsafeRawBufferPointer, subtype: UInt8) -> InformationElements? {
        guard let fixed = fixedLength(subtype: subtype), let tail = frame.tail(bodyOffset(frame) + fixed) else { return nil }
        return InformationElements(tail)
    }
}

/// One element: id and body (the bytes after the length octet).
public struct InformationElement {
    public let id: UInt8
    public let body: UnsafeRawBufferPointer
    /// Offset of the element's id octet in the element region.
    public let offset: Int
}

/// The TLV walk over an element region. Iterate with `next()`; after the walk, `malformed`
/// says whether it ended on damage (an element whose length runs past the frame, or one stray octet).
public struct InformationElements: IteratorProtocol, Sequence {
    public let bytes: UnsafeRawBufferPointer
    public private(set) var position = 0
    public private(set) var malformed = false
    /// Offset of the damaged element, when `malformed`.
    public private(set) var malformedOffset = -1

    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    public mutating func next() -> InformationElement? {
        guard position < bytes.count else { return nil }
        guard position + 2 <= bytes.count else {
            malformed = true; malformedOffset = position; position = bytes.count
            return nil
        }
        let id = bytes[position]
        let len = Int(bytes[position + 1])
        guard let body = bytes.view(position + 2, len) else {
            malformed = true; malformedOffset = position; position = bytes.count
            return nil
        }
        let e = InformationElement(id: id, body: body, offset: position)
        position += 2 + len
        return e
    }

    /// Vendor-specific element (221) type: OUI (24 bits) and the OUI type octet, as `0xOOOOOOTT`.
    public static func vendorType(_ e: InformationElement) -> UInt32? {
        guard e.id == 221, e.body.count >= 4 else { return nil }
        return e.body.be32(0)
    }

    public static let ssid: UInt8 = 0
    public static let dsParameterSet: UInt8 = 3
    public static let rsn: UInt8 = 48
    public static let mobilityDomain: UInt8 = 54
    public static let htOperation: UInt8 = 61
    public static let meshID: UInt8 = 114
    public static let vendorSpecific: UInt8 = 221
    public static let rsnExtension: UInt8 = 244

    public static let wpaVendorType: UInt32 = 0x0050_F201
    public static let wpsVendorType: UInt32 = 0x0050_F204
    public static let oweTransitionVendorType: UInt32 = 0x506F_9A1C
}

/// A cipher or AKM suite selector: OUI and type, as `0xOOOOOOTT` (00-0F-AC:4 is `0x000FAC04`).
public struct SuiteSelector: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(oui: UInt32, type: UInt8) { rawValue = oui << 8 | UInt32(type) }
    public var oui: UInt32 { rawValue >> 8 }
    public var type: UInt8 { UInt8(truncatingIfNeeded: rawValue) }
    /// 00-0F-AC: the IEEE 802.11 suites.
    public var isIEEE: Bool { oui == 0x000FAC }
    /// 00-50-F2: Microsoft's WPA1 suites.
    public var isWPA1: Bool { oui == 0x0050F2 }
    public static func < (a: SuiteSelector, b: SuiteSelector) -> Bool { a.rawValue < b.rawValue }
    public var description: String {
        let h = Array("0123456789ABCDEF")
        func b(_ v: UInt32) -> String { String(h[Int(v >> 4 & 0xF)]) + String(h[Int(v & 0xF)]) }
        return "\(b(rawValue >> 24))-\(b(rawValue >> 16))-\(b(rawValue >> 8)):\(type)"
    }
}

/// The RSN element (48) or the WPA1 vendor element (00-50-F2:1), which share a layout:
/// version, group cipher, pairwise list, AKM list, then (RSN only) capabilities, PMKIDs and
/// group-management cipher. Every field after the version is optional in the standard; a count
/// that runs past the element is `malformed` and the fields from there on are absent.
public struct RSNElement {
    public let body: UnsafeRawBufferPointer
    public let isWPA1: Bool
    public private(set) var version: UInt16?
    public private(set) var groupCipher: SuiteSelector?
    public private(set) var pairwiseCount = 0
    public private(set) var akmCount = 0
    public private(set) var capabilities: UInt16?
    public private(set) var pmkidCount = 0
    public private(set) var groupManagementCipher: SuiteSelector?
    public private(set) var malformed = false
    var pairwiseOffset = 0
    var akmOffset = 0

    /// `body` is the element body: for RSN the bytes after id/length, for WPA1 after the 4-octet OUI+type.
    public init(body: UnsafeRawBufferPointer, isWPA1: Bool) {
        self.body = body
        self.isWPA1 = isWPA1
        var p = 0
        let n = body.count
        guard n >= 2 else { malformed = true; return }
        version = body.le16(0); p = 2
        if p == n { return }
        guard p + 4 <= n else { malformed = true; return }
        groupCipher = SuiteSelector(rawValue: body.be32(p)); p += 4
        if p == n { return }
        guard p + 2 <= n else { malformed = true; return }
        let pc = Int(body.le16(p)); p += 2
        guard p + 4 * pc <= n else { malformed = true; return }
        pairwiseCount = pc; pairwiseOffset = p; p += 4 * pc
        if p == n { return }
        guard p + 2 <= n else { malformed = true; return }
        let ac = Int(body.le16(p)); p += 2
        guard p + 4 * ac <= n else { malformed = true; return }
        akmCount = ac; akmOffset = p; p += 4 * ac
        if p == n { return }
        guard p + 2 <= n else { malformed = true; return }
        capabilities = body.le16(p); p += 2
        if p == n || isWPA1 { return }
        guard p + 2 <= n else { malformed = true; return }
        let kc = Int(body.le16(p)); p += 2
        guard p + 16 * kc <= n else { malformed = true; return }
        pmkidCount = kc; p += 16 * kc
        if p == n { return }
        guard p + 4 <= n else { malformed = true; return }
        groupManagementCipher = SuiteSelector(rawValue: body.be32(p)); p += 4
        // Anything after the group-management cipher is reserved; tolerated, not malformed.
    }

    /// Parses a WPA1 vendor element (id 221, OUI 00-50-F2 type 1); nil for any other element.
    public static func wpa1(_ e: InformationElement) -> RSNElement? {
        guard InformationElements.vendorType(e) == InformationElements.wpaVendorType, let b = e.body.tail(4) else { return nil }
        return RSNElement(body: b, isWPA1: true)
    }

    public static func rsn(_ e: InformationElement) -> RSNElement? {
        guard e.id == InformationElements.rsn else { return nil }
        return RSNElement(body: e.body, isWPA1: false)
    }

    public func pairwise(_ i: Int) -> SuiteSelector { SuiteSelector(rawValue: body.be32(pairwiseOffset + 4 * i)) }
    public func akm(_ i: Int) -> SuiteSelector { SuiteSelector(rawValue: body.be32(akmOffset + 4 * i)) }
    public var pairwiseCiphers: [SuiteSelector] { (0..<pairwiseCount).map(pairwise) }
    public var akms: [SuiteSelector] { (0..<akmCount).map(akm) }

    /// Capability bit 6: management frame protection required.
    public var mfpRequired: Bool { (capabilities ?? 0) & 0x0040 != 0 }
    /// Capability bit 7: management frame protection capable.
    public var mfpCapable: Bool { (capabilities ?? 0) & 0x0080 != 0 }
}

/// Wi-Fi Protected Setup vendor element (00-50-F2:4): big-endian TLVs `type(2) len(2) value`.
public struct WPSElement {
    public private(set) var version: UInt8?
    /// 0x1044: 1 not configured, 2 configured.
    public private(set) var state: UInt8?
    /// 0x1057: 1 locked.
    public private(set) var apSetupLocked: UInt8?
    /// WFA vendor extension (0x1049, 00-37-2A) subelement 0: Version2 (0x20 = WPS 2.0).
    public private(set) var version2: UInt8?
    /// 0x1008 / 0x1053 Config Methods (selected registrar config methods).
    public private(set) var configMethods: UInt16?
    public private(set) var malformed = false

    public init?(_ e: InformationElement) {
        guard InformationElements.vendorType(e) == InformationElements.wpsVendorType, let tlvs = e.body.tail(4) else { return nil }
        var p = 0
        while p < tlvs.count {
            guard p + 4 <= tlvs.count else { malformed = true; break }
            let type = tlvs.be16(p)
            let len = Int(tlvs.be16(p + 2))
            guard let v = tlvs.view(p + 4, len) else { malformed = true; break }
            switch type {
            case 0x104A where len >= 1: version = v[0]
            case 0x1044 where len >= 1: state = v[0]
            case 0x1057 where len >= 1: apSetupLocked = v[0]
            case 0x1008 where len >= 2, 0x1053 where len >= 2: configMethods = v.be16(0)
            case 0x1049 where len >= 3:
                if v[0] == 0x00 && v[1] == 0x37 && v[2] == 0x2A {
                    var q = 3
                    while q + 2 <= v.count {
                        let id = v[q], l = Int(v[q + 1])
                        guard q + 2 + l <= v.count else { malformed = true; break }
                        if id == 0, l >= 1 { version2 = v[q + 2] }
                        q += 2 + l
                    }
                }
            default: break
            }
            p += 4 + len
        }
    }
}

/// RSN Extension element (244): the first octet's bit 5 is SAE hash-to-element, bit 6 SAE-PK.
public struct RSNXElement {
    public let firstOctet: UInt8
    public init?(_ e: InformationElement) {
        guard e.id == InformationElements.rsnExtension, e.body.count >= 1 else { return nil }
        firstOctet = e.body[0]
    }
    public var saeHashToElement: Bool { firstOctet & 0x20 != 0 }
    public var saePK: Bool { firstOctet & 0x40 != 0 }
}

/// OWE Transition Mode element (50-6F-9A:0x1C): the paired BSS's BSSID and SSID.
public struct OWETransitionElement {
    public let bssid: UnsafeRawBufferPointer
    public let ssid: UnsafeRawBufferPointer
    public init?(_ e: InformationElement) {
        guard InformationElements.vendorType(e) == InformationElements.oweTransitionVendorType,
              let b = e.body.view(4, 6), e.body.count >= 11 else { return nil }
        let len = Int(e.body[10])
        guard let s = e.body.view(11, len) else { return nil }
        bssid = b
        ssid = s
    }
}
