import Capture
import Foundation
import Packets
import XCTest

final class PacketSourceTests: XCTestCase {
    var tmp: URL!
    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("netaudit-capture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    /// A classic little-endian pcap with microsecond timestamps.
    func pcap(linkType: UInt32, packets: [[UInt8]]) -> [UInt8] {
        var b: [UInt8] = []
        func u32(_ v: UInt32) { b += withUnsafeBytes(of: v.littleEndian, Array.init) }
        func u16(_ v: UInt16) { b += withUnsafeBytes(of: v.littleEndian, Array.init) }
        u32(0xa1b2c3d4); u16(2); u16(4); u32(0); u32(0); u32(65535); u32(linkType)
        for (i, p) in packets.enumerated() {
            u32(1_700_000_000); u32(UInt32(i)); u32(UInt32(p.count)); u32(UInt32(p.count)); b += p
        }
        return b
    }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let url = tmp.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    let frame: [UInt8] = [UInt8](repeating: 0xff, count: 6) + [0, 0x1b, 0x21, 1, 2, 3, 0x08, 0x06] + [UInt8](repeating: 0, count: 28)

    func testReadsAllPacketsWithNanosecondTimestamps() throws {
        let path = try write(pcap(linkType: 1, packets: [frame, frame, frame]), "ok.pcap")
        let source = try PacketSource.openFile(path)
        XCTAssertEqual(source.linkType, .ethernet)
        var stamps: [Int64] = []
        let outcome = source.read { h, data in stamps.append(h.timestamp); XCTAssertEqual(data.count, 42) }
        XCTAssertEqual(outcome, .completed)
        XCTAssertEqual(stamps, [1_700_000_000_000_000_000, 1_700_000_000_000_001_000, 1_700_000_000_000_002_000])
    }

    func testTruncatedFileDeliversWhatCameBeforeAndLocatesDamage() throws {
        var bytes = pcap(linkType: 1, packets: [frame, frame, frame])
        bytes.removeLast(10)
        let path = try write(bytes, "cut.pcap")
        let source = try PacketSource.openFile(path)
        var n = 0
        let outcome = source.read { _, _ in n += 1 }
        XCTAssertEqual(n, 2)
        guard case .damaged(let packet, let message) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(packet, 3)
        XCTAssertTrue(message.contains("truncated"), message)
    }

    func testUnsupportedLinkTypeIsNamed() throws {
        let path = try write(pcap(linkType: 147, packets: [frame]), "user0.pcap")
        XCTAssertThrowsError(try PacketSource.openFile(path)) { error in
            let e = error as? CaptureError
            XCTAssertEqual(e?.kind, .input)
            XCTAssertTrue(e?.message.contains("unsupported link type") ?? false, "\(error)")
            XCTAssertTrue(e?.message.contains("147") ?? false)
        }
    }

    func testGarbageAndMissingFilesAreInputErrors() throws {
        let path = try write([1, 2, 3, 4, 5, 6, 7, 8], "junk.pcap")
        XCTAssertThrowsError(try PacketSource.openFile(path)) { XCTAssertEqual(($0 as? CaptureError)?.kind, .input) }
        XCTAssertThrowsError(try PacketSource.openFile(tmp.appendingPathComponent("nope.pcap").path)) {
            XCTAssertTrue(($0 as? CaptureError)?.message.contains("No such file") ?? false, "\($0)")
        }
    }

    func testBadFilterCarriesLibpcapText() throws {
        XCTAssertNoThrow(try BPFCheck.compile("arp or udp port 67"))
        XCTAssertThrowsError(try BPFCheck.compile("udp prot 67")) { error in
            XCTAssertTrue("\(error)".contains("syntax error"), "\(error)")
        }
    }

    func testSessionContinuesAfterUnreadableFileAndHonoursCount() throws {
        let good = try write(pcap(linkType: 1, packets: [frame, frame, frame]), "good.pcap")
        let missing = tmp.appendingPathComponent("missing.pcap").path
        final class Counter: FrameObserver {
            var n = 0
            var sources: [Int] = []
            func beginSource(index: Int) { sources.append(index) }
            func observe(_ h: PacketHeader, _ f: UnsafeRawBufferPointer, linkType: LinkType) { n += 1 }
        }
        let c = Counter()
        var session = CaptureSession()
        let reports = session.readFiles([missing, good, good], observers: [c])
        XCTAssertNotNil(reports[0].openError)
        XCTAssertEqual(c.n, 6)
        XCTAssertEqual(c.sources, [1, 2])
        session.maxPackets = 4
        let c2 = Counter()
        _ = session.readFiles([good, good], observers: [c2])
        XCTAssertEqual(c2.n, 4)
    }
}
