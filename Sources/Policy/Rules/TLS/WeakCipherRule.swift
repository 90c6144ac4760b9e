import Snapshot

/// `tls.weak_cipher`: an endpoint accepts cipher suites in the profile's `forbidden_classes`
/// (`null`, `anon`, `export`, `rc4`, `des`, `3des`, `cbc`, `no_forward_secrecy`). Classes are
/// derived from the suite's recorded properties (key exchange, authentication, encryption, mode,
/// export flag, bits), not from a registry, so an unknown code point with known properties is still
/// judged. TLS 1.3 suites are never CBC and always forward secret. One finding per endpoint; each
/// offending suite is one evidence line with the versions that accepted it and its classes.
public struct WeakCipherRule: AuditRule, AuditInputRequirement {
    public static let id = "tls.weak_cipher"
    public static var requiresLedger: Bool { false }
    public init() {}

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        TLSRules.missingInput(context, rule)
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let forbidden = rule.enumerations("forbidden_classes", as: RuleCatalog.CipherClass.self) ?? []
        return TLSRules.evaluate(context, rule) { target in
            guard !forbidden.isEmpty else { return nil }
            // Suite name → (suite, versions accepting it, forbidden classes), in first-seen order.
            var order: [String] = []
            var hits: [String: (suite: TLSCipherSuite, versions: [String], classes: [RuleCatalog.CipherClass])] = [:]
            for support in target.endpoint.acceptedProtocols {
                let version = RuleCatalog.TLSVersion(snapshotName: support.version)
                for suite in support.cipherSuites {
                    let classes = TLSCipherClasses.classes(of: suite, version: version).filter(forbidden.contains)
                    guard !classes.isEmpty else { continue }
                    let key = suite.code + " " + suite.name
                    if var hit = hits[key] {
                        if !hit.versions.contains(support.version) { hit.versions.append(support.version) }
                        for c in classes where !hit.classes.contains(c) { hit.classes.append(c) }
                        hits[key] = hit
                    } else {
                        order.append(key)
                        hits[key] = (suite, [support.version], classes)
                    }
                }
            }
            guard !order.isEmpty else { return nil }
            let ordered = order.compactMap { hits[$0] }
            var counts: [(RuleCatalog.CipherClass, Int)] = []
            for cipherClass in RuleCatalog.CipherClass.allCases {
                let n = ordered.filter { $0.classes.contains(cipherClass) }.count
                if n > 0 { counts.append((cipherClass, n)) }
            }
            let summary = counts.map { "\($0.0.rawValue) (\($0.1))" }.joined(separator: ", ")
            var evidence = ordered.map { hit in
                target.evidence("accepts \(hit.suite.name) (\(hit.suite.code)) under \(TLSRules.list(hit.versions)): "
                                + hit.classes.map(\.rawValue).joined(separator: ", "), context)
            }
            evidence.append(TLSRules.setting("the profile forbids cipher classes \(TLSRules.list(forbidden.map(\.rawValue)))",
                                             rule, parameter: "forbidden_classes"))
            let count = ordered.count
            return rule.finding(
                subject: target.subject, identity: target.identity,
                message: LocalizedText(
                    en: "\(target.label) accepts \(count) cipher suite\(count == 1 ? "" : "s") in forbidden classes: \(summary).",
                    ja: "\(target.label) が禁止された種類の暗号スイートを \(count) 個受け付けています: \(summary)。"),
                evidence: evidence,
                remediation: LocalizedText(
                    en: "Restrict the server's cipher list to (EC)DHE key exchange with AES-GCM or ChaCha20-Poly1305 (e.g. Mozilla's "
                        + "\"intermediate\" configuration), remove \(TLSRules.list(counts.map(\.0.rawValue))) suites, restart and probe again.",
                    ja: "サーバーの暗号スイートを (EC)DHE 鍵交換と AES-GCM 又は ChaCha20-Poly1305 の組合せに限定し（Mozilla の "
                        + "\"intermediate\" 設定など）、\(TLSRules.list(counts.map(\.0.rawValue))) に該当するスイートを削除したうえで再起動し、再検査してください。"))
        }
    }
}

extension WeakCipherRule {
    static let everyClass = "{forbidden_classes: [null, anon, export, rc4, des, 3des, cbc, no_forward_secrecy]}"

    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("RC4 and 3DES under TLS 1.0: one finding listing both",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(versions: ["TLSv1.0", "TLSv1.2"],
                                                                              suites: ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_RC4_128_SHA",
                                                                                       "TLS_RSA_WITH_3DES_EDE_CBC_SHA"])]),
                         params: "{forbidden_classes: [rc4, 3des]}"),
            AuditExample("CBC and static RSA under the Mozilla intermediate classes",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(suites: ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                                                                       "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                                                                                       "TLS_RSA_WITH_AES_128_GCM_SHA256"])]),
                         params: everyClass),
            AuditExample("anonymous, export and null suites",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(versions: ["TLSv1.0"],
                                                                              suites: ["TLS_DH_anon_WITH_AES_128_CBC_SHA", "TLS_RSA_EXPORT_WITH_RC4_40_MD5",
                                                                                       "TLS_RSA_WITH_NULL_SHA"])]),
                         params: "{forbidden_classes: [null, anon, export]}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("ECDHE with AEAD only, TLS 1.3 suites are never CBC or non-forward-secret",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint()]), params: everyClass).expecting(0),
            AuditExample("CBC accepted, but the profile forbids only RC4 and 3DES",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(suites: ["TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"])]),
                         params: "{forbidden_classes: [rc4, 3des]}").expecting(0),
            AuditExample("weak suites on a version the server refuses are not accepted",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(versions: ["TLSv1.3"], refused: ["TLSv1.0", "TLSv1.2"])]),
                         params: everyClass).expecting(0),
        ]
    }
}
