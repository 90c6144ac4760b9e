import Snapshot

/// `mail.starttls_missing`: a mail server on one of `ports` answered in plaintext and did not offer
/// STARTTLS (SMTP `EHLO` without `STARTTLS`, POP3 `CAPA` without `STLS`, IMAP `CAPABILITY` without
/// `STARTTLS`). With `exempt_internal_sites`, servers inside the profile's site subnets are skipped
/// (JPMA 5.1.4: internal mail uses plaintext authentication).
public struct StartTLSMissingRule: AuditRule, AuditInputRequirement {
    public static let id = "mail.starttls_missing"
    public static var requiresLedger: Bool { false }
    public init() {}

    public static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        MailRules.missingInput(context, rule)
    }

    public func evaluate(_ context: AuditContext, _ rule: ResolvedRule) -> [Finding] {
        let exempt = rule.bool("exempt_internal_sites") ?? false
        let findings = context.mailTargets(MailRules.ports(rule)).compactMap { mail -> Finding? in
            guard !mail.plaintext.starttlsOffered else { return nil }
            let exemption = MailRules.exemption(exempt, parameter: "exempt_internal_sites", mail, context, rule)
            guard !exemption.skip else { return nil }
            var evidence = [mail.evidence(mail.greetingFact, context)]
            if let note = exemption.evidence { evidence.append(note) }
            let command = mail.plaintext.protocolName.lowercased() == "pop3" ? "STLS" : "STARTTLS"
            return rule.finding(
                subject: mail.subject, identity: mail.identity,
                message: LocalizedText(
                    en: "\(mail.label) does not offer \(command): mail and passwords to this server cross the network in cleartext.",
                    ja: "\(mail.label) が \(command) を提供していません。このサーバーとの間のメールやパスワードは平文で送受信されます。"),
                evidence: evidence,
                remediation: LocalizedText(
                    en: "Enable STARTTLS on the server with a valid certificate (Postfix `smtpd_tls_security_level = may`, Dovecot `ssl = yes`); "
                        + "for submission and mailbox access prefer implicit TLS (465, 993, 995, RFC 8314).",
                    ja: "有効な証明書でサーバーの STARTTLS を有効にしてください（Postfix `smtpd_tls_security_level = may`、Dovecot `ssl = yes`）。"
                        + "送信・受信（サブミッション、POP3/IMAP）は暗黙的 TLS（465、993、995、RFC 8314）を推奨します。"))
        }
        return findings + TLSRules.unassessedNotes(context, rule)
    }
}

extension StartTLSMissingRule {
    static let internalSite = ["sites: [{name: 本社, subnets: [192.168.1.0/24]}]"]

    public static var triggeringExamples: [AuditExample] {
        [
            AuditExample("SMTP without STARTTLS",
                         snapshot: AuditExample.tls([AuditExample.mailEndpoint(starttls: false)])),
            AuditExample("POP3 and IMAP without STLS/STARTTLS",
                         snapshot: AuditExample.tls([AuditExample.mailEndpoint(port: 110, protocolName: "pop3", starttls: false),
                                                     AuditExample.mailEndpoint(port: 143, protocolName: "imap", starttls: false)])).expecting(2),
            AuditExample("an external server is reported even with the internal exemption",
                         snapshot: AuditExample.tls([AuditExample.mailEndpoint("203.0.113.25", starttls: false)]),
                         params: "{exempt_internal_sites: true}", scope: internalSite),
        ]
    }

    public static var nonTriggeringExamples: [AuditExample] {
        [
            AuditExample("STARTTLS offered", snapshot: AuditExample.tls([AuditExample.mailEndpoint()])).expecting(0),
            AuditExample("an internal server under exempt_internal_sites",
                         snapshot: AuditExample.tls([AuditExample.mailEndpoint(starttls: false)]),
                         params: "{exempt_internal_sites: true}", scope: internalSite).expecting(0),
            AuditExample("a port the profile does not list",
                         snapshot: AuditExample.tls([AuditExample.mailEndpoint(port: 2525, starttls: false),
                                                     AuditExample.mailEndpoint(starttls: true)]),
                         params: "{ports: [25/tcp]}").expecting(0),
        ]
    }
}
