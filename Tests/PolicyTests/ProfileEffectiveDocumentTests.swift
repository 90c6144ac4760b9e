import Foundation
import XCTest
@testable import Policy

final class ProfileEffectiveDocumentTests: XCTestCase {
    func testJSONCarriesValuesOriginsAndCitations() throws {
        let fixture = try ProfileFixture()
        try fixture.write("p.yaml", """
        metadata:
          id: show-me
          title: 表示テスト
        rules:
          tls.cert_key_too_small:
            params:
              min_rsa_bits: 3072
            citations:
              - document: policy.txt
                section: "1.2"
                quote: 鍵長は 3072 ビット以上とする
                english: Keys of at least 3072 bits.
        exceptions:
          - id: legacy-printer
            rules: [tls.cert_key_too_small]
            match: {endpoint: "printer.local:443"}
            approver: 山田
            expires: 2026-05-31
        """)
        let profile = try fixture.load("p.yaml")
        let document = ProfileEffectiveDocument(profile, today: ProfileTesting.today)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(document.json().utf8)) as? [String: Any])
        XCTAssertEqual(json["id"] as? String, "show-me")
        let rules = try XCTUnwrap(json["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.map { $0["id"] as? String }, ["tls.cert_key_too_small"], "disabled rules are omitted by default")
        let params = try XCTUnwrap(rules.first?["params"] as? [[String: Any]])
        XCTAssertEqual(params.first?["value"] as? Int, 3072)
        XCTAssertEqual((params.first?["origin"] as? String)?.hasSuffix("p.yaml:7:21"), true)
        XCTAssertEqual(params.last?["origin"] as? String, "catalog default")
        let citations = try XCTUnwrap(rules.first?["citations"] as? [[String: Any]])
        XCTAssertEqual(citations.first?["quote"] as? String, "鍵長は 3072 ビット以上とする")
        let exceptions = try XCTUnwrap(json["exceptions"] as? [[String: Any]])
        XCTAssertEqual(exceptions.first?["status"] as? String, "expired")

        let all = ProfileEffectiveDocument(profile, includeDisabled: true, today: ProfileTesting.today)
        XCTAssertEqual(all.rules.count, RuleCatalog.entries.count)

        let yaml = try document.yaml()
        XCTAssertTrue(yaml.contains("title: 表示テスト"), yaml)
        XCTAssertTrue(yaml.contains("- id: tls.cert_key_too_small"), yaml)
        XCTAssertTrue(yaml.contains("origin: catalog default"), yaml)
    }
}
