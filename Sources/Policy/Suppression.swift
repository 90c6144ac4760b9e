/// Applies approved exceptions and the baseline to raw findings.
///
/// - An exception in force on `today` that covers a finding suppresses it (kind `exception`), unless
///   the profile says the rule allows no exception (the linter already refuses such exceptions; this
///   is the second lock).
/// - An exception whose `expires` date has passed suppresses nothing. When it would have covered a
///   finding, the finding stays active and the exception is reported as lapsed (once per exception),
///   so `ledger.approval_expired` can say so.
/// - A finding whose fingerprint the baseline holds is suppressed (kind `baseline`).
struct Suppression {
    let exceptions: [ProfileException]
    let profile: ResolvedProfile
    let today: ProfileDate
    let baseline: Baseline?

    /// A lapsed exception and the findings it no longer covers, in the order first met.
    struct Lapse {
        let exception: ProfileException
        var uncovered: [Finding]
    }

    /// `finding` with its suppression note when an exception in force covers it.
    func applyExceptions(_ finding: Finding, lapses: inout [Lapse]) -> Finding {
        guard profile.settings(for: finding.ruleID)?.allowsExceptions ?? true else { return finding }
        var result = finding
        if let exception = exceptions.first(where: { $0.isActive(on: today) && $0.covers(ruleID: finding.ruleID, subject: finding.subject) }) {
            result.suppression = Suppression.note(for: exception)
            return result
        }
        for exception in exceptions {
            guard let expires = exception.expires, expires.value < today,
                  exception.covers(ruleID: finding.ruleID, subject: finding.subject) else { continue }
            if let index = lapses.firstIndex(where: { $0.exception.id.value == exception.id.value }) {
                lapses[index].uncovered.append(finding)
            } else {
                lapses.append(Lapse(exception: exception, uncovered: [finding]))
            }
        }
        return result
    }

    /// `finding` marked as baselined when the baseline holds it and nothing else suppressed it.
    func applyBaseline(_ finding: Finding) -> Finding {
        guard finding.suppression == nil, let baseline, baseline.contains(finding) else { return finding }
        var result = finding
        result.suppression = baseline.note
        return result
    }

    /// The note for a finding `exception` covers. `SuppressionNote` has no id field, so the
    /// exception's id and approval reference lead the reason, where a reader of the report looks.
    static func note(for exception: ProfileException) -> SuppressionNote {
        var reason = "exception '\(exception.id.value)'"
        if let reference = exception.approvalRef { reason += " (\(reference))" }
        if let text = exception.reason { reason += ": \(text)" }
        return SuppressionNote(kind: .exception, approver: exception.approver ?? exception.approverRole?.value,
                               reason: reason, expires: exception.expires?.value.description)
    }
}
