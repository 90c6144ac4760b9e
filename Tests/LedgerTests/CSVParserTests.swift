import XCTest
@testable import Ledger

final class CSVParserTests: XCTestCase {
    private func records(_ text: String) throws -> [CSVRecord] {
        try CSVParser.parse(text, path: "t.csv").records
    }

    private func positions(_ record: CSVRecord) -> [String] {
        record.fields.map { "\($0.line):\($0.column)=\($0.value)" }
    }

    func testPlainFieldsHaveLineAndColumn() throws {
        let result = try records("a,bb,ccc\n1,22,333\n")
        XCTAssertEqual(result.count, 2)
        XCTAssertEqual(try positions(result.at(0)), ["1:1=a", "1:3=bb", "1:6=ccc"])
        XCTAssertEqual(try positions(result.at(1)), ["2:1=1", "2:3=22", "2:6=333"])
    }

    func testCRLFAndLoneCRAreLineBreaks() throws {
        let result = try records("a,b\r\nc,d\re,f")
        XCTAssertEqual(result.map(positions), [["1:1=a", "1:3=b"], ["2:1=c", "2:3=d"], ["3:1=e", "3:3=f"]])
    }

    func testQuotedFieldWithCommaAndDoubledQuote() throws {
        let result = try records("x,\"a,\"\"b\"\"\",y\n")
        XCTAssertEqual(try positions(result.at(0)), ["1:1=x", "1:3=a,\"b\"", "1:13=y"])
        XCTAssertTrue(try result.at(0).fields.at(1).isQuoted)
    }

    func testQuotedFieldSpanningLinesKeepsLaterLineNumbers() throws {
        let text = "id,notes,end\n1,\"first\r\nsecond\nthird\",z\n2,plain,w\n"
        let result = try records(text)
        XCTAssertEqual(result.count, 3)
        XCTAssertEqual(try result.at(1).fields.at(1).value, "first\r\nsecond\nthird")
        XCTAssertEqual(try result.at(1).line, 2)
        XCTAssertEqual(try result.at(1).endLine, 4)
        // The field after the multi-line one is on line 4, after `third",`.
        XCTAssertEqual(try positions(result.at(1)).last, "4:8=z")
        XCTAssertEqual(try positions(result.at(2)), ["5:1=2", "5:3=plain", "5:9=w"])
    }

    func testPositionInsideQuotedMultilineField() throws {
        let field = try records("a,\"x\"\"y\nab cd\"\n").at(0).fields.at(1)
        // Offsets: x=0 "=1 y=2 \n=3 a=4 b=5 space=6 c=7
        XCTAssertEqual(field.position(ofScalarOffset: 0).column, 4)
        XCTAssertTrue(field.position(ofScalarOffset: 2) == (1, 7))  // y after the doubled quote
        XCTAssertTrue(field.position(ofScalarOffset: 7) == (2, 4))  // c on the next line
    }

    func testColumnsCountCharactersNotBytes() throws {
        let result = try records("資産番号,ノード名,IPアドレス\n")
        XCTAssertEqual(try positions(result.at(0)), ["1:1=資産番号", "1:6=ノード名", "1:11=IPアドレス"])
    }

    func testEmptyFieldsAndTrailingComma() throws {
        let result = try records("a,,c,\n,,,\n")
        XCTAssertEqual(try result.at(0).fields.map(\.value), ["a", "", "c", ""])
        XCTAssertEqual(try result.at(0).fields.at(3).column, 6)
        XCTAssertTrue(try result.at(1).isBlank)
        XCTAssertFalse(try result.at(0).isBlank)
    }

    func testBlankLinesAndMissingFinalNewline() throws {
        let result = try records("\n\na,b\n\n\nc,d")
        XCTAssertEqual(result.map(positions), [["3:1=a", "3:3=b"], ["6:1=c", "6:3=d"]])
    }

    func testEmptyTextHasNoRecords() throws {
        XCTAssertEqual(try records(""), [])
        XCTAssertEqual(try records("\r\n\n"), [])
    }

    func testUnterminatedQuoteIsLocatedAtTheOpeningQuote() {
        expectReaderError("asset_id,node_name\nA-1,\"pc\nA-2,pc2\n", kind: .syntax, line: 2, column: 5,
                          containing: "never closed")
    }

    func testTextAfterClosingQuoteIsLocated() {
        expectReaderError("asset_id,node_name\nA-1,\"pc\"x,\n", kind: .syntax, line: 2, column: 9,
                          containing: "after the closing quote of the field that starts at 2:5")
    }

    func testSpaceAfterClosingQuoteIsNamedAsCodePoint() {
        expectReaderError("a,b\n\"x\" ,y\n", kind: .syntax, line: 2, column: 4, containing: "U+0020")
    }

    func testStrayQuoteInUnquotedFieldIsKeptWithWarning() throws {
        let document = try CSVParser.parse("model,size\nLCD,21.5\" wide\n", path: "t.csv")
        XCTAssertEqual(try document.records.at(1).fields.at(1).value, "21.5\" wide")
        XCTAssertEqual(document.warnings.map(\.description),
                       ["t.csv:2:9: warning: quote character inside an unquoted field is kept as text; to be "
                        + "unambiguous, quote the whole field and double the inner quote (\"\")"])
    }

    func testQuotedEmptyFieldAndQuoteAtEndOfFile() throws {
        let result = try records("\"\",\"a\"")
        XCTAssertEqual(try result.at(0).fields.map(\.value), ["", "a"])
        XCTAssertEqual(try result.at(0).fields.map(\.isQuoted), [true, true])
    }
}
