import ArgumentParser
import Foundation
import Policy

/// `netaudit profile lint FILE…`: every problem, `file:line:column: error|warning: message`,
/// on standard output; a count on standard error. Exit 0 when clean or only warnings, 2 on any error.
struct ProfileLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check profiles (and the profiles they extend) against the schema, the rule catalog and the citation rules."
    )

    @Argument(help: ArgumentHelp("Profile files, or ids of installed profiles.", valueName: "file"))
    var files: [String] = []

    @OptionGroup var check: ProfileCheckArguments

    func run() throws {
        guard !files.isEmpty else { throw NetauditError.usage("profile lint needs at least one profile file") }
        let options = try check.checkOptions()
        let loader = ProfileLoader(options: options)
        var urls: [URL] = []
        var diagnostics: [LintDiagnostic] = []
        for name in files {
            if let url = loader.locate(name) {
                urls.append(url)
            } else {
                diagnostics.append(LintDiagnostic(.error, at: LintLocation(file: name, line: 1, column: 1),
                                                  "cannot read profile: no such file or installed profile id"))
            }
        }
        diagnostics = (diagnostics + ProfileLinter(searchPath: loader.searchPath, options: options).lint(files: urls)).normalized()
        for diagnostic in diagnostics { print(diagnostic.description) }
        let errors = diagnostics.errorCount, warnings = diagnostics.warningCount
        ProfileCommandOutput.standardError("netaudit: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(files.count) profile\(files.count == 1 ? "" : "s")")
        if errors > 0 { throw ExitCode(ExitStatus.usage.rawValue) }
    }
}
