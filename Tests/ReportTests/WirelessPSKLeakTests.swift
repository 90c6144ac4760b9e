import Foundation
import Policy
import Report
import Snapshot
import Wireless
import XCTest

/// The wireless rules report facts about pre-shared keys, never the keys: a hostapd.conf with
/// known keys goes through the real reader, every wireless rule and every reporter (both
/// languages), and no output may contain any key or any six-character piece of one.
final class WirelessPSKLeakTests: XCTestCase {
    private static let passphrase = "Qz7xkplmwv"  // 10 characters, no symbol: weak under the profile below
    private static let saePassword = "Vb4nmrtyjk"
    private static let rawKey = String(repeating: "9f3c5e7a", count: 8)  // a 64-hex wpa_psk
    private static let wepKey = "\"Wq8zu\""

    private static let conf = """
        interface=wlan0
        ssid=CORP
        wpa=3
        wpa_key_mgmt=WPA-PSK SAE
        wpa_passphrase=\(passphrase)
        sae_password=\(saePassword)|id=guest
        wps_state=2
        bss=wlan0_1
        ssid=LEGACY
        wpa=2
        wpa_psk=\(rawKey)
        bss=wlan0_2
        ssid=OLD
        wep_key0=\(wepKey)

        """

    private static let profile = """
        metadata: {id: leak-test, title: leak test, language: en}
        rules:
          wireless.auth_not_allowed: {params: {allowed_auth: [wpa2-psk]}, citations: [{org_decision: true}]}
          wireless.cipher_not_allowed: {params: {allowed_pairwise: [ccmp128]}, citations: [{org_decision: true}]}
          wireless.psk_weak: {params: {min_length: 12, required_classes: [upper, lower, digit, symbol]}, citations: [{org_decision: true}]}
          wireless.any_connection_enabled: {citations: [{org_decision: true}]}
          wireless.mac_auth_missing: {citations: [{org_decision: true}]}
          wireless.pmf_not_required: {citations: [{org_decision: true}]}
          wireless.wps_enabled: {citations: [{org_decision: true}]}

        """

    func testNoKeyInAnyReport() throws {
        let configs = HostapdConfig.parse(Array(Self.conf.utf8), file: "hostapd.conf")
        XCTAssertEqual(configs.count, 3)
        let start = Timestamp(seconds: 1_767_603_600)
        var snapshot = Snapshot(generatedAt: start)
        snapshot.wireless = WirelessSnapshot(apConfigs: configs)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netaudit-leak-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("leak-test.yaml")
        try Self.profile.write(to: url, atomically: true, encoding: .utf8)
        let today = try XCTUnwrap(ProfileDate(year: 2026, month: 1, day: 5))
        let profile = try ProfileLoader(searchPath: ProfileSearchPath(directories: []), options: ProfileCheckOptions(today: today))
            .load(file: url).profile

        let outcome = Auditor.audit(snapshot: snapshot, ledger: nil, profile: profile, today: today, now: start)
        let rules = Set(outcome.findings.map(\.ruleID))
        XCTAssertEqual(rules, ["wireless.auth_not_allowed", "wireless.cipher_not_allowed", "wireless.psk_weak",
                               "wireless.any_connection_enabled", "wireless.mac_auth_missing", "wireless.pmf_not_required",
                               "wireless.wps_enabled"])
        // Both passphrases are weak; the raw key cannot be scored.
        XCTAssertEqual(outcome.findings.filter { $0.ruleID == "wireless.psk_weak" }.count, 2)

        let report = outcome.report(generatedAt: start, profile: profile, ledger: nil, inputs: [], failOn: .high, inventory: snapshot)
        var outputs: [(String, String)] = [("findings dump", String(describing: outcome.allFindings))]
        for format in Reporters.identifiers {
            for language in Language.allCases {
                outputs.append(("\(format)/\(language)", try Reporters.render(report, format: format, options: ReportOptions(language: language))))
            }
        }
        for secret in [Self.passphrase, Self.saePassword, Self.rawKey, Self.wepKey.replacingOccurrences(of: "\"", with: "")] {
            let pieces = Set((0...(secret.count - 5)).map { offset -> String in
                let start = secret.index(secret.startIndex, offsetBy: offset)
                return String(secret[start..<secret.index(start, offsetBy: 5)])
            })
            for (name, text) in outputs {
                XCTAssertFalse(text.isEmpty, name)
                for piece in pieces {
                    XCTAssertFalse(text.lowercased().contains(piece.lowercased()), "\(name) contains part of a key: \(piece)")
                }
            }
        }
    }
}
