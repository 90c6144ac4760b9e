import XCTest
@testable import Policy

final class ProfileRuleCatalogTests: XCTestCase {
    /// The ids are a public contract (finding fingerprints, profiles, the rule registry).
    static let expectedIDs = [
        "ledger.unregistered_device", "ledger.device_not_seen", "ledger.ip_mismatch", "ledger.mac_mismatch",
        "ledger.retired_device_seen", "ledger.randomized_mac", "ledger.approval_expired", "ledger.subnet_mismatch",
        "lan.rogue_dhcp_server", "lan.ip_conflict",
        "services.forbidden_port", "services.not_allowed", "services.cleartext_management",
        "tls.protocol_version", "tls.weak_cipher", "tls.weak_key_exchange", "tls.cert_expired", "tls.cert_expiring",
        "tls.cert_key_too_small", "tls.cert_weak_signature", "tls.cert_hostname_mismatch", "tls.cert_untrusted",
        "tls.cert_chain_incomplete",
        "mail.starttls_missing", "mail.plaintext_auth",
        "wireless.auth_not_allowed", "wireless.cipher_not_allowed", "wireless.psk_weak", "wireless.any_connection_enabled",
        "wireless.mac_auth_missing", "wireless.mac_acl_mismatch", "wireless.pmf_not_required", "wireless.wps_enabled",
        "wireless.rogue_ap", "wireless.unauthorized_client",
    ]

    func testCatalogHoldsExactlyTheContractedIDs() {
        XCTAssertEqual(RuleCatalog.ids, Self.expectedIDs)
        XCTAssertEqual(Set(RuleCatalog.ids).count, RuleCatalog.ids.count, "ids are unique")
    }

    func testEveryIDStartsWithItsFamilyAndHasBothLanguages() {
        for entry in RuleCatalog.entries {
            XCTAssertTrue(entry.id.hasPrefix(entry.family.rawValue + "."), entry.id)
            XCTAssertFalse(entry.summary.en.isEmpty, entry.id)
            XCTAssertTrue(entry.summary.ja.unicodeScalars.contains { $0.value >= 0x3000 }, "\(entry.id) has Japanese text")
            XCTAssertEqual(Set(entry.parameters.map(\.name)).count, entry.parameters.count, "\(entry.id) parameter names unique")
        }
    }

    func testLookupByID() {
        XCTAssertEqual(RuleCatalog.entry(for: "tls.cert_expiring")?.defaultSeverity, .medium)
        XCTAssertEqual(RuleCatalog.entry(for: "tls.cert_expiring")?.parameter("renewal_lead_days")?.isRequired, true)
        XCTAssertNil(RuleCatalog.entry(for: "tls.cert_expiry"))
        XCTAssertEqual(RuleCatalog.entries(in: .mail).map(\.id), ["mail.starttls_missing", "mail.plaintext_auth"])
    }

    /// Every default must itself be a value the linter would accept for the parameter.
    func testDefaultsLieInTheirDomains() {
        for entry in RuleCatalog.entries {
            for parameter in entry.parameters {
                guard let value = parameter.defaultValue else { continue }
                let what = "\(entry.id).\(parameter.name)"
                switch (parameter.type, value) {
                case (.bool, .bool): break
                case (.int(let range), .int(let number)): XCTAssertTrue(range.contains(number), what)
                case (.enumeration(let domain), .string(let member)): XCTAssertTrue(domain.contains(member), what)
                case (.enumList(let domain), .strings(let members)): XCTAssertTrue(members.allSatisfy(domain.contains), what)
                case (.cipherClassList, .strings(let members)):
                    XCTAssertTrue(members.allSatisfy { RuleCatalog.CipherClass(rawValue: $0) != nil }, what)
                case (.stringList, .strings), (.portList, .ports), (.string, .string), (.path, .string): break
                default: XCTFail("\(what): default \(value) does not fit type \(parameter.type)")
                }
            }
        }
    }

