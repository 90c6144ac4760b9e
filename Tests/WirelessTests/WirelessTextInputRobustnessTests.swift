import Foundation
import Snapshot
import Wireless
import XCTest

/// The text readers (iw scan, nmcli, OpenWrt UCI, hostapd MAC lists, hostapd.conf) on every prefix of
/// their fixtures and on seeded random mutations: each input is either read or refused with an error
/// naming a line; nothing crashes, nothing traps.
final class WirelessTextInputRobustnessTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    struct LCG { var s: UInt64; mutating func next() -> Int { s = s &* 6364136223846793005 &+ 1442695040888963407; return Int(s >> 33) } }

    func inputs(_ name: String) throws -> [[UInt8]] {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: "\(Self.fixtures)/\(name)")))
        var out = stride(from: 0, to: bytes.count, by: 7).map { Array(bytes.prefix($0)) }
        var rng = LCG(s: 42)
        let alphabet = Array("\\:'\"#\t \n\r-x0*()=|".utf8) + [0x00, 0xFF, 0xC3]
        for _ in 0..<300 {
            var m = bytes
            for _ in 0..<(1 + rng.next() % 8) where !m.isEmpty {
                let at = rng.next() % m.count
                switch rng.next() % 3 {
                case 0: m[at] = alphabet[rng.next() % alphabet.count]
                case 1: m.remove(at: at)
                default: m.insert(alphabet[rng.next() % alphabet.count], at: at)
                }
            }
            out.append(m)
        }
        return out
    }

    func testScansNeverCrash() throws {
        let t = Timestamp(seconds: 0)
        for (name, format) in [("iw-scan.txt", WirelessScan.Format.iw), ("nmcli.txt", .nmcli)] {
            var read = 0, refused = 0
            for input in try inputs(name) {
                do { _ = try WirelessScan.parse(input, format: format, file: "f", source: 0, at: t); read += 1 } catch let e as WirelessScan.ParseError {
                    XCTAssertGreaterThan(e.line, 0); refused += 1
                }
            }
            XCTAssertGreaterThan(read, 0, name)
            XCTAssertEqual(read + refused, try inputs(name).count, name)
        }
    }

    func testConfigurationsNeverCrash() throws {
        for input in try inputs("openwrt-wireless") {
            do { _ = try OpenWrtWireless.parse(input, file: "f") } catch let e as OpenWrtWireless.ParseError { XCTAssertGreaterThan(e.line, 0) }
            _ = HostapdConfig.parse(input, file: "f")
            _ = try? HostapdConfig.parseMACList(input)
        }
    }
}
