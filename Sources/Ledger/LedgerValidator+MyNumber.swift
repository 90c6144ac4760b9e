extension LedgerValidator {
    /// Columns whose values are typed and validated on their own; a 12-digit string there
    /// is a MAC or a malformed value, never free text.
    static let columnsSkippedForMyNumber: Set<LedgerColumn> = [
        .macAddresses, .ipAddress, .approvalExpiry, .installDate, .maintenanceDate,
    ]

    /// Identifier columns may legitimately hold 12-digit numbers that happen to pass the
    /// check digit (one in ten do), so a match there is a warning rather than an error.
    static let identifierColumns: Set<LedgerColumn> = [
        .assetID, .serialNumber, .maintenanceNo, .approvalRef, .model,
    ]

    /// Every cell except the typed ones, extra columns included. The number itself is
    /// never repeated in the message: the diagnostic must not spread what it warns about.
    func myNumberDiagnostics(_ context: RowContext) -> [LedgerDiagnostic] {
        var diagnostics: [LedgerDiagnostic] = []
        for (index, field) in context.row.record.fields.enumerated() {
            let column: LedgerColumn?
            let name: String
            if index < context.header.columns.count {
                let headerColumn = context.header.columns[index]
                if case .column(let target) = headerColumn.role { column = target } else { column = nil }
                name = column?.rawValue ?? "column \"\(context.header.extraName(at: index))\""
            } else {
                column = nil
                name = "field \(index + 1)"
            }
            if let column, LedgerValidator.columnsSkippedForMyNumber.contains(column) { continue }
            for offset in MyNumber.matches(in: field.value) {
                let isIdentifier = column.map { LedgerValidator.identifierColumns.contains($0) } ?? false
                let position = field.position(ofScalarOffset: offset)
                diagnostics.append(context.diagnostic(isIdentifier ? .warning : .error, .myNumber, at: position,
                    "\(name) holds a 12-digit number with a valid My Number (個人番号) check digit; ledgers must not "
                        + "contain My Numbers (001 Ch4 §5.1.2)" + (isIdentifier ? "; if it is an ID, ignore this" : "")))
            }
        }
        return diagnostics
    }
}
