import Policy

/// The explicit registry of reporters, in the order `--help` lists them.
public enum Reporters {
    /// Every reporter; a new format is added here and nowhere else.
    public static var all: [any Reporter.Type] {
        [TextReporter.self, JSONReporter.self, SARIFReporter.self, JUnitReporter.self, HTMLReporter.self,
         CSVReporter.self]
    }

    /// The `--format` names, in registry order.
    public static var identifiers: [String] { all.map { $0.identifier } }

    /// The reporter whose identifier is `name` (exact, lower case), or nil.
    public static func named(_ name: String) -> (any Reporter.Type)? {
        all.first { $0.identifier == name }
    }

    /// Renders `report` in the format called `format`; throws ``ReportError/unknownFormat(_:)`` for a bad name.
    public static func render(_ report: AuditReport, format: String, options: ReportOptions = ReportOptions()) throws -> String {
        guard let reporter = named(format) else { throw ReportError.unknownFormat(format) }
        return try reporter.generateReport(report, options: options)
    }
}
