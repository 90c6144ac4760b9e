import Snapshot

/// `tls.weak_key_exchange`: an endpoint negotiates finite-field Diffie-Hellman with a prime smaller
/// than `min_dh_bits` (`dh_min_bits`, or an accepted `ffdhe`/`dhe` group), or accepts an elliptic
/// curve smaller than 224 bits (secp192r1 and smaller; 224 bits is NIST SP 800-52r2's floor).
/// One finding per endpoint listing each weak group.
public struct WeakKeyExchangeRule: AuditRule, AuditInputRequirement {
    public static let id = "tls.weak_key_exchange"
    public static var requiresLedger: Bool { false }
    public init() {}

    /// Smallest elliptic curve accepted, in bits (x25519 counts as 253 bits and passes).
    static let minimumCurveBits = 224

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        TLSRules.missingInput(context, rule)
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let minimum = rule.int("min_dh_bits") ?? 2048
        return TLSRules.evaluate(context, rule) { target in
            let endpoint = target.endpoint
            var facts: [String] = []
            var weak: [String] = []
            if let bits = endpoint.dhMinBits, bits < minimum {
                facts.append("a DHE suite used a \(bits)-bit finite-field prime (ServerKeyExchange), below \(minimum) bits")
                weak.append("DH \(bits)-bit")
            }
            for group in endpoint.groups {
                switch group.kind.lowercased() {
                case "ffdhe", "dhe":
                    guard group.bits < minimum else { continue }
                    if group.kind.lowercased() == "dhe", endpoint.dhMinBits == group.bits, weak.contains("DH \(group.bits)-bit") { continue }
                    facts.append("accepts \(group.name) (\(group.kind), \(group.bits) bits), below \(minimum) bits")
                    weak.append("\(group.name) (\(group.bits)-bit)")
                case "ecdhe":
                    guard group.bits < WeakKeyExchangeRule.minimumCurveBits else { continue }
                    facts.append("accepts the curve \(group.name) (\(group.bits) bits), below \(WeakKeyExchangeRule.minimumCurveBits) bits")
                    weak.append("\(group.name) (\(group.bits)-bit)")
                default:
                    continue
                }
            }
            guard !facts.isEmpty else { return nil }
            var evidence = facts.map { target.evidence($0, context) }
            evidence.append(TLSRules.setting("the profile requires DH groups of at least \(minimum) bits (min_dh_bits); "
                                             + "elliptic curves need \(WeakKeyExchangeRule.minimumCurveBits) bits", rule, parameter: "min_dh_bits"))
            return rule.finding(
                subject: target.subject, identity: target.identity,
                message: LocalizedText(
                    en: "\(target.label) uses weak key-exchange groups: \(TLSRules.list(weak)); the minimum is \(minimum)-bit DH and "
                        + "\(WeakKeyExchangeRule.minimumCurveBits)-bit curves.",
                    ja: "\(target.label) が弱い鍵交換グループを使用しています: \(TLSRules.list(weak))。最小値は DH \(minimum) ビット、"
                        + "楕円曲線 \(WeakKeyExchangeRule.minimumCurveBits) ビットです。"),
                evidence: evidence,
                remediation: LocalizedText(
                    en: "Configure DHE with ffdhe2048 or larger (RFC 7919 groups, e.g. `ssl_dhparam` with a 2048-bit or larger file) "
                        + "or drop DHE suites in favour of ECDHE; offer only x25519, secp256r1 or larger curves.",
                    ja: "DHE には ffdhe2048 以上（RFC 7919 のグループ、又は 2048 ビット以上の `ssl_dhparam`）を設定するか、DHE スイートをやめて "
                        + "ECDHE を使ってください。楕円曲線は x25519、secp256r1 以上のみを提供してください。"))
        }
    }
}

extension WeakKeyExchangeRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a 1024-bit DHE prime",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(suites: ["TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"],
                                                                              groups: [TLSGroup(name: "dh1024", kind: "dhe", bits: 1024)],
                                                                              dhMinBits: 1024)]),
                         params: "{min_dh_bits: 2048}"),
            AuditExample("a 192-bit curve beside good ones",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(groups: [TLSGroup(name: "x25519", kind: "ecdhe", bits: 253),
                                                                                       TLSGroup(name: "secp192r1", kind: "ecdhe", bits: 192)])])),
            AuditExample("ffdhe2048 under a 3072-bit floor",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(groups: [TLSGroup(name: "ffdhe2048", kind: "ffdhe", bits: 2048)],
                                                                              dhMinBits: 2048)]),
                         params: "{min_dh_bits: 3072}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("ECDHE on x25519 and P-256 only",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint()])).expecting(0),
            AuditExample("a 2048-bit DHE prime at the default floor",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(groups: [TLSGroup(name: "ffdhe2048", kind: "ffdhe", bits: 2048)],
                                                                              dhMinBits: 2048)])).expecting(0),
        ]
    }
}
