import Snapshot

/// `tls.cert_untrusted`: chain verification failed (`trust.verified == false`) for a reason other
/// than validity dates or the name: a self-signed certificate, an issuer the trust store does not
/// know, a root the store does not trust, a bad signature. Expiry alone is `tls.cert_expired`'s,
/// a name mismatch alone `tls.cert_hostname_mismatch`'s (OpenSSL codes 9, 10, 62–64); a self-signed
/// leaf is reported here even when it has also expired.
///
/// Verification happens at probe time against the store named in `trust.store`; the audit cannot
/// repeat it. The finding names that store, and says so when it is not the store the profile asks
/// for (`use_system_roots`, `ca_bundle`), since the verdict may then differ.
public struct CertUntrustedRule: AuditRule, AuditInputRequirement {
    public static let id = "tls.cert_untrusted"
    public static var requiresLedger: Bool { false }
    public init() {}

    /// X509_V_ERR codes of problems other rules report.
    static let datesOnly: Set<Int> = [9, 10, 13, 14]
    static let nameOnly: Set<Int> = [62, 63, 64]

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        TLSRules.missingInput(context, rule)
    }

    /// What the profile asks for as `system`, `FILE` or `system+FILE`, and whether `store` differs from it.
    static func storeDifference(_ store: String, useSystemRoots: Bool, caBundle: String?) -> String? {
        let usesSystem = store == "system" || store.hasPrefix("system+")
        let file: String? = store == "system" ? nil : store.hasPrefix("system+") ? String(store.dropFirst("system+".count)) : store
        func base(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
        let wanted = [useSystemRoots ? "system" : nil, caBundle].compactMap { $0 }.joined(separator: "+")
        var differs = usesSystem != useSystemRoots
        switch (file, caBundle) {
        case (nil, nil): break
        case (let f?, let b?): if base(f) != base(b) { differs = true }
        default: differs = true
        }
        return differs ? (wanted.isEmpty ? "no trust store" : wanted) : nil
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let useSystem = rule.bool("use_system_roots") ?? true
        let bundle = rule.string("ca_bundle")
        return TLSRules.evaluate(context, rule) { target in
            guard let trust = target.endpoint.trust, !trust.verified else { return nil }
            let text = (trust.error ?? "").lowercased()
            let selfSigned = trust.selfSigned || trust.errorCode == 18
            if !selfSigned {
                if let code = trust.errorCode, CertUntrustedRule.datesOnly.contains(code) || CertUntrustedRule.nameOnly.contains(code) { return nil }
                if trust.errorCode == nil, text.contains("expired") || text.contains("not yet valid") || text.contains("hostname mismatch") {
                    return nil
                }
            }
            let why: (en: String, ja: String)
            switch trust.errorCode {
            case _ where selfSigned: why = ("the certificate is self-signed", "自己署名証明書です")
            case 19: why = ("the chain ends in a self-signed root the trust store does not hold", "チェーンの末端が信頼ストアにない自己署名ルートです")
            case 2, 20, 21: why = ("its issuer is not in the trust store (unknown CA or missing intermediate)", "発行者が信頼ストアにありません（不明な CA 又は中間証明書の欠落）")
            default: why = ("verification failed: \(trust.error ?? "unknown error")", "検証に失敗しました: \(trust.error ?? "不明なエラー")")
            }
            let leaf = target.leaf
            var evidence: [FindingEvidence] = []
            if let leaf {
                evidence.append(target.evidence("leaf \(leaf.subject), issuer \(leaf.issuer)\(leaf.selfSigned ? " (self-signed)" : ""); "
                                                + "\(target.endpoint.certificates.count) certificate\(target.endpoint.certificates.count == 1 ? "" : "s") sent", context))
            }
            var verdict = "not verified against trust store \(trust.store)"
            if let code = trust.errorCode { verdict += ": X509_V_ERR \(code)" }
            if let error = trust.error { verdict += " (\(error))" }
            evidence.append(target.evidence(verdict, context))
            let difference = CertUntrustedRule.storeDifference(trust.store, useSystemRoots: useSystem, caBundle: bundle)
            var noteEN = ""
            var noteJA = ""
            if let difference {
                noteEN = " The probe verified against \(trust.store), but the profile trusts \(difference); the verdict may differ with that store: probe again with it."
                noteJA = " 検査時の信頼ストアは \(trust.store) ですが、プロファイルの信頼ストアは \(difference) です。結果が異なる可能性があるため、そのストアで再検査してください。"
                evidence.append(TLSRules.setting("the profile trusts \(difference) (use_system_roots \(useSystem)\(bundle.map { ", ca_bundle \($0)" } ?? ""))",
                                                 rule, parameter: bundle == nil ? "use_system_roots" : "ca_bundle"))
            }
            return rule.finding(
                subject: target.subject, identity: target.identity,
                message: LocalizedText(
                    en: "\(target.label): the certificate\(leaf.map { " \($0.shortName)" } ?? "") is not trusted: \(why.en).\(noteEN)",
                    ja: "\(target.label) の証明書\(leaf.map { " \($0.shortName)" } ?? "")は信頼されていません: \(why.ja)。\(noteJA)"),
                evidence: evidence,
                remediation: LocalizedText(
                    en: "Install a certificate issued by a public CA or by the organisation's internal CA (and give the audit that CA with "
                        + "ca_bundle); send the full chain up to, but not including, the root.",
                    ja: "公的 CA 又は組織内 CA が発行した証明書を導入し（組織内 CA の場合は ca_bundle で監査に指定）、ルートを除く完全なチェーンを"
                        + "送信するよう設定してください。"))
        }
    }
}

extension CertUntrustedRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("a self-signed printer certificate",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint("192.168.1.50", sni: nil,
                                                                              certificates: [AuditExample.tlsCertificate(cn: "printer", selfSigned: true)],
                                                                              trust: AuditExample.tlsTrust(verified: false, error: "self-signed certificate",
                                                                                                           errorCode: 18, hostnameMatches: nil, checkedName: nil,
                                                                                                           selfSigned: true))])),
            AuditExample("an internal CA the probe's store did not hold, while the profile names a CA bundle",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(trust: AuditExample.tlsTrust(
                            verified: false, error: "unable to get local issuer certificate", errorCode: 20, chainComplete: false))]),
                         params: "{ca_bundle: internal-ca.pem}"),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("verified against the system roots", snapshot: AuditExample.tls([AuditExample.tlsEndpoint()])).expecting(0),
            AuditExample("expiry alone is tls.cert_expired's",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(certificates: [AuditExample.tlsCertificate(validFor: -2)],
                                                                              trust: AuditExample.tlsTrust(verified: false, error: "certificate has expired",
                                                                                                           errorCode: 10))])).expecting(0),
            AuditExample("a name mismatch alone is tls.cert_hostname_mismatch's",
                         snapshot: AuditExample.tls([AuditExample.tlsEndpoint(trust: AuditExample.tlsTrust(
                            verified: false, error: "hostname mismatch", errorCode: 62, hostnameMatches: false))])).expecting(0),
        ]
    }
}
