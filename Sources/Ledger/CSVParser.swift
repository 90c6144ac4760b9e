/// An RFC 4180 CSV reader that remembers where every field starts.
///
/// Accepts CRLF, LF and lone CR line ends (old Excel for Mac), quoted fields with
/// embedded commas, doubled quotes and line breaks. Blank lines are skipped. Broken
/// quoting is a located `LedgerError`, never a crash; a quote inside an unquoted field
/// (`21.5" monitor`) is kept as text with a warning, as most spreadsheet programs do.
public enum CSVParser {
    public static func parse(_ text: String, path: String) throws(LedgerError) -> CSVDocument {
        var parser = State(scalars: Array(text.unicodeScalars), path: path)
        return try parser.run()
    }

    private struct State {
        let scalars: [Unicode.Scalar]
        let path: String
        var index = 0
        var line = 1
        var column = 1
        var records: [CSVRecord] = []
        var warnings: [LedgerDiagnostic] = []

        init(scalars: [Unicode.Scalar], path: String) {
            self.scalars = scalars
            self.path = path
        }

        var atEnd: Bool { index >= scalars.count }
        var current: Unicode.Scalar { scalars[index] }

        static func isLineBreak(_ s: Unicode.Scalar) -> Bool { s == "\n" || s == "\r" }

        /// Consumes one line break (CRLF counts once) and moves to the next line.
        mutating func consumeLineBreak() {
            if current == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
            index += 1
            line += 1
            column = 1
        }

        mutating func run() throws(LedgerError) -> CSVDocument {
            while !atEnd {
                // A line with nothing on it is not a record (RFC 4180 has no empty records,
                // and a trailing newline must not add one).
                if Self.isLineBreak(current) {
                    consumeLineBreak()
                    continue
                }
                records.append(try readRecord())
            }
            return CSVDocument(records: records, warnings: warnings)
        }

        mutating func readRecord() throws(LedgerError) -> CSVRecord {
            let startLine = line
            var fields: [CSVField] = []
            while true {
                fields.append(try readField())
                if atEnd { break }
                if current == "," {
                    index += 1
                    column += 1
                    continue
                }
                // readField stops only at a comma, a line break or the end.
                let endLine = line
                consumeLineBreak()
                return CSVRecord(fields: fields, line: startLine, endLine: endLine)
            }
            return CSVRecord(fields: fields, line: startLine, endLine: line)
        }

        mutating func readField() throws(LedgerError) -> CSVField {
            let fieldLine = line, fieldColumn = column
            if !atEnd, current == "\"" {
                return try readQuotedField(line: fieldLine, column: fieldColumn)
            }
            var value = String.UnicodeScalarView()
            var warnedStrayQuote = false
            while !atEnd, current != ",", !Self.isLineBreak(current) {
                if current == "\"", !warnedStrayQuote {
                    warnedStrayQuote = true
                    warnings.append(LedgerDiagnostic(
                        .warning, file: path, line: line, column: column, check: .strayQuote,
                        message: "quote character inside an unquoted field is kept as text; "
                            + "to be unambiguous, quote the whole field and double the inner quote (\"\")"))
                }
                value.append(current)
                index += 1
                column += 1
            }
            return CSVField(value: String(value), line: fieldLine, column: fieldColumn, isQuoted: false)
        }

        mutating func readQuotedField(line fieldLine: Int, column fieldColumn: Int) throws(LedgerError) -> CSVField {
            index += 1
            column += 1
            var value = String.UnicodeScalarView()
            while true {
                guard !atEnd else {
                    throw LedgerError(.syntax, file: path, line: fieldLine, column: fieldColumn,
                                      message: "quoted field is never closed: the closing quote (\") is missing "
                                          + "before the end of the file")
                }
                let scalar = current
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        value.append("\"")
                        index += 2
                        column += 2
                        continue
                    }
                    index += 1
                    column += 1
                    break
                }
                if Self.isLineBreak(scalar) {
                    // The value keeps the break as written; the position moves to the next line.
                    value.append(scalar)
                    if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" {
                        value.append("\n")
                        index += 1
                    }
                    index += 1
                    line += 1
                    column = 1
                    continue
                }
                value.append(scalar)
                index += 1
                column += 1
            }
            if !atEnd, current != ",", !Self.isLineBreak(current) {
                throw LedgerError(.syntax, file: path, line: line, column: column,
                                  message: "unexpected \(Self.describe(current)) after the closing quote of the field "
                                      + "that starts at \(fieldLine):\(fieldColumn); a quote inside a quoted field "
                                      + "must be doubled (\"\")")
            }
            return CSVField(value: String(value), line: fieldLine, column: fieldColumn, isQuoted: true)
        }

        static func describe(_ scalar: Unicode.Scalar) -> String {
            if scalar.properties.isWhitespace || scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "character U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
            return "character '\(Character(scalar))'"
        }
    }
}
