import Snapshot

/// Everything one audit run concluded, as the reporters render it and as `--format json` writes it.
///
/// The JSON layout is a versioned contract documented in `docs/report-json.md`: fields may be added
/// (minor version), never renamed or removed without a major version. Build it with
/// ``init(generator:generatedAt:profile:ledger:inputs:failOn:rules:findings:inventory:)``, which splits
/// active from suppressed findings, orders both deterministically and computes the summary, so every
/// reporter and the exit code agree on the same numbers.
public struct AuditReport: Codable, Sendable, Equatable {
    /// Bumped in the minor part for additive changes, the major part for breaking ones.
    public static let currentSchemaVersion = "1.0"

    public var schemaVersion: String
    public var generator: Generator
    /// When the audit ran (RFC 3339); the CLI pins it with `SOURCE_DATE_EPOCH` for reproducible output.
    public var generatedAt: Timestamp
    public var profile: ProfileReference
    /// Absent when the audit ran without an equipment ledger.
    public var ledger: LedgerReference?
    /// Capture and inventory files the snapshot was built from, in the order given.
    public var inputs: [Input]
    /// The lowest severity that makes the run fail (exit status 1).
    public var failOn: Severity
    public var summary: Summary
    /// The rules the audit evaluated, so that reporters can name rules and count clean ones.
    public var rules: [EvaluatedRule]
    /// Findings no exception or baseline covers, in ``Finding/precedesInReport(_:_:)`` order.
    public var findings: [Finding]
    /// Findings covered by an exception or the baseline, each with its `suppression`, in report order.
    public var suppressed: [Finding]
    /// The observed network the findings are about.
    public var inventory: Snapshot
    /// Rules the profile enables that this run could not evaluate (no implementation yet, or no
    /// ledger): listed so that an audit never passes them silently.
    public var notEvaluated: [NotEvaluated]

    /// Builds a report from every finding of the run: those with a `suppression` go to ``suppressed``,
    /// the rest to ``findings``; both are sorted and the summary is computed from them.
    public init(generator: Generator = .netaudit, generatedAt: Timestamp, profile: ProfileReference,
                ledger: LedgerReference? = nil, inputs: [Input] = [], failOn: Severity, rules: [EvaluatedRule] = [],
                findings: [Finding], inventory: Snapshot, notEvaluated: [NotEvaluated] = []) {
        let active = findings.filter { $0.suppression == nil }.sortedForReport()
        let suppressed = findings.filter { $0.suppression != nil }.sortedForReport()
        self.schemaVersion = AuditReport.currentSchemaVersion
        self.generator = generator
        self.generatedAt = generatedAt
        self.profile = profile
        self.ledger = ledger
        self.inputs = inputs
        self.failOn = failOn
        self.rules = rules.sorted { scalarsPrecede($0.id, $1.id) }
        self.findings = active
        self.suppressed = suppressed
        self.inventory = inventory
        self.notEvaluated = notEvaluated.sorted { scalarsPrecede($0.id, $1.id) }
        self.summary = Summary(active: active, suppressed: suppressed.count, devices: inventory.devices.count,
                               failOn: failOn)
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", generator, generatedAt = "generated_at", profile, ledger, inputs
        case failOn = "fail_on", summary, rules, findings, suppressed, inventory, notEvaluated = "not_evaluated"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(String.self, forKey: .schemaVersion)
        generator = try c.decode(Generator.self, forKey: .generator)
        generatedAt = try c.decode(Timestamp.self, forKey: .generatedAt)
        profile = try c.decode(ProfileReference.self, forKey: .profile)
        ledger = try c.decodeIfPresent(LedgerReference.self, forKey: .ledger)
        inputs = try c.decodeIfPresent([Input].self, forKey: .inputs) ?? []
        failOn = try c.decode(Severity.self, forKey: .failOn)
        summary = try c.decode(Summary.self, forKey: .summary)
        rules = try c.decodeIfPresent([EvaluatedRule].self, forKey: .rules) ?? []
        findings = try c.decode([Finding].self, forKey: .findings)
        suppressed = try c.decodeIfPresent([Finding].self, forKey: .suppressed) ?? []
        inventory = try c.decode(Snapshot.self, forKey: .inventory)
        notEvaluated = try c.decodeIfPresent([NotEvaluated].self, forKey: .notEvaluated) ?? []
    }

    /// An enabled rule that was not run, and why (`not_implemented`, `needs_ledger`).
    public struct NotEvaluated: Codable, Sendable, Equatable {
        public var id: String
        public var reason: String
        /// What the reason does not say by itself (e.g. the mail endpoints that were unreachable); absent when nothing.
        public var detail: String?
        public init(id: String, reason: String, detail: String? = nil) { self.id = id; self.reason = reason; self.detail = detail }
    }

    /// 1 when an active finding is at or above ``failOn``, else 0: the CLI's exit code for a completed audit.
    public var exitStatus: Int32 { Int32(summary.exitStatus) }

    /// Every finding, active first, then suppressed, each group in report order.
    public var allFindings: [Finding] { findings + suppressed }

