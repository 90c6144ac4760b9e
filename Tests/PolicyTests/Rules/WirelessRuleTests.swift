import Foundation
import Policy
import Snapshot
import XCTest

final class WirelessRuleTests: XCTestCase {
    private func audit(_ snapshot: Snapshot, rules: [(id: String, params: String?)], scope: [String] = AuditExample.corpScope) throws -> AuditOutcome {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: rules, scope: scope))
        return Auditor.audit(snapshot: snapshot, ledger: nil, profile: profile, today: AuditExample.defaultToday, now: AuditExample.captureStart)
    }

    func testSubjectsNameTheBSSOrTheConfigurationSection() throws {
        let snapshot = AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55", rsn: AuditExample.rsn(pmf: "capable"))],
                                             configs: [AuditExample.apConfig("/etc/hostapd/hostapd.conf") { $0.ieee80211w = 1 }])
        let outcome = try audit(snapshot, rules: [("wireless.pmf_not_required", nil)])
        XCTAssertEqual(Set(outcome.findings.map(\.subject)), [Subject(kind: .bss, bssid: "00:11:22:33:44:55"),
                                                              Subject(kind: .network, endpoint: "/etc/hostapd/hostapd.conf[wlan0]")])
        let bss = try XCTUnwrap(outcome.findings.first { $0.subject.kind == .bss })
        let config = try XCTUnwrap(outcome.findings.first { $0.subject.kind == .network })
        XCTAssertEqual(bss.evidence.first?.source, "example.pcap")
        XCTAssertEqual(bss.evidence.first?.packet, 1)
        XCTAssertEqual(config.evidence.first?.source, "/etc/hostapd/hostapd.conf")
        XCTAssertEqual(Set(outcome.findings.map(\.fingerprint)).count, 2)
        // The fingerprint does not depend on what the message says.
        let again = try audit(snapshot, rules: [("wireless.pmf_not_required", "{minimum: required}")])
        XCTAssertEqual(again.findings.map(\.fingerprint), outcome.findings.map(\.fingerprint))
    }

    func testOrganisationBSSsByNameRevealedNameOrDeclaredBSSID() throws {
        let open = { (bssid: String, ssid: String, hidden: Bool, revealed: String?) in
            AuditExample.bss(bssid, ssid: ssid, securityClass: "open", rsn: nil, hidden: hidden, revealedSSID: revealed)
        }
        let snapshot = AuditExample.wireless([
            open("00:11:22:33:44:55", "FREE", false, nil),      // declared BSSID, other SSID
            open("00:11:22:33:44:66", "CORP", false, nil),      // the SSID
            open("00:11:22:33:44:77", "", true, "CORP"),        // hidden, revealed
            open("00:11:22:33:44:88", "", true, nil),           // hidden, unknown
            open("66:77:88:99:aa:bb", "CAFE", false, nil),
        ])
        let outcome = try audit(snapshot, rules: [("wireless.auth_not_allowed", "{allowed_auth: [wpa2-psk]}")])
        XCTAssertEqual(outcome.findings.compactMap(\.subject.bssid).sorted(), ["00:11:22:33:44:55", "00:11:22:33:44:66", "00:11:22:33:44:77"])
    }

    func testConfidentialScopeJudgesOnlyConfidentialSSIDsButEveryConfiguration() throws {
        let snapshot = AuditExample.wireless([AuditExample.bss("00:11:22:33:44:55", ssid: "CORP", securityClass: "open", rsn: nil),
                                              AuditExample.bss("00:11:22:33:44:66", ssid: "SECRET", securityClass: "open", rsn: nil)],
                                             configs: [AuditExample.apConfig(ssid: "GUEST") { $0.wpa = 0 }])
        let outcome = try audit(snapshot, rules: [("wireless.auth_not_allowed", "{allowed_auth: [wpa2-psk]}")],
                                scope: ["wireless_scope: confidential_ssids", "ssids: [{name: CORP}, {name: SECRET, confidential: true}]"])
        XCTAssertEqual(outcome.findings.map(\.subject.label).sorted(), ["00:11:22:33:44:66", "hostapd.conf[wlan0]"])
    }

    func testTKIPFallbackIsNamed() throws {
        let snapshot = AuditExample.wireless(configs: [AuditExample.apConfig {
            $0.wpaPairwise = ["TKIP"]; $0.rsnPairwise = ["TKIP"]; $0.rsnPairwiseSet = false; $0.tkipFallback = true
        }])
        let outcome = try audit(snapshot, rules: [("wireless.cipher_not_allowed", "{allowed_pairwise: [ccmp128]}")])
        let finding = try XCTUnwrap(outcome.findings.first)
        XCTAssertTrue(finding.message.en.contains("TKIP (RSN pairwise, TKIP fallback)"), finding.message.en)
        XCTAssertTrue(finding.message.en.contains("TKIP (group)"), finding.message.en)
        XCTAssertTrue(finding.evidence.contains { $0.fact.contains("rsn_pairwise not set") }, "\(finding.evidence)")
    }

    func testWeakPSKFindingGivesLengthAndClassesOnly() throws {
        let snapshot = AuditExample.wireless(configs: [AuditExample.apConfig {
            $0.psks = [PSKFacts(directive: "wpa_passphrase", length: 8, hasUpper: false, hasLower: true, hasDigit: true, hasSymbol: false,
                                characterClasses: 2, status: "scored", line: 7)]
        }])
        let outcome = try audit(snapshot, rules: [("wireless.psk_weak", "{min_length: 12, required_classes: [upper, lower, digit, symbol]}")])
        let finding = try XCTUnwrap(outcome.findings.first)
        XCTAssertEqual(finding.message.en, "The pre-shared key wpa_passphrase (line 7) of access point hostapd.conf[wlan0] (SSID \"CORP\") is weak: "
                       + "8 characters, fewer than 12; no upper, symbol character (required: at least 12 characters with upper, lower, digit, symbol).")
        XCTAssertTrue(finding.evidence.first?.fact.contains("classes present: lower, digit") == true, "\(finding.evidence)")
    }

    func testNoWirelessInputNoFindings() throws {
        let outcome = try audit(AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]),
                                rules: RuleRegistry.all.map { $0.id }.filter { $0.hasPrefix("wireless.") }.map { ($0, AuditTesting.requiredParams[$0]) })
        // The two ledger-comparing rules (mac_acl_mismatch, unauthorized_client) need a ledger; the other eight ran.
        XCTAssertEqual(outcome.evaluated.count, 8)
        XCTAssertTrue(outcome.findings.isEmpty)
    }
}
