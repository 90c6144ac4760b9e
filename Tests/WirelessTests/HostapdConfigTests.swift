import Foundation
import Snapshot
import Wireless
import XCTest

/// hostapd.conf fixtures are written here, scored through the file reader, and every output
/// format is searched for the keys they contain.
final class HostapdConfigTests: XCTestCase {
    static let strongPSK = "Tr0ub4dor&3-Horse!Staple"
    static let shortPSK = "Ab3$efgh12"
    static let noSymbolPSK = "CorrectHorse42Battery"
    static let rawPSK = "7c3a3f0e8b9d4b1e2f6a5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f"
    static let saePassword = "Sae-Only-Pass#2024"
    static let wepKey = "0102030405"
    static var secrets: [String] { [strongPSK, shortPSK, noSymbolPSK, rawPSK, saePassword, wepKey] }

    static let fixtures: [String: String] = [
        "strong.conf": """
        # strong WPA2-PSK
        interface=wlan0
        ssid=corp
        wpa=2
        wpa_key_mgmt=WPA-PSK
        rsn_pairwise=CCMP
        wpa_passphrase=\(strongPSK)
        ignore_broadcast_ssid=1
        macaddr_acl=1
        accept_mac_file=strong.accept
        ieee80211w=2
        wps_state=0
        """,
        "short.conf": "ssid=short\nwpa=2\nrsn_pairwise=CCMP\nwpa_passphrase=\(shortPSK)\n",
        "nosymbol.conf": "ssid=nosym\nwpa=2\nrsn_pairwise=CCMP\nwpa_passphrase=\(noSymbolPSK)\n",
        "rawhex.conf": "ssid=raw\nwpa=2\nrsn_pairwise=CCMP\nwpa_psk=\(rawPSK)\n",
        "tkip.conf": "ssid=legacy\nwpa=2\nwpa_key_mgmt=WPA-PSK\nwpa_passphrase=\(strongPSK)\n",
        "wps.conf": "ssid=wps\nwpa=2\nrsn_pairwise=CCMP\nwpa_passphrase=\(strongPSK)\nwps_state=2\nap_setup_locked=1\n",
        "multi.conf": """
        interface=wlan0
        ssid=main
        wpa=2
        wpa_key_mgmt=SAE
        rsn_pairwise=CCMP
        sae_password=\(saePassword)|id=guest
        ieee80211w=0
        bss=wlan0_1
        ssid=old-wep
        wep_key0=\(wepKey)
        auth_algs=3
        this line has no equals sign \(strongPSK)
        ieee80211w=two
        """,
    ]

    var dir = ""

    override func setUpWithError() throws {
        dir = try WirelessFixtures.tempDir()
        for (name, text) in Self.fixtures { try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8) }
        try "# authorised stations\n00:1b:21:3a:4f:21\n".write(toFile: "\(dir)/strong.accept", atomically: true, encoding: .utf8)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func read(_ name: String) throws -> [APConfig] { try HostapdConfig.read(path: "\(dir)/\(name)") }

    func testStrongWPA2PSK() throws {
        let c = try XCTUnwrap(try read("strong.conf").first)
        XCTAssertEqual(c.interface, "wlan0")
        XCTAssertEqual(c.wpa, 2)
        XCTAssertEqual(c.rsnPairwise, ["CCMP"])
        XCTAssertFalse(c.tkipFallback)
        let p = try XCTUnwrap(c.psks.first)
        XCTAssertEqual(p.status, "scored")
        XCTAssertEqual(p.length, Self.strongPSK.count)
        XCTAssertEqual(p.characterClasses, 4)
        XCTAssertEqual(p.line, 7)
        XCTAssertEqual(c.ignoreBroadcastSSID, 1)
        XCTAssertEqual(c.macaddrACL, 1)
        XCTAssertTrue(c.acceptMACFile)
        XCTAssertEqual(c.ieee80211w, 2)
        XCTAssertEqual(c.wpsState, 0)
        XCTAssertEqual(c.defaulted, ["wpa_pairwise", "auth_algs"])
    }

    func testTenCharacterPSK() throws {
        let p = try XCTUnwrap(try read("short.conf").first?.psks.first)
        XCTAssertEqual(p.length, 10)
        XCTAssertEqual(p.characterClasses, 4)
        XCTAssertEqual(p.status, "scored")
    }

