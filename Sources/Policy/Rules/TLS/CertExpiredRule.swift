import Snapshot

/// `tls.cert_expired`: a certificate the server sends is outside its validity period at the audit's
/// `now` (notAfter has passed, or notBefore is still ahead): the leaf and any intermediate; a
/// self-signed root the server needlessly sends is not judged (clients use their own copy).
/// One finding per endpoint; the fingerprint includes the leaf's SHA-256, so the next certificate
/// is a new finding.
public struct CertExpiredRule: AuditRule, AuditInputRequirement {
    public static let id = "tls.cert_expired"
    public static var requiresLedger: Bool { false }
    public init() {}

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        TLSRules.missingInput(context, rule)
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let now = context.now
        return TLSRules.evaluate(context, rule) { target in
            guard let leaf = target.leaf else { return nil }
            var facts: [String] = []
            var expiredLeaf = false
            var notYetValid = false
            for (index, cert) in target.endpoint.certificates.enumerated() {
                if index > 0, cert.selfSigned { continue }
                let role = index == 0 ? "leaf" : "intermediate"
                if cert.notAfter < now {
                    facts.append("\(role) \(cert.subject) expired at \(cert.notAfter) (\(-cert.daysLeft(at: now)) days before \(now))")
                    if index == 0 { expiredLeaf = true }
                } else if cert.notBefore > now {
                    facts.append("\(role) \(cert.subject) is not valid before \(cert.notBefore) (audit time \(now))")
                    if index == 0 { notYetValid = true }
                }
            }
            guard !facts.isEmpty else { return nil }
            let what: (en: String, ja: String)
            if expiredLeaf {
                what = ("its certificate \(leaf.shortName) expired on \(leaf.notAfter)", "証明書 \(leaf.shortName) の有効期限が \(leaf.notAfter) に切れています")
            } else if notYetValid {
                what = ("its certificate \(leaf.shortName) is not valid until \(leaf.notBefore)", "証明書 \(leaf.shortName) は \(leaf.notBefore) まで有効になりません")
            } else {
                what = ("an intermediate certificate in its chain is outside its validity period", "証明書チェーン中の中間証明書が有効期間外です")
            }
            return rule.finding(
                subject: target.subject, identity: target.identity + ["leaf=\(leaf.sha256)"],
                message: LocalizedText(en: "\(target.label) serves an invalid chain: \(what.en).",
                                       ja: "\(target.label) の\(what.ja)。"),
                evidence: facts.map { target.evidence($0, context) },
                remediation: LocalizedText(
                    en: "Install a currently valid certificate (and intermediates) on the server, reload it and probe again; "
                        + "then set up renewal ahead of expiry (tls.cert_expiring watches the lead time).",
                    ja: "有効な証明書（及び中間証明書）をサーバーに導入して再読み込みし、再検査してください。あわせて期限前に更新される"
                        + "仕組みを整えてください（更新猶予は tls.cert_expiring が監視します）。"))
        }
    }
}

extension CertExpiredRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("the leaf expired ten days ago",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(validFrom: 355, validFor: -10),
                                                                                              AuditExample.tlsIntermediate()])])),
            AuditExample("a leaf that is not valid yet",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(validFrom: -2, validFor: 90)])])),
            AuditExample("an expired intermediate",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(),
                                                                                              AuditExample.tlsIntermediate(validFor: -1)])])),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("valid for 300 more days", snapshot: AuditExample.tls([AuditExample.tlsEndpoint()])).expecting(0),
            AuditExample("an expired self-signed root the server also sends is not judged",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [
                            AuditExample.tlsCertificate(), AuditExample.tlsIntermediate(),
                            AuditExample.tlsCertificate(cn: "Old Root", sans: [], validFrom: 9000, validFor: -100, selfSigned: true, isCA: true)])])).expecting(0),
        ]
    }
}
