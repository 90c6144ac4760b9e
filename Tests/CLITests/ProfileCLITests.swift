import Foundation
import TestSupport
import XCTest

/// `netaudit profile lint|show|list` end to end: the built binary from `NETAUDIT_BIN`
/// (`swift build --product netaudit`), its output and exit codes.
final class ProfileCLITests: XCTestCase {
    private struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    private static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("netaudit-profile-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func binary() throws -> URL {
        guard let path = ProcessInfo.processInfo.environment["NETAUDIT_BIN"], !path.isEmpty else {
            throw XCTSkip("NETAUDIT_BIN is not set; build with `swift build --product netaudit` and point it at the binary")
        }
        return URL(fileURLWithPath: path)
    }

    /// Runs netaudit in `directory` (the repository root by default, so `profiles/` is found).
    private func netaudit(_ arguments: [String], in directory: URL? = nil, environment extra: [String: String] = [:]) throws -> Run {
        let r = try Subprocess.run([try binary().path] + arguments, environment: extra, directory: (directory ?? Self.repositoryRoot).path,
                                   unset: ["NETAUDIT_PROFILES", "NETAUDIT_SOURCES"])
        return Run(status: r.status.code, stdout: r.stdout, stderr: r.stderr)
    }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: scratch.appendingPathComponent(name))
    }

    func testListShowsTheShippedProfiles() throws {
        let run = try netaudit(["profile", "list"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first?.split(separator: " ", omittingEmptySubsequences: true), ["ID", "SOURCE", "DATE", "TITLE"])
        XCTAssertEqual(lines.dropFirst().map { String($0.split(separator: " ").first ?? "") },
                       ["incident-guideline", "isms-27001-2022", "jpma-standard", "operations-baseline", "recommended", "sme-policy-2018"])
        XCTAssertTrue(lines.contains { $0.hasPrefix("jpma-standard") && $0.contains("000_527d28aceaa6f465.txt") && $0.hasSuffix("情報管理規程 JPMA 標準モデル") },
                      run.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("sme-policy-2018") && $0.contains("2018-07-01") }, run.stdout)

        let json = try netaudit(["profile", "list", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let entries = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(entries.count, 6)
        XCTAssertEqual(entries.first { $0["id"] as? String == "isms-27001-2022" }?["file"] as? String, "profiles/isms-27001-2022.yaml")
    }

    func testShippedProfilesLintClean() throws {
        let files = ["incident-guideline", "isms-27001-2022", "jpma-standard", "operations-baseline", "recommended", "sme-policy-2018"]
            .map { "profiles/\($0).yaml" }
        let run = try netaudit(["profile", "lint"] + files)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "netaudit: 0 errors, 0 warnings in 6 profiles\n")
    }

    func testShippedQuotesVerifyAgainstSeedDocuments() throws {
        let seeds = ProcessInfo.processInfo.environment["NETAUDIT_SOURCES"] ?? "/work/shared/seeds"
        guard FileManager.default.fileExists(atPath: seeds) else { throw XCTSkip("seed documents not available at \(seeds)") }
        let run = try netaudit(["profile", "lint", "--sources", seeds, "jpma-standard", "isms-27001-2022", "sme-policy-2018",
                                "incident-guideline", "operations-baseline", "recommended"])
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertEqual(run.stdout, "")
    }

    func testLintReportsLocatedErrorsAndExitsTwo() throws {
        try write("bad.yaml", """
        metadata:
          id: bad
          title: Bad
          languag: ja
        rules:
          tls.cert_expiry: {}
          wireless.psk_weak:
            params:
              min_length: 4
            citations:
              - org_decision: true
                english: too short
        """)
        let run = try netaudit(["profile", "lint", "bad.yaml"], in: scratch)
        XCTAssertEqual(run.status, 2, run.stdout + run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").map(String.init), [
            "bad.yaml:4:3: error: unknown key 'languag' in metadata (did you mean 'language'?)",
            "bad.yaml:6:3: error: unknown rule id 'tls.cert_expiry' (did you mean 'tls.cert_expired'?)",
            "bad.yaml:9:19: error: wireless.psk_weak.min_length is 4, outside its range 8…63",
        ])
        XCTAssertEqual(run.stderr, "netaudit: 3 errors, 0 warnings in 1 profile\n")
    }

    func testWarningsOnlyExitZero() throws {
        try write("warn.yaml", """
        metadata:
          id: warn
          title: Warn
        exceptions:
          - id: tethering
            rules: [lan.rogue_dhcp_server]
            match: {mac: "02:00:00:00:00:01"}
            approver: CEO
            expires: 2026-05-31
        """)
        let run = try netaudit(["profile", "lint", "--today", "2026-06-01", "warn.yaml"], in: scratch)
        XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
        XCTAssertEqual(run.stdout,
                       "warn.yaml:9:14: warning: exception 'tethering' expired on 2026-05-31 (today is 2026-06-01); renew the approval or remove the exception\n")
        let before = try netaudit(["profile", "lint", "--today", "2026-05-31", "warn.yaml"], in: scratch)
        XCTAssertEqual(before.status, 0)
        XCTAssertEqual(before.stdout, "")
    }

    func testExtendsByIDUsesTheSearchPath() throws {
        try write("org.yaml", """
        metadata:
          id: org
          title: Org
        extends: [recommended, jpma-standrad]
        """)
        let profiles = Self.repositoryRoot.appendingPathComponent("profiles").path
        let run = try netaudit(["profile", "lint", "org.yaml"], in: scratch, environment: ["NETAUDIT_PROFILES": profiles])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stdout.hasPrefix("org.yaml:4:24: error: extends: cannot find profile 'jpma-standrad' (did you mean 'jpma-standard'?)"),
                      run.stdout)
    }

    func testShowPrintsTheEffectiveProfileWithOrigins() throws {
        let run = try netaudit(["profile", "show", "jpma-standard", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["id"] as? String, "jpma-standard")
        XCTAssertEqual(document["chain"] as? [String], ["profiles/jpma-standard.yaml"])
        let rules = try XCTUnwrap(document["rules"] as? [[String: Any]])
        let psk = try XCTUnwrap(rules.first { $0["id"] as? String == "wireless.psk_weak" })
        let params = try XCTUnwrap(psk["params"] as? [[String: Any]])
        let minLength = try XCTUnwrap(params.first { $0["name"] as? String == "min_length" })
        XCTAssertEqual(minLength["value"] as? Int, 12)
        XCTAssertTrue((minLength["origin"] as? String)?.hasPrefix("profiles/jpma-standard.yaml:") ?? false)
        let citation = try XCTUnwrap((psk["citations"] as? [[String: Any]])?.first)
        XCTAssertEqual(citation["section"] as? String, "5.1.3")
        XCTAssertEqual(citation["document"] as? String, "000_527d28aceaa6f465.txt")

        let yaml = try netaudit(["profile", "show", "profiles/recommended.yaml", "--all"])
        XCTAssertEqual(yaml.status, 0, yaml.stderr)
        XCTAssertTrue(yaml.stdout.contains("id: recommended"), yaml.stdout)
        XCTAssertTrue(yaml.stdout.contains("- id: ledger.unregistered_device"), "--all lists disabled rules too")
        XCTAssertTrue(yaml.stdout.contains("origin: catalog default"))
    }

    func testShowAndLintRejectBadInputWithExitTwo() throws {
        let unknown = try netaudit(["profile", "show", "no-such-profile"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no profile file or id 'no-such-profile'"), unknown.stderr)

        let badDate = try netaudit(["profile", "show", "recommended", "--today", "2026-13-01"])
        XCTAssertEqual(badDate.status, 2)
        XCTAssertTrue(badDate.stderr.contains("--today '2026-13-01' is not a date"), badDate.stderr)

        let badFormat = try netaudit(["profile", "show", "recommended", "--format", "xml"])
        XCTAssertEqual(badFormat.status, 2)

        let noFiles = try netaudit(["profile", "lint"])
        XCTAssertEqual(noFiles.status, 2)
        XCTAssertTrue(noFiles.stderr.contains("needs at least one profile file"), noFiles.stderr)

        let missing = try netaudit(["profile", "lint", "missing.yaml"], in: scratch)
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stdout, "missing.yaml:1:1: error: cannot read profile: no such file or installed profile id\n")

        try write("broken.yaml", "metadata:\n  id: broken\n  title: [\n")
        let broken = try netaudit(["profile", "show", "broken.yaml"], in: scratch)
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.contains("broken.yaml:4:1: error: YAML syntax error"), broken.stderr)
    }
}
