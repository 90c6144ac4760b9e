import XCTest
final class ProbesPlaceholderTests: XCTestCase { func testModuleLinks() {} }
