/// Who owns a device; the policy decides which classes may connect (000 7.8, 7.13;
/// 001 Ch7 §1.4.3, §5; 002 5.19, 7.8(3); 004 第10条).
public enum Ownership: String, Sendable, CaseIterable, Codable {
    /// Issued or lent by the company (会社支給・貸与).
    case company = "company"
    /// Leased or rented by the company (リース, レンタル); company-managed equipment.
    case lease = "lease"
    /// Privately owned (私物, BYOD); connectable only with an approval where the policy allows it.
    case personal = "personal"
    /// A vendor's, partner's or other outside party's device (社外機器, 業者).
    case vendor = "vendor"

    /// Reads a ledger cell. A trailing parenthetical such as `私物（承認済）` is ignored
    /// (the approval belongs in `approval_ref`). Nil for empty or unrecognised text.
    public init?(ledgerValue text: String) {
        let key = LedgerText.normalizedKey(text)
        guard !key.isEmpty else { return nil }
        if let value = Ownership.vocabulary[key] {
            self = value
        } else if let stripped = LedgerText.keyWithoutParenthetical(text), let value = Ownership.vocabulary[stripped] {
            self = value
        } else {
            return nil
        }
    }

    public var acceptedWords: [String] {
        switch self {
        case .company:
            ["company", "corporate", "owned", "company-owned", "会社", "会社所有", "会社支給", "支給", "貸与", "会社貸与",
             "会社支給・貸与", "自社", "社有", "社有品"]
        case .lease:
            ["lease", "leased", "rental", "rented", "リース", "レンタル"]
        case .personal:
            ["personal", "private", "byod", "私物", "個人", "個人所有", "私有"]
        case .vendor:
            ["vendor", "external", "partner", "contractor", "third party", "社外", "社外機器", "外部", "業者", "ベンダー",
             "取引先", "協力会社", "委託先", "保守業者"]
        }
    }

    static let vocabulary: [String: Ownership] = {
        var table: [String: Ownership] = [:]
        for value in Ownership.allCases {
            for word in value.acceptedWords { table[LedgerText.normalizedKey(word)] = value }
        }
        return table
    }()
}
