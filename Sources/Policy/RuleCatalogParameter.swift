extension RuleCatalog {
    /// What values a rule parameter accepts.
    public enum ParameterType: Sendable, Equatable, CustomStringConvertible {
        case bool
        /// An integer within the closed range.
        case int(ClosedRange<Int>)
        case string
        /// A filesystem path (resolved relative to the profile that sets it).
        case path
        /// One member of the closed vocabulary.
        case enumeration([String])
        /// A list whose members come from the closed vocabulary; duplicates are rejected.
        case enumList([String])
        /// A list of free strings; `itemKind` says how each item is validated.
        case stringList(ItemKind)
        /// A list of ports or port ranges (`23/tcp`, `161/udp`, `6000-6063`).
        case portList
        /// A list of TLS cipher classes (`RuleCatalog.CipherClass`).
        case cipherClassList

        /// How the items of a `stringList` are checked.
        public enum ItemKind: String, Sendable, Equatable {
            case text
            /// An IPv4 address or a MAC address.
            case ipv4OrMAC = "ipv4_or_mac"
        }

        /// The members a value must come from, for enumerations and enumerated lists.
        public var domain: [String]? {
            switch self {
            case .enumeration(let values), .enumList(let values): values
            case .cipherClassList: RuleCatalog.CipherClass.allCases.map(\.rawValue)
            case .bool, .int, .string, .path, .stringList, .portList: nil
            }
        }

        /// Short name used in documentation and messages.
        public var description: String {
            switch self {
            case .bool: "bool"
            case .int(let range): "int \(range.lowerBound)…\(range.upperBound)"
            case .string: "string"
            case .path: "path"
            case .enumeration(let values): "enum {" + values.joined(separator: ", ") + "}"
            case .enumList(let values): "list of {" + values.joined(separator: ", ") + "}"
            case .stringList(let kind): kind == .text ? "list of string" : "list of IPv4 or MAC address"
            case .portList: "port list"
            case .cipherClassList: "cipher-class list {" + RuleCatalog.CipherClass.allCases.map(\.rawValue).joined(separator: ", ") + "}"
            }
        }

        static func enumeration<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> ParameterType where E.RawValue == String {
            .enumeration(E.allCases.map(\.rawValue))
        }
        static func enumList<E: CaseIterable & RawRepresentable>(_ type: E.Type) -> ParameterType where E.RawValue == String {
            .enumList(E.allCases.map(\.rawValue))
        }
    }

    /// Whether a parameter needs a value from the profile.
    public enum ParameterRequirement: Sendable, Equatable {
        /// Used when no profile in the chain sets it; `profile show` marks it "catalog default".
        case defaulted(ProfileValue)
        /// Enabling the rule without a value is a lint error: no document gives a universal value.
        case required
        /// May stay unset; the rule then skips the check the parameter drives.
        case optional
    }

    /// One parameter of a rule: its name in `params:`, its type and what happens when unset.
    public struct Parameter: Sendable, Equatable {
        public let name: String
        public let type: ParameterType
        public let requirement: ParameterRequirement
        /// One line of English for documentation and `profile show`.
        public let summary: String

        public init(_ name: String, _ type: ParameterType, _ requirement: ParameterRequirement, _ summary: String) {
            self.name = name; self.type = type; self.requirement = requirement; self.summary = summary
        }

        public var defaultValue: ProfileValue? {
            if case .defaulted(let value) = requirement { value } else { nil }
        }
        public var isRequired: Bool { requirement == .required }
    }
}
