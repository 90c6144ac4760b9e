/// Link and network address value types shared by every netaudit module.
///
/// They are plain integers underneath so that decoders can build them from
/// packet bytes without allocating, and hash/compare them cheaply in tables.

/// A 48-bit IEEE 802 MAC address, stored in the low 48 bits of a `UInt64`.
public struct MACAddress: Hashable, Comparable, Sendable {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue & 0xFFFF_FFFF_FFFF }

    /// Builds an address from six bytes starting at `offset`; the caller has bounds-checked.
    @inlinable
    public init(bytes: UnsafeRawBufferPointer, at offset: Int) {
        var v: UInt64 = 0
        for i in 0..<6 { v = (v << 8) | UInt64(bytes[offset + i]) }
        rawValue = v
    }

    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8, _ b4: UInt8, _ b5: UInt8) {
        rawValue = UInt64(b0) << 40 | UInt64(b1) << 32 | UInt64(b2) << 24 | UInt64(b3) << 16 | UInt64(b4) << 8 | UInt64(b5)
    }

    /// Parses `aa:bb:cc:dd:ee:ff`, `aa-bb-cc-dd-ee-ff`, `aabb.ccdd.eeff` (Cisco) or 12 bare hex digits.
    public init?(_ text: some StringProtocol) {
        var v: UInt64 = 0
        var digits = 0
        var separators = 0
        for ch in text.utf8 {
            switch ch {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v << 4 | UInt64(ch - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v << 4 | UInt64(ch - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = v << 4 | UInt64(ch - 55)
            case UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "."):
                separators += 1
                continue
            default: return nil
            }
            digits += 1
            if digits > 12 { return nil }
        }
        guard digits == 12, separators == 0 || separators == 5 || separators == 2 else { return nil }
        rawValue = v
    }

    public static let zero = MACAddress(rawValue: 0)
    public static let broadcast = MACAddress(rawValue: 0xFFFF_FFFF_FFFF)

    public func byte(_ i: Int) -> UInt8 { UInt8(truncatingIfNeeded: rawValue >> UInt64(8 * (5 - i))) }

    /// The I/G bit: group (multicast or broadcast) addresses never name one device.
    public var isMulticast: Bool { byte(0) & 0x01 != 0 }
    /// The U/L bit: locally administered, as phones' private Wi-Fi addresses are.
    public var isLocallyAdministered: Bool { byte(0) & 0x02 != 0 }
    /// A unicast address that could belong to a station (not zero, not group).
    public var isUnicastStation: Bool { !isMulticast && rawValue != 0 }

    public var oui24: UInt32 { UInt32(truncatingIfNeeded: rawValue >> 24) }

    public static func < (a: MACAddress, b: MACAddress) -> Bool { a.rawValue < b.rawValue }
}

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

extension MACAddress: CustomStringConvertible, Codable {
    /// Lower-case colon form, as tshark and `ip link` print it.
    public var description: String {
        var out = [UInt8](repeating: UInt8(ascii: ":"), count: 17)
        for i in 0..<6 {
            let b = byte(i)
            out[i * 3] = hexDigits[Int(b >> 4)]
            out[i * 3 + 1] = hexDigits[Int(b & 0xF)]
        }
        return String(decoding: out, as: UTF8.self)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let m = MACAddress(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a MAC address: \(s)")
        }
        self = m
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
