import Policy

/// Loads a profile for a command that judges with it (`audit`, `tls --profile`): warnings and
/// located errors (`file:line:column`) go to stderr, and errors stop the command with exit 2
/// before anything is read, sent or judged.
enum ProfileLoading {
    static func load(_ name: String, today: ProfileDate, otherwise consequence: String) throws -> ResolvedProfile {
        let loader = ProfileLoader(options: ProfileCheckOptions(today: today))
        do {
            let loaded = try loader.load(name)
            for warning in loaded.warnings { AuditCommand.say(warning.description, prefixed: false) }
            return loaded.profile
        } catch {
            for diagnostic in error.diagnostics { AuditCommand.say(diagnostic.description, prefixed: false) }
            let count = error.diagnostics.errorCount
            throw NetauditError.usage("profile '\(name)' has \(count) error\(count == 1 ? "" : "s"); \(consequence)")
        }
    }
}
