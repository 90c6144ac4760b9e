/// Reporters chosen by name (`--format`): text, json, sarif, junit, html, csv.
///
/// Each reporter renders a whole ``AuditReport`` to one `String` and does nothing else: no files, no
/// clock, no environment. The CLI picks one with ``Reporters/named(_:)``, writes the string where
/// `--output` says, and exits with ``AuditReport/exitStatus``. Output is deterministic for a given
/// report and options, which is what the golden-file tests rely on.
import Policy

/// One output format.
public protocol Reporter {
    /// The `--format` name, e.g. `sarif`.
    static var identifier: String { get }
    /// One line for `--help`.
    static var description: String { get }
    /// File name extension for the format, without the dot (e.g. `sarif`, `xml`).
    static var fileExtension: String { get }
    /// Renders the whole document.
    static func generateReport(_ report: AuditReport, options: ReportOptions) throws -> String
}

/// Choices that change how a report reads, never what it says.
public struct ReportOptions: Sendable, Equatable {
    /// The language messages, labels and remediation are rendered in (HTML embeds both and starts in this one).
    public var language: Language
    /// ANSI colour in the text format; the CLI turns it on only for a terminal without `NO_COLOR`.
    public var color: Bool

    public init(language: Language = .en, color: Bool = false) {
        self.language = language
        self.color = color
    }
}

/// Why a report could not be produced.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// `--format` named no reporter (a usage error: exit status 2).
    case unknownFormat(String)
    /// Encoding the report failed (a runtime error: exit status 3).
    case encodingFailed(String)

    public var description: String {
        switch self {
        case .unknownFormat(let name):
            "unknown report format '\(name)'; expected one of: \(Reporters.identifiers.joined(separator: ", "))"
        case .encodingFailed(let reason):
            "could not encode the report: \(reason)"
        }
    }
}
