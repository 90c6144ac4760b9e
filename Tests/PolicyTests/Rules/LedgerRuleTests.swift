import Foundation
import Policy
import Snapshot
import XCTest

/// What each ledger rule says, beyond whether it fires: subjects, wording, evidence and how the
/// rules hand cases to each other.
final class LedgerRuleTests: XCTestCase {
    private func audit(_ devices: [Device], ledger csv: String, rules: [(id: String, params: String?)], scope: [String] = [],
                       today: ProfileDate = AuditExample.defaultToday) throws -> AuditOutcome {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: rules, scope: scope), today: today)
        return Auditor.audit(snapshot: AuditExample.network(devices), ledger: try AuditTesting.ledger(csv), profile: profile,
                             today: today, now: AuditExample.captureStart)
    }

    func testUnregisteredDeviceWording() throws {
        var station = AuditExample.station("00:1b:21:00:00:99", ["192.168.1.99"], hostname: "DESKTOP-X1", packet: 9)
        station.vendor = "Intel Corporate"
        let outcome = try audit([station], ledger: AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01")),
                                rules: [("ledger.unregistered_device", nil)])
        let finding = try XCTUnwrap(outcome.findings.first)
        XCTAssertEqual(finding.subject, Subject(kind: .device, mac: "00:1b:21:00:00:99", ip: "192.168.1.99"))
        XCTAssertEqual(finding.severity, .high)
        XCTAssertEqual(finding.message.en, "Device 00:1b:21:00:00:99 (192.168.1.99, DESKTOP-X1, Intel Corporate) is on the network "
            + "but matches no row of the IT equipment ledger.")
        XCTAssertEqual(finding.message.ja, "機器 00:1b:21:00:00:99 (192.168.1.99, DESKTOP-X1, Intel Corporate) がネットワークに接続されていますが、"
            + "IT 機材管理台帳のどの行にも該当しません。")
        XCTAssertEqual(finding.evidence.first?.packet, 9)
        XCTAssertEqual(finding.evidence.last?.source, "ledger.csv")
    }

    func testRandomizedStationIsUnverifiedNotAnIntruder() throws {
        let phone = AuditExample.station("da:a1:19:00:00:01", ["192.168.1.40"], hostname: "iPhone")
        let csv = AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01"))
        let both = try audit([phone], ledger: csv, rules: [("ledger.unregistered_device", nil), ("ledger.randomized_mac", nil)])
        XCTAssertEqual(both.findings.map(\.ruleID), ["ledger.randomized_mac"])
        XCTAssertTrue(both.findings[0].message.en.contains("(unverified)"))
        XCTAssertTrue(both.findings[0].message.ja.contains("未確認"))

        let keep = try audit([phone], ledger: csv, rules: [("ledger.unregistered_device", nil),
                                                         ("ledger.randomized_mac", "{exclude_from_unregistered: false}")])
        XCTAssertEqual(keep.findings.map(\.ruleID).sorted(), ["ledger.randomized_mac", "ledger.unregistered_device"])
        let unregistered = try XCTUnwrap(keep.findings.first { $0.ruleID == "ledger.unregistered_device" })
        XCTAssertTrue(unregistered.message.en.hasSuffix("may be a registered device using a private address: unverified."))
    }

    func testOwnershipNotAllowedNamesTheClass() throws {
        let outcome = try audit([AuditExample.station("00:1b:21:00:00:02", ["192.168.1.20"])],
                                ledger: AuditExample.ledger(AuditExample.row("BYOD-1", name: "sato-pc", mac: "00:1b:21:00:00:02", ownership: "私物")),
                                rules: [("ledger.unregistered_device", nil)])
        let finding = try XCTUnwrap(outcome.findings.first)
        XCTAssertEqual(finding.subject.assetID, "BYOD-1")
        XCTAssertTrue(finding.message.en.contains("but privately owned devices may not be connected (allowed: company-issued, leased)"), finding.message.en)
        XCTAssertTrue(finding.message.ja.contains("所有区分「私物」の機器は接続が認められていません（許可されている区分: 会社支給・貸与、リース・レンタル）"),
                      finding.message.ja)
        XCTAssertTrue(finding.evidence.contains { $0.source == "ledger.csv:2" })
    }

    func testVendorDeviceWithoutAnyApproval() throws {
        let outcome = try audit([AuditExample.station("00:1b:21:00:00:03", ["192.168.1.30"])],
                                ledger: AuditExample.ledger(AuditExample.row("VEN-1", mac: "00:1b:21:00:00:03", ownership: "業者")),
                                rules: [("ledger.unregistered_device", "{allowed_ownership: [company, vendor], approval_required_for: [vendor]}")])
        XCTAssertTrue(try XCTUnwrap(outcome.findings.first).message.en.hasSuffix("but the row records no approval."))
    }

    func testReplacedPrinterGivesMACMismatchAndUnregistered() throws {
        let canon = AuditExample.station("00:00:85:00:00:31", ["192.168.1.31"], packet: 12)
        let csv = AuditExample.ledger(AuditExample.row("PR-002", name: "総務部プリンタ2", mac: "00:80:77:00:00:31", ip: "192.168.1.31"))
        let outcome = try audit([canon], ledger: csv, rules: [("ledger.unregistered_device", nil), ("ledger.mac_mismatch", "{match_by: [ip]}"),
                                                              ("ledger.device_not_seen", nil)])
        XCTAssertEqual(outcome.findings.map(\.ruleID).sorted(), ["ledger.mac_mismatch", "ledger.unregistered_device"],
                       "a replaced device is not also reported as missing")
        let mismatch = try XCTUnwrap(outcome.findings.first { $0.ruleID == "ledger.mac_mismatch" })
        XCTAssertEqual(mismatch.subject, Subject(kind: .device, mac: "00:00:85:00:00:31", ip: "192.168.1.31", assetID: "PR-002"))
        XCTAssertEqual(mismatch.message.en, "Ledger asset PR-002 (総務部プリンタ2) was recognised by its recorded address 192.168.1.31, but from MAC "
            + "00:00:85:00:00:31, which the ledger does not list (it records 00:80:77:00:00:31). The recorded MAC was not seen: the device was "
            + "probably replaced without updating the ledger, or its address is spoofed.")
        XCTAssertTrue(mismatch.evidence.contains { $0.packet == 12 && $0.source == "example.pcap" })
    }

    func testSpoofedAddressWhileTheRecordedMACIsAlsoPresent() throws {
        let real = AuditExample.station("00:80:77:00:00:31", ["192.168.1.31"])
        let spoofer = AuditExample.station("00:1b:21:00:00:66", ["192.168.1.31"])
        let csv = AuditExample.ledger(AuditExample.row("PR-002", mac: "00:80:77:00:00:31", ip: "192.168.1.31"))
        let outcome = try audit([real, spoofer], ledger: csv, rules: [("ledger.mac_mismatch", "{match_by: [ip]}")])
        XCTAssertEqual(outcome.findings.count, 1)
        XCTAssertTrue(outcome.findings[0].message.en.hasSuffix("The recorded MAC is also on the network, so the address or name may be spoofed."))
    }

    func testDeviceNotSeenSubjectAndEvidence() throws {
        let csv = AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01"),
                                      AuditExample.row("HQ-PC-0007", name: "SOUMU-PC05", mac: "00:1b:21:00:00:07", ip: "192.168.1.70"))
        let outcome = try audit([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])], ledger: csv, rules: [("ledger.device_not_seen", nil)])
        let finding = try XCTUnwrap(outcome.findings.first)
        XCTAssertEqual(finding.severity, .low)
        XCTAssertEqual(finding.subject, Subject(kind: .asset, mac: "00:1b:21:00:00:07", ip: "192.168.1.70", assetID: "HQ-PC-0007"))
        XCTAssertEqual(finding.message.en, "Ledger asset HQ-PC-0007 (SOUMU-PC05) is recorded as in service but was not seen on the network "
            + "(observed 2026-01-05T09:00:00Z – 2026-01-05T09:10:00Z).")
        XCTAssertEqual(finding.evidence.first?.source, "ledger.csv:3")
    }

    func testDeviceNotSeenUnderIPOnlyMatching() throws {
        let csv = AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01"), AuditExample.row("PR-001", ip: "192.168.1.5"))
        let seen = [AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]
        XCTAssertEqual(try audit(seen, ledger: csv, rules: [("ledger.device_not_seen", nil)], scope: ["ip_only_matching: true"]).findings.count, 1)
        let present = seen + [AuditExample.station("00:1b:21:00:00:05", ["192.168.1.5"])]
        XCTAssertEqual(try audit(present, ledger: csv, rules: [("ledger.device_not_seen", nil)], scope: ["ip_only_matching: true"]).findings.count, 0)
    }

    func testRetiredWordingPerStatus() throws {
        let csv = AuditExample.ledger(AuditExample.row("PC-009", name: "eigyo-pc01", mac: "00:1b:21:00:00:09", status: "盗難"))
        let outcome = try audit([AuditExample.station("00:1b:21:00:00:09", ["192.168.1.109"])], ledger: csv,
                                rules: [("ledger.retired_device_seen", nil), ("ledger.unregistered_device", nil)])
        XCTAssertEqual(outcome.findings.map(\.ruleID), ["ledger.retired_device_seen"], "a lost device is not also 'unregistered'")
        let finding = outcome.findings[0]
        XCTAssertTrue(finding.message.en.hasPrefix("Ledger asset PC-009 (eigyo-pc01) is recorded as lost or stolen but is on the network"))
        XCTAssertTrue(finding.message.ja.hasPrefix("台帳で紛失・盗難とされている PC-009 (eigyo-pc01) がネットワーク上で観測されました"))
        XCTAssertTrue(finding.remediation.en.hasPrefix("Treat this as a security incident"))
    }

    func testApprovalExpiringWording() throws {
        let csv = AuditExample.ledger(AuditExample.row("PC-001", name: "pc1", mac: "00:1b:21:00:00:01", approvalRef: "APR-9", expiry: "2026-01-06"))
        let outcome = try audit([], ledger: csv, rules: [("ledger.approval_expired", "{warn_days_before: 30}")])
        XCTAssertEqual(outcome.findings.first?.message.en, "The connection approval APR-9 of ledger asset PC-001 (pc1) expires on 2026-01-06, in 1 day.")
        XCTAssertEqual(outcome.findings.first?.message.ja, "台帳の PC-001 (pc1) の接続承認（APR-9）は 2026-01-06 に有効期限を迎えます（残り 1 日）。")
        let expired = try audit([], ledger: csv, rules: [("ledger.approval_expired", nil)], today: try XCTUnwrap(ProfileDate("2026-01-07")))
        XCTAssertEqual(expired.findings.first?.message.en, "The connection approval APR-9 of ledger asset PC-001 (pc1) expired on 2026-01-06.")
        XCTAssertNotEqual(outcome.findings.first?.fingerprint, expired.findings.first?.fingerprint, "expiring and expired are separate findings")
    }

    func testSubnetMismatchNamesBothSites() throws {
        let csv = AuditExample.ledger(AuditExample.row("PC-001", name: "pc1", mac: "00:1b:21:00:00:01", site: "本社"))
        let outcome = try audit([AuditExample.station("00:1b:21:00:00:01", ["192.168.2.50"])], ledger: csv,
                                rules: [("ledger.subnet_mismatch", nil)],
                                scope: ["sites: [{name: 本社, subnets: [192.168.1.0/24]}, {name: 工場A, subnets: [192.168.2.0/24]}]"])
        let finding = try XCTUnwrap(outcome.findings.first)
        XCTAssertEqual(outcome.findings.count, 1, "a wrong-site address is not also 'undeclared'")
        XCTAssertEqual(finding.message.en, "Device 00:1b:21:00:00:01 (192.168.2.50), ledger asset PC-001 (pc1) of site 本社 (192.168.1.0/24), "
            + "uses 192.168.2.50 in the subnet of site 工場A.")
        XCTAssertTrue(finding.evidence.contains { $0.source?.contains("audit-test.yaml:") == true }, "the site's declaration is cited: \(finding.evidence)")
    }

    func testMulticastAndBroadcastNeverCount() throws {
        let csv = AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", ip: "192.168.1.10"))
        let noise = [AuditExample.station("ff:ff:ff:ff:ff:ff", ["255.255.255.255"]), AuditExample.station("33:33:00:00:00:01"),
                     AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10", "224.0.0.251", "255.255.255.255"])]
        let outcome = try audit(noise, ledger: csv, rules: RuleRegistry.all.map {
            ($0.id, $0.id == "ledger.subnet_mismatch" ? "{require_private_addresses: true}" : AuditTesting.requiredParams[$0.id])
        })
        XCTAssertTrue(outcome.findings.isEmpty, "\(outcome.findings.map(\.message.en))")
    }
}
