/// What one profile file says about one rule. Absent fields inherit from parent profiles and
/// finally from `RuleCatalog`.
public struct ProfileRuleSetting: Sendable {
    /// The rule id as written (the key under `rules:`).
    public var id: ProfileLocated<String>
    public var enabled: ProfileLocated<Bool>?
    public var severity: ProfileLocated<Severity>?
    /// False where the policy allows no exception path (e.g. a prohibition with no approval clause).
    public var allowExceptions: ProfileLocated<Bool>?
    public var params: [ProfileParamSetting]
    /// Sources for this rule setting as a whole (enabling it, and every parameter without its own).
    public var citations: [ProfileLocated<Citation>]
    public var note: String?
    /// Parameters written in the file but rejected (bad type or value); already reported, so
    /// later checks do not report them again as missing.
    public var rejectedParams: [String] = []

    public init(id: ProfileLocated<String>, enabled: ProfileLocated<Bool>? = nil, severity: ProfileLocated<Severity>? = nil,
                allowExceptions: ProfileLocated<Bool>? = nil, params: [ProfileParamSetting] = [],
                citations: [ProfileLocated<Citation>] = [], note: String? = nil) {
        self.id = id; self.enabled = enabled; self.severity = severity; self.allowExceptions = allowExceptions
        self.params = params; self.citations = citations; self.note = note
    }

    public func param(_ name: String) -> ProfileParamSetting? { params.first { $0.name.value == name } }
}

/// One parameter value. Written either `name: value` or, to cite it separately,
/// `name: {value: …, citations: […]}`.
public struct ProfileParamSetting: Sendable {
    public var name: ProfileLocated<String>
    public var value: ProfileLocated<ProfileValue>
    public var citations: [ProfileLocated<Citation>]

    public init(name: ProfileLocated<String>, value: ProfileLocated<ProfileValue>, citations: [ProfileLocated<Citation>] = []) {
        self.name = name; self.value = value; self.citations = citations
    }
}
