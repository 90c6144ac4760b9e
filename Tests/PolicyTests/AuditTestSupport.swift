import Foundation
import Ledger
import Policy
import Snapshot
import XCTest

/// Builds real inputs for audit tests: profiles through the profile loader (from YAML written to a
/// temporary directory), ledgers through the ledger reader, and runs `Auditor.audit`.
enum AuditTesting {
    /// The repository root (for `profiles/`), found from this file's path.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh directory under the system temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("netaudit-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Loads `yaml` as profile file `name` with the shipped profiles on the search path.
    static func profile(_ yaml: String, name: String = "audit-test.yaml", today: ProfileDate = AuditExample.defaultToday,
                        in directory: URL? = nil) throws -> ResolvedProfile {
        let directory = try directory ?? temporaryDirectory()
        let url = directory.appendingPathComponent(name)
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        let loader = ProfileLoader(searchPath: ProfileSearchPath(directories: [repositoryRoot.appendingPathComponent("profiles")]),
                                   options: ProfileCheckOptions(today: today))
        do {
            return try loader.load(file: url).profile
        } catch {
            XCTFail("profile did not load:\n\(error.description)\n--- YAML ---\n\(yaml)")
            throw error
        }
    }

    /// Params for the registered rules that have required parameters (tests that enable every rule).
    static let requiredParams: [String: String] = [
        "services.forbidden_port": "{ports: [23/tcp]}",
        "wireless.auth_not_allowed": "{allowed_auth: [wpa2-psk]}",
        "wireless.cipher_not_allowed": "{allowed_pairwise: [ccmp128]}",
        "wireless.psk_weak": "{min_length: 12}",
        "tls.protocol_version": "{min_version: tls1.2}",
        "tls.weak_cipher": "{forbidden_classes: [rc4, 3des]}",
        "tls.cert_expiring": "{renewal_lead_days: 30}",
    ]

    static func ledger(_ csv: String, path: String = "ledger.csv") throws -> Ledger {
        try LedgerReader.parse(text: csv, path: path)
    }

    /// Runs `example` with `ruleID` enabled and returns the outcome.
    static func run(_ example: AuditExample, ruleID: String) throws -> AuditOutcome {
        let profile = try profile(example.profileYAML(ruleID: ruleID), today: example.today)
        var parsed: Ledger?
        if let csv = example.ledgerCSV { parsed = try ledger(csv) }
        return Auditor.audit(snapshot: example.snapshot, ledger: parsed, profile: profile, today: example.today,
                             now: AuditExample.captureStart)
    }

    /// A profile enabling `rules` (each with optional params), with an org-decision citation each.
    static func profileYAML(rules: [(id: String, params: String?)], scope: [String] = [], exceptions: [String] = [],
                            extends: String? = nil, approvers: [String]? = nil, severity: [String: String] = [:]) -> String {
        var lines = ["metadata:", "  id: audit-test", "  title: audit test", "  language: en"]
        if let extends { lines.append("extends: \(extends)") }
        if let approvers {
            lines += ["approvers:", "  roles: [\(approvers.joined(separator: ", "))]", "  citations: [{org_decision: true}]"]
        }
        if !scope.isEmpty { lines += ["scope:"] + scope.map { "  " + $0 } + ["  citations: [{org_decision: true}]"] }
        lines.append("rules:")
        for rule in rules {
            lines.append("  \(rule.id):")
            if let params = rule.params { lines.append("    params: \(params)") }
            if let level = severity[rule.id] { lines.append("    severity: \(level)") }
            lines.append("    citations: [{org_decision: true}]")
        }
        if !exceptions.isEmpty { lines += ["exceptions:"] + exceptions.map { "  - " + $0 } }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension AuditOutcome {
    /// Every finding (active and suppressed) of `ruleID`.
    func all(_ ruleID: String) -> [Finding] { allFindings.filter { $0.ruleID == ruleID } }
    func active(_ ruleID: String) -> [Finding] { findings.filter { $0.ruleID == ruleID } }
}
