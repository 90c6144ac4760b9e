/// What an active scan may touch: explicit target CIDRs minus exclusions, private ranges only unless
/// public ones are explicitly allowed, and never more than `maxTargets` addresses.
/// Every prober takes a `ScanScope` and only ever addresses what `contains` accepts.
import NetAddress

public enum ScopeError: Error, Equatable, CustomStringConvertible, Sendable {
    case noTargets
    case publicTarget(IPv4Network)
    case tooManyTargets(max: Int)
    case badNetwork(String)
    public var description: String {
        switch self {
        case .noTargets: return "no target addresses left after exclusions"
        case .publicTarget(let n): return "\(n) includes public addresses; scanning them needs --allow-public"
        case .tooManyTargets(let max): return "more than \(max) target addresses; narrow --targets or raise --max-targets"
        case .badNetwork(let s): return "not an IPv4 CIDR: \(s)"
        }
    }
}

public struct ScanScope: Sendable, Equatable {
    public static let defaultMaxTargets = 4096
    /// Ranges a scan may address without `allowPublic`: RFC 1918, CGNAT (RFC 6598),
    /// link-local (RFC 3927) and benchmarking (RFC 2544) space.
    public static let nonPublicRanges: [IPv4Network] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                                                         "100.64.0.0/10", "169.254.0.0/16", "198.18.0.0/15"]
        .map { IPv4Network($0)! }

    public let targets: [IPv4Network]
    public let exclusions: [IPv4Network]
    public let allowPublic: Bool
    public let maxTargets: Int
    /// The addresses to probe, ascending, without network/broadcast addresses of /0…/30 targets.
    public let addresses: [IPv4Address]

    public init(targets: [IPv4Network], excluding exclusions: [IPv4Network] = [], allowPublic: Bool = false,
                maxTargets: Int = ScanScope.defaultMaxTargets) throws {
        guard !targets.isEmpty else { throw ScopeError.noTargets }
        if !allowPublic {
            for t in targets where !ScanScope.isNonPublic(t) { throw ScopeError.publicTarget(t) }
        }
        // Bound the work before enumerating: a /0 must not allocate 4 G addresses.
        let upperBound = targets.reduce(UInt64(0)) { $0 + $1.addressCount }
        let excludedBound = exclusions.reduce(UInt64(0)) { $0 + $1.addressCount }
        if upperBound > UInt64(maxTargets) + excludedBound + 2 * UInt64(targets.count) {
            throw ScopeError.tooManyTargets(max: maxTargets)
        }
        var set = Set<IPv4Address>()
        for t in targets {
            var first = t.network.rawValue
            var last = first | ~t.mask
            if t.prefixLength <= 30 { first += 1; last -= 1 }
            var a = first
            while a <= last {
                let ip = IPv4Address(rawValue: a)
                if !exclusions.contains(where: { $0.contains(ip) }) { set.insert(ip) }
                if a == UInt32.max { break }
                a += 1
            }
        }
        guard !set.isEmpty else { throw ScopeError.noTargets }
        guard set.count <= maxTargets else { throw ScopeError.tooManyTargets(max: maxTargets) }
        self.targets = targets
        self.exclusions = exclusions
        self.allowPublic = allowPublic
        self.maxTargets = maxTargets
        self.addresses = set.sorted()
        self.members = set
    }

    private let members: Set<IPv4Address>

    /// Parses `198.18.0.0/24,198.18.1.5` (a bare address is a /32).
    public static func parseList(_ text: String) throws -> [IPv4Network] {
        try text.split(separator: ",").map { part in
            let s = part.trimmingCharacters(in: " ")
            let cidr = s.contains("/") ? s : s + "/32"
            guard let n = IPv4Network(cidr) else { throw ScopeError.badNetwork(String(s)) }
            return n
        }
    }

    public static func isNonPublic(_ n: IPv4Network) -> Bool {
        nonPublicRanges.contains { r in r.prefixLength <= n.prefixLength && r.contains(n.network) }
    }

    /// True only for an address this scope may send to.
    public func contains(_ a: IPv4Address) -> Bool { members.contains(a) }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return s
    }
}
