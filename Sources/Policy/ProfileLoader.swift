import Foundation

/// The entry point for commands that need a profile (`audit`, `profile show`): load a profile by
/// id or path, resolve `extends:`, run every check, and hand back the effective profile.
public struct ProfileLoader: Sendable {
    public var searchPath: ProfileSearchPath
    public var options: ProfileCheckOptions

    public init(searchPath: ProfileSearchPath = .standard(), options: ProfileCheckOptions = ProfileCheckOptions()) {
        self.searchPath = searchPath; self.options = options
    }

    /// A profile and the warnings found while loading it.
    public struct Loaded: Sendable {
        public let profile: ResolvedProfile
        public let warnings: [LintDiagnostic]
    }

    /// Loads `reference`: an existing file path, or else a profile id on the search path.
    /// Throws `ProfileLoadError` when the profile cannot be found or has any error.
    public func load(_ reference: String) throws(ProfileLoadError) -> Loaded {
        guard let url = locate(reference) else {
            let known = searchPath.availableProfiles().map(\.id)
            let message = "no profile file or id '\(reference)'\(LintSuggestion.didYouMean(reference, among: known))"
                + (known.isEmpty ? "" : "; known ids: \(known.joined(separator: ", "))")
            throw ProfileLoadError(diagnostics: [LintDiagnostic(.error, at: LintLocation(file: reference, line: 1, column: 1), message)])
        }
        return try load(file: url)
    }

    /// Loads the profile file at `url`.
    public func load(file url: URL) throws(ProfileLoadError) -> Loaded {
        let (profile, diagnostics) = ProfileResolver(searchPath: searchPath, options: options).resolve(url)
        let sorted = diagnostics.normalized()
        guard let profile, sorted.errorCount == 0 else { throw ProfileLoadError(diagnostics: sorted) }
        return Loaded(profile: profile, warnings: sorted)
    }

    /// The file `reference` names: an existing path first, then an id on the search path.
    public func locate(_ reference: String) -> URL? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: reference, isDirectory: &isDirectory), !isDirectory.boolValue {
            return URL(fileURLWithPath: reference)
        }
        return searchPath.locate(id: reference)
    }

    /// The profiles found on the search path (shipped and installed ones), by id.
    public func availableProfiles() -> [ProfileSummary] {
        let resolver = ProfileResolver(searchPath: searchPath, options: options)
        return searchPath.availableProfiles().map { entry in
            let file = resolver.file(at: entry.file)
            let metadata = file.result.profile?.metadata
            return ProfileSummary(id: entry.id, declaredID: metadata?.id?.value, title: metadata?.title,
                                  source: metadata?.source, language: metadata?.language, file: file.displayPath,
                                  readable: file.result.profile != nil)
        }
    }
}

/// One line of `netaudit profile list`.
public struct ProfileSummary: Sendable, Encodable {
    /// The id the file is found under (its name without `.yaml`).
    public let id: String
    /// `metadata.id` inside the file, when it could be read.
    public let declaredID: String?
    public let title: String?
    public let source: ProfileSourceDocument?
    public let language: String?
    public let file: String
    public let readable: Bool

    enum CodingKeys: String, CodingKey {
        case id, declaredID = "declared_id", title, source, language, file, readable
    }
}
