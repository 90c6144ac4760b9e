import Foundation
import XCTest
@testable import Policy

/// A private temporary directory of profile files for one test.
final class ProfileFixture {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("netaudit-profile-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    @discardableResult
    func write(_ name: String, _ yaml: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(yaml.utf8).write(to: url)
        return url
    }

    /// Lints `name` with an empty search path unless one is given; "today" is fixed.
    func lint(_ name: String, today: ProfileDate = ProfileTesting.today, sources: URL? = nil,
              searchPath: ProfileSearchPath = ProfileSearchPath(directories: [])) -> [LintDiagnostic] {
        ProfileLinter(searchPath: searchPath, options: ProfileCheckOptions(today: today, sourcesDirectory: sources))
            .lint(file: directory.appendingPathComponent(name))
    }

    func load(_ name: String, today: ProfileDate = ProfileTesting.today,
              searchPath: ProfileSearchPath = ProfileSearchPath(directories: [])) throws -> ResolvedProfile {
        try ProfileLoader(searchPath: searchPath, options: ProfileCheckOptions(today: today))
            .load(file: directory.appendingPathComponent(name)).profile
    }
}

enum ProfileTesting {
    static let today = ProfileDate(year: 2026, month: 6, day: 1)!

    /// The repository root (this file is Tests/PolicyTests/ProfileTestSupport.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shippedProfiles = repositoryRoot.appendingPathComponent("profiles")

    /// The seed policy documents the shipped profiles quote; nil when not on this machine.
    static var sourcesDirectory: URL? {
        let path = ProcessInfo.processInfo.environment["NETAUDIT_SOURCES"] ?? "/work/shared/seeds"
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? URL(fileURLWithPath: path) : nil
    }

    /// The minimal valid header most fixtures start with (lines 1-3).
    static let header = """
    metadata:
      id: fixture
      title: Fixture
    """

    /// A citation block for a rule at indentation 4 (under `rules: <id>:`), three lines.
    static let orgCitation = """
        citations:
          - org_decision: true
            english: test decision
    """
}

/// Asserts that exactly one diagnostic of `level` sits at `line:column` of a file ending in
/// `file` and that its message contains `text`.
func XCTAssertDiagnostic(_ diagnostics: [LintDiagnostic], _ level: LintDiagnostic.Level, _ file: String, _ line: Int, _ column: Int,
                         _ text: String, file testFile: StaticString = #filePath, line testLine: UInt = #line) {
    let matches = diagnostics.filter {
        $0.level == level && $0.location.file.hasSuffix(file) && $0.location.line == line && $0.location.column == column
            && $0.message.contains(text)
    }
    XCTAssertEqual(matches.count, 1, "expected one \(level.rawValue) at \(file):\(line):\(column) containing “\(text)”; got:\n"
                   + diagnostics.map(\.description).joined(separator: "\n"), file: testFile, line: testLine)
}
