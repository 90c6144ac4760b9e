import Foundation
import Policy
import Snapshot
import XCTest

/// Exceptions from the profile and from an exceptions file: in force, expired, not yet approved,
/// and the checks an exceptions file gets against the profile.
final class AuditSuppressionTests: XCTestCase {
    private let network = AuditExample.network([
        AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"]),
        AuditExample.station("00:1d:73:00:00:66", ["192.168.1.66"]),
    ])
    private let ledgerCSV = AuditExample.ledger(AuditExample.row("PC-001", mac: "00:1b:21:00:00:01", ip: "192.168.1.10"))
    private let vendorException = "{id: vendor-pc, rules: [ledger.unregistered_device], match: {mac: \"00:1d:73:00:00:66\"}, "
        + "approver: 山田 一郎, reason: 保守作業用 PC, approval_ref: CHG-2026-004, expires: EXPIRES}"

    private func audit(exception expires: String, approved: String? = nil, enableExpired: Bool = true,
                       today: ProfileDate = AuditExample.defaultToday) throws -> AuditOutcome {
        var exception = vendorException.replacingOccurrences(of: "EXPIRES", with: expires)
        if let approved { exception = String(exception.dropLast()) + ", approved: \(approved)}" }
        var rules: [(id: String, params: String?)] = [("ledger.unregistered_device", nil)]
        if enableExpired { rules.append(("ledger.approval_expired", nil)) }
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: rules, exceptions: [exception]), today: today)
        return Auditor.audit(snapshot: network, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile, today: today,
                             now: AuditExample.captureStart)
    }

    func testAnExceptionInForceSuppressesWithItsApproval() throws {
        let outcome = try audit(exception: "2026-01-31")
        XCTAssertTrue(outcome.findings.isEmpty, "\(outcome.findings.map(\.message.en))")
        let suppressed = try XCTUnwrap(outcome.suppressed.first)
        XCTAssertEqual(outcome.suppressed.count, 1)
        XCTAssertEqual(suppressed.ruleID, "ledger.unregistered_device")
        XCTAssertEqual(suppressed.suppression, SuppressionNote(kind: .exception, approver: "山田 一郎",
                                                               reason: "exception 'vendor-pc' (CHG-2026-004): 保守作業用 PC", expires: "2026-01-31"))
    }

    func testTheExpiryDayItselfIsStillCovered() throws {
        XCTAssertTrue(try audit(exception: "2026-01-05").findings.isEmpty)
    }

    func testAnExpiredExceptionTurnsBackIntoAFindingAndYieldsApprovalExpired() throws {
        let outcome = try audit(exception: "2026-01-04")
        XCTAssertTrue(outcome.suppressed.isEmpty)
        XCTAssertEqual(outcome.findings.map(\.ruleID).sorted(), ["ledger.approval_expired", "ledger.unregistered_device"])
        let lapse = try XCTUnwrap(outcome.findings.first { $0.ruleID == "ledger.approval_expired" })
        let unregistered = try XCTUnwrap(outcome.findings.first { $0.ruleID == "ledger.unregistered_device" })
        XCTAssertEqual(lapse.subject, Subject(kind: .profile, mac: "00:1d:73:00:00:66"))
        XCTAssertTrue(lapse.message.en.hasPrefix("Exception 'vendor-pc' (approved by 山田 一郎, reason: 保守作業用 PC) expired on 2026-01-04"),
                      lapse.message.en)
        XCTAssertTrue(lapse.message.ja.contains("有効期限が切れたため、1 件の指摘を抑制しなくなりました"), lapse.message.ja)
        XCTAssertTrue(lapse.evidence.contains { $0.source?.contains("audit-test.yaml:") == true },
                      "\(lapse.evidence)")
        XCTAssertTrue(lapse.evidence.contains { $0.fact.contains(unregistered.fingerprint) })
    }

    func testAnExpiredExceptionWithApprovalExpiredDisabledStillStopsSuppressing() throws {
        let outcome = try audit(exception: "2025-12-01", enableExpired: false)
        XCTAssertEqual(outcome.findings.map(\.ruleID), ["ledger.unregistered_device"])
        XCTAssertTrue(outcome.suppressed.isEmpty)
    }

    func testAnExceptionNotYetApprovedSuppressesNothingAndIsNotExpired() throws {
        let outcome = try audit(exception: "2026-06-30", approved: "2026-02-01")
        XCTAssertEqual(outcome.findings.map(\.ruleID), ["ledger.unregistered_device"])
    }

    func testAnExceptionForAnotherDeviceOrRuleDoesNotSuppress() throws {
        let other = "{id: other, rules: [ledger.ip_mismatch], match: {mac: \"00:1d:73:00:00:66\"}, approver: A, expires: 2026-12-31}"
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("ledger.unregistered_device", nil)], exceptions: [other]))
        let outcome = Auditor.audit(snapshot: network, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart)
        XCTAssertEqual(outcome.findings.count, 1)
    }

    func testAnExceptionMatchingASubnet() throws {
        let subnet = "{id: lab, rules: [ledger.unregistered_device], match: {ip: 192.168.1.64/28}, approver: A, expires: 2026-12-31}"
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("ledger.unregistered_device", nil)], exceptions: [subnet]))
        let outcome = Auditor.audit(snapshot: network, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart)
        XCTAssertTrue(outcome.findings.isEmpty)
        XCTAssertEqual(outcome.suppressed.count, 1)
    }

    // MARK: Exceptions file

    private let fileProfile = """
    metadata: {id: approvals, title: approvals}
    approvers:
      roles: [情報セキュリティ責任者]
      citations: [{org_decision: true}]
    rules:
      ledger.unregistered_device:
        citations: [{org_decision: true}]
      ledger.approval_expired:
        citations: [{org_decision: true}]
      ledger.retired_device_seen:
        allow_exceptions: false
        citations: [{org_decision: true}]

    """

    func testAnExceptionsFileSuppressesLikeTheProfile() throws {
        let profile = try AuditTesting.profile(fileProfile)
        let yaml = """
        # 承認済みの例外
        exceptions:
          - id: vendor-pc
            rules: [ledger.unregistered_device]
            match: {mac: "00:1d:73:00:00:66"}
            approver: 山田 一郎
            approver_role: 情報セキュリティ責任者
            reason: 保守作業用 PC
            expires: 2026-01-31

        """
        let (exceptions, diagnostics) = SuppressionFile.parse(yaml: yaml, file: "exceptions.yaml", profile: profile, today: AuditExample.defaultToday)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(exceptions.map(\.id.value), ["vendor-pc"])
        XCTAssertEqual(exceptions.first?.id.location, LintLocation(file: "exceptions.yaml", line: 3, column: 9))
        let outcome = Auditor.audit(snapshot: network, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart, exceptions: exceptions)
        XCTAssertTrue(outcome.findings.isEmpty)
        XCTAssertEqual(outcome.suppressed.first?.suppression?.kind, .exception)

        let later = try XCTUnwrap(ProfileDate("2026-02-01"))
        let expired = Auditor.audit(snapshot: network, ledger: try AuditTesting.ledger(ledgerCSV), profile: profile,
                                    today: later, now: AuditExample.captureStart, exceptions: exceptions)
        XCTAssertEqual(expired.findings.map(\.ruleID).sorted(), ["ledger.approval_expired", "ledger.unregistered_device"])
        let warnings = SuppressionFile.parse(yaml: yaml, file: "exceptions.yaml", profile: profile, today: later).diagnostics
        XCTAssertEqual(warnings.map(\.description),
                       ["exceptions.yaml:9:14: warning: exception 'vendor-pc' expired on 2026-01-31 (today is 2026-02-01); it no longer suppresses anything"])
    }

    func testAnExceptionsFileIsCheckedAgainstTheProfile() throws {
        let profile = try AuditTesting.profile(fileProfile)
        let yaml = """
        exceptions:
          - id: wrong-role
            rules: [ledger.unregistered_device]
            match: {mac: "00:1d:73:00:00:66"}
            approver: 鈴木
            approver_role: 課長
            expires: 2026-01-31
          - id: strict-rule
            rules: [ledger.retired_device_seen]
            match: {asset_id: PC-005}
            approver: 山田
            approver_role: 情報セキュリティ責任者
            expires: 2026-01-31
          - id: no-expiry
            rules: [ledger.unregistered_device]
            match: {mac: "00:1d:73:00:00:67"}
            approver: 山田
            approver_role: 情報セキュリティ責任者
            expires: 2026-13-01

        """
        let diagnostics = SuppressionFile.parse(yaml: yaml, file: "ex.yaml", profile: profile, today: AuditExample.defaultToday).diagnostics
        let errors = diagnostics.filter(\.isError).map(\.description)
        XCTAssertTrue(errors.contains { $0.hasPrefix("ex.yaml:6:20: error: approver_role '課長' of exception 'wrong-role' may not approve") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.hasPrefix("ex.yaml:9:13: error: exception 'strict-rule' covers 'ledger.retired_device_seen'") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.hasPrefix("ex.yaml:19:14: error:") }, "the impossible date is located: \(errors)")
    }

    func testAnExceptionsFileWithoutExceptionsOrWithOtherKeysIsRefused() throws {
        let profile = try AuditTesting.profile(fileProfile)
        let empty = SuppressionFile.parse(yaml: "# nothing\n", file: "ex.yaml", profile: profile, today: AuditExample.defaultToday).diagnostics
        XCTAssertEqual(empty.map(\.description), ["ex.yaml:1:1: error: exceptions file needs a top-level 'exceptions:' list (see `netaudit audit --help`)"])

        let withRules = """
        exceptions: []
        rules:
          ledger.unregistered_device:
            enabled: false

        """
        let errors = SuppressionFile.parse(yaml: withRules, file: "ex.yaml", profile: profile, today: AuditExample.defaultToday).diagnostics
            .filter(\.isError).map(\.description)
        XCTAssertTrue(errors.contains { $0.hasPrefix("ex.yaml:3:3: error: an exceptions file holds only 'exceptions:'") }, "\(errors)")

        let broken = SuppressionFile.parse(yaml: "exceptions:\n  - id: [unclosed\n", file: "ex.yaml", profile: profile, today: AuditExample.defaultToday)
        XCTAssertTrue(broken.exceptions.isEmpty)
        XCTAssertTrue(broken.diagnostics.contains { $0.isError && $0.location.file == "ex.yaml" }, "\(broken.diagnostics)")
    }

    func testAnExceptionsFileCannotRedefineAProfileException() throws {
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(
            rules: [("ledger.unregistered_device", nil)],
            exceptions: ["{id: vendor-pc, rules: [ledger.unregistered_device], match: {mac: \"00:1d:73:00:00:66\"}, approver: A, expires: 2026-12-31}"]))
        let yaml = "exceptions:\n  - {id: vendor-pc, rules: [ledger.unregistered_device], match: {mac: \"00:1d:73:00:00:66\"}, approver: B, expires: 2027-12-31}\n"
        let errors = SuppressionFile.parse(yaml: yaml, file: "ex.yaml", profile: profile, today: AuditExample.defaultToday).diagnostics.filter(\.isError)
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors.first?.message.hasPrefix("exception 'vendor-pc' is already defined by the profile at") == true, "\(errors)")
    }

    func testARuleWithoutExceptionPathIsNeverSuppressed() throws {
        // The profile loader refuses such an exception, so build it as an exceptions-file value and skip the file checks.
        let profile = try AuditTesting.profile(fileProfile)
        let yaml = "exceptions:\n  - {id: x, rules: [ledger.retired_device_seen], match: {mac: \"00:1b:21:00:00:05\"}, approver: A, approver_role: 情報セキュリティ責任者, expires: 2026-12-31}\n"
        let (exceptions, diagnostics) = SuppressionFile.parse(yaml: yaml, file: "ex.yaml", profile: profile, today: AuditExample.defaultToday)
        XCTAssertEqual(diagnostics.errorCount, 1)
        let snapshot = AuditExample.network([AuditExample.station("00:1b:21:00:00:05", ["192.168.1.105"])])
        let csv = AuditExample.ledger(AuditExample.row("PC-005", mac: "00:1b:21:00:00:05", status: "retired"))
        let outcome = Auditor.audit(snapshot: snapshot, ledger: try AuditTesting.ledger(csv), profile: profile,
                                    today: AuditExample.defaultToday, now: AuditExample.captureStart, exceptions: exceptions)
        XCTAssertEqual(outcome.findings.map(\.ruleID), ["ledger.retired_device_seen"])
        XCTAssertTrue(outcome.suppressed.isEmpty)
    }
}
