/// Every rule id the audit engine knows, with its family, default severity, description and
/// parameter schema. The linter validates profiles against it, `profile show` fills unset
/// parameters from it, and the audit engine's rule registry is keyed by the same ids (a rule
/// implementation looks its own entry up with `RuleCatalog.entry(for:)`).
public enum RuleCatalog {
    /// All entries, grouped by family in a stable order.
    public static let entries: [Entry] = ledgerRules + lanRules + servicesRules + tlsRules + mailRules + wirelessRules

    private static let byID: [String: Entry] = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

    /// The entry for `id`, or nil when the engine knows no such rule.
    public static func entry(for id: String) -> Entry? { byID[id] }

    /// All rule ids in catalog order.
    public static var ids: [String] { entries.map(\.id) }

    /// The entries of one family, in catalog order.
    public static func entries(in family: Family) -> [Entry] { entries.filter { $0.family == family } }
}
