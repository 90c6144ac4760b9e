/// A profile could not be used: every error (and the warnings found with them), located.
public struct ProfileLoadError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [LintDiagnostic]

    public init(diagnostics: [LintDiagnostic]) { self.diagnostics = diagnostics }

    /// One diagnostic per line, `file:line:column: error: message`.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
