import NetAddress
import XCTest
@testable import Ledger

final class LedgerLookupTests: XCTestCase {
    func testLookupsByMACIPAndID() throws {
        let ledger = try parse(LedgerFixtures.ledger([
            "PC-1,pc1,\"00:1b:21:3a:4f:01;00:1b:21:3a:4f:02\",192.168.1.10,,yes,,",
            "PC-2,old,00:1b:21:3a:4f:03,192.168.1.20,retired,,,",
            "PC-3,new,00:1b:21:3a:4f:04,192.168.1.20,,,,",
            "PC-4,dup,00:1b:21:3a:4f:01,dhcp,,,,",
        ]))
        let wifiMAC = try XCTUnwrap(MACAddress("00-1B-21-3A-4F-02"))
        XCTAssertEqual(ledger.asset(forMAC: wifiMAC)?.assetID, "PC-1")
        XCTAssertEqual(ledger.asset(forMAC: try XCTUnwrap(MACAddress("00:1b:21:3a:4f:01")))?.assetID, "PC-1",
                       "first row wins for a duplicated MAC")
        XCTAssertNil(ledger.asset(forMAC: try XCTUnwrap(MACAddress("00:1b:21:3a:4f:99"))))
        XCTAssertEqual(ledger.assets(forIP: IPv4Address(192, 168, 1, 20)).map(\.assetID), ["PC-2", "PC-3"])
        XCTAssertEqual(ledger.assets(forIP: IPv4Address(192, 168, 1, 99)).map(\.assetID), [])
        XCTAssertEqual(ledger.asset(withID: "ｐｃ－３")?.nodeName, "new")
        XCTAssertEqual(ledger.wirelessAuthorizedAssets.map(\.assetID), ["PC-1"])
        XCTAssertEqual(ledger.assets.map(\.line), [2, 3, 4, 5])
        XCTAssertEqual(try ledger.assets.at(0).file, "ledger.csv")
    }

    func testLedgerBuiltFromValues() throws {
        let mac = try XCTUnwrap(MACAddress("00:1b:21:3a:4f:01"))
        let ledger = Ledger(path: "memory", assets: [
            Asset(assetID: "A", macAddresses: [mac], ipAddress: IPv4Address(10, 0, 0, 1), status: .inService),
        ])
        XCTAssertEqual(ledger.asset(forMAC: mac)?.assetID, "A")
        XCTAssertEqual(ledger.assets(forIP: IPv4Address(10, 0, 0, 1)).count, 1)
        XCTAssertNil(ledger.header)
        XCTAssertEqual(LedgerValidator(today: XCTestCase.fixedToday).validate(ledger), [])
    }

    func testReadFromDiskMatchesParse() throws {
        let directory = try LedgerFixtures.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = LedgerFixtures.ledger(["PC-1,pc1,00:1b:21:3a:4f:01,192.168.1.10,,,,"])
        let path = try LedgerFixtures.write(Array(text.utf8), named: "l.csv", in: directory)
        let fromDisk = try LedgerReader.read(path: path)
        let fromText = try LedgerReader.parse(text: text, path: path)
        XCTAssertEqual(fromDisk, fromText)
    }
}
