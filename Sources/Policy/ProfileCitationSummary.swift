/// How the settings one profile file makes are justified, for CI reports and the shipped-profile
/// tests. A setting is: enabling a rule, each parameter set, `allow_exceptions`, `scope.ip_only_matching`,
/// `scope.wireless_scope`, and `approvers.roles`. A setting with several citations counts in
/// every category it has.
public struct ProfileCitationSummary: Sendable, Equatable, CustomStringConvertible {
    public var settings = 0
    /// Cites a clause of a policy document (document + section + quote, no URL).
    public var documentCited = 0
    /// Cites a public good-practice source (document title + URL).
    public var publicSourceCited = 0
    /// Carries `org_decision: true`.
    public var orgDecisions = 0
    /// Has no citation at all (a lint error).
    public var uncited = 0

    public init() {}

    public init(_ profile: Profile) {
        for setting in profile.rules where RuleCatalog.entry(for: setting.id.value) != nil && setting.enabled?.value != false {
            count(setting.citations)
            if setting.allowExceptions != nil { count(setting.citations) }
            for param in setting.params { count(param.citations.isEmpty ? setting.citations : param.citations) }
        }
        if profile.scope.ipOnlyMatching != nil { count(profile.scope.citations) }
        if profile.scope.wirelessScope != nil { count(profile.scope.citations) }
        if let approvers = profile.approvers { count(approvers.citations) }
    }

    private mutating func count(_ citations: [ProfileLocated<Citation>]) {
        settings += 1
        if citations.isEmpty { uncited += 1 }
        if citations.contains(where: { $0.value.document != nil && $0.value.url == nil }) { documentCited += 1 }
        if citations.contains(where: { $0.value.url != nil }) { publicSourceCited += 1 }
        if citations.contains(where: { $0.value.orgDecision }) { orgDecisions += 1 }
    }

    public var description: String {
        "\(settings) settings: \(documentCited) cite a policy document, \(publicSourceCited) a public source, \(orgDecisions) are org decisions, \(uncited) uncited"
    }
}
