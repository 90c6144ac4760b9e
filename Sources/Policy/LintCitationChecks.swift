/// Every setting a profile file makes must be justified in that same file: by a citation of a
/// document clause or public source, or by `org_decision: true` where the documents give no
/// value. A parent's citations justify only the parent's own settings.
enum LintCitationChecks {
    static let howToCite = "add citations (document, section, quote, english) or org_decision: true"

    /// `profiles` is the linearised chain, lowest priority first.
    static func check(_ profiles: [Profile]) -> [LintDiagnostic] {
        var diagnostics: [LintDiagnostic] = []
        var mentionedEarlier = Set<String>()
        for profile in profiles {
            for setting in profile.rules where RuleCatalog.entry(for: setting.id.value) != nil {
                let id = setting.id.value
                // Listing a rule nobody listed before enables it, as does an explicit `enabled: true`.
                let enables = setting.enabled?.value ?? !mentionedEarlier.contains(id)
                let covered = !setting.citations.isEmpty
                if enables, !covered {
                    diagnostics.append(LintDiagnostic(.error, at: setting.id.location,
                                                      "rule '\(id)' is enabled without a citation: \(howToCite)"))
                } else if !covered {
                    for param in setting.params where param.citations.isEmpty {
                        diagnostics.append(LintDiagnostic(.error, at: param.name.location,
                                                          "setting '\(id).\(param.name.value)' has no citation: \(howToCite)"))
                    }
                    if let allow = setting.allowExceptions {
                        diagnostics.append(LintDiagnostic(.error, at: allow.location,
                                                          "'allow_exceptions' of rule '\(id)' has no citation: \(howToCite)"))
                    }
                }
                mentionedEarlier.insert(id)
            }
            if profile.scope.citations.isEmpty {
                if let setting = profile.scope.ipOnlyMatching {
                    diagnostics.append(LintDiagnostic(.error, at: setting.location,
                                                      "scope.ip_only_matching has no citation: add scope.citations (\(howToCite))"))
                }
                if let setting = profile.scope.wirelessScope {
                    diagnostics.append(LintDiagnostic(.error, at: setting.location,
                                                      "scope.wireless_scope has no citation: add scope.citations (\(howToCite))"))
                }
            }
            if let approvers = profile.approvers, approvers.citations.isEmpty {
                diagnostics.append(LintDiagnostic(.error, at: approvers.location,
                                                  "approvers.roles has no citation: add approvers.citations (\(howToCite))"))
            }
        }
        return diagnostics
    }
}
