import Foundation
import TestSupport
import XCTest

/// End-to-end tests of the wireless half of `netaudit audit`: `--hostapd-conf` files and the 802.11
/// frames of a real capture (`--pcap`) through the shipped profile, checking the wireless findings,
/// the exit status, and that no pre-shared key reaches any report, the saved inventory or the terminal.
final class AuditWirelessCLITests: XCTestCase {
    private var directory: URL!
    private static let capture = (ProcessInfo.processInfo.environment["NETAUDIT_CAPTURES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/captures").standardized.path)
        + "/wifi/aircrack-ng__wpa2-psk-linksys.cap"
    private static let profiles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("profiles").path

    private static let weakPSK = "zqxvkmtw4829"
    private static let strongPSK = "Xk7#qVz!9mRw2$Lp"

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("netaudit-audit-wifi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        guard FileManager.default.fileExists(atPath: Self.capture) else { throw XCTSkip("\(Self.capture) not present") }
        // A well-configured AP with a weak key, and a legacy one whose missing rsn_pairwise falls back to TKIP.
        try write("weak.conf", """
            interface=wlan0
            ssid=CORP
            wpa=2
            wpa_key_mgmt=WPA-PSK
            rsn_pairwise=CCMP
            wpa_passphrase=\(Self.weakPSK)
            ignore_broadcast_ssid=1
            macaddr_acl=1
            accept_mac_file=weak.accept

            """)
        // The AP's MAC filter: read relative to weak.conf; its one MAC is in no ledger row (an extra entry).
        try write("weak.accept", "# authorised stations\n00:1b:21:3a:4f:21\n")
        try write("legacy.conf", """
            interface=wlan1
            ssid=CORP-OLD
            wpa=2
            wpa_key_mgmt=WPA-PSK
            wpa_pairwise=TKIP
            wpa_passphrase=\(Self.strongPSK)

            """)
        try write("ledger.csv", "asset_id,node_name,mac_addresses,ip_address,site,status,ownership\n"
                  + "AP-001,ap1,00:0b:86:c2:a4:85,,本社,in_service,company\n")
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func read(_ name: String) throws -> String { try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }

    private func audit(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        guard let binary = ProcessInfo.processInfo.environment["NETAUDIT_BIN"], !binary.isEmpty else {
            throw XCTSkip("NETAUDIT_BIN is not set (make test sets it to the built binary)")
        }
        let r = try Subprocess.run([binary, "audit"] + arguments,
                                   environment: ["NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767603600", "NETAUDIT_PROFILES": Self.profiles],
                                   directory: directory.path)
        return (r.status.code, r.stdout, r.stderr)
    }

    /// `rule endpoint-or-bssid` for every wireless finding of a JSON report.
    private func wirelessFindings(_ name: String) throws -> [String] {
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(read(name).utf8)) as? [String: Any])
        let list = try XCTUnwrap(report["findings"] as? [[String: Any]])
        return list.compactMap { finding in
            guard let id = finding["rule_id"] as? String, id.hasPrefix("wireless.") else { return nil }
            let subject = finding["subject"] as? [String: Any] ?? [:]
            return "\(id) \(subject["endpoint"] as? String ?? subject["bssid"] as? String ?? "?")"
        }.sorted()
    }

    private func assertNoKey(_ texts: [(String, String)], file: StaticString = #filePath, line: UInt = #line) {
        for key in [Self.weakPSK, Self.strongPSK] {
            for offset in 0...(key.count - 6) {
                let start = key.index(key.startIndex, offsetBy: offset)
                let piece = String(key[start..<key.index(start, offsetBy: 6)])
                for (name, text) in texts where text.contains(piece) {
                    XCTFail("\(name) contains part of a pre-shared key (\(piece))", file: file, line: line)
                }
            }
        }
    }

    func testShippedProfileJudgesTheConfigurationsAndNeverPrintsAKey() throws {
        let formats = ["json", "text", "sarif", "junit", "html", "csv"]
        let r = try audit(["--profile", "jpma-standard", "--ledger", "ledger.csv", "--hostapd-conf", "weak.conf",
                           "--hostapd-conf", "legacy.conf", "--pcap", Self.capture, "--today", "2026-11-20", "--lang", "ja",
                           "--output", "inventory:inventory.json"] + formats.flatMap { ["--output", "\($0):report.\($0)"] })
        XCTAssertEqual(r.status, 1, "high-severity wireless findings fail the run: \(r.stderr)")
        XCTAssertEqual(try wirelessFindings("report.json"), [
            "wireless.any_connection_enabled legacy.conf[wlan1]",
            "wireless.cipher_not_allowed legacy.conf[wlan1]",
            "wireless.mac_acl_mismatch weak.conf[wlan0]",
            "wireless.mac_auth_missing legacy.conf[wlan1]",
            "wireless.psk_weak weak.conf[wlan0]",
        ])
        let json = try read("report.json")
        XCTAssertTrue(json.contains("TKIP fallback"), "the TKIP fallback is named")
        // The capture's 802.11 frames reached the snapshot (jpma-standard declares no SSID, so its BSS is not judged).
        let inventory = try read("inventory.json")
        XCTAssertTrue(inventory.contains("\"bssid\" : \"00:0b:86:c2:a4:85\""), inventory)
        XCTAssertTrue(inventory.contains("\"ap_configs\""), inventory)
        XCTAssertFalse(r.stderr.contains("not evaluated: wireless."), "every wireless rule ran: \(r.stderr)")

        var outputs = [("stdout", r.stdout), ("stderr", r.stderr), ("inventory.json", inventory)]
        for format in formats { outputs.append(("report.\(format)", try read("report.\(format)"))) }
        assertNoKey(outputs)
    }

    func testAnOrganisationSSIDFromTheCaptureIsJudged() throws {
        try write("org.yaml", """
            metadata: {id: example-org, title: 例示株式会社}
            extends: jpma-standard
            scope:
              wireless_scope: organisation_ssids
              ssids:
                - {name: linksys, bssids: ["00:0b:86:c2:a4:85"]}
              citations:
                - org_decision: true
                  english: The office WLAN, judged whether or not it reaches confidential systems.

            """)
        let r = try audit(["--profile", "org.yaml", "--ledger", "ledger.csv", "--pcap", Self.capture, "--hostapd-conf", "weak.conf",
                           "--today", "2026-11-20", "--output", "json:report.json"])
        XCTAssertEqual(r.status, 1, r.stderr)
        // The BSS answered wildcard probes in the capture; WPA2-PSK with CCMP passes auth and cipher; its BSSID is
        // declared (no rogue AP); the station that associated with it is in no ledger row; the MAC filter lists a stranger.
        XCTAssertEqual(try wirelessFindings("report.json"), [
            "wireless.any_connection_enabled 00:0b:86:c2:a4:85",
            "wireless.mac_acl_mismatch weak.conf[wlan0]",
            "wireless.psk_weak weak.conf[wlan0]",
            "wireless.unauthorized_client 00:0b:86:c2:a4:85",
        ])
        assertNoKey([("stdout", r.stdout), ("stderr", r.stderr), ("report.json", try read("report.json"))])
    }
}
