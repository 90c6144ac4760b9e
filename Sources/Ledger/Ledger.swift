/// IT equipment ledger (社内 IT 機材管理 台帳, 000 §7.3): reading the CSV files Japanese
/// offices keep (UTF-8, Excel's UTF-8 with BOM, CP932), recognising Japanese and English
/// headers and NetBox/Snipe-IT exports, validating rows with `file:line:column`
/// diagnostics, and looking assets up by MAC and IP for the audit.
///
/// Entry points: `LedgerReader.read(path:encoding:import:)`, `LedgerValidator`,
/// and `Ledger.asset(forMAC:)` / `Ledger.assets(forIP:)`.
import NetAddress

/// A loaded ledger: its assets in file order, the rows they came from, and lookups.
public struct Ledger: Sendable, Equatable {
    public let path: String
    public let encoding: LedgerEncoding
    /// The export mapping the file was read with; nil for a ledger in the documented columns.
    public let importFormat: LedgerImport?
    /// Nil for a ledger built from values rather than read from a file.
    public let header: LedgerHeader?
    /// The CSV rows behind `assets`, in the same order (empty when built from values).
    public let rows: [LedgerRow]
    public let assets: [Asset]
    /// Problems found while reading that do not stop it (unknown columns, stray quotes).
    public let warnings: [LedgerDiagnostic]

    private let indexByMAC: [MACAddress: Int]
    private let indicesByIP: [IPv4Address: [Int]]
    private let indexByAssetID: [String: Int]

    /// A ledger from values, for audits and tests that do not start from a file.
    public init(path: String, encoding: LedgerEncoding = .utf8, assets: [Asset], warnings: [LedgerDiagnostic] = []) {
        self.init(path: path, encoding: encoding, importFormat: nil, header: nil, rows: [], assets: assets,
                  warnings: warnings)
    }

    init(path: String, encoding: LedgerEncoding, importFormat: LedgerImport?, header: LedgerHeader?,
         rows: [LedgerRow], assets: [Asset], warnings: [LedgerDiagnostic]) {
        self.path = path
        self.encoding = encoding
        self.importFormat = importFormat
        self.header = header
        self.rows = rows
        self.assets = assets
        self.warnings = warnings
        var byMAC: [MACAddress: Int] = [:]
        var byIP: [IPv4Address: [Int]] = [:]
        var byID: [String: Int] = [:]
        for (index, asset) in assets.enumerated() {
            // The first row wins for a duplicated MAC or ID; the validator reports the duplicate.
            for mac in asset.macAddresses where byMAC[mac] == nil { byMAC[mac] = index }
            if let ip = asset.ipAddress { byIP[ip, default: []].append(index) }
            let key = Ledger.assetIDKey(asset.assetID)
            if !key.isEmpty, byID[key] == nil { byID[key] = index }
        }
        indexByMAC = byMAC
        indicesByIP = byIP
        indexByAssetID = byID
    }

    /// The asset listing `mac` (the first such row if the ledger lists it twice). O(1).
    public func asset(forMAC mac: MACAddress) -> Asset? {
        indexByMAC[mac].map { assets[$0] }
    }

    /// Every asset with `ip` as its static address, in file order; normally one, but a
    /// retired row may keep the address its successor now uses. O(1) lookup.
    public func assets(forIP ip: IPv4Address) -> [Asset] {
        (indicesByIP[ip] ?? []).map { assets[$0] }
    }

    /// The asset with this asset ID, compared ignoring width and case (`ＰＣ－００１` = `pc-001`).
    public func asset(withID id: String) -> Asset? {
        indexByAssetID[Ledger.assetIDKey(id)].map { assets[$0] }
    }

    /// Assets whose `wireless_authorized` is yes: the AP MAC filter should list exactly their MACs.
    public var wirelessAuthorizedAssets: [Asset] { assets.filter(\.wirelessAuthorized) }

    static func assetIDKey(_ id: String) -> String {
        LedgerText.trimmed(LedgerText.nfkc(id)).uppercased()
    }
}

/// One data row as read: its record and the cell behind each ledger column.
public struct LedgerRow: Sendable, Equatable {
    public var record: CSVRecord
    /// Line the row starts on.
    public var line: Int { record.line }

    /// The cell for `column`, or nil when the header lacks the column or the row is short.
    public func field(_ column: LedgerColumn, in header: LedgerHeader) -> CSVField? {
        guard let index = header.index(of: column), index < record.fields.count else { return nil }
        return record.fields[index]
    }

    /// The trimmed text for `column` ("" when absent), with a BYOD flag turned into an ownership word.
    public func value(_ column: LedgerColumn, in header: LedgerHeader) -> String {
        guard let index = header.index(of: column), index < record.fields.count else { return "" }
        let text = LedgerText.trimmed(record.fields[index].value)
        if header.columns[index].isBYODFlag, let flag = LedgerBoolean.parse(text), !text.isEmpty {
            return flag ? Ownership.personal.rawValue : Ownership.company.rawValue
        }
        return text
    }
}
