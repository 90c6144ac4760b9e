import XCTest
final class PolicyTestsPlaceholder: XCTestCase { func testNothing() {} }
