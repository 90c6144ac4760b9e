import XCTest
@testable import Ledger

/// Hostile input must give diagnostics or a located `LedgerError`, never a crash.
final class RobustnessTests: XCTestCase {
    /// SplitMix64: deterministic, so a failure reproduces from its seed.
    private struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    }

    /// Pieces that exercise the parser's and validator's edges.
    private let pieces = [
        ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "　", "a", "資産管理番号", "asset_id", "node_name", "mac_addresses",
        "ip_address", "status", "wireless_authorized", "allowed_services", "approval_expiry", "00:1b:21:3a:4f:01",
        "ff:ff:ff:ff:ff:ff", "192.168.1.1", "192.168.1.0/24", "/33", "dhcp", "tcp/22", "tcp/99999", "ssh;", "1234-5678-9018",
        "１２３４", "2025/2/30", "2025-06-01", "○", "×", "廃棄", "(", "（", ")", "\u{FEFF}", "\u{0301}", "👨‍👩‍👧", "\t", ";",
    ]

    func testRandomTextNeverCrashes() {
        var generator = Generator(state: 0x5EED)
        let validator = LedgerValidator(today: XCTestCase.fixedToday)
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<Int(generator.next() % 60) { text += generator.pick(pieces) }
            do {
                let ledger = try LedgerReader.parse(text: text, path: "fuzz.csv")
                for diagnostic in validator.validate(ledger) {
                    XCTAssertGreaterThanOrEqual(diagnostic.line, 0)
                    XCTAssertFalse(diagnostic.message.isEmpty)
                }
            } catch {
                XCTAssertFalse(error.message.isEmpty)
            }
        }
    }

    func testRandomBytesNeverCrashTheDecoder() {
        var generator = Generator(state: 0xB17E5)
        for _ in 0..<400 {
            let count = Int(generator.next() % 40)
            var bytes: [UInt8] = []
            for _ in 0..<count { bytes.append(UInt8(truncatingIfNeeded: generator.next())) }
            for forced in [nil, LedgerEncoding.utf8, .cp932] {
                do {
                    let (text, _) = try LedgerTextDecoder.decode(bytes, forced: forced, path: "bytes.csv")
                    _ = try? LedgerReader.parse(text: text, path: "bytes.csv")
                } catch {
                    XCTAssertEqual(error.file, "bytes.csv")
                }
            }
        }
    }
}