    /// The profile the audit judged against.
    public struct ProfileReference: Codable, Sendable, Equatable {
        /// The profile's `id:` (e.g. `jpma-000`).
        public var id: String
        /// The profile's human title.
        public var title: String
        /// The YAML file as given on the command line.
        public var path: String
        public init(id: String, title: String, path: String) { self.id = id; self.title = title; self.path = path }
    }

    /// The IT equipment ledger (社内 IT 機材管理 台帳) the inventory was compared with.
    public struct LedgerReference: Codable, Sendable, Equatable {
        public var path: String
        /// Asset rows read from the ledger.
        public var assetCount: Int
        public init(path: String, assetCount: Int) { self.path = path; self.assetCount = assetCount }
        enum CodingKeys: String, CodingKey { case path, assetCount = "asset_count" }
    }

    /// One file the observed network came from.
    public struct Input: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            /// A pcap or pcapng file (or `-` for stdin).
            case capture
            /// A snapshot JSON written earlier by `netaudit inventory` (read by `audit --inventory`).
            case inventory
            /// An active scan run by `audit --scan` (path: `scan IF TARGETS … tcp PORTS`).
            case probe
        }
        public var kind: Kind
        public var path: String
        public init(kind: Kind, path: String) { self.kind = kind; self.path = path }
    }

    /// A rule the profile enabled: its id, a title in both languages and its configured severity.
    public struct EvaluatedRule: Codable, Sendable, Equatable {
        /// Stable rule id, `family.name` (e.g. `ledger.unregistered_device`).
        public var id: String
        public var title: LocalizedText
        public var severity: Severity
        public init(id: String, title: LocalizedText, severity: Severity) {
            self.id = id; self.title = title; self.severity = severity
        }
    }

    /// Numbers every reporter prints and the exit status the CLI returns.
    public struct Summary: Codable, Sendable, Equatable {
        /// Active findings per severity.
        public var bySeverity: SeverityCounts
        /// Active findings in all.
        public var total: Int
        /// Findings covered by exceptions or the baseline.
        public var suppressed: Int
        /// Devices in the inventory.
        public var devices: Int
        /// 1 when an active finding is at or above `fail_on`, else 0.
        public var exitStatus: Int

        public init(bySeverity: SeverityCounts, total: Int, suppressed: Int, devices: Int, exitStatus: Int) {
            self.bySeverity = bySeverity; self.total = total; self.suppressed = suppressed
            self.devices = devices; self.exitStatus = exitStatus
        }

        public init(active: [Finding], suppressed: Int, devices: Int, failOn: Severity) {
            var counts = SeverityCounts()
            for finding in active { counts[finding.severity] += 1 }
            self.init(bySeverity: counts, total: active.count, suppressed: suppressed, devices: devices,
                      exitStatus: active.contains { $0.severity >= failOn } ? 1 : 0)
        }

        enum CodingKeys: String, CodingKey {
            case bySeverity = "by_severity", total, suppressed, devices, exitStatus = "exit_status"
        }
    }

    /// A count per severity, encoded as an object with all five keys so consumers never miss a zero.
    public struct SeverityCounts: Codable, Sendable, Equatable {
        public var critical = 0
        public var high = 0
        public var medium = 0
        public var low = 0
        public var info = 0

        public init() {}

        public subscript(severity: Severity) -> Int {
            get {
                switch severity {
                case .critical: critical
                case .high: high
                case .medium: medium
                case .low: low
                case .info: info
                }
            }
            set {
                switch severity {
                case .critical: critical = newValue
                case .high: high = newValue
                case .medium: medium = newValue
                case .low: low = newValue
                case .info: info = newValue
                }
            }
        }
    }
}

extension Finding {
    /// The order every report lists findings in: severity descending, then rule id, subject label and
    /// fingerprint ascending (compared by Unicode scalars, so the order never depends on the locale).
    public static func precedesInReport(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.ruleID != b.ruleID { return scalarsPrecede(a.ruleID, b.ruleID) }
        let labelA = a.subject.label, labelB = b.subject.label
        if labelA != labelB { return scalarsPrecede(labelA, labelB) }
        return scalarsPrecede(a.fingerprint, b.fingerprint)
    }

    /// The rule family: the part of the rule id before the first dot (`tls` for `tls.cert_expiring`).
    public var ruleFamily: String {
        guard let dot = ruleID.firstIndex(of: ".") else { return ruleID }
        return String(ruleID[..<dot])
    }
}

extension Sequence where Element == Finding {
    /// The findings in ``Finding/precedesInReport(_:_:)`` order.
    public func sortedForReport() -> [Finding] { sorted(by: Finding.precedesInReport) }
}

/// Compares by Unicode scalar values: Swift's `String <` already ignores the locale, but scalar order
/// is also what other tools (jq, Python) use, so sorted output matches theirs.
private func scalarsPrecede(_ a: String, _ b: String) -> Bool {
    a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
}

extension AuditReport.EvaluatedRule {
    /// The catalog's id and summary with the severity the profile configured (the catalog default if none).
    public init(catalogEntry entry: RuleCatalog.Entry, severity: Severity? = nil) {
        self.init(id: entry.id, title: entry.summary, severity: severity ?? entry.defaultSeverity)
    }
}
