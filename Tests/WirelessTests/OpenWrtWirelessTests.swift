import Foundation
import Snapshot
import Wireless
import XCTest

/// OpenWrt `/etc/config/wireless` (UCI) as access-point configurations. The fixture is hand-written
/// from OpenWrt's documented format (netifd's hostapd.sh semantics), not copied from a router.
final class OpenWrtWirelessTests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/openwrt-wireless").path
    static let keys = ["Kx9#mPq2!vRt7$Lw", "corp2024", "7c3a3f0e8b9d4b1e2f6a5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f", "UpstreamKey#1"]

    func testAccessPointSectionsAreScoredLikeHostapd() throws {
        let configs = try OpenWrtWireless.read(path: Self.fixture)
        XCTAssertEqual(configs.map(\.interface), ["default_radio0", "default_radio1", "guest"], "station and disabled sections are skipped")
        let corp = configs[0]
        XCTAssertEqual(corp.ssid, "CORP")
        XCTAssertEqual(corp.wpa, 2)
        XCTAssertEqual(corp.keyManagement, ["WPA-PSK"])
        XCTAssertEqual(corp.rsnPairwise, ["CCMP"])
        XCTAssertEqual(corp.ieee80211w, 2)
        XCTAssertEqual(corp.ignoreBroadcastSSID, 1)
        XCTAssertEqual(corp.macaddrACL, 1)
        XCTAssertEqual(corp.acceptMACList?.entries.map(\.mac), ["00:1b:21:3a:4f:21", "02:99:00:00:00:01"])
        XCTAssertEqual(corp.acceptMACList?.entries.map(\.line), [27, 28])
        XCTAssertEqual(corp.psks.map(\.status), ["scored"])
        XCTAssertEqual(corp.psks.first?.length, 16)
        XCTAssertEqual(corp.psks.first?.characterClasses, 4)
        XCTAssertEqual(corp.psks.first?.line, 23)
        let legacy = configs[1]
        XCTAssertEqual(legacy.wpa, 3)
        XCTAssertEqual(legacy.rsnPairwise, ["CCMP", "TKIP"])
        XCTAssertTrue(legacy.tkipFallback)
        XCTAssertEqual(legacy.wpsState, 2)
        XCTAssertEqual(legacy.macaddrACL, 0)
        XCTAssertEqual(legacy.ignoreBroadcastSSID, 0)
        XCTAssertEqual(legacy.ieee80211w, 0)
        XCTAssertEqual(legacy.psks.first?.length, 8)
        XCTAssertEqual(legacy.psks.first?.characterClasses, 2)
        let guest = configs[2]
        XCTAssertEqual(guest.keyManagement, ["WPA-PSK", "SAE"])
        XCTAssertEqual(guest.ieee80211w, 1, "sae-mixed defaults to PMF optional")
        XCTAssertEqual(guest.psks.map(\.status), ["unscoreable_raw_key"])
        XCTAssertEqual(guest.denyMACList?.entries.map(\.mac), ["66:77:88:99:aa:bb"])
    }

    func testNoKeyInAnyOutput() throws {
        var snapshot = Snapshot(generatedAt: Timestamp(seconds: 1_700_000_000))
        snapshot.wireless = WirelessSnapshot(apConfigs: try OpenWrtWireless.read(path: Self.fixture))
        let outputs = [try WirelessRenderer.json(snapshot), WirelessRenderer.table(snapshot.wireless!), String(describing: snapshot.wireless!)]
        for text in outputs {
            for key in Self.keys { XCTAssertFalse(text.contains(key), "a key leaked") }
            XCTAssertFalse(text.contains("Kx9#m") || text.contains("Upstream"), "a key prefix leaked")
        }
    }

    func testMalformedUCIIsAnErrorAtItsLine() {
        for (text, expected) in [("config wifi-iface 'x'\n\toption ssid 'unterminated\n", "f:2: unterminated quote"),
                                 ("\toption ssid 'x'\n", "f:1: option before the first config section"),
                                 ("config wifi-iface\nssid=CORP\n", "f:2: not UCI"),
                                 ("config wifi-iface\n\toption encryption 'psk3'\n", "f:2: unknown encryption 'psk3'")] {
            XCTAssertThrowsError(try OpenWrtWireless.parse(Array(text.utf8), file: "f")) { error in
                XCTAssertTrue("\(error)".hasPrefix(expected), "\(error)")
            }
        }
    }
}
