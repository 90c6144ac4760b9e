import Foundation
import Policy
import Snapshot
import XCTest

/// The wireless rules that compare with the ledger or the declared BSSIDs: `wireless.rogue_ap`,
/// `wireless.unauthorized_client`, `wireless.mac_acl_mismatch`.
final class WirelessLedgerRuleTests: XCTestCase {
    static let ledgerCSV = """
        asset_id,node_name,mac_addresses,status,wireless_authorized
        AP-001,ap-1f,00:11:22:33:44:55,in_service,no
        PC-001,sato-pc,00:1b:21:00:00:01;a4:5e:60:00:00:01,in_service,yes
        PC-002,suzuki-pc,00:1b:21:00:00:02,in_service,no
        PC-003,old-pc,a4:5e:60:00:00:03,retired,yes

        """

    private func audit(_ snapshot: Snapshot, _ rule: String, params: String? = nil, ledger: Bool = true,
                       scope: [String] = AuditExample.corpScope) throws -> [Finding] {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [(rule, params)], scope: scope))
        return Auditor.audit(snapshot: snapshot, ledger: ledger ? try AuditTesting.ledger(Self.ledgerCSV) : nil, profile: profile,
                             today: AuditExample.defaultToday, now: AuditExample.captureStart).all(rule)
    }

    func testEvilTwinIsRaisedAndSaysSo() throws {
        let snapshot = AuditExample.wireless([
            AuditExample.bss("00:11:22:33:44:55"),
            AuditExample.bss("02:66:77:88:99:aa", securityClass: "open", rsn: nil, packet: 7),
            AuditExample.bss("00:1b:21:00:00:02", ssid: "DIRECT-suzuki", packet: 9),
            AuditExample.bss("66:77:88:99:aa:bb", ssid: "CAFE"),
            AuditExample.bss("00:1b:21:00:00:01", hidden: true),  // hidden, nothing revealed: not judged
        ])
        let findings = try audit(snapshot, "wireless.rogue_ap")
        XCTAssertEqual(findings.map(\.subject.bssid), ["02:66:77:88:99:aa", "00:1b:21:00:00:02"])
        let twin = findings[0]
        XCTAssertEqual(twin.severity, .critical, "one level above the catalog's high")
        XCTAssertTrue(twin.message.en.hasPrefix("Possible evil twin: BSS 02:66:77:88:99:aa (SSID \"CORP\") advertises the organisation SSID"),
                      twin.message.en)
        XCTAssertEqual(twin.evidence.first?.packet, 7)
        XCTAssertTrue(twin.evidence.contains { $0.fact.contains("own BSSs of \"CORP\" use wpa2-personal, this one open") }, "\(twin.evidence)")
        XCTAssertTrue(twin.evidence.contains { $0.fact == "no ledger row lists 02:66:77:88:99:aa" }, "\(twin.evidence)")
        let hotspot = findings[1]
        XCTAssertEqual(hotspot.severity, .high)
        XCTAssertEqual(hotspot.subject.assetID, "PC-002")
        XCTAssertTrue(hotspot.message.en.contains("Registered device PC-002 (suzuki-pc) operates an access point"), hotspot.message.en)
        XCTAssertTrue(hotspot.evidence.contains { $0.source == "ledger.csv:4" }, "\(hotspot.evidence)")

        let foreign = try audit(snapshot, "wireless.rogue_ap", params: "{flag_foreign_ssids: true}")
        XCTAssertEqual(foreign.count, 3)
        XCTAssertEqual(foreign.last?.severity, .low)
        XCTAssertEqual(foreign.last?.subject.bssid, "66:77:88:99:aa:bb")
        // Without a ledger the declared BSSIDs still tell the twin; the hotspot needs the ledger.
        XCTAssertEqual(try audit(snapshot, "wireless.rogue_ap", ledger: false).map(\.subject.bssid), ["02:66:77:88:99:aa"])
    }

    func testUnauthorizedClientsNameTheReasonAndRandomisedAddresses() throws {
        let findings = try audit(UnauthorizedClientRule.clients([
            ("a4:5e:60:00:00:01", "CORP"), ("00:1b:21:00:00:02", "CORP"), ("a4:5e:60:00:00:03", "CORP"),
            ("da:a1:19:00:00:01", "CORP"), ("00:0c:29:99:99:99", "CAFE"),
        ]), "wireless.unauthorized_client")
        let byMAC = Dictionary(uniqueKeysWithValues: findings.map { ($0.subject.mac ?? "", $0) })
        XCTAssertEqual(Set(byMAC.keys), ["00:1b:21:00:00:02", "a4:5e:60:00:00:03", "da:a1:19:00:00:01"])
        let notAuthorised = try XCTUnwrap(byMAC["00:1b:21:00:00:02"])
        XCTAssertTrue(notAuthorised.message.en.hasSuffix("but its ledger row PC-002 (suzuki-pc) is not wireless-authorised."), notAuthorised.message.en)
        XCTAssertEqual(notAuthorised.subject.assetID, "PC-002")
        XCTAssertEqual(notAuthorised.subject.bssid, "00:11:22:33:44:55")
        XCTAssertTrue(byMAC["a4:5e:60:00:00:03"]?.message.en.hasSuffix("but its ledger row PC-003 (old-pc) is retired.") == true)
        let random = try XCTUnwrap(byMAC["da:a1:19:00:00:01"])
        XCTAssertTrue(random.message.en.contains("randomised (private) MAC"), random.message.en)
        XCTAssertTrue(random.remediation.en.contains("private (random) Wi-Fi address"))
        XCTAssertEqual(Set(findings.map(\.fingerprint)).count, 3)
    }

    func testMACFilterAgainstTheLedgerBothWays() throws {
        var snapshot = MACACLMismatchRule.exampleConfig(accept: ["00:1b:21:00:00:02", "02:00:00:00:00:99"], deny: ["a4:5e:60:00:00:01"])
        snapshot.wireless?.apConfigs[0].file = "/etc/hostapd/hostapd.conf"
        let findings = try audit(snapshot, "wireless.mac_acl_mismatch")
        let byMAC = Dictionary(uniqueKeysWithValues: findings.map { ($0.subject.mac ?? "", $0) })
        XCTAssertEqual(Set(byMAC.keys), ["00:1b:21:00:00:02", "02:00:00:00:00:99", "00:1b:21:00:00:01"])
        XCTAssertEqual(Set(findings.map(\.subject.endpoint)), ["/etc/hostapd/hostapd.conf[wlan0]"])
        let extra = try XCTUnwrap(byMAC["00:1b:21:00:00:02"])
        XCTAssertEqual(extra.evidence.first?.source, "hostapd.accept:3")
        XCTAssertTrue(extra.message.en.contains("admits 00:1b:21:00:00:02, but its ledger row PC-002 (suzuki-pc) is not wireless-authorised"),
                      extra.message.en)
        XCTAssertTrue(byMAC["02:00:00:00:00:99"]?.evidence.first?.fact.contains("locally administered") == true)
        let missing = try XCTUnwrap(byMAC["00:1b:21:00:00:01"])
        XCTAssertTrue(missing.message.en.hasPrefix("PC-001 (sato-pc) is wireless-authorised in the ledger, but the MAC filter"), missing.message.en)
        XCTAssertTrue(missing.message.en.contains("a4:5e:60:00:00:01 is on the deny list"), missing.message.en)
        XCTAssertEqual(missing.evidence.first?.source, "ledger.csv:3")
        XCTAssertEqual(missing.evidence[1].source, "hostapd.deny:1")
        XCTAssertEqual(missing.subject.assetID, "PC-001")
        XCTAssertEqual(try audit(snapshot, "wireless.mac_acl_mismatch", params: "{flag_missing_entries: false}").count, 2)
        XCTAssertEqual(try audit(snapshot, "wireless.mac_acl_mismatch", params: "{flag_extra_entries: false}").count, 1)
        // RADIUS decides for stations on neither list: a missing entry is not a mismatch, an extra one is.
        let radius = try audit(MACACLMismatchRule.exampleConfig(accept: ["02:00:00:00:00:99"], acl: 2), "wireless.mac_acl_mismatch")
        XCTAssertEqual(radius.map(\.subject.mac), ["02:00:00:00:00:99"])
    }
}
