import Foundation
import Ledger
import NetAddress
import Policy
import Snapshot
import XCTest

/// The engine around the rules: which rules run, severities and citations from the profile,
/// evidence pointers, and purity (the same inputs give the same outcome).
final class AuditEngineTests: XCTestCase {
    private let office = AuditExample.network([
        AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"], packet: 3),
        AuditExample.station("00:1b:21:00:00:99", ["192.168.1.99"], packet: 42),
    ])
    private let ledgerCSV = AuditExample.ledger(AuditExample.row("PC-001", name: "pc1", mac: "00:1b:21:00:00:01", ip: "192.168.1.10"),
                                                AuditExample.row("PC-002", name: "pc2", mac: "00:1b:21:00:00:02", ip: "192.168.1.20"))

    func testEnabledRulesWithoutImplementationAreListedNotDropped() throws {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [
            ("ledger.unregistered_device", nil), ("tls.cert_expired", nil),
        ]))
        // Every catalog rule is implemented today, so a registry without tls.cert_expired stands in for a future rule.
        let outcome = Auditor.audit(snapshot: office, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart,
                                    rules: RuleRegistry.all.filter { $0.id != "tls.cert_expired" })
        XCTAssertEqual(outcome.evaluated.map(\.id), ["ledger.unregistered_device"])
        XCTAssertEqual(outcome.notEvaluated, [.init(id: "tls.cert_expired", reason: .notImplemented)])
        XCTAssertEqual(outcome.findings.map(\.ruleID), ["ledger.unregistered_device"])
        // With the rule registered, a snapshot without TLS facts lists it as not evaluated for that reason.
        let full = Auditor.audit(snapshot: office, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                 today: AuditExample.defaultToday, now: AuditExample.captureStart)
        XCTAssertEqual(full.notEvaluated.map(\.id), ["tls.cert_expired"])
        XCTAssertEqual(full.notEvaluated.map(\.reason), [.noTLSData])
    }

    func testLedgerRulesAreNotEvaluatedWithoutALedgerButLANRulesAre() throws {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [
            ("ledger.unregistered_device", nil), ("lan.rogue_dhcp_server", nil), ("ledger.subnet_mismatch", "{require_private_addresses: true}"),
        ]))
        let outcome = Auditor.audit(snapshot: office, ledger: nil, profile: profile, today: AuditExample.defaultToday, now: AuditExample.captureStart)
        XCTAssertEqual(outcome.notEvaluated, [.init(id: "ledger.unregistered_device", reason: .needsLedger)])
        XCTAssertEqual(outcome.evaluated.map(\.id), ["ledger.subnet_mismatch", "lan.rogue_dhcp_server"])
    }

    func testDisabledRulesDoNotRun() throws {
        let yaml = AuditTesting.profileYAML(rules: [("ledger.unregistered_device", nil)])
            + "  ledger.device_not_seen:\n    enabled: false\n"
        let profile = try AuditTesting.profile(yaml)
        let outcome = Auditor.audit(snapshot: office, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart)
        XCTAssertEqual(outcome.evaluated.map(\.id), ["ledger.unregistered_device"])
        XCTAssertTrue(outcome.all("ledger.device_not_seen").isEmpty)
    }

    func testSeverityAndCitationsComeFromTheProfile() throws {
        let yaml = """
        metadata: {id: sev, title: severity test}
        rules:
          ledger.unregistered_device:
            severity: critical
            citations:
              - document: 000_527d28aceaa6f465.txt
                section: "7.13"
                quote: 会社が支給、貸与したクライアント及びサーバー以外の機器を、社内 LAN に接続することを禁止する。
                english: Connecting any device other than company-issued clients and servers to the internal LAN is prohibited.

        """
        let profile = try AuditTesting.profile(yaml)
        let outcome = Auditor.audit(snapshot: office, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart)
        let finding = try XCTUnwrap(outcome.findings.first)
        XCTAssertEqual(finding.severity, .critical)
        XCTAssertEqual(finding.citations.map(\.section), ["7.13"])
        XCTAssertEqual(finding.citations.first?.document, "000_527d28aceaa6f465.txt")
        XCTAssertTrue(outcome.fails(at: .critical))
    }

    func testEvidencePointsAtTheCaptureFileAndPacketAndAtTheLedgerLine() throws {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("ledger.unregistered_device", nil), ("ledger.ip_mismatch", nil)]))
        let moved = AuditExample.network([AuditExample.station("00:1b:21:00:00:02", ["192.168.1.21"], packet: 17)])
        let outcome = Auditor.audit(snapshot: moved, ledger: try AuditTesting.ledger(ledgerCSV, path: "it-ledger.csv"), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart)
        let finding = try XCTUnwrap(outcome.findings.first { $0.ruleID == "ledger.ip_mismatch" })
        XCTAssertEqual(finding.subject, Subject(kind: .device, mac: "00:1b:21:00:00:02", ip: "192.168.1.21", assetID: "PC-002"))
        // Header on line 1, PC-001 on line 2, PC-002 on line 3.
        XCTAssertTrue(finding.evidence.contains { $0.source == "it-ledger.csv:3" }, "\(finding.evidence)")
        let observed = try XCTUnwrap(finding.evidence.first { $0.packet != nil })
        XCTAssertEqual(observed.source, "example.pcap")
        XCTAssertEqual(observed.packet, 17)
        XCTAssertEqual(observed.observedAt, AuditExample.captureStart)
        XCTAssertEqual(finding.message.en, "Ledger asset PC-002 (pc2) (MAC 00:1b:21:00:00:02) is recorded at 192.168.1.20 but used 192.168.1.21.")
        XCTAssertEqual(finding.message.ja,
                       "台帳の PC-002 (pc2)（MAC 00:1b:21:00:00:02）の IP アドレスは 192.168.1.20 と記録されていますが、実際には 192.168.1.21 を使用していました。")
    }

    func testEvidenceWithAnIndexOutsideTheSourcesHasNoSourceRatherThanCrashing() throws {
        var snapshot = office
        snapshot.devices[1].evidence = Evidence(protocol: "arp", source: 7, packet: 5)
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("ledger.unregistered_device", nil)]))
        let outcome = Auditor.audit(snapshot: snapshot, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart)
        let first = try XCTUnwrap(outcome.findings.first?.evidence.first)
        XCTAssertNil(first.source)
        XCTAssertEqual(first.packet, 5)
    }

    func testTheSameInputsGiveTheSameOutcome() throws {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: RuleRegistry.all.map { ($0.id, AuditTesting.requiredParams[$0.id]) }))
        let ledger = try AuditTesting.ledger(ledgerCSV)
        let first = Auditor.audit(snapshot: office, ledger: ledger, profile: profile, today: AuditExample.defaultToday, now: AuditExample.captureStart)
        let second = Auditor.audit(snapshot: office, ledger: ledger, profile: profile, today: AuditExample.defaultToday, now: AuditExample.captureStart)
        XCTAssertEqual(first.findings, second.findings)
        XCTAssertEqual(first.suppressed, second.suppressed)
        // pc2 was not seen, the .99 station is unregistered, and nothing sanctions a DHCP server (there is none).
        XCTAssertEqual(Set(first.findings.map(\.ruleID)), ["ledger.device_not_seen", "ledger.unregistered_device"])
    }

    func testTodayIsInjectedNotReadFromTheClock() throws {
        let csv = AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", approvalRef: "APR-1", expiry: "2026-06-30"))
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("ledger.approval_expired", nil)]))
        let ledger = try AuditTesting.ledger(csv)
        for (day, expected) in [("2026-06-30", 0), ("2026-07-01", 1)] {
            let today = try XCTUnwrap(ProfileDate(day))
            let outcome = Auditor.audit(snapshot: office, ledger: ledger, profile: profile, today: today, now: AuditExample.captureStart)
            XCTAssertEqual(outcome.findings.count, expected, day)
        }
    }

    func testReportCarriesEveryFindingAndTheEvaluatedRules() throws {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("ledger.unregistered_device", nil), ("tls.cert_expired", nil)]))
        let outcome = Auditor.audit(snapshot: office, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart)
        let report = outcome.report(generatedAt: AuditExample.captureStart, profile: profile,
                                    ledger: AuditReport.LedgerReference(path: "ledger.csv", assetCount: 2),
                                    inputs: [AuditReport.Input(kind: .capture, path: "example.pcap")], failOn: .high, inventory: office)
        XCTAssertEqual(report.findings, outcome.findings)
        XCTAssertEqual(report.rules.map(\.id), ["ledger.unregistered_device"])
        XCTAssertEqual(report.summary.bySeverity.high, 1)
        XCTAssertEqual(report.exitStatus, 1)
        XCTAssertEqual(report.profile.id, "audit-test")
    }
}