    func testPSKMissingSymbols() throws {
        let p = try XCTUnwrap(try read("nosymbol.conf").first?.psks.first)
        XCTAssertEqual(p.hasSymbol, false)
        XCTAssertEqual(p.hasUpper, true)
        XCTAssertEqual(p.hasLower, true)
        XCTAssertEqual(p.hasDigit, true)
        XCTAssertEqual(p.characterClasses, 3)
    }

    func testRawHexKeyIsUnscoreableNotWeak() throws {
        let p = try XCTUnwrap(try read("rawhex.conf").first?.psks.first)
        XCTAssertEqual(p.status, "unscoreable_raw_key")
        XCTAssertNil(p.length)
        XCTAssertNil(p.characterClasses)
    }

    func testMissingRSNPairwiseFallsBackToTKIP() throws {
        let c = try XCTUnwrap(try read("tkip.conf").first)
        XCTAssertFalse(c.rsnPairwiseSet)
        XCTAssertEqual(c.rsnPairwise, ["TKIP"])
        XCTAssertTrue(c.tkipFallback)
        XCTAssertTrue(c.defaulted.contains("rsn_pairwise"))
        // Defaults for the directives this file leaves out.
        XCTAssertEqual(c.ignoreBroadcastSSID, 0)
        XCTAssertEqual(c.macaddrACL, 0)
        XCTAssertFalse(c.acceptMACFile)
        XCTAssertEqual(c.ieee80211w, 0)
        XCTAssertTrue(c.defaulted.contains("ignore_broadcast_ssid"))
        XCTAssertTrue(c.defaulted.contains("macaddr_acl"))
        XCTAssertTrue(c.defaulted.contains("ieee80211w"))
    }

    func testWPSOn() throws {
        let c = try XCTUnwrap(try read("wps.conf").first)
        XCTAssertEqual(c.wpsState, 2)
        XCTAssertEqual(c.apSetupLocked, 1)
    }

    func testBSSSectionsWEPAndWarningsWithoutValues() throws {
        let cs = try read("multi.conf")
        XCTAssertEqual(cs.count, 2)
        XCTAssertEqual(cs[0].keyManagement, ["SAE"])
        XCTAssertEqual(cs[0].ieee80211w, 0)
        XCTAssertFalse(cs[0].defaulted.contains("ieee80211w"))
        XCTAssertEqual(cs[0].psks.first?.directive, "sae_password")
        XCTAssertEqual(cs[0].psks.first?.length, Self.saePassword.count)   // `|id=…` parameters are not part of the password
        XCTAssertEqual(cs[1].interface, "wlan0_1")
        XCTAssertEqual(cs[1].wepKeys, 1)
        XCTAssertEqual(cs[1].authAlgs, 3)
        XCTAssertEqual(cs[1].warnings, ["line 12: no '=' (ignored)", "line 13: ieee80211w is not a number"])
    }

    func testUnreadableFileIsAnError() {
        XCTAssertThrowsError(try HostapdConfig.read(path: "\(dir)/missing.conf"))
    }

    /// No output format carries a key: JSON and table, for every fixture, with capture data alongside.
    func testNoSecretInAnyOutput() throws {
        var wireless = WirelessSnapshot()
        for name in Self.fixtures.keys.sorted() { wireless.apConfigs += try read(name) }
        XCTAssertEqual(wireless.apConfigs.count, 8)
        var snapshot = Snapshot(generatedAt: Timestamp(seconds: 1_700_000_000))
        snapshot.wireless = wireless
        let outputs = ["json": try WirelessRenderer.json(snapshot), "table": WirelessRenderer.table(wireless),
                       "debug": String(describing: wireless), "dump": { var s = ""; dump(wireless, to: &s); return s }()]
        for (format, text) in outputs {
            XCTAssertTrue(text.contains("wpa_passphrase"), "\(format) output lists the scored directive")
            for secret in Self.secrets {
                XCTAssertFalse(text.contains(secret), "\(format) output contains a key from the fixtures")
                XCTAssertFalse(text.lowercased().contains(secret.lowercased().prefix(8)), "\(format) output contains a key prefix")
            }
        }
        // The table shows what was scored.
        XCTAssertTrue(outputs["table"]!.contains("raw 64-hex key, unscoreable"))
        XCTAssertTrue(outputs["table"]!.contains("falls back to wpa_pairwise/TKIP"))
    }
}
