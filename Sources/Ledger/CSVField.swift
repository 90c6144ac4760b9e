/// One CSV field and where it starts in the file.
public struct CSVField: Sendable, Equatable {
    /// The field's text with RFC 4180 quoting removed (`""` → `"`); line breaks inside a
    /// quoted field are kept as they were written (`\r\n` or `\n`).
    public var value: String
    /// 1-based line of the field's first character (its opening quote when quoted).
    public var line: Int
    /// 1-based column of that character, counted in Unicode characters (code points).
    public var column: Int
    public var isQuoted: Bool

    public init(value: String, line: Int, column: Int, isQuoted: Bool = false) {
        self.value = value
        self.line = line
        self.column = column
        self.isQuoted = isQuoted
    }

    /// The file position of the character at `offset` (in Unicode scalars) within `value`,
    /// so a message can point at the third MAC address of a cell rather than at the cell.
    /// Accounts for the opening quote, doubled quotes and line breaks inside the field.
    public func position(ofScalarOffset offset: Int) -> (line: Int, column: Int) {
        var line = self.line
        var column = self.column + (isQuoted ? 1 : 0)
        var afterCR = false
        for (index, scalar) in value.unicodeScalars.enumerated() {
            if index >= offset { break }
            switch scalar {
            case "\r":
                line += 1
                column = 1
                afterCR = true
            case "\n":
                if !afterCR {
                    line += 1
                    column = 1
                }
                afterCR = false
            default:
                column += isQuoted && scalar == "\"" ? 2 : 1
                afterCR = false
            }
        }
        return (line, column)
    }
}

/// One CSV record (row). A quoted field may span several physical lines.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [CSVField]
    /// Line where the record starts.
    public var line: Int
    /// Line where the record ends; larger than `line` when a quoted field holds line breaks.
    public var endLine: Int

    public init(fields: [CSVField], line: Int, endLine: Int) {
        self.fields = fields
        self.line = line
        self.endLine = endLine
    }

    /// True when every field is empty or white space (Excel writes `,,,,` for formatted empty rows).
    public var isBlank: Bool {
        fields.allSatisfy { LedgerText.trimmed($0.value).isEmpty }
    }
}

/// The records of one CSV text, plus the tolerable oddities found while reading it.
public struct CSVDocument: Sendable, Equatable {
    public var records: [CSVRecord]
    public var warnings: [LedgerDiagnostic]

    public init(records: [CSVRecord], warnings: [LedgerDiagnostic] = []) {
        self.records = records
        self.warnings = warnings
    }
}
