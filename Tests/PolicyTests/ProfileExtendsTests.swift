import NetAddress
import XCTest
@testable import Policy

/// `extends:` resolution, merge semantics and the typed accessors rules use.
final class ProfileExtendsTests: XCTestCase {
    private static let base = """
    metadata:
      id: base
      title: Base
    approvers:
      roles: [情報セキュリティ責任者]
      citations:
        - org_decision: true
          english: base approvers
    scope:
      sites:
        - name: hq
          subnets: [192.168.10.0/24]
        - name: factory
          subnets: [192.168.20.0/24]
    rules:
      tls.protocol_version:
        severity: medium
        params:
          min_version: tls1.2
        citations:
          - org_decision: true
            english: base TLS floor
      tls.cert_expiring:
        params:
          renewal_lead_days: 30
        citations:
          - org_decision: true
            english: base lead time
      wireless.wps_enabled:
        citations:
          - org_decision: true
            english: no WPS
    exceptions:
      - id: nas
        rules: [tls.cert_expiring]
        match: {endpoint: "192.168.10.5:443"}
        approver: 山田
        approver_role: 情報セキュリティ責任者
        expires: 2026-12-31
    """

    func testMultiLevelMergeOverridesPerRuleAndPerParameter() throws {
        let fixture = try ProfileFixture()
        try fixture.write("base.yaml", Self.base)
        try fixture.write("middle.yaml", """
        metadata:
          id: middle
          title: Middle
        extends: base.yaml
        scope:
          sites:
            - name: factory
              subnets: [10.20.0.0/16]
            - name: branch
              subnets: [10.30.0.0/16]
        rules:
          tls.cert_expiring:
            params:
              renewal_lead_days:
                value: 45
                citations:
                  - org_decision: true
                    english: middle lead time
          wireless.wps_enabled:
            enabled: false
        """)
        try fixture.write("leaf.yaml", """
        metadata:
          id: leaf
          title: Leaf
        extends: middle.yaml
        rules:
          tls.protocol_version:
            severity: critical
          wireless.wps_enabled:
            enabled: true
            citations:
              - org_decision: true
                english: WPS back on
        exceptions:
          - id: nas
            rules: [tls.cert_expiring]
            match: {endpoint: "192.168.10.5:443"}
            approver: 佐藤
            approver_role: 情報セキュリティ責任者
            expires: 2027-03-31
          - id: printer
            rules: [tls.cert_expired]
            match: {mac: "00:11:22:33:44:55"}
            approver: 佐藤
            approver_role: 情報セキュリティ責任者
            expires: 2027-03-31
        """)
        XCTAssertEqual(fixture.lint("leaf.yaml"), [])
        let profile = try fixture.load("leaf.yaml")
        XCTAssertEqual(profile.id, "leaf")
        XCTAssertEqual(profile.chain.map { $0.split(separator: "/").last.map(String.init) ?? $0 }, ["base.yaml", "middle.yaml", "leaf.yaml"])

        let tls = try XCTUnwrap(profile.rule("tls.protocol_version"))
        XCTAssertEqual(tls.severity, .critical, "leaf overrides severity")
        XCTAssertEqual(tls.enumeration("min_version", as: RuleCatalog.TLSVersion.self), .tls12, "parameter inherited from base")
        XCTAssertEqual(tls.parameter("min_version")?.origin.location?.file.hasSuffix("base.yaml"), true)
        XCTAssertEqual(tls.parameter("min_version")?.origin.location?.line, 19)

        let expiring = try XCTUnwrap(profile.rule("tls.cert_expiring"))
        XCTAssertEqual(expiring.int("renewal_lead_days"), 45, "middle overrides base's parameter")
        XCTAssertEqual(expiring.parameter("renewal_lead_days")?.citations.map(\.value.english), ["middle lead time"])
        XCTAssertEqual(expiring.citations.map(\.value.english), ["base lead time"])

        XCTAssertNotNil(profile.rule("wireless.wps_enabled"), "the last explicit `enabled` wins")
        XCTAssertEqual(profile.rule("wireless.wps_enabled")?.enabledOrigin.location?.line, 9)
        XCTAssertNil(profile.rule("tls.weak_cipher"), "rules nobody lists stay disabled")
        XCTAssertEqual(profile.settings(for: "tls.weak_cipher")?.enabled, false)

        XCTAssertEqual(profile.scope.sites.map(\.name.value), ["hq", "factory", "branch"], "sites merge by name, in place")
        XCTAssertEqual(profile.scope.sites[1].subnets.map(\.value.description), ["10.20.0.0/16"])
        XCTAssertEqual(profile.approverRoles?.value, ["情報セキュリティ責任者"])
        XCTAssertEqual(profile.exceptions.map(\.id.value), ["nas", "printer"], "exceptions merge by id")
        XCTAssertEqual(profile.exceptions[0].approver, "佐藤")
    }

