import Ledger
import NetAddress
import Snapshot

/// Everything a rule may look at, built once per audit run.
///
/// The date and time are injected (`today`, `now`) rather than read from the clock, so a stored
/// snapshot re-audited tomorrow with `--today` set to today's date gives today's answer, and tests
/// are deterministic. Device-to-asset matching is done here once, so that every ledger rule agrees
/// on which ledger row a device is.
public struct AuditContext: Sendable {
    public let snapshot: Snapshot
    /// Nil when auditing without an equipment ledger; rules that need one are then not evaluated.
    public let ledger: Ledger?
    public let profile: ResolvedProfile
    /// The office calendar date approvals and exceptions are judged against.
    public let today: ProfileDate
    /// The moment of the audit (for rules that compare observation times with the present).
    public let now: Timestamp
    /// Which ledger row each observed device is, by the profile's matching rules.
    public let matching: AuditMatching

    public init(snapshot: Snapshot, ledger: Ledger?, profile: ResolvedProfile, today: ProfileDate, now: Timestamp) {
        self.snapshot = snapshot
        self.ledger = ledger
        self.profile = profile
        self.today = today
        self.now = now
        self.matching = AuditMatching(snapshot: snapshot, ledger: ledger, ipOnlyMatching: profile.scope.ipOnlyMatching)
    }

    /// The capture file (or interface, or probe run) an evidence pointer refers to, by its index.
    public func sourceName(_ evidence: Evidence?) -> String? {
        guard let evidence, snapshot.sources.indices.contains(evidence.source) else { return nil }
        return snapshot.sources[evidence.source].name
    }

    /// An observed fact with its evidence pointer resolved to a source name and packet number.
    public func observed(_ fact: String, at time: Timestamp?, evidence: Evidence?) -> FindingEvidence {
        FindingEvidence(fact: fact, observedAt: time, source: sourceName(evidence), packet: evidence?.packet)
    }

    /// A fact recorded in the ledger, located as `file:line`.
    public func recorded(_ fact: String, asset: Asset) -> FindingEvidence {
        FindingEvidence(fact: fact, source: asset.line > 0 ? "\(asset.file):\(asset.line)" : (asset.file.isEmpty ? nil : asset.file))
    }

    /// The settings of another rule when the profile enables it (rules that hand cases to each other ask this).
    public func enabledRule(_ id: String) -> ResolvedRule? { profile.rule(id) }

    /// The observation window as text for messages: `2026-01-05T09:00:00Z – 2026-01-05T09:10:00Z`.
    public var observationWindow: String? {
        guard let from = snapshot.observedFrom, let until = snapshot.observedUntil else { return nil }
        return "\(from) – \(until)"
    }

    /// Names of the inputs the snapshot came from, for messages (`office.pcap, hq.pcapng`).
    public var sourceNames: String {
        snapshot.sources.isEmpty ? "the snapshot" : snapshot.sources.map(\.name).joined(separator: ", ")
    }
}
