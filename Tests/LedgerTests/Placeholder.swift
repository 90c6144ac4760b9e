import XCTest
final class LedgerTestsPlaceholder: XCTestCase { func testNothing() {} }
