import Snapshot

/// What one audit run concluded: the findings that count, those an exception or the baseline
/// covers, and which of the profile's rules were and were not evaluated.
public struct AuditOutcome: Sendable {
    /// Findings nothing suppresses, in report order (severity, then rule id, subject, fingerprint).
    public let findings: [Finding]
    /// Findings an exception or the baseline covers, each with its `suppression` note, in report order.
    public let suppressed: [Finding]
    /// The enabled rules that ran, in catalog order.
    public let evaluated: [ResolvedRule]
    /// The enabled rules that could not run, and why: they are listed, never silently dropped.
    public let notEvaluated: [NotEvaluatedRule]

    public init(findings: [Finding], suppressed: [Finding], evaluated: [ResolvedRule], notEvaluated: [NotEvaluatedRule]) {
        self.findings = findings.sortedForReport()
        self.suppressed = suppressed.sortedForReport()
        self.evaluated = evaluated
        self.notEvaluated = notEvaluated
    }

    /// An enabled rule the audit did not run.
    public struct NotEvaluatedRule: Sendable, Equatable {
        public enum Reason: String, Sendable {
            /// The catalog knows the rule but the engine has no implementation yet (it needs probes or wireless capture).
            case notImplemented = "not_implemented"
            /// The rule compares against the equipment ledger and the audit ran without one.
            case needsLedger = "needs_ledger"
        }
        public let id: String
        public let reason: Reason

        public init(id: String, reason: Reason) { self.id = id; self.reason = reason }

        /// `services.not_allowed (not implemented yet)`.
        public var description: String {
            "\(id) (\(reason == .notImplemented ? "not implemented yet" : "needs --ledger"))"
        }
    }

    /// Active findings first, then suppressed ones.
    public var allFindings: [Finding] { findings + suppressed }

    /// True when an active finding is at or above `severity`.
    public func fails(at severity: Severity) -> Bool { findings.contains { $0.severity >= severity } }

    /// Active findings per severity.
    public var countsBySeverity: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for finding in findings { counts[finding.severity, default: 0] += 1 }
        return counts
    }

    /// The report the reporters render: every finding (active and suppressed) and the rules that ran.
    public func report(generatedAt: Timestamp, profile: ResolvedProfile, ledger: AuditReport.LedgerReference?,
                       inputs: [AuditReport.Input], failOn: Severity, inventory: Snapshot) -> AuditReport {
        AuditReport(
            generatedAt: generatedAt,
            profile: AuditReport.ProfileReference(id: profile.id, title: profile.metadata.title ?? profile.id, path: profile.file),
            ledger: ledger, inputs: inputs, failOn: failOn,
            rules: evaluated.map { AuditReport.EvaluatedRule(catalogEntry: $0.entry, severity: $0.severity) },
            findings: allFindings, inventory: inventory,
            notEvaluated: notEvaluated.map { AuditReport.NotEvaluated(id: $0.id, reason: $0.reason.rawValue) })
    }
}
