import XCTest
@testable import Ledger

final class EncodingTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try LedgerFixtures.makeDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Characters only CP932 has (NEC special and NEC-selected IBM extensions) next to
    /// ordinary JIS X 0208 text and half-width katakana.
    private let japaneseLedger = """
        資産管理番号,ノード名,設置場所,利用者,MACアドレス,IPアドレス,備考
        PC-001,soumu-pc01,本社①会議室,髙橋 一郎,00:1b:21:3a:4f:01,192.168.10.21,㈱山﨑商会リース ｶﾅ
        """ + "\r\n"

    func testUTF8WithoutBOMIsDetected() throws {
        let path = try LedgerFixtures.write(Array(japaneseLedger.utf8), named: "utf8.csv", in: directory)
        let ledger = try LedgerReader.read(path: path)
        XCTAssertEqual(ledger.encoding, .utf8)
        XCTAssertEqual(ledger.assets.first?.user, "髙橋 一郎")
    }

    func testExcelUTF8BOMIsDetectedAndStripped() throws {
        let bytes = LedgerTextDecoder.utf8BOM + Array(japaneseLedger.utf8)
        let path = try LedgerFixtures.write(bytes, named: "bom.csv", in: directory)
        let ledger = try LedgerReader.read(path: path)
        XCTAssertEqual(ledger.encoding, .utf8BOM)
        // The BOM must not stick to the first header, or asset_id would be an unknown column.
        XCTAssertEqual(ledger.header?.columns.first?.role, .column(.assetID))
        XCTAssertEqual(ledger.header?.columns.first?.field.column, 1)
        XCTAssertEqual(ledger.assets.first?.assetID, "PC-001")
    }

    func testCP932FromIconvIsDetectedWithNECAndIBMExtensions() throws {
        let bytes = try LedgerFixtures.iconv(japaneseLedger, to: "CP932")
        XCTAssertNil(String(validating: bytes, as: UTF8.self), "fixture must not be valid UTF-8")
        let path = try LedgerFixtures.write(bytes, named: "sjis.csv", in: directory)
        let ledger = try LedgerReader.read(path: path)
        XCTAssertEqual(ledger.encoding, .cp932)
        let asset = try XCTUnwrap(ledger.assets.first)
        XCTAssertEqual(asset.location, "本社①会議室")
        XCTAssertEqual(asset.user, "髙橋 一郎")
        XCTAssertEqual(asset.notes, "㈱山﨑商会リース ｶﾅ")
        XCTAssertEqual(asset.ipAddress?.description, "192.168.10.21")
    }

    /// Byte values from Microsoft's CP932 table, independent of any converter on the machine:
    /// ① 0x8740 and ㈱ 0x878A (NEC row 13), 髙 0xFBFC and 﨑 0xFAB1 (IBM extensions), ｱ 0xB1.
    func testCP932ExtensionBytesFromTheCodeTable() throws {
        let bytes: [UInt8] = Array("node_name,notes\nx,".utf8) + [0x87, 0x40, 0x87, 0x8A, 0xFB, 0xFC, 0xFA, 0xB1, 0xB1]
            + Array("\n".utf8)
        let (text, encoding) = try LedgerTextDecoder.decode(bytes, forced: nil, path: "t.csv")
        XCTAssertEqual(encoding, .cp932)
        XCTAssertEqual(text, "node_name,notes\nx,①㈱髙﨑ｱ\n")
    }

    func testShiftJISNameDecodesAsCP932() throws {
        let bytes = try LedgerFixtures.iconv("asset_id,node_name,ip_address\n①,髙,dhcp\n", to: "CP932")
        let path = try LedgerFixtures.write(bytes, named: "forced.csv", in: directory)
        let ledger = try LedgerReader.read(path: path, encoding: LedgerEncoding(name: "Shift_JIS"))
        XCTAssertEqual(ledger.encoding, .cp932)
        XCTAssertEqual(ledger.assets.first?.nodeName, "髙")
    }

    func testEncodingNames() {
        XCTAssertEqual(LedgerEncoding(name: "UTF-8"), .utf8)
        XCTAssertEqual(LedgerEncoding(name: "utf8"), .utf8)
        XCTAssertEqual(LedgerEncoding(name: "utf-8-bom"), .utf8BOM)
        XCTAssertEqual(LedgerEncoding(name: "utf-8-sig"), .utf8BOM)
        XCTAssertEqual(LedgerEncoding(name: "cp932"), .cp932)
        XCTAssertEqual(LedgerEncoding(name: "Windows-31J"), .cp932)
        XCTAssertEqual(LedgerEncoding(name: "shift_jis"), .cp932)
        XCTAssertEqual(LedgerEncoding(name: "SJIS"), .cp932)
        XCTAssertNil(LedgerEncoding(name: "euc-jp"))
    }

    func testForcedUTF8OnCP932BytesIsALocatedError() throws {
        // Line 2 starts with "PC-1," then 髙 (0xFB 0xFC): the first invalid byte is at 2:6.
        let bytes = Array("asset_id,node_name\nPC-1,".utf8) + [0xFB, 0xFC] + Array("\n".utf8)
        XCTAssertThrowsError(try LedgerTextDecoder.decode(bytes, forced: .utf8, path: "f.csv")) { error in
            guard let error = error as? LedgerError else { return XCTFail("wrong error type") }
            XCTAssertEqual(error.description,
                           "f.csv:2:6: error: invalid UTF-8 byte sequence 0xFB 0xFC; if the file came from Excel's "
                            + "plain \"CSV\" format, use --encoding cp932")
        }
    }

    func testUndecodableInEitherEncodingNamesTheFurthestPosition() throws {
        // Valid CP932 on line 1 (it is not UTF-8 from its third byte), then 0x85 0x40,
        // which CP932 leaves unassigned, at line 2 column 3.
        let bytes: [UInt8] = [0x82, 0xA0, 0x2C, 0x41, 0x0A, 0x41, 0x2C, 0x85, 0x40, 0x0A]
        XCTAssertThrowsError(try LedgerTextDecoder.decode(bytes, forced: nil, path: "x.csv")) { error in
            guard let error = error as? LedgerError else { return XCTFail("wrong error type") }
            XCTAssertEqual(error.kind, .encoding)
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.column, 3)
            XCTAssertTrue(error.message.hasPrefix("invalid CP932 (Shift_JIS) byte sequence 0x85 0x40"), error.message)
            XCTAssertTrue(error.message.contains("nor is the file UTF-8"), error.message)
        }
    }

    func testMostlyUTF8FileWithOneBadByteIsReportedAsUTF8() {
        // à is C3 A0 in UTF-8; CP932 stops at A0 (unassigned), earlier than UTF-8 stops at FF.
        let bytes: [UInt8] = Array("a,à\nb,c".utf8) + [0xFF]
        XCTAssertThrowsError(try LedgerTextDecoder.decode(bytes, forced: nil, path: "m.csv")) { error in
            XCTAssertEqual((error as? LedgerError)?.description,
                           "m.csv:2:4: error: invalid UTF-8 byte sequence 0xFF (nor is the file CP932/Shift_JIS)")
        }
    }

    func testTruncatedCP932CharacterAtEndOfFile() {
        let bytes: [UInt8] = Array("a,b\nc,".utf8) + [0x82]
        XCTAssertThrowsError(try LedgerTextDecoder.decode(bytes, forced: .cp932, path: "t.csv")) { error in
            guard let error = error as? LedgerError else { return XCTFail("wrong error type") }
            XCTAssertEqual(error.description, "t.csv:2:3: error: incomplete CP932 (Shift_JIS) character 0x82 at the end of the file")
        }
    }

    func testUTF16IsRejectedWithAdvice() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00]
        XCTAssertThrowsError(try LedgerTextDecoder.decode(bytes, forced: nil, path: "u.csv")) { error in
            guard let error = error as? LedgerError else { return XCTFail("wrong error type") }
            XCTAssertEqual(error.kind, .encoding)
            XCTAssertTrue(error.message.contains("UTF-16"))
            XCTAssertNil(error.line)
        }
    }

    func testNULBytesAreRejected() {
        let bytes: [UInt8] = Array("asset_id\nab".utf8) + [0x00, 0x63]
        XCTAssertThrowsError(try LedgerTextDecoder.decode(bytes, forced: nil, path: "n.csv")) { error in
            guard let error = error as? LedgerError else { return XCTFail("wrong error type") }
            XCTAssertEqual(error.line, 2)
            XCTAssertEqual(error.column, 3)
            XCTAssertTrue(error.message.contains("NUL byte"))
        }
    }

    func testBOMWithForcedCP932IsRefused() {
        let bytes = LedgerTextDecoder.utf8BOM + Array("a,b\n".utf8)
        XCTAssertThrowsError(try LedgerTextDecoder.decode(bytes, forced: .cp932, path: "b.csv")) { error in
            XCTAssertTrue((error as? LedgerError)?.message.contains("byte-order mark") ?? false)
        }
    }

    func testMissingFileAndDirectoryAreUnreadable() throws {
        let missing = directory.appendingPathComponent("nope.csv").path
        XCTAssertThrowsError(try LedgerReader.read(path: missing)) { error in
            XCTAssertEqual((error as? LedgerError)?.description,
                           "\(missing): error: cannot open the ledger: No such file or directory")
        }
        XCTAssertThrowsError(try LedgerReader.read(path: directory.path)) { error in
            XCTAssertEqual((error as? LedgerError)?.kind, .unreadable)
            XCTAssertTrue((error as? LedgerError)?.message.contains("directory") ?? false)
        }
    }

    func testEmptyFileIsAnError() throws {
        let path = try LedgerFixtures.write([], named: "empty.csv", in: directory)
        XCTAssertThrowsError(try LedgerReader.read(path: path)) { error in
            XCTAssertTrue((error as? LedgerError)?.message.contains("empty") ?? false)
        }
    }
}