    func testBriefParametersExist() {
        let required: [(String, String)] = [
            ("tls.protocol_version", "min_version"), ("tls.weak_cipher", "forbidden_classes"),
            ("tls.weak_key_exchange", "min_dh_bits"), ("tls.cert_key_too_small", "min_rsa_bits"),
            ("tls.cert_key_too_small", "min_ec_bits"), ("tls.cert_weak_signature", "forbidden_hashes"),
            ("tls.cert_expiring", "renewal_lead_days"), ("tls.cert_untrusted", "ca_bundle"),
            ("wireless.auth_not_allowed", "allowed_auth"), ("wireless.cipher_not_allowed", "allowed_pairwise"),
            ("wireless.psk_weak", "min_length"), ("wireless.psk_weak", "required_classes"),
            ("wireless.pmf_not_required", "minimum"), ("services.forbidden_port", "ports"),
            ("services.cleartext_management", "ports"), ("ledger.randomized_mac", "match_by_hostname"),
            ("ledger.device_not_seen", "grace_days"),
        ]
        for (rule, parameter) in required {
            XCTAssertNotNil(RuleCatalog.entry(for: rule)?.parameter(parameter), "\(rule).\(parameter)")
        }
        XCTAssertEqual(RuleCatalog.CipherClass.allCases.map(\.rawValue),
                       ["null", "anon", "export", "rc4", "des", "3des", "cbc", "no_forward_secrecy"])
    }

    func testTLSVersionsOrderAndWirelessSemantics() {
        XCTAssertLessThan(RuleCatalog.TLSVersion.tls11, .tls12)
        XCTAssertFalse(RuleCatalog.WirelessAuth.wpa2PSK.identifiesEachUser)
        XCTAssertTrue(RuleCatalog.WirelessAuth.wpa2Enterprise.identifiesEachUser)
        XCTAssertFalse(RuleCatalog.WirelessAuth.wpa3SAE.compatibleCiphers.contains(.tkip))
    }

    func testEditDistanceSuggestions() {
        XCTAssertEqual(LintSuggestion.editDistance("rules", "rule"), 1)
        XCTAssertEqual(LintSuggestion.editDistance("sevreity", "severity"), 1, "a swapped pair is one edit")
        XCTAssertEqual(LintSuggestion.closest(to: "tls.cert_expiry", among: RuleCatalog.ids), "tls.cert_expired")
        XCTAssertEqual(LintSuggestion.closest(to: "weak_cipher", among: RuleCatalog.ids), "tls.weak_cipher")
        XCTAssertNil(LintSuggestion.closest(to: "colour", among: ["severity", "enabled"]))
    }

    func testPortRanges() {
        XCTAssertEqual(ProfilePortRange("23/tcp")?.description, "23/tcp")
        XCTAssertEqual(ProfilePortRange("6000-6063")?.description, "6000-6063")
        XCTAssertNil(ProfilePortRange("0"))
        XCTAssertNil(ProfilePortRange("70000/tcp"))
        XCTAssertNil(ProfilePortRange("23/sctp"))
        XCTAssertNil(ProfilePortRange("30-20"))
        XCTAssertTrue(ProfilePortRange("23")!.contains(port: 23, transport: .udp))
        XCTAssertFalse(ProfilePortRange("161/udp")!.contains(port: 161, transport: .tcp))
    }

    func testDates() {
        XCTAssertNotNil(ProfileDate("2024-02-29"))
        XCTAssertNil(ProfileDate("2023-02-29"))
        XCTAssertNil(ProfileDate("2026-3-31"))
        XCTAssertEqual(ProfileDate("2026-03-31")?.description, "2026-03-31")
        XCTAssertLessThan(ProfileDate("2026-03-31")!, ProfileDate("2026-04-01")!)
    }
}

/// docs/profile-schema.md documents every rule, parameter and schema key.
final class ProfileSchemaDocumentationTests: XCTestCase {
    func testDocumentationCoversTheCatalogAndSchema() throws {
        let docs = try String(contentsOf: ProfileTesting.repositoryRoot.appendingPathComponent("docs/profile-schema.md"), encoding: .utf8)
        for entry in RuleCatalog.entries {
            let row = docs.split(separator: "\n").first { $0.hasPrefix("| `\(entry.id)` |") }
            XCTAssertNotNil(row, "\(entry.id) has a row in the rule table")
            XCTAssertTrue(row?.contains("| \(entry.defaultSeverity.rawValue) |") ?? false, "\(entry.id) severity")
            for parameter in entry.parameters {
                XCTAssertTrue(row?.contains("`\(parameter.name)`") ?? false, "\(entry.id).\(parameter.name) documented")
            }
        }
        let keys = ProfileParser.Keys.self
        for key in keys.root + keys.metadata + keys.scope + keys.rule + keys.citation + keys.exception + keys.match + keys.approvers {
            XCTAssertTrue(docs.contains("`\(key)`"), "schema key \(key) documented")
        }
    }
}
