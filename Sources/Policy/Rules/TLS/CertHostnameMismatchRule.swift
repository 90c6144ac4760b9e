import Snapshot

/// `tls.cert_hostname_mismatch`: the prober checked the leaf against the name (or address) it meant
/// to reach and the leaf does not name it (`trust.hostname_matches == false`). Endpoints probed
/// without a name to check (`hostname_matches` absent) are not judged.
public struct CertHostnameMismatchRule: AuditRule, AuditInputRequirement {
    public static let id = "tls.cert_hostname_mismatch"
    public static var requiresLedger: Bool { false }
    public init() {}

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        TLSRules.missingInput(context, rule)
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        TLSRules.evaluate(context, rule) { target in
            guard let trust = target.endpoint.trust, trust.hostnameMatches == false, let leaf = target.leaf else { return nil }
            let name = trust.checkedName ?? target.endpoint.sni ?? target.endpoint.host
            let sans = leaf.subjectAltNames.isEmpty ? "none" : TLSRules.list(leaf.subjectAltNames)
            return rule.finding(
                subject: target.subject, identity: target.identity,
                message: LocalizedText(
                    en: "\(target.label): certificate \(leaf.shortName) does not name \(name) (subjectAltNames: \(sans)).",
                    ja: "\(target.label) の証明書 \(leaf.shortName) に接続先名 \(name) が含まれていません（subjectAltName: \(sans)）。"),
                evidence: [target.evidence("leaf \(leaf.subject): subjectAltNames \(sans), CN \(leaf.commonName ?? "-"); "
                                           + "checked against \(name): no match", context)],
                remediation: LocalizedText(
                    en: "Install a certificate whose subjectAltName lists \(name) (clients ignore the CN), or have clients use a name "
                        + "the certificate lists.",
                    ja: "subjectAltName に \(name) を含む証明書を導入するか（クライアントは CN を参照しません）、クライアントが証明書に"
                        + "記載された名前で接続するようにしてください。"))
        }
    }
}

extension CertHostnameMismatchRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a certificate for another name",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(sni: "intra.example.co.jp",
                                                                              certificates: [AuditExample.tlsCertificate(cn: "www.example.co.jp")],
                                                                              trust: AuditExample.tlsTrust(verified: false, error: "hostname mismatch",
                                                                                                           errorCode: 62, hostnameMatches: false,
                                                                                                           checkedName: "intra.example.co.jp"))])),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("the name matches", snapshot: AuditExample.tls([AuditExample.tlsEndpoint()])).expecting(0),
            AuditExample("no name was checked (probed by address without SNI)",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(sni: nil, trust: AuditExample.tlsTrust(hostnameMatches: nil,
                                                                                                                      checkedName: nil))])).expecting(0),
        ]
    }
}
