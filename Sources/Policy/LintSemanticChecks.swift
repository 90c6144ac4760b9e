import NetAddress

/// Checks that need the merged profile: parameters an enabled rule cannot do without,
/// exceptions against approver roles and expiry, and overlapping sites.
enum LintSemanticChecks {
    static func check(_ resolved: ResolvedProfile, profiles: [Profile], options: ProfileCheckOptions) -> [LintDiagnostic] {
        var diagnostics: [LintDiagnostic] = []
        let rejected = Set(profiles.flatMap { profile in profile.rules.flatMap { rule in rule.rejectedParams.map { "\(rule.id.value).\($0)" } } })
        for rule in resolved.enabledRules {
            for parameter in rule.entry.parameters
            where parameter.isRequired && rule.parameter(parameter.name) == nil && !rejected.contains("\(rule.id).\(parameter.name)") {
                guard let location = rule.origin.location else { continue }
                diagnostics.append(LintDiagnostic(.error, at: location,
                    "rule '\(rule.id)' is enabled but parameter '\(parameter.name)' has no value; it has no default because no document gives a universal one: set it under params with its citation"))
            }
        }
        diagnostics += checkExceptions(resolved, today: options.today)
        diagnostics += checkSites(resolved.scope.sites)
        return diagnostics
    }

    private static func checkExceptions(_ resolved: ResolvedProfile, today: ProfileDate) -> [LintDiagnostic] {
        var diagnostics: [LintDiagnostic] = []
        let roles = resolved.approverRoles?.value
        for exception in resolved.exceptions {
            let name = "exception '\(exception.id.value)'"
            if let roles {
                if let role = exception.approverRole {
                    if !roles.contains(role.value) {
                        diagnostics.append(LintDiagnostic(.error, at: role.location,
                            "approver_role '\(role.value)' of \(name) may not approve exceptions under this profile (allowed: \(roles.joined(separator: ", ")))\(LintSuggestion.didYouMean(role.value, among: roles))"))
                    }
                } else {
                    diagnostics.append(LintDiagnostic(.error, at: exception.location,
                        "\(name) needs 'approver_role': this profile allows only \(roles.joined(separator: ", ")) to approve exceptions"))
                }
            }
            if exception.rules.isEmpty {
                let strict = resolved.rules.filter { $0.enabled && !$0.allowsExceptions }.map(\.id)
                if !strict.isEmpty {
                    diagnostics.append(LintDiagnostic(.error, at: exception.location,
                        "\(name) applies to every rule, including \(strict.joined(separator: ", ")) for which the policy allows no exception; list the rules it covers"))
                }
            } else {
                for rule in exception.rules where resolved.settings(for: rule.value)?.allowsExceptions == false {
                    diagnostics.append(LintDiagnostic(.error, at: rule.location,
                        "contradiction: \(name) covers '\(rule.value)', but the policy allows no exception for that rule (allow_exceptions: false)"))
                }
            }
            if let expires = exception.expires, expires.value < today {
                diagnostics.append(LintDiagnostic(.warning, at: expires.location,
                    "\(name) expired on \(expires.value) (today is \(today)); renew the approval or remove the exception"))
            }
        }
        return diagnostics
    }

    private static func checkSites(_ sites: [ProfileSite]) -> [LintDiagnostic] {
        var diagnostics: [LintDiagnostic] = []
        for (index, site) in sites.enumerated() {
            for earlier in sites[..<index] {
                for subnet in site.subnets {
                    for other in earlier.subnets where overlaps(subnet.value, other.value) {
                        diagnostics.append(LintDiagnostic(.warning, at: subnet.location,
                            "subnet \(subnet.value) of site '\(site.name.value)' overlaps \(other.value) of site '\(earlier.name.value)'; devices there will be attributed to '\(earlier.name.value)'"))
                    }
                }
            }
        }
        return diagnostics
    }

    private static func overlaps(_ a: IPv4Network, _ b: IPv4Network) -> Bool {
        let shorter = min(a.prefixLength, b.prefixLength)
        let mask: UInt32 = shorter == 0 ? 0 : UInt32.max << UInt32(32 - shorter)
        return a.network.rawValue & mask == b.network.rawValue & mask
    }
}
