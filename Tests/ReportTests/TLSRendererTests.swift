import Foundation
import Policy
import Report
import Snapshot
import XCTest

/// `netaudit tls` output (table, csv, json) and TLS findings in the audit reporters.
final class TLSRendererTests: XCTestCase {
    private let now = AuditExample.captureStart

    private var weak: TLSEndpoint {
        AuditExample.tlsEndpoint("192.168.1.20", sni: "www.example.co.jp", versions: ["TLSv1.0", "TLSv1.2"],
                                 suites: ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_RC4_128_SHA"],
                                 certificates: [AuditExample.tlsCertificate(validFor: 12, keyBits: 1024, signatureHash: "sha1")],
                                 trust: AuditExample.tlsTrust(verified: false, error: "unable to get local issuer certificate", errorCode: 20,
                                                              chainComplete: false))
    }

    private var endpoints: [TLSEndpoint] {
        [AuditExample.tlsEndpoint(), weak,
         AuditExample.tlsEndpoint("192.168.1.30", sni: nil, status: .unreachable, error: "connect: timed out"),
         AuditExample.mailEndpoint("192.168.1.25", starttls: false, auth: ["PLAIN", "LOGIN"])]
    }

    func testTable() {
        let table = TLSRenderer.table(endpoints, now: now)
        XCTAssertTrue(table.contains("192.168.1.10:443  SNI www.example.co.jp  (probe, 850 ms)\n  status     ok\n"), table)
        XCTAssertTrue(table.contains("  versions   TLSv1.3 (3 suites), TLSv1.2 (3 suites); refused SSLv3, TLSv1.0, TLSv1.1\n"), table)
        XCTAssertTrue(table.contains("TLSv1.0 (2 suites) [deprecated]"), table)
        XCTAssertTrue(table.contains("  weak       TLS_RSA_WITH_RC4_128_SHA under TLSv1.2, TLSv1.0 [weak: rc4, no_forward_secrecy]\n"), table)
        XCTAssertEqual(table.components(separatedBy: "TLS_RSA_WITH_RC4_128_SHA under").count, 2, "one line per weak suite")
        XCTAssertTrue(table.contains("  cert       CN=www.example.co.jp\n             SANs www.example.co.jp\n"), table)
        XCTAssertTrue(table.contains(", 300 days left\n"), table)
        XCTAssertTrue(table.contains(", 12 days left [expires soon]\n"), table)
        XCTAssertTrue(table.contains("key RSA 1024 [weak], signature sha1WithRSAEncryption [weak]"), table)
        XCTAssertTrue(table.contains("  trust      verified against system; name www.example.co.jp matches\n"), table)
        XCTAssertTrue(table.contains("  trust      NOT VERIFIED (unable to get local issuer certificate, X509_V_ERR 20) against system; name www.example.co.jp matches; chain INCOMPLETE\n"), table)
        XCTAssertTrue(table.contains("  status     unreachable [NOT ASSESSED]: connect: timed out\n"), table)
        XCTAssertTrue(table.contains("  plaintext  SMTP \"220 mail.example.co.jp ESMTP Postfix\"; STARTTLS NOT OFFERED; auth before TLS: PLAIN LOGIN [cleartext passwords]\n"), table)
        XCTAssertTrue(table.hasSuffix("4 endpoints (2 ok, 1 no_tls, 1 unreachable)\n"), table)
        XCTAssertEqual(TLSRenderer.table([], now: now), "No TLS endpoints.\n")
    }

    func testTableEscapesControlCharactersFromTheNetwork() {
        var endpoint = AuditExample.mailEndpoint(starttls: false)
        endpoint.plaintext?.greeting = "220 evil\u{1B}[2J"
        XCTAssertTrue(TLSRenderer.table([endpoint], now: now).contains("\"220 evil\\x1B[2J\""))
    }

