import Foundation
import Policy
import Snapshot
import XCTest

/// The `tls.*` rules through the real profile loader and auditor: a good endpoint under the shipped
/// `recommended` profile, an endpoint with every weakness, not-evaluated reasons, unassessed
/// endpoints, evidence and fingerprints.
final class TLSRuleTests: XCTestCase {
    static let tlsIDs = RuleCatalog.ids.filter { $0.hasPrefix("tls.") }
    static let mailIDs = RuleCatalog.ids.filter { $0.hasPrefix("mail.") }

    private func recommended(extra: String = "") throws -> ResolvedProfile {
        try AuditTesting.profile("metadata:\n  id: tls-test\n  title: tls test\n  language: en\nextends: recommended\n" + extra)
    }

    private func audit(_ snapshot: Snapshot, _ profile: ResolvedProfile) -> AuditOutcome {
        Auditor.audit(snapshot: snapshot, ledger: nil, profile: profile, today: AuditExample.defaultToday, now: AuditExample.captureStart)
    }

    /// TLS 1.2 + 1.3, ECDHE-GCM only, a 2048-bit RSA leaf valid 300 more days, verified; a mail
    /// server with STARTTLS and no authentication before it.
    func testRecommendedProfileOnAGoodEndpointGivesNoFindings() throws {
        let outcome = audit(AuditExample.tls([AuditExample.tlsEndpoint(suites: ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                                                                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"]),
                                              AuditExample.mailEndpoint(port: 587)]), try recommended())
        XCTAssertEqual(outcome.allFindings.map(\.message.en), [])
        let evaluated = Set(outcome.evaluated.map(\.id))
        XCTAssertTrue(evaluated.isSuperset(of: Self.tlsIDs + Self.mailIDs), "not run: \(Set(Self.tlsIDs + Self.mailIDs).subtracting(evaluated))")
        XCTAssertTrue(outcome.notEvaluated.allSatisfy { !$0.id.hasPrefix("tls.") && !$0.id.hasPrefix("mail.") })
    }

    /// One endpoint with every TLS weakness and one mail server with both mail weaknesses: each of
    /// the twelve rules fires exactly once.
    func testEveryWeaknessFiresEachRuleOnce() throws {
        let leaf = AuditExample.tlsCertificate(cn: "old.example.co.jp", validFor: 10, keyBits: 1024, signatureHash: "sha1")
        let weak = AuditExample.tlsEndpoint(
            "192.168.1.20", sni: "www.example.co.jp", versions: ["SSLv3", "TLSv1.0", "TLSv1.2"],
            suites: ["TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                     "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"],
            groups: [TLSGroup(name: "secp192r1", kind: "ecdhe", bits: 192), TLSGroup(name: "dh1024", kind: "dhe", bits: 1024)],
            dhMinBits: 1024,
            certificates: [leaf, AuditExample.tlsIntermediate(validFor: -5)],
            trust: AuditExample.tlsTrust(verified: false, error: "unable to get local issuer certificate", errorCode: 20,
                                         hostnameMatches: false, checkedName: "www.example.co.jp", chainComplete: false))
        let mail = AuditExample.mailEndpoint("203.0.113.25", starttls: false, auth: ["PLAIN", "LOGIN"])
        let outcome = audit(AuditExample.tls([weak, mail]), try recommended())
        var counts: [String: Int] = [:]
        for finding in outcome.allFindings { counts[finding.ruleID, default: 0] += 1 }
        for id in Self.tlsIDs + Self.mailIDs {
            XCTAssertEqual(counts[id], 1, "\(id): \(outcome.allFindings.filter { $0.ruleID == id }.map(\.message.en))")
        }
        XCTAssertEqual(Set(counts.keys), Set(Self.tlsIDs + Self.mailIDs))

        let cipher = try XCTUnwrap(outcome.findings.first { $0.ruleID == "tls.weak_cipher" })
        XCTAssertTrue(cipher.evidence.contains { $0.fact.contains("accepts TLS_RSA_WITH_RC4_128_SHA (0x0005) under SSLv3, TLSv1.0, TLSv1.2: rc4, no_forward_secrecy") },
                      cipher.evidence.map(\.fact).joined(separator: "\n"))
        XCTAssertTrue(cipher.evidence.allSatisfy { $0.source != nil })
        XCTAssertEqual(cipher.evidence.first?.source, "probe eth0")
        XCTAssertTrue(cipher.evidence.first?.fact.hasPrefix("TLS probe of 192.168.1.20:443 (SNI www.example.co.jp): ") ?? false)
        XCTAssertEqual(cipher.subject, Subject(kind: .endpoint, ip: "192.168.1.20", endpoint: "192.168.1.20:443", sni: "www.example.co.jp"))
        XCTAssertEqual(cipher.subject.label, "192.168.1.20:443 (SNI www.example.co.jp)")

        let version = try XCTUnwrap(outcome.findings.first { $0.ruleID == "tls.protocol_version" })
        XCTAssertTrue(version.message.en.contains("SSLv3, TLSv1.0"), version.message.en)
        XCTAssertTrue(version.message.en.contains("TLSv1.2 or newer"), version.message.en)

        let untrusted = try XCTUnwrap(outcome.findings.first { $0.ruleID == "tls.cert_untrusted" })
        XCTAssertTrue(untrusted.evidence.contains { $0.fact.contains("trust store system") })
        XCTAssertFalse(untrusted.message.en.contains("profile trusts"), "the store is the one the profile asks for")
        for finding in outcome.allFindings {
            XCTAssertFalse(finding.message.ja.isEmpty)
            XCTAssertFalse(finding.evidence.isEmpty, finding.ruleID)
        }
    }

    func testRulesAreNotEvaluatedWithoutTLSData() throws {
        let profile = try recommended()
        let outcome = audit(AuditExample.network([AuditExample.station("00:1b:21:00:00:01", ["192.168.1.10"])]), profile)
        let tls = outcome.notEvaluated.filter { $0.id.hasPrefix("tls.") }
        XCTAssertEqual(tls.map(\.id), Self.tlsIDs)
        XCTAssertTrue(tls.allSatisfy { $0.reason == .noTLSData })
        XCTAssertEqual(tls.first?.description,
                       "tls.protocol_version (no TLS endpoints were probed or captured: run `netaudit tls` or `audit --scan`)")
        XCTAssertEqual(outcome.notEvaluated.filter { $0.id.hasPrefix("mail.") }.map(\.reason), [.noMailEndpoints, .noMailEndpoints])
        XCTAssertFalse(outcome.evaluated.contains { $0.id.hasPrefix("tls.") || $0.id.hasPrefix("mail.") })

        // An empty TLS section is no data either.
        var empty = AuditExample.network([])
        empty.tls = TLSSnapshot(endpoints: [])
        XCTAssertEqual(audit(empty, profile).notEvaluated.filter { $0.reason == .noTLSData }.count, Self.tlsIDs.count)
    }

    func testMailRulesAreNotEvaluatedWithoutMailFactsAndSayWhichProbesFailed() throws {
        let outcome = audit(AuditExample.tls([AuditExample.tlsEndpoint(),
                                              AuditExample.tlsEndpoint("192.168.1.25", port: 25, sni: nil, starttls: "smtp", status: .unreachable,
                                                                       error: "connect: timed out")]), try recommended())
        let mail = outcome.notEvaluated.filter { $0.id.hasPrefix("mail.") }
        XCTAssertEqual(mail.map(\.id), ["mail.starttls_missing", "mail.plaintext_auth"])
        XCTAssertEqual(mail.first?.reason, .noMailEndpoints)
        XCTAssertTrue(mail.first?.description.contains("192.168.1.25:25 (unreachable)") ?? false, mail.first?.description ?? "")
        XCTAssertTrue(outcome.evaluated.contains { $0.id == "tls.protocol_version" })
    }

    /// Unreachable, non-TLS and failed endpoints are never a silent pass: one info finding each,
    /// from the first enabled tls rule, and no other rule reports them.
    func testUnassessedEndpointsAreReportedOnceAtInfo() throws {
        let snapshot = AuditExample.tls([
            AuditExample.tlsEndpoint(),
            AuditExample.tlsEndpoint("192.168.1.30", status: .unreachable, error: "connect: connection refused"),
            AuditExample.tlsEndpoint("192.168.1.31", port: 8443, status: .noTLS, error: "HTTP/1.1 400 Bad Request"),
        ])
        let outcome = audit(snapshot, try recommended())
        XCTAssertEqual(outcome.findings.map(\.ruleID), ["tls.protocol_version", "tls.protocol_version"])
        XCTAssertTrue(outcome.findings.allSatisfy { $0.severity == .info })
        XCTAssertEqual(Set(outcome.findings.map(\.subject.endpoint)), ["192.168.1.30:443", "192.168.1.31:8443"])
        let unreachable = try XCTUnwrap(outcome.findings.first { $0.subject.endpoint == "192.168.1.30:443" })
        XCTAssertTrue(unreachable.message.en.contains("could not be assessed"), unreachable.message.en)
        XCTAssertTrue(unreachable.evidence.first?.fact.contains("status unreachable: connect: connection refused") ?? false)
        XCTAssertEqual(unreachable.citations, [], "a note cites nothing: no verdict was reached")

        // With only certificate rules enabled, the first of them reports.
        let only = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("tls.cert_untrusted", nil), ("tls.cert_expired", nil)]))
        XCTAssertEqual(audit(snapshot, only).findings.map(\.ruleID), ["tls.cert_expired", "tls.cert_expired"])
    }

    func testFingerprintsIgnoreDurationsAndTellSNIsApart() throws {
        func endpoint(sni: String, duration: Int) -> TLSEndpoint {
            var e = AuditExample.tlsEndpoint(sni: sni, versions: ["TLSv1.0", "TLSv1.2"])
            e.durationMS = duration
            return e
        }
        let profile = try recommended()
        let first = audit(AuditExample.tls([endpoint(sni: "a.example.co.jp", duration: 100), endpoint(sni: "b.example.co.jp", duration: 5)]), profile)
        let second = audit(AuditExample.tls([endpoint(sni: "b.example.co.jp", duration: 7000), endpoint(sni: "a.example.co.jp", duration: 900)]), profile)
        let a = first.all("tls.protocol_version").map(\.fingerprint).sorted()
        XCTAssertEqual(a.count, 2)
        XCTAssertEqual(a, second.all("tls.protocol_version").map(\.fingerprint).sorted())
    }

    func testCapturedEndpointEvidencePointsAtThePacket() throws {
        let outcome = audit(AuditExample.tls([AuditExample.tlsEndpoint("192.168.1.40", origin: .capture, versions: ["TLSv1.0"])]), try recommended())
        let finding = try XCTUnwrap(outcome.findings.first { $0.ruleID == "tls.protocol_version" })
        let first = try XCTUnwrap(finding.evidence.first)
        XCTAssertEqual(first.source, "example.pcap")
        XCTAssertEqual(first.packet, 7)
        XCTAssertTrue(first.fact.hasPrefix("TLS handshake in capture with 192.168.1.40:443 (SNI www.example.co.jp): accepts TLSv1.0"), first.fact)
    }

    func testUntrustedSaysWhenTheProbeUsedAnotherStore() throws {
        let snapshot = AuditExample.tls([AuditExample.tlsEndpoint(trust: AuditExample.tlsTrust(verified: false, error: "unable to get local issuer certificate",
                                                                                                 errorCode: 20, store: "system"))])
        let profile = try AuditTesting.profile(AuditTesting.profileYAML(rules: [("tls.cert_untrusted", "{ca_bundle: certs/internal-ca.pem}")]))
        let finding = try XCTUnwrap(audit(snapshot, profile).findings.first)
        XCTAssertTrue(finding.message.en.contains("The probe verified against system, but the profile trusts system+certs/internal-ca.pem"),
                      finding.message.en)
        let same = AuditExample.tls([AuditExample.tlsEndpoint(trust: AuditExample.tlsTrust(verified: false, errorCode: 20,
                                                                                             store: "system+/etc/netaudit/internal-ca.pem"))])
        XCTAssertFalse(try XCTUnwrap(audit(same, profile).findings.first).message.en.contains("profile trusts"))
    }

    func testCipherClassification() {
        func classes(_ name: String, _ version: String = "TLSv1.2") -> [String] {
            TLSClassification.cipherClasses(AuditExample.cipherSuite(name), version: version).map(\.rawValue)
        }
        XCTAssertEqual(classes("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), [])
        XCTAssertEqual(classes("TLS_AES_128_GCM_SHA256", "TLSv1.3"), [])
        XCTAssertEqual(classes("TLS_RSA_WITH_3DES_EDE_CBC_SHA"), ["3des", "cbc", "no_forward_secrecy"])
        XCTAssertEqual(classes("TLS_RSA_WITH_DES_CBC_SHA"), ["des", "cbc", "no_forward_secrecy"])
        XCTAssertEqual(classes("TLS_RSA_EXPORT_WITH_RC4_40_MD5"), ["export", "rc4", "no_forward_secrecy"])
        XCTAssertEqual(classes("TLS_RSA_WITH_NULL_SHA"), ["null", "no_forward_secrecy"])
        XCTAssertEqual(classes("TLS_DH_anon_WITH_AES_128_CBC_SHA"), ["anon", "cbc", "no_forward_secrecy"])
        XCTAssertEqual(classes("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), ["cbc"])
        XCTAssertEqual(classes("TLS_RSA_WITH_AES_128_GCM_SHA256"), ["no_forward_secrecy"])
    }
}
