/// One check of the audit: a small value type that turns what was observed (the snapshot), what
/// was recorded (the ledger) and what the profile says into findings.
///
/// Rules are pure: everything they may look at is in the `AuditContext`, including the date and
/// time, so the same inputs give the same findings on every run. Each rule lives in its own file
/// under `Rules/<family>/`, is listed once in `RuleRegistry.all`, and carries examples that show
/// when it triggers and when it does not; the tests run every example.
public protocol AuditRule: Sendable {
    /// The catalog id (`ledger.unregistered_device`); the profile's settings are looked up by it.
    static var id: String { get }
    /// True when the rule compares against the equipment ledger and has nothing to say without one.
    static var requiresLedger: Bool { get }
    /// Networks on which the rule must report, with the number of findings each must give.
    static var triggeringExamples: [AuditExample] { get }
    /// Networks on which the rule must stay silent.
    static var nonTriggeringExamples: [AuditExample] { get }

    init()

    /// The findings on `context`, with `rule` the profile's effective settings for this rule
    /// (enabled, severity, parameters with catalog defaults filled in, citations).
    func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding]
}

extension AuditRule {
    public static var requiresLedger: Bool { true }

    /// The catalog entry for this rule; every registered rule has one (the registry tests check it).
    public static var catalogEntry: RuleCatalog.Entry? { RuleCatalog.entry(for: id) }
}
