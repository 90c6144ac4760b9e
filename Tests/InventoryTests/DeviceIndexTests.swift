@testable import Inventory
import XCTest

final class DeviceIndexTests: XCTestCase {
    func testAgreesWithDictionaryAcrossGrowth() {
        var index = DeviceIndex(capacity: 2)
        var reference: [UInt64: Int] = [:]
        var rng = SystemRandomNumberGenerator()
        for i in 0..<5000 {
            let key = UInt64.random(in: 0..<(1 << 60), using: &rng) & ~UInt64(0xFF) | UInt64(i & 0xFF)
            index.insert(key, i)
            reference[key] = i
        }
        XCTAssertEqual(index.count, reference.count)
        for (k, v) in reference { XCTAssertEqual(index.find(k), v) }
        XCTAssertNil(index.find(1 << 61))
        index.insert(42, 1); index.insert(42, 2)
        XCTAssertEqual(index.find(42), 2)
    }
}
