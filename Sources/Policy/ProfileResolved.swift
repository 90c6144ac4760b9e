import NetAddress

/// A profile after `extends:` merging: what an audit actually enforces. Sendable, immutable,
/// with every value traceable to the file line that set it.
public struct ResolvedProfile: Sendable {
    /// `metadata.id` of the profile that was loaded (the leaf of the chain).
    public let id: String
    public let metadata: ProfileMetadata
    /// The loaded file (display path).
    public let file: String
    /// Every file merged, lowest priority first; the last is `file`.
    public let chain: [String]
    public let scope: ResolvedScope
    /// Roles allowed to approve exceptions; nil when no profile in the chain restricts them.
    public let approverRoles: ProfileLocated<[String]>?
    /// Every catalog rule, enabled or not, in catalog order.
    public let rules: [ResolvedRule]
    public let exceptions: [ProfileException]

    public init(id: String, metadata: ProfileMetadata, file: String, chain: [String], scope: ResolvedScope,
                approverRoles: ProfileLocated<[String]>?, rules: [ResolvedRule], exceptions: [ProfileException]) {
        self.id = id; self.metadata = metadata; self.file = file; self.chain = chain; self.scope = scope
        self.approverRoles = approverRoles; self.rules = rules; self.exceptions = exceptions
    }

    /// The settings of `ruleID` when the profile enables it; nil when disabled or unknown.
    public func rule(_ ruleID: String) -> ResolvedRule? {
        guard let settings = settings(for: ruleID), settings.enabled else { return nil }
        return settings
    }

    /// The settings of `ruleID` whether enabled or not; nil only for ids the catalog does not know.
    public func settings(for ruleID: String) -> ResolvedRule? { rules.first { $0.id == ruleID } }

    public var enabledRules: [ResolvedRule] { rules.filter(\.enabled) }

    /// Exceptions in force on `date`.
    public func activeExceptions(on date: ProfileDate) -> [ProfileException] { exceptions.filter { $0.isActive(on: date) } }

    /// The first exception in force on `date` that covers a finding of `ruleID` about `subject`.
    public func exception(covering ruleID: String, subject: Subject, ssid: String? = nil, on date: ProfileDate) -> ProfileException? {
        activeExceptions(on: date).first { $0.covers(ruleID: ruleID, subject: subject, ssid: ssid) }
    }
}

/// The merged scope.
public struct ResolvedScope: Sendable {
    public let ipOnlyMatching: Bool
    public let ipOnlyMatchingOrigin: ProfileOrigin
    public let wirelessScope: RuleCatalog.WirelessScope
    public let wirelessScopeOrigin: ProfileOrigin
    public let sites: [ProfileSite]
    public let ssids: [ProfileSSID]
    public let citations: [ProfileLocated<Citation>]

    public init(ipOnlyMatching: Bool, ipOnlyMatchingOrigin: ProfileOrigin, wirelessScope: RuleCatalog.WirelessScope,
                wirelessScopeOrigin: ProfileOrigin, sites: [ProfileSite], ssids: [ProfileSSID], citations: [ProfileLocated<Citation>]) {
        self.ipOnlyMatching = ipOnlyMatching; self.ipOnlyMatchingOrigin = ipOnlyMatchingOrigin
        self.wirelessScope = wirelessScope; self.wirelessScopeOrigin = wirelessScopeOrigin
        self.sites = sites; self.ssids = ssids; self.citations = citations
    }

    /// The site whose subnets contain `address`, if any (the first declared wins on overlap).
    public func site(containing address: IPv4Address) -> ProfileSite? { sites.first { $0.contains(address) } }

    /// The SSIDs the wireless rules judge under `wirelessScope`.
    public var judgedSSIDs: [ProfileSSID] {
        wirelessScope == .confidentialSSIDs ? ssids.filter(\.confidential) : ssids
    }
}