    func testCatalogDefaultsFillUnsetParameters() throws {
        let fixture = try ProfileFixture()
        try fixture.write("p.yaml", ProfileTesting.header + "\n" + """
        rules:
          tls.cert_key_too_small:
            params:
              min_rsa_bits: 3072
        \(ProfileTesting.orgCitation)
          services.cleartext_management:
        \(ProfileTesting.orgCitation)
        """)
        let profile = try fixture.load("p.yaml")
        let keys = try XCTUnwrap(profile.rule("tls.cert_key_too_small"))
        XCTAssertEqual(keys.int("min_rsa_bits"), 3072)
        XCTAssertEqual(keys.int("min_ec_bits"), 256)
        XCTAssertEqual(keys.parameter("min_ec_bits")?.origin, .catalogDefault)
        XCTAssertEqual(profile.rule("services.cleartext_management")?.ports("ports")?.map(\.description),
                       ["23/tcp", "80/tcp", "8080/tcp", "161/udp"])
        XCTAssertNil(profile.rule("tls.protocol_version")?.string("max_version"))
    }

    func testListExtendsLinearisesADiamondOnce() throws {
        let fixture = try ProfileFixture()
        try fixture.write("base.yaml", Self.base)
        try fixture.write("a.yaml", """
        metadata: {id: a, title: A}
        extends: base.yaml
        rules:
          tls.cert_expiring:
            params:
              renewal_lead_days: 60
            citations:
              - org_decision: true
                english: a
        """)
        try fixture.write("b.yaml", """
        metadata: {id: b, title: B}
        extends: base.yaml
        rules:
          tls.protocol_version:
            params:
              min_version: tls1.3
            citations:
              - org_decision: true
                english: b
        """)
        try fixture.write("top.yaml", """
        metadata: {id: top, title: Top}
        extends: [a.yaml, b.yaml]
        """)
        let profile = try fixture.load("top.yaml")
        XCTAssertEqual(profile.chain.map { String($0.split(separator: "/").last ?? "") }, ["base.yaml", "a.yaml", "b.yaml", "top.yaml"])
        XCTAssertEqual(profile.rule("tls.cert_expiring")?.int("renewal_lead_days"), 60, "base is not re-applied over a")
        XCTAssertEqual(profile.rule("tls.protocol_version")?.string("min_version"), "tls1.3")
    }

    func testIDsResolveBesideTheFileThenOnTheSearchPath() throws {
        let fixture = try ProfileFixture()
        try fixture.write("shipped/base.yaml", Self.base)
        try fixture.write("org/org.yaml", """
        metadata: {id: org, title: Org}
        extends: base
        """)
        let searchPath = ProfileSearchPath.standard(
            environment: ["NETAUDIT_PROFILES": fixture.directory.appendingPathComponent("shipped").path],
            currentDirectory: fixture.directory, executable: nil)
        XCTAssertEqual(searchPath.directories.first?.lastPathComponent, "shipped")
        let profile = try fixture.load("org/org.yaml", searchPath: searchPath)
        XCTAssertEqual(profile.rule("tls.protocol_version")?.string("min_version"), "tls1.2")

        try fixture.write("org/base.yaml", """
        metadata: {id: base, title: Local base}
        """)
        let local = try fixture.load("org/org.yaml", searchPath: searchPath)
        XCTAssertNil(local.rule("tls.protocol_version"), "a sibling file wins over the search path")

        let loader = ProfileLoader(searchPath: searchPath, options: ProfileCheckOptions(today: ProfileTesting.today))
        XCTAssertEqual(try loader.load("base").profile.metadata.title, "Base")
        XCTAssertThrowsError(try loader.load("bsae")) { error in
            let message = (error as? ProfileLoadError)?.description ?? ""
            XCTAssertTrue(message.contains("no profile file or id 'bsae' (did you mean 'base'?)"), message)
        }
    }

    func testStandardSearchPathOrder() {
        let path = ProfileSearchPath.standard(environment: ["NETAUDIT_PROFILES": "/a:/b"],
                                              currentDirectory: URL(fileURLWithPath: "/work"),
                                              executable: URL(fileURLWithPath: "/opt/netaudit/bin/netaudit"))
        XCTAssertEqual(path.directories.map(\.path), [
            "/a", "/b", "/work/profiles", "/opt/netaudit/share/netaudit/profiles",
            "/usr/local/share/netaudit/profiles", "/usr/share/netaudit/profiles",
        ])
    }

