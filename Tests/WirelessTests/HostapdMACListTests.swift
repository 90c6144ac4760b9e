import Foundation
import Snapshot
import Wireless
import XCTest

/// hostapd's `accept_mac_file` / `deny_mac_file` format, read relative to the configuration's directory.
final class HostapdMACListTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try WirelessFixtures.tempDir() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8)
    }

    /// Comments, blank lines, CRLF, upper case, VLAN suffixes and `-` removal lines as hostapd.accept documents them.
    func testHostapdFormat() throws {
        let list = try HostapdConfig.parseMACList(Array("""
            # List of MAC addresses that are allowed to authenticate (IEEE 802.11)
            # with the AP. Optional VLAN ID can be assigned for clients based on the
            # MAC address if dynamic VLANs (hostapd.conf dynamic_vlan option) are used.
            00:11:22:33:44:55
            00:66:77:88:99:AA\r
            00:00:11:22:33:44 1

            00:1b:21:3a:4f:21\t20
            -00:11:22:33:44:55
            -02:00:00:00:00:01
            """.utf8))
        XCTAssertEqual(list.entries.map(\.mac), ["00:66:77:88:99:aa", "00:00:11:22:33:44", "00:1b:21:3a:4f:21"])
        XCTAssertEqual(list.entries.map(\.vlan), [nil, "1", "20"])
        XCTAssertEqual(list.entries.map(\.line), [5, 6, 8])
        XCTAssertEqual(list.removals, 2)
    }

    func testABadLineIsAnErrorWithItsNumberNotItsText() {
        for bad in ["00-11-22-33-44-55", "0011.2233.4455", " # indented comment", "001122334455", "00:11:22:33:44"] {
            XCTAssertThrowsError(try HostapdConfig.parseMACList(Array("00:11:22:33:44:55\n\(bad)\n".utf8)), bad) { error in
                XCTAssertTrue("\(error)".hasPrefix("2: not a MAC address"), "\(error)")
                XCTAssertFalse("\(error)".contains(bad), "the line's text is not echoed: \(error)")
            }
        }
    }

    func testListsAreReadRelativeToTheConfiguration() throws {
        try FileManager.default.createDirectory(atPath: "\(dir)/acl", withIntermediateDirectories: true)
        try write("acl/accept", "00:1b:21:3a:4f:21\n00:1b:21:3a:4f:22 7\n")
        try write("deny.list", "02:aa:bb:cc:dd:ee\n")
        try write("hostapd.conf", "interface=wlan0\nssid=CORP\nmacaddr_acl=1\naccept_mac_file=acl/accept\ndeny_mac_file=\(dir)/deny.list\n")
        let config = try XCTUnwrap(try HostapdConfig.read(path: "\(dir)/hostapd.conf").first)
        XCTAssertEqual(config.acceptMACList?.path, "acl/accept")
        XCTAssertEqual(config.acceptMACList?.resolvedPath, "\(dir)/acl/accept")
        XCTAssertEqual(config.acceptMACList?.line, 4)
        XCTAssertEqual(config.acceptMACList?.entries.map(\.mac), ["00:1b:21:3a:4f:21", "00:1b:21:3a:4f:22"])
        XCTAssertEqual(config.denyMACList?.entries.map(\.mac), ["02:aa:bb:cc:dd:ee"])
        XCTAssertTrue(config.acceptMACFile)
        XCTAssertEqual(HostapdConfig.resolve("accept", relativeTo: "hostapd.conf"), "accept")
    }

    func testAMissingListIsAnErrorNamingTheFile() throws {
        try write("hostapd.conf", "ssid=CORP\nmacaddr_acl=1\naccept_mac_file=nowhere.accept\n")
        XCTAssertThrowsError(try HostapdConfig.read(path: "\(dir)/hostapd.conf")) { error in
            XCTAssertEqual("\(error)", "\(dir)/nowhere.accept: cannot read the accept_mac_file named at \(dir)/hostapd.conf:3")
        }
        try write("bad.accept", "00:11:22:33:44:55\nnot-a-mac\n")
        try write("bad.conf", "ssid=CORP\ndeny_mac_file=bad.accept\n")
        XCTAssertThrowsError(try HostapdConfig.read(path: "\(dir)/bad.conf")) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(dir)/bad.accept:2: not a MAC address"), "\(error)")
            XCTAssertTrue("\(error)".contains("deny_mac_file of \(dir)/bad.conf:2"), "\(error)")
        }
    }

    /// The lists travel in the JSON contract (MACs are not secrets); older documents without them still read.
    func testJSONRoundTrip() throws {
        try write("a", "00:1b:21:3a:4f:21 3\n")
        try write("h.conf", "ssid=x\naccept_mac_file=a\n")
        var snapshot = Snapshot(generatedAt: Timestamp(seconds: 1_700_000_000))
        snapshot.wireless = WirelessSnapshot(apConfigs: try HostapdConfig.read(path: "\(dir)/h.conf"))
        let json = try WirelessRenderer.json(snapshot)
        XCTAssertTrue(json.contains("\"accept_mac_list\""), json)
        XCTAssertTrue(json.contains("\"vlan\" : \"3\""), json)
        let back = try JSONDecoder().decode(Snapshot.self, from: Data(json.utf8))
        XCTAssertEqual(back.wireless, snapshot.wireless)
    }
}
