import XCTest
final class PacketsTestsPlaceholder: XCTestCase { func testNothing() {} }
