import Snapshot

/// `tls.protocol_version`: an endpoint accepts a protocol version below `min_version` or above
/// `max_version` (when set). SSLv2 and SSLv3 are reported whatever the profile says (RFC 6176,
/// RFC 7568). One finding per endpoint, listing every offending version with the number of suites
/// it accepted there.
public struct ProtocolVersionRule: AuditRule, AuditInputRequirement {
    public static let id = "tls.protocol_version"
    public static var requiresLedger: Bool { false }
    public init() {}

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        TLSRules.missingInput(context, rule)
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        typealias Version = RuleCatalog.TLSVersion
        let minimum = rule.enumeration("min_version", as: Version.self)
        let maximum = rule.enumeration("max_version", as: Version.self)
        return TLSRules.evaluate(context, rule) { target in
            var offending: [(TLSProtocolSupport, Version, String)] = []
            for support in target.endpoint.acceptedProtocols {
                guard let version = Version(snapshotName: support.version) else { continue }
                if version <= .ssl3 {
                    offending.append((support, version, "SSL is broken and prohibited (RFC 6176, RFC 7568)"))
                } else if let minimum, version < minimum {
                    offending.append((support, version, "below the minimum \(minimum.displayName)"))
                } else if let maximum, version > maximum {
                    offending.append((support, version, "above the maximum \(maximum.displayName)"))
                }
            }
            guard !offending.isEmpty else { return nil }
            let names = offending.map { $0.1.displayName }
            let accepted = target.endpoint.acceptedProtocols.map(\.version)
            var evidence = offending.map { support, version, why in
                target.evidence("accepts \(version.displayName) (\(support.cipherSuites.count) cipher suite\(support.cipherSuites.count == 1 ? "" : "s")): \(why)", context)
            }
            evidence.append(target.evidence("accepted versions: \(TLSRules.list(accepted))", context))
            var limits: [String] = []
            if let minimum { limits.append("min_version \(minimum.rawValue)") }
            if let maximum { limits.append("max_version \(maximum.rawValue)") }
            evidence.append(TLSRules.setting("the profile sets \(limits.isEmpty ? "no version limits (SSL is always reported)" : TLSRules.list(limits))",
                                             rule, parameter: minimum == nil ? nil : "min_version"))
            let range = [minimum.map { "\($0.displayName) or newer" }, maximum.map { "\($0.displayName) or older" }]
                .compactMap { $0 }.joined(separator: " and ")
            let allowed = range.isEmpty ? "no SSL" : range
            let rangeJA = [minimum.map { "\($0.displayName) 以上" }, maximum.map { "\($0.displayName) 以下" }].compactMap { $0 }
            let allowedJA = rangeJA.isEmpty ? "SSL 以外" : rangeJA.joined(separator: "かつ")
            return rule.finding(
                subject: target.subject, identity: target.identity,
                message: LocalizedText(
                    en: "\(target.label) accepts \(TLSRules.list(names)); the profile allows \(allowed).",
                    ja: "\(target.label) が \(TLSRules.list(names)) を受け付けています。プロファイルで許可されているのは \(allowedJA) です。"),
                evidence: evidence,
                remediation: LocalizedText(
                    en: "Disable \(TLSRules.list(names)) in the server's TLS configuration (e.g. `ssl_protocols TLSv1.2 TLSv1.3;` in nginx, "
                        + "`SSLProtocol -all +TLSv1.2 +TLSv1.3` in Apache), restart it and probe again with `netaudit tls`.",
                    ja: "サーバーの TLS 設定で \(TLSRules.list(names)) を無効にし（nginx では `ssl_protocols TLSv1.2 TLSv1.3;`、Apache では "
                        + "`SSLProtocol -all +TLSv1.2 +TLSv1.3` など）、再起動後に `netaudit tls` で再検査してください。"))
        }
    }
}

extension ProtocolVersionRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("TLS 1.0 and 1.1 still accepted under a TLS 1.2 floor",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(versions: ["TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"])]),
                         params: "{min_version: tls1.2}"),
            AuditExample("SSLv3 is reported even under an ssl3 floor",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(versions: ["SSLv3", "TLSv1.2"])]),
                         params: "{min_version: ssl3}"),
            AuditExample("one finding per endpoint, including a STARTTLS mail server and a capture",
                         snapshot: AuditExample.tls([
                            AuditExample.tlsEndpoint(versions: ["TLSv1.0", "TLSv1.2"]),
                            AuditExample.tlsEndpoint("192.168.1.25", port: 25, sni: "mail.example.co.jp", starttls: "smtp", versions: ["TLSv1.1"]),
                            AuditExample.tlsEndpoint("192.168.1.30", origin: .capture, versions: ["TLSv1.0"]),
                         ]),
                         params: "{min_version: tls1.2}").expecting(3),
            AuditExample("above an explicit maximum",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(versions: ["TLSv1.2", "TLSv1.3"])]),
                         params: "{min_version: tls1.2, max_version: tls1.2}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("TLS 1.2 and 1.3 only",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint()]), params: "{min_version: tls1.2}").expecting(0),
            AuditExample("old versions probed but refused",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(versions: ["TLSv1.2"], refused: ["SSLv3", "TLSv1.0", "TLSv1.1"])]),
                         params: "{min_version: tls1.2}").expecting(0),
            AuditExample("TLS 1.0 allowed by an older floor",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(versions: ["TLSv1.0", "TLSv1.2"])]),
                         params: "{min_version: tls1.0}").expecting(0),
        ]
    }
}
