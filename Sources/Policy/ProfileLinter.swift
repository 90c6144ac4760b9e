import Foundation

/// `netaudit profile lint`: every problem in one or more profile files and the profiles they
/// extend, located `file:line:column`, sorted, without stopping at the first.
public struct ProfileLinter: Sendable {
    public var searchPath: ProfileSearchPath
    public var options: ProfileCheckOptions

    public init(searchPath: ProfileSearchPath = .standard(), options: ProfileCheckOptions = ProfileCheckOptions()) {
        self.searchPath = searchPath; self.options = options
    }

    /// Lints each file (and, through `extends:`, its parents); a parent shared by several files
    /// is reported once.
    public func lint(files: [URL]) -> [LintDiagnostic] {
        let resolver = ProfileResolver(searchPath: searchPath, options: options)
        return files.flatMap { resolver.resolve($0).diagnostics }.normalized()
    }

    public func lint(file: URL) -> [LintDiagnostic] { lint(files: [file]) }
}
