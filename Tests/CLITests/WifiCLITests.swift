import Foundation
import TestSupport
import XCTest

/// End-to-end tests of `netaudit wifi`: a real 802.11 capture and hostapd.conf files written here.
final class WifiCLITests: XCTestCase {
    private var binary: String!
    private var directory: URL!
    static let captures = ProcessInfo.processInfo.environment["NETAUDIT_CAPTURES"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/captures").standardized.path

    override func setUpWithError() throws {
        guard let path = ProcessInfo.processInfo.environment["NETAUDIT_BIN"], !path.isEmpty else {
            throw XCTSkip("set NETAUDIT_BIN to the built netaudit binary to run the CLI tests")
        }
        binary = path
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("wifi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func netaudit(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let r = try Subprocess.run([binary] + arguments)
        return (r.status.code, r.stdout, r.stderr)
    }

    func testWPA3CaptureIsClassified() throws {
        let capture = Self.captures + "/wifi/aircrack-ng__wpa3-psk.pcap"
        guard FileManager.default.fileExists(atPath: capture) else { throw XCTSkip("\(capture) not present") }
        let r = try netaudit(["wifi", "--pcap", capture, "--format", "json"])
        XCTAssertEqual(r.status, 0, r.err)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let text = String(describing: json)
        XCTAssertTrue(text.contains("wpa3-personal"), r.out)
        XCTAssertTrue(text.contains("SAE"), r.out)
    }

    func testHostapdKeyIsScoredNeverPrinted() throws {
        let psk = "Short1!pass"
        let conf = directory.appendingPathComponent("hostapd.conf")
        try "interface=wlan0\nssid=CORP-WLAN\nwpa=2\nwpa_key_mgmt=WPA-PSK\nrsn_pairwise=CCMP\nwpa_passphrase=\(psk)\n"
            .write(to: conf, atomically: true, encoding: .utf8)
        for format in ["table", "json"] {
            let r = try netaudit(["wifi", "--hostapd-conf", conf.path, "--format", format])
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertFalse(r.out.contains(psk) || r.err.contains(psk), "the PSK leaked in \(format) output")
            XCTAssertFalse(r.out.contains(String(psk.prefix(8))), "a PSK prefix leaked in \(format) output")
            XCTAssertTrue(r.out.contains("11"), "the PSK length (11) should be reported: \(r.out)")
        }
    }

    func testUnreadableConfigIsAnInputError() throws {
        let r = try netaudit(["wifi", "--hostapd-conf", directory.appendingPathComponent("missing.conf").path])
        XCTAssertEqual(r.status, 2, r.out + r.err)
        XCTAssertTrue(r.err.contains("missing.conf"), r.err)
    }
}
