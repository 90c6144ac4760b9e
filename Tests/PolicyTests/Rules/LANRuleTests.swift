import Foundation
import Ledger
import NetAddress
import Policy
import Snapshot
import XCTest

final class LANRuleTests: XCTestCase {
    private func audit(_ snapshot: Snapshot, ledger csv: String?, rules: [(id: String, params: String?)]) throws -> AuditOutcome {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: rules))
        var ledger: Ledger?
        if let csv { ledger = try AuditTesting.ledger(csv) }
        return Auditor.audit(snapshot: snapshot, ledger: ledger, profile: profile,
                             today: AuditExample.defaultToday, now: AuditExample.captureStart)
    }

    func testRogueDHCPServerNamesTheLedgerRowAndTheVendor() throws {
        var rogue = AuditExample.station("00:1d:73:00:00:66", ["192.168.11.1"])
        rogue.vendor = "BUFFALO.INC"
        let snapshot = AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.1"]), rogue],
                                            dhcpServers: [AuditExample.dhcpServer("00:1b:21:00:00:01", "192.168.1.1"),
                                                          AuditExample.dhcpServer("00:1d:73:00:00:66", "192.168.11.1", packet: 31)])
        let csv = AuditExample.ledger(AuditExample.row("NW-001", name: "rtr01", mac: "00:1b:21:00:00:01", ip: "192.168.1.1", purpose: "DHCPサーバー"))
        let outcome = try audit(snapshot, ledger: csv, rules: [("lan.rogue_dhcp_server", nil)])
        let finding = try XCTUnwrap(outcome.findings.first)
        XCTAssertEqual(outcome.findings.count, 1)
        XCTAssertEqual(finding.subject, Subject(kind: .device, mac: "00:1d:73:00:00:66", ip: "192.168.11.1"))
        XCTAssertEqual(finding.message.en, "DHCP server 00:1d:73:00:00:66 (192.168.11.1) [BUFFALO.INC] answered on the LAN but is not an authorised DHCP server.")
        XCTAssertEqual(finding.message.ja, "許可されていない DHCP サーバー 00:1d:73:00:00:66 (192.168.11.1) [BUFFALO.INC] が LAN 上で応答しています。")
        XCTAssertEqual(finding.evidence.first?.packet, 31)
        XCTAssertEqual(finding.evidence.first?.fact, "00:1d:73:00:00:66 sent 1 DHCP offer and 1 ack, server identifier 192.168.11.1")
    }

    func testRogueDHCPServerSaysWhenNothingIsDeclared() throws {
        let snapshot = AuditExample.network([], dhcpServers: [AuditExample.dhcpServer("00:1b:21:00:00:01", "192.168.1.1")])
        let outcome = try audit(snapshot, ledger: nil, rules: [("lan.rogue_dhcp_server", nil)])
        XCTAssertTrue(try XCTUnwrap(outcome.findings.first).message.en.hasSuffix("No DHCP server is declared as authorised "
            + "(lan.rogue_dhcp_server allowed_servers, or DHCP in a ledger row's purpose)."))
    }

    func testARetiredRouterIsNotASanctionedDHCPServer() throws {
        let snapshot = AuditExample.network([], dhcpServers: [AuditExample.dhcpServer("00:1b:21:00:00:01", "192.168.1.1")])
        let csv = AuditExample.ledger(AuditExample.row("NW-OLD", mac: "00:1b:21:00:00:01", status: "retired", purpose: "DHCP"))
        XCTAssertEqual(try audit(snapshot, ledger: csv, rules: [("lan.rogue_dhcp_server", nil)]).findings.count, 1)
    }

    func testIPConflictMentionsTheLedgerOwner() throws {
        let anomaly = Anomaly(kind: .ipConflict, vlan: nil, ip: "192.168.1.31",
                              macs: [MACAddress("00:1b:21:00:00:66")!, MACAddress("00:80:77:00:00:31")!],
                              message: "192.168.1.31 claimed by 2 MACs", firstSeen: AuditExample.captureStart,
                              evidence: Evidence(protocol: "arp", source: 0, packet: 55))
        let snapshot = AuditExample.network([AuditExample.station("00:80:77:00:00:31", ["192.168.1.31"]),
                                             AuditExample.station("00:1b:21:00:00:66", ["192.168.1.31"], seconds: 30)], anomalies: [anomaly])
        let csv = AuditExample.ledger(AuditExample.row("PR-002", name: "printer2", mac: "00:80:77:00:00:31", ip: "192.168.1.31"))
        let outcome = try audit(snapshot, ledger: csv, rules: [("lan.ip_conflict", nil)])
        let finding = try XCTUnwrap(outcome.findings.first)
        XCTAssertEqual(finding.subject, Subject(kind: .network, ip: "192.168.1.31", assetID: "PR-002"))
        XCTAssertEqual(finding.message.en, "IPv4 address 192.168.1.31 was claimed by 2 MAC addresses at the same time: 00:1b:21:00:00:66, "
            + "00:80:77:00:00:31 (PR-002 (printer2)). The ledger assigns it to PR-002 (printer2).")
        XCTAssertEqual(finding.evidence.first?.packet, 55)
        XCTAssertEqual(finding.evidence.count, 4, "the anomaly, both claims and the ledger row")
    }

    func testIPConflictWindowIsHonoured() throws {
        let anomaly = Anomaly(kind: .ipConflict, vlan: nil, ip: "192.168.1.50",
                              macs: [MACAddress("00:1b:21:00:00:01")!, MACAddress("00:1b:21:00:00:02")!],
                              message: "conflict", firstSeen: AuditExample.captureStart, evidence: nil)
        // The first claim ends at 60 s, the second starts at 200 s: 140 s apart.
        let snapshot = AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.50"], seconds: 0, until: 60),
                                             AuditExample.station("00:1b:21:00:00:02", ["192.168.1.50"], seconds: 200, until: 600)],
                                            anomalies: [anomaly])
        XCTAssertEqual(try audit(snapshot, ledger: nil, rules: [("lan.ip_conflict", "{window_seconds: 300}")]).findings.count, 1)
        XCTAssertEqual(try audit(snapshot, ledger: nil, rules: [("lan.ip_conflict", "{window_seconds: 100}")]).findings.count, 0)
    }
}
