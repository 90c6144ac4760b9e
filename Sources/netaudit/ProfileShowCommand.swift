import ArgumentParser
import Foundation
import Policy

/// `netaudit profile show ID|FILE`: the effective profile after `extends:`, each value with the
/// file line it came from and the citations that justify it.
struct ProfileShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the effective profile after extends:, with each setting's origin and citations."
    )

    @Argument(help: ArgumentHelp("Profile id or file.", valueName: "id|file"))
    var profile: String

    @Option(name: .long, help: "Output format: yaml or json.")
    var format: ProfileOutputFormat = .yaml

    @Flag(name: .long, help: "Also list the rules the profile leaves disabled.")
    var all = false

    @OptionGroup var check: ProfileCheckArguments

    func run() throws {
        guard format != .text else { throw NetauditError.usage("profile show prints yaml or json, not text") }
        let options = try check.checkOptions()
        let loaded: ProfileLoader.Loaded
        do {
            loaded = try ProfileLoader(options: options).load(profile)
        } catch {
            for diagnostic in error.diagnostics { ProfileCommandOutput.standardError(diagnostic.description) }
            throw NetauditError.usage("profile '\(profile)' has \(error.diagnostics.errorCount) error(s); run `netaudit profile lint` for details")
        }
        for warning in loaded.warnings { ProfileCommandOutput.standardError(warning.description) }
        let document = ProfileEffectiveDocument(loaded.profile, includeDisabled: all, today: options.today)
        do {
            print(format == .json ? try document.json() : try document.yaml(), terminator: format == .json ? "\n" : "")
        } catch {
            throw NetauditError.runtime("cannot render profile: \(error)")
        }
    }
}
