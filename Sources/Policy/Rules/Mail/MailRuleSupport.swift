import NetAddress
import Snapshot

/// What the `mail.*` rules share. Their facts are what a mail server said before TLS
/// (`TLSEndpoint.plaintext`: greeting, STARTTLS offered, mechanisms offered in the clear), recorded
/// by `netaudit tls` / `audit --scan` on SMTP, submission, POP3 and IMAP ports.
///
/// - Judged: endpoints with plaintext facts on a port in the rule's `ports` (TCP).
/// - Internal servers: an IPv4 server address inside one of the profile's `scope.sites` subnets.
///   `exempt_internal_sites` / `allow_on_internal_sites` skip those; without declared sites nothing
///   counts as internal and the finding says so.
/// - Subject and identity: the server's `ADDRESS:PORT` and protocol (not the SNI: what a server says
///   before TLS does not depend on it), so an exception can match by `ip` (CIDR) or `endpoint`.
/// - Without any such endpoint the rule is not evaluated (`no_mail_endpoints`), never a silent pass.
struct MailTarget {
    let target: TLSTarget
    let plaintext: TLSPlaintextFacts

    var endpoint: TLSEndpoint { target.endpoint }

    /// `192.168.1.25:25 (smtp)`.
    var label: String { "\(target.hostPort) (\(plaintext.protocolName.uppercased()))" }

    var subject: Subject { Subject(kind: .endpoint, ip: endpoint.address, endpoint: target.hostPort) }

    var identity: [String] { ["mail-endpoint=\(endpoint.address.lowercased()):\(endpoint.port)", "protocol=\(plaintext.protocolName.lowercased())"] }

    func evidence(_ fact: String, _ context: AuditContext) -> FindingEvidence { target.evidence(fact, context) }

    /// The greeting line as evidence (`220 mail.example.co.jp ESMTP`).
    var greetingFact: String {
        "\(plaintext.protocolName.uppercased()) greeting \"\(plaintext.greeting ?? "")\"; STARTTLS \(plaintext.starttlsOffered ? "offered" : "not offered"); "
            + "mechanisms before TLS: \(plaintext.authBeforeTLS.isEmpty ? "none" : plaintext.authBeforeTLS.joined(separator: " "))"
    }
}

extension AuditContext {
    /// Endpoints with plaintext (pre-TLS) facts on one of `ports`, one per server address, port and protocol.
    func mailTargets(_ ports: [ProfilePortRange]) -> [MailTarget] {
        var seen = Set<String>()
        return tlsTargets.compactMap { target in
            guard let plaintext = target.endpoint.plaintext,
                  ports.contains(where: { $0.contains(port: target.endpoint.port, transport: .tcp) }) else { return nil }
            let mail = MailTarget(target: target, plaintext: plaintext)
            return seen.insert(mail.identity.joined(separator: "|")).inserted ? mail : nil
        }
    }

    /// The declared site whose subnets hold `address` (IPv4 only).
    func site(containing address: String) -> ProfileSite? {
        guard let ip = IPv4Address(address) else { return nil }
        return profile.scope.sites.first { $0.contains(ip) }
    }
}

enum MailRules {
    static func ports(_ rule: ResolvedRule) -> [ProfilePortRange] {
        rule.ports("ports") ?? [25, 110, 143, 587].compactMap { ProfilePortRange(lower: $0, upper: $0, transport: .tcp) }
    }

    static func missingInput(_ context: AuditContext, _ rule: ResolvedRule) -> AuditOutcome.NotEvaluatedRule? {
        let ports = ports(rule)
        guard context.mailTargets(ports).isEmpty else { return nil }
        let failed = context.tlsTargets.filter { target in
            target.endpoint.plaintext == nil && target.endpoint.status != .ok
                && ports.contains(where: { $0.contains(port: target.endpoint.port, transport: .tcp) })
        }
        let list = ports.map(\.description).joined(separator: ", ")
        var detail = "ports \(list)"
        if !failed.isEmpty {
            detail += "; probed without an answer: " + failed.map { "\($0.hostPort) (\($0.endpoint.status.rawValue))" }.joined(separator: ", ")
        }
        return .init(id: rule.id, reason: .noMailEndpoints, detail: detail)
    }

    /// Evidence and wording when an internal-site exemption is set but cannot apply.
    static func exemption(_ enabled: Bool, parameter: String, _ mail: MailTarget, _ context: AuditContext,
                          _ rule: ResolvedRule) -> (skip: Bool, evidence: FindingEvidence?) {
        guard enabled else { return (false, nil) }
        if context.site(containing: mail.endpoint.address) != nil { return (true, nil) }
        let fact = context.profile.scope.sites.isEmpty
            ? "\(parameter) is set, but the profile declares no scope.sites: no server counts as internal"
            : "\(parameter) is set; \(mail.endpoint.address) lies in no declared site subnet ("
                + context.profile.scope.sites.map { "\($0.name.value) " + $0.subnets.map { $0.value.description }.joined(separator: " ") }
                    .joined(separator: "; ") + ")"
        return (false, TLSRules.setting(fact, rule, parameter: parameter))
    }
}
