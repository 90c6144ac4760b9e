import Foundation
import XCTest
@testable import Ledger

/// Temporary files and fixtures generated at test time (no binary fixtures in the repository).
enum LedgerFixtures {
    /// A fresh directory under the system temporary directory, removed by the caller's teardown.
    static func makeDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ bytes: [UInt8], named name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Converts UTF-8 text to `encoding` with the system `iconv` program, an encoder
    /// independent of the decoder under test's code path.
    static func iconv(_ text: String, to encoding: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", encoding]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "iconv", code: Int(process.terminationStatus))
        }
        return Array(data)
    }

    static let header = "asset_id,node_name,mac_addresses,ip_address,status,wireless_authorized,approval_ref,approval_expiry"

    /// A ledger text from a header and rows, LF line ends.
    static func ledger(_ rows: [String], header: String = LedgerFixtures.header) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }
}

extension XCTestCase {
    static let fixedToday = LedgerDate(year: 2025, month: 6, day: 1)!

    func parse(_ text: String, path: String = "ledger.csv", import importFormat: LedgerImport? = nil,
               file: StaticString = #filePath, line: UInt = #line) throws -> Ledger {
        do {
            return try LedgerReader.parse(text: text, path: path, import: importFormat)
        } catch {
            XCTFail("unexpected reader error: \(error)", file: file, line: line)
            throw error
        }
    }

    func diagnostics(_ text: String, path: String = "ledger.csv", today: LedgerDate = XCTestCase.fixedToday,
                     import importFormat: LedgerImport? = nil,
                     file: StaticString = #filePath, line: UInt = #line) throws -> [LedgerDiagnostic] {
        let ledger = try parse(text, path: path, import: importFormat, file: file, line: line)
        return LedgerValidator(today: today).validate(ledger)
    }

    /// The diagnostics of one check, rendered, for exact comparisons.
    func rendered(_ diagnostics: [LedgerDiagnostic], _ check: LedgerCheck) -> [String] {
        diagnostics.filter { $0.check == check }.map(\.description)
    }

    func expectReaderError(_ text: String, kind: LedgerError.Kind, line: Int?, column: Int?,
                           containing fragment: String, file: StaticString = #filePath, sourceLine: UInt = #line) {
        do {
            _ = try LedgerReader.parse(text: text, path: "bad.csv")
            XCTFail("expected a \(kind) error", file: file, line: sourceLine)
        } catch {
            XCTAssertEqual(error.kind, kind, file: file, line: sourceLine)
            XCTAssertEqual(error.line, line, "line", file: file, line: sourceLine)
            XCTAssertEqual(error.column, column, "column", file: file, line: sourceLine)
            XCTAssertTrue(error.message.contains(fragment), "message: \(error.message)", file: file, line: sourceLine)
        }
    }
}

/// Thrown by `Array.at(_:)`; the test fails instead of the whole run crashing.
struct IndexOutOfRange: Error {}

extension Array {
    /// The element at `index`. When a broken implementation returns fewer elements, the
    /// test fails with a message instead of trapping and taking every other test with it.
    func at(_ index: Int, file: StaticString = #filePath, line: UInt = #line) throws -> Element {
        guard indices.contains(index) else {
            XCTFail("index \(index) out of range: only \(count) elements", file: file, line: line)
            throw IndexOutOfRange()
        }
        return self[index]
    }
}
