/// A position in a profile file: 1-based line and column (columns count Unicode scalars, as
/// libyaml does, so a Japanese character is one column).
public struct LintLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file; self.line = line; self.column = column
    }

    /// `file:line:column`, the prefix editors and CI annotations understand.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: LintLocation, b: LintLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
