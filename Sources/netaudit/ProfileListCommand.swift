import ArgumentParser
import Foundation
import Policy

/// `netaudit profile list`: the profiles on the search path with id, source document and title.
struct ProfileListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List installed profiles: id, source document, title."
    )

    @Option(name: .long, help: "Output format: text or json.")
    var format: ProfileOutputFormat = .text

    func run() throws {
        guard format != .yaml else { throw NetauditError.usage("profile list prints text or json") }
        let profiles = ProfileLoader().availableProfiles()
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            do {
                print(String(decoding: try encoder.encode(profiles), as: UTF8.self))
            } catch {
                throw NetauditError.runtime("cannot render profile list: \(error)")
            }
            return
        }
        guard !profiles.isEmpty else {
            ProfileCommandOutput.standardError("netaudit: no profiles found on the search path")
            return
        }
        // Titles are Japanese (double-width), so they go last where misalignment does no harm.
        // Versions are free (often Japanese) text: they are in --format json, not in the table.
        let rows = profiles.map { summary -> [String] in
            let title = summary.readable ? (summary.title ?? "") : "(unreadable: run netaudit profile lint \(summary.file))"
            return [summary.id, summary.source?.document ?? "-", summary.source?.date?.description ?? "-", title]
        }
        let header = ["ID", "SOURCE", "DATE", "TITLE"]
        let widths = (0..<3).map { column in (rows.map { $0[column].count } + [header[column].count]).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            (0..<3).map { cells[$0] + String(repeating: " ", count: widths[$0] - cells[$0].count) }.joined(separator: "  ") + "  " + cells[3]
        }
        print(line(header))
        for row in rows { print(line(row)) }
    }
}
