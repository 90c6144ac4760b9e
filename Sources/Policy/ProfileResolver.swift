import Foundation

/// Settings that make loading and linting deterministic and complete.
public struct ProfileCheckOptions: Sendable {
    /// The date exceptions are judged against (injected so tests and re-audits are reproducible).
    public var today: ProfileDate
    /// Directory holding the cited source documents (`000_….txt`); when set, every quote is
    /// checked word for word against its document.
    public var sourcesDirectory: URL?

    public init(today: ProfileDate = .today(), sourcesDirectory: URL? = nil) {
        self.today = today; self.sourcesDirectory = sourcesDirectory
    }
}

/// One file read during resolution.
struct ProfileFile {
    /// Standardised absolute path with symlinks resolved: the identity used for cycle detection.
    let canonicalPath: String
    let url: URL
    /// How messages name the file (relative to the working directory when inside it).
    let displayPath: String
    let result: ProfileParseResult
}

/// Loads a profile and everything it extends, linearises the `extends:` graph (parents before
/// children, each file once, cycles reported), merges the chain and runs the semantic checks.
/// One instance caches parsed files, so linting many files that share a parent parses it once.
final class ProfileResolver {
    let searchPath: ProfileSearchPath
    let options: ProfileCheckOptions
    private let currentDirectory: String
    private var files: [String: ProfileFile] = [:]

    init(searchPath: ProfileSearchPath, options: ProfileCheckOptions,
         currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.searchPath = searchPath; self.options = options
        self.currentDirectory = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
    }

    // MARK: Reading

    func displayPath(for url: URL) -> String {
        let path = url.standardizedFileURL.path
        return path.hasPrefix(currentDirectory) ? String(path.dropFirst(currentDirectory.count)) : path
    }

    /// Parses `url` once; unreadable files become a diagnostic at line 1, column 1.
    func file(at url: URL) -> ProfileFile {
        let canonical = url.standardizedFileURL.resolvingSymlinksInPath().path
        if let cached = files[canonical] { return cached }
        let display = displayPath(for: url)
        let result: ProfileParseResult
        let start = LintLocation(file: display, line: 1, column: 1)
        if let data = FileManager.default.contents(atPath: url.path) {
            if let text = String(data: data, encoding: .utf8) {
                result = ProfileParser.parse(yaml: text, file: display)
            } else {
                result = ProfileParseResult(profile: nil, diagnostics: [LintDiagnostic(.error, at: start, "profile is not valid UTF-8 text")])
            }
        } else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            let why = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied"
            result = ProfileParseResult(profile: nil, diagnostics: [LintDiagnostic(.error, at: start, "cannot read profile: \(why)")])
        }
        let file = ProfileFile(canonicalPath: canonical, url: url, displayPath: display, result: result)
        files[canonical] = file
        return file
    }

    /// The file an `extends:` entry or command-line argument names: a path relative to
    /// `base`'s directory, or an id looked up first beside `base` and then on the search path.
    func locate(_ reference: String, from base: URL?) -> URL? {
        let directory = base?.deletingLastPathComponent() ?? URL(fileURLWithPath: currentDirectory)
        if ProfileReference.isID(reference) {
            if base != nil {
                for ext in ["yaml", "yml"] {
                    let sibling = directory.appendingPathComponent("\(reference).\(ext)")
                    if FileManager.default.isReadableFile(atPath: sibling.path) { return sibling }
                }
            }
            return searchPath.locate(id: reference)
        }
        let url = reference.hasPrefix("/") ? URL(fileURLWithPath: reference) : directory.appendingPathComponent(reference)
        return FileManager.default.fileExists(atPath: url.path) ? url.standardizedFileURL : nil
    }

    // MARK: Resolution

    /// Resolves the profile at `url`: every diagnostic of every file in its chain, and the
    /// merged profile when the file itself could be read.
    func resolve(_ url: URL) -> (profile: ResolvedProfile?, diagnostics: [LintDiagnostic]) {
        var state = Linearisation()
        let root = file(at: url)
        visit(root, &state)
        let profiles = state.order.compactMap(\.result.profile)
        guard let leaf = root.result.profile else { return (nil, state.diagnostics) }
        let resolved = ProfileMerger.merge(profiles, chain: state.order.filter { $0.result.profile != nil }.map(\.displayPath), leaf: leaf)
        var diagnostics = state.diagnostics
        diagnostics += LintCitationChecks.check(profiles)
        diagnostics += LintSemanticChecks.check(resolved, profiles: profiles, options: options)
        diagnostics += LintContradictions.check(resolved)
        if let sources = options.sourcesDirectory {
            diagnostics += LintQuoteVerifier(sourcesDirectory: sources).check(profiles)
        }
        return (resolved, diagnostics)
    }

    private struct Linearisation {
        var order: [ProfileFile] = []
        var visited = Set<String>()
        var stack: [ProfileFile] = []
        var diagnostics: [LintDiagnostic] = []
    }

    /// Depth-first, parents before children, each file once (so with `extends: [a, b]` where both
    /// extend `base`, the order is base, a, b: `base` is not re-applied over `a`).
    private func visit(_ current: ProfileFile, _ state: inout Linearisation) {
        state.stack.append(current)
        state.diagnostics += current.result.diagnostics
        for reference in current.result.profile?.extends ?? [] {
            guard let parentURL = locate(reference.value, from: current.url) else {
                let known = searchPath.availableProfiles().map(\.id)
                let hint = ProfileReference.isID(reference.value)
                    ? LintSuggestion.didYouMean(reference.value, among: known) + " (searched beside this file and in: "
                        + searchPath.directories.map(\.path).joined(separator: ", ") + ")"
                    : " (relative to \(displayPath(for: current.url.deletingLastPathComponent())))"
                state.diagnostics.append(LintDiagnostic(.error, at: reference.location,
                                                        "extends: cannot find profile '\(reference.value)'\(hint)"))
                continue
            }
            let parent = file(at: parentURL)
            if let start = state.stack.firstIndex(where: { $0.canonicalPath == parent.canonicalPath }) {
                let cycle = (state.stack[start...].map(\.displayPath) + [parent.displayPath]).joined(separator: " → ")
                state.diagnostics.append(LintDiagnostic(.error, at: reference.location, "extends cycle: \(cycle)"))
                continue
            }
            if parent.result.profile == nil {
                state.diagnostics.append(LintDiagnostic(.error, at: reference.location,
                                                        "extends: profile '\(reference.value)' (\(parent.displayPath)) cannot be read; see its errors"))
            }
            if state.visited.contains(parent.canonicalPath) { continue }
            visit(parent, &state)
        }
        state.stack.removeLast()
        state.visited.insert(current.canonicalPath)
        state.order.append(current)
    }
}
