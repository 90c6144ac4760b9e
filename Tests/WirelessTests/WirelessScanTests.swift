import Foundation
import Snapshot
import Wireless
import XCTest

/// `iw dev X scan` and `nmcli -t -f ALL dev wifi` text into BSS records. The fixtures in
/// Fixtures/ are hand-written from iw's scan.c and nmcli's terse format (not captured from a radio).
final class WirelessScanTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    static let time = Timestamp(seconds: 1_767_603_600)

    func scan(_ name: String, _ format: WirelessScan.Format) throws -> [String: WirelessBSS] {
        let list = try WirelessScan.read(path: "\(Self.fixtures)/\(name)", format: format, source: 2, at: Self.time)
        return Dictionary(uniqueKeysWithValues: list.map { ($0.bssid, $0) })
    }

    func testIWScan() throws {
        let b = try scan("iw-scan.txt", .iw)
        XCTAssertEqual(b.mapValues(\.securityClass), [
            "00:11:22:33:44:55": "wpa2/wpa3-transition", "00:11:22:33:44:66": "wpa/wpa2-mixed", "00:11:22:33:44:77": "wpa2-personal",
            "02:1a:11:f0:00:01": "open", "00:11:22:33:44:88": "wpa3-enterprise-192", "00:11:22:33:44:99": "owe",
            "00:11:22:33:44:aa": "wpa2-enterprise",
        ])
        let corp = try XCTUnwrap(b["00:11:22:33:44:55"])
        XCTAssertEqual(corp.ssid, "CORP")
        XCTAssertEqual(corp.channel, 36)
        XCTAssertEqual(corp.band, "5")
        XCTAssertEqual(corp.pmf, "capable")
        XCTAssertEqual(corp.rsn?.akms, ["PSK", "SAE"])
        XCTAssertEqual(corp.rsn?.capabilities, 0x008c)
        XCTAssertEqual(corp.evidence, Evidence(protocol: "iw-scan", source: 2, packet: 1))
        XCTAssertEqual(corp.firstSeen, Self.time)
        XCTAssertNil(corp.wps)
        let legacy = try XCTUnwrap(b["00:11:22:33:44:66"])
        XCTAssertEqual(legacy.rsn?.groupCipher, "TKIP")
        XCTAssertEqual(legacy.rsn?.pairwiseCiphers, ["CCMP-128", "TKIP"])
        XCTAssertEqual(legacy.wpa?.akms, ["PSK"])
        XCTAssertEqual(legacy.wps, WirelessWPS(state: "configured", apSetupLocked: true, version: "2.0", truncated: false))
        XCTAssertEqual(legacy.channel, 6)
        XCTAssertEqual(legacy.pmf, "disabled")
        let hidden = try XCTUnwrap(b["00:11:22:33:44:77"])
        XCTAssertTrue(hidden.hidden)
        XCTAssertEqual(hidden.ssidHex, "")
        XCTAssertEqual(hidden.pmf, "required")
        XCTAssertEqual(hidden.rsn?.groupManagementCipher, "BIP-CMAC-128")
        let cafe = try XCTUnwrap(b["02:1a:11:f0:00:01"])
        XCTAssertEqual(cafe.ssid, "喫茶店 Free Wi-Fi")
        XCTAssertFalse(cafe.privacy)
        let eap = try XCTUnwrap(b["00:11:22:33:44:88"])
        XCTAssertEqual(eap.rsn?.pairwiseCiphers, ["GCMP-256"])
        XCTAssertEqual(eap.rsn?.akms, ["802.1X-SUITE-B-192"])
        XCTAssertEqual(eap.rsn?.groupManagementCipher, "BIP-GMAC-256")
        XCTAssertEqual(eap.channel, 100)
        XCTAssertEqual(b["00:11:22:33:44:aa"]?.rsn?.akms, ["802.1X", "FT-802.1X", "802.1X-SHA256"])
        XCTAssertEqual(b["00:11:22:33:44:aa"]?.fastTransition, true)
    }

    func testNmcli() throws {
        let b = try scan("nmcli.txt", .nmcli)
        XCTAssertEqual(b.mapValues(\.securityClass), [
            "00:11:22:33:44:55": "wpa2/wpa3-transition", "00:11:22:33:44:66": "wpa/wpa2-mixed", "00:11:22:33:44:77": "wpa2-personal",
            "02:1a:11:f0:00:01": "open", "00:11:22:33:44:88": "wpa3-enterprise-192", "00:11:22:33:44:bb": "wpa2-personal",
            "00:11:22:33:44:cc": "wep",
        ])
        let corp = try XCTUnwrap(b["00:11:22:33:44:55"])
        XCTAssertNil(corp.pmf, "nmcli shows no RSN capabilities: PMF unknown")
        XCTAssertEqual(corp.rsn?.akms, ["PSK", "SAE"])
        XCTAssertEqual(corp.channel, 36)
        XCTAssertEqual(corp.band, "5")
        XCTAssertEqual(corp.evidence, Evidence(protocol: "nmcli", source: 2, packet: 1))
        XCTAssertEqual(b["00:11:22:33:44:66"]?.wpa?.groupCipher, "TKIP")
        XCTAssertEqual(b["00:11:22:33:44:77"]?.hidden, true)
        XCTAssertEqual(b["02:1a:11:f0:00:01"]?.ssid, "喫茶店 Free Wi-Fi")
        XCTAssertEqual(b["00:11:22:33:44:bb"]?.ssid, "Meeting:Room\\5F", "\\: and \\\\ unescaped")
        XCTAssertEqual(b["00:11:22:33:44:bb"]?.ssidHex, "4d656574696e673a526f6f6d5c3546")
        XCTAssertEqual(b["00:11:22:33:44:cc"]?.privacy, true)
    }

    func testNmcliWithBandwidthColumn() throws {
        let line = "AP[1]:CORP:434F5250:00\\:11\\:22\\:33\\:44\\:55:Infra:36:5180 MHz:540 Mbit/s:80 MHz:84:▂▄▆█:WPA2:(none):"
            + "pair_ccmp group_ccmp psk:wlp2s0:yes:*:/org/freedesktop/NetworkManager/AccessPoint/12\n"
        let list = try WirelessScan.parse(Array(line.utf8), format: .nmcli, file: "-", source: 0, at: Self.time)
        XCTAssertEqual(list.map(\.securityClass), ["wpa2-personal"])
        XCTAssertEqual(list.first?.channel, 36)
    }

    func testMalformedInputNamesFileAndLine() {
        let cases: [(WirelessScan.Format, String, String)] = [
            (.iw, "BSS 00:11:22:33:44:55(on wlan0)\n\tSSID: x\nnot iw output\n", "scan.txt:3: not `iw dev IFACE scan` output"),
            (.iw, "\tSSID: x\n", "scan.txt:1: field before the first \"BSS\" line"),
            (.iw, "BSS zz:11:22:33:44:55(on wlan0)\n", "scan.txt:1: \"BSS\" line without a BSSID"),
            (.nmcli, "AP[1]:CORP:434F5250:00\\:11\\:22\\:33\\:44\\:55:Infra:6\n", "scan.txt:1: 6 fields, expected 17 or 18"),
            (.nmcli, "\n" + String(repeating: "x:", count: 16) + "x\n", "scan.txt:2: BSSID field is not a MAC address"),
            (.nmcli, "a:b:c:d:e:f:g:h:i:j:k:l:m:n:o:p:q\\", "scan.txt:1: a field ends in a lone '\\'"),
        ]
        for (format, text, expected) in cases {
            XCTAssertThrowsError(try WirelessScan.parse(Array(text.utf8), format: format, file: "scan.txt", source: 0, at: Self.time)) { error in
                XCTAssertTrue("\(error)".hasPrefix(expected), "\(error) ≠ \(expected)")
            }
        }
        XCTAssertThrowsError(try WirelessScan.read(path: "/nonexistent/scan.txt", format: .iw, source: 0, at: Self.time)) { error in
            XCTAssertEqual("\(error)", "/nonexistent/scan.txt: cannot read file")
        }
    }

    func testMergeKeepsTheCapturedRecord() throws {
        let iw = try WirelessScan.read(path: "\(Self.fixtures)/iw-scan.txt", format: .iw, source: 1, at: Self.time)
        let nm = try WirelessScan.read(path: "\(Self.fixtures)/nmcli.txt", format: .nmcli, source: 2, at: Self.time)
        var w = WirelessSnapshot()
        WirelessScan.merge(iw, into: &w)
        WirelessScan.merge(nm, into: &w)
        XCTAssertEqual(w.bsses.count, 9)
        XCTAssertEqual(w.bsses.map(\.bssid), w.bsses.map(\.bssid).sorted())
        XCTAssertEqual(w.bsses.first { $0.bssid == "00:11:22:33:44:55" }?.evidence.protocol, "iw-scan")
        XCTAssertEqual(w.bsses.first { $0.bssid == "00:11:22:33:44:cc" }?.evidence.protocol, "nmcli")
    }
}
