import Snapshot

/// `tls.cert_expiring`: the leaf certificate is still valid but expires in fewer than
/// `renewal_lead_days` whole days from the audit's `now`. An expired leaf is `tls.cert_expired`'s.
/// The fingerprint includes the leaf's SHA-256: a renewed certificate that again runs short is a new
/// finding, not one a baseline already holds.
public struct CertExpiringRule: AuditRule, AuditInputRequirement {
    public static let id = "tls.cert_expiring"
    public static var requiresLedger: Bool { false }
    public init() {}

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        TLSRules.missingInput(context, rule)
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        guard let lead = rule.int("renewal_lead_days") else { return [] }
        let now = context.now
        return TLSRules.evaluate(context, rule) { target in
            guard let leaf = target.leaf, leaf.notAfter >= now, leaf.notBefore <= now else { return nil }
            let days = leaf.daysLeft(at: now)
            guard days < lead else { return nil }
            return rule.finding(
                subject: target.subject, identity: target.identity + ["leaf=\(leaf.sha256)"],
                message: LocalizedText(
                    en: "\(target.label): certificate \(leaf.shortName) expires on \(leaf.notAfter), in \(days) day\(days == 1 ? "" : "s"); "
                        + "the profile requires renewal \(lead) days ahead.",
                    ja: "\(target.label) の証明書 \(leaf.shortName) は \(leaf.notAfter) に期限切れとなります（残り \(days) 日）。"
                        + "プロファイルでは \(lead) 日前までの更新を求めています。"),
                evidence: [target.evidence("leaf \(leaf.subject), serial \(leaf.serial), issuer \(leaf.issuer): notAfter \(leaf.notAfter), "
                                           + "\(days) days left at \(now)", context),
                           TLSRules.setting("the profile's renewal_lead_days is \(lead)", rule, parameter: "renewal_lead_days")],
                remediation: LocalizedText(
                    en: "Renew the certificate now and install it with its intermediates; automate renewal (ACME) where the CA allows it.",
                    ja: "証明書を直ちに更新し、中間証明書とともに導入してください。CA が対応していれば更新を自動化（ACME）してください。"))
        }
    }
}

extension CertExpiringRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("20 days left with a 30-day lead",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(validFor: 20)])]),
                         params: "{renewal_lead_days: 30}"),
            AuditExample("expires later today",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(validFor: 0)])]),
                         params: "{renewal_lead_days: 1}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("300 days left", snapshot: AuditExample.tls([AuditExample.tlsEndpoint()]), params: "{renewal_lead_days: 30}").expecting(0),
            AuditExample("exactly the lead time left",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(validFor: 30)])]),
                         params: "{renewal_lead_days: 30}").expecting(0),
            AuditExample("already expired is tls.cert_expired's case",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(validFor: -3)])]),
                         params: "{renewal_lead_days: 30}").expecting(0),
        ]
    }
}
