/// Merges a linearised `extends:` chain (lowest priority first) into one `ResolvedProfile`.
///
/// Semantics (documented in docs/profile-schema.md):
/// - rules: per rule, a later profile overrides `enabled`, `severity`, `allow_exceptions` and
///   each parameter it sets; parameters it does not set are inherited. Listing a rule enables it
///   unless some profile says `enabled: false`; the last explicit `enabled` wins. Rule citations
///   accumulate along the chain.
/// - scope: `ip_only_matching` and `wireless_scope` are overridden; sites and SSIDs are merged by
///   name (a later one with the same name replaces the earlier one in place, new names append).
/// - approvers: the last profile that declares them wins.
/// - exceptions: merged by `id` like sites.
/// - metadata: the loaded profile's own; parents' metadata is not inherited.
enum ProfileMerger {
    private struct RuleState {
        var mentioned = false
        var enabled: ProfileLocated<Bool>?
        var firstMention: LintLocation?
        var lastMention: LintLocation?
        var severity: ProfileLocated<Severity>?
        var allowExceptions: ProfileLocated<Bool>?
        var parameters: [String: ResolvedParameter] = [:]
        var citations: [ProfileLocated<Citation>] = []
        var note: String?
    }

    static func merge(_ profiles: [Profile], chain: [String], leaf: Profile) -> ResolvedProfile {
        var rules: [String: RuleState] = [:]
        var ipOnly: ProfileLocated<Bool>?
        var wirelessScope: ProfileLocated<RuleCatalog.WirelessScope>?
        var sites: [ProfileSite] = []
        var ssids: [ProfileSSID] = []
        var scopeCitations: [ProfileLocated<Citation>] = []
        var approvers: ProfileLocated<[String]>?
        var exceptions: [ProfileException] = []

        for profile in profiles {
            for setting in profile.rules where RuleCatalog.entry(for: setting.id.value) != nil {
                var state = rules[setting.id.value] ?? RuleState()
                state.mentioned = true
                state.firstMention = state.firstMention ?? setting.id.location
                state.lastMention = setting.id.location
                if let enabled = setting.enabled { state.enabled = enabled }
                if let severity = setting.severity { state.severity = severity }
                if let allow = setting.allowExceptions { state.allowExceptions = allow }
                if let note = setting.note { state.note = note }
                state.citations += setting.citations
                for param in setting.params {
                    state.parameters[param.name.value] = ResolvedParameter(
                        name: param.name.value, value: param.value.value, origin: .file(param.value.location),
                        citations: param.citations.isEmpty ? setting.citations : param.citations)
                }
                rules[setting.id.value] = state
            }
            if let value = profile.scope.ipOnlyMatching { ipOnly = value }
            if let value = profile.scope.wirelessScope { wirelessScope = value }
            scopeCitations += profile.scope.citations
            for site in profile.scope.sites { replaceOrAppend(&sites, site) { $0.name.value == site.name.value } }
            for ssid in profile.scope.ssids { replaceOrAppend(&ssids, ssid) { $0.name.value == ssid.name.value } }
            if let declared = profile.approvers { approvers = declared.roles }
            for exception in profile.exceptions {
                replaceOrAppend(&exceptions, exception) { $0.id.value == exception.id.value }
            }
        }

        let resolvedRules = RuleCatalog.entries.map { entry -> ResolvedRule in
            let state = rules[entry.id] ?? RuleState()
            let parameters = entry.parameters.compactMap { parameter -> ResolvedParameter? in
                if let set = state.parameters[parameter.name] { return set }
                guard let value = parameter.defaultValue else { return nil }
                return ResolvedParameter(name: parameter.name, value: value, origin: .catalogDefault, citations: [])
            }
            let enabledOrigin: ProfileOrigin = state.enabled.map { .file($0.location) }
                ?? state.firstMention.map(ProfileOrigin.file) ?? .catalogDefault
            return ResolvedRule(
                entry: entry, enabled: state.enabled?.value ?? state.mentioned, enabledOrigin: enabledOrigin,
                severity: state.severity?.value ?? entry.defaultSeverity,
                severityOrigin: state.severity.map { .file($0.location) } ?? .catalogDefault,
                allowsExceptions: state.allowExceptions?.value ?? true, parameters: parameters,
                citations: deduplicated(state.citations), origin: state.lastMention.map(ProfileOrigin.file) ?? .catalogDefault,
                note: state.note)
        }

        let scope = ResolvedScope(
            ipOnlyMatching: ipOnly?.value ?? false, ipOnlyMatchingOrigin: ipOnly.map { .file($0.location) } ?? .catalogDefault,
            wirelessScope: wirelessScope?.value ?? .organisationSSIDs,
            wirelessScopeOrigin: wirelessScope.map { .file($0.location) } ?? .catalogDefault,
            sites: sites, ssids: ssids, citations: deduplicated(scopeCitations))
        let id = leaf.metadata.id?.value ?? stem(of: leaf.file)
        return ResolvedProfile(id: id, metadata: leaf.metadata, file: leaf.file, chain: chain, scope: scope,
                               approverRoles: approvers, rules: resolvedRules, exceptions: exceptions)
    }

    private static func replaceOrAppend<T>(_ array: inout [T], _ element: T, where matches: (T) -> Bool) {
        if let index = array.firstIndex(where: matches) { array[index] = element } else { array.append(element) }
    }

    private static func deduplicated(_ citations: [ProfileLocated<Citation>]) -> [ProfileLocated<Citation>] {
        var seen = Set<ProfileLocated<Citation>>()
        return citations.filter { seen.insert($0).inserted }
    }

    private static func stem(of file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}
