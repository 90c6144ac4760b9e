import Snapshot

/// `tls.cert_key_too_small`: the leaf certificate's public key is shorter than the profile allows:
/// RSA and DSA keys against `min_rsa_bits`, EC keys against `min_ec_bits`. Ed25519 and Ed448 keys
/// have fixed, adequate strength and are not judged.
public struct CertKeyTooSmallRule: AuditRule, AuditInputRequirement {
    public static let id = "tls.cert_key_too_small"
    public static var requiresLedger: Bool { false }
    public init() {}

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        TLSRules.missingInput(context, rule)
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let minRSA = rule.int("min_rsa_bits") ?? 2048
        let minEC = rule.int("min_ec_bits") ?? 256
        return TLSRules.evaluate(context, rule) { target in
            guard let leaf = target.leaf else { return nil }
            let minimum: Int
            let parameter: String
            switch leaf.keyType.uppercased() {
            case "RSA", "RSA-PSS", "DSA", "DH": minimum = minRSA; parameter = "min_rsa_bits"
            case "EC", "ECDSA": minimum = minEC; parameter = "min_ec_bits"
            default: return nil
            }
            guard leaf.keyBits < minimum else { return nil }
            return rule.finding(
                subject: target.subject, identity: target.identity,
                message: LocalizedText(
                    en: "\(target.label): certificate \(leaf.shortName) has a \(leaf.keyBits)-bit \(leaf.keyType) key; the profile requires at least \(minimum) bits.",
                    ja: "\(target.label) の証明書 \(leaf.shortName) の鍵は \(leaf.keyType) \(leaf.keyBits) ビットです。プロファイルでは \(minimum) ビット以上が必要です。"),
                evidence: [target.evidence("leaf \(leaf.subject): public key \(leaf.keyDescription)", context),
                           TLSRules.setting("the profile's \(parameter) is \(minimum)", rule, parameter: parameter)],
                remediation: LocalizedText(
                    en: "Generate a new key (RSA 2048 bits or more, or ECDSA P-256/P-384), have a certificate issued for it and install it.",
                    ja: "新しい鍵（RSA 2048 ビット以上、又は ECDSA P-256/P-384）を生成し、その鍵で証明書を発行して導入してください。"))
        }
    }
}

extension CertKeyTooSmallRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a 1024-bit RSA key",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(keyBits: 1024)])])),
            AuditExample("a P-224 key under a 256-bit EC floor",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(keyType: "EC", keyBits: 224,
                                                                                                                         curve: "secp224r1")])]),
                         params: "{min_rsa_bits: 2048, min_ec_bits: 256}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("RSA 2048", snapshot: AuditExample.tls([AuditExample.tlsEndpoint()])).expecting(0),
            AuditExample("ECDSA P-256 and Ed25519",
                         snapshot: AuditExample.tls([
                            AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(keyType: "EC", keyBits: 256, curve: "prime256v1")]),
                            AuditExample.tlsEndpoint("192.168.1.11", certificates: [AuditExample.tlsCertificate(keyType: "Ed25519", keyBits: 253,
                                                                                                               signatureHash: nil)]),
                         ])).expecting(0),
            AuditExample("a small key on an intermediate is not the leaf's",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [
                            AuditExample.tlsCertificate(), AuditExample.tlsCertificate(cn: "Small CA", keyBits: 1024, isCA: true)])])).expecting(0),
        ]
    }
}
