import Snapshot

/// `mail.plaintext_auth`: a mail server on one of `ports` offers password authentication before TLS
/// (SMTP `AUTH PLAIN LOGIN` in the plaintext `EHLO`, POP3 `USER`, IMAP `LOGIN` without
/// `LOGINDISABLED`). With `allow_on_internal_sites`, servers inside the profile's site subnets are
/// skipped: their clients are the organisation's own LAN (JPMA 5.1.4 internal mail); the probe
/// cannot see the clients, so the server's address decides.
public struct PlaintextAuthRule: AuditRule, AuditInputRequirement {
    public static let id = "mail.plaintext_auth"
    public static var requiresLedger: Bool { false }
    public init() {}

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        MailRules.missingInput(context, rule)
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let allowInternal = rule.bool("allow_on_internal_sites") ?? false
        let findings = context.mailTargets(MailRules.ports(rule)).compactMap { mail -> Finding? in
            guard !mail.plaintext.authBeforeTLS.isEmpty else { return nil }
            let exemption = MailRules.exemption(allowInternal, parameter: "allow_on_internal_sites", mail, context, rule)
            guard !exemption.skip else { return nil }
            let mechanisms = mail.plaintext.authBeforeTLS.joined(separator: ", ")
            var evidence = [mail.evidence(mail.greetingFact, context)]
            if let note = exemption.evidence { evidence.append(note) }
            return rule.finding(
                subject: mail.subject, identity: mail.identity,
                message: LocalizedText(
                    en: "\(mail.label) offers password authentication before TLS (\(mechanisms)): a client can send its password in cleartext.",
                    ja: "\(mail.label) が TLS 確立前にパスワード認証（\(mechanisms)）を提供しています。クライアントがパスワードを平文で送信できる状態です。"),
                evidence: evidence,
                remediation: LocalizedText(
                    en: "Allow authentication only after TLS (Postfix `smtpd_tls_auth_only = yes`, Dovecot `disable_plaintext_auth = yes` / "
                        + "`auth_allow_cleartext = no`), or use implicit-TLS ports (465, 993, 995).",
                    ja: "認証は TLS 確立後のみ許可してください（Postfix `smtpd_tls_auth_only = yes`、Dovecot `disable_plaintext_auth = yes` / "
                        + "`auth_allow_cleartext = no`）。又は暗黙的 TLS のポート（465、993、995）を使用してください。"))
        }
        return findings + TLSRules.unassessedNotes(context, rule)
    }
}

extension PlaintextAuthRule {
    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("SMTP submission offering AUTH PLAIN LOGIN before STARTTLS",
                         snapshot: AuditExample.tls([AuditExample.mailEndpoint(port: 587, auth: ["PLAIN", "LOGIN"])])),
            AuditExample("POP3 USER on a server without STLS",
                         snapshot: AuditExample.tls([AuditExample.mailEndpoint(port: 110, protocolName: "pop3", starttls: false, auth: ["USER"])])),
            AuditExample("allowed internally, but the server is outside every site",
                         snapshot: AuditExample.tls([AuditExample.mailEndpoint("203.0.113.25", port: 143, protocolName: "imap", auth: ["LOGIN"])]),
                         params: "{allow_on_internal_sites: true}", scope: StartTLSMissingRule.internalSite),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("no mechanism before TLS", snapshot: AuditExample.tls([AuditExample.mailEndpoint(port: 587)])).expecting(0),
            AuditExample("an internal server when the profile allows it on internal sites",
                         snapshot: AuditExample.tls([AuditExample.mailEndpoint(port: 110, protocolName: "pop3", starttls: false, auth: ["USER"])]),
                         params: "{allow_on_internal_sites: true}", scope: StartTLSMissingRule.internalSite).expecting(0),
        ]
    }
}
