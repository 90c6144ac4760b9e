import Policy
import Report
import XCTest

/// Every reporter's whole output for the fixture report, compared byte for byte with a golden file.
final class GoldenFileTests: XCTestCase {
    private let report = ReportFixture.report()

    func testTextEnglish() throws {
        try Golden.assertMatches(try TextReporter.generateReport(report, options: ReportOptions(language: .en)), file: "report-en.txt")
    }

    func testTextJapanese() throws {
        try Golden.assertMatches(try TextReporter.generateReport(report, options: ReportOptions(language: .ja)), file: "report-ja.txt")
    }

    func testTextColour() throws {
        try Golden.assertMatches(try TextReporter.generateReport(report, options: ReportOptions(language: .en, color: true)),
                                 file: "report-en-color.txt")
    }

    func testJSON() throws {
        try Golden.assertMatches(try JSONReporter.generateReport(report, options: ReportOptions()), file: "report.json")
    }

    func testSARIF() throws {
        try Golden.assertMatches(try SARIFReporter.generateReport(report, options: ReportOptions(language: .en)), file: "report-en.sarif")
    }

    func testJUnit() throws {
        try Golden.assertMatches(try JUnitReporter.generateReport(report, options: ReportOptions(language: .ja)), file: "report-ja.junit.xml")
    }

    func testHTML() throws {
        try Golden.assertMatches(try HTMLReporter.generateReport(report, options: ReportOptions(language: .ja)), file: "report-ja.html")
    }

    func testCSV() throws {
        try Golden.assertMatches(try CSVReporter.generateReport(report, options: ReportOptions(language: .ja)), file: "report-ja.csv")
    }

    /// The order findings are given in must not change any output.
    func testOutputIgnoresInputOrder() throws {
        let shuffled = ReportFixture.report(findings: ReportFixture.findings.reversed())
        for reporter in Reporters.all {
            for language in Language.allCases {
                let options = ReportOptions(language: language)
                XCTAssertEqual(try reporter.generateReport(shuffled, options: options), try reporter.generateReport(report, options: options),
                               "\(reporter.identifier) depends on the order of the findings")
            }
        }
    }
}
