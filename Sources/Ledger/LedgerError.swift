/// Why a ledger file could not be read at all, with the place where reading stopped.
///
/// Row-level problems are not errors of this kind: the reader keeps going and the
/// validator reports them. This type is for files that cannot be turned into rows.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The file could not be opened or read (missing, permission, directory).
        case unreadable
        /// The bytes are not text in the chosen or detected encoding.
        case encoding
        /// The text is not well-formed CSV (an unterminated quote, text after a closing quote).
        case syntax
    }

    public var kind: Kind
    public var file: String
    /// 1-based; nil when the problem concerns the whole file.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: error: message`, or `file: error: message` without a position.
    public var description: String { diagnostic.description }

    /// The same problem as a diagnostic, so one printer serves both.
    public var diagnostic: LedgerDiagnostic {
        LedgerDiagnostic(.error, file: file, line: line ?? 0, column: column ?? 0,
                         check: kind == .syntax ? .csvSyntax : kind == .encoding ? .encoding : .unreadable,
                         message: message)
    }
}
