import NetAddress

/// A `HOST[:PORT]` argument as typed: `198.18.0.10`, `mail.example.test:587`, `[2001:2::1]:443`.
/// Parsing only; resolving a name is the caller's decision (a lookup is traffic).
public struct TLSTargetSpec: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// The host is an IPv4 or IPv6 literal.
    public var isAddress: Bool

    public static let defaultPort = 443

    public init(host: String, port: Int, isAddress: Bool) { self.host = host; self.port = port; self.isAddress = isAddress }

    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty, badPort(String), badHost(String)
        public var description: String {
            switch self {
            case .empty: "empty target"
            case .badPort(let text): "'\(text)' is not a port (1-65535)"
            case .badHost(let text): "'\(text)' is not a host name or an IP address"
            }
        }
    }

    public static func parse(_ text: String) throws(ParseError) -> TLSTargetSpec {
        guard !text.isEmpty else { throw .empty }
        var host = text
        var portText: String?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .badHost(text) }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw .badHost(text) }
                portText = String(rest.dropFirst())
            }
            guard IPv6Address(host) != nil else { throw .badHost(host) }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            host = String(text[..<colon])
            portText = String(text[text.index(after: colon)...])
        } else if text.contains(":") {
            // A bare IPv6 literal without brackets: no port.
            guard IPv6Address(text) != nil else { throw .badHost(text) }
        }
        var port = defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else { throw .badPort(portText) }
            port = value
        }
        let isAddress = IPv4Address(host) != nil || IPv6Address(host) != nil
        if !isAddress {
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            let valid = !host.isEmpty && host.utf8.count <= 253 && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            }
            guard valid else { throw .badHost(host) }
        }
        return TLSTargetSpec(host: host, port: port, isAddress: isAddress)
    }
}

/// `--resolve NAME:PORT:ADDRESS` as curl spells it: use ADDRESS for NAME on PORT without a lookup.
public struct TLSResolveOverride: Sendable, Equatable {
    public var name: String
    public var port: Int
    public var address: String

    public static func parse(_ text: String) -> TLSResolveOverride? {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, !parts[0].isEmpty, let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
        var address = parts[2]
        if address.hasPrefix("["), address.hasSuffix("]") { address = String(address.dropFirst().dropLast()) }
        guard IPv4Address(address) != nil || IPv6Address(address) != nil else { return nil }
        return TLSResolveOverride(name: parts[0].lowercased(), port: port, address: address)
    }
}
