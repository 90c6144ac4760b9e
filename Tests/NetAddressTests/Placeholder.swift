import XCTest
final class NetAddressTestsPlaceholder: XCTestCase { func testNothing() {} }
