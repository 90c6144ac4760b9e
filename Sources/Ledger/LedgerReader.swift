import Foundation
import NetAddress
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads ledger files into `Ledger` values.
///
/// Reading stops only for problems that leave no rows to look at (unreadable file,
/// undecodable bytes, broken CSV quoting); everything row-level is left for the
/// validator, so one run lists every problem.
public enum LedgerReader {
    /// Files larger than this are refused rather than read into memory: an equipment
    /// ledger is kilobytes; hundreds of megabytes means the wrong file.
    public static let maximumFileSize = 64 << 20

    /// How many leading rows may be title rows (`社内IT機材管理台帳`, `作成日 …`) above the header.
    static let headerSearchLimit = 10

    /// Reads and decodes `path`. `encoding` nil means detect (BOM → UTF-8, valid UTF-8 → UTF-8, else CP932).
    public static func read(path: String, encoding: LedgerEncoding? = nil,
                            import importFormat: LedgerImport? = nil) throws(LedgerError) -> Ledger {
        let bytes = try readBytes(path: path)
        let (text, detected) = try LedgerTextDecoder.decode(bytes, forced: encoding, path: path)
        return try parse(text: text, path: path, encoding: detected, import: importFormat)
    }

    /// Parses ledger text already in memory. `path` is used in diagnostics only.
    public static func parse(text: String, path: String, encoding: LedgerEncoding = .utf8,
                             import importFormat: LedgerImport? = nil) throws(LedgerError) -> Ledger {
        var body = text
        if body.unicodeScalars.first == "\u{FEFF}" { body.unicodeScalars.removeFirst() }
        let document = try CSVParser.parse(body, path: path)
        var warnings = document.warnings
        let records = document.records.filter { !$0.isBlank }
        guard !records.isEmpty else {
            throw LedgerError(.syntax, file: path, message: "the ledger is empty: no header row and no assets")
        }
        let (headerPosition, header) = findHeader(records, importFormat: importFormat)
        warnings += headerWarnings(header, path: path, importFormat: importFormat)

        var rows: [LedgerRow] = []
        var assets: [Asset] = []
        for record in records[(headerPosition + 1)...] {
            let row = LedgerRow(record: record)
            rows.append(row)
            assets.append(makeAsset(row, header: header, path: path, importFormat: importFormat))
        }
        warnings += unnamedColumnWarnings(header, rows: rows, path: path)
        return Ledger(path: path, encoding: encoding, importFormat: importFormat,
                      header: header, rows: rows, assets: assets, warnings: warnings)
    }

    // MARK: Reading the file

