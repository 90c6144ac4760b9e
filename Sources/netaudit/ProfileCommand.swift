import ArgumentParser
import Foundation
import Policy

/// `netaudit profile`: lint, show and list policy profiles.
struct ProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Lint, show and list policy profiles.",
        discussion: """
        Profiles are named by file path or by id. Ids are looked up in $NETAUDIT_PROFILES \
        (colon-separated), ./profiles, ../share/netaudit/profiles next to the executable, \
        /usr/local/share/netaudit/profiles and /usr/share/netaudit/profiles.
        """,
        subcommands: [ProfileLintCommand.self, ProfileShowCommand.self, ProfileListCommand.self]
    )
}

/// Options `lint` and `show` share.
struct ProfileCheckArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Judge exception expiry on this date instead of today.", valueName: "YYYY-MM-DD"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp(
        "Directory holding the cited source documents; every quote is checked word for word (default: $NETAUDIT_SOURCES).",
        valueName: "dir"))
    var sources: String?

    func checkOptions() throws -> ProfileCheckOptions {
        var options = ProfileCheckOptions()
        if let today {
            guard let date = ProfileDate(today) else { throw NetauditError.usage("--today '\(today)' is not a date (YYYY-MM-DD)") }
            options.today = date
        }
        if let directory = sources ?? ProcessInfo.processInfo.environment["NETAUDIT_SOURCES"] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw NetauditError.usage("--sources '\(directory)' is not a directory")
            }
            options.sourcesDirectory = URL(fileURLWithPath: directory)
        }
        return options
    }
}

/// Output formats for `show` and `list`.
enum ProfileOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, yaml, json
}

/// Standard-error output for the profile commands (diagnostics and summaries; stdout stays
/// machine-readable).
enum ProfileCommandOutput {
    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
