/// A port or port range with its transport, as profiles write it: `23`, `23/tcp`, `161/udp`,
/// `6000-6063/tcp`. A bare number means TCP and UDP alike.
public struct ProfilePortRange: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Transport: String, Sendable, CaseIterable {
        case tcp, udp, any
    }

    public let lower: Int
    public let upper: Int
    public let transport: Transport

    public init?(lower: Int, upper: Int, transport: Transport) {
        guard (1...65535).contains(lower), (1...65535).contains(upper), lower <= upper else { return nil }
        self.lower = lower; self.upper = upper; self.transport = transport
    }

    /// For the catalog's literal defaults, which are in range by construction.
    init(known port: Int, _ transport: Transport) {
        lower = port; upper = port; self.transport = transport
    }

    /// Parses `N`, `N/tcp`, `N/udp`, `N-M`, `N-M/tcp`; nil when malformed or out of 1…65535.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        var transport = Transport.any
        if parts.count == 2 {
            guard let parsed = Transport(rawValue: parts[1].lowercased()), parsed != .any else { return nil }
            transport = parsed
        }
        let bounds = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count),
              bounds.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let low = Int(bounds[0]), let high = Int(bounds[bounds.count - 1]) else { return nil }
        self.init(lower: low, upper: high, transport: transport)
    }

    /// True when `port` on `transport` (`tcp` or `udp`) falls in this range.
    public func contains(port: Int, transport other: Transport) -> Bool {
        (lower...upper).contains(port) && (transport == .any || other == .any || transport == other)
    }

    /// True when some port/transport pair is in both ranges.
    public func overlaps(_ other: ProfilePortRange) -> Bool {
        lower <= other.upper && other.lower <= upper
            && (transport == .any || other.transport == .any || transport == other.transport)
    }

    public var description: String {
        let span = lower == upper ? "\(lower)" : "\(lower)-\(upper)"
        return transport == .any ? span : "\(span)/\(transport.rawValue)"
    }

    public static func < (a: ProfilePortRange, b: ProfilePortRange) -> Bool {
        (a.lower, a.upper, a.transport.rawValue) < (b.lower, b.upper, b.transport.rawValue)
    }
}
