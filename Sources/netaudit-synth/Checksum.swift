import NetAddress

/// The Internet checksum (RFC 1071): a ones'-complement sum of 16-bit words.
///
/// The 64-bit accumulator defers carries until `value`, so words can be added
/// in any grouping; only the final chunk may have odd length.
struct InternetChecksum {
    private(set) var sum: UInt64 = 0

    mutating func add16(_ v: UInt16) { sum &+= UInt64(v) }
    mutating func add32(_ v: UInt32) { sum &+= UInt64(v >> 16) &+ UInt64(v & 0xFFFF) }
    mutating func add(_ a: IPv4Address) { add32(a.rawValue) }
    mutating func add(_ a: IPv6Address) {
        for shift in stride(from: 48, through: 0, by: -16) { add16(UInt16(truncatingIfNeeded: a.high >> UInt64(shift))) }
        for shift in stride(from: 48, through: 0, by: -16) { add16(UInt16(truncatingIfNeeded: a.low >> UInt64(shift))) }
    }

    /// Adds bytes as big-endian words; an odd last byte is padded with zero on the right.
    mutating func add(_ bytes: ArraySlice<UInt8>) {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i + 1 < end {
            sum &+= UInt64(bytes[i]) << 8 | UInt64(bytes[i + 1])
            i += 2
        }
        if i < end { sum &+= UInt64(bytes[i]) << 8 }
    }
    mutating func add(_ bytes: [UInt8]) { add(bytes[...]) }

    /// The folded, complemented checksum to put in a header.
    var value: UInt16 {
        var s = sum
        while s >> 16 != 0 { s = (s & 0xFFFF) + (s >> 16) }
        return ~UInt16(s)
    }

    /// Pseudo-header for TCP/UDP over IPv4 (RFC 793, RFC 768).
    static func pseudoHeader(_ src: IPv4Address, _ dst: IPv4Address, protocol proto: UInt8, length: Int) -> InternetChecksum {
        var c = InternetChecksum()
        c.add(src); c.add(dst); c.add16(UInt16(proto)); c.add16(UInt16(length))
        return c
    }

    /// Pseudo-header for upper layers over IPv6 (RFC 8200 8.1).
    static func pseudoHeader(_ src: IPv6Address, _ dst: IPv6Address, nextHeader: UInt8, length: Int) -> InternetChecksum {
        var c = InternetChecksum()
        c.add(src); c.add(dst); c.add32(UInt32(length)); c.add16(UInt16(nextHeader))
        return c
    }
}

/// Updates a stored checksum after one 16-bit word changed from `old` to `new` (RFC 1624 eqn. 3).
///
/// The benchmark writer patches sequence numbers and IP identifiers in prebuilt
/// frames; this keeps their checksums right without re-summing the payload.
@inline(__always)
func adjustedChecksum(_ check: UInt16, old: UInt16, new: UInt16) -> UInt16 {
    var s = UInt32(~check) + UInt32(~old) + UInt32(new)
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    return ~UInt16(s)
}
