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
            /// A `tls.*` rule, and the snapshot holds no TLS endpoint (neither probed nor captured).
            case noTLSData = "no_tls_data"
            /// A `mail.*` rule, and no endpoint on the rule's ports has STARTTLS facts (what the server said before TLS).
            case noMailEndpoints = "no_mail_endpoints"
            /// A `services.*` rule, and the snapshot comes from passive capture only (no `probe` source): open ports need an active scan.
            case needsActiveScan = "needs_active_scan"

            /// One line for a terminal: what is missing and what to run.
            public var explanation: String {
                switch self {
                case .notImplemented: "not implemented yet"
                case .needsLedger: "needs --ledger"
                case .noTLSData: "no TLS endpoints were probed or captured: run `netaudit tls` or `audit --scan`"
                case .noMailEndpoints: "no mail endpoint with STARTTLS facts was probed: run `netaudit tls` against the mail servers' SMTP/POP3/IMAP ports or `audit --scan`"
                case .needsActiveScan: "needs an active scan: a capture shows no listening ports; run `audit --scan` or audit a `netaudit scan` inventory"
                }
            }
        }
        public let id: String
        public let reason: Reason
        /// What the reason does not say by itself (e.g. mail endpoints that were probed but unreachable).
        public let detail: String?

        public init(id: String, reason: Reason, detail: String? = nil) { self.id = id; self.reason = reason; self.detail = detail }

        /// `services.not_allowed (not implemented yet)`, `tls.weak_cipher (no TLS endpoints were probed …)`.
        public var description: String {
            "\(id) (\(reason.explanation)\(detail.map { "; \($0)" } ?? ""))"
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
            notEvaluated: notEvaluated.map { AuditReport.NotEvaluated(id: $0.id, reason: $0.reason.rawValue, detail: $0.detail) })
    }
}
