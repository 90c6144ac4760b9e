import Foundation

/// Checks that each quoted clause really occurs in the document it cites, so a profile can never
/// attribute words (or values) to a policy that does not contain them. Documents are read from
/// one directory by file name; line breaks inside a sentence (and the indentation around them)
/// are ignored, as the seed documents wrap mid-sentence.
struct LintQuoteVerifier {
    let sourcesDirectory: URL
    private var normalizedDocuments: [String: String?] = [:]

    init(sourcesDirectory: URL) { self.sourcesDirectory = sourcesDirectory }

    /// Joins lines after trimming each one, so `…構築しては\n\nならない。` matches `…構築してはならない。`.
    static func normalize(_ text: String) -> String {
        text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined()
    }

    func check(_ profiles: [Profile]) -> [LintDiagnostic] {
        var verifier = self
        var diagnostics: [LintDiagnostic] = []
        for profile in profiles {
            for citation in profile.allCitations {
                guard let document = citation.value.document, let quote = citation.value.quote, citation.value.url == nil else { continue }
                guard let text = verifier.document(named: document) else {
                    diagnostics.append(LintDiagnostic(.warning, at: citation.location,
                        "cannot verify quote: '\(document)' is not in \(sourcesDirectory.path)"))
                    continue
                }
                if !text.contains(Self.normalize(quote)) {
                    let section = citation.value.section.map { " §\($0)" } ?? ""
                    diagnostics.append(LintDiagnostic(.error, at: citation.location,
                        "quote not found in \(document)\(section): '\(quote.prefix(60))'; quote the document exactly"))
                }
            }
        }
        return diagnostics
    }

    private mutating func document(named name: String) -> String? {
        if let cached = normalizedDocuments[name] { return cached }
        // Only a plain file name: a citation must not make the linter read outside the directory.
        let text: String?
        if name.contains("/") || name.hasPrefix(".") {
            text = nil
        } else {
            let url = sourcesDirectory.appendingPathComponent(name)
            text = FileManager.default.contents(atPath: url.path).flatMap { String(data: $0, encoding: .utf8) }.map(Self.normalize)
        }
        normalizedDocuments[name] = text
        return text
    }
}

extension Profile {
    /// Every citation in the file: rules, parameters, scope and approvers.
    public var allCitations: [ProfileLocated<Citation>] {
        rules.flatMap { $0.citations + $0.params.flatMap(\.citations) } + scope.citations + (approvers?.citations ?? [])
    }
}
