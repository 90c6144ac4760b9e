/// The header row of a ledger and what each of its columns feeds.
public struct LedgerHeader: Sendable, Equatable {
    /// What one header cell was recognised as.
    public enum Role: Sendable, Equatable {
        /// Fills this ledger column.
        case column(LedgerColumn)
        /// Names a column an earlier header already fills; that earlier one is used.
        case duplicate(LedgerColumn, firstIndex: Int)
        /// An export's fallback header, not used because its preferred header is present.
        case superseded(LedgerColumn)
        /// Listed as not used by the import mapping; kept as an extra field.
        case ignored
        /// Not a ledger column; kept as an extra field. `suggestion` is the nearest column.
        case unknown(suggestion: LedgerColumn?)
        /// An empty header cell.
        case unnamed
    }

    public struct Column: Sendable, Equatable {
        /// The header text, trimmed.
        public var name: String
        public var field: CSVField
        public var role: Role
        /// The cell is a yes/no BYOD flag that becomes `ownership` (Snipe-IT).
        public var isBYODFlag: Bool
    }

    /// Line of the header row (title rows above it are skipped).
    public let line: Int
    public let columns: [Column]
    private let indexByColumn: [LedgerColumn: Int]

    /// Position of the header cell that fills `column`, if any.
    public func index(of column: LedgerColumn) -> Int? { indexByColumn[column] }

    public func contains(_ column: LedgerColumn) -> Bool { indexByColumn[column] != nil }

    /// The name extra cells are stored under: the header text, or `column N` when it is empty.
    public func extraName(at index: Int) -> String {
        let name = columns[index].name
        return name.isEmpty ? "column \(index + 1)" : name
    }

    /// Recognises each header cell, applying an import mapping first when one is given.
    init(record: CSVRecord, importFormat: LedgerImport?) {
        line = record.line
        var candidates: [(target: LedgerColumn?, mode: LedgerImport.Mapping.Mode, name: String)] = []
        for field in record.fields {
            let name = LedgerText.trimmed(field.value)
            if name.isEmpty {
                candidates.append((nil, .ignore, name))
            } else if let mapping = importFormat?.mapping(forHeader: name) {
                candidates.append((mapping.target, mapping.mode, name))
            } else if let column = LedgerColumn(header: name) {
                candidates.append((column, .map, name))
            } else {
                candidates.append((nil, .map, name))
            }
        }
        // A column's preferred header is the first `map`/`byod` one; fallbacks count only without it.
        var preferred: [LedgerColumn: Int] = [:]
        for (index, candidate) in candidates.enumerated() {
            guard let target = candidate.target, candidate.mode != .fallback, candidate.mode != .ignore,
                  preferred[target] == nil else { continue }
            preferred[target] = index
        }
        for (index, candidate) in candidates.enumerated() where candidate.mode == .fallback {
            if let target = candidate.target, preferred[target] == nil { preferred[target] = index }
        }
        var columns: [Column] = []
        for (index, candidate) in candidates.enumerated() {
            let field = record.fields[index]
            let role: Role
            if candidate.name.isEmpty {
                role = .unnamed
            } else if let target = candidate.target {
                if candidate.mode == .ignore {
                    role = .ignored
                } else if preferred[target] == index {
                    role = .column(target)
                } else if candidate.mode == .fallback {
                    role = .superseded(target)
                } else {
                    role = .duplicate(target, firstIndex: preferred[target] ?? index)
                }
            } else if candidate.mode == .ignore {
                role = .ignored
            } else {
                role = .unknown(suggestion: LedgerHeader.suggestion(for: candidate.name, importFormat: importFormat))
            }
            columns.append(Column(name: candidate.name, field: field, role: role,
                                  isBYODFlag: candidate.mode == .byod && role == .column(.ownership)))
        }
        self.columns = columns
        self.indexByColumn = preferred
    }

    /// How many cells were recognised (a column or an ignored export column); used to
    /// tell the header row from title rows above it.
    var recognisedCount: Int {
        columns.filter {
            switch $0.role {
            case .column, .duplicate, .superseded, .ignored: true
            case .unknown, .unnamed: false
            }
        }.count
    }

    /// The ledger column whose accepted headers are nearest the unknown header.
    static func suggestion(for header: String, importFormat: LedgerImport?) -> LedgerColumn? {
        let candidates = nativeCandidates + (importFormat?.suggestionCandidates ?? [])
        guard let best = LedgerText.closest(to: LedgerText.normalizedKey(header), among: candidates) else { return nil }
        return LedgerColumn(rawValue: best.value)
    }

    /// Folded accepted headers → column name, built once.
    static let nativeCandidates: [(key: String, value: String)] = LedgerColumn.allCases.flatMap { column in
        column.acceptedHeaders.map { (key: LedgerText.normalizedKey($0), value: column.rawValue) }
    }
}
