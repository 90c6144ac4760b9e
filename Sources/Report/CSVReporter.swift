import Policy

/// One row per finding (active, then suppressed) for spreadsheets and ticket imports.
///
/// RFC 4180: CRLF line ends, a header row, fields quoted only when needed. The file starts with a UTF-8
/// byte-order mark because Excel, which most ISMS offices open CSV files with, otherwise reads UTF-8 as
/// Shift_JIS and garbles Japanese; tools that do not expect it read it with `utf-8-sig`.
public enum CSVReporter: Reporter {
    public static let identifier = "csv"
    public static let description = "CSV, one row per finding (UTF-8 with BOM, CRLF)"
    public static let fileExtension = "csv"

    /// The header row: column names are stable identifiers, the same in every language.
    public static let columns = ["severity", "rule_id", "subject", "mac", "ip", "message", "citations", "fingerprint", "suppressed"]

    public static func generateReport(_ report: AuditReport, options: ReportOptions) throws -> String {
        let lang = options.language
        var rows = [columns]
        for finding in report.allFindings {
            rows.append([
                finding.severity.rawValue,
                finding.ruleID,
                finding.subject.label,
                finding.subject.mac ?? "",
                finding.subject.ip ?? "",
                finding.message.text(lang),
                finding.citations.map { Describe.citationReference($0, lang) }.joined(separator: "; "),
                finding.fingerprint,
                finding.suppression == nil ? "false" : "true",
            ])
        }
        return "\u{FEFF}" + rows.map { $0.map(Escape.csv).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