    static func readBytes(path: String) throws(LedgerError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw LedgerError(.unreadable, file: path, message: "cannot open the ledger: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw LedgerError(.unreadable, file: path, message: "cannot read the ledger: \(String(cString: strerror(errno)))")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw LedgerError(.unreadable, file: path, message: "cannot read the ledger: it is a directory")
        }
        if Int(status.st_size) > maximumFileSize {
            throw LedgerError(.unreadable, file: path, message: "the file is \(status.st_size) bytes; a ledger larger "
                + "than \(maximumFileSize >> 20) MiB is refused (is this the right file?)")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LedgerError(.unreadable, file: path, message: "cannot read the ledger: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[..<count])
            if bytes.count > maximumFileSize {
                throw LedgerError(.unreadable, file: path, message: "the file is larger than \(maximumFileSize >> 20) MiB; "
                    + "a ledger that large is refused (is this the right file?)")
            }
        }
        return bytes
    }

    /// `read(2)`, renamed because `read(path:)` above shadows it inside this type.
    private static func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    // MARK: Header

    /// The first row (of the first few) that names at least two known columns; title
    /// rows above it are skipped. Without such a row the first row is the header.
    static func findHeader(_ records: [CSVRecord], importFormat: LedgerImport?) -> (Int, LedgerHeader) {
        for (position, record) in records.prefix(headerSearchLimit).enumerated() {
            let header = LedgerHeader(record: record, importFormat: importFormat)
            if header.recognisedCount >= 2 { return (position, header) }
        }
        return (0, LedgerHeader(record: records[0], importFormat: importFormat))
    }

    static func headerWarnings(_ header: LedgerHeader, path: String, importFormat: LedgerImport?) -> [LedgerDiagnostic] {
        var warnings: [LedgerDiagnostic] = []
        var unknownNames: [String] = []
        for column in header.columns {
            guard case .unknown(let suggestion) = column.role else { continue }
            unknownNames.append(column.name)
            var message = "unknown column \"\(column.name)\" is kept as an extra field"
            if let suggestion {
                message += "; did you mean \(suggestion.rawValue) (\(suggestion.japaneseName))?"
            }
            warnings.append(LedgerDiagnostic(.warning, file: path, line: column.field.line, column: column.field.column,
                                             check: .unknownColumn, message: message))
        }
        if importFormat == nil, unknownNames.count >= 2 {
            for format in LedgerImport.allCases {
                let known = unknownNames.filter { format.mapping(forHeader: $0) != nil }
                if known.count >= 2 {
                    warnings.append(LedgerDiagnostic(
                        .warning, file: path, line: header.line, column: 0, check: .importHint,
                        message: "the header looks like a \(format.displayName) (\(known.prefix(3).joined(separator: ", "))); "
                            + "read it with --import \(format.rawValue)"))
                    break
                }
            }
        }
        return warnings
    }

    /// An unnamed column only matters when some row puts data in it.
    static func unnamedColumnWarnings(_ header: LedgerHeader, rows: [LedgerRow], path: String) -> [LedgerDiagnostic] {
        var warnings: [LedgerDiagnostic] = []
        for (index, column) in header.columns.enumerated() where column.role == .unnamed {
            let used = rows.first { index < $0.record.fields.count && !LedgerText.trimmed($0.record.fields[index].value).isEmpty }
            guard let used else { continue }
            warnings.append(LedgerDiagnostic(
                .warning, file: path, line: column.field.line, column: column.field.column, check: .unnamedColumn,
                message: "column \(index + 1) has no header but holds data (first at line \(used.line)); "
                    + "it is kept as extra field \"\(header.extraName(at: index))\""))
        }
        return warnings
    }

    // MARK: Assets

    static func makeAsset(_ row: LedgerRow, header: LedgerHeader, path: String, importFormat: LedgerImport?) -> Asset {
        func text(_ column: LedgerColumn) -> String { row.value(column, in: header) }

        var ipAddress: IPv4Address?
        if case .address(let address, let prefixLength) = LedgerFieldParser.ipValue(text(.ipAddress)),
           LedgerFieldParser.notHostReason(address, prefixLength: prefixLength) == nil {
            ipAddress = address
        }
        var macs: [MACAddress] = []
        for item in LedgerFieldParser.macItems(in: text(.macAddresses)) {
            if let mac = item.address, mac.isUnicastStation, !macs.contains(mac) { macs.append(mac) }
        }
        var status = AssetStatus(ledgerValue: text(.status)) ?? .inService
        if importFormat?.treatsAssignedSpareAsInService == true, status == .spare, !text(.user).isEmpty {
            status = .inService
        }
        var extras: [LedgerExtraField] = []
        for (index, column) in header.columns.enumerated() where index < row.record.fields.count {
            switch column.role {
            case .column: continue
            case .duplicate, .superseded, .ignored, .unknown, .unnamed:
                let value = LedgerText.trimmed(row.record.fields[index].value)
                if !value.isEmpty { extras.append(LedgerExtraField(name: header.extraName(at: index), value: value)) }
            }
        }
        // Fields beyond the header have no name; the validator reports them.
        for (index, field) in row.record.fields.enumerated().dropFirst(header.columns.count) {
            let value = LedgerText.trimmed(field.value)
            if !value.isEmpty { extras.append(LedgerExtraField(name: "column \(index + 1)", value: value)) }
        }
        return Asset(
            assetID: text(.assetID), nodeName: text(.nodeName), macAddresses: macs, ipAddress: ipAddress,
            site: text(.site), location: text(.location), user: text(.user), model: text(.model),
            hardwareInfo: text(.hardwareInfo), serialNumber: text(.serialNumber), purpose: text(.purpose),
            os: text(.os), software: text(.software), deviceClass: text(.deviceClass), ownerDept: text(.ownerDept),
            ownership: Ownership(ledgerValue: text(.ownership)),
            wirelessAuthorized: LedgerBoolean.parse(text(.wirelessAuthorized)) ?? false,
            allowedServices: LedgerFieldParser.services(in: text(.allowedServices)),
            status: status, approvalRef: text(.approvalRef),
            approvalExpiry: LedgerDate(ledgerValue: text(.approvalExpiry)),
            confidentiality: text(.confidentiality), maintenanceNo: text(.maintenanceNo),
            installDate: LedgerDate(ledgerValue: text(.installDate)),
            maintenanceDate: LedgerDate(ledgerValue: text(.maintenanceDate)),
            notes: text(.notes), extraFields: extras, file: path, line: row.line)
    }
}
