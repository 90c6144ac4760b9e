import NetAddress

/// Checks ledgers read from CSV and reports every problem with its file position.
///
/// Pure: the date the approval checks compare against is injected, so the same ledger
/// gives the same diagnostics on every run (the CLI passes the local date or `--today`).
/// The checks are listed in docs/ledger.md; each has a stable `LedgerCheck` id.
public struct LedgerValidator: Sendable {
    public var today: LedgerDate
    /// Approvals expiring within this many days get a warning (0 turns it off).
    public var expiryWarningDays: Int

    public init(today: LedgerDate, expiryWarningDays: Int = 30) {
        self.today = today
        self.expiryWarningDays = expiryWarningDays
    }

    /// Diagnostics for one ledger (including the reader's warnings), by line and column.
    public func validate(_ ledger: Ledger) -> [LedgerDiagnostic] {
        validate([ledger])
    }

    /// Diagnostics for several ledgers checked together: asset IDs, MACs and IPs must also
    /// be unique across the files (per-site ledgers describe one network). Files keep
    /// their order; within a file diagnostics are sorted by position.
    public func validate(_ ledgers: [Ledger]) -> [LedgerDiagnostic] {
        var registry = UniquenessRegistry()
        var result: [LedgerDiagnostic] = []
        for ledger in ledgers {
            var diagnostics = ledger.warnings
            if let header = ledger.header {
                diagnostics += headerDiagnostics(ledger, header: header)
                for (row, asset) in zip(ledger.rows, ledger.assets) {
                    let context = RowContext(path: ledger.path, header: header, row: row, asset: asset)
                    diagnostics += rowDiagnostics(context)
                    diagnostics += registry.register(context)
                }
            }
            // Sorted by position; the index keeps the order checks ran in for equal positions.
            result += diagnostics.enumerated().sorted { a, b in
                (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
            }.map(\.element)
        }
        return result
    }

    // MARK: Header

    func headerDiagnostics(_ ledger: Ledger, header: LedgerHeader) -> [LedgerDiagnostic] {
        var diagnostics: [LedgerDiagnostic] = []
        func missing(_ message: String) {
            diagnostics.append(LedgerDiagnostic(.error, file: ledger.path, line: header.line, column: 0,
                                                check: .missingColumn, message: message))
        }
        for column in [LedgerColumn.assetID, .nodeName] where !header.contains(column) {
            missing("missing required column \(column.displayName)")
        }
        if !header.contains(.macAddresses), !header.contains(.ipAddress) {
            missing("missing column \(LedgerColumn.macAddresses.displayName) or \(LedgerColumn.ipAddress.displayName): "
                + "a ledger needs at least one of them to recognise devices on the network")
        }
        for column in header.columns {
            guard case .duplicate(let target, let firstIndex) = column.role else { continue }
            let first = header.columns[firstIndex]
            diagnostics.append(LedgerDiagnostic(
                .error, file: ledger.path, line: column.field.line, column: column.field.column, check: .duplicateColumn,
                message: "column \"\(column.name)\" is \(target.rawValue) again (column \(firstIndex + 1), "
                    + "\"\(first.name)\", already is); only the first is read"))
        }
        if ledger.rows.isEmpty {
            diagnostics.append(LedgerDiagnostic(.warning, file: ledger.path, line: header.line, column: 0,
                                                check: .emptyLedger, message: "the ledger has a header row but no assets"))
        }
        return diagnostics
    }
}

/// One row under check, with what every row check needs.
struct RowContext {
    var path: String
    var header: LedgerHeader
    var row: LedgerRow
    var asset: Asset

    func field(_ column: LedgerColumn) -> CSVField? { row.field(column, in: header) }
    func value(_ column: LedgerColumn) -> String { row.value(column, in: header) }

    /// Position of the first non-space character of the cell, or of the row when the cell is missing.
    func position(_ column: LedgerColumn) -> (line: Int, column: Int) {
        guard let field = field(column) else { return (row.line, 0) }
        let leading = field.value.unicodeScalars.prefix { LedgerText.isSpace($0) }.count
        return field.position(ofScalarOffset: leading)
    }

    func position(_ column: LedgerColumn, offset: Int) -> (line: Int, column: Int) {
        guard let field = field(column) else { return (row.line, 0) }
        return field.position(ofScalarOffset: offset)
    }

    func diagnostic(_ severity: LedgerDiagnostic.Severity, _ check: LedgerCheck, at position: (line: Int, column: Int),
                    _ message: String) -> LedgerDiagnostic {
        LedgerDiagnostic(severity, file: path, line: position.line, column: position.column, check: check, message: message)
    }
}
