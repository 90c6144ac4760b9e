import XCTest
@testable import Policy

/// One malformed fixture per lint check, each asserting the exact line and column.
final class ProfileLintTests: XCTestCase {
    func testYAMLSyntaxErrorIsLocated() throws {
        let fixture = try ProfileFixture()
        try fixture.write("syntax.yaml", """
        metadata:
          id: fixture
          title: [unclosed
        rules: {}
        """)
        let diagnostics = fixture.lint("syntax.yaml")
        XCTAssertEqual(diagnostics.count, 1, diagnostics.map(\.description).joined(separator: "\n"))
        XCTAssertDiagnostic(diagnostics, .error, "syntax.yaml", 4, 6, "YAML syntax error")
    }

    func testDuplicateKeyIsReportedAtTheSecondOccurrence() throws {
        let fixture = try ProfileFixture()
        try fixture.write("dup.yaml", """
        metadata:
          id: fixture
          title: Fixture
        rules:
          tls.cert_expired:
            enabled: true
          tls.cert_expired:
            enabled: false
        """)
        XCTAssertDiagnostic(fixture.lint("dup.yaml"), .error, "dup.yaml", 7, 3, "duplicate key 'tls.cert_expired' (first defined at line 5)")
    }

    func testEmptyFileAndNonMappingRoot() throws {
        let fixture = try ProfileFixture()
        try fixture.write("empty.yaml", "# nothing here\n")
        XCTAssertDiagnostic(fixture.lint("empty.yaml"), .error, "empty.yaml", 1, 1, "profile is empty")
        try fixture.write("list.yaml", "- a\n- b\n")
        XCTAssertDiagnostic(fixture.lint("list.yaml"), .error, "list.yaml", 1, 1, "a profile must be a mapping, found a list")
        XCTAssertDiagnostic(fixture.lint("missing.yaml"), .error, "missing.yaml", 1, 1, "cannot read profile: no such file")
    }

