import XCTest
@testable import Ledger

final class MyNumberTests: XCTestCase {
    private func digits(_ text: String) -> [Int] { text.compactMap { $0.wholeNumberValue } }

    /// Check digits worked by hand with the formula of 番号法施行令 第8条.
    func testCheckDigit() {
        XCTAssertEqual(MyNumber.checkDigit(digits("12345678901")[...]), 8)  // Σ = 212, 212 mod 11 = 3, 11 − 3
        XCTAssertEqual(MyNumber.checkDigit(digits("00000000000")[...]), 0)  // remainder 0 → 0
        XCTAssertEqual(MyNumber.checkDigit(digits("00000000005")[...]), 1)  // Σ = 5·2 = 10 → 11 − 10
        XCTAssertEqual(MyNumber.checkDigit(digits("00000000050")[...]), 7)  // Σ = 5·3 = 15, 15 mod 11 = 4 → 11 − 4
        XCTAssertEqual(MyNumber.checkDigit(digits("50000000000")[...]), 3)  // P11 weight 6: Σ = 30, 30 mod 11 = 8
    }

    func testValidity() {
        XCTAssertTrue(MyNumber.isValid(digits("123456789018")))
        XCTAssertFalse(MyNumber.isValid(digits("123456789012")))
        XCTAssertFalse(MyNumber.isValid(digits("12345678901")))
        XCTAssertFalse(MyNumber.isValid(digits("1234567890180")))
    }

    func testMatchesFindOnlyPlausibleForms() {
        XCTAssertEqual(MyNumber.matches(in: "123456789018"), [0])
        XCTAssertEqual(MyNumber.matches(in: "番号:1234-5678-9018です"), [3])
        XCTAssertEqual(MyNumber.matches(in: "1234 5678 9018"), [0])
        XCTAssertEqual(MyNumber.matches(in: "１２３４５６７８９０１８"), [0])
        XCTAssertEqual(MyNumber.matches(in: "1234ー5678ー9018"), [0])
        XCTAssertEqual(MyNumber.matches(in: "a 123456789018 b 000000000000"), [2, 17])
        XCTAssertEqual(MyNumber.matches(in: "123456789012"), [])  // wrong check digit
        XCTAssertEqual(MyNumber.matches(in: "0123456789018"), [])  // 13 digits (corporate numbers are 13)
        XCTAssertEqual(MyNumber.matches(in: "12345678-9018"), [])  // not 4-4-4
        XCTAssertEqual(MyNumber.matches(in: "1234--5678-9018"), [])
        XCTAssertEqual(MyNumber.matches(in: "9999-1234-5678-9018"), [])  // part of a longer grouping
        XCTAssertEqual(MyNumber.matches(in: "03-1234-5678"), [])
    }
}
