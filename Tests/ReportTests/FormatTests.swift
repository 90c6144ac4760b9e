import Digest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Policy
@testable import Report
import XCTest

/// Properties of each format that golden files alone would not explain: structure, escaping, mapping.
final class FormatTests: XCTestCase {
    private let report = ReportFixture.report()

    // MARK: text

    func testTextNeverPassesControlCharactersToTheTerminal() throws {
        let plain = try TextReporter.generateReport(report, options: ReportOptions())
        XCTAssertFalse(plain.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\u{202E}" })
        XCTAssertTrue(plain.contains("\\u{1B}[2J"))
        XCTAssertTrue(plain.contains("\\u{202E}iPhone-of-tanaka\\u{7}"))

        let coloured = try TextReporter.generateReport(report, options: ReportOptions(color: true))
        XCTAssertTrue(coloured.contains("\u{1B}[1;97;41mCRITICAL"))
        // The only escape sequences are the reporter's own SGR codes.
        let sequences = coloured.components(separatedBy: "\u{1B}").dropFirst()
        XCTAssertTrue(sequences.allSatisfy { $0.range(of: #"^\[[0-9;]*m"#, options: .regularExpression) != nil })
    }

    func testTextGroupsBySeverityMostSevereFirst() throws {
        let text = try TextReporter.generateReport(report, options: ReportOptions())
        let headings = ["CRITICAL (1)", "HIGH (2)", "MEDIUM (1)", "LOW (1)", "INFO (1)", "SUPPRESSED (2)"]
        let positions = try headings.map { try XCTUnwrap(text.range(of: "\n" + $0 + "\n")?.lowerBound, $0) }
        XCTAssertEqual(positions, positions.sorted())
        XCTAssertTrue(text.contains("  HIGH ledger.unregistered_device 00:1a:2b:3c:4d:5e 192.168.10.57 vlan 10: Device"))
        XCTAssertTrue(text.hasSuffix("Summary: 6 findings (1 critical, 2 high, 1 medium, 1 low, 1 info); 2 suppressed; 4 devices. FAIL (--fail-on high)\n"))
    }

    // MARK: SARIF

    private func sarif(_ language: Language = .en) throws -> [String: Any] {
        let text = try SARIFReporter.generateReport(report, options: ReportOptions(language: language))
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testSARIFResultsPointAtEvidenceFilesWithLinesAndDevices() throws {
        let log = try sarif()
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, 8)
        XCTAssertEqual(rules.count, 9, "every evaluated rule is described, with or without results")

        for result in results {
            let ruleID = try XCTUnwrap(result["ruleId"] as? String)
            let index = try XCTUnwrap(result["ruleIndex"] as? Int)
            XCTAssertEqual(rules[index]["id"] as? String, ruleID)
            let locations = try XCTUnwrap(result["locations"] as? [[String: Any]])
            XCTAssertEqual(locations.count, 1)
            let physical = try XCTUnwrap(locations[0]["physicalLocation"] as? [String: Any])
            let uri = try XCTUnwrap((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            XCTAssertFalse(uri.isEmpty)
            XCTAssertNotNil((locations[0]["logicalLocations"] as? [[String: Any]])?.first?["name"])
            XCTAssertNotNil((result["partialFingerprints"] as? [String: String])?[SARIFReporter.fingerprintKey])
        }

        func result(_ ruleID: String) throws -> [String: Any] {
            try XCTUnwrap(results.first { $0["ruleId"] as? String == ruleID })
        }
        func primary(_ result: [String: Any]) -> [String: Any]? {
            ((result["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
        }
        // A ledger line becomes the region; the capture evidence before it stays the primary location.
        let mismatch = try result("ledger.ip_mismatch")
        XCTAssertEqual((primary(mismatch)?["artifactLocation"] as? [String: Any])?["uri"] as? String, "captures/office-2026-11-21.pcapng")
        XCTAssertEqual((primary(mismatch)?["properties"] as? [String: Any])?["packet"] as? Int, 88)
        let related = try XCTUnwrap(mismatch["relatedLocations"] as? [[String: Any]])
        let ledgerLocation = try XCTUnwrap(related.first?["physicalLocation"] as? [String: Any])
        XCTAssertEqual((ledgerLocation["artifactLocation"] as? [String: Any])?["uri"] as? String, "ledger/it_equipment_ledger.csv")
        XCTAssertEqual((ledgerLocation["region"] as? [String: Any])?["startLine"] as? Int, 17)

        let notSeen = try result("ledger.device_not_seen")
        XCTAssertEqual((primary(notSeen)?["region"] as? [String: Any])?["startLine"] as? Int, 23)

        // A probe is not a file: the location falls back to the first input, with no invented line.
        let expired = try result("tls.cert_expired")
        XCTAssertEqual((primary(expired)?["artifactLocation"] as? [String: Any])?["uri"] as? String, "captures/office-2026-11-21.pcapng")
        XCTAssertNil(primary(expired)?["region"])
        XCTAssertEqual(((expired["locations"] as? [[String: Any]])?.first?["logicalLocations"] as? [[String: Any]])?.first?["name"] as? String,
                       "192.168.10.20:443")

        XCTAssertEqual(try result("tls.cert_expired")["level"] as? String, "error")
        XCTAssertEqual(try result("ledger.unregistered_device")["level"] as? String, "error")
        XCTAssertEqual(try result("ledger.ip_mismatch")["level"] as? String, "warning")
        XCTAssertEqual(try result("ledger.device_not_seen")["level"] as? String, "note")
        XCTAssertEqual(try result("ledger.randomized_mac")["level"] as? String, "note")

        let suppressed = try XCTUnwrap(try result("services.cleartext_management")["suppressions"] as? [[String: Any]])
        XCTAssertEqual(suppressed.first?["kind"] as? String, "external")
        XCTAssertEqual(suppressed.first?["status"] as? String, "accepted")
        XCTAssertNil(try result("tls.cert_expired")["suppressions"])
        XCTAssertNotNil(try result("lan.ip_conflict")["suppressions"])
    }

    func testSARIFSpeaksTheChosenLanguage() throws {
        let run = try XCTUnwrap((try sarif(.ja)["runs"] as? [[String: Any]])?.first)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        let expired = try XCTUnwrap(results.first { $0["ruleId"] as? String == "tls.cert_expired" })
        XCTAssertEqual((expired["message"] as? [String: Any])?["text"] as? String, "証明書の有効期限が 2026-10-31 に切れています")
    }

    func testEvidenceLocatorTellsFilesFromEndpoints() {
        let locator = EvidenceLocator(report: report)
        XCTAssertEqual(locator.fileReference("ledger/it_equipment_ledger.csv:17")?.0, "ledger/it_equipment_ledger.csv")
        XCTAssertEqual(locator.fileReference("ledger/it_equipment_ledger.csv:17")?.1, 17)
        XCTAssertEqual(locator.fileReference("profiles/jpma-000.yaml")?.1, Optional<Int>.none)
        XCTAssertNotNil(locator.fileReference("exports/hostapd.conf:12"))
        XCTAssertNil(locator.fileReference("192.168.10.20:443"))
        XCTAssertNil(locator.fileReference("mail.example.com:587"))
        XCTAssertNil(locator.fileReference("tls probe 192.168.10.20:443"))
        XCTAssertNil(locator.fileReference("-"))
        XCTAssertEqual(EvidenceLocator.uri(forPath: "./台帳/機器 一覧.csv"), "%E5%8F%B0%E5%B8%B3/%E6%A9%9F%E5%99%A8%20%E4%B8%80%E8%A6%A7.csv")
        XCTAssertEqual(EvidenceLocator.uri(forPath: "/srv/captures/a#b.pcap"), "file:///srv/captures/a%23b.pcap")
    }

    // MARK: JUnit

    func testJUnitIsWellFormedXMLWithASuitePerFamily() throws {
        let xml = try JUnitReporter.generateReport(report, options: ReportOptions(language: .ja))
        let document = try XMLDocument(data: Data(xml.utf8))
        let root = try XCTUnwrap(document.rootElement())
        XCTAssertEqual(root.name, "testsuites")
        let suites = root.elements(forName: "testsuite")
        XCTAssertEqual(suites.compactMap { $0.attribute(forName: "name")?.stringValue }, ["lan", "ledger", "services", "tls", "wireless"])
        XCTAssertEqual(root.attribute(forName: "tests")?.stringValue, "9")
        XCTAssertEqual(root.attribute(forName: "failures")?.stringValue, "6")
        XCTAssertEqual(root.attribute(forName: "skipped")?.stringValue, "2")

        let ledger = try XCTUnwrap(suites.first { $0.attribute(forName: "name")?.stringValue == "ledger" })
        XCTAssertEqual(ledger.elements(forName: "testcase").count, 4)
        let lan = try XCTUnwrap(suites.first { $0.attribute(forName: "name")?.stringValue == "lan" })
        let lanCases = lan.elements(forName: "testcase")
        XCTAssertEqual(lanCases.count, 2, "the suppressed conflict and the clean rogue-DHCP rule")
        XCTAssertEqual(lanCases.first?.elements(forName: "skipped").count, 1)
        XCTAssertEqual(lanCases.last?.attribute(forName: "name")?.stringValue, "lan.rogue_dhcp_server")
        XCTAssertEqual(lanCases.last?.children?.count ?? 0, 0)

        // The hostile hostname is text in the failure, and the BEL control character is gone.
        let unregistered = try XCTUnwrap(ledger.elements(forName: "testcase").first {
            $0.attribute(forName: "classname")?.stringValue == "netaudit.ledger.unregistered_device"
        })
        let failure = try XCTUnwrap(unregistered.elements(forName: "failure").first)
        XCTAssertEqual(failure.attribute(forName: "type")?.stringValue, "high")
        XCTAssertTrue(failure.stringValue?.contains(ReportFixture.hostileHostname) ?? false)
        XCTAssertTrue(failure.attribute(forName: "message")?.stringValue?.contains("IT 機材管理台帳") ?? false)
        XCTAssertFalse(xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    func testXMLEscapingDropsCharactersXMLCannotHold() {
        XCTAssertEqual(Escape.xml("a<b>&\"'\u{0}\u{7}\u{FFFE}c"), "a&lt;b&gt;&amp;\"'c")
        XCTAssertEqual(Escape.xml("\"a'\n\tb\r", attribute: true), "&quot;a&apos;&#10;&#9;b&#13;")
    }

    // MARK: CSV

    func testCSVQuotesPerRFC4180AndDefusesFormulas() throws {
        XCTAssertEqual(Escape.csv("plain"), "plain")
        XCTAssertEqual(Escape.csv("a,b"), "\"a,b\"")
        XCTAssertEqual(Escape.csv("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(Escape.csv("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(Escape.csv("=1+2"), "'=1+2")
        XCTAssertEqual(Escape.csv("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(Escape.csv("-2,3"), "\"'-2,3\"")
        XCTAssertEqual(Escape.csv("bell\u{7}"), "bell")

        let csv = try CSVReporter.generateReport(report, options: ReportOptions(language: .ja))
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}severity,rule_id,subject,mac,ip,message,citations,fingerprint,suppressed\r\n"))
        XCTAssertTrue(csv.contains("'@iPhone-of-tanaka"))
    }

    /// Python's csv module is an independent reader: the rows it sees are the findings, field for field.
    func testCSVReadsBackWithPython() throws {
        guard let python = ProgramRun.find(["python3"]) else { throw XCTSkip("python3 is not installed") }
        let directory = try makeScratchDirectory("csv")
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.csv")
        try Data(try CSVReporter.generateReport(report, options: ReportOptions(language: .en)).utf8).write(to: file)
        let script = "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))))"
        let run = try ProgramRun.run(python, ["-c", script, file.path], timeout: 60)
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String]])
        XCTAssertEqual(rows.first, CSVReporter.columns)
        XCTAssertEqual(rows.count, 1 + report.allFindings.count)
        for (row, finding) in zip(rows.dropFirst(), report.allFindings) {
            XCTAssertEqual(row.count, CSVReporter.columns.count)
            XCTAssertEqual(row[1], finding.ruleID)
            XCTAssertEqual(row[7], finding.fingerprint)
            XCTAssertEqual(row[8], finding.suppression == nil ? "false" : "true")
        }
        let unregistered = try XCTUnwrap(rows.first { $0[1] == "ledger.unregistered_device" })
        XCTAssertEqual(unregistered[5], "Device \(ReportFixture.hostileHostname) (00:1a:2b:3c:4d:5e) is not in the equipment ledger")
        XCTAssertEqual(unregistered[6], "000_527d28aceaa6f465.txt §7.22.2")
    }

    // MARK: HTML

    func testHTMLEscapesHostileDataAndLoadsNothingRemote() throws {
        let html = try HTMLReporter.generateReport(report, options: ReportOptions(language: .en))
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertFalse(html.contains("<b>x</b>"))
        XCTAssertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"))
        // Exactly two script elements: the inert JSON data and the page's own script.
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 2)
        XCTAssertEqual(html.components(separatedBy: "</script>").count - 1, 2)
        XCTAssertFalse(html.lowercased().contains("http:"))
        XCTAssertFalse(html.lowercased().contains("https:"))
        XCTAssertFalse(html.contains("@import"))
        XCTAssertFalse(html.contains("url("))
        XCTAssertFalse(html.unicodeScalars.contains { $0 == "\u{7}" })
        // Line and paragraph separators are text in HTML, but never raw inside a script element.
        for script in html.components(separatedBy: "<script").dropFirst() {
            let body = script.components(separatedBy: "</script>")[0]
            XCTAssertFalse(body.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
        }
        XCTAssertTrue(html.contains("Epigram\\u2028Networks"))
    }

    func testHTMLEmbedsTheReportAsEquivalentJSON() throws {
        let html = try HTMLReporter.generateReport(report, options: ReportOptions())
        let start = try XCTUnwrap(html.range(of: "<script type=\"application/json\" id=\"netaudit-report\">"))
        let end = try XCTUnwrap(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let embedded = String(html[start.upperBound..<end.lowerBound])
        XCTAssertFalse(embedded.contains("<"))
        let decoded = try JSONDecoder().decode(AuditReport.self, from: Data(embedded.utf8))
        XCTAssertEqual(decoded, HTMLReporter.withoutRemoteAddresses(report))
        XCTAssertEqual(decoded.inventory.devices.first?.hostnames.first?.name, ReportFixture.hostileHostname)
        XCTAssertEqual(decoded.inventory.devices.last?.vendor, "Epigram\u{2028}Networks")
    }

    func testHTMLContentSecurityPolicyPinsTheInlineAssets() throws {
        let html = try HTMLReporter.generateReport(report, options: ReportOptions())
        XCTAssertTrue(html.contains("<style>" + HTMLAssets.stylesheet + "</style>"))
        XCTAssertTrue(html.contains("<script>" + HTMLAssets.script + "</script>"))
        XCTAssertTrue(html.contains("default-src &#39;none&#39;; style-src &#39;sha256-"))
        XCTAssertTrue(html.contains(Escape.html(CSPHash.source(for: HTMLAssets.script))))
    }

    func testHTMLRendersBothLanguagesAndStartsInTheChosenOne() throws {
        let ja = try HTMLReporter.generateReport(report, options: ReportOptions(language: .ja))
        XCTAssertTrue(ja.contains("<html lang=\"ja\" data-lang=\"ja\""))
        XCTAssertTrue(ja.contains("<span class=\"l-en\" lang=\"en\">Findings</span><span class=\"l-ja\" lang=\"ja\">指摘事項</span>"))
        XCTAssertTrue(ja.contains("証明書の有効期限が 2026-10-31 に切れています"))
        XCTAssertTrue(ja.contains("Certificate expired on 2026-10-31"))
        let en = try HTMLReporter.generateReport(report, options: ReportOptions(language: .en))
        XCTAssertTrue(en.contains("<html lang=\"en\" data-lang=\"en\""))
    }

    func testSHA256MatchesKnownVectors() {
        func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
        XCTAssertEqual(hex(SHA256.hash(Array("".utf8))), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(hex(SHA256.hash(Array("abc".utf8))), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(CSPHash.base64(Array("any carnal pleas".utf8)), "YW55IGNhcm5hbCBwbGVhcw==")
        XCTAssertEqual(CSPHash.base64(Array("any carnal pleasu".utf8)), "YW55IGNhcm5hbCBwbGVhc3U=")
        XCTAssertEqual(CSPHash.base64(Array("any carnal pleasur".utf8)), "YW55IGNhcm5hbCBwbGVhc3Vy")
    }

    func testHTMLEscaping() {
        XCTAssertEqual(Escape.html("<a href=\"x\">'&'</a>\u{0}\u{1B}"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        XCTAssertEqual(Escape.html("evil\u{202E}gnp.exe"), "evil\\u{202E}gnp.exe")
        XCTAssertEqual(Escape.jsonForScriptElement("\"</script><!--&\u{2028}\u{2029}\""), "\"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029\"")
    }
}
