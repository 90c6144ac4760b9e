extension LedgerValidator {
    func rowDiagnostics(_ context: RowContext) -> [LedgerDiagnostic] {
        var diagnostics = shapeDiagnostics(context)
        diagnostics += addressDiagnostics(context)
        diagnostics += valueDiagnostics(context)
        diagnostics += approvalDiagnostics(context)
        diagnostics += myNumberDiagnostics(context)
        return diagnostics
    }

    /// Field count and the values every row needs.
    func shapeDiagnostics(_ context: RowContext) -> [LedgerDiagnostic] {
        var diagnostics: [LedgerDiagnostic] = []
        let fields = context.row.record.fields
        let expected = context.header.columns.count
        if fields.count < expected {
            let missing = context.header.columns[fields.count...].map { $0.name.isEmpty ? "(unnamed)" : $0.name }
            diagnostics.append(context.diagnostic(.error, .fieldCount, at: (context.row.line, 0),
                "row has \(fields.count) fields but the header has \(expected); no value for "
                    + missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
                    + " (a comma lost or a line break outside quotes?)"))
        } else if fields.count > expected {
            let surplus = fields[expected...]
            if let firstFilled = surplus.first(where: { !LedgerText.trimmed($0.value).isEmpty }) {
                diagnostics.append(context.diagnostic(.error, .fieldCount, at: (firstFilled.line, firstFilled.column),
                    "row has \(fields.count) fields but the header has \(expected); the value here has no column "
                        + "(an unquoted comma inside a value?)"))
            } else if let first = surplus.first {
                diagnostics.append(context.diagnostic(.warning, .fieldCount, at: (first.line, first.column),
                    "row has \(fields.count) fields but the header has \(expected) (the extra fields are empty)"))
            }
        }
        if context.header.contains(.assetID), context.value(.assetID).isEmpty {
            diagnostics.append(context.diagnostic(.error, .missingValue, at: context.position(.assetID),
                "asset_id (資産管理番号) is empty; every asset needs one"))
        }
        if context.header.contains(.nodeName), context.value(.nodeName).isEmpty, context.asset.status.isActive {
            diagnostics.append(context.diagnostic(.warning, .missingValue, at: context.position(.nodeName),
                "node_name (ノード名) is empty"))
        }
        return diagnostics
    }

    /// "not recognised" with the accepted forms and, when one is close, a suggestion.
    static func unrecognisedMessage(column: LedgerColumn, value: String, accepted: [String],
                                    candidates: [(key: String, value: String)]) -> String {
        var message = "\(column.rawValue) \"\(value)\" is not recognised; use " + accepted.joined(separator: ", ")
        if let near = LedgerText.closest(to: LedgerText.normalizedKey(value), among: candidates) {
            message += " (did you mean \"\(near.value)\"?)"
        }
        return message
    }

    /// Folded word → word, built once per vocabulary.
    static func suggestionCandidates(_ words: [String]) -> [(key: String, value: String)] {
        words.map { (key: LedgerText.normalizedKey($0), value: $0) }
    }

    static let booleanCandidates = suggestionCandidates(LedgerBoolean.trueWords + LedgerBoolean.falseWords)
    static let statusCandidates = suggestionCandidates(AssetStatus.allCases.flatMap(\.acceptedWords))
    static let ownershipCandidates = suggestionCandidates(Ownership.allCases.flatMap(\.acceptedWords))
}
