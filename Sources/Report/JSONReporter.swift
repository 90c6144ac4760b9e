import Foundation
import Policy

/// The ``AuditReport`` itself as JSON: the versioned machine-readable contract (`docs/report-json.md`).
public enum JSONReporter: Reporter {
    public static let identifier = "json"
    public static let description = "The audit report as stable JSON (schema in docs/report-json.md)"
    public static let fileExtension = "json"

    /// Options do not apply: JSON carries both languages and never colour.
    public static func generateReport(_ report: AuditReport, options: ReportOptions) throws -> String {
        try StableJSON.encode(report)
    }
}

/// Pretty, key-sorted JSON with unescaped slashes and a final newline: byte-identical for equal values,
/// so that reports diff cleanly and golden files stay stable.
enum StableJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw ReportError.encodingFailed(String(describing: error))
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
