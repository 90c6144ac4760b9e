import Foundation
import Policy
import Report
import Snapshot
import XCTest

final class AuditReportTests: XCTestCase {
    func testSplitsActiveAndSuppressedAndOrdersBySeverityThenRuleThenSubject() {
        let report = ReportFixture.report()
        XCTAssertEqual(report.findings.map(\.ruleID), [
            "tls.cert_expired", "ledger.unregistered_device", "wireless.cipher_not_allowed", "ledger.ip_mismatch",
            "ledger.device_not_seen", "ledger.randomized_mac",
        ])
        XCTAssertEqual(report.suppressed.map(\.ruleID), ["services.cleartext_management", "lan.ip_conflict"])
        XCTAssertTrue(report.suppressed.allSatisfy { $0.suppression != nil })
        XCTAssertTrue(report.findings.allSatisfy { $0.suppression == nil })
    }

    func testOrderingFallsBackToSubjectLabelThenFingerprint() {
        func finding(_ mac: String, _ fingerprint: String) -> Finding {
            Finding(ruleID: "ledger.unregistered_device", severity: .high, subject: Subject(kind: .device, mac: mac),
                    message: LocalizedText(en: "m", ja: "m"), evidence: [], citations: [], remediation: LocalizedText(en: "", ja: ""),
                    fingerprint: fingerprint)
        }
        let sorted = [finding("00:00:00:00:00:02", "a"), finding("00:00:00:00:00:01", "z"), finding("00:00:00:00:00:01", "b")].sortedForReport()
        XCTAssertEqual(sorted.map(\.fingerprint), ["b", "z", "a"])
    }

    func testSummaryCountsActiveFindingsAndExitStatusFollowsFailOn() {
        let report = ReportFixture.report(failOn: .high)
        XCTAssertEqual(report.summary.bySeverity, {
            var counts = AuditReport.SeverityCounts()
            counts.critical = 1; counts.high = 2; counts.medium = 1; counts.low = 1; counts.info = 1
            return counts
        }())
        XCTAssertEqual(report.summary.total, 6)
        XCTAssertEqual(report.summary.suppressed, 2)
        XCTAssertEqual(report.summary.devices, 4)
        XCTAssertEqual(report.exitStatus, 1)

        // Only the suppressed high finding and lower ones remain: a high threshold passes.
        let lower = ReportFixture.findings.filter { $0.severity < .high || $0.suppression != nil }
        XCTAssertEqual(ReportFixture.report(findings: lower, failOn: .high).exitStatus, 0)
        XCTAssertEqual(ReportFixture.report(findings: lower, failOn: .medium).exitStatus, 1)
        XCTAssertEqual(ReportFixture.report(findings: [], failOn: .info).exitStatus, 0)
    }

    func testJSONRoundTripsAndKeepsTheDocumentedKeys() throws {
        let report = ReportFixture.report()
        let json = try JSONReporter.generateReport(report, options: ReportOptions())
        let decoded = try JSONDecoder().decode(AuditReport.self, from: Data(json.utf8))
        XCTAssertEqual(decoded, report)

        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["schema_version", "generator", "generated_at", "profile", "ledger", "inputs", "fail_on",
                                          "summary", "rules", "findings", "suppressed", "inventory", "not_evaluated"])
        XCTAssertEqual(object["schema_version"] as? String, "1.0")
        let summary = try XCTUnwrap(object["summary"] as? [String: Any])
        XCTAssertEqual(summary["exit_status"] as? Int, 1)
        XCTAssertEqual(summary["by_severity"] as? [String: Int], ["critical": 1, "high": 2, "medium": 1, "low": 1, "info": 1])
        let ledger = try XCTUnwrap(object["ledger"] as? [String: Any])
        XCTAssertEqual(ledger["asset_count"] as? Int, 42)
    }

    func testJSONIsStableAcrossRuns() throws {
        let first = try JSONReporter.generateReport(ReportFixture.report(), options: ReportOptions())
        let second = try JSONReporter.generateReport(ReportFixture.report(), options: ReportOptions())
        XCTAssertEqual(first, second)
        XCTAssertTrue(first.hasSuffix("}\n"))
    }

    func testDecodingToleratesAbsentOptionalSections() throws {
        let report = ReportFixture.report()
        var object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try JSONReporter.generateReport(report, options: ReportOptions()).utf8))
            as? [String: Any])
        object["ledger"] = nil
        object["rules"] = nil
        object["suppressed"] = nil
        object["inputs"] = nil
        let decoded = try JSONDecoder().decode(AuditReport.self, from: try JSONSerialization.data(withJSONObject: object))
        XCTAssertNil(decoded.ledger)
        XCTAssertEqual(decoded.rules, [])
        XCTAssertEqual(decoded.suppressed, [])
    }

    func testRegistryNamesEveryFormatOnce() throws {
        XCTAssertEqual(Reporters.identifiers, ["text", "json", "sarif", "junit", "html", "csv"])
        for identifier in Reporters.identifiers {
            XCTAssertEqual(Reporters.named(identifier)?.identifier, identifier)
        }
        XCTAssertNil(Reporters.named("xml"))
        XCTAssertNil(Reporters.named("SARIF"))
        XCTAssertThrowsError(try Reporters.render(ReportFixture.report(), format: "pdf")) { error in
            XCTAssertEqual(error as? ReportError, .unknownFormat("pdf"))
            XCTAssertTrue(String(describing: error).contains("text, json, sarif, junit, html, csv"))
        }
        XCTAssertEqual(try Reporters.render(ReportFixture.report(), format: "csv", options: ReportOptions(language: .ja)),
                       try CSVReporter.generateReport(ReportFixture.report(), options: ReportOptions(language: .ja)))
    }

    func testEmptyReportRendersInEveryFormat() throws {
        let empty = AuditReport(generatedAt: ReportFixture.time("2026-11-21T10:00:00Z"),
                                profile: AuditReport.ProfileReference(id: "p", title: "P", path: "p.yaml"), failOn: .high, findings: [],
                                inventory: Snapshot(generatedAt: ReportFixture.time("2026-11-21T10:00:00Z")))
        for reporter in Reporters.all {
            let output = try reporter.generateReport(empty, options: ReportOptions())
            XCTAssertFalse(output.isEmpty, reporter.identifier)
        }
        XCTAssertTrue(try TextReporter.generateReport(empty, options: ReportOptions()).contains("No findings."))
        XCTAssertTrue(try TextReporter.generateReport(empty, options: ReportOptions()).contains("PASS"))
    }
}

final class NotEvaluatedReportTests: XCTestCase {
    func testNotEvaluatedRulesAreListedInTextAndSurviveJSON() throws {
        let report = ReportFixture.report()
        XCTAssertEqual(report.notEvaluated.map(\.id), ["wireless.psk_weak"])
        let text = try Reporters.render(report, format: "text", options: ReportOptions(language: .en))
        XCTAssertTrue(text.contains("NOT EVALUATED (1)"), text)
        XCTAssertTrue(text.contains("wireless.psk_weak: not implemented yet"), text)
        let json = try Reporters.render(report, format: "json", options: ReportOptions())
        let back = try JSONDecoder().decode(AuditReport.self, from: Data(json.utf8))
        XCTAssertEqual(back.notEvaluated, report.notEvaluated)
    }
}
