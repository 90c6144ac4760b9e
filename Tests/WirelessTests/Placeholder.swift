import XCTest
final class WirelessPlaceholderTests: XCTestCase { func testModuleLinks() {} }
