import Foundation
import Policy
import Snapshot
import XCTest

/// The `mail.*` rules with the shipped JPMA profile: internal mail may use plaintext authentication
/// (5.1.4) once the organisation declares its sites; external mail may not.
final class MailRuleTests: XCTestCase {
    private let organisation = """
    metadata: {id: example-org, title: 例示株式会社}
    extends: jpma-standard
    scope:
      sites:
        - {name: 本社, subnets: [192.168.1.0/24]}
        - {name: 第一工場, subnets: [192.168.2.0/24]}
        - {name: 第二工場, subnets: [192.168.3.0/24]}
      citations:
        - org_decision: true
          english: The three subnets of 7.22.1 as the network team assigned them.

    """

    private func audit(_ snapshot: Snapshot, _ profile: ResolvedProfile) -> AuditOutcome {
        Auditor.audit(snapshot: snapshot, ledger: nil, profile: profile, today: AuditExample.defaultToday, now: AuditExample.captureStart)
    }

    private let servers = AuditExample.tls([
        AuditExample.mailEndpoint("192.168.1.25", port: 25, starttls: false, auth: ["PLAIN", "LOGIN"]),     // internal, plaintext
        AuditExample.mailEndpoint("192.168.2.110", port: 110, protocolName: "pop3", starttls: false, auth: ["USER"]),
        AuditExample.mailEndpoint("203.0.113.25", port: 587, starttls: false, auth: ["PLAIN"]),           // hosted mail, outside
    ])

    func testJPMAInternalMailExceptionEndToEnd() throws {
        let outcome = audit(servers, try AuditTesting.profile(organisation))
        XCTAssertEqual(outcome.findings.map { "\($0.ruleID) \($0.subject.endpoint ?? "")" }.sorted(),
                       ["mail.plaintext_auth 203.0.113.25:587", "mail.starttls_missing 203.0.113.25:587"])
        let auth = try XCTUnwrap(outcome.findings.first { $0.ruleID == "mail.plaintext_auth" })
        XCTAssertEqual(auth.citations.first?.section, "5.1.4")
        XCTAssertTrue(auth.evidence.contains { $0.fact.contains("allow_on_internal_sites is set; 203.0.113.25 lies in no declared site subnet") },
                      auth.evidence.map(\.fact).joined(separator: "\n"))
        XCTAssertTrue(auth.evidence.first?.fact.contains("SMTP greeting \"220 mail.example.co.jp ESMTP Postfix\"; STARTTLS not offered; "
                                                         + "mechanisms before TLS: PLAIN") ?? false)
        XCTAssertEqual(auth.severity, .high)
    }

    func testTheShippedProfileWithoutSitesTreatsEveryServerAsExternal() throws {
        let url = AuditTesting.repositoryRoot.appendingPathComponent("profiles/jpma-standard.yaml")
        let profile = try AuditTesting.profile(try String(contentsOf: url, encoding: .utf8), name: "jpma-standard.yaml")
        let outcome = audit(servers, profile)
        XCTAssertEqual(outcome.all("mail.plaintext_auth").count, 3)
        XCTAssertEqual(outcome.all("mail.starttls_missing").count, 3)
        let first = try XCTUnwrap(outcome.all("mail.plaintext_auth").first)
        XCTAssertTrue(first.evidence.contains { $0.fact.contains("declares no scope.sites") })
    }

    func testAnExceptionCoversAnInternalServer() throws {
        let yaml = AuditTesting.profileYAML(rules: [("mail.plaintext_auth", nil), ("mail.starttls_missing", nil)], exceptions: [
            "{id: honsha-mail, rules: [mail.plaintext_auth, mail.starttls_missing], match: {ip: 192.168.1.0/24}, approver: 山田 一郎, "
                + "reason: 社内メール (5.1.4), expires: 2026-12-31}",
            "{id: pop-factory, rules: [mail.plaintext_auth], match: {endpoint: \"192.168.2.110:110\"}, approver: 山田 一郎, expires: 2026-12-31}",
        ])
        let outcome = audit(servers, try AuditTesting.profile(yaml))
        XCTAssertEqual(outcome.suppressed.map { "\($0.ruleID) \($0.subject.endpoint ?? "")" }.sorted(),
                       ["mail.plaintext_auth 192.168.1.25:25", "mail.plaintext_auth 192.168.2.110:110", "mail.starttls_missing 192.168.1.25:25"])
        XCTAssertEqual(outcome.findings.map { "\($0.ruleID) \($0.subject.endpoint ?? "")" }.sorted(),
                       ["mail.plaintext_auth 203.0.113.25:587", "mail.starttls_missing 192.168.2.110:110", "mail.starttls_missing 203.0.113.25:587"])
    }

    /// With only mail rules enabled (the JPMA profile), a mail port that could not be probed is
    /// reported at info by the first mail rule; a web endpoint is not a mail rule's business.
    func testUnreachableMailServersAreNotedByTheFirstMailRule() throws {
        var snapshot = servers
        snapshot.tls?.endpoints += [
            AuditExample.tlsEndpoint("192.168.1.26", port: 143, sni: nil, starttls: "imap", status: .unreachable, error: "connect: timed out"),
            AuditExample.tlsEndpoint("192.168.1.80", status: .unreachable),
        ]
        let outcome = audit(snapshot, try AuditTesting.profile(organisation))
        let notes = outcome.findings.filter { $0.severity == .info }
        XCTAssertEqual(notes.map { "\($0.ruleID) \($0.subject.endpoint ?? "")" }, ["mail.starttls_missing 192.168.1.26:143"])
    }

    func testOneFindingPerServerWhateverTheSNI() throws {
        var a = AuditExample.mailEndpoint("203.0.113.25", starttls: false)
        var b = a
        a.sni = "mx1.example.co.jp"; b.sni = "mx.example.co.jp"
        let outcome = audit(AuditExample.tls([a, b]), try AuditTesting.profile(AuditTesting.profileYAML(rules: [("mail.starttls_missing", nil)])))
        XCTAssertEqual(outcome.findings.count, 1)
    }
}
