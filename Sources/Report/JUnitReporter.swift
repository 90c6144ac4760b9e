import Policy
import Snapshot

/// JUnit XML for CI test dashboards (GitLab, Jenkins, Azure): one testsuite per rule family, one
/// testcase per (rule, subject) with `<failure>` for active findings and `<skipped>` for suppressed ones,
/// plus one passing testcase for each evaluated rule that found nothing, so a clean audit reads as
/// passed tests rather than as no tests at all.
public enum JUnitReporter: Reporter {
    public static let identifier = "junit"
    public static let description = "JUnit XML: a testsuite per rule family, a testcase per rule and subject"
    public static let fileExtension = "xml"

    public static func generateReport(_ report: AuditReport, options: ReportOptions) throws -> String {
        let lang = options.language
        let suites = testSuites(report)
        let timestamp = junitTimestamp(report.generatedAt)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let totals = suites.reduce(into: (tests: 0, failures: 0, skipped: 0)) { totals, suite in
            totals.tests += suite.cases.count
            totals.failures += suite.failures
            totals.skipped += suite.skipped
        }
        xml += "<testsuites name=\"" + attr(report.generator.name + " audit " + report.profile.id) + "\" tests=\"\(totals.tests)\""
            + " failures=\"\(totals.failures)\" errors=\"0\" skipped=\"\(totals.skipped)\" time=\"0\" timestamp=\"\(timestamp)\">\n"
        for suite in suites {
            xml += "  <testsuite name=\"" + attr(suite.family) + "\" tests=\"\(suite.cases.count)\" failures=\"\(suite.failures)\""
                + " errors=\"0\" skipped=\"\(suite.skipped)\" time=\"0\" timestamp=\"\(timestamp)\">\n"
            xml += "    <properties>\n"
            xml += "      <property name=\"profile\" value=\"" + attr(report.profile.id) + "\"/>\n"
            xml += "      <property name=\"fail_on\" value=\"" + attr(report.failOn.rawValue) + "\"/>\n"
            xml += "    </properties>\n"
            for testCase in suite.cases { xml += render(testCase, lang) }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    /// A testcase: a rule applied to one subject, or a rule that produced nothing (`subject` nil).
    private struct TestCase {
        var ruleID: String
        var subject: String?
        var findings: [Finding]
        var active: [Finding] { findings.filter { $0.suppression == nil } }
    }

    private struct TestSuite {
        var family: String
        var cases: [TestCase]
        var failures: Int { cases.filter { !$0.active.isEmpty }.count }
        var skipped: Int { cases.filter { !$0.findings.isEmpty && $0.active.isEmpty }.count }
    }

    /// Suites sorted by family; inside a suite, testcases sorted by rule id then subject.
    private static func testSuites(_ report: AuditReport) -> [TestSuite] {
        var cases: [String: TestCase] = [:]
        var order: [String] = []
        for finding in report.allFindings {
            let key = finding.ruleID + "\u{0}" + finding.subject.label
            if cases[key] == nil {
                cases[key] = TestCase(ruleID: finding.ruleID, subject: finding.subject.label, findings: [])
                order.append(key)
            }
            cases[key]?.findings.append(finding)
        }
        let rulesWithFindings = Set(report.allFindings.map(\.ruleID))
        for rule in report.rules where !rulesWithFindings.contains(rule.id) {
            cases[rule.id] = TestCase(ruleID: rule.id, subject: nil, findings: [])
            order.append(rule.id)
        }
        var byFamily: [String: [TestCase]] = [:]
        for key in order {
            guard let testCase = cases[key] else { continue }
            byFamily[family(of: testCase.ruleID), default: []].append(testCase)
        }
        return byFamily.keys.sorted(by: precedes).map { family in
            TestSuite(family: family, cases: byFamily[family, default: []].sorted { a, b in
                a.ruleID != b.ruleID ? precedes(a.ruleID, b.ruleID) : precedes(a.subject ?? "", b.subject ?? "")
            })
        }
    }

    private static func render(_ testCase: TestCase, _ lang: Language) -> String {
        let name = testCase.subject.map { testCase.ruleID + " " + $0 } ?? testCase.ruleID
        var xml = "    <testcase classname=\"netaudit." + attr(testCase.ruleID) + "\" name=\"" + attr(name) + "\" time=\"0\""
        if testCase.findings.isEmpty { return xml + "/>\n" }
        xml += ">\n"
        let active = testCase.active
        if let worst = active.max(by: { $0.severity < $1.severity }) {
            let message = worst.severity.tag + ": " + worst.message.text(lang)
            xml += "      <failure type=\"" + attr(worst.severity.rawValue) + "\" message=\"" + attr(message) + "\">"
            xml += text(active.map { details($0, lang) }.joined(separator: "\n\n")) + "</failure>\n"
        } else {
            let notes = testCase.findings.compactMap { $0.suppression.map { Describe.suppression($0, lang) } }
            xml += "      <skipped message=\"" + attr(notes.joined(separator: "; ")) + "\"/>\n"
        }
        let suppressedDetails = testCase.findings.filter { $0.suppression != nil }.map { details($0, lang) }
        let output = active.isEmpty ? suppressedDetails : []
        if !output.isEmpty { xml += "      <system-out>" + text(output.joined(separator: "\n\n")) + "</system-out>\n" }
        return xml + "    </testcase>\n"
    }

    /// The failure body: what a developer needs to act without opening another report.
    private static func details(_ finding: Finding, _ lang: Language) -> String {
        var lines = [finding.severity.tag + " " + finding.ruleID + " " + finding.subject.label + ": " + finding.message.text(lang)]
        for evidence in finding.evidence { lines.append(Wording.evidence.text(lang) + ": " + Describe.evidence(evidence, lang)) }
        for citation in finding.citations { lines.append(Wording.citation.text(lang) + ": " + Describe.citation(citation, lang)) }
        let remediation = finding.remediation.text(lang)
        if !remediation.isEmpty { lines.append(Wording.remediation.text(lang) + ": " + remediation) }
        if let note = finding.suppression { lines.append(Wording.suppressed.text(lang) + ": " + Describe.suppression(note, lang)) }
        lines.append("fingerprint: " + finding.fingerprint)
        return lines.joined(separator: "\n")
    }

    private static func family(of ruleID: String) -> String {
        ruleID.split(separator: ".", maxSplits: 1).first.map(String.init) ?? ruleID
    }

    /// The JUnit XSD's timestamp has no zone designator; the value is UTC.
    private static func junitTimestamp(_ time: Timestamp) -> String {
        String(time.description.prefix(19))
    }

    private static func precedes(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    private static func attr(_ value: String) -> String { Escape.xml(value, attribute: true) }
    private static func text(_ value: String) -> String { Escape.xml(value) }
}
