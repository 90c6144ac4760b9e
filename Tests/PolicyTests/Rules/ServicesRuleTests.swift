import Foundation
import Ledger
import NetAddress
import Policy
import Snapshot
import XCTest

final class ServicesRuleTests: XCTestCase {
    private func audit(_ snapshot: Snapshot, ledger csv: String?, rules: [(id: String, params: String?)]) throws -> AuditOutcome {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: rules))
        var ledger: Ledger?
        if let csv { ledger = try AuditTesting.ledger(csv) }
        return Auditor.audit(snapshot: snapshot, ledger: ledger, profile: profile,
                             today: AuditExample.defaultToday, now: AuditExample.captureStart)
    }

    /// A scanned host with `services` open (`tcp/23=banner`).
    private func host(_ mac: String, _ ip: String, _ services: [(String, Int, String?)]) -> Device {
        var device = AuditExample.station(mac, [ip])
        device.services = services.map { Service(port: $0.1, transport: $0.0, state: "open", banner: $0.2) }
        return device
    }

    private func scan(_ devices: [Device]) -> Snapshot {
        var snapshot = AuditExample.network(devices)
        snapshot.sources.append(Source(kind: .probe, name: "eth0", linkType: "EN10MB", packets: devices.count))
        return snapshot
    }

    private let routerLedger = "asset_id,node_name,mac_addresses,ip_address,status,allowed_services\n"
        + "NW-0001,router,00:00:0c:4e:01:01,198.18.0.1,in_service,ssh;dhcp\n"
        + "PC-0104,mac,a4:c3:61:4e:02:04,198.18.0.104,in_service,\n"

    func testForbiddenPortNamesTheEndpointTheProbeAndTheLedgerRow() throws {
        let snapshot = scan([host("00:00:0c:4e:01:01", "198.18.0.1", [("tcp", 22, "SSH-2.0-OpenSSH_9.2p1 Debian-2"), ("tcp", 23, "login:")])])
        let outcome = try audit(snapshot, ledger: routerLedger, rules: [("services.forbidden_port", "{ports: [23/tcp, 623/udp]}")])
        let finding = try XCTUnwrap(outcome.findings.first)
        XCTAssertEqual(outcome.findings.count, 1)
        XCTAssertEqual(finding.ruleID, "services.forbidden_port")
        XCTAssertEqual(finding.severity, .high)
        XCTAssertEqual(finding.subject, Subject(kind: .endpoint, mac: "00:00:0c:4e:01:01", ip: "198.18.0.1", endpoint: "198.18.0.1:23", assetID: "NW-0001"))
        XCTAssertEqual(finding.message.en, "198.18.0.1:23 (ledger NW-0001 (router)) accepts connections on tcp/23 (Telnet), "
            + "a port the profile forbids on every host (23/tcp, 623/udp).")
        XCTAssertTrue(finding.message.ja.contains("禁止されています"), finding.message.ja)
        XCTAssertEqual(finding.evidence.first?.fact, "tcp connect to 198.18.0.1:23 (00:00:0c:4e:01:01): open, banner \"login:\"")
        XCTAssertEqual(finding.evidence.first?.source, "probe eth0")
        XCTAssertEqual(finding.citations, [Citation(orgDecision: true)])
    }

    func testFingerprintsFollowTheDeviceAndThePortNotTheLease() throws {
        let rules: [(id: String, params: String?)] = [("services.forbidden_port", "{ports: [23/tcp, 5900/tcp]}")]
        let first = try audit(scan([host("00:00:0c:4e:01:01", "198.18.0.1", [("tcp", 23, nil), ("tcp", 5900, nil)])]), ledger: nil, rules: rules)
        let again = try audit(scan([host("00:00:0c:4e:01:01", "198.18.0.7", [("tcp", 5900, "RFB 003.008"), ("tcp", 23, nil)])]), ledger: nil, rules: rules)
        XCTAssertEqual(first.findings.count, 2)
        XCTAssertEqual(Set(first.findings.map(\.fingerprint)), Set(again.findings.map(\.fingerprint)))
        XCTAssertNotEqual(first.findings[0].fingerprint, first.findings[1].fingerprint)
        // Another rule about the same port has its own fingerprint.
        let cleartext = try audit(scan([host("00:00:0c:4e:01:01", "198.18.0.1", [("tcp", 23, nil)])]), ledger: nil,
                                  rules: [("services.cleartext_management", nil)])
        XCTAssertFalse(first.findings.map(\.fingerprint).contains(try XCTUnwrap(cleartext.findings.first).fingerprint))
    }

    func testOneOpenTelnetPortIsOneFindingWhenItIsForbidden() throws {
        let snapshot = scan([host("00:00:0c:4e:01:01", "198.18.0.1", [("tcp", 22, nil), ("tcp", 23, "login:")]),
                             host("a4:c3:61:4e:02:04", "198.18.0.104", [("tcp", 22, "SSH-2.0-OpenSSH_9.6")])])
        let all: [(id: String, params: String?)] = [("services.forbidden_port", "{ports: [23/tcp]}"), ("services.not_allowed", nil),
                                                    ("services.cleartext_management", nil)]
        let outcome = try audit(snapshot, ledger: routerLedger, rules: all)
        XCTAssertEqual(outcome.findings.map { "\($0.ruleID) \($0.subject.endpoint ?? "")" }.sorted(),
                       ["services.forbidden_port 198.18.0.1:23", "services.not_allowed 198.18.0.104:22"])

        // Without services.forbidden_port the same port is both not allowed and cleartext.
        let without = try audit(snapshot, ledger: routerLedger, rules: Array(all.dropFirst()))
        XCTAssertEqual(without.findings.map { "\($0.ruleID) \($0.subject.endpoint ?? "")" }.sorted(),
                       ["services.cleartext_management 198.18.0.1:23", "services.not_allowed 198.18.0.104:22",
                        "services.not_allowed 198.18.0.1:23"])
    }

    func testNotAllowedQuotesTheRowsAllowlist() throws {
        let snapshot = scan([host("00:00:0c:4e:01:01", "198.18.0.1", [("tcp", 22, nil), ("tcp", 80, nil)])])
        let outcome = try audit(snapshot, ledger: routerLedger, rules: [("services.not_allowed", "{allowed_ports: [161/udp]}")])
        let finding = try XCTUnwrap(outcome.findings.first)
        XCTAssertEqual(outcome.findings.count, 1)
        XCTAssertEqual(finding.severity, .medium)
        XCTAssertEqual(finding.message.en, "198.18.0.1:80 (ledger NW-0001 (router)) offers tcp/80 (HTTP), which is not among the services "
            + "its ledger row allows (tcp/22, udp/67; the profile allows 161/udp on every host).")
        XCTAssertEqual(finding.message.ja, "198.18.0.1:80（台帳 NW-0001 (router)）で tcp/80 (HTTP) が公開されていますが、台帳で許可されたサービス"
            + "（tcp/22, udp/67。プロファイルは全機器で 161/udp を許可しています）に含まれていません。")
        XCTAssertEqual(finding.evidence.count, 3)
        XCTAssertEqual(finding.evidence.prefix(2).map(\.source), ["probe eth0", "ledger.csv:2"])
        XCTAssertEqual(finding.evidence.last?.fact, "the profile allows 161/udp on every host")
        XCTAssertEqual(finding.evidence[1].fact, "NW-0001 (router): allowed_services tcp/22;udp/67")
    }

    func testNotAllowedNeedsALedgerAndTheOthersDoNot() throws {
        let snapshot = scan([host("ec:08:6b:4e:01:66", "198.18.0.66", [("tcp", 80, nil)])])
        let outcome = try audit(snapshot, ledger: nil, rules: [("services.not_allowed", nil), ("services.cleartext_management", nil)])
        XCTAssertEqual(outcome.notEvaluated, [.init(id: "services.not_allowed", reason: .needsLedger)])
        XCTAssertEqual(outcome.findings.map(\.ruleID), ["services.cleartext_management"])
        XCTAssertEqual(outcome.findings.first?.subject.assetID, nil)
    }
}
