/// One profile file as written, before `extends:` is applied. Every value keeps the location it
/// was read from. Built by `ProfileParser`; merged into a `ResolvedProfile` by the loader.
public struct Profile: Sendable {
    /// The file as the user or the search path named it.
    public var file: String
    public var metadata: ProfileMetadata
    /// Parents in priority order: later entries override earlier ones, this file overrides all.
    public var extends: [ProfileLocated<String>]
    public var scope: ProfileScope
    public var approvers: ProfileApprovers?
    public var rules: [ProfileRuleSetting]
    public var exceptions: [ProfileException]

    public init(file: String, metadata: ProfileMetadata = ProfileMetadata(), extends: [ProfileLocated<String>] = [],
                scope: ProfileScope = ProfileScope(), approvers: ProfileApprovers? = nil,
                rules: [ProfileRuleSetting] = [], exceptions: [ProfileException] = []) {
        self.file = file; self.metadata = metadata; self.extends = extends; self.scope = scope
        self.approvers = approvers; self.rules = rules; self.exceptions = exceptions
    }

    /// This file's setting for `ruleID`, if it has one.
    public func setting(for ruleID: String) -> ProfileRuleSetting? { rules.first { $0.id.value == ruleID } }
}

/// Who wrote the profile and from which document.
public struct ProfileMetadata: Sendable {
    public var id: ProfileLocated<String>?
    public var title: String?
    public var source: ProfileSourceDocument?
    /// `ja` or `en`: the language of the profile's own prose (titles, notes, reasons).
    public var language: String?
    public var description: String?
    /// Free-text remarks, e.g. a contradiction in the source document the owner must still decide.
    public var notes: [String]
    public var location: LintLocation?

    public init(id: ProfileLocated<String>? = nil, title: String? = nil, source: ProfileSourceDocument? = nil,
                language: String? = nil, description: String? = nil, notes: [String] = [], location: LintLocation? = nil) {
        self.id = id; self.title = title; self.source = source; self.language = language
        self.description = description; self.notes = notes; self.location = location
    }
}

/// The policy document a profile transcribes.
public struct ProfileSourceDocument: Sendable, Equatable, Encodable {
    /// File name of the source document, e.g. `000_527d28aceaa6f465.txt`.
    public var document: String?
    public var title: String?
    /// Version as the document states it (`Ver.1.0`, `初版`, `undated template`).
    public var version: String?
    public var date: ProfileDate?
    public var url: String?

    public init(document: String? = nil, title: String? = nil, version: String? = nil, date: ProfileDate? = nil, url: String? = nil) {
        self.document = document; self.title = title; self.version = version; self.date = date; self.url = url
    }
}

/// Who may approve exceptions (e.g. 情報セキュリティ責任者 in one document, 経営責任者 in another).
public struct ProfileApprovers: Sendable {
    public var roles: ProfileLocated<[String]>
    public var citations: [ProfileLocated<Citation>]
    public var location: LintLocation

    public init(roles: ProfileLocated<[String]>, citations: [ProfileLocated<Citation>], location: LintLocation) {
        self.roles = roles; self.citations = citations; self.location = location
    }
}
