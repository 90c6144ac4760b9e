/// Where an effective setting came from: a line of a profile file, or the rule catalog's default.
public enum ProfileOrigin: Sendable, Hashable, CustomStringConvertible {
    case catalogDefault
    case file(LintLocation)

    public var location: LintLocation? { if case .file(let location) = self { location } else { nil } }

    /// `file:line:column`, or `catalog default`.
    public var description: String {
        switch self {
        case .catalogDefault: "catalog default"
        case .file(let location): location.description
        }
    }
}
