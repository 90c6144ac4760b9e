import Capture
import Foundation
import Snapshot
import Wireless
import XCTest

final class WirelessObserverTests: XCTestCase {
    /// One frame per class, plus hidden SSIDs, a wildcard probe, its answer and an SAE association.
    static func syntheticFrames() -> [[UInt8]] {
        typealias F = Frames
        return [
            F.beacon(bssid: "02:00:00:00:00:01", privacy: false, F.ssid("open")),
            F.beacon(bssid: "02:00:00:00:00:02", privacy: true, F.ssid("wep")),
            F.beacon(bssid: "02:00:00:00:00:03", privacy: true, F.ssid("wpa1") + F.wpa1()),
            F.beacon(bssid: "02:00:00:00:00:04", privacy: true, F.ssid("mixed") + F.rsn(group: 2, pairwise: [4, 2], akms: [2], caps: 0) + F.wpa1() + F.wps(state: 1)),
            F.beacon(bssid: "02:00:00:00:00:05", privacy: true, F.ssid("wpa2") + F.rsn(akms: [2], caps: 0) + F.wps(state: 2, locked: 1)),
            F.beacon(bssid: "02:00:00:00:00:06", privacy: true, F.ssid("trans") + F.rsn(akms: [2, 8], caps: 0x0080)),
            F.beacon(bssid: "02:00:00:00:00:07", privacy: true, channel: 36,
                     F.ssid("sae") + F.rsn(akms: [8], caps: 0x00C0, groupMgmt: 6) + F.element(244, [0x20])),
            F.beacon(bssid: "02:00:00:00:00:08", privacy: true, F.ssid("eap") + F.rsn(akms: [1, 3, 5], caps: 0) + F.element(54, [0x12, 0x34, 0x01])),
            F.beacon(bssid: "02:00:00:00:00:09", privacy: true, F.ssid("192") + F.rsn(group: 9, pairwise: [9], akms: [12], caps: 0x00C0, groupMgmt: 12)),
            F.beacon(bssid: "02:00:00:00:00:0a", privacy: true, F.ssid([0, 0, 0, 0, 0, 0, 0, 0]) + F.rsn(akms: [18], caps: 0x00C0)),
            F.beacon(bssid: "02:00:00:00:00:0b", privacy: false,
                     F.ssid("owe-open") + F.element(221, [0x50, 0x6F, 0x9A, 0x1C] + Frames.mac("02:00:00:00:00:0a") + [4] + Array("owe!".utf8))),
            F.beacon(bssid: "02:00:00:00:00:0c", privacy: true, F.ssid("") + F.rsn(akms: [2], caps: 0)),
            F.probeRequest(sta: "da:a1:19:00:00:01", ssid: ""),
            F.beacon(bssid: "02:00:00:00:00:0c", privacy: true, F.ssid("secret-net") + F.rsn(akms: [2], caps: 0), subtype: 5, da: "da:a1:19:00:00:01"),
            F.associationRequest(sta: "da:a1:19:00:00:01", bssid: "02:00:00:00:00:07", ssid: "sae", F.rsn(akms: [8], caps: 0x00C0)),
            F.associationRequest(sta: "00:11:22:33:44:55", bssid: "02:00:00:00:00:05", ssid: "wpa2", F.rsn(akms: [2], caps: 0)),
            // Malformed: the RSN element claims 40 bytes, the frame ends after 4.
            F.beacon(bssid: "02:00:00:00:00:0d", privacy: true, F.ssid("broken")) + [0x30, 0x28, 0x01, 0x00, 0x00, 0x0F],
        ]
    }

