/// An IPv4 address in host byte order.
public struct IPv4Address: Hashable, Comparable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        rawValue = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Reads four network-order bytes at `offset`; the caller has bounds-checked.
    @inlinable
    public init(bytes: UnsafeRawBufferPointer, at offset: Int) {
        rawValue = UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    /// Strict dotted-quad: four decimal octets, no leading zeros beyond a single "0".
    public init?(_ text: some StringProtocol) {
        var parts: [UInt32] = []
        var cur: UInt32 = 0
        var len = 0
        var leadingZero = false
        for ch in text.utf8 {
            if ch == UInt8(ascii: ".") {
                guard len > 0, parts.count < 3 else { return nil }
                parts.append(cur); cur = 0; len = 0; leadingZero = false
            } else if ch >= 48 && ch <= 57 {
                if len == 1 && leadingZero { return nil }
                if len == 0 && ch == 48 { leadingZero = true }
                cur = cur * 10 + UInt32(ch - 48)
                len += 1
                guard cur <= 255, len <= 3 else { return nil }
            } else { return nil }
        }
        guard len > 0, parts.count == 3 else { return nil }
        parts.append(cur)
        rawValue = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3]
    }

    public static let any = IPv4Address(rawValue: 0)
    public static let broadcast = IPv4Address(rawValue: 0xFFFF_FFFF)

    public var isUnspecified: Bool { rawValue == 0 }
    public var isBroadcast: Bool { rawValue == 0xFFFF_FFFF }
    public var isMulticast: Bool { rawValue >> 28 == 0xE }
    public var isLoopback: Bool { rawValue >> 24 == 127 }
    public var isLinkLocal: Bool { rawValue >> 16 == 0xA9FE }
    /// RFC 1918, RFC 6598 shared space, link-local, loopback and RFC 2544 benchmarking space.
    public var isPrivateUse: Bool {
        rawValue >> 24 == 10 || rawValue >> 20 == 0xAC1 || rawValue >> 16 == 0xC0A8
            || rawValue >> 22 == (100 << 2 | 1) || isLinkLocal || isLoopback || rawValue >> 17 == (0xC612 >> 1)
    }
    /// An address a single host could hold as its own source.
    public var isHostAddress: Bool { !isUnspecified && !isBroadcast && !isMulticast && rawValue >> 24 != 0 }

    public static func < (a: IPv4Address, b: IPv4Address) -> Bool { a.rawValue < b.rawValue }
}

extension IPv4Address: CustomStringConvertible, Codable {
    public var description: String {
        "\(rawValue >> 24).\(rawValue >> 16 & 0xFF).\(rawValue >> 8 & 0xFF).\(rawValue & 0xFF)"
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let a = IPv4Address(s) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an IPv4 address: \(s)") }
        self = a
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// An IPv6 address as two 64-bit halves in host order.
public struct IPv6Address: Hashable, Comparable, Sendable {
    public let high: UInt64
    public let low: UInt64
    public init(high: UInt64, low: UInt64) { self.high = high; self.low = low }

    @inlinable
    public init(bytes: UnsafeRawBufferPointer, at offset: Int) {
        var h: UInt64 = 0, l: UInt64 = 0
        for i in 0..<8 { h = h << 8 | UInt64(bytes[offset + i]) }
        for i in 8..<16 { l = l << 8 | UInt64(bytes[offset + i]) }
        high = h; low = l
    }

    /// RFC 4291 text form, including `::` compression and an embedded dotted quad.
    public init?(_ text: some StringProtocol) {
        let u = Array(text.utf8)
        var split: Int? = nil
        var i = 0
        while i + 1 < u.count {
            if u[i] == 58 && u[i + 1] == 58 {
                if split != nil { return nil }
                split = i
                i += 2
            } else { i += 1 }
        }
        var groups: [UInt16]
        if let at = split {
            guard let head = IPv6Address.parseGroups(u[0..<at], allowV4: false),
                  let tail = IPv6Address.parseGroups(u[(at + 2)...], allowV4: true) else { return nil }
            let missing = 8 - head.count - tail.count
            guard missing >= 1 else { return nil }
            groups = head + Array(repeating: 0, count: missing) + tail
        } else {
            guard let g = IPv6Address.parseGroups(u[...], allowV4: true) else { return nil }
            groups = g
        }
        guard groups.count == 8 else { return nil }
        var h: UInt64 = 0, l: UInt64 = 0
        for i in 0..<4 { h = h << 16 | UInt64(groups[i]) }
        for i in 4..<8 { l = l << 16 | UInt64(groups[i]) }
        high = h; low = l
    }

    private static func parseGroups(_ s: ArraySlice<UInt8>, allowV4: Bool) -> [UInt16]? {
        if s.isEmpty { return [] }
        var out: [UInt16] = []
        let fields = s.split(separator: 58, omittingEmptySubsequences: false)
        for (i, f) in fields.enumerated() {
            if allowV4 && i == fields.count - 1 && f.contains(46) {
                guard let v4 = IPv4Address(String(decoding: f, as: UTF8.self)) else { return nil }
                out.append(UInt16(v4.rawValue >> 16)); out.append(UInt16(v4.rawValue & 0xFFFF))
                continue
            }
            guard !f.isEmpty, f.count <= 4 else { return nil }
            var v: UInt16 = 0
            for ch in f {
                switch ch {
                case 48...57: v = v << 4 | UInt16(ch - 48)
                case 97...102: v = v << 4 | UInt16(ch - 87)
                case 65...70: v = v << 4 | UInt16(ch - 55)
                default: return nil
                }
            }
            out.append(v)
        }
        return out
    }

    public static let unspecified = IPv6Address(high: 0, low: 0)
    public var isUnspecified: Bool { high == 0 && low == 0 }
    public var isMulticast: Bool { high >> 56 == 0xFF }
    public var isLinkLocal: Bool { high >> 54 == 0x3FA }   // fe80::/10
    public var isLoopback: Bool { high == 0 && low == 1 }
    public var isUniqueLocal: Bool { high >> 57 == 0x7E }  // fc00::/7
    public var isHostAddress: Bool { !isUnspecified && !isMulticast && !isLoopback }

    public static func < (a: IPv6Address, b: IPv6Address) -> Bool { (a.high, a.low) < (b.high, b.low) }
}

extension IPv6Address: CustomStringConvertible, Codable {
    public var description: String {
        var g = [UInt16](repeating: 0, count: 8)
        for i in 0..<4 { g[i] = UInt16(truncatingIfNeeded: high >> UInt64(48 - 16 * i)) }
        for i in 0..<4 { g[4 + i] = UInt16(truncatingIfNeeded: low >> UInt64(48 - 16 * i)) }
        // Longest run of two or more zero groups becomes "::" (RFC 5952).
        var bestStart = -1, bestLen = 0, i = 0
        while i < 8 {
            if g[i] == 0 {
                var j = i
                while j < 8 && g[j] == 0 { j += 1 }
                if j - i > bestLen && j - i >= 2 { bestStart = i; bestLen = j - i }
                i = j
            } else { i += 1 }
        }
        func hex(_ v: UInt16) -> String { String(v, radix: 16) }
        if bestStart < 0 { return g.map(hex).joined(separator: ":") }
        let head = g[0..<bestStart].map(hex).joined(separator: ":")
        let tail = g[(bestStart + bestLen)...].map(hex).joined(separator: ":")
        return head + "::" + tail
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let a = IPv6Address(s) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an IPv6 address: \(s)") }
        self = a
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
