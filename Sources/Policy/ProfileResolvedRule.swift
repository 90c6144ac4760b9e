/// A rule's effective settings after `extends:` merging, with catalog defaults filled in. The
/// audit engine reads parameters through the typed accessors:
/// `profile.rule("tls.cert_expiring")?.int("renewal_lead_days")`.
public struct ResolvedRule: Sendable {
    public let entry: RuleCatalog.Entry
    public var id: String { entry.id }
    public let enabled: Bool
    public let enabledOrigin: ProfileOrigin
    public let severity: Severity
    public let severityOrigin: ProfileOrigin
    /// False when the policy gives this prohibition no exception path; exceptions naming it are lint errors.
    public let allowsExceptions: Bool
    /// Every parameter with a value (set by a profile or defaulted), in catalog order. Optional
    /// parameters nobody set are absent.
    public let parameters: [ResolvedParameter]
    /// Rule-level citations from every profile in the chain that mentions the rule.
    public let citations: [ProfileLocated<Citation>]
    /// The last profile line that mentions the rule (the rule id key), or the catalog.
    public let origin: ProfileOrigin
    public let note: String?

    public init(entry: RuleCatalog.Entry, enabled: Bool, enabledOrigin: ProfileOrigin, severity: Severity,
                severityOrigin: ProfileOrigin, allowsExceptions: Bool, parameters: [ResolvedParameter],
                citations: [ProfileLocated<Citation>], origin: ProfileOrigin, note: String?) {
        self.entry = entry; self.enabled = enabled; self.enabledOrigin = enabledOrigin; self.severity = severity
        self.severityOrigin = severityOrigin; self.allowsExceptions = allowsExceptions; self.parameters = parameters
        self.citations = citations; self.origin = origin; self.note = note
    }

    public func parameter(_ name: String) -> ResolvedParameter? { parameters.first { $0.name == name } }
    public func value(_ name: String) -> ProfileValue? { parameter(name)?.value }

    public func bool(_ name: String) -> Bool? { value(name)?.boolValue }
    public func int(_ name: String) -> Int? { value(name)?.intValue }
    public func string(_ name: String) -> String? { value(name)?.stringValue }
    public func strings(_ name: String) -> [String]? { value(name)?.stringsValue }
    public func ports(_ name: String) -> [ProfilePortRange]? { value(name)?.portsValue }

    /// An enumeration parameter as its Swift type, e.g. `rule.enumeration("min_version", as: RuleCatalog.TLSVersion.self)`.
    public func enumeration<T: RawRepresentable>(_ name: String, as type: T.Type) -> T? where T.RawValue == String {
        string(name).flatMap(T.init(rawValue:))
    }

    /// An enumerated-list parameter as its Swift type (members the type does not know are dropped).
    public func enumerations<T: RawRepresentable>(_ name: String, as type: T.Type) -> [T]? where T.RawValue == String {
        strings(name).map { $0.compactMap(T.init(rawValue:)) }
    }

    /// All citations that justify this rule's effective settings: rule-level and per-parameter.
    public var allCitations: [ProfileLocated<Citation>] {
        var seen = Set<ProfileLocated<Citation>>()
        return (citations + parameters.flatMap(\.citations)).filter { seen.insert($0).inserted }
    }
}

/// One parameter's effective value, where it was set, and what justifies it.
public struct ResolvedParameter: Sendable {
    public let name: String
    public let value: ProfileValue
    public let origin: ProfileOrigin
    /// The parameter's own citations, or the rule-level citations of the profile that set it.
    public let citations: [ProfileLocated<Citation>]

    public init(name: String, value: ProfileValue, origin: ProfileOrigin, citations: [ProfileLocated<Citation>]) {
        self.name = name; self.value = value; self.origin = origin; self.citations = citations
    }
}
