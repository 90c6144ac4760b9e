/// One allowed service: a transport and a port, as `tcp/22` or `udp/161`.
public struct ServiceSpec: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public enum Transport: String, Sendable, CaseIterable, Codable {
        case tcp, udp
    }

    public let transport: Transport
    public let port: UInt16

    public init(_ transport: Transport, _ port: UInt16) {
        self.transport = transport
        self.port = port
    }

    public var description: String { "\(transport.rawValue)/\(port)" }

    public static func < (a: ServiceSpec, b: ServiceSpec) -> Bool {
        (a.transport.rawValue, a.port) < (b.transport.rawValue, b.port)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard case .services(let specs) = ServiceSpec.parseItem(text), specs.count == 1 else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not transport/port: \(text)")
        }
        self = specs[0]
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ServiceSpec {
    /// The outcome of reading one item of an `allowed_services` cell.
    public enum ItemResult: Sendable, Equatable {
        case services([ServiceSpec])
        case invalid(reason: String)
    }

    /// One item: `tcp/22`, `22/tcp` (the `/etc/services` order), `TCP 22`, or a well-known
    /// name (`ssh`, `https`, `snmp`; `dns` means both `udp/53` and `tcp/53`).
    public static func parseItem(_ item: String) -> ItemResult {
        let folded = LedgerText.trimmed(LedgerText.nfkc(item).lowercased())
        guard !folded.isEmpty else { return .invalid(reason: "empty service") }
        let parts = folded.split(whereSeparator: { $0 == "/" || $0 == ":" || $0 == " " })
        if parts.count == 2 {
            let (first, second) = (String(parts[0]), String(parts[1]))
            if let transport = Transport(rawValue: first) { return spec(transport, portText: second, item: item) }
            if let transport = Transport(rawValue: second) { return spec(transport, portText: first, item: item) }
            if WellKnownServices.table[first] != nil || WellKnownServices.table[second] != nil {
                return .invalid(reason: "\"\(item)\": write either a service name or transport/port, not both")
            }
            return .invalid(reason: "\"\(item)\": the transport must be tcp or udp")
        }
        if parts.count == 1 {
            if let specs = WellKnownServices.table[folded] { return .services(specs) }
            if folded.allSatisfy({ $0.isASCII && $0.isNumber }) {
                return .invalid(reason: "\"\(item)\": give the transport, e.g. tcp/\(folded) or udp/\(folded)")
            }
            let candidates = WellKnownServices.entries.map { (key: $0.name, value: $0.name) }
            if let near = LedgerText.closest(to: folded, among: candidates) {
                return .invalid(reason: "unknown service name \"\(item)\"; did you mean \"\(near.value)\"?")
            }
            return .invalid(reason: "unknown service name \"\(item)\"; write it as tcp/PORT or udp/PORT")
        }
        return .invalid(reason: "\"\(item)\" is not transport/port (e.g. tcp/443) or a service name (e.g. https)")
    }

    private static func spec(_ transport: Transport, portText: String, item: String) -> ItemResult {
        guard !portText.isEmpty, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int(portText.prefix(6)), portText.count <= 5, (1...65535).contains(value) else {
            return .invalid(reason: "\"\(item)\": the port must be a number from 1 to 65535")
        }
        return .services([ServiceSpec(transport, UInt16(value))])
    }

    /// Separators between items: `;` (documented), and `,`, `、` and line breaks, which
    /// people type inside one cell anyway.
    static func isItemSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == ";" || scalar == "," || scalar == "、" || scalar == "；" || scalar == "，" || scalar == "\n" || scalar == "\r"
    }
}
