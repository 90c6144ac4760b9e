import Foundation
import TestSupport
import XCTest

/// End-to-end: client-side scans (`--iw-scan`, `--nmcli`, stdin), hostapd MAC lists, and the
/// ledger-comparing wireless rules through `netaudit wifi` and `netaudit audit`; no key in any output.
final class WifiScanCLITests: XCTestCase {
    private var binary: String!
    private var directory: URL!
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("WirelessTests/Fixtures").path
    static let capture = (ProcessInfo.processInfo.environment["NETAUDIT_CAPTURES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/captures").standardized.path)
        + "/wifi/aircrack-ng__wpa2-psk-linksys.cap"
    static let psk = "Sh0rt!pw9"

    override func setUpWithError() throws {
        guard let path = ProcessInfo.processInfo.environment["NETAUDIT_BIN"], !path.isEmpty else {
            throw XCTSkip("set NETAUDIT_BIN to the built netaudit binary to run the CLI tests")
        }
        binary = path
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wifi-scan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write("hostapd.conf", """
            interface=wlan0
            ssid=CORP
            wpa=2
            wpa_key_mgmt=WPA-PSK
            rsn_pairwise=CCMP
            wpa_passphrase=\(Self.psk)
            ignore_broadcast_ssid=1
            macaddr_acl=1
            accept_mac_file=hostapd.accept
            ieee80211w=2

            """)
        try write("hostapd.accept", "# staff laptops\n00:1b:21:3a:4f:21\n02:99:00:00:00:01 10\n")
        try write("ledger.csv", "asset_id,node_name,mac_addresses,status,wireless_authorized\n"
                  + "PC-001,sato-pc,00:1b:21:3a:4f:21,in_service,yes\nPC-002,suzuki-pc,00:1b:21:3a:4f:22,in_service,yes\n")
        try write("profile.yaml", """
            metadata: {id: wifi-scan-test, title: wifi scan test, language: en}
            scope:
              ssids:
                - {name: CORP, bssids: ["00:11:22:33:44:55"]}
                - {name: CORP-LEGACY}
              citations: [{org_decision: true}]
            rules:
              wireless.rogue_ap:
                citations: [{org_decision: true}]
              wireless.mac_acl_mismatch:
                citations: [{org_decision: true}]
              wireless.unauthorized_client:
                citations: [{org_decision: true}]
              wireless.psk_weak:
                params: {min_length: 12}
                citations: [{org_decision: true}]

            """)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func read(_ name: String) throws -> String { try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }

    private func netaudit(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, out: String, err: String) {
        let r = try Subprocess.run([binary] + arguments, environment: ["NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1767603600"],
                                   directory: directory.path, input: Data((stdin ?? "").utf8))
        return (r.status.code, r.stdout, r.stderr)
    }

    func testScansFromFilesAndStdin() throws {
        let nmcli = try String(contentsOfFile: Self.fixtures + "/nmcli.txt", encoding: .utf8)
        let r = try netaudit(["wifi", "--iw-scan", Self.fixtures + "/iw-scan.txt", "--nmcli", "-", "--hostapd-conf", "hostapd.conf",
                              "--format", "json"], stdin: nmcli)
        XCTAssertEqual(r.status, 0, r.err)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let sources = try XCTUnwrap(json["sources"] as? [[String: Any]])
        XCTAssertEqual(sources.map { $0["link_type"] as? String }, ["iw-scan", "nmcli"])
        XCTAssertEqual(sources.map { $0["kind"] as? String }, ["file", "stdin"])
        let wireless = try XCTUnwrap(json["wireless"] as? [String: Any])
        let bsses = try XCTUnwrap(wireless["bsses"] as? [[String: Any]])
        XCTAssertEqual(bsses.count, 9)
        let protocols = bsses.map { (($0["evidence"] as? [String: Any])?["protocol"] as? String) ?? "?" }
        XCTAssertEqual(protocols.filter { $0 == "nmcli" }.count, 2, "the BSSIDs iw did not see come from nmcli")
        let config = try XCTUnwrap((wireless["ap_configs"] as? [[String: Any]])?.first)
        let list = try XCTUnwrap(config["accept_mac_list"] as? [String: Any])
        XCTAssertEqual((list["entries"] as? [[String: Any]])?.count, 2)
        XCTAssertFalse(r.out.contains(Self.psk) || r.err.contains(Self.psk))

        let table = try netaudit(["wifi", "--iw-scan", Self.fixtures + "/iw-scan.txt", "--hostapd-conf", "hostapd.conf"])
        XCTAssertEqual(table.status, 0, table.err)
        XCTAssertTrue(table.out.contains("wpa3-enterprise-192"), table.out)
        XCTAssertFalse(table.out.contains(Self.psk))
    }

    /// `netaudit wifi --profile P --ledger L`: the wireless findings follow the table; exit 1 on a high one; no key printed.
    func testWifiWithAProfileJudgesTheFacts() throws {
        let r = try netaudit(["wifi", "--iw-scan", Self.fixtures + "/iw-scan.txt", "--hostapd-conf", "hostapd.conf",
                              "--profile", "profile.yaml", "--ledger", "ledger.csv", "--today", "2026-11-20"])
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertTrue(r.out.contains("\nFindings (4)\n"), r.out)
        XCTAssertTrue(r.out.contains("  CRITICAL wireless.rogue_ap 00:11:22:33:44:66: Possible evil twin"), r.out)
        XCTAssertTrue(r.out.contains("(iw-scan.txt, packet 33)") || r.out.contains("iw-scan.txt, packet 33)"), r.out)
        XCTAssertFalse(r.out.contains(Self.psk) || r.err.contains(Self.psk))
        let noProfile = try netaudit(["wifi", "--hostapd-conf", "hostapd.conf", "--ledger", "ledger.csv"])
        XCTAssertEqual(noProfile.status, 2, noProfile.err)
        let noLedger = try netaudit(["wifi", "--hostapd-conf", "hostapd.conf", "--profile", "profile.yaml"])
        XCTAssertEqual(noLedger.status, 1, noLedger.err)
        XCTAssertTrue(noLedger.err.contains("not evaluated: wireless.mac_acl_mismatch (needs --ledger)"), noLedger.err)
    }

    /// Live capture: a non-monitor interface is named in a warning; a missing one is an error naming it.
    func testLiveInterface() throws {
        let missing = try netaudit(["wifi", "--interface", "nosuchif0", "--duration", "0.2"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.err.contains("nosuchif0"), missing.err)
        XCTAssertEqual(try netaudit(["wifi", "--pcap", "x.pcap", "--interface", "lo"]).status, 2)
        guard getuid() == 0 else { throw XCTSkip("live capture on lo needs root") }
        let r = try netaudit(["wifi", "--interface", "lo", "--duration", "0.3", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("lo is not in monitor mode"), r.err)
        XCTAssertTrue(r.out.contains("\"kind\" : \"interface\""), r.out)
    }

    /// OpenWrt's /etc/config/wireless, scored like hostapd.conf: the keys never reach any output.
    func testOpenWrtWirelessIsScoredWithoutItsKeys() throws {
        let uci = Self.fixtures + "/openwrt-wireless"
        for format in ["table", "json"] {
            let r = try netaudit(["wifi", "--openwrt-wireless", uci, "--format", format])
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertTrue(r.out.contains("default_radio1"), r.out)
            for key in ["Kx9#mPq2!vRt7$Lw", "corp2024", "7c3a3f0e8b9d4b1e2f6a5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f", "UpstreamKey#1"] {
                XCTAssertFalse(r.out.contains(key) || r.err.contains(key), "a key leaked in \(format) output")
            }
        }
        guard FileManager.default.fileExists(atPath: Self.capture) else { throw XCTSkip("\(Self.capture) not present") }
        let r = try netaudit(["audit", "--profile", "profile.yaml", "--ledger", "ledger.csv", "--pcap", Self.capture,
                              "--openwrt-wireless", uci, "--today", "2026-11-20", "--format", "json"])
        XCTAssertEqual(r.status, 1, r.err)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let ids = (report["findings"] as? [[String: Any]] ?? []).map { "\($0["rule_id"] ?? "") \(($0["subject"] as? [String: Any])?["endpoint"] ?? "")" }
        XCTAssertTrue(ids.contains("wireless.psk_weak \(uci)[default_radio1]"), "\(ids)")
        XCTAssertTrue(ids.contains("wireless.mac_acl_mismatch \(uci)[default_radio0]"), "\(ids)")
        XCTAssertFalse(r.out.contains("corp2024") || r.out.contains("Kx9#m"))
    }

    /// `netaudit-synth wifi` (the benchmark's capture): deterministic, every class, read by `netaudit wifi`.
    func testSynthWifiCapture() throws {
        guard let synth = ProcessInfo.processInfo.environment["NETAUDIT_SYNTH"], !synth.isEmpty else { throw XCTSkip("NETAUDIT_SYNTH is not set") }
        let saved = binary
        defer { binary = saved }
        binary = synth
        XCTAssertEqual(try netaudit(["wifi", "--output", "a.pcap", "--frames", "5000", "--bsses", "28"]).status, 0)
        XCTAssertEqual(try netaudit(["wifi", "--output", "b.pcap", "--frames", "5000", "--bsses", "28"]).status, 0)
        XCTAssertEqual(try Data(contentsOf: directory.appendingPathComponent("a.pcap")), try Data(contentsOf: directory.appendingPathComponent("b.pcap")))
        XCTAssertEqual(try netaudit(["wifi", "--output", "c.pcap", "--bsses", "3"]).status, 2)
        binary = saved
        let r = try netaudit(["wifi", "--pcap", "a.pcap", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.err)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let bsses = try XCTUnwrap((json["wireless"] as? [String: Any])?["bsses"] as? [[String: Any]])
        XCTAssertEqual(bsses.count, 28)
        XCTAssertEqual(Set(bsses.compactMap { $0["security_class"] as? String }), [
            "open", "wep", "wpa", "wpa/wpa2-mixed", "wpa2-personal", "wpa2/wpa3-transition", "wpa3-personal", "wpa2-enterprise",
            "wpa3-enterprise-192", "owe", "wpa3-enterprise",
        ])
        XCTAssertEqual(bsses.filter { $0["hidden"] as? Bool == true }.count, 4)
        XCTAssertEqual(bsses.filter { $0["revealed_ssid"] is String }.count, 4)
    }

    func testMalformedScanAndMissingMACListExit2() throws {
        try write("bad-iw.txt", "BSS 00:11:22:33:44:55(on wlan0)\n\tSSID: x\nWiFi list:\n")
        let r = try netaudit(["wifi", "--iw-scan", "bad-iw.txt"])
        XCTAssertEqual(r.status, 2, r.out + r.err)
        XCTAssertTrue(r.err.contains("bad-iw.txt:3: not `iw dev IFACE scan` output"), r.err)
        let twice = try netaudit(["wifi", "--iw-scan", "-", "--nmcli", "-"])
        XCTAssertEqual(twice.status, 2, twice.err)

        try write("nolist.conf", "ssid=CORP\nmacaddr_acl=1\naccept_mac_file=/nonexistent/hostapd.accept\n")
        let missing = try netaudit(["wifi", "--hostapd-conf", "nolist.conf"])
        XCTAssertEqual(missing.status, 2, missing.err)
        XCTAssertTrue(missing.err.contains("/nonexistent/hostapd.accept: cannot read the accept_mac_file named at nolist.conf:3"), missing.err)

        guard FileManager.default.fileExists(atPath: Self.capture) else { throw XCTSkip("\(Self.capture) not present") }
        let audit = try netaudit(["audit", "--profile", "profile.yaml", "--ledger", "ledger.csv", "--pcap", Self.capture,
                                  "--nmcli", "bad-iw.txt"])
        XCTAssertEqual(audit.status, 2, audit.err)
        XCTAssertTrue(audit.err.contains("bad-iw.txt:1: "), audit.err)
    }

    func testAuditJudgesScansMACListAndLedgerWithoutLeakingTheKey() throws {
        guard FileManager.default.fileExists(atPath: Self.capture) else { throw XCTSkip("\(Self.capture) not present") }
        let formats = ["json", "text", "sarif", "junit", "html", "csv"]
        let r = try netaudit(["audit", "--profile", "profile.yaml", "--ledger", "ledger.csv", "--pcap", Self.capture,
                              "--iw-scan", Self.fixtures + "/iw-scan.txt", "--nmcli", Self.fixtures + "/nmcli.txt",
                              "--hostapd-conf", "hostapd.conf", "--today", "2026-11-20", "--output", "inventory:inventory.json"]
                             + formats.flatMap { ["--output", "\($0):report.\($0)"] })
        XCTAssertEqual(r.status, 1, r.err)
        XCTAssertFalse(r.err.contains("not evaluated: wireless."), r.err)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(read("report.json").utf8)) as? [String: Any])
        let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
        let summary = findings.map { f -> String in
            let subject = f["subject"] as? [String: Any] ?? [:]
            return "\(f["rule_id"] ?? "") \(f["severity"] ?? "") \(subject["bssid"] as? String ?? subject["mac"] as? String ?? "")"
        }.sorted()
        XCTAssertEqual(summary, [
            "wireless.mac_acl_mismatch medium 00:1b:21:3a:4f:22",
            "wireless.mac_acl_mismatch medium 02:99:00:00:00:01",
            "wireless.psk_weak high ",
            "wireless.rogue_ap critical 00:11:22:33:44:66",
        ])
        let rogue = try XCTUnwrap(findings.first { $0["rule_id"] as? String == "wireless.rogue_ap" })
        let evidence = try XCTUnwrap((rogue["evidence"] as? [[String: Any]])?.first)
        XCTAssertTrue((evidence["source"] as? String)?.hasSuffix("iw-scan.txt") == true, "\(evidence)")
        XCTAssertEqual(evidence["packet"] as? Int, 33, "the BSS's line in the scan file")

        var outputs = [("stdout", r.out), ("stderr", r.err), ("inventory.json", try read("inventory.json"))]
        for format in formats { outputs.append(("report.\(format)", try read("report.\(format)"))) }
        for (name, text) in outputs {
            for offset in 0...(Self.psk.count - 5) {
                let start = Self.psk.index(Self.psk.startIndex, offsetBy: offset)
                let piece = String(Self.psk[start..<Self.psk.index(start, offsetBy: 5)])
                XCTAssertFalse(text.contains(piece), "\(name) contains part of the pre-shared key (\(piece))")
            }
        }
    }
}