    func checkSynthetic(_ w: WirelessSnapshot, file: StaticString = #filePath, line: UInt = #line) {
        let byBSSID = Dictionary(uniqueKeysWithValues: w.bsses.map { ($0.bssid, $0) })
        let expected: [String: String] = [
            "02:00:00:00:00:01": "open", "02:00:00:00:00:02": "wep", "02:00:00:00:00:03": "wpa",
            "02:00:00:00:00:04": "wpa/wpa2-mixed", "02:00:00:00:00:05": "wpa2-personal",
            "02:00:00:00:00:06": "wpa2/wpa3-transition", "02:00:00:00:00:07": "wpa3-personal",
            "02:00:00:00:00:08": "wpa2-enterprise", "02:00:00:00:00:09": "wpa3-enterprise-192",
            "02:00:00:00:00:0a": "owe", "02:00:00:00:00:0b": "open", "02:00:00:00:00:0c": "wpa2-personal",
            "02:00:00:00:00:0d": "wep",
        ]
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: w.bsses.map { ($0.bssid, $0.securityClass) }), expected, file: file, line: line)
        XCTAssertEqual(byBSSID["02:00:00:00:00:04"]?.wps?.state, "unconfigured", file: file, line: line)
        XCTAssertEqual(byBSSID["02:00:00:00:00:05"]?.wps?.apSetupLocked, true, file: file, line: line)
        XCTAssertEqual(byBSSID["02:00:00:00:00:05"]?.pmf, "disabled", file: file, line: line)
        XCTAssertEqual(byBSSID["02:00:00:00:00:06"]?.pmf, "capable", file: file, line: line)
        let sae = byBSSID["02:00:00:00:00:07"]
        XCTAssertEqual(sae?.pmf, "required", file: file, line: line)
        XCTAssertEqual(sae?.saeHashToElement, true, file: file, line: line)
        XCTAssertEqual(sae?.rsn?.groupManagementCipher, "BIP-CMAC-128", file: file, line: line)
        XCTAssertEqual(sae?.channel, 36, file: file, line: line)
        XCTAssertEqual(sae?.band, "5", file: file, line: line)
        XCTAssertEqual(byBSSID["02:00:00:00:00:08"]?.fastTransition, true, file: file, line: line)
        XCTAssertEqual(byBSSID["02:00:00:00:00:08"]?.rsn?.akms, ["802.1X", "FT-802.1X", "802.1X-SHA256"], file: file, line: line)
        XCTAssertEqual(byBSSID["02:00:00:00:00:09"]?.rsn?.pairwiseCiphers, ["GCMP-256"], file: file, line: line)
        XCTAssertEqual(byBSSID["02:00:00:00:00:0a"]?.hidden, true, file: file, line: line)
        XCTAssertEqual(byBSSID["02:00:00:00:00:0b"]?.oweTransition?.bssid, "02:00:00:00:00:0a", file: file, line: line)
        XCTAssertEqual(byBSSID["02:00:00:00:00:0b"]?.oweTransition?.ssid, "owe!", file: file, line: line)
        let hidden = byBSSID["02:00:00:00:00:0c"]
        XCTAssertEqual(hidden?.hidden, true, file: file, line: line)
        XCTAssertEqual(hidden?.revealedSSID, "secret-net", file: file, line: line)
        XCTAssertEqual(hidden?.answeredWildcardProbe, true, file: file, line: line)
        XCTAssertEqual(byBSSID["02:00:00:00:00:05"]?.answeredWildcardProbe, false, file: file, line: line)
        XCTAssertEqual(w.wildcardProbeRequests, 1, file: file, line: line)
        XCTAssertEqual(w.clients.map(\.mac), ["00:11:22:33:44:55", "da:a1:19:00:00:01"], file: file, line: line)
        XCTAssertEqual(w.clients.map(\.akm), ["PSK", "SAE"], file: file, line: line)
        XCTAssertEqual(w.clients.map(\.randomized), [false, true], file: file, line: line)
        XCTAssertEqual(w.clients.map(\.bssid), ["02:00:00:00:00:05", "02:00:00:00:00:07"], file: file, line: line)
        XCTAssertEqual(w.malformed.map(\.bssid), ["02:00:00:00:00:0d"], file: file, line: line)
        XCTAssertEqual(w.malformed.first?.element, "elements", file: file, line: line)
        XCTAssertEqual(w.malformed.first?.evidence.packet, 17, file: file, line: line)
    }

    /// The same frames behind each monitor-mode link type reach the observer identically.
    func testSyntheticFramesOverEveryLinkType() throws {
        let dir = try WirelessFixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let frames = Self.syntheticFrames()
        for (dlt, wrap) in [(UInt32(105), { (f: [UInt8]) in f }), (127, Frames.radiotap), (119, Frames.prism)] {
            let path = "\(dir)/synthetic-\(dlt).pcap"
            try PcapFile.write(frames.map(wrap), linkType: dlt, to: path)
            let (w, reports) = WirelessFixtures.observe([path])
            XCTAssertEqual(reports.first?.outcome, .completed)
            checkSynthetic(w)
        }
    }

    /// Every prefix of every synthetic frame: no crash, no out-of-bounds read (the decoders bounds-check).
    func testTruncatedFramesNeverCrash() throws {
        let dir = try WirelessFixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var frames: [[UInt8]] = []
        for f in Self.syntheticFrames() { for n in stride(from: 0, through: f.count, by: 1) { frames.append(Array(f.prefix(n))) } }
        let path = "\(dir)/truncated.pcap"
        try PcapFile.write(frames.filter { !$0.isEmpty }, linkType: 105, to: path)
        let (w, reports) = WirelessFixtures.observe([path])
        XCTAssertEqual(reports.first?.outcome, .completed)
        XCTAssertFalse(w.malformed.isEmpty)
        XCTAssertTrue(Set(w.malformed.map(\.element)).isSuperset(of: ["elements", "fixed_fields"]), "\(w.malformed)")
    }

    // MARK: real captures

    func one(_ name: String) throws -> WirelessSnapshot {
        let (w, _) = WirelessFixtures.observe([try WirelessFixtures.capture(name)])
        return w
    }

    func testRealCaptureClassifications() throws {
        let cases: [(String, String, String)] = [
            ("aircrack-ng__wep.open.system.authentication.cap", "00:14:6c:7e:40:80", "wep"),
            ("aircrack-ng__wpa-psk-linksys.cap", "00:0b:86:c2:a4:85", "wpa"),
            ("aircrack-ng__wpa.cap", "00:0d:93:eb:b0:8c", "wpa"),
            ("aircrack-ng__wpa2-psk-linksys.cap", "00:0b:86:c2:a4:85", "wpa2-personal"),
            ("aircrack-ng__MOM1.cap", "00:21:29:72:a3:19", "wpa/wpa2-mixed"),
            ("aircrack-ng__n-02.cap", "b0:b9:8a:56:8d:ea", "wpa2-personal"),
            ("aircrack-ng__wpa3-psk.pcap", "02:00:00:00:00:00", "wpa3-personal"),
            ("tcpdump__ieee802.11_exthdr.pcap", "90:a4:de:c0:46:0a", "open"),
        ]
        for (file, bssid, cls) in cases {
            let w = try one(file)
            XCTAssertEqual(w.bsses.first { $0.bssid == bssid }?.securityClass, cls, file)
        }
        XCTAssertEqual(try one("aircrack-ng__n-02.cap").bsses.first?.pmf, "required")
        XCTAssertEqual(try one("aircrack-ng__MOM1.cap").bsses.first?.wps?.state, "unconfigured")
        XCTAssertEqual(try one("aircrack-ng__wps2.0.pcap").bsses.first?.wps?.version, "2.0")
        XCTAssertEqual(try one("aircrack-ng__wep.shared.key.authentication.cap").bsses.first?.authAlgorithms, ["shared_key"])
        // wpa3-psk: the SAE association request names the chosen AKM.
        let sae = try one("aircrack-ng__wpa3-psk.pcap")
        XCTAssertTrue(sae.clients.contains { $0.akm == "SAE" && $0.bssid == "02:00:00:00:00:00" }, "\(sae.clients)")
        XCTAssertEqual(sae.bsses.first?.authAlgorithms.contains("sae"), true)
    }

    func testNonUTF8SSIDIsEscapedAndExact() throws {
        let w = try one("aircrack-ng__Chinese-SSID-Name.pcap")
        let b = try XCTUnwrap(w.bsses.first)
        XCTAssertEqual(b.ssidHex, "b2e2cad4")
        XCTAssertEqual(b.ssid, "\\xb2\\xe2\\xca\\xd4")
        XCTAssertEqual(b.securityClass, "wep")
    }

    func testSnapshotWirelessFieldRoundTripsAndOldJSONStillReads() throws {
        let dir = try WirelessFixtures.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/s.pcap"
        try PcapFile.write(Self.syntheticFrames(), linkType: 105, to: path)
        var snapshot = Snapshot(generatedAt: Timestamp(seconds: 1_700_000_000))
        snapshot.wireless = WirelessFixtures.observe([path]).0
        let data = try JSONEncoder().encode(snapshot)
        XCTAssertEqual(try JSONDecoder().decode(Snapshot.self, from: data), snapshot)
        // A 1.0 document without `wireless` still decodes; one without wireless writes no `wireless` key.
        let plain = Snapshot(generatedAt: Timestamp(seconds: 1_700_000_000))
        let old = try JSONEncoder().encode(plain)
        XCTAssertFalse(String(decoding: old, as: UTF8.self).contains("wireless"))
        XCTAssertNil(try JSONDecoder().decode(Snapshot.self, from: old).wireless)
    }

    func testTableRendering() throws {
        let w = try one("ssid-logger__beacons.pcap")
        let table = WirelessRenderer.table(w)
        print(table)
        let lines = table.split(separator: "\n")
        XCTAssertEqual(lines.first, "BSSs (29)")
        XCTAssertTrue(lines[1].hasPrefix("BSSID"))
        XCTAssertEqual(lines.filter { $0.hasPrefix("02:1d:aa:16:64:e0") }.count, 1)
        XCTAssertTrue(lines.contains { $0.contains("<hidden>") && $0.hasSuffix("yes") })
        XCTAssertTrue(table.contains("Clients (0)"))
    }

    /// The tcpdump test corpus (crafted, truncated and hostile captures): every file goes through the
    /// observer without a crash; the 802.11 ones (radiotap, 802.11, Prism) produce BSSs.
    func testTcpdumpCorpusNeverCrashes() throws {
        let dir = WirelessFixtures.captures + "/tcpdump-tests"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { throw XCTSkip("no \(dir)") }
        let files = names.filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") || $0.hasSuffix(".cap") }.sorted()
        XCTAssertGreaterThan(files.count, 100)
        var bssCount = 0
        for f in files {
            let observer = WirelessObserver()
            _ = CaptureSession().readFiles([dir + "/" + f], observers: [observer])
            let w = observer.snapshot()
            bssCount += w.bsses.count
            _ = WirelessRenderer.table(w)
        }
        XCTAssertGreaterThan(bssCount, 0)
    }
}
