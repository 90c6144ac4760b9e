import Foundation
import XCTest
@testable import Policy

/// The profiles in `profiles/`: they lint clean, every quote occurs in its seed document, and
/// every setting is cited. The citation counts are pinned so a change to a shipped profile is a
/// deliberate, reviewed change.
final class ProfileShippedTests: XCTestCase {
    static let ids = ["incident-guideline", "isms-27001-2022", "jpma-standard", "operations-baseline", "recommended", "sme-policy-2018"]

    /// Source document each profile transcribes (nil: public sources only).
    static let sourceDocuments: [String: String?] = [
        "jpma-standard": "000_527d28aceaa6f465.txt", "sme-policy-2018": "001_6b0be833ab85124a.txt",
        "isms-27001-2022": "002_3babf8e9ed3975a5.txt", "incident-guideline": "003_3c27b1740ac6e253.txt",
        "operations-baseline": "004_e64139a713e39baf.txt", "recommended": nil,
    ]

    /// settings, citing a policy document, citing a public source, org decisions.
    static let expectedCounts: [String: (settings: Int, document: Int, publicSource: Int, orgDecision: Int)] = [
        "jpma-standard": (27, 27, 0, 0),
        "sme-policy-2018": (10, 9, 0, 1),
        "isms-27001-2022": (18, 14, 1, 4),
        "incident-guideline": (2, 2, 0, 0),
        "operations-baseline": (5, 3, 0, 2),
        "recommended": (28, 0, 28, 0),
    ]

    private var searchPath: ProfileSearchPath { ProfileSearchPath(directories: [ProfileTesting.shippedProfiles]) }

    private func url(_ id: String) -> URL { ProfileTesting.shippedProfiles.appendingPathComponent("\(id).yaml") }

    func testTheSixProfilesAreShipped() {
        XCTAssertEqual(searchPath.availableProfiles().map(\.id), Self.ids)
        let summaries = ProfileLoader(searchPath: searchPath).availableProfiles()
        for summary in summaries {
            XCTAssertEqual(summary.declaredID, summary.id, "metadata.id matches the file name")
            XCTAssertTrue(summary.readable)
            XCTAssertEqual(summary.source?.document, Self.sourceDocuments[summary.id] ?? nil, summary.id)
        }
    }

    func testAllShippedProfilesLintClean() {
        let diagnostics = ProfileLinter(searchPath: searchPath, options: ProfileCheckOptions(today: ProfileTesting.today))
            .lint(files: Self.ids.map(url))
        XCTAssertEqual(diagnostics, [], diagnostics.map(\.description).joined(separator: "\n"))
    }

    /// The strongest guarantee against inventing values: each quote is found word for word.
    func testEveryQuoteOccursInItsSeedDocument() throws {
        guard let sources = ProfileTesting.sourcesDirectory else {
            throw XCTSkip("seed documents not available; set NETAUDIT_SOURCES to the directory holding 000_….txt to 004_….txt")
        }
        let diagnostics = ProfileLinter(searchPath: searchPath,
                                        options: ProfileCheckOptions(today: ProfileTesting.today, sourcesDirectory: sources))
            .lint(files: Self.ids.map(url))
        XCTAssertEqual(diagnostics, [], diagnostics.map(\.description).joined(separator: "\n"))
        var quotes = 0
        for id in Self.ids {
            let parsed = try XCTUnwrap(ProfileParser.parse(yaml: String(contentsOf: url(id), encoding: .utf8), file: id).profile)
            for citation in parsed.allCitations where citation.value.url == nil && citation.value.document != nil {
                XCTAssertEqual(citation.value.document, Self.sourceDocuments[id] ?? nil, "\(id) quotes only its own document")
                quotes += 1
            }
        }
        XCTAssertGreaterThan(quotes, 40)
    }

    func testCitationCountsPerProfile() throws {
        var report: [String] = []
        for id in Self.ids {
            let parsed = try XCTUnwrap(ProfileParser.parse(yaml: String(contentsOf: url(id), encoding: .utf8), file: id).profile)
            let summary = ProfileCitationSummary(parsed)
            report.append("\(id): \(summary)")
            XCTAssertEqual(summary.uncited, 0, id)
            let expected = try XCTUnwrap(Self.expectedCounts[id])
            XCTAssertEqual(summary.settings, expected.settings, "\(id) settings")
            XCTAssertEqual(summary.documentCited, expected.document, "\(id) document citations")
            XCTAssertEqual(summary.publicSourceCited, expected.publicSource, "\(id) public sources")
            XCTAssertEqual(summary.orgDecisions, expected.orgDecision, "\(id) org decisions")
        }
        print("Citation counts per shipped profile:\n" + report.joined(separator: "\n"))
    }

    /// The recommended profile cites public sources only; document profiles never cite a URL as
    /// if it were the document.
    func testRecommendedCitesOnlyPublicSourcesWithURLs() throws {
        let parsed = try XCTUnwrap(ProfileParser.parse(yaml: String(contentsOf: url("recommended"), encoding: .utf8), file: "r").profile)
        for citation in parsed.allCitations {
            XCTAssertNotNil(citation.value.url, "recommended setting without a URL at line \(citation.location.line)")
            XCTAssertTrue(citation.value.url?.hasPrefix("https://") ?? false)
            XCTAssertFalse(citation.value.orgDecision)
        }
    }

    func testShippedProfilesCombine() throws {
        let fixture = try ProfileFixture()
        try fixture.write("org.yaml", """
        metadata:
          id: example-org
          title: 例
        extends: [recommended, jpma-standard, incident-guideline]
        scope:
          sites:
            - {name: hq, subnets: [192.168.10.0/24]}
            - {name: factory-a, subnets: [192.168.20.0/24]}
            - {name: factory-b, subnets: [192.168.30.0/24]}
        """)
        XCTAssertEqual(fixture.lint("org.yaml", searchPath: searchPath), [])
        let profile = try fixture.load("org.yaml", searchPath: searchPath)
        XCTAssertEqual(profile.rule("wireless.auth_not_allowed")?.strings("allowed_auth"), ["wpa2-psk"],
                       "the document profile, listed after recommended, wins")
        XCTAssertEqual(profile.rule("tls.protocol_version")?.string("min_version"), "tls1.2", "recommended fills what JPMA leaves open")
        XCTAssertEqual(profile.approverRoles?.value, ["情報セキュリティ委員会"], "the last profile declaring approvers wins")
        XCTAssertEqual(profile.enabledRules.count, 28, "18 from recommended, 10 more from jpma-standard")
    }

    func testJPMAProfileTranscribesSection513() throws {
        let profile = try ProfileLoader(searchPath: searchPath, options: ProfileCheckOptions(today: ProfileTesting.today))
            .load("jpma-standard").profile
        let psk = try XCTUnwrap(profile.rule("wireless.psk_weak"))
        XCTAssertEqual(psk.int("min_length"), 12)
        XCTAssertEqual(psk.enumerations("required_classes", as: RuleCatalog.CharacterClass.self), [.upper, .lower, .digit, .symbol])
        XCTAssertEqual(psk.citations.first?.value.section, "5.1.3")
        XCTAssertEqual(profile.scope.wirelessScope, .confidentialSSIDs)
        XCTAssertNotEqual(profile.rule("wireless.auth_not_allowed")?.bool("require_per_user_accounts"), true,
                          "the 5.1.3/7.23 contradiction is left for the owner, not silently resolved")
        XCTAssertNil(profile.rule("tls.protocol_version"), "JPMA gives no TLS values, so none are set")
    }
}
