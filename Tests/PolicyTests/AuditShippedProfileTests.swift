import Foundation
import Ledger
import Policy
import Snapshot
import XCTest

/// The audit with the shipped JPMA profile, as an organisation would use it: directly, and through
/// its own profile that `extends: jpma-standard` and declares its sites.
final class AuditShippedProfileTests: XCTestCase {
    private let ledgerCSV = AuditExample.ledger(
        AuditExample.row("HQ-NW-0001", name: "rtr-honsha-01", mac: "00:1b:21:00:00:01", ip: "192.168.1.1", site: "本社", purpose: "DHCP/DNS"),
        AuditExample.row("HQ-SV-0001", name: "nas01", mac: "00:1b:21:00:00:20", ip: "192.168.1.21", site: "本社"),
        AuditExample.row("HQ-PC-0005", name: "kaigi-pc01", mac: "00:1b:21:00:00:05", site: "本社", status: "retired"),
        AuditExample.row("HQ-PC-0010", name: "vendor-pc", mac: "00:1b:21:00:00:10", site: "本社", ownership: "vendor",
                         approvalRef: "APR-2025-9", expiry: "2025-12-31"),
        AuditExample.row("HQ-PC-0011", name: "home-pc", mac: "00:1b:21:00:00:11", site: "本社", ownership: "私物"))
    private let network = AuditExample.network([
        AuditExample.station("00:1b:21:00:00:01", ["192.168.1.1"]),
        AuditExample.station("00:1b:21:00:00:20", ["192.168.1.20"]),
        AuditExample.station("00:1b:21:00:00:05", ["192.168.1.105"]),
        AuditExample.station("00:1b:21:00:00:10", ["192.168.1.110"]),
        AuditExample.station("00:1b:21:00:00:11", ["192.168.1.111"]),
        AuditExample.station("00:1d:73:00:00:66", ["192.168.11.1"]),
    ])

    func testTheShippedProfileAsIs() throws {
        let directory = try AuditTesting.temporaryDirectory()
        let url = AuditTesting.repositoryRoot.appendingPathComponent("profiles/jpma-standard.yaml")
        let profile = try AuditTesting.profile(try String(contentsOf: url, encoding: .utf8), name: "jpma-standard.yaml", in: directory)
        let outcome = Auditor.audit(snapshot: network, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart)
        XCTAssertEqual(outcome.evaluated.map(\.id), ["ledger.unregistered_device", "ledger.ip_mismatch", "ledger.retired_device_seen",
                                                     "ledger.subnet_mismatch",
                                                     "wireless.auth_not_allowed", "wireless.cipher_not_allowed", "wireless.psk_weak",
                                                     "wireless.any_connection_enabled", "wireless.mac_auth_missing",
                                                     "wireless.mac_acl_mismatch", "wireless.unauthorized_client"])
        // A capture shows no listening ports and no mail server was probed: said so, rule by rule.
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: outcome.notEvaluated.map { ($0.id, $0.reason) }),
                       ["services.not_allowed": .needsActiveScan, "mail.starttls_missing": .noMailEndpoints,
                        "mail.plaintext_auth": .noMailEndpoints])
        // Every wireless rule ran and, with no wireless input, said nothing.
        XCTAssertEqual(outcome.notEvaluated.map(\.id).filter { $0.hasPrefix("wireless.") }, [])

        let summary = outcome.findings.map { "\($0.ruleID) \($0.subject.mac ?? "")" }.sorted()
        XCTAssertEqual(summary, [
            "ledger.ip_mismatch 00:1b:21:00:00:20",
            "ledger.retired_device_seen 00:1b:21:00:00:05",
            "ledger.unregistered_device 00:1b:21:00:00:10",  // vendor, approval expired
            "ledger.unregistered_device 00:1b:21:00:00:11",  // privately owned
            "ledger.unregistered_device 00:1d:73:00:00:66",  // not in the ledger
        ])
        // Citations come from the profile, quoting clause 7.13 for unregistered devices.
        let unregistered = try XCTUnwrap(outcome.findings.first { $0.ruleID == "ledger.unregistered_device" })
        XCTAssertEqual(unregistered.citations.first?.section, "7.13")
        XCTAssertEqual(unregistered.citations.first?.document, "000_527d28aceaa6f465.txt")
    }

    func testAnOrganisationProfileExtendingTheShippedOne() throws {
        let yaml = """
        metadata: {id: example-org, title: 例示株式会社}
        extends: jpma-standard
        scope:
          sites:
            - {name: 本社, subnets: [192.168.1.0/24]}
            - {name: 第一工場, subnets: [192.168.2.0/24]}
            - {name: 第二工場, subnets: [192.168.3.0/24]}
          citations:
            - org_decision: true
              english: The three subnets of 7.22.1 as the network team assigned them.
        rules:
          lan.rogue_dhcp_server:
            citations: [{org_decision: true, english: Rogue DHCP servers are unmanaged internet connections.}]
          ledger.approval_expired:
            citations: [{org_decision: true, english: Approvals are checked at every audit.}]
        exceptions:
          - id: rogue-test
            rules: [lan.rogue_dhcp_server]
            match: {mac: "00:1d:73:00:00:66"}
            approver: 山田 一郎
            approver_role: 情報セキュリティ責任者
            reason: 検証用ルーター
            expires: 2026-01-31

        """
        let profile = try AuditTesting.profile(yaml)
        var snapshot = network
        snapshot.dhcpServers = [AuditExample.dhcpServer("00:1b:21:00:00:01", "192.168.1.1"), AuditExample.dhcpServer("00:1d:73:00:00:66", "192.168.11.1")]
        let outcome = Auditor.audit(snapshot: snapshot, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart)
        XCTAssertEqual(outcome.suppressed.map(\.ruleID), ["lan.rogue_dhcp_server"])
        let rules = Set(outcome.findings.map(\.ruleID))
        XCTAssertEqual(rules, ["ledger.unregistered_device", "ledger.ip_mismatch", "ledger.retired_device_seen", "ledger.subnet_mismatch",
                               "ledger.approval_expired"])
        let subnet = try XCTUnwrap(outcome.findings.first { $0.ruleID == "ledger.subnet_mismatch" })
        XCTAssertEqual(subnet.subject.ip, "192.168.11.1", "the rogue router's own range is in no declared site")
    }
}