    func testCSVHasOneRowPerEndpointVersionAndSuite() {
        let csv = TLSRenderer.csv(endpoints)
        let rows = csv.components(separatedBy: "\r\n").dropLast()
        XCTAssertEqual(rows.first, TLSRenderer.csvColumns.joined(separator: ","))
        // good: 3 refused + 2 versions × 3 suites; weak: refused SSLv3, TLSv1.1, TLSv1.3 + 2 versions × 2 suites; unreachable: 1; mail: 1.
        XCTAssertEqual(rows.count, 1 + (3 + 6) + (3 + 4) + 1 + 1)
        XCTAssertTrue(rows.contains("www.example.co.jp,192.168.1.20,443,www.example.co.jp,,probe,ok,,TLSv1.0,true,0x0005,TLS_RSA_WITH_RC4_128_SHA,"
                                    + "RSA,RSA,RC4_128,128,STREAM,SHA,false,rc4;no_forward_secrecy,CN=www.example.co.jp,2026-01-17T09:00:00Z,RSA 1024,"
                                    + "sha1WithRSAEncryption,false,true,false,system,,"), rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.hasPrefix("192.168.1.30,192.168.1.30,443,,,probe,unreachable,connect: timed out,,,") })
        XCTAssertTrue(rows.contains { $0.hasSuffix(",false,PLAIN;LOGIN") })
    }

    func testJSONIsTheSnapshotDocument() throws {
        let snapshot = AuditExample.tls(endpoints)
        let json = try TLSRenderer.json(snapshot)
        let back = try JSONDecoder().decode(Snapshot.self, from: Data(json.utf8))
        XCTAssertEqual(back.tls, snapshot.tls)
        XCTAssertTrue(json.contains("\"cipher_suites\" : ["))
        XCTAssertTrue(json.contains("\"starttls_offered\" : false"))
        XCTAssertEqual(json, try TLSRenderer.json(snapshot), "byte-stable")
        let part = try TLSRenderer.json(try XCTUnwrap(snapshot.tls))
        XCTAssertEqual(try JSONDecoder().decode(TLSSnapshot.self, from: Data(part.utf8)), snapshot.tls)
        XCTAssertEqual(try TLSRenderer.render(snapshot, format: .json, now: now), json)
    }

    /// A TLS finding's subject (endpoint with SNI) reads well in every audit format.
    func testTLSFindingsInTheAuditReporters() throws {
        let yaml = "metadata:\n  id: tls-report\n  title: tls report\n  language: en\nextends: recommended\n"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netaudit-tlsreport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("tls.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let profiles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("profiles")
        let profile = try ProfileLoader(searchPath: ProfileSearchPath(directories: [profiles]),
                                        options: ProfileCheckOptions(today: AuditExample.defaultToday)).load(file: file).profile
        let snapshot = AuditExample.tls([weak])
        let outcome = Auditor.audit(snapshot: snapshot, ledger: nil, profile: profile, today: AuditExample.defaultToday, now: now)
        XCTAssertFalse(outcome.findings.isEmpty)
        let report = outcome.report(generatedAt: now, profile: profile, ledger: nil, inputs: [], failOn: .high, inventory: snapshot)
        let label = "192.168.1.20:443 (SNI www.example.co.jp)"
        let text = try Reporters.render(report, format: "text", options: ReportOptions(language: .en, color: false))
        XCTAssertTrue(text.contains("HIGH tls.protocol_version \(label): "), text)
        XCTAssertTrue(text.contains("evidence: TLS probe of \(label): accepts TLSv1.0"), text)
        XCTAssertTrue(text.contains("mail.starttls_missing: no mail endpoint with STARTTLS facts"), text)
        let csv = try Reporters.render(report, format: "csv", options: ReportOptions(language: .en, color: false))
        XCTAssertTrue(csv.contains(",tls.weak_cipher,\(label),,192.168.1.20,"), csv)
        let sarif = try Reporters.render(report, format: "sarif", options: ReportOptions(language: .en, color: false))
        XCTAssertTrue(sarif.contains("192.168.1.20/192.168.1.20:443/sni www.example.co.jp"), sarif)
        let html = try Reporters.render(report, format: "html", options: ReportOptions(language: .en, color: false))
        XCTAssertTrue(html.contains("SNI <code><bdi>www.example.co.jp</bdi></code>"))
        let junit = try Reporters.render(report, format: "junit", options: ReportOptions(language: .en, color: false))
        XCTAssertTrue(junit.contains("tls.cert_key_too_small \(label)"), junit)
        let json = try Reporters.render(report, format: "json", options: ReportOptions(language: .en, color: false))
        XCTAssertTrue(json.contains("\"sni\" : \"www.example.co.jp\""))
    }
}
