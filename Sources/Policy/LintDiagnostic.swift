/// One problem the loader or linter found in a profile, rendered
/// `file:line:column: error|warning: message`.
public struct LintDiagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Level: String, Sendable, Hashable {
        /// The profile cannot be used: `profile lint` exits 2 and `audit` refuses to run.
        case error
        /// Usable, but something needs attention (an expired exception, an unverifiable quote).
        case warning
    }

    public var level: Level
    public var location: LintLocation
    public var message: String

    public init(_ level: Level, at location: LintLocation, _ message: String) {
        self.level = level; self.location = location; self.message = message
    }

    public var isError: Bool { level == .error }

    public var description: String { "\(location): \(level.rawValue): \(message)" }

    public static func < (a: LintDiagnostic, b: LintDiagnostic) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.level != b.level { return a.level == .error }
        return a.message < b.message
    }
}

extension Array where Element == LintDiagnostic {
    /// Sorted by position with exact duplicates removed (a parent linted through two children
    /// reports its problems once).
    public func normalized() -> [LintDiagnostic] { Array(Set(self)).sorted() }
    public var errorCount: Int { filter(\.isError).count }
    public var warningCount: Int { count - errorCount }
}
