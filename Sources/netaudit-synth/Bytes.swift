import NetAddress

/// Big-endian (network order) writers for building frames in `[UInt8]`.
///
/// Frames for the office scenario and the benchmark templates are assembled
/// with these; the benchmark's hot loop only patches bytes in place.
extension Array where Element == UInt8 {
    mutating func u8(_ v: UInt8) { append(v) }
    mutating func be16(_ v: UInt16) { append(UInt8(v >> 8)); append(UInt8(v & 0xFF)) }
    mutating func be32(_ v: UInt32) {
        append(UInt8(v >> 24)); append(UInt8(v >> 16 & 0xFF)); append(UInt8(v >> 8 & 0xFF)); append(UInt8(v & 0xFF))
    }
    mutating func be64(_ v: UInt64) { be32(UInt32(v >> 32)); be32(UInt32(v & 0xFFFF_FFFF)) }
    mutating func mac(_ m: MACAddress) { for i in 0..<6 { append(m.byte(i)) } }
    mutating func ipv4(_ a: IPv4Address) { be32(a.rawValue) }
    mutating func ipv6(_ a: IPv6Address) { be64(a.high); be64(a.low) }
    mutating func utf8(_ s: String) { append(contentsOf: Array(s.utf8)) }
    mutating func zeros(_ n: Int) { append(contentsOf: repeatElement(0, count: n)) }

    mutating func setBE16(_ v: UInt16, at i: Int) { self[i] = UInt8(v >> 8); self[i + 1] = UInt8(v & 0xFF) }
    mutating func setBE32(_ v: UInt32, at i: Int) {
        self[i] = UInt8(v >> 24); self[i + 1] = UInt8(v >> 16 & 0xFF)
        self[i + 2] = UInt8(v >> 8 & 0xFF); self[i + 3] = UInt8(v & 0xFF)
    }
    func readBE16(at i: Int) -> UInt16 { UInt16(self[i]) << 8 | UInt16(self[i + 1]) }
    func readBE32(at i: Int) -> UInt32 {
        UInt32(self[i]) << 24 | UInt32(self[i + 1]) << 16 | UInt32(self[i + 2]) << 8 | UInt32(self[i + 3])
    }
}

/// Lower-case hex, as the truth file writes client identifiers and DUIDs.
func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)]) }
    return String(decoding: out, as: UTF8.self)
}

extension IPv4Address {
    /// The address `n` further on, for walking a subnet.
    func advanced(by n: Int) -> IPv4Address { IPv4Address(rawValue: UInt32(truncatingIfNeeded: Int(rawValue) + n)) }
}

extension IPv6Address {
    /// `prefix`::/64 joined with a 64-bit interface identifier.
    init(prefix: IPv6Address, interfaceID: UInt64) { self.init(high: prefix.high, low: interfaceID) }

    /// The modified EUI-64 interface identifier (RFC 4291 appendix A) of a MAC.
    static func eui64(_ mac: MACAddress) -> UInt64 {
        let b = (0..<6).map { UInt64(mac.byte($0)) }
        return (b[0] ^ 0x02) << 56 | b[1] << 48 | b[2] << 40 | 0xFF << 32 | 0xFE << 24 | b[3] << 16 | b[4] << 8 | b[5]
    }

    /// fe80::/64 with the given interface identifier.
    static func linkLocal(_ interfaceID: UInt64) -> IPv6Address { IPv6Address(high: 0xFE80_0000_0000_0000, low: interfaceID) }

    /// ff02::1:ffXX:XXXX, where neighbor solicitations for this address go (RFC 4291 2.7.1).
    var solicitedNode: IPv6Address { IPv6Address(high: 0xFF02_0000_0000_0000, low: 0x0000_0001_FF00_0000 | (low & 0xFF_FFFF)) }

    /// 33:33 followed by the low 32 bits: the Ethernet group address for an IPv6 multicast (RFC 2464).
    var multicastMAC: MACAddress { MACAddress(rawValue: 0x3333_0000_0000 | (low & 0xFFFF_FFFF)) }
}

extension IPv4Address {
    /// 01:00:5e plus the low 23 bits (RFC 1112).
    var multicastMAC: MACAddress { MACAddress(rawValue: 0x0100_5E00_0000 | UInt64(rawValue & 0x7F_FFFF)) }
}
