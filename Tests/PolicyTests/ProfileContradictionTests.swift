import XCTest
@testable import Policy

/// Each contradiction the source policies contain (requirements §5) that a profile can express.
final class ProfileContradictionTests: XCTestCase {
    private func lint(_ rules: String, scope: String = "") throws -> (ProfileFixture, [LintDiagnostic]) {
        let fixture = try ProfileFixture()
        try fixture.write("p.yaml", ProfileTesting.header + "\n" + scope + "rules:\n" + rules)
        return (fixture, fixture.lint("p.yaml"))
    }

    /// CON-3: JPMA 5.1.3 (WPA2-PSK) against 7.23 (only people with a unique account).
    func testSharedKeyOnlyAgainstPerUserAccounts() throws {
        let (_, diagnostics) = try lint("""
          wireless.auth_not_allowed:
            params:
              allowed_auth: [wpa2-psk]
              require_per_user_accounts: true
        \(ProfileTesting.orgCitation)
        """)
        // Line 4 is `rules:`; the parameter values sit on lines 7 and 8.
        XCTAssertDiagnostic(diagnostics, .error, "p.yaml", 8, 34,
                            "contradiction: wireless.auth_not_allowed requires per-user accounts (require_per_user_accounts: true) but allows only shared-key or unauthenticated methods (wpa2-psk)")
        XCTAssertEqual(diagnostics.count, 1, diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testPerUserAccountsWithSharedKeyStillAllowed() throws {
        let (_, diagnostics) = try lint("""
          wireless.auth_not_allowed:
            params:
              allowed_auth: [wpa2-enterprise, wpa2-psk]
              require_per_user_accounts: true
        \(ProfileTesting.orgCitation)
        """)
        XCTAssertDiagnostic(diagnostics, .error, "p.yaml", 8, 34, "requires per-user accounts but also allows wpa2-psk")
    }

    func testPerUserAccountsWithEnterpriseOnlyIsConsistent() throws {
        let (_, diagnostics) = try lint("""
          wireless.auth_not_allowed:
            params:
              allowed_auth: [wpa2-enterprise, wpa3-enterprise]
              require_per_user_accounts: true
        \(ProfileTesting.orgCitation)
        """)
        XCTAssertEqual(diagnostics, [])
    }

    /// The child completes the contradiction, so the error points into the child.
    func testContradictionAcrossExtendsPointsAtTheChild() throws {
        let fixture = try ProfileFixture()
        try fixture.write("parent.yaml", ProfileTesting.header + "\n" + """
        rules:
          wireless.auth_not_allowed:
            params:
              allowed_auth: [wpa2-psk]
        \(ProfileTesting.orgCitation)
        """)
        try fixture.write("child.yaml", """
        metadata:
          id: child
          title: Child
        extends: parent.yaml
        rules:
          wireless.auth_not_allowed:
            params:
              require_per_user_accounts:
                value: true
                citations:
                  - org_decision: true
                    english: per-user accounts (7.23)
        """)
        let diagnostics = fixture.lint("child.yaml")
        XCTAssertDiagnostic(diagnostics, .error, "child.yaml", 9, 16, "contradiction: wireless.auth_not_allowed requires per-user accounts")
        XCTAssertEqual(diagnostics.count, 1, diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testTLSMinimumAboveMaximum() throws {
        let (_, diagnostics) = try lint("""
          tls.protocol_version:
            params:
              min_version: tls1.3
              max_version: tls1.2
        \(ProfileTesting.orgCitation)
        """)
        XCTAssertDiagnostic(diagnostics, .error, "p.yaml", 8, 20, "min_version tls1.3 is above max_version tls1.2")
        XCTAssertEqual(diagnostics.count, 1)
        let (_, fine) = try lint("""
          tls.protocol_version:
            params:
              min_version: tls1.2
              max_version: tls1.3
        \(ProfileTesting.orgCitation)
        """)
        XCTAssertEqual(fine, [])
    }

    /// EX-1: internal mail may authenticate in cleartext (JPMA 5.1.4) only if STARTTLS is not
    /// demanded from those same servers.
    func testInternalPlaintextMailAgainstSTARTTLS() throws {
        let (_, diagnostics) = try lint("""
          mail.plaintext_auth:
            params:
              allow_on_internal_sites: true
        \(ProfileTesting.orgCitation)
          mail.starttls_missing:
        \(ProfileTesting.orgCitation)
        """)
        XCTAssertDiagnostic(diagnostics, .error, "p.yaml", 11, 3, "contradiction: mail.plaintext_auth allows cleartext authentication on internal sites")
        let (_, resolved) = try lint("""
          mail.plaintext_auth:
            params:
              allow_on_internal_sites: true
        \(ProfileTesting.orgCitation)
          mail.starttls_missing:
            params:
              exempt_internal_sites: true
        \(ProfileTesting.orgCitation)
        """)
        XCTAssertEqual(resolved, [])
    }

    func testPortBothForbiddenAndAllowed() throws {
        let (_, diagnostics) = try lint("""
          services.forbidden_port:
            params:
              ports: [23/tcp, 7547]
        \(ProfileTesting.orgCitation)
          services.not_allowed:
            params:
              allowed_ports: [443/tcp, 7500-7600/tcp]
        \(ProfileTesting.orgCitation)
        """)
        XCTAssertDiagnostic(diagnostics, .error, "p.yaml", 13, 22, "port 7547 is forbidden by services.forbidden_port but allowed on every host by services.not_allowed (7500-7600/tcp)")
        XCTAssertEqual(diagnostics.count, 1, diagnostics.map(\.description).joined(separator: "\n"))
    }

    /// CON-3 (b): WPA3 cannot run with TKIP, WEP keys need WEP.
    func testAuthMethodWithoutUsableCipher() throws {
        let (_, diagnostics) = try lint("""
          wireless.auth_not_allowed:
            params:
              allowed_auth: [wpa3-sae, wpa2-psk]
        \(ProfileTesting.orgCitation)
          wireless.cipher_not_allowed:
            params:
              allowed_pairwise: [tkip]
        \(ProfileTesting.orgCitation)
        """)
        XCTAssertDiagnostic(diagnostics, .error, "p.yaml", 13, 25, "allowed_auth includes wpa3-sae, but none of the allowed pairwise ciphers (tkip) works with it")
        XCTAssertEqual(diagnostics.count, 1, diagnostics.map(\.description).joined(separator: "\n"))
    }

    /// CON-5: JPMA 7.22.1 prescribes three subnets.
    func testDeclaredSitesDifferFromRequiredCount() throws {
        let (_, diagnostics) = try lint("""
          ledger.subnet_mismatch:
            params:
              required_site_count: 3
        \(ProfileTesting.orgCitation)
        """, scope: """
        scope:
          sites:
            - name: hq
              subnets: [192.168.10.0/24]

        """)
        XCTAssertDiagnostic(diagnostics, .warning, "p.yaml", 11, 28, "scope declares 1 site(s) but ledger.subnet_mismatch required_site_count is 3")
        XCTAssertEqual(diagnostics.errorCount, 0)
    }
}
