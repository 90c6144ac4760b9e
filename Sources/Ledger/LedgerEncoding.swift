/// The text encodings ledger files arrive in from Japanese offices.
public enum LedgerEncoding: String, Sendable, CaseIterable, Codable {
    /// UTF-8 without a byte-order mark (LibreOffice, Google Sheets, scripts).
    case utf8 = "utf-8"
    /// UTF-8 with the EF BB BF mark Excel writes for "CSV UTF-8".
    case utf8BOM = "utf-8-bom"
    /// Windows-31J: Shift_JIS plus the NEC and IBM extensions (①, ㈱, 髙) that Excel's
    /// plain "CSV" format writes on Japanese Windows.
    case cp932 = "cp932"

    /// Accepts the names people type: `utf-8`, `utf8`, `utf-8-bom`, `utf-8-sig`, `cp932`,
    /// `windows-31j`, `ms932`, `shift_jis`, `sjis`. Shift_JIS files from Windows are CP932 in
    /// practice, so `shift_jis` decodes as CP932 (a superset that agrees on every JIS X 0208 character).
    public init?(name: String) {
        switch LedgerText.normalizedKey(name) {
        case "utf8": self = .utf8
        case "utf8bom", "utf8sig", "bom": self = .utf8BOM
        case "cp932", "windows31j", "ms932", "shiftjis", "sjis", "mskanji": self = .cp932
        default: return nil
        }
    }

    /// The names `--encoding` documents.
    public static let acceptedNames = ["utf-8", "utf-8-bom", "cp932", "shift_jis"]
}