    func testUnknownKeysAtEveryLevelWithSuggestions() throws {
        let fixture = try ProfileFixture()
        try fixture.write("keys.yaml", """
        metadata:
          id: fixture
          title: Fixture
          languag: ja
        scope:
          sites:
            - name: hq
              subnet: [10.0.0.0/24]
        rule:
          x: 1
        rules:
          tls.cert_expired:
            enabeld: true
            citations:
              - org_decision: true
                englsh: x
          tls.protocol_version:
            params:
              min_verson: tls1.2
            citations:
              - org_decision: true
                english: x
        exceptions:
          - id: e
            aprover: me
            expires: 2027-01-01
            rules: [tls.cert_expired]
            match: {ip: 10.0.0.1, colour: red}
        """)
        let diagnostics = fixture.lint("keys.yaml")
        XCTAssertDiagnostic(diagnostics, .error, "keys.yaml", 4, 3, "unknown key 'languag' in metadata (did you mean 'language'?)")
        XCTAssertDiagnostic(diagnostics, .error, "keys.yaml", 8, 7, "unknown key 'subnet' in a site (did you mean 'subnets'?)")
        XCTAssertDiagnostic(diagnostics, .error, "keys.yaml", 7, 7, "site 'hq' needs 'subnets'")
        XCTAssertDiagnostic(diagnostics, .error, "keys.yaml", 9, 1, "unknown key 'rule' in the profile (did you mean 'rules'?)")
        XCTAssertDiagnostic(diagnostics, .error, "keys.yaml", 13, 5, "unknown key 'enabeld' in rule 'tls.cert_expired' (did you mean 'enabled'?)")
        XCTAssertDiagnostic(diagnostics, .error, "keys.yaml", 16, 9, "unknown key 'englsh' in a citation (did you mean 'english'?)")
        XCTAssertDiagnostic(diagnostics, .warning, "keys.yaml", 15, 9, "org_decision citation should say in 'english'")
        XCTAssertDiagnostic(diagnostics, .error, "keys.yaml", 19, 7, "unknown parameter 'min_verson' for rule 'tls.protocol_version' (did you mean 'min_version'?)")
        XCTAssertDiagnostic(diagnostics, .error, "keys.yaml", 17, 3, "parameter 'min_version' has no value")
        XCTAssertDiagnostic(diagnostics, .error, "keys.yaml", 25, 5, "unknown key 'aprover' in an exception (did you mean 'approver'?)")
        XCTAssertDiagnostic(diagnostics, .error, "keys.yaml", 24, 5, "exception 'e' has no approver")
        XCTAssertDiagnostic(diagnostics, .error, "keys.yaml", 28, 27, "unknown key 'colour' in match of exception 'e'")
        XCTAssertEqual(diagnostics.errorCount, 11, "lint reports every problem, not just the first:\n" + diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testWrongTypes() throws {
        let fixture = try ProfileFixture()
        try fixture.write("types.yaml", """
        metadata:
          id: fixture
          title: Fixture
        scope:
          ip_only_matching: "yes"
          citations:
            - org_decision: true
              english: x
        rules:
          tls.protocol_version:
            enabled: 1
            params:
              min_version: [tls1.2]
            citations: none
        exceptions: {}
        """)
        let diagnostics = fixture.lint("types.yaml")
        XCTAssertDiagnostic(diagnostics, .error, "types.yaml", 5, 21, "scope.ip_only_matching must be true or false, found a string ('yes')")
        XCTAssertDiagnostic(diagnostics, .error, "types.yaml", 11, 14, "enabled must be true or false, found an integer (1)")
        XCTAssertDiagnostic(diagnostics, .error, "types.yaml", 13, 20, "tls.protocol_version.min_version must be text, found a list")
        XCTAssertDiagnostic(diagnostics, .error, "types.yaml", 14, 16, "citations of rule 'tls.protocol_version' must be a list, found a string ('none')")
        XCTAssertDiagnostic(diagnostics, .error, "types.yaml", 15, 13, "exceptions must be a list, found a mapping")
        XCTAssertDiagnostic(diagnostics, .error, "types.yaml", 10, 3, "rule 'tls.protocol_version' is enabled without a citation")
        XCTAssertEqual(diagnostics.count, 6, diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testValuesOutsideTheirDomain() throws {
        let fixture = try ProfileFixture()
        try fixture.write("domain.yaml", """
        metadata:
          id: fixture
          title: Fixture
        scope:
          sites:
            - name: hq
              subnets: [10.0.0.0/33, 192.168.1.5/24]
        rules:
          tls.weak_cipher:
            severity: hgih
            params:
              forbidden_classes: [rc4, rc5, rc4]
            citations:
              - org_decision: true
                english: x
          wireless.psk_weak:
            params:
              min_length: -1
            citations:
              - org_decision: true
                english: x
          tls.cert_expiry: {}
          services.forbidden_port:
            params:
              ports: [23/tcp, 99999, telnet]
            citations:
              - org_decision: true
                english: x
        exceptions:
          - id: e
            rules: [tls.weak_cipher, tls.weakcipher]
            match: {mac: "00:11:22:33:44:GG"}
            approver: me
            expires: 2026-02-30
        """)
        let diagnostics = fixture.lint("domain.yaml")
        XCTAssertDiagnostic(diagnostics, .error, "domain.yaml", 7, 17, "'10.0.0.0/33' is not an IPv4 subnet in CIDR form")
        XCTAssertDiagnostic(diagnostics, .warning, "domain.yaml", 7, 30, "subnet '192.168.1.5/24' has host bits set; it is read as 192.168.1.0/24")
        XCTAssertDiagnostic(diagnostics, .error, "domain.yaml", 10, 15, "unknown value 'hgih' for severity of rule 'tls.weak_cipher' (did you mean 'high'?)")
        XCTAssertDiagnostic(diagnostics, .error, "domain.yaml", 12, 32, "unknown value 'rc5' for an item of tls.weak_cipher.forbidden_classes (did you mean 'rc4'?)")
        XCTAssertDiagnostic(diagnostics, .error, "domain.yaml", 12, 37, "'rc4' appears twice in tls.weak_cipher.forbidden_classes")
        XCTAssertDiagnostic(diagnostics, .error, "domain.yaml", 18, 19, "wireless.psk_weak.min_length is -1, outside its range 8…63")
        XCTAssertDiagnostic(diagnostics, .error, "domain.yaml", 22, 3, "unknown rule id 'tls.cert_expiry' (did you mean 'tls.cert_expired'?)")
        XCTAssertDiagnostic(diagnostics, .error, "domain.yaml", 25, 23, "'99999' in services.forbidden_port.ports is not a port")
        XCTAssertDiagnostic(diagnostics, .error, "domain.yaml", 25, 30, "'telnet' in services.forbidden_port.ports is not a port")
        XCTAssertDiagnostic(diagnostics, .error, "domain.yaml", 31, 30, "unknown rule id 'tls.weakcipher' in exception 'e' (did you mean 'tls.weak_cipher'?)")
        XCTAssertDiagnostic(diagnostics, .error, "domain.yaml", 32, 18, "'00:11:22:33:44:GG' is not a MAC address")
        XCTAssertDiagnostic(diagnostics, .error, "domain.yaml", 34, 14, "'2026-02-30' is not a valid date (YYYY-MM-DD)")
        XCTAssertEqual(diagnostics.errorCount, 11, diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testSettingsWithoutCitation() throws {
        let fixture = try ProfileFixture()
        try fixture.write("uncited.yaml", """
        metadata:
          id: fixture
          title: Fixture
        scope:
          ip_only_matching: true
        approvers:
          roles: [CEO]
        rules:
          tls.cert_expired: {}
          tls.cert_expiring:
            params:
              renewal_lead_days: 30
          ledger.unregistered_device:
            enabled: false
            allow_exceptions: false
          wireless.psk_weak:
            params:
              min_length:
                value: 12
                citations:
                  - org_decision: true
                    english: chosen
              required_classes: [upper]
        """)
        let diagnostics = fixture.lint("uncited.yaml")
        XCTAssertDiagnostic(diagnostics, .error, "uncited.yaml", 5, 21, "scope.ip_only_matching has no citation")
        XCTAssertDiagnostic(diagnostics, .error, "uncited.yaml", 6, 1, "approvers.roles has no citation")
        XCTAssertDiagnostic(diagnostics, .error, "uncited.yaml", 9, 3, "rule 'tls.cert_expired' is enabled without a citation")
        XCTAssertDiagnostic(diagnostics, .error, "uncited.yaml", 10, 3, "rule 'tls.cert_expiring' is enabled without a citation")
        XCTAssertDiagnostic(diagnostics, .error, "uncited.yaml", 15, 23, "'allow_exceptions' of rule 'ledger.unregistered_device' has no citation")
        XCTAssertDiagnostic(diagnostics, .error, "uncited.yaml", 16, 3, "rule 'wireless.psk_weak' is enabled without a citation")
        XCTAssertEqual(diagnostics.count, 6, diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testIncompleteCitations() throws {
        let fixture = try ProfileFixture()
        try fixture.write("citations.yaml", """
        metadata:
          id: fixture
          title: Fixture
        rules:
          tls.cert_expired:
            citations:
              - document: 000_527d28aceaa6f465.txt
                section: "7.2"
              - {}
              - document: RFC 8996
                url: ftp://example.org/rfc8996
        """)
        let diagnostics = fixture.lint("citations.yaml")
        XCTAssertDiagnostic(diagnostics, .error, "citations.yaml", 7, 9, "citation of '000_527d28aceaa6f465.txt' needs 'quote'")
        XCTAssertDiagnostic(diagnostics, .error, "citations.yaml", 7, 9, "citation of '000_527d28aceaa6f465.txt' needs 'english'")
        XCTAssertDiagnostic(diagnostics, .error, "citations.yaml", 9, 9, "a citation needs a 'document'")
        XCTAssertDiagnostic(diagnostics, .error, "citations.yaml", 10, 9, "citation of 'RFC 8996' needs 'english'")
        XCTAssertDiagnostic(diagnostics, .error, "citations.yaml", 11, 14, "'ftp://example.org/rfc8996' is not an http(s) URL")
        XCTAssertEqual(diagnostics.count, 5, diagnostics.map(\.description).joined(separator: "\n"))
    }

    /// A child that overrides one parameter needs a citation for that parameter only; the
    /// parent's citation does not justify the child's value.
    func testChildOverrideNeedsItsOwnCitation() throws {
        let fixture = try ProfileFixture()
        try fixture.write("parent.yaml", """
        metadata:
          id: parent
          title: Parent
        rules:
          tls.cert_expiring:
            params:
              renewal_lead_days: 30
            citations:
              - org_decision: true
                english: parent decision
        """)
        try fixture.write("child.yaml", """
        metadata:
          id: child
          title: Child
        extends: parent.yaml
        rules:
          tls.cert_expiring:
            severity: high
            params:
              renewal_lead_days: 45
        """)
        let diagnostics = fixture.lint("child.yaml")
        XCTAssertDiagnostic(diagnostics, .error, "child.yaml", 9, 7, "setting 'tls.cert_expiring.renewal_lead_days' has no citation")
        XCTAssertEqual(diagnostics.count, 1, "changing severity needs no citation:\n" + diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testQuotesAreVerifiedAgainstTheSourceDocument() throws {
        let fixture = try ProfileFixture()
        try fixture.write("sources/policy.txt", """
        5.1.3 無線機器のアクセス制御方法

        - ・ 認証方式は、WPA2-PSK方式とする。
        - ・ 本社、●●工場を2つのサブネットに区分した、プライベートアドレスを利

        用した、社内 LAN 環境。
        """)
        try fixture.write("quotes.yaml", """
        metadata:
          id: fixture
          title: Fixture
        rules:
          wireless.auth_not_allowed:
            params:
              allowed_auth: [wpa2-psk]
            citations:
              - document: policy.txt
                section: 5.1.3
                quote: 認証方式は、WPA2-PSK方式とする。
                english: WPA2-PSK.
              - document: policy.txt
                section: 5.1.3
                quote: 認証方式は、WPA3-SAE方式とする。
                english: invented
              - document: policy.txt
                section: 7.22.1
                quote: プライベートアドレスを利用した、社内 LAN 環境。
                english: A line break inside the sentence does not matter.
              - document: other.txt
                section: "1"
                quote: どこにもない
                english: not provided
        """)
        let sources = fixture.directory.appendingPathComponent("sources")
        let diagnostics = fixture.lint("quotes.yaml", sources: sources)
        XCTAssertDiagnostic(diagnostics, .error, "quotes.yaml", 13, 9, "quote not found in policy.txt §5.1.3: '認証方式は、WPA3-SAE方式とする。'")
        XCTAssertDiagnostic(diagnostics, .warning, "quotes.yaml", 21, 9, "cannot verify quote: 'other.txt' is not in")
        XCTAssertEqual(diagnostics.count, 2, diagnostics.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(fixture.lint("quotes.yaml").isEmpty, "without sources the quotes are not checked")
    }

    func testExceptionChecks() throws {
        let fixture = try ProfileFixture()
        try fixture.write("exceptions.yaml", """
        metadata:
          id: fixture
          title: Fixture
        approvers:
          roles: [情報セキュリティ責任者]
          citations:
            - org_decision: true
              english: x
        rules:
          ledger.unregistered_device:
            allow_exceptions: false
            citations:
              - org_decision: true
                english: no exception path
        exceptions:
          - id: no-approval
            match: {mac: "00:11:22:33:44:55"}
          - id: expired
            rules: [tls.cert_expired]
            match: {endpoint: "mail.example.jp:993"}
            approver: 山田
            approver_role: 情報セキュリティ責任者
            expires: 2026-05-31
          - id: wrong-role
            rules: [tls.cert_expired]
            match: {ip: 10.0.0.0/24}
            approver: 佐藤
            approver_role: 情報セキュリティ責任
            expires: 2027-01-01
          - id: forbidden
            rules: [ledger.unregistered_device]
            match: {asset_id: PC-001}
            approver: 山田
            approver_role: 情報セキュリティ責任者
            expires: 2027-01-01
          - id: backwards
            rules: [tls.cert_expired]
            match: {asset_id: PC-002}
            approver: 山田
            approver_role: 情報セキュリティ責任者
            approved: 2026-04-01
            expires: 2026-03-01
          - id: expired
            rules: [tls.cert_expired]
            match: {asset_id: PC-003}
            approver: 山田
            approver_role: 情報セキュリティ責任者
            expires: 2027-01-01
        """)
        let diagnostics = fixture.lint("exceptions.yaml")
        XCTAssertDiagnostic(diagnostics, .error, "exceptions.yaml", 16, 5, "exception 'no-approval' has no approver")
        XCTAssertDiagnostic(diagnostics, .error, "exceptions.yaml", 16, 5, "exception 'no-approval' has no 'expires' date")
        XCTAssertDiagnostic(diagnostics, .error, "exceptions.yaml", 16, 5, "exception 'no-approval' applies to every rule, including ledger.unregistered_device")
        XCTAssertDiagnostic(diagnostics, .error, "exceptions.yaml", 16, 5, "exception 'no-approval' needs 'approver_role'")
        XCTAssertDiagnostic(diagnostics, .error, "exceptions.yaml", 28, 20,
                            "approver_role '情報セキュリティ責任' of exception 'wrong-role' may not approve exceptions under this profile")
        XCTAssertDiagnostic(diagnostics, .error, "exceptions.yaml", 31, 13,
                            "contradiction: exception 'forbidden' covers 'ledger.unregistered_device', but the policy allows no exception")
        XCTAssertDiagnostic(diagnostics, .error, "exceptions.yaml", 42, 14, "exception 'backwards' expires (2026-03-01) before it was approved (2026-04-01)")
        XCTAssertDiagnostic(diagnostics, .error, "exceptions.yaml", 43, 9, "duplicate exception id 'expired' (first at line 18)")
        XCTAssertDiagnostic(diagnostics, .warning, "exceptions.yaml", 42, 14, "exception 'backwards' expired on 2026-03-01")
        XCTAssertEqual(diagnostics.errorCount, 8, diagnostics.map(\.description).joined(separator: "\n"))
    }

    /// Expiry is judged on the injected date: the day after is a warning, the day itself is not.
    func testExpiredExceptionIsAWarningRelativeToToday() throws {
        let fixture = try ProfileFixture()
        try fixture.write("expiry.yaml", """
        metadata:
          id: fixture
          title: Fixture
        exceptions:
          - id: tethering
            rules: [lan.rogue_dhcp_server]
            match: {mac: "02:00:00:00:00:01"}
            approver: CEO
            expires: 2026-05-31
        """)
        let after = fixture.lint("expiry.yaml", today: ProfileDate("2026-06-01")!)
        XCTAssertEqual(after.map(\.description), [
            fixture.directory.appendingPathComponent("expiry.yaml").path
                + ":9:14: warning: exception 'tethering' expired on 2026-05-31 (today is 2026-06-01); renew the approval or remove the exception",
        ])
        XCTAssertEqual(fixture.lint("expiry.yaml", today: ProfileDate("2026-05-31")!), [])
    }

    func testSitesAndSSIDsAreValidated() throws {
        let fixture = try ProfileFixture()
        try fixture.write("sites.yaml", """
        metadata:
          id: fixture
          title: Fixture
        scope:
          sites:
            - name: hq
              subnets: [192.168.0.0/16]
            - name: factory
              subnets: [192.168.20.0/24]
            - name: hq
              subnets: [192.168.0.0/16]
          ssids:
            - name: CORP
              bssids: [00-11-22-33-44-55, nonsense]
            - name: ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456
        """)
        let diagnostics = fixture.lint("sites.yaml")
        XCTAssertDiagnostic(diagnostics, .error, "sites.yaml", 10, 13, "duplicate site name 'hq' (first at line 6)")
        XCTAssertDiagnostic(diagnostics, .warning, "sites.yaml", 9, 17, "subnet 192.168.20.0/24 of site 'factory' overlaps 192.168.0.0/16 of site 'hq'")
        XCTAssertDiagnostic(diagnostics, .error, "sites.yaml", 14, 35, "'nonsense' is not a MAC address")
        XCTAssertDiagnostic(diagnostics, .error, "sites.yaml", 15, 13, "IEEE 802.11 allows at most 32")
        XCTAssertEqual(diagnostics.count, 4, diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testMetadataIsRequired() throws {
        let fixture = try ProfileFixture()
        try fixture.write("nometa.yaml", """
        rules: {}
        """)
        XCTAssertDiagnostic(fixture.lint("nometa.yaml"), .error, "nometa.yaml", 1, 1, "missing 'metadata'")
        try fixture.write("badmeta.yaml", """
        metadata:
          id: Bad Id
          language: jp
        """)
        let diagnostics = fixture.lint("badmeta.yaml")
        XCTAssertDiagnostic(diagnostics, .error, "badmeta.yaml", 2, 7, "metadata.id 'Bad Id' must be lower-case")
        XCTAssertDiagnostic(diagnostics, .error, "badmeta.yaml", 1, 1, "metadata needs a 'title'")
        XCTAssertDiagnostic(diagnostics, .error, "badmeta.yaml", 3, 13, "unknown value 'jp' for metadata.language (did you mean 'ja'?)")
    }
}
