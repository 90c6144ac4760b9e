import ArgumentParser
import Foundation
import Ledger

/// `netaudit ledger check`: reads ledger CSV files and lists every problem as
/// `file:line:column: error|warning: message`, for people and for CI on every commit.
struct LedgerCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate IT equipment ledger CSV files (columns, MACs, IPs, duplicates, approvals, My Numbers).",
        discussion: """
        Encodings: UTF-8, UTF-8 with BOM (Excel "CSV UTF-8") and CP932/Shift_JIS (Excel "CSV"), \
        detected automatically unless --encoding is given. The column set, the Japanese header \
        aliases and every check are described in docs/ledger.md.

        Exit codes: 0 no errors (warnings allowed); 2 any error, or a file that cannot be read; \
        3 runtime failure.
        """)

    enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
        case text, json
    }

    @Argument(help: ArgumentHelp("Ledger CSV files; several are also checked against each other.", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Text encoding: utf-8, utf-8-bom, cp932 or shift_jis (default: detect).",
                               valueName: "encoding"))
    var encoding: String?

    @Option(help: ArgumentHelp("Date approvals are checked against, YYYY-MM-DD (default: today's local date).",
                               valueName: "date"))
    var today: String?

    @Option(name: .customLong("import"),
            help: ArgumentHelp("Read an asset-management export: netbox or snipeit.", valueName: "format"))
    var importFormat: String?

    @Option(help: ArgumentHelp("Warn about approvals expiring within this many days (0: off).", valueName: "days"))
    var expiryWarningDays: Int = 30

    @Option(name: [.customShort("f"), .long], help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one ledger CSV file") }
        if let encoding, LedgerEncoding(name: encoding) == nil {
            throw ValidationError("unknown --encoding '\(encoding)'; use one of "
                + LedgerEncoding.acceptedNames.joined(separator: ", "))
        }
        if let today, LedgerDate(iso: today) == nil {
            throw ValidationError("--today '\(today)' is not a date; write YYYY-MM-DD")
        }
        if let importFormat, LedgerImport(rawValue: importFormat.lowercased()) == nil {
            throw ValidationError("unknown --import '\(importFormat)'; use one of "
                + LedgerImport.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if !(0...3650).contains(expiryWarningDays) {
            throw ValidationError("--expiry-warning-days must be 0 to 3650")
        }
    }

    func run() async throws {
        let forcedEncoding = encoding.flatMap { LedgerEncoding(name: $0) }
        let mapping = importFormat.flatMap { LedgerImport(rawValue: $0.lowercased()) }
        let checkDate = try today.flatMap { LedgerDate(iso: $0) } ?? LedgerCheckCommand.localDate()

        // The same file named twice would otherwise collide with itself in the duplicate checks.
        var seenPaths = Set<String>()
        let paths = files.filter { seenPaths.insert($0).inserted }

        var ledgers: [Ledger] = []
        var readErrors: [String: LedgerDiagnostic] = [:]
        var fileReports: [FileReport] = []
        for path in paths {
            do {
                let ledger = try LedgerReader.read(path: path, encoding: forcedEncoding, import: mapping)
                ledgers.append(ledger)
                fileReports.append(FileReport(path: path, readable: true, encoding: ledger.encoding.rawValue,
                                              importFormat: mapping?.rawValue, assets: ledger.assets.count))
            } catch {
                readErrors[path] = error.diagnostic
                fileReports.append(FileReport(path: path, readable: false, encoding: nil,
                                              importFormat: mapping?.rawValue, assets: 0))
            }
        }

        let validator = LedgerValidator(today: checkDate, expiryWarningDays: expiryWarningDays)
        let found = validator.validate(ledgers)
        // Keep the order of the command line: a file's read error where its diagnostics would be.
        var diagnostics: [LedgerDiagnostic] = []
        for path in paths {
            if let error = readErrors[path] {
                diagnostics.append(error)
            } else {
                diagnostics += found.filter { $0.file == path }
            }
        }

        let summary = Summary(files: paths.count, assets: ledgers.reduce(0) { $0 + $1.assets.count },
                              errors: diagnostics.filter { $0.severity == .error }.count,
                              warnings: diagnostics.filter { $0.severity == .warning }.count,
                              today: checkDate.description)
        switch format {
        case .text:
            var out = diagnostics.map { $0.description + "\n" }.joined()
            out += summary.line + "\n"
            FileHandle.standardOutput.write(Data(out.utf8))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(JSONReport(files: fileReports, diagnostics: diagnostics, summary: summary))
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
        if summary.errors > 0 { throw ExitCode(ExitStatus.usage.rawValue) }
    }

    /// Today's date on the local calendar: approvals expire by the office's calendar day.
    static func localDate() throws -> LedgerDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day,
              let date = LedgerDate(year: year, month: month, day: day) else {
            throw NetauditError.runtime("cannot determine today's date; pass --today YYYY-MM-DD")
        }
        return date
    }

    struct FileReport: Encodable {
        var path: String
        var readable: Bool
        var encoding: String?
        var importFormat: String?
        var assets: Int

        enum CodingKeys: String, CodingKey {
            case path, readable, encoding, importFormat = "import", assets
        }

        /// Absent values are written as `null` so every file object has the same keys.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(path, forKey: .path)
            try container.encode(readable, forKey: .readable)
            try container.encode(encoding, forKey: .encoding)
            try container.encode(importFormat, forKey: .importFormat)
            try container.encode(assets, forKey: .assets)
        }
    }

    struct Summary: Encodable {
        var files: Int
        var assets: Int
        var errors: Int
        var warnings: Int
        var today: String

        var line: String {
            func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
            return "ledger check: \(count(files, "file")), \(count(assets, "asset")): "
                + "\(count(errors, "error")), \(count(warnings, "warning"))"
        }
    }

    struct JSONReport: Encodable {
        var files: [FileReport]
        var diagnostics: [LedgerDiagnostic]
        var summary: Summary
    }
}
