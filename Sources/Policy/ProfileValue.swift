/// A typed parameter value as a profile sets it (after the linter has checked it against the
/// parameter's type in `RuleCatalog`).
public enum ProfileValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case int(Int)
    /// A string, an enumeration member or a file path.
    case string(String)
    /// A list of strings or enumeration members, in profile order.
    case strings([String])
    case ports([ProfilePortRange])

    public var boolValue: Bool? { if case .bool(let v) = self { v } else { nil } }
    public var intValue: Int? { if case .int(let v) = self { v } else { nil } }
    public var stringValue: String? { if case .string(let v) = self { v } else { nil } }
    public var stringsValue: [String]? { if case .strings(let v) = self { v } else { nil } }
    public var portsValue: [ProfilePortRange]? { if case .ports(let v) = self { v } else { nil } }

    /// The value as a profile would spell it, for messages and `profile show`.
    public var description: String {
        switch self {
        case .bool(let v): String(v)
        case .int(let v): String(v)
        case .string(let v): v
        case .strings(let v): "[" + v.joined(separator: ", ") + "]"
        case .ports(let v): "[" + v.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

extension ProfileValue: Encodable {
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let v): try container.encode(v)
        case .int(let v): try container.encode(v)
        case .string(let v): try container.encode(v)
        case .strings(let v): try container.encode(v)
        case .ports(let v): try container.encode(v.map(\.description))
        }
    }
}
