/// One problem found in a ledger, located in its file.
public struct LedgerDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable, CaseIterable {
        /// The ledger is wrong or unusable as evidence; `ledger check` exits 2.
        case error
        /// Worth fixing, but the ledger still loads and audits correctly.
        case warning
    }

    public var severity: Severity
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column in Unicode characters; 0 when the problem concerns a whole line or file.
    public var column: Int
    /// Stable identifier of the check, for JSON consumers and tests.
    public var check: LedgerCheck
    public var message: String

    public init(_ severity: Severity, file: String, line: Int, column: Int, check: LedgerCheck, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.check = check
        self.message = message
    }

    /// Compiler style, so editors and CI annotators can jump to the cell:
    /// `ledger.csv:12:7: error: message`. The position is left out where it is unknown.
    public var description: String {
        var location = file
        if line > 0 {
            location += ":\(line)"
            if column > 0 { location += ":\(column)" }
        }
        return "\(location): \(severity.rawValue): \(message)"
    }
}

/// The checks the reader and validator perform; the raw value is the stable id.
public enum LedgerCheck: String, Sendable, Codable, CaseIterable {
    case unreadable = "unreadable"
    case encoding = "encoding"
    case csvSyntax = "csv_syntax"
    case strayQuote = "stray_quote"
    case emptyLedger = "empty_ledger"
    case missingColumn = "missing_column"
    case unknownColumn = "unknown_column"
    case duplicateColumn = "duplicate_column"
    case unnamedColumn = "unnamed_column"
    case importHint = "import_hint"
    case fieldCount = "field_count"
    case missingValue = "missing_value"
    case duplicateAssetID = "duplicate_asset_id"
    case macSyntax = "mac_syntax"
    case macNotUnicast = "mac_not_unicast"
    case macLocallyAdministered = "mac_locally_administered"
    case macRepeated = "mac_repeated"
    case duplicateMAC = "duplicate_mac"
    case ipSyntax = "ip_syntax"
    case ipNotHost = "ip_not_host"
    case duplicateIP = "duplicate_ip"
    case wirelessValue = "wireless_value"
    case wirelessWithoutMAC = "wireless_without_mac"
    case statusValue = "status_value"
    case ownershipValue = "ownership_value"
    case serviceSyntax = "service_syntax"
    case dateSyntax = "date_syntax"
    case approvalExpired = "approval_expired"
    case approvalExpiring = "approval_expiring"
    case approvalWithoutReference = "approval_without_reference"
    case myNumber = "my_number"
    case unmatchable = "unmatchable"
}