    func testMissingParentIsReportedAtTheExtendsValue() throws {
        let fixture = try ProfileFixture()
        try fixture.write("base.yaml", Self.base)
        try fixture.write("child.yaml", """
        metadata:
          id: child
          title: Child
        extends: [base.yaml, ./nowhere.yaml, jpma-standrad]
        """)
        let searchPath = ProfileSearchPath(directories: [ProfileTesting.shippedProfiles])
        let diagnostics = fixture.lint("child.yaml", searchPath: searchPath)
        XCTAssertDiagnostic(diagnostics, .error, "child.yaml", 4, 22, "extends: cannot find profile './nowhere.yaml'")
        XCTAssertDiagnostic(diagnostics, .error, "child.yaml", 4, 38, "extends: cannot find profile 'jpma-standrad' (did you mean 'jpma-standard'?)")
        XCTAssertEqual(diagnostics.count, 2, diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testCyclesAreErrorsAtTheClosingExtends() throws {
        let fixture = try ProfileFixture()
        try fixture.write("a.yaml", """
        metadata: {id: a, title: A}
        extends: b.yaml
        """)
        try fixture.write("b.yaml", """
        metadata: {id: b, title: B}
        extends: [c.yaml]
        """)
        try fixture.write("c.yaml", """
        metadata: {id: c, title: C}
        extends: a
        """)
        let diagnostics = fixture.lint("a.yaml")
        XCTAssertEqual(diagnostics.count, 1, diagnostics.map(\.description).joined(separator: "\n"))
        XCTAssertDiagnostic(diagnostics, .error, "c.yaml", 2, 10, "extends cycle: ")
        let directory = fixture.directory.path
        XCTAssertEqual(diagnostics.first?.message,
                       "extends cycle: \(directory)/a.yaml → \(directory)/b.yaml → \(directory)/c.yaml → \(directory)/a.yaml")
        XCTAssertThrowsError(try fixture.load("a.yaml"))

        try fixture.write("self.yaml", """
        metadata: {id: self, title: Self}
        extends: self.yaml
        """)
        XCTAssertDiagnostic(fixture.lint("self.yaml"), .error, "self.yaml", 2, 10, "extends cycle:")
    }

    func testBrokenParentIsReportedInBothFiles() throws {
        let fixture = try ProfileFixture()
        try fixture.write("parent.yaml", "metadata: [\n")
        try fixture.write("child.yaml", """
        metadata: {id: child, title: Child}
        extends: parent.yaml
        """)
        let diagnostics = fixture.lint("child.yaml")
        XCTAssertDiagnostic(diagnostics, .error, "child.yaml", 2, 10, "extends: profile 'parent.yaml'")
        XCTAssertTrue(diagnostics.contains { $0.location.file.hasSuffix("parent.yaml") && $0.message.contains("YAML syntax error") },
                      diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testExceptionMatchingAndActivity() throws {
        let fixture = try ProfileFixture()
        try fixture.write("base.yaml", Self.base)
        let profile = try fixture.load("base.yaml")
        let exception = try XCTUnwrap(profile.exceptions.first)
        let subject = Subject(kind: .endpoint, ip: "192.168.10.5", endpoint: "192.168.10.5:443")
        XCTAssertTrue(exception.covers(ruleID: "tls.cert_expiring", subject: subject))
        XCTAssertFalse(exception.covers(ruleID: "tls.cert_expired", subject: subject), "other rules are not covered")
        XCTAssertFalse(exception.covers(ruleID: "tls.cert_expiring", subject: Subject(kind: .endpoint, endpoint: "192.168.10.5:8443")))
        XCTAssertTrue(exception.isActive(on: ProfileDate("2026-12-31")!))
        XCTAssertFalse(exception.isActive(on: ProfileDate("2027-01-01")!))
        XCTAssertNotNil(profile.exception(covering: "tls.cert_expiring", subject: subject, on: ProfileDate("2026-07-01")!))
        XCTAssertNil(profile.exception(covering: "tls.cert_expiring", subject: subject, on: ProfileDate("2027-07-01")!))

        let byNetwork = ProfileExceptionMatch(ip: ProfileLocated(try XCTUnwrap(IPv4Network("10.0.0.0/8")), at: LintLocation(file: "x", line: 1, column: 1)))
        XCTAssertTrue(byNetwork.matches(Subject(kind: .device, ip: "10.1.2.3")))
        XCTAssertFalse(byNetwork.matches(Subject(kind: .device, ip: "11.1.2.3")))
        XCTAssertFalse(byNetwork.matches(Subject(kind: .device, mac: "00:11:22:33:44:55")), "a subject without an address does not match")
    }

    func testSiteLookup() throws {
        let fixture = try ProfileFixture()
        try fixture.write("base.yaml", Self.base)
        let profile = try fixture.load("base.yaml")
        XCTAssertEqual(profile.scope.site(containing: try XCTUnwrap(IPv4Address("192.168.20.7")))?.name.value, "factory")
        XCTAssertNil(profile.scope.site(containing: try XCTUnwrap(IPv4Address("172.16.0.1"))))
        XCTAssertFalse(profile.scope.ipOnlyMatching)
        XCTAssertEqual(profile.scope.ipOnlyMatchingOrigin, .catalogDefault)
    }
}
