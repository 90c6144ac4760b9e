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
        // The ledger, LAN and services rules and the configuration half of the wireless rules are
        // implemented; the rest of the catalog is listed as such.
        XCTAssertEqual(Set(ids), ["ledger.unregistered_device", "ledger.device_not_seen", "ledger.ip_mismatch", "ledger.mac_mismatch",
                                  "ledger.retired_device_seen", "ledger.randomized_mac", "ledger.approval_expired",
                                  "ledger.subnet_mismatch", "lan.rogue_dhcp_server", "lan.ip_conflict",
                                  "services.forbidden_port", "services.not_allowed", "services.cleartext_management",
                                  "wireless.auth_not_allowed", "wireless.cipher_not_allowed", "wireless.psk_weak",
                                  "wireless.any_connection_enabled", "wireless.mac_auth_missing", "wireless.pmf_not_required",
                                  "wireless.wps_enabled"])
        XCTAssertEqual(Set(RuleRegistry.unimplementedIDs).union(ids), Set(RuleCatalog.ids))
        XCTAssertTrue(RuleRegistry.unimplementedIDs.allSatisfy { !$0.hasPrefix("ledger.") && !$0.hasPrefix("lan.") && !$0.hasPrefix("services.") })
        XCTAssertEqual(RuleRegistry.unimplementedIDs.filter { $0.hasPrefix("wireless.") },
                       ["wireless.mac_acl_mismatch", "wireless.rogue_ap", "wireless.unauthorized_client"])
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
        XCTAssertEqual(finding.severity, RuleCatalog.entry(for: rule)?.defaultSeverity, context, file: file, line: line)
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
