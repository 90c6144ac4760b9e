import Ledger
import Snapshot

/// The audit: `audit(snapshot, ledger, profile, clock) -> findings`, pure.
///
/// No sockets, no files, no clock: the date and time come in as values, exceptions and the baseline
/// come in already read. That is what lets CI audit a stored snapshot, lets an incident responder
/// re-audit yesterday's capture with today's profile, and lets every rule be tested from values.
///
/// Every rule the profile enables runs when the registry has an implementation for it; enabled
/// rules without one (or needing a ledger the run lacks) are listed in `notEvaluated`.
public enum Auditor {
    /// Audits `snapshot` against `ledger` and `profile` on `today` at `now`.
    ///
    /// - Parameters:
    ///   - exceptions: exceptions from an exceptions file, applied with the profile's own.
    ///   - baseline: an earlier report's findings; those it holds are suppressed as `baseline`.
    ///   - rules: the implementations to use (tests pass subsets); the registry by default.
    public static func audit(snapshot: Snapshot, ledger: Ledger?, profile: ResolvedProfile, today: ProfileDate, now: Timestamp,
                             exceptions: [ProfileException] = [], baseline: Baseline? = nil,
                             rules: [any AuditRule.Type] = RuleRegistry.all, only: (@Sendable (String) -> Bool)? = nil) -> AuditOutcome {
        audit(AuditContext(snapshot: snapshot, ledger: ledger, profile: profile, today: today, now: now),
              exceptions: exceptions, baseline: baseline, rules: rules, only: only)
    }

    /// Audits an already built context.
    public static func audit(_ context: AuditContext, exceptions: [ProfileException] = [], baseline: Baseline? = nil,
                             rules: [any AuditRule.Type] = RuleRegistry.all, only: (@Sendable (String) -> Bool)? = nil) -> AuditOutcome {
        var evaluated: [ResolvedRule] = []
        var notEvaluated: [AuditOutcome.NotEvaluatedRule] = []
        var raw: [Finding] = []
        // `only` narrows the audit to the rules a command observes (e.g. `netaudit tls`: tls.* and mail.*).
        for setting in context.profile.enabledRules where only?(setting.id) ?? true {
            guard let implementation = rules.first(where: { $0.id == setting.id }) else {
                notEvaluated.append(.init(id: setting.id, reason: .notImplemented))
                continue
            }
            if implementation.requiresLedger && context.ledger == nil {
                notEvaluated.append(.init(id: setting.id, reason: .needsLedger))
                continue
            }
            if let requirement = implementation as? any AuditInputRequirement.Type,
               let missing = requirement.missingInput(context, setting) {
                notEvaluated.append(missing)
                continue
            }
            evaluated.append(setting)
            raw += implementation.init().evaluate(context, setting)
        }

        let suppression = Suppression(exceptions: context.profile.exceptions + exceptions, profile: context.profile,
                                      today: context.today, baseline: baseline)
        var lapses: [Suppression.Lapse] = []
        var judged = unique(raw).sortedForReport().map { suppression.applyExceptions($0, lapses: &lapses) }

        // An exception that ran out while its findings are still there is itself a finding.
        if let expiredRule = evaluated.first(where: { $0.id == ApprovalExpiredRule.id }) {
            var ignored: [Suppression.Lapse] = []
            for lapse in lapses {
                let finding = ApprovalExpiredRule.lapsedException(lapse.exception, uncovered: lapse.uncovered, context, expiredRule)
                judged.append(suppression.applyExceptions(finding, lapses: &ignored))
            }
            judged = unique(judged)
        }

        judged = judged.map(suppression.applyBaseline)
        return AuditOutcome(findings: judged.filter { $0.suppression == nil }, suppressed: judged.filter { $0.suppression != nil },
                            evaluated: evaluated, notEvaluated: notEvaluated)
    }

    /// The findings with repeated fingerprints dropped (first kept): a fingerprint names one finding.
    private static func unique(_ findings: [Finding]) -> [Finding] {
        var seen = Set<String>()
        return findings.filter { seen.insert($0.fingerprint).inserted }
    }
}

/// A rule that judges one kind of observed input (TLS endpoints, mail servers' STARTTLS facts) and has
/// nothing to judge when the snapshot holds none of it. The auditor then lists the rule as not
/// evaluated, with the reason and what to run, instead of letting it pass silently.
public protocol AuditInputRequirement {
    /// Why `rule` cannot be judged on `context` (nil when the input it needs is there).
    static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule?
}
