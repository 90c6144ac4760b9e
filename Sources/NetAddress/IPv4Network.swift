/// An IPv4 prefix such as `198.18.0.0/24`; used for scopes, sites and target lists.
public struct IPv4Network: Hashable, Sendable, CustomStringConvertible, Codable {
    public let network: IPv4Address
    public let prefixLength: Int

    public init?(network: IPv4Address, prefixLength: Int) {
        guard (0...32).contains(prefixLength) else { return nil }
        self.prefixLength = prefixLength
        self.network = IPv4Address(rawValue: network.rawValue & IPv4Network.mask(prefixLength))
    }

    /// Parses `a.b.c.d/n` or a bare address (a /32).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let addr = IPv4Address(parts[0]) else { return nil }
        var len = 32
        if parts.count == 2 {
            guard let l = Int(parts[1]), (0...32).contains(l), parts[1].allSatisfy(\.isASCII) else { return nil }
            len = l
        }
        self.init(network: addr, prefixLength: len)
    }

    static func mask(_ len: Int) -> UInt32 { len == 0 ? 0 : UInt32.max << UInt32(32 - len) }

    public var mask: UInt32 { IPv4Network.mask(prefixLength) }
    public func contains(_ a: IPv4Address) -> Bool { a.rawValue & mask == network.rawValue }
    public var addressCount: UInt64 { UInt64(1) << UInt64(32 - prefixLength) }
    public var description: String { "\(network)/\(prefixLength)" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let n = IPv4Network(s) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "not an IPv4 prefix: \(s)") }
        self = n
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
