import Snapshot

/// `tls.cert_weak_signature`: a certificate the server sends is signed with a hash in
/// `forbidden_hashes` (default md2, md4, md5, sha1). Every certificate of the chain is judged except
/// a self-signed CA (a root: clients trust it by its presence in their store, not its signature).
/// A self-signed leaf is judged. One finding per endpoint listing the weak certificates.
public struct CertWeakSignatureRule: AuditRule, AuditInputRequirement {
    public static let id = "tls.cert_weak_signature"
    public static var requiresLedger: Bool { false }
    public init() {}

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        TLSRules.missingInput(context, rule)
    }

    static func normalised(_ hash: String) -> String { hash.lowercased().replacingOccurrences(of: "-", with: "") }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let forbidden = Set((rule.strings("forbidden_hashes") ?? ["md2", "md4", "md5", "sha1"]).map(CertWeakSignatureRule.normalised))
        return TLSRules.evaluate(context, rule) { target in
            var weak: [(Int, TLSCertificate)] = []
            for (index, cert) in target.endpoint.certificates.enumerated() {
                if cert.selfSigned && (index > 0 || cert.isCA) { continue }
                guard let hash = cert.signatureHash, forbidden.contains(CertWeakSignatureRule.normalised(hash)) else { continue }
                weak.append((index, cert))
            }
            guard !weak.isEmpty else { return nil }
            let names = weak.map { "\($0.1.shortName) (\($0.1.signatureAlgorithm))" }
            var evidence = weak.map { index, cert in
                target.evidence("\(index == 0 ? "leaf" : "chain certificate \(index + 1)") \(cert.subject), issuer \(cert.issuer): "
                                + "signed with \(cert.signatureAlgorithm) (\(cert.signatureHash ?? "-"))", context)
            }
            evidence.append(TLSRules.setting("the profile forbids signature hashes \(TLSRules.list(forbidden.sorted()))", rule,
                                             parameter: "forbidden_hashes"))
            return rule.finding(
                subject: target.subject, identity: target.identity,
                message: LocalizedText(
                    en: "\(target.label) sends certificates signed with a forbidden hash: \(TLSRules.list(names)).",
                    ja: "\(target.label) が禁止されたハッシュ関数で署名された証明書を送信しています: \(TLSRules.list(names))。"),
                evidence: evidence,
                remediation: LocalizedText(
                    en: "Have the certificate reissued with a SHA-256 (or stronger) signature and replace any SHA-1/MD5-signed "
                        + "intermediate with the CA's current one.",
                    ja: "SHA-256 以上の署名で証明書を再発行し、SHA-1/MD5 で署名された中間証明書は CA の現行のものに差し替えてください。"))
        }
    }
}

extension CertWeakSignatureRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a SHA-1-signed leaf",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(signatureHash: "sha1"),
                                                                                              AuditExample.tlsIntermediate()])])),
            AuditExample("an MD5-signed intermediate and a SHA-1 leaf: one finding",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(signatureHash: "sha1"),
                                                                                              AuditExample.tlsIntermediate(signatureHash: "md5")])])),
            AuditExample("a self-signed SHA-1 leaf is still judged",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(signatureHash: "sha1",
                                                                                                                         selfSigned: true)])]),
                         params: "{forbidden_hashes: [md5, sha1]}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("SHA-256 throughout", snapshot: AuditExample.tls([AuditExample.tlsEndpoint()])).expecting(0),
            AuditExample("a SHA-1 self-signed root sent along is not judged",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [
                            AuditExample.tlsCertificate(), AuditExample.tlsIntermediate(),
                            AuditExample.tlsCertificate(cn: "Example Root CA", sans: [], validFrom: 4000, validFor: 4000, signatureHash: "sha1",
                                                        selfSigned: true, isCA: true)])])).expecting(0),
            AuditExample("Ed25519 has no separate hash",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(keyType: "Ed25519",
                                                                                                                         keyBits: 253, signatureHash: nil)])])).expecting(0),
        ]
    }
}
