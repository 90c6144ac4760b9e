import Foundation
import Policy
import XCTest

/// Runs every registered rule's own triggering and non-triggering examples through the real audit
/// (profile loader, ledger reader, `Auditor.audit`), SwiftLint style.
final class RuleExampleTests: XCTestCase {
    func testRegistryIsConsistentWithTheCatalog() {
        let ids = RuleRegistry.all.map { $0.id }
        XCTAssertEqual(Set(ids).count, ids.count, "duplicate rule ids in the registry: \(ids)")
        for rule in RuleRegistry.all {
            XCTAssertNotNil(rule.catalogEntry, "\(rule.id) is registered but not in the rule catalog")
            XCTAssertFalse(rule.triggeringExamples.isEmpty, "\(rule.id) has no triggering example")
            XCTAssertFalse(rule.nonTriggeringExamples.isEmpty, "\(rule.id) has no non-triggering example")
            XCTAssertTrue(rule.triggeringExamples.allSatisfy { $0.expectedFindings > 0 }, "\(rule.id): a triggering example expects no finding")
            XCTAssertTrue(rule.nonTriggeringExamples.allSatisfy { $0.expectedFindings == 0 }, "\(rule.id): a non-triggering example expects findings")
        }
        // Every rule in the catalog has an implementation: nothing an audit enables can pass silently.
        XCTAssertEqual(Set(ids), Set(RuleCatalog.ids))
        XCTAssertEqual(RuleRegistry.unimplementedIDs, [])
        XCTAssertEqual(ids.filter { $0.hasPrefix("tls.") }.count, 10)
        XCTAssertEqual(ids.filter { $0.hasPrefix("mail.") }.count, 2)
    }

    func testTriggeringExamples() throws {
        for rule in RuleRegistry.all {
            for example in rule.triggeringExamples {
                let outcome = try AuditTesting.run(example, ruleID: rule.id)
                let found = outcome.all(rule.id)
                XCTAssertEqual(found.count, example.expectedFindings,
                               "\(rule.id) — \(example.name): \(found.map(\.message.en))")
                for finding in found { assertWellFormed(finding, rule: rule.id, example: example.name) }
            }
        }
    }

    func testNonTriggeringExamples() throws {
        for rule in RuleRegistry.all {
            for example in rule.nonTriggeringExamples {
                let outcome = try AuditTesting.run(example, ruleID: rule.id)
                let found = outcome.all(rule.id)
                XCTAssertTrue(found.isEmpty, "\(rule.id) — \(example.name) should be silent: \(found.map(\.message.en))")
                XCTAssertFalse(outcome.evaluated.isEmpty, "\(rule.id) — \(example.name): the rule did not run")
            }
        }
    }

    /// The examples are run through the whole engine, so a rule that reported findings for another rule id would show here.
    func testRulesOnlyReportTheirOwnID() throws {
        for rule in RuleRegistry.all {
            for example in rule.triggeringExamples + rule.nonTriggeringExamples where example.alsoEnabled.isEmpty {
                let outcome = try AuditTesting.run(example, ruleID: rule.id)
                XCTAssertEqual(Set(outcome.allFindings.map(\.ruleID)).subtracting([rule.id]), [], "\(rule.id) — \(example.name)")
            }
        }
    }

    private func assertWellFormed(_ finding: Finding, rule: String, example: String, file: StaticString = #filePath, line: UInt = #line) {
        let context = "\(rule) — \(example)"
        // wireless.rogue_ap documents its own levels: an evil twin one above the profile's, foreign networks at low.
        if rule != "wireless.rogue_ap" {
            XCTAssertEqual(finding.severity, RuleCatalog.entry(for: rule)?.defaultSeverity, context, file: file, line: line)
        }
        XCTAssertFalse(finding.message.en.isEmpty, context, file: file, line: line)
        XCTAssertTrue(finding.message.ja.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) },
                      "\(context): the Japanese message has no Japanese: \(finding.message.ja)", file: file, line: line)
        XCTAssertFalse(finding.remediation.en.isEmpty, context, file: file, line: line)
        XCTAssertFalse(finding.remediation.ja.isEmpty, context, file: file, line: line)
        XCTAssertEqual(finding.citations, [Citation(orgDecision: true)], context, file: file, line: line)
        XCTAssertFalse(finding.evidence.isEmpty, "\(context): no evidence", file: file, line: line)
        XCTAssertNotNil(finding.fingerprint.range(of: "^[0-9a-f]{32}$", options: .regularExpression), context, file: file, line: line)
    }
}
