import Foundation
import Policy
import Snapshot
import XCTest

/// `--baseline previous.json`: only new findings are active; baselines chain from run to run; an
/// exception-suppressed finding is not carried, so it comes back when the exception expires.
final class AuditBaselineTests: XCTestCase {
    private let csv = AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", ip: "192.168.1.10"))

    private func run(_ devices: [Device], baseline: Baseline? = nil, exceptions: [String] = []) throws -> AuditOutcome {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("ledger.unregistered_device", nil)], exceptions: exceptions))
        return Auditor.audit(snapshot: AuditExample.network(devices), ledger: try AuditTesting.ledger(csv), profile: profile,
                             today: AuditExample.defaultToday, now: AuditExample.captureStart, baseline: baseline)
    }

    /// What `netaudit audit --format json` writes: the AuditReport, encoded.
    private func reportJSON(_ outcome: AuditOutcome) throws -> Data {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("ledger.unregistered_device", nil)]))
        let report = outcome.report(generatedAt: AuditExample.captureStart, profile: profile, ledger: nil, inputs: [], failOn: .high,
                                    inventory: AuditExample.network([]))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(report)
    }

    private let known = AuditExample.station("00:1b:21:00:00:98", ["192.168.1.98"])
    private let newcomer = AuditExample.station("00:1b:21:00:00:99", ["192.168.1.99"])

    func testOnlyFindingsMissingFromTheBaselineAreActive() throws {
        let first = try run([known])
        XCTAssertEqual(first.findings.count, 1)
        let baseline = try Baseline.parse(try reportJSON(first), path: "previous.json")
        XCTAssertEqual(baseline.fingerprints, Set(first.findings.map(\.fingerprint)))

        let second = try run([known, newcomer], baseline: baseline)
        XCTAssertEqual(second.findings.map(\.subject.mac), ["00:1b:21:00:00:99"])
        XCTAssertEqual(second.suppressed.map(\.subject.mac), ["00:1b:21:00:00:98"])
        XCTAssertEqual(second.suppressed.first?.suppression?.kind, .baseline)
        XCTAssertEqual(second.suppressed.first?.suppression?.reason, "already reported in baseline previous.json (generated 2026-01-05T09:00:00Z)")
        XCTAssertFalse(second.fails(at: .critical))
        XCTAssertTrue(second.fails(at: .high))
    }

    func testBaselinesChainFromRunToRun() throws {
        let first = try run([known])
        let second = try run([known, newcomer], baseline: try Baseline.parse(try reportJSON(first), path: "1.json"))
        let third = try run([known, newcomer], baseline: try Baseline.parse(try reportJSON(second), path: "2.json"))
        XCTAssertTrue(third.findings.isEmpty, "\(third.findings.map(\.subject.label))")
        XCTAssertEqual(third.suppressed.count, 2)
    }

    func testExceptionSuppressedFindingsAreNotCarriedIntoTheBaseline() throws {
        let exception = "{id: lab, rules: [ledger.unregistered_device], match: {mac: \"00:1b:21:00:00:98\"}, approver: A, expires: 2026-01-10}"
        let first = try run([known], exceptions: [exception])
        XCTAssertEqual(first.suppressed.count, 1)
        let baseline = try Baseline.parse(try reportJSON(first), path: "previous.json")
        XCTAssertTrue(baseline.fingerprints.isEmpty)
        // Without the exception (it expired and was removed), the finding is active despite the baseline.
        XCTAssertEqual(try run([known], baseline: baseline).findings.count, 1)
    }

    func testSomethingThatIsNotAReportIsRefused() throws {
        let snapshot = try JSONEncoder().encode(AuditExample.network([known]))
        XCTAssertThrowsError(try Baseline.parse(snapshot, path: "inventory.json")) { error in
            XCTAssertEqual((error as? BaselineError)?.description,
                           "inventory.json: error: not a netaudit audit report (no \"findings\"); write one with `netaudit audit --format json --output FILE`")
        }
        XCTAssertThrowsError(try Baseline.parse(Data("{\"findings\": [{\"rule_id\": 3}]}".utf8), path: "bad.json")) { error in
            XCTAssertEqual((error as? BaselineError)?.description, "bad.json: error: missing \"fingerprint\" at findings[0]")
        }
        XCTAssertThrowsError(try Baseline.parse(Data("not json".utf8), path: "text.json")) { error in
            XCTAssertTrue((error as? BaselineError)?.description.hasPrefix("text.json: error: not valid JSON") == true, "\(error)")
        }
        XCTAssertThrowsError(try Baseline.parse(Data("{\"schema_version\": \"2.0\", \"findings\": []}".utf8), path: "v2.json"))
        XCTAssertThrowsError(try Baseline.read(path: "/nonexistent/previous.json")) { error in
            XCTAssertEqual((error as? BaselineError)?.description, "/nonexistent/previous.json: error: no such file")
        }
    }
}
