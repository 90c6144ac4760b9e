import Snapshot

/// `tls.cert_chain_incomplete`: the server does not send the intermediates its leaf needs
/// (`trust.chain_complete == false`): clients that do not fetch missing intermediates themselves
/// (most non-browser clients) fail. A self-signed leaf has no chain to complete and is left to
/// `tls.cert_untrusted`.
public struct CertChainIncompleteRule: AuditRule, AuditInputRequirement {
    public static let id = "tls.cert_chain_incomplete"
    public static var requiresLedger: Bool { false }
    public init() {}

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        TLSRules.missingInput(context, rule)
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        TLSRules.evaluate(context, rule) { target in
            guard let trust = target.endpoint.trust, !trust.chainComplete, !trust.selfSigned, let leaf = target.leaf else { return nil }
            let sent = target.endpoint.certificates.map(\.shortName)
            return rule.finding(
                subject: target.subject, identity: target.identity,
                message: LocalizedText(
                    en: "\(target.label) does not send the intermediate certificate(s) for \(leaf.shortName): the leaf's issuer "
                        + "\(leaf.issuer) is neither sent nor a trusted root.",
                    ja: "\(target.label) が \(leaf.shortName) の中間証明書を送信していません。発行者 \(leaf.issuer) は送信されておらず、"
                        + "信頼されたルートでもありません。"),
                evidence: [target.evidence("chain as sent (leaf first): \(TLSRules.list(sent)); leaf issuer \(leaf.issuer); "
                                           + "chain_complete false (trust store \(trust.store))", context)],
                remediation: LocalizedText(
                    en: "Configure the server with the full chain file (leaf followed by the CA's intermediates, e.g. `fullchain.pem`), "
                        + "reload it and probe again.",
                    ja: "サーバーに完全なチェーンファイル（サーバー証明書に続けて CA の中間証明書、例: `fullchain.pem`）を設定し、"
                        + "再読み込み後に再検査してください。"))
        }
    }
}

extension CertChainIncompleteRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("the leaf alone, its intermediate missing",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate()],
                                                                              trust: AuditExample.tlsTrust(verified: false, error: "unable to get local issuer certificate",
                                                                                                           errorCode: 20, chainComplete: false))])),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("leaf and intermediate sent", snapshot: AuditExample.tls([AuditExample.tlsEndpoint()])).expecting(0),
            AuditExample("a self-signed leaf has no chain to complete",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(selfSigned: true)],
                                                                              trust: AuditExample.tlsTrust(verified: false, errorCode: 18,
                                                                                                           chainComplete: false, selfSigned: true))])).expecting(0),
        ]
    }
}
